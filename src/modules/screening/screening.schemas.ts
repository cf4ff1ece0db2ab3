import { Type } from '@sinclair/typebox';

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

/** A legal basis as shown with a justified finding: the reviewer sees what it is and what it covers. */
export const FindingBasis = Type.Object({
  code: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  source: Type.Optional(Bilingual),
  scope: Type.Optional(Bilingual),
});

/** One screening finding (shared by the vacancy responses, the review queue and POST /screening/check). */
export const FindingSchema = Type.Object(
  {
    ruleId: Type.String(),
    category: Type.String(),
    field: Type.String(),
    span: Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() }),
    severity: Type.String(),
    message: Bilingual,
    status: Type.String(),
    basis: Type.Optional(FindingBasis),
  },
  { additionalProperties: true },
);

export const LegalBasisSchema = Type.Object({
  code: Type.String(),
  name: Bilingual,
  source: Bilingual,
  categories: Type.Array(Type.String()),
  categoryNames: Type.Array(Bilingual),
  scope: Bilingual,
  occupations: Type.Union([
    Type.Object({ cn2022: Type.Array(Type.String()), isco: Type.Array(Type.String()), label: Bilingual }),
    Type.Null(),
  ]),
  ages: Type.Union([Type.Object({ min: Type.Optional(Type.Integer()), max: Type.Optional(Type.Integer()) }), Type.Null()]),
});

import { Type } from '@sinclair/typebox';
import { Nullable } from '../lib/http.js';
import { lit } from '../lib/http.js';
import { CONTRACT_TYPE_VALUES as CONTRACT_TYPES, EDUCATION } from '../vocabulary/index.js';

/** Public vacancy fields: what a kiosk or anyone may see. The response schema drops anything else. */
export const PublicVacancy = Type.Object({
  id: Type.String(),
  title: Type.String(),
  employerName: Type.String(),
  description: Type.String(),
  requirements: Type.String(),
  howToApply: Type.String(),
  districtCode: Nullable(Type.String()),
  districtNameZh: Nullable(Type.String()),
  districtNameEn: Nullable(Type.String()),
  iscoUnit: Nullable(Type.String()),
  skills: Type.Array(Type.String()),
  headcount: Type.Integer(),
  wageMin: Nullable(Type.Number()),
  wageMax: Nullable(Type.Number()),
  wageUnit: Type.String(),
  wageStated: Type.Boolean({ description: 'false when the posting states no pay (kept in wage-filtered results, marked)' }),
  educationMin: Type.String(),
  contractType: Type.String(),
  fairId: Nullable(Type.String()),
  fairName: Nullable(Type.String()),
  boothNo: Nullable(Type.String()),
  publicWelfare: Type.Boolean(),
  publishedAt: Type.String({ format: 'date-time' }),
  expiresAt: Nullable(Type.String({ format: 'date-time' })),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
});

const csv = (description: string) => Type.String({ maxLength: 500, description: `${description} (comma-separated)` });

export const VacancySearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'text, pinyin (diangong), initials (dg) or English' })),
    district: Type.Optional(csv('district codes')),
    occupationGroup: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: 'ISCO-08 group prefix' })),
    wageMin: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
    education: Type.Optional(lit(EDUCATION)),
    contractType: Type.Optional(csv(`contract types: ${CONTRACT_TYPES.join(', ')}`)),
    fairId: Type.Optional(Type.String({ format: 'uuid' })),
    publicWelfare: Type.Optional(Type.Boolean()),
    postedSince: Type.Optional(Type.String({ format: 'date' })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    radiusKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200, default: 10 })),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('wage')])),
    facets: Type.Optional(csv('facets: districtCode, contractType, educationMin, publicWelfare, iscoMajor')),
    page: Type.Integer({ minimum: 1, maximum: 500, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);

export const Facets = Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer()));

export const VacancySearchResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      vacancy: PublicVacancy,
      highlight: Type.Object({ title: Type.Optional(Type.String({ description: 'HTML-escaped title with <mark> around matches' })) }),
      distanceKm: Type.Optional(Type.Number()),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  facets: Facets,
  tookMs: Type.Integer(),
});

/** A job seeker as recruiters see it: masked name, no contact, no protected attributes. */
export const MaskedSeeker = Type.Object({
  id: Type.String(),
  maskedName: Type.String(),
  skills: Type.Array(Type.String()),
  iscoUnits: Type.Array(Type.String()),
  experienceYears: Type.Integer(),
  education: Type.String(),
  districtCode: Nullable(Type.String()),
  desiredWageMin: Nullable(Type.Number()),
  availability: Type.String(),
  profileText: Type.String(),
});

export const SeekerSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    district: Type.Optional(csv('district codes')),
    education: Type.Optional(lit(EDUCATION)),
    experienceMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    offer: Type.Optional(Type.Number({ minimum: 0, description: 'your monthly offer: seekers expecting at most this' })),
    availability: Type.Optional(csv('immediate, within_month, later, employed_looking')),
    occupationGroup: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
    facets: Type.Optional(csv('facets: districtCode, education, availability')),
    page: Type.Integer({ minimum: 1, maximum: 500, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);

export const SeekerSearchResponse = Type.Object({
  items: Type.Array(MaskedSeeker),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  facets: Facets,
  tookMs: Type.Integer(),
});

export const VacancyCompleteQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'what has been typed so far: characters (数据), full pinyin (shuju) or initials (sj)' }),
    limit: Type.Integer({ minimum: 1, maximum: 20, default: 8 }),
    kinds: Type.Optional(csv('what to suggest: title, occupation, employer (default all)')),
  },
  { additionalProperties: false },
);

export const VacancyCompleteResponse = Type.Object({
  q: Type.String(),
  suggestions: Type.Array(
    Type.Object({
      text: Type.String({ description: 'the title, occupation or employer name, as written' }),
      kind: Type.Union([Type.Literal('title'), Type.Literal('occupation'), Type.Literal('employer')]),
      count: Type.Integer({ description: 'open vacancies carrying it' }),
      match: Type.Union([Type.Literal('exact'), Type.Literal('prefix'), Type.Literal('related'), Type.Literal('homophone')], {
        description: 'exact text; a prefix of its characters, pinyin or initials; a synonym or occupation; or the same sound written with other characters',
      }),
    }),
  ),
  tookMs: Type.Integer(),
});

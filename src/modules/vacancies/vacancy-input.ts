import { Type, type Static } from '@sinclair/typebox';
import { lit } from '../../lib/http.js';
import { toMonthly } from '../../lib/wages.js';
import type { FieldError } from '../../lib/errors.js';
import { daysFrom, DEFAULT_BOUNDS, type Bounds } from '../../lib/bounds.js';
import { codeVacancy } from '../occupations/index.js';
import { CONTRACT_TYPE_VALUES, EDUCATION, PAY_UNIT_VALUES } from '../../vocabulary/index.js';

/**
 * The editable fields of a vacancy, shared by the API (create/update), the bulk import and
 * the demo data, so every path validates and normalises a vacancy the same way.
 */
export { EDUCATION } from '../../vocabulary/index.js';
export const CONTRACT_TYPES = CONTRACT_TYPE_VALUES;
export const WAGE_UNITS = PAY_UNIT_VALUES;


export const VacancyFields = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    requirements: Type.Optional(Type.String({ maxLength: 10_000 })),
    howToApply: Type.Optional(Type.String({ maxLength: 2_000 })),
    occupationSystem: Type.Optional(Type.Union([lit(['isco', 'esco', 'cn2022'] as const), Type.Null()])),
    occupationCode: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()])),
    skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    headcount: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    wageMin: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
    wageMax: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 10_000_000 }), Type.Null()])),
    wageUnit: Type.Optional(lit(WAGE_UNITS)),
    educationMin: Type.Optional(lit(EDUCATION)),
    experienceMinYears: Type.Optional(Type.Integer({ minimum: 0, maximum: 50 })),
    contractType: Type.Optional(lit(CONTRACT_TYPES)),
    districtCode: Type.Optional(Type.Union([Type.String({ minLength: 2, maxLength: 12 }), Type.Null()])),
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    publicWelfare: Type.Optional(Type.Boolean()),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
    justifications: Type.Optional(
      Type.Array(
        Type.Object({ ruleId: Type.Optional(Type.String()), category: Type.Optional(Type.String()), basisCode: Type.String() }),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type VacancyFieldsInput = Static<typeof VacancyFields>;

/** The ISCO-08 unit group implied by an occupation code, when the system makes that possible. */
export function iscoUnitOf(system: string | null | undefined, code: string | null | undefined, title = ''): string | null {
  if (!system || !code) return null;
  if (system === 'isco') return /^\d{4}$/.test(code) ? code : null;
  if (system === 'esco') return /^\d{4}/.test(code) ? code.slice(0, 4) : null;
  // Every coded vacancy carries both codes: the occupations module's one coding step gives the ISCO-08 unit
  // group of a 2022 code (the crosswalk, or the title's finer group: 叉车司机 is 8344 inside 6-30-05-01).
  if (system === 'cn2022') return codeVacancy({ title, occupationSystem: 'cn2022', occupationCode: code }).isco?.code ?? null;
  return null;
}

/**
 * Cross-field checks the schema cannot express, and the derived columns. Returns problems
 * (field paths relative to the vacancy, e.g. "wageMax") instead of throwing, so the import can
 * report them per row and the API per field.
 */
export function normaliseVacancy(
  input: VacancyFieldsInput,
  opts: { now?: Date; bounds?: Bounds } = {},
): { problems: FieldError[]; derived: { wageMonthlyMin: number | null; wageMonthlyMax: number | null; iscoUnit: string | null } } {
  const problems: FieldError[] = [];
  const unit = input.wageUnit ?? 'month';
  const bounds = opts.bounds ?? DEFAULT_BOUNDS;
  const now = opts.now ?? new Date();
  // Plausibility: pay a month's work could be, and an expiry a posting rule allows.
  for (const field of ['wageMin', 'wageMax'] as const) {
    const monthly = toMonthly(input[field], unit);
    if (monthly !== null && (monthly < bounds.wageMonthlyMin || monthly > bounds.wageMonthlyMax)) {
      problems.push({ field, message: `is not plausible pay: ${monthly} CNY a month is outside ${bounds.wageMonthlyMin}–${bounds.wageMonthlyMax} (leave it empty for 面议 / pay not stated)` });
    }
  }
  if (input.expiresAt && new Date(input.expiresAt).getTime() > daysFrom(now, bounds.vacancyMaxExpiryDays).getTime()) {
    problems.push({ field: 'expiresAt', message: `must be within ${bounds.vacancyMaxExpiryDays} days from now` });
  }
  if (input.wageMin != null && input.wageMax != null && input.wageMin > input.wageMax) {
    problems.push({ field: 'wageMax', message: 'must be at least wageMin' });
  }
  if ((input.lat == null) !== (input.lon == null)) {
    problems.push({ field: input.lat == null ? 'lat' : 'lon', message: 'lat and lon must be given together' });
  }
  if (input.occupationCode && !input.occupationSystem) {
    problems.push({ field: 'occupationSystem', message: 'is required when occupationCode is given' });
  }
  if (input.occupationSystem === 'isco' && input.occupationCode && !/^\d{1,4}$/.test(input.occupationCode)) {
    problems.push({ field: 'occupationCode', message: 'an ISCO-08 code has 1 to 4 digits' });
  }
  if (input.occupationSystem === 'cn2022' && input.occupationCode && !/^\d(-\d{2}){0,3}$/.test(input.occupationCode)) {
    problems.push({ field: 'occupationCode', message: 'a 2022 classification code looks like 6-18-02-04' });
  }
  return {
    problems,
    derived: {
      wageMonthlyMin: toMonthly(input.wageMin, unit),
      wageMonthlyMax: toMonthly(input.wageMax, unit),
      iscoUnit: iscoUnitOf(input.occupationSystem, input.occupationCode, input.title),
    },
  };
}

/**
 * The vacancy columns that follow from its editable fields (defaults applied, derived values
 * filled in). Shared by the API service and the demo data so both store a vacancy the same way.
 */
export function vacancyColumns(fields: VacancyFieldsInput, derived: ReturnType<typeof normaliseVacancy>['derived']) {
  return {
    title: fields.title,
    description: fields.description ?? '',
    requirements: fields.requirements ?? '',
    howToApply: fields.howToApply ?? '',
    occupationSystem: fields.occupationSystem ?? null,
    occupationCode: fields.occupationCode ?? null,
    iscoUnit: derived.iscoUnit,
    skills: fields.skills ?? [],
    headcount: fields.headcount ?? 1,
    wageMin: fields.wageMin ?? null,
    wageMax: fields.wageMax ?? null,
    wageUnit: fields.wageUnit ?? 'month',
    wageMonthlyMin: derived.wageMonthlyMin,
    wageMonthlyMax: derived.wageMonthlyMax,
    educationMin: fields.educationMin ?? 'none',
    experienceMinYears: fields.experienceMinYears ?? 0,
    contractType: fields.contractType ?? 'full_time',
    districtCode: fields.districtCode ?? null,
    lat: fields.lat ?? null,
    lon: fields.lon ?? null,
    publicWelfare: fields.publicWelfare ?? false,
    expiresAt: fields.expiresAt ? new Date(fields.expiresAt) : null,
    justifications: fields.justifications ?? [],
  };
}

export {
  screenVacancy,
  summarise,
  screeningRuleIds,
  monthlyWage,
  DEFAULT_MINIMUM_MONTHLY_WAGE,
  DEFAULT_MINIMUM_WAGE_SOURCE,
  WORKING_DAYS_PER_MONTH,
  HOURS_PER_DAY,
} from './engine.js';
export { LEGAL_BASES, legalBasis } from './rules/legal-bases.js';
export { TEXT_RULES, CATEGORY_EXCEPTIONS, COMPUTED_RULES, FORBIDDEN_FIELDS } from './rules/text-rules.js';
export { CATEGORIES, CATEGORY_LABELS, SEVERITIES } from './types.js';
export { normaliseForScreening, originalSpan } from './normalise.js';
export { FindingSchema, LegalBasisSchema } from './screening.schemas.js';
export type * from './types.js';

export { compileWageGuidance, MIN_EMPLOYERS, MIN_OBSERVATIONS, MAX_EMPLOYER_SHARE } from './wage-guidance.compile.js';
export { typicalPay, listCells, trend } from './wage-guidance.service.js';
export { weightedType7 } from './percentile.js';
export { wageGuidanceCompileJob, wageGuidanceCompileCurrentJob, compileCurrentPeriods } from './wage-guidance.jobs.js';

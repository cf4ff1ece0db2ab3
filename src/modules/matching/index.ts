/** The matching module's surface. It owns `matches`, `match_runs` and the feature tables. */
export {
  rankCandidates,
  recomputeSeeker,
  recomputeVacancies,
  recomputeVacancy,
  refreshSeekerFeatures,
  refreshVacancyFeatures,
  rematchAll,
  seekerCandidates,
  skillIdf,
  storedVacancyFeatures,
} from './matching.service.js';
export { DEFAULT_FAIRNESS_MIN_GROUP, DEFAULT_WELFARE_OPEN_AFTER_DAYS, fourFifthsExplanation, fourFifthsFlag, recomputeVacancyBatch, type MatchingSettings } from './matching.service.js';
export { seekerMatches } from './matching.read.js';

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
export { configureFairness, configureMatching, recomputeVacancyBatch } from './matching.service.js';

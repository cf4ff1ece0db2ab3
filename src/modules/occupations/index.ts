/**
 * The occupations module's public face. Other modules code a vacancy through `codeVacancy` only (one coding
 * step for the form, the API and the import), and read the crosswalk and Chinese ISCO names from here.
 */
export {
  codeVacancy,
  codeTitle,
  mapSkills,
  extractSkills,
  impliedSkills,
  iscoForCn2022,
  cn2022ForIsco,
  iscoNameZh,
  type VacancyCoding,
  type VacancyCodingInput,
  type CodeCandidate,
  loadDefaultCoderData,
  tradeSkills,
} from './coder/index.js';
export { createOccupationCoder, type SkillMatch } from './coder/index.js';
export type { CnOccupation, EscoOccupation, EscoSkill, IscoGroup, OccupationSkills } from './coder/types.js';

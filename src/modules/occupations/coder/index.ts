/**
 * Occupation coding of free-text job titles (Chinese and English) to ISCO-08 unit groups
 * and the Chinese occupational classification 2022, plus free-text skills → ESCO skills.
 * Method (BM25 over ESCO labels, a hand-made zh keyword table, bigram lookup in the
 * Chinese tree) and its measured accuracy: docs/eval/occupation-coding.md.
 * Skills: ESCO labels for English, the hand-made zh-skill-map.json for Chinese (matched on
 * jieba word boundaries); method and figures: docs/eval/skill-mapping.md.
 */
import { createOccupationCoder, type OccupationCoder } from './coder.js';
import { loadDefaultCoderData } from './data.js';
import type { CodeCandidate, CodeOptions, ImpliedSkill, SkillMatch } from './types.js';
import { createVacancyCoder, type VacancyCoding, type VacancyCodingInput } from './code-vacancy.js';

export { createOccupationCoder, type OccupationCoder } from './coder.js';
export { loadDefaultCoderData } from './data.js';
export type * from './types.js';

export { cleanTitle, codeChineseTitle } from './zh-title.js';
export { iscoForCn2022, cn2022ForIsco, iscoNameZh, allIscoNamesZh, crosswalkRows } from './crosswalk.js';
export { createVacancyCoder, type VacancyCoding, type VacancyCodingInput } from './code-vacancy.js';

let defaultCoder: OccupationCoder | undefined;
let defaultVacancyCoder: ((input: VacancyCodingInput) => VacancyCoding) | undefined;

/**
 * The one coding step every vacancy goes through (form, API, import): both codes (2022 classification and
 * ISCO-08 unit group) with a confidence, or an abstention with candidates to choose from.
 */
export function codeVacancy(input: VacancyCodingInput): VacancyCoding {
  if (!defaultVacancyCoder) {
    const data = loadDefaultCoderData();
    defaultVacancyCoder = createVacancyCoder(getOccupationCoder(), data.cnOccupations ?? [], data.iscoGroups);
  }
  return defaultVacancyCoder(input);
}

/** The coder over the committed seeds; built on first use (~0.5 s), then kept. */
export function getOccupationCoder(): OccupationCoder {
  return (defaultCoder ??= createOccupationCoder(loadDefaultCoderData()));
}

export function codeTitle(title: string, opts: CodeOptions = {}): CodeCandidate[] {
  return getOccupationCoder().code(title, opts);
}

export function mapSkills(freeTextSkills: string[]): SkillMatch[] {
  return getOccupationCoder().mapSkills(freeTextSkills);
}

/** Every ESCO skill named in a free text, e.g. a requirements paragraph, best first. */
export function extractSkills(text: string): SkillMatch[] {
  return getOccupationCoder().extractSkills(text);
}

export function impliedSkills(escoOccupationIdOrIscoCode: string, opts?: { limit?: number }): ImpliedSkill[] {
  return getOccupationCoder().impliedSkills(escoOccupationIdOrIscoCode, opts);
}

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
import type { CnOccupation, CodeCandidate, CodeOptions, ImpliedSkill, SkillMatch } from './types.js';
import { codeChineseTitle } from './zh-title.js';
import { compact, stripFiller } from './zh-skills.js';
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

/** Same selection as the matcher's implied skills (matching/features.ts): share ≥ 0.5, at most 8, else the top 5. */
export const TRADE_SKILL_LIMIT = 8;
export const TRADE_SKILL_CONFIDENCE = 0.8;

/** The ISCO-08 unit group of a skill word that names a whole trade (保洁, 电工, 厨师, 保安员), or undefined. */
export function tradeOf(text: string): string | undefined {
  const key = stripFiller(compact(text ?? ''));
  if (!key || !/\p{Script=Han}/u.test(key) || key.length > 8) return undefined;
  const coding = codeChineseTitle(key, loadDefaultCoderDataOnce().cnDetailed);
  // Only a word that is exactly a trade keyword (not 数据分析, not a vague 普工 or 司机), in major groups 5–9.
  if (coding.status !== 'coded' || coding.kind === 'vague' || coding.kind === 'head' || coding.matched !== key) return undefined;
  return coding.isco && /^[5-9]\d{3}$/.test(coding.isco) ? coding.isco : undefined;
}

/**
 * The ESCO skills a person claims by naming a trade as a skill: a job seeker who lists 保洁 has the core
 * skills of cleaning work, the ones matching implies for a cleaning vacancy that lists none. Without this a
 * cleaner who lists 保洁 is told she lacks every required skill of a cleaning vacancy (issue 18). For the
 * seeker side only: a vacancy that lists 电焊 asks for welding, not for everything welders do.
 */
export function tradeSkills(text: string): SkillMatch[] {
  const unit = tradeOf(text);
  if (!unit) return [];
  const all = getOccupationCoder().impliedSkills(unit, { limit: 25 });
  const chosen = all.filter((s) => s.share >= 0.5).slice(0, TRADE_SKILL_LIMIT);
  return (chosen.length ? chosen : all.slice(0, 5)).map((s) => ({ input: text, skillId: s.skillId, label: s.label, confidence: TRADE_SKILL_CONFIDENCE }));
}

let cnDetailedCache: { cnDetailed: CnOccupation[] } | undefined;
function loadDefaultCoderDataOnce() {
  return (cnDetailedCache ??= { cnDetailed: (loadDefaultCoderData().cnOccupations ?? []).filter((c) => c.level === 4) });
}

/** Every ESCO skill named in a free text, e.g. a requirements paragraph, best first. */
export function extractSkills(text: string): SkillMatch[] {
  return getOccupationCoder().extractSkills(text);
}

export function impliedSkills(escoOccupationIdOrIscoCode: string, opts?: { limit?: number }): ImpliedSkill[] {
  return getOccupationCoder().impliedSkills(escoOccupationIdOrIscoCode, opts);
}

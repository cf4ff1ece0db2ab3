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

/**
 * Free-text skills → ESCO skills. A Chinese skill word that is itself a trade (保洁, 电工, 厨师, 保安) also
 * names the core skills of that trade: the ESCO skills its ISCO-08 unit group implies, chosen as matching
 * chooses a vacancy's implied skills. Otherwise a cleaner who lists 保洁 would be told that she lacks every
 * skill a cleaning vacancy implies (issue 18).
 */
export function mapSkills(freeTextSkills: string[]): SkillMatch[] {
  const coder = getOccupationCoder();
  return coder.mapSkills(freeTextSkills).map((m, i) => withTradeSkills(freeTextSkills[i] ?? '', m));
}

/** Same selection as the matcher's implied skills (matching/features.ts): share ≥ 0.5, at most 8, else the top 5. */
export const TRADE_SKILL_LIMIT = 8;
export const TRADE_SKILL_CONFIDENCE = 0.8;

/** The ISCO-08 unit group of a skill word that names a whole trade, or undefined. */
export function tradeOf(text: string): string | undefined {
  const key = stripFiller(compact(text ?? ''));
  if (!key || !/\p{Script=Han}/u.test(key) || key.length > 8) return undefined;
  const data = loadDefaultCoderDataOnce();
  const coding = codeChineseTitle(key, data.cnDetailed);
  // Only a word that is exactly a trade keyword (not 数据分析 inside a sentence, not a vague 普工).
  if (coding.status !== 'coded' || coding.kind === 'vague' || coding.kind === 'head' || coding.matched !== key) return undefined;
  return coding.isco && /^\d{4}$/.test(coding.isco) && /^[5-9]/.test(coding.isco) ? coding.isco : undefined;
}

function withTradeSkills(input: string, m: SkillMatch): SkillMatch {
  const unit = tradeOf(input);
  if (!unit) return m;
  const all = getOccupationCoder().impliedSkills(unit, { limit: 25 });
  const chosen = all.filter((s) => s.share >= 0.5).slice(0, TRADE_SKILL_LIMIT);
  const extra: SkillMatch[] = (chosen.length ? chosen : all.slice(0, 5)).map((s) => ({ input, skillId: s.skillId, label: s.label, confidence: TRADE_SKILL_CONFIDENCE }));
  const parts: SkillMatch[] = [];
  for (const p of [...(m.parts ?? (m.skillId ? [m] : [])), ...extra]) {
    if (p.skillId && !parts.some((q) => q.skillId === p.skillId)) parts.push({ ...p, parts: undefined });
  }
  if (!parts.length) return m;
  return parts.length > 1 ? { ...parts[0]!, parts } : parts[0]!;
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

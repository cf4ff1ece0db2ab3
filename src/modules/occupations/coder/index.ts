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

export { createOccupationCoder, type OccupationCoder } from './coder.js';
export { loadDefaultCoderData } from './data.js';
export type * from './types.js';

let defaultCoder: OccupationCoder | undefined;

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

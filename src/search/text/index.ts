/**
 * Text handling for search and occupation coding: one normalisation, one segmenter, one
 * pinyin scheme, so that what the indexer stores and what a kiosk user types meet.
 */
import { segment, cutWords } from './segment.js';
import { pinyinInitials, pinyinOf, hasHan } from './pinyin.js';
import { expandSynonyms } from './synonyms.js';

export { toSimplified } from './simplify.js';
export { normalize } from './normalize.js';
export { segment, cutWords } from './segment.js';
export { stem } from './stem.js';
export { pinyinOf, pinyinInitials, pinyinSyllables, pinyinUnits, hasHan } from './pinyin.js';
export { expandSynonyms, synonymGroups, synonymMap } from './synonyms.js';

/**
 * Tokens an indexer should store for a short text (a job title or employer name):
 * segmented tokens, synonym equivalents, and for every Chinese word (jieba's plain cut,
 * not the overlapping search-mode pieces, which would add noise such as 公室 → gs) and for
 * the whole text its full pinyin and initials, so 电工 is found by 电工, electrician,
 * diangong and dg.
 * Meant for titles, not long descriptions: use segment() for those.
 */
export function searchTokens(s: string): string[] {
  const tokens = segment(s);
  const out = new Set(expandSynonyms(tokens, s));
  const addPinyin = (t: string) => {
    if (!hasHan(t)) return;
    const full = pinyinOf(t);
    if (full) out.add(full);
    const initials = pinyinInitials(t);
    if (initials.length > 1) out.add(initials);
  };
  for (const t of cutWords(s)) addPinyin(t);
  addPinyin(s);
  out.delete('');
  return [...out];
}

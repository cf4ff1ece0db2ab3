import { readFileSync } from 'node:fs';
import { cutWords, normalize } from '../../../search/text/index.js';
import { hasHan } from './tokens.js';
import type { ZhSkillEntry } from './types.js';

/** Reads zh-skill-map.json (~40 KB). Called on the first skill lookup, not at start-up. */
export function loadZhSkillMap(): ZhSkillEntry[] {
  const url = new URL('./zh-skill-map.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { entries: ZhSkillEntry[] }).entries;
}

/** Short ESCO id (the UUID) of a skill URI; ids pass through unchanged. */
export const skillIdOf = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

/** Lower case, NFKC, simplified, with spaces and punctuation removed (c++, c# and . kept). */
export function compact(s: string): string {
  return normalize(s).replace(/[^\p{L}\p{N}+#.]+/gu, '');
}

/**
 * Words around a skill that say how well or whether someone has it, not which skill it is
 * ("熟练掌握Excel", "有电工证", "沟通能力强"). Stripped from the ends of a whole input only;
 * inside longer text they are simply not matched. Longest first so 熟练掌握 beats 熟练.
 */
const PREFIXES = [
  '熟练掌握', '熟练使用', '熟练运用', '熟练操作', '能熟练', '熟练', '精通', '熟悉', '掌握', '了解', '懂得', '懂',
  '会使用', '会用', '会', '能够', '能', '具备', '具有', '拥有', '持有', '持', '有', '良好的', '良好', '较强的', '较强', '优秀的',
  '一定的', '基本的', '擅长', '较好的', '很强的', '很好的',
].sort((a, b) => b.length - a.length);
const SUFFIXES = [
  '能力强', '能力', '技能', '经验', '技术', '知识', '证书', '资格证', '上岗证', '操作', '优先', '相关', '等',
  '较好', '很好', '较强', '很强', '优秀', '突出', '出色', '强', '好', '佳',
].sort((a, b) => b.length - a.length);

export function stripFiller(key: string): string {
  let s = key;
  for (let changed = true; changed && s; ) {
    changed = false;
    for (const p of PREFIXES) {
      if (s.startsWith(p) && s.length > p.length) {
        s = s.slice(p.length);
        changed = true;
      }
    }
    for (const x of SUFFIXES) {
      if (s.endsWith(x) && s.length > x.length) {
        s = s.slice(0, -x.length);
        changed = true;
      }
    }
  }
  return s;
}

export interface TermHit {
  entry: number;
  term: string;
  start: number;
  end: number;
  /** Both Chinese ends of the term fall on jieba word boundaries. */
  aligned: boolean;
}

export interface ZhSkillLexicon {
  entries: ZhSkillEntry[];
  /** compact(term) → entry index, for whole-input lookups. */
  exact: Map<string, number>;
  /** Terms in normalised form (spaces kept), longest first, for scanning longer text. */
  terms: { text: string; entry: number }[];
}

export function buildLexicon(entries: ZhSkillEntry[]): ZhSkillLexicon {
  const exact = new Map<string, number>();
  const terms: ZhSkillLexicon['terms'] = [];
  entries.forEach((e, i) => {
    for (const t of e.terms) {
      const key = compact(t);
      if (!key) continue;
      // First entry wins; tests/unit/skill-lexicon.test.ts keeps terms unique anyway.
      if (!exact.has(key)) exact.set(key, i);
      terms.push({ text: normalize(t), entry: i });
    }
  });
  terms.sort((a, b) => b.text.length - a.text.length || a.text.localeCompare(b.text));
  return { entries, exact, terms };
}

const ASCII_WORD = /[a-z0-9]/;
const HAN = /\p{Script=Han}/u;

/**
 * Positions in `text` where a jieba word starts or ends, ascending. Each run of Chinese
 * characters is cut on its own; a run's edges are boundaries too (the next character is
 * not Chinese).
 */
function wordBoundaries(text: string): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
    let pos = m.index;
    out.add(pos);
    for (const w of cutWords(m[0])) {
      // cutWords drops nothing inside a pure-Han run, so the words tile it exactly.
      pos += w.length;
      out.add(pos);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Every lexicon term found in a (normalised) text, longest first and non-overlapping.
 * ASCII ends of a term must sit at word edges ("hr" not inside "chrome"); Chinese ends are
 * checked against jieba's segmentation, so 会计 inside 会计算 (会/计算) is not aligned. A
 * jieba word made only of terms (财务会计 = 财务 + 会计) counts as aligned for each of them.
 */
export function findTerms(text: string, lex: ZhSkillLexicon): TermHit[] {
  const bounds = hasHan(text) ? wordBoundaries(text) : [];
  const isBound = new Set(bounds);
  const taken = new Uint8Array(text.length);
  const hits: TermHit[] = [];
  for (const { text: term, entry } of lex.terms) {
    for (let start = text.indexOf(term); start >= 0; start = text.indexOf(term, start + 1)) {
      const end = start + term.length;
      if (ASCII_WORD.test(term[0]) && ASCII_WORD.test(text[start - 1] ?? '')) continue;
      if (ASCII_WORD.test(term[term.length - 1]) && ASCII_WORD.test(text[end] ?? '')) continue;
      if (taken.subarray(start, end).some((x) => x === 1)) continue;
      const aligned = (!HAN.test(term[0]) || isBound.has(start)) && (!HAN.test(term[term.length - 1]) || isBound.has(end));
      taken.fill(1, start, end);
      hits.push({ entry, term, start, end, aligned });
    }
  }
  for (const h of hits) {
    if (h.aligned) continue;
    // The jieba word(s) around the term: rescued when other terms fill the rest of them.
    const from = bounds.filter((b) => b <= h.start).pop() ?? h.start;
    const to = bounds.find((b) => b >= h.end) ?? h.end;
    h.aligned = taken.subarray(from, to).every((x) => x === 1);
  }
  return hits.sort((a, b) => a.start - b.start);
}

import { escapeHtml } from '../lib/html.js';
import { cutWords, expandSynonyms, normalize, segment } from './text/index.js';

/**
 * Turns what a person typed into the terms both engines and the highlighter use: jieba
 * segments (stemmed English), the raw ASCII words (pinyin must not be stemmed: minjing is not
 * "minj"), synonym alternatives per term, and for pinyin typed with spaces ("dian gong") the
 * joined form.
 */
export interface QueryTerms {
  normalized: string;
  /** One group of alternatives per typed term; a document must match every group. */
  groups: string[][];
  /** "diangong" for "dian gong": an alternative for the whole query. */
  joinedAscii: string | null;
  /** The terms as typed (not synonyms or sub-words): only these are matched as prefixes. */
  typed: Set<string>;
}

export function queryTerms(q: string | undefined): QueryTerms | null {
  const normalized = normalize(q ?? '').slice(0, 100);
  if (!normalized) return null;
  const groups: string[][] = [];
  const seen = new Set<string>();
  const typed = new Set<string>();
  // Whole words (plain cut) are ANDed; the index also holds jieba's search-mode sub-words, so a
  // whole word matches. Long words (≥ 4 characters) also accept their sub-words, so 电焊工人
  // still finds 电焊工.
  for (const t of cutWords(normalized)) {
    if (seen.has(t)) continue;
    seen.add(t);
    typed.add(t);
    const parts = t.length >= 4 ? segment(t).filter((p) => p.length >= 2) : [];
    groups.push([...new Set([...expandSynonyms([t]), ...parts])]);
  }
  const asciiWords = normalized.match(/[a-z0-9+#]+/g) ?? [];
  for (const w of asciiWords) {
    typed.add(w);
    const g = groups.find((alts) => alts.some((a) => w.startsWith(a) || a === w));
    if (g && !g.includes(w)) g.push(w);
    else if (!g && !seen.has(w)) groups.push([w]);
  }
  if (groups.length === 0) return null;
  const joinedAscii = /^[a-z ]+$/.test(normalized) && asciiWords.length > 1 ? asciiWords.join('') : null;
  return { normalized, groups, joinedAscii, typed };
}

/** A tsquery literal: lexemes quoted, so nothing a user types can become tsquery syntax. */
export function lexeme(term: string, prefix: boolean): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

/**
 * Every term group ANDed, alternatives ORed. The last group's typed term is a prefix, for
 * search-as-you-type; its synonyms are whole words (a prefix per synonym made the index scan
 * much slower and the planner's estimate so broad that it chose a full scan).
 */
export function toTsQuery(terms: QueryTerms): string {
  const last = terms.groups.length - 1;
  const all = terms.groups
    .map((alts, i) => `(${alts.map((a) => lexeme(a, i === last && terms.typed.has(a))).join(' | ')})`)
    .join(' & ');
  return terms.joinedAscii ? `(${all}) | ${lexeme(terms.joinedAscii, true)}` : all;
}


/** Wraps literal matches of the query terms in <mark>; everything else is HTML-escaped. */
export function highlight(text: string, terms: QueryTerms | null): string {
  if (!terms) return escapeHtml(text);
  const needles = [...new Set(terms.groups.flat().filter((t) => t.length >= 1 && !/^[a-z]{1,2}$/.test(t)))].sort(
    (a, b) => b.length - a.length,
  );
  const lower = normalize(text);
  // normalize() keeps length for the CJK and ASCII we index; if it did not, skip marking.
  if (lower.length !== text.length || needles.length === 0) return escapeHtml(text);
  const marks = new Array<boolean>(text.length).fill(false);
  for (const n of needles) {
    for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + 1)) marks.fill(true, i, i + n.length);
  }
  let out = '';
  for (let i = 0; i < text.length; ) {
    const on = marks[i];
    let j = i;
    while (j < text.length && marks[j] === on) j++;
    const part = escapeHtml(text.slice(i, j));
    out += on ? `<mark>${part}</mark>` : part;
    i = j;
  }
  return out;
}

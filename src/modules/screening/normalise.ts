import { toSimplified } from '../../search/text/simplify.js';

/**
 * Canonical text for screening, with a map back to the original. Employers who want a discriminatory
 * line to pass write it so the rules miss it: a zero-width space inside 本地户口, a space inside 河南人,
 * Traditional 戶口, 三十五岁 instead of 35岁, "18--35岁". The rules run on the normalised text only; every
 * span is mapped back so the editor highlights what the employer actually typed.
 *
 * Steps (in this order, each keeping the map):
 * 1. format/invisible characters (Unicode Cf: zero-width space/joiners, BOM, soft hyphen, bidi marks) and
 *    variation selectors are dropped;
 * 2. NFKC per character: full-width ASCII → half-width, ideographic space → space, compatibility forms;
 * 3. Traditional → Simplified, one character at a time (length-preserving);
 * 4. whitespace between two Han characters is dropped (不招河 南人), other whitespace runs become one space;
 * 5. every dash, hyphen, minus and tilde form becomes "-", a run of them one "-" (18--35, 18——35, 18～35);
 * 6. Chinese numerals next to an age/height/weight unit or range become digits (三十五岁 → 35岁).
 */
export interface Normalised {
  text: string;
  /** start[i]: offset in the original of the first unit that produced text[i]. */
  start: number[];
  /** end[i]: offset in the original just after the last unit that produced text[i]. */
  end: number[];
}

// The class lists invisible and combining code points one by one on purpose (each is stripped alone).
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0]/u;
const HAN = /\p{Script=Han}/u;
/** Hyphen/dash/minus/tilde forms; full-width ones are already half-width after NFKC. */
const DASH = /[-\u2010-\u2015\u2212\u2e3a\u2e3b\u301c\u3030\ufe58\ufe63\uff0d~\uff5e\u02dc\u223c\u2053]/u;

interface Unit {
  ch: string;
  s: number;
  e: number;
}

const MAPPED = new Map<number, string>();
/** What one source character becomes: '' (dropped), itself, or its folded form (may be several characters: ㎝ → cm). */
function mappedChar(code: number, cp: string): string {
  let r = MAPPED.get(code);
  if (r !== undefined) return r;
  if (INVISIBLE.test(cp)) r = '';
  else {
    let ch = cp.normalize('NFKC');
    if (ch === '\u3000') ch = ' ';
    // eslint-disable-next-line no-control-regex -- \x00-\x7f is "ASCII", not a control-character match
    if ([...ch].length === 1 && /[^\x00-\x7f]/.test(ch)) ch = simplifiedChar(ch);
    r = [...ch].map((x) => (DASH.test(x) ? '-' : x)).join('');
  }
  if (MAPPED.size < 50_000) MAPPED.set(code, r);
  return r;
}

const SIMPLIFIED = new Map<string, string>();
function simplifiedChar(ch: string): string {
  let c = SIMPLIFIED.get(ch);
  if (c === undefined) {
    c = toSimplified(ch);
    if ([...c].length !== 1) c = ch;
    if (SIMPLIFIED.size < 50_000) SIMPLIFIED.set(ch, c);
  }
  return c;
}

function pushAll(out: Unit[], text: string, s: number, e: number) {
  // A character that expands under NFKC (㎝ → cm) maps every output unit to the same source span.
  for (const ch of text) out.push({ ch, s, e });
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Value of a Chinese numeral up to 999 (三十五, 十八, 一百六十, 一六五); undefined when malformed. */
export function chineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  if (!/[十百]/.test(s)) {
    // Digit-by-digit (一六五 = 165), at most three digits.
    if (s.length > 3) return undefined;
    let n = 0;
    for (const c of s) {
      const d = DIGIT[c];
      if (d === undefined) return undefined;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let digit: number | undefined;
  let lastUnit = 1000;
  for (const c of s) {
    if (c === '百' || c === '十') {
      const unit = c === '百' ? 100 : 10;
      if (unit >= lastUnit) return undefined;
      total += (digit ?? 1) * unit;
      digit = undefined;
      lastUnit = unit;
    } else {
      const d = DIGIT[c];
      if (d === undefined) return undefined;
      if (d === 0) continue;
      if (digit !== undefined) return undefined;
      digit = d;
    }
  }
  // 一百六 = 160 (a trailing digit after 百 counts tens).
  if (digit !== undefined) total += lastUnit === 100 ? digit * 10 : digit;
  return total;
}

const NUMERAL_RUN = /[零〇一二两三四五六七八九十百]+/g;
/** A Chinese numeral run is read as a number only where a number is expected: before a unit, in a range, after 年龄/身高. */
const AFTER_OK = /^\s*(?:周岁|岁|cm|厘米|公分|公斤|kg|斤|米|(?:-|至|到)\s*[\d零〇一二两三四五六七八九十百])/;
const BEFORE_OK = /(?:[\d零〇一二两三四五六七八九十百]\s*(?:-|至|到)|(?:年龄|年纪|身高|体重)\s*[:：]?\s*(?:在|不超过|不低于|不大于|低于|高于|超过|小于|大于|未满)?)\s*$/;

export function normaliseForScreening(original: string): Normalised {
  // 1-3: per code point, through a per-character cache (invisible → dropped, NFKC, Traditional → Simplified,
  // dash forms → "-"): the Unicode work is done once per distinct character, not once per occurrence.
  const units: Unit[] = [];
  for (let i = 0; i < original.length; ) {
    const c = original.codePointAt(i)!;
    const s = i;
    i += c > 0xffff ? 2 : 1;
    if (c < 0x80) {
      units.push({ ch: c === 0x7e ? '-' : original[s]!, s, e: i });
      continue;
    }
    const ch = mappedChar(c, s === i - 1 ? original[s]! : original.slice(s, i));
    if (ch.length === 1) units.push({ ch, s, e: i });
    else if (ch) pushAll(units, ch, s, i);
  }

  // 4-5: whitespace and dash runs.
  const spaced: Unit[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    if (u.ch === ' ' || (u.ch.length === 1 && u.ch.charCodeAt(0) < 0x4e00 && /\s/.test(u.ch))) {
      let j = k;
      while (j + 1 < units.length && /^\s$/.test(units[j + 1]!.ch)) j++;
      const prev = spaced[spaced.length - 1];
      const next = units[j + 1];
      const betweenHan = prev && next && HAN.test(prev.ch) && HAN.test(next.ch);
      if (!betweenHan) spaced.push({ ch: ' ', s: u.s, e: units[j]!.e });
      k = j;
      continue;
    }
    if (u.ch === '-') {
      // "18 - - 35": a space between two dashes goes with them.
      const last = spaced[spaced.length - 1];
      const beforeLast = spaced[spaced.length - 2];
      if (last?.ch === ' ' && beforeLast?.ch === '-') {
        spaced.pop();
        beforeLast.e = last.e;
      }
      const prev = spaced[spaced.length - 1];
      if (prev && prev.ch === '-') {
        prev.e = u.e;
        continue;
      }
    }
    spaced.push(u);
  }

  // 6: Chinese numerals in context → ASCII digits, mapped to the whole numeral run.
  const flat = spaced.map((u) => u.ch).join('');
  // `flat` is built from code points; map its UTF-16 offsets back to unit indexes.
  const unitAt: number[] = [];
  spaced.forEach((u, idx) => {
    for (let c = 0; c < u.ch.length; c++) unitAt.push(idx);
  });
  const out: Unit[] = [];
  let cursor = 0;
  for (const m of flat.matchAll(NUMERAL_RUN)) {
    const after = flat.slice(m.index + m[0].length, m.index + m[0].length + 8);
    const before = flat.slice(Math.max(0, m.index - 12), m.index);
    if (!AFTER_OK.test(after) && !BEFORE_OK.test(before)) continue;
    const value = chineseNumeral(m[0]);
    if (value === undefined) continue;
    const from = unitAt[m.index]!;
    const to = unitAt[m.index + m[0].length - 1]!;
    for (; cursor < from; cursor++) out.push(spaced[cursor]!);
    const s = spaced[from]!.s;
    const e = spaced[to]!.e;
    for (const d of String(value)) out.push({ ch: d, s, e });
    cursor = to + 1;
  }
  for (; cursor < spaced.length; cursor++) out.push(spaced[cursor]!);

  const start: number[] = [];
  const end: number[] = [];
  let text = '';
  for (const u of out) {
    text += u.ch;
    for (let c = 0; c < u.ch.length; c++) {
      start.push(u.s);
      end.push(u.e);
    }
  }
  return { text, start, end };
}

/** Maps a [start, end) span of the normalised text back to the original text. */
export function originalSpan(n: Normalised, s: number, e: number): [number, number] {
  if (n.text.length === 0) return [0, 0];
  const a = n.start[Math.min(s, n.start.length - 1)]!;
  const b = n.end[Math.max(s, Math.min(e, n.end.length) - 1)]!;
  return [a, Math.max(a, b)];
}

import { pinyin } from 'pinyin-pro';
import { normalize } from './normalize.js';

const HAN_OR_OTHER = /(\p{Script=Han}+)|([^\p{Script=Han}]+)/gu;

/**
 * Syllables of a text: Chinese runs become toneless pinyin (ü written as v, as on a
 * pinyin keyboard), other runs are kept as their own lower-case alphanumeric words.
 * Runs are converted whole so pinyin-pro can pick readings from context (银行 yin hang).
 */
export function pinyinSyllables(s: string): string[] {
  return parts(s).flatMap((p) => p.syllables);
}

/** Full pinyin without tones or spaces: 电工 → "diangong"; CNC操作工 → "cnccaozuogong". */
export function pinyinOf(s: string): string {
  return pinyinSyllables(s).join('');
}

/** First letter of each Chinese syllable, non-Chinese words kept whole: 电工 → "dg". */
export function pinyinInitials(s: string): string {
  return parts(s)
    .map((p) => (p.han ? p.syllables.map((x) => x[0]).join('') : p.syllables.join('')))
    .join('');
}

interface Part { han: boolean; syllables: string[] }

function parts(s: string): Part[] {
  const text = normalize(s);
  const out: Part[] = [];
  for (const m of text.matchAll(HAN_OR_OTHER)) {
    if (m[1]) {
      out.push({ han: true, syllables: pinyin(m[1], { toneType: 'none', type: 'array', v: true }) });
    } else {
      const words = m[2].match(/[\p{L}\p{N}]+/gu);
      if (words) out.push({ han: false, syllables: words });
    }
  }
  return out;
}

export function hasHan(s: string): boolean {
  return /\p{Script=Han}/u.test(s);
}

/** Syllables with their origin: Chinese syllables (han) or other words kept whole, in order. */
export function pinyinUnits(s: string): { syllable: string; han: boolean }[] {
  return parts(s).flatMap((p) => p.syllables.map((syllable) => ({ syllable, han: p.han })));
}

import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';
import { normalize } from './normalize.js';
import { stem } from './stem.js';

const require = createRequire(import.meta.url);
let jieba: JiebaType | undefined;

/** Loading the dictionary takes ~200 ms and ~50 MB, so it happens once, on first use. */
function getJieba(): JiebaType {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict.js') as typeof import('@node-rs/jieba/dict.js');
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const WORDLIKE = /[\p{L}\p{N}]/u;
const ASCII_WORD = /^[a-z]+$/;

/**
 * Search-mode segmentation of normalised text: jieba emits both the long word and its
 * parts (电焊工 → 电焊, 焊工, 电焊工) so partial queries still hit. Punctuation and
 * whitespace tokens are dropped, English words are stemmed (see stem.ts). jieba splits
 * "c++" and "c#" into pieces; they are glued back because they are common skill names.
 */
export function segment(s: string): string[] {
  const text = normalize(s);
  if (!text) return [];
  const raw = getJieba().cutForSearch(text, true);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i];
    if ((t === 'c' || t === 'f') && raw[i + 1] === '#') {
      t += '#';
      i += 1;
    } else if (t === 'c' && raw[i + 1] === '+' && raw[i + 2] === '+') {
      t = 'c++';
      i += 2;
    }
    if (!WORDLIKE.test(t)) continue;
    out.push(ASCII_WORD.test(t) ? stem(t) : t);
  }
  return out;
}

/** Plain jieba cut (no overlapping sub-words) of normalised text, same filtering. */
export function cutWords(s: string): string[] {
  const text = normalize(s);
  if (!text) return [];
  return getJieba()
    .cut(text, true)
    .filter((t) => WORDLIKE.test(t))
    .map((t) => (ASCII_WORD.test(t) ? stem(t) : t));
}

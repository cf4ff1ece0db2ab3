import { ConverterFactory, Locale } from 'opencc-js/t2cn';

type Convert = (s: string) => string;
let converter: Convert | undefined;

/**
 * Folds Traditional Chinese to Simplified, character by character (Hong Kong variants
 * first, 衞→卫, then Taiwan/standard Traditional, 電→电). Taiwan *phrase* conversion
 * (軟體→软件) is deliberately not used: it rewrites Simplified input too (程序员 became
 * 进程员), and this function runs on all text. Taiwan-only job terms go in synonyms.json.
 * Building the converter takes ~25 ms, hence lazy and cached.
 */
export function toSimplified(s: string): string {
  if (!s) return s;
  // Pure ASCII cannot contain Traditional characters; skip the dictionary walk.
  if (!/[^\x00-\x7f]/.test(s)) return s;
  const convert = (converter ??= ConverterFactory(Locale.from.hk, Locale.from.tw, Locale.to.cn));
  return convert(s);
}

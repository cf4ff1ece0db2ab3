/**
 * A deliberately tiny English suffix stemmer. It only has to map the inflections people
 * type in job titles onto one key (welder/welders/welding → weld, nurse/nurses/nursing →
 * nurs, developers → develop); it does not need to produce real words, just the same key
 * for the indexer and the query. Rules, applied once, in order, to [a-z] words of ≥ 4
 * letters, never leaving fewer than 3 letters:
 *   -ies → -y · -eers → -eer · -ers → ∅ · -ing → ∅ · -eer kept · -er → ∅ ·
 *   -s → ∅ (not -ss, -us, -is) · then a final -e is dropped.
 */
export function stem(word: string): string {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('eers')) w = w.slice(0, -1);
  else if (w.endsWith('ers')) w = cut(w, 3);
  else if (w.endsWith('ing')) w = cut(w, 3);
  else if (w.endsWith('eer')) w = w;
  else if (w.endsWith('er')) w = cut(w, 2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = cut(w, 1);
  if (w.length > 3 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

function cut(w: string, n: number): string {
  return w.length - n >= 3 ? w.slice(0, -n) : w;
}

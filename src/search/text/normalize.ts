import { toSimplified } from './simplify.js';

/**
 * Canonical form for indexing and matching: NFKC (full-width letters, digits and
 * punctuation become half-width, U+3000 becomes a space), lower case, Traditional folded
 * to Simplified, runs of whitespace collapsed to one space.
 */
export function normalize(s: string): string {
  if (!s) return '';
  return toSimplified(s.normalize('NFKC').toLowerCase())
    .replace(/\s+/g, ' ')
    .trim();
}

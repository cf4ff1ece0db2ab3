import { nationalIdCheckChar } from '../vocabulary/index.js';
/**
 * Checksums for the identifiers people type in. Both are weighted mod-N check characters;
 * a wrong last character almost always means a typo, so we reject it instead of storing it.
 */

// GB 32100-2015 统一社会信用代码: 18 characters from a 31-character alphabet (no I, O, S, V, Z).
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Returns null when valid, else the reason (English; callers add Chinese). */
export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return 'must be 18 characters';
  if (![...code].every((c) => CREDIT_ALPHABET.includes(c))) return 'contains a character not allowed (I, O, S, V, Z or a symbol)';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'characters 3–8 must be a 6-digit region code';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check character does not match (typo?)';
}

// GB 11643-1999 公民身份号码: the weights and check characters live in the vocabulary (one copy).
export { nationalIdCheckChar };

export function nationalIdProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 17 digits followed by a digit or X';
  const birth = id.slice(6, 14);
  const d = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10).replace(/-/g, '') !== birth) {
    return 'characters 7–14 are not a valid birth date';
  }
  return nationalIdCheckChar(id.slice(0, 17)) === id[17] ? null : 'check character does not match (typo?)';
}

/** Birth date and sex encoded in a (valid) national ID: digits 7–14 and the parity of digit 17. */
export function nationalIdFacts(id: string): { birthDate: string; sex: 'male' | 'female' } {
  const b = id.slice(6, 14);
  return { birthDate: `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Mainland mobile numbers: 11 digits starting 1[3-9]; landlines with area code also accepted. */
export function phoneProblem(raw: string): string | null {
  const p = raw.replace(/[\s-]/g, '');
  return /^(\+?86)?1[3-9]\d{9}$/.test(p) || /^0\d{2,3}\d{7,8}$/.test(p) ? null : 'is not a valid mobile or landline number';
}

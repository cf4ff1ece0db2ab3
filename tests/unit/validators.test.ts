import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, nationalIdCheckChar, nationalIdFacts, nationalIdProblem, phoneProblem } from '../../src/lib/validators.js';
import { toMonthly } from '../../src/lib/wages.js';

describe('unified social credit code (GB 32100-2015)', () => {
  // Published codes of real companies (public registry data).
  it.each(['91350100M000100Y43', '91110000600037341L', '9144030071526726XG'])('accepts the real code %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });
  it('rejects a code whose check character is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/check character/);
  });
  it('rejects a code of the wrong length or with letters outside the alphabet', () => {
    expect(creditCodeProblem('9135010')).toMatch(/18 characters/);
    expect(creditCodeProblem('91350100M000100YI3')).toMatch(/not allowed/);
  });
  it('computes the check character', () => expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3'));
});

describe('national ID (GB 11643-1999)', () => {
  it('accepts the standard example 11010519491231002X and reads birth date and sex', () => {
    expect(nationalIdProblem('11010519491231002X')).toBeNull();
    expect(nationalIdFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', sex: 'female' });
  });
  it('rejects a wrong check digit, an impossible birth date and a short number', () => {
    expect(nationalIdProblem('110105194912310021')).toMatch(/check character/);
    expect(nationalIdProblem(`11010519490231${'002'}` + nationalIdCheckChar('11010519490231002'))).toMatch(/birth date/);
    expect(nationalIdProblem('1101051949')).toMatch(/17 digits/);
  });
});

describe('phone numbers', () => {
  it('accepts mobile and landline numbers, rejects others', () => {
    expect(phoneProblem('138 0013 8000')).toBeNull();
    expect(phoneProblem('020-83381234')).toBeNull();
    expect(phoneProblem('12345')).not.toBeNull();
  });
});

describe('monthly wage normalisation', () => {
  it('day × 21.75, hour × 8 × 21.75, year ÷ 12, piece → none', () => {
    expect(toMonthly(200, 'day')).toBe(4350);
    expect(toMonthly(25, 'hour')).toBe(4350);
    expect(toMonthly(120000, 'year')).toBe(10000);
    expect(toMonthly(6000, 'month')).toBe(6000);
    expect(toMonthly(3, 'piece')).toBeNull();
  });
});

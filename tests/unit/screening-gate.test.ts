import { describe, expect, it } from 'vitest';
import { LEGAL_BASES, screenVacancy, summarise, type Finding, type VacancyInput } from '../../src/modules/screening/index.js';
import { normaliseForScreening, originalSpan } from '../../src/modules/screening/normalise.js';

/** Issue 18, part 1: every finding reported against the landed gate, as a test that failed before. */

const held = (fs: Finding[]) => fs.filter((f) => f.status === 'open' && f.severity !== 'hint');
const heldCategories = (fs: Finding[]) => new Set(held(fs).map((f) => f.category));
const screen = (description: string, extra: Partial<VacancyInput> = {}) => screenVacancy({ title: '', description, ...extra });

describe('a justification never publishes by itself', () => {
  it('when "限女性，年龄35岁以下，已婚已育优先" cites CN-FEMALE-PROTECT, CN-RETIREMENT-AGE and CN-ARMY, nothing is justified and it stays blocked', () => {
    const fs = screenVacancy({
      title: '行政文员',
      description: '限女性，年龄35岁以下，已婚已育优先',
      fields: { occupationSystem: 'cn2022', occupationCode: '3-01-02-01' },
      justifications: [
        { category: 'sex', basisCode: 'CN-FEMALE-PROTECT' },
        { category: 'marital_childbearing', basisCode: 'CN-FEMALE-PROTECT' },
        { category: 'age', basisCode: 'CN-RETIREMENT-AGE' },
        { category: 'sex', basisCode: 'CN-ARMY' },
        { category: 'marital_childbearing', basisCode: 'CN-ARMY' },
      ],
    });
    expect(fs.filter((f) => f.status === 'justified')).toEqual([]);
    expect(heldCategories(fs)).toEqual(new Set(['sex', 'age', 'marital_childbearing']));
    expect(summarise(fs).outcome).toBe('block');
    const refusals = fs.filter((f) => f.ruleId === 'justification.not_applicable');
    expect(refusals).toHaveLength(5);
  });

  it('when a basis is in scope, the finding is justified but the outcome is review (never pass), and the basis carries its scope', () => {
    const fs = screenVacancy({
      title: '大客车司机',
      description: '年龄21-50岁，持A1驾照',
      fields: { occupationSystem: 'cn2022', occupationCode: '4-02-02-01' },
      justifications: [{ category: 'age', basisCode: 'CN-LICENSE-DRIVER' }],
    });
    const age = fs.find((f) => f.category === 'age')!;
    expect(age.status).toBe('justified');
    expect(age.basis!.scope!.zh).toContain('驾驶');
    expect(age.basis!.scope!.en.length).toBeGreaterThan(10);
    expect(summarise(fs).outcome).toBe('review');
  });

  it('a justified block finding (underground mining, CN-FEMALE-PROTECT) goes to review too', () => {
    const fs = screenVacancy({
      title: '井下采矿工',
      description: '限男性，矿山井下作业',
      fields: { occupationSystem: 'cn2022', occupationCode: '6-16-01-05' },
      justifications: [{ ruleId: 'sex.restriction', basisCode: 'CN-FEMALE-PROTECT' }],
    });
    expect(fs.filter((f) => f.category === 'sex').map((f) => f.status)).toEqual(['justified']);
    expect(summarise(fs).outcome).toBe('review');
  });

  it('a basis that covers the category but not the occupation is refused (CN-FEMALE-PROTECT for a receptionist)', () => {
    const fs = screenVacancy({
      title: '前台',
      description: '限男性',
      fields: { occupationSystem: 'isco', occupationCode: '4226' },
      justifications: [{ category: 'sex', basisCode: 'CN-FEMALE-PROTECT' }],
    });
    expect(fs.find((f) => f.category === 'sex' && f.ruleId === 'sex.restriction')!.status).toBe('open');
    const refusal = fs.find((f) => f.ruleId === 'justification.not_applicable')!;
    expect(refusal.message.zh).toContain('矿山井下');
  });

  it('a basis with an occupation scope is refused when the vacancy has no occupation code', () => {
    const fs = screen('限男性', { justifications: [{ category: 'sex', basisCode: 'CN-ARMY' }] });
    expect(fs.find((f) => f.ruleId === 'sex.restriction')!.status).toBe('open');
    expect(fs.find((f) => f.ruleId === 'justification.not_applicable')!.message.zh).toContain('职业代码');
  });

  it('CN-RETIREMENT-AGE covers a retirement-age limit but not "35岁以下"', () => {
    const j = [{ category: 'age' as const, basisCode: 'CN-RETIREMENT-AGE' }];
    expect(screen('年龄35岁以下', { justifications: j }).find((f) => f.category === 'age' && f.ruleId === 'age.limit')!.status).toBe('open');
    expect(screen('年龄60岁以下', { justifications: j }).find((f) => f.category === 'age' && f.ruleId === 'age.limit')!.status).toBe('justified');
  });

  it('CN-MINOR-16 does not justify an upper age limit', () => {
    const fs = screen('年龄16-35岁', { justifications: [{ category: 'age', basisCode: 'CN-MINOR-16' }] });
    expect(fs.find((f) => f.ruleId === 'age.limit')!.status).toBe('open');
  });

  it('the refusal message names the category in Chinese, never the internal id ("不适用于 sex")', () => {
    const fs = screen('限男性', { justifications: [{ category: 'sex', basisCode: 'CN-HEALTH-FOOD' }] });
    const refusal = fs.find((f) => f.ruleId === 'justification.not_applicable')!;
    expect(refusal.message.zh).not.toMatch(/[a-z_]{3,}/);
    expect(refusal.message.zh).toContain('性别');
    expect(refusal.message.en).toContain('sex');
  });

  it('every basis has a scope in zh and en, and a basis with an occupation scope names codes in both systems', () => {
    for (const b of LEGAL_BASES) {
      expect(b.scope.zh.length).toBeGreaterThan(5);
      expect(b.scope.en.length).toBeGreaterThan(5);
      if (b.occupations) {
        expect(b.occupations.cn2022.length + b.occupations.isco.length).toBeGreaterThan(0);
        expect(b.occupations.label.zh && b.occupations.label.en).toBeTruthy();
      }
    }
    expect(LEGAL_BASES.find((b) => b.code === 'CN-FEMALE-PROTECT')!.categories).toEqual(['sex']);
  });
});

describe('obfuscated wording is screened like the plain form, and spans point at the typed text', () => {
  const cases: Array<[string, string, string]> = [
    ['household_registration', '限本地户\u200b口', '限本地户\u200b口'],
    ['ethnicity_race', '厨师，限汉\u200b族。', '限汉\u200b族'],
    ['disability', '残\u200b疾人勿扰', '残\u200b疾人勿扰'],
    ['household_registration', '不招河 南人', '不招河 南人'],
    ['household_registration', '限本地戶口', '限本地戶口'],
    ['age', '年龄三十五岁以下', '年龄三十五岁以下'],
    ['age', '年龄：二十至三十五周岁', '年龄：二十至三十五周岁'],
    ['sex', '限\u2060男\ufeff性', '限\u2060男\ufeff性'],
    ['sex', '限 男 性，能吃苦', '限 男 性'],
    ['household_registration', '限本地户口', '限本地户口'],
  ];
  for (const [category, text, span] of cases) {
    it(`flags ${JSON.stringify(text)} as ${category}`, () => {
      const fs = held(screen(text)).filter((f) => f.category === category);
      expect(fs.length).toBeGreaterThan(0);
      expect(fs[0]!.span.text).toBe(span);
      expect(text.slice(fs[0]!.span.start, fs[0]!.span.end)).toBe(span);
    });
  }

  it('full-width digits and letters fold: 年龄３５岁以下, ＱＱ', () => {
    expect(heldCategories(screen('年龄３５岁以下，加ＱＱ：１２３４５６７８'))).toEqual(new Set(['age', 'contact']));
  });

  it('"一线员工" and "统一着装" are not read as numbers', () => {
    expect(normaliseForScreening('一线员工，统一着装').text).toBe('一线员工,统一着装');
  });
});

describe('age ranges in every dash, tilde and 至/到 form', () => {
  for (const text of ['年龄18--35岁', '年龄18——35岁', '年龄18－－35岁', '年龄18~~35岁', '年龄18〜35岁', '18‒35岁', '18―35周岁', '年龄18至35岁', '年龄十八到三十五岁', '20 - - 35岁']) {
    it(`flags ${JSON.stringify(text)}`, () => {
      const age = held(screen(text)).filter((f) => f.category === 'age');
      expect(age.length).toBe(1);
      expect(text.slice(age[0]!.span.start, age[0]!.span.end)).toBe(age[0]!.span.text);
    });
  }
});

describe('sex-differentiated requirements are a sex finding', () => {
  for (const text of ['身高：男170cm以上，女160cm以上', '男性身高175以上，女性身高165以上', '身高要求男175女165', '男士1.75米以上，女士1.62米以上', '男35岁以下，女30岁以下', 'Height: men 170cm, women 160cm']) {
    it(`flags ${JSON.stringify(text)} as sex`, () => {
      expect(heldCategories(screen(text)).has('sex')).toBe(true);
    });
  }
  it('男女不限 and 男女比例 wording are not sex-differentiated', () => {
    expect(heldCategories(screen('男女不限，身体健康')).has('sex')).toBe(false);
  });
});

describe('appearance requirements worded without 身高 or 五官', () => {
  for (const text of ['女165以上', '外形靓丽，气质佳', '个子高挑', '身材高挑', '形体好', '皮肤白皙', '偏胖者勿扰']) {
    it(`flags ${JSON.stringify(text)} as appearance`, () => {
      expect(heldCategories(screen(text)).has('appearance_height')).toBe(true);
    });
  }
});

describe('span mapping', () => {
  it('maps a normalised span that starts inside a removed run back to whole original characters', () => {
    const n = normaliseForScreening('a\u200b\u200bb  c');
    expect(n.text).toBe('ab c');
    expect(originalSpan(n, 0, 4)).toEqual([0, 7]);
    expect(originalSpan(n, 1, 2)).toEqual([3, 4]);
  });
});

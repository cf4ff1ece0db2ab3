import { beforeAll, describe, expect, it } from 'vitest';
import { codeTitle, getOccupationCoder, impliedSkills, mapSkills } from '../../src/modules/occupations/coder/index.js';
import { readFileSync, statSync } from 'node:fs';

const top = (title: string, system: 'isco' | 'cn2022' = 'isco') => codeTitle(title, { k: 5 }).filter((c) => c.system === system);

describe('occupation coder over the committed ESCO / Chinese 2022 seeds', () => {
  beforeAll(() => {
    getOccupationCoder();
  });

  it('电焊工 → ISCO 7212 and Chinese 6-18-02-04 焊工', () => {
    expect(top('电焊工')[0].code).toBe('7212');
    expect(top('电焊工', 'cn2022')[0]).toMatchObject({ code: '6-18-02-04', label: '焊工' });
  });

  it('"CNC operator" → 7223 (ESCO: computer numerical control machine operator)', () => {
    expect(top('CNC operator')[0]).toMatchObject({ code: '7223', occupationLabel: 'computer numerical control machine operator' });
  });

  it('"Senior Java developer" → 2512 software developers', () => {
    expect(top('Senior Java developer')[0].code).toBe('2512');
  });

  it('高级前端工程师 → 2513 web developers', () => {
    expect(top('高级前端工程师')[0].code).toBe('2513');
  });

  it('会计助理 → 3313, with 2411 accountants among the candidates', () => {
    const codes = top('会计助理').map((c) => c.code);
    expect(codes[0]).toBe('3313');
    expect(codes).toContain('2411');
  });

  it('Traditional and noisy titles code like their clean Simplified form: 資深會計 → 2411', () => {
    expect(top('資深會計')[0].code).toBe('2411');
    expect(top('【急招】保安员（夜班）包吃住')[0].code).toBe('5414');
  });

  it('English titles: welder 7212, electrician 7411, truck driver 8332, cashier 5230', () => {
    expect(['welder', 'electrician', 'truck driver', 'cashier'].map((t) => top(t)[0].code)).toEqual(['7212', '7411', '8332', '5230']);
  });

  it('codes one title in under 2 ms after warm-up', () => {
    const titles = ['Senior Java developer', '高级前端工程师', 'CNC operator', '数控车床操作工'];
    for (const t of titles) codeTitle(t);
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) codeTitle(titles[i % titles.length]);
    expect((performance.now() - t0) / 200).toBeLessThan(2);
  });

  it('maps free-text skills to ESCO skills', () => {
    const [py, fork, none] = mapSkills(['Python', 'forklift driving', '']);
    expect(py).toMatchObject({ label: 'Python (computer programming)', confidence: 1 });
    expect(fork.label).toBe('operate forklift');
    expect(none.skillId).toBeNull();
  });

  it('lists essential skills for ISCO 7212 welders', () => {
    const skills = impliedSkills('7212', { limit: 10 });
    expect(skills).toHaveLength(10);
    expect(skills[0].share).toBeGreaterThan(0.5);
  });

  it('keeps every committed seed file under 2.5 MB', () => {
    for (const f of ['isco-groups', 'esco-occupations', 'cn-occupations', 'esco-skills', 'occupation-skills']) {
      const url = new URL(`../../seeds/taxonomy/${f}.json`, import.meta.url);
      expect(statSync(url).size).toBeLessThan(2_500_000);
      expect(() => JSON.parse(readFileSync(url, 'utf8'))).not.toThrow();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { segment, cutWords } from '../../src/search/text/index.js';

describe('segment', () => {
  it('when a real posting title is segmented, it keeps the words and the search sub-words and drops punctuation', () => {
    const tokens = segment('【急招】高级Java开发工程师（五险一金，双休）');
    expect(tokens).toEqual(expect.arrayContaining(['急招', '高级', 'java', '开发', '工程师', '五险', '一金', '双休']));
    expect(tokens.some((t) => /[【】（），\s]/.test(t))).toBe(false);
  });

  it('emits both 电焊工 and its parts so a search for 焊工 finds it', () => {
    expect(segment('电焊工')).toEqual(expect.arrayContaining(['电焊', '焊工', '电焊工']));
  });

  it('lower-cases and stems English words and keeps c++ and c# whole', () => {
    expect(segment('Welders, C++ and C# Developers')).toEqual(['weld', 'c++', 'and', 'c#', 'develop']);
  });

  it('folds Traditional characters before cutting', () => {
    expect(segment('電焊工')).toContain('电焊工');
  });

  it('cutWords gives non-overlapping words', () => {
    expect(cutWords('办公室文员')).toEqual(['办公室', '文员']);
  });

  it('segments a 2,000-character description in under 5 ms after warm-up', () => {
    const text = '负责公司产品的研发工作，参与需求分析与系统设计。熟悉Java、Python等编程语言优先。'.repeat(60).slice(0, 2000);
    segment(text);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      segment(text);
      runs.push(performance.now() - t);
    }
    expect(Math.min(...runs)).toBeLessThan(5);
  });
});

import { describe, expect, it } from 'vitest';
import { termForms, termLookup } from '../../src/search/terms.js';
import { typingWorkload } from '../../scripts/bench/search.js';

describe('term forms', () => {
  it('spells a title from every character, syllable and initial, so a typed start anywhere reaches it', () => {
    const forms = termForms({ kind: 't', key: '货车司机', label: '货车司机' });
    const of = (ftype: string) => forms.filter((f) => f.ftype === ftype).map((f) => [f.pos, f.form]);
    expect(of('c')).toEqual([[0, '货车司机'], [1, '车司机'], [2, '司机'], [3, '机']]);
    expect(of('p')).toEqual([[0, 'huochesiji'], [1, 'chesiji'], [2, 'siji'], [3, 'ji']]);
    expect(of('i')).toEqual([[0, 'hcsj'], [1, 'csj'], [2, 'sj'], [3, 'j']]);
  });

  it('keeps Latin words whole, from their starts only, and folds Traditional characters and full-width letters', () => {
    const forms = termForms({ kind: 't', key: 'x', label: 'Ｊava開發工程師' });
    expect(forms.filter((f) => f.ftype === 'c').map((f) => f.form)).toEqual(['java开发工程师', '开发工程师', '发工程师', '工程师', '程师', '师']);
    expect(forms.find((f) => f.ftype === 'p' && f.pos === 0)!.form).toBe('javakaifagongchengshi');
    expect(forms.find((f) => f.ftype === 'i' && f.pos === 1)!.form).toBe('kfgcs');
  });

  it('spells initials from the start of a label that begins with Latin letters (ERP系统 → erpxt)', () => {
    const forms = termForms({ kind: 's', key: 'erp系统', label: 'ERP系统' });
    expect(forms.filter((f) => f.ftype === 'i').map((f) => [f.pos, f.form])).toEqual([[0, 'erpxt'], [1, 'xt'], [2, 't']]);
  });
});

describe('term lookup for what was typed', () => {
  it('Chinese characters are also looked up by their sound (homophone typos)', () => {
    expect(termLookup('数剧分析')!.probes).toEqual(expect.arrayContaining([{ form: '数剧分析', tag: 'typed' }, { form: 'shujufenxi', tag: 'sound' }]));
  });

  it('short input ranks starts and insides together (by frequency); longer does not', () => {
    expect(termLookup('sj')!.short).toBe(true);
    expect(termLookup('数')!.short).toBe(true);
    expect(termLookup('shuju')!.short).toBe(false);
    expect(termLookup('数据分析')!.short).toBe(false);
  });

  it('spaced pinyin is joined; several Chinese words go to full text; empty input is nothing', () => {
    expect(termLookup('dian gong')!.probes[0]).toEqual({ form: 'diangong', tag: 'typed' });
    expect(termLookup('电工 天河')).toBeNull();
    expect(termLookup('   ')).toBeNull();
  });

  it('synonyms are probes of their own', () => {
    expect(termLookup('驾驶员')!.probes.map((p) => p.form)).toContain('司机');
  });
});

describe('the benchmark workload', () => {
  it('builds thousands of distinct as-you-type queries with a tenth homophone typos', () => {
    const titles = ['数据分析师', '货车司机', '保洁员', '电工', 'Java开发工程师', '仓库管理员', '网约车司机', '客服专员', '行政文员', '美容师'];
    const pool = '剧距局据居聚菊句巨具锯拒炬矩举驹桔苦酷库裤哭车彻撤澈掣司私思丝撕斯厮机基鸡击积饥姬肌激迹奇绩洁结节杰捷截劫竭诘睫员园原圆元源缘援院愿远';
    const w = typingWorkload(titles, pool, 10_000);
    expect(typingWorkload(titles, pool, 100).queries).toHaveLength(100);
    expect(new Set(w.queries).size).toBe(w.queries.length);
    expect(w.queries).toContain('');
    expect(w.kinds['homophone typo']).toBeGreaterThan(0);
    for (const q of ['数', '数据', 'shu', 'sjfx']) expect(w.queries).toContain(q);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VacancyMemoryIndex, type DocState } from '../../src/search/memory-index.js';
import { termForms, termLookup } from '../../src/search/terms.js';

/** The in-process index's data structures (docs/adr/0161), without a database. */
const doc = (over: Partial<DocState> = {}): DocState => ({
  id: randomUUID(),
  titleKey: '货车司机',
  employerId: randomUUID(),
  iscoUnit: null,
  publishedAt: Date.UTC(2026, 10, 1),
  expiresAt: null,
  ...over,
});

const withForms = (index: VacancyMemoryIndex, label: string) =>
  index.addForms(termForms({ kind: 't', key: label, label }).map((f) => ({ ...f, ftype: f.ftype, kind: 't' as const })));

describe('VacancyMemoryIndex', () => {
  it('keeps ids through table growth, and postings newest first with ties by id, through updates and removals', () => {
    const index = new VacancyMemoryIndex(4);
    const docs = Array.from({ length: 3000 }, (_, i) => doc({ publishedAt: Date.UTC(2026, 10, 1) + (i % 50) * 60_000, titleKey: i % 2 ? '货车司机' : '保洁员' }));
    docs.forEach((d, i) => index.upsert(d, i < 1500)); // half bulk-appended, half inserted in place
    index.finishBulk();
    for (const d of docs.slice(0, 100)) expect(index.idOf(index.find(d.id))).toBe(d.id);
    expect(index.find(randomUUID())).toBe(-1);
    const expected = (list: DocState[]) =>
      [...list].sort((a, b) => b.publishedAt - a.publishedAt || (a.id < b.id ? -1 : 1)).map((d) => d.id);
    const newest = (n: number) => index.newest(n, Date.now()).map((o) => index.idOf(o));
    expect(newest(3000)).toEqual(expected(docs));

    // Move one to another title and date, remove another: both lists stay exact.
    const moved = { ...docs[0]!, titleKey: '货车司机', publishedAt: Date.UTC(2027, 0, 1) };
    index.upsert(moved);
    index.remove(docs[1]!.id);
    index.remove(docs[1]!.id); // twice is harmless
    const now = [moved, ...docs.slice(2)];
    expect(newest(3000)).toEqual(expected(now));
    expect(index.aliveCount).toBe(2999);
    const truckId = index.term('t', '货车司机');
    expect(index.candidates([{ id: truckId }], 5000, Date.now()).map((o) => index.idOf(o))).toEqual(expected(now.filter((d) => d.titleKey === '货车司机')));
  });

  it('skips expired documents and stops at what the page needs', () => {
    const index = new VacancyMemoryIndex();
    const live = doc();
    index.upsert(doc({ expiresAt: Date.now() - 1000, publishedAt: Date.UTC(2026, 11, 1) }));
    index.upsert(live);
    for (let i = 0; i < 50; i++) index.upsert(doc({ publishedAt: Date.UTC(2026, 0, 1) }));
    expect(index.newest(1, Date.now()).map((o) => index.idOf(o))).toEqual([live.id]);
    expect(index.newest(10, Date.now())).toHaveLength(10);
  });

  it('finds terms by characters, pinyin, initials and homophones, exact first, then by how many documents carry them', () => {
    const index = new VacancyMemoryIndex();
    for (const t of ['货车司机', '数据分析师', '数剧分析师', '数据库管理员']) withForms(index, t);
    for (let i = 0; i < 4; i++) index.upsert(doc({ titleKey: '货车司机' }));
    index.upsert(doc({ titleKey: '数据分析师' }));
    index.upsert(doc({ titleKey: '数剧分析师' }));
    index.upsert(doc({ titleKey: '数据库管理员' }));
    const labels = (q: string) => index.findTerms(termLookup(q)!, ['t']).map((t) => t.label);
    expect(labels('sj')[0]).toBe('货车司机');
    expect(labels('数剧分析')).toEqual(['数剧分析师', '数据分析师']);
    expect(labels('数据分析')).toEqual(['数据分析师', '数剧分析师']);
    expect(labels('shujuku')).toEqual(['数据库管理员']);
    expect(labels('zzz')).toEqual([]);
    // A term whose documents are all gone is not offered.
    for (const o of index.newest(100, Date.now())) if (index.terms[index.term('t', '数据库管理员')]!.postings.a.subarray(0, 1)[0] === o) index.remove(index.idOf(o));
    expect(labels('shujuku')).toEqual([]);
  });
});

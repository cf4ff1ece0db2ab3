import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeekerDoc, VacancyDoc } from '../../src/search/documents.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { createPostgresEngine } from '../../src/search/postgres-engine.js';
import { E, vacancyDoc as doc } from '../helpers/fixtures-search.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Search as people type (issue 16) on the default engine: homophone typos, exact matches above
 * homophones, short initials ranked by how common a title is, autocomplete, recruiter search
 * through the term index, several API processes, and bad input refused as 400 (never 503).
 */
let ctx: TestContext;
let engine: SearchEngine;

const many = (n: number, title: string, employer: string, over: Partial<VacancyDoc> = {}) =>
  Array.from({ length: n }, (_, i) => doc({ title, employerId: E(`${employer}0${i}`), ...over }));

const DOCS = [
  ...many(4, '货车司机', '1'),
  ...many(1, '数据分析师', '2'),
  ...many(1, '数据库管理员', '3'),
  ...many(1, '数据标注员', '4'),
  ...many(2, '保洁员', '5'),
  ...many(1, '数剧分析师', '6'), // a posting whose own title carries the homophone typo
  doc({ title: '电工学徒', employerId: E('7'), employerName: '广州天河电气工程有限公司' }),
];
const titles = (hits: { doc: { title: string } }[]) => hits.map((h) => h.doc.title);
const search = (q: string, pageSize = 20) => engine.searchVacancies({ q, page: 1, pageSize });

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_PUBLIC_RATE_LIMIT: '100000' } });
  engine = ctx.resources.search;
  await engine.setup();
  await engine.upsertVacancies(DOCS);
});
afterAll(() => ctx?.close());

describe('homophone typos', () => {
  it('数剧分析 (a wrong character with the same sound) still finds 数据分析师', async () => {
    expect(titles((await search('数剧分析')).hits)).toContain('数据分析师');
  });

  it('保结 finds 保洁员', async () => {
    expect(titles((await search('保结')).hits)).toEqual(['保洁员', '保洁员']);
  });

  it('an exact match ranks above a homophone match, whichever characters were typed', async () => {
    expect(titles((await search('数剧分析')).hits)).toEqual(['数剧分析师', '数据分析师']);
    expect(titles((await search('数据分析')).hits)).toEqual(['数据分析师', '数剧分析师']);
  });
});

describe('initials', () => {
  it('short initials rank titles by how often they are used: sj gives 司机 before the 数据 titles', async () => {
    const found = titles((await search('sj')).hits);
    expect(found.slice(0, 4)).toEqual(['货车司机', '货车司机', '货车司机', '货车司机']);
    expect(found).toEqual(expect.arrayContaining(['数据分析师', '数据库管理员', '数据标注员']));
  });

  it('longer initials narrow to the titles that start with them', async () => {
    expect(titles((await search('sjfx')).hits).sort()).toEqual(['数据分析师', '数剧分析师'].sort());
  });

  it('progressive pinyin prefixes find the title at every keystroke', async () => {
    for (const q of ['b', 'ba', 'bao', 'baoj', 'baojie', 'baojieyuan']) expect(titles((await search(q)).hits), q).toContain('保洁员');
  });

  it('the total counts every match, though only the page is read', async () => {
    const res = await search('sj', 2);
    expect(res.hits).toHaveLength(2);
    expect(res.total).toBe(4 + 1 + 1 + 1 + 1);
  });
});

describe('GET /public/vacancies/complete', () => {
  const complete = async (qs: string) => ctx.app.inject({ url: `/public/vacancies/complete?${qs}` });

  it('suggests titles from characters, pinyin and initials, commonest first, with counts', async () => {
    for (const q of ['数据', 'shuju', 'sj']) {
      const res = await complete(`q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      const texts = res.json().suggestions.map((s: { text: string }) => s.text);
      expect(texts, q).toEqual(expect.arrayContaining(['数据分析师', '数据库管理员', '数据标注员']));
    }
    const sj = (await complete('q=sj')).json().suggestions;
    expect(sj[0]).toEqual({ text: '货车司机', kind: 'title', count: 4, match: 'prefix' });
  });

  it('marks homophone suggestions, after the exact ones', async () => {
    const s = (await complete(`q=${encodeURIComponent('数剧分析')}`)).json().suggestions;
    expect(s.map((x: { text: string; match: string }) => [x.text, x.match])).toEqual([
      ['数剧分析师', 'prefix'],
      ['数据分析师', 'homophone'],
    ]);
  });

  it('suggests employers by name, pinyin or initials, and only the kinds asked for', async () => {
    for (const q of ['广州天河', 'guangzhoutianhe', 'gzth']) {
      const s = (await complete(`q=${encodeURIComponent(q)}&kinds=employer`)).json().suggestions;
      expect(s, q).toEqual([{ text: '广州天河电气工程有限公司', kind: 'employer', count: 1, match: 'prefix' }]);
    }
    expect((await complete('q=gzth&kinds=title')).json().suggestions).toEqual([]);
  });

  it('caps the suggestions at the limit and refuses bad parameters with 400 naming the field', async () => {
    expect((await complete('q=s&limit=2')).json().suggestions).toHaveLength(2);
    const missing = await complete('');
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json().details)).toContain('q');
    const badKind = await complete('q=s&kinds=salary');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().details[0].field).toBe('query.kinds');
    expect((await complete('q=s&limit=0')).statusCode).toBe(400);
  });
});

describe('bad input is a 400 naming the field, never 503 SEARCH_UNAVAILABLE', () => {
  for (const [what, q] of [
    ['NUL', 'a%00b'],
    ['a control character', '%01%02'],
  ] as const) {
    it(`${what} in q`, async () => {
      for (const url of [`/public/vacancies/search?q=${q}`, `/public/vacancies/complete?q=${q}`]) {
        const res = await ctx.app.inject({ url });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().details[0].field).toBe('query.q');
      }
    });
  }

  it('NUL in a filter value', async () => {
    const res = await ctx.app.inject({ url: '/public/vacancies/search?district=44%0001' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('query.district');
  });
});

describe('several API processes', () => {
  it('a document written through one process is found, counted and suggested by another at once; a delete likewise', async () => {
    const other = postgres(ctx.config.databaseUrl, { max: 2, onnotice: () => {} });
    try {
      const reader = createPostgresEngine(other);
      const fresh = doc({ title: '无人机飞手', employerId: E('8') });
      await engine.upsertVacancies([fresh]);
      expect((await reader.searchVacancies({ q: 'wrj', page: 1, pageSize: 5 })).hits.map((h) => h.doc.id)).toEqual([fresh.id]);
      expect(await reader.suggest({ q: '无人', limit: 5 })).toEqual([{ text: '无人机飞手', kind: 'title', count: 1, match: 'prefix' }]);
      await engine.deleteVacancies([fresh.id]);
      expect((await reader.searchVacancies({ q: 'wrj', page: 1, pageSize: 5 })).hits).toEqual([]);
      expect(await reader.suggest({ q: '无人', limit: 5 })).toEqual([]);
    } finally {
      await other.end();
    }
  });
});

describe('recruiter search through the term index', () => {
  const seeker = (skills: string[], consent: boolean, updatedAt: string): SeekerDoc => ({
    id: randomUUID(),
    maskedName: '张*',
    skills,
    iscoUnits: [],
    desiredOccupations: [],
    experienceYears: 3,
    education: 'senior_secondary',
    districtCode: '440106',
    desiredWageMin: 5000,
    availability: 'immediate',
    profileText: `3年${skills[0]}经验`,
    consentSearchable: consent,
    updatedAt,
  });
  const docs = [
    seeker(['电工', '水电安装'], true, '2026-11-03T00:00:00Z'),
    seeker(['电工'], false, '2026-11-04T00:00:00Z'),
    seeker(['电焊工'], true, '2026-11-02T00:00:00Z'),
    seeker(['叉车司机'], true, '2026-11-01T00:00:00Z'),
  ];
  beforeAll(() => engine.upsertSeekers(docs));

  it('finds skills by characters, pinyin and initials; an employer sees consenting profiles only, staff all, newest first', async () => {
    for (const q of ['电工', 'diangong', 'dg']) {
      const asEmployer = await engine.searchSeekers({ q, consentedOnly: true, page: 1, pageSize: 10 });
      expect(asEmployer.hits.map((h) => h.doc.id), q).toEqual([docs[0]!.id]);
      expect(asEmployer.total).toBe(1);
      const asStaff = await engine.searchSeekers({ q, consentedOnly: false, page: 1, pageSize: 10 });
      expect(asStaff.hits.map((h) => h.doc.id), q).toEqual([docs[1]!.id, docs[0]!.id]);
    }
  });

  it('a seeker whose skills change moves between terms; filters apply', async () => {
    await engine.upsertSeekers([{ ...docs[3]!, skills: ['电工'] }]);
    expect((await engine.searchSeekers({ q: 'dg', consentedOnly: true, page: 1, pageSize: 10 })).hits.map((h) => h.doc.id)).toEqual([docs[0]!.id, docs[3]!.id]);
    expect((await engine.searchSeekers({ q: 'chache', consentedOnly: true, page: 1, pageSize: 10 })).hits).toEqual([]);
    expect((await engine.searchSeekers({ q: 'dg', consentedOnly: true, districtCodes: ['440104'], page: 1, pageSize: 10 })).hits).toEqual([]);
  });
});

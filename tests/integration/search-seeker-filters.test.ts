import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { educationRank, type SeekerDoc } from '../../src/search/documents.js';
import type { SearchEngine, SeekerQuery } from '../../src/search/engine.js';
import { findTerms, termLookup } from '../../src/search/terms.js';
import { prng } from '../../src/lib/prng.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Recruiter search with filters at a million seekers (issue 16, docs/adr/0162): the skill postings
 * carry the filter columns, so a filtered search reads one (skill, district, education level)
 * index range at a time and never joins the documents. It must give exactly what the former path
 * gave (each skill's postings joined to the documents and filtered there): the same ids in the same
 * order on every page and the same totals. A seeker whose district, education or consent changes
 * moves in filtered results in the same transaction as the write (invariant 1).
 */
let ctx: TestContext;
let engine: SearchEngine;
let sql: postgres.Sql;

const SKILLS = ['数控车床', '数控编程', '数控铣床', '数字营销', '数据录入', '叉车驾驶', '收银', '书法'];
const DISTRICTS = ['440103', '440104', '440106'];
const EDUCATION = ['junior_secondary', 'senior_secondary', 'vocational', 'associate', 'bachelor', 'master'];
const AVAILABILITY = ['immediate', 'within_month', 'employed'];

/** A deterministic corpus: 1–3 skills each (so a seeker can match a prefix through several skills), mixed filters, 3 in 4 consenting. */
function corpus(n: number): SeekerDoc[] {
  const r = prng(7);
  const rnd = (k: number) => r.int(0, k - 1);
  return Array.from({ length: n }, (_, i) => {
    const skills = [...new Set(Array.from({ length: 1 + rnd(3) }, () => SKILLS[rnd(SKILLS.length)]!))];
    return {
      id: randomUUID(),
      maskedName: '李*',
      skills,
      iscoUnits: rnd(2) ? ['7223'] : ['4131'],
      desiredOccupations: [],
      experienceYears: rnd(11),
      education: EDUCATION[rnd(EDUCATION.length)]!,
      districtCode: rnd(10) === 0 ? null : DISTRICTS[rnd(DISTRICTS.length)]!,
      desiredWageMin: rnd(5) === 0 ? null : 3000 + 500 * rnd(10),
      availability: AVAILABILITY[rnd(AVAILABILITY.length)]!,
      profileText: `${skills[0]}经验`,
      consentSearchable: rnd(4) !== 0,
      // Some seekers share an update time: ties are ordered by id.
      updatedAt: new Date(Date.UTC(2026, 10, 1) + (i % 37) * 3_600_000).toISOString(),
    };
  });
}

const live = () => sql`(select generation from search_generations where index_name = 'seekers' and state = 'live')`;

/**
 * The former filtered path, spelt out: the matched skills' postings joined to the documents and
 * filtered on the documents' columns, each seeker at its best skill, newest first; the total is
 * the number of postings that pass (capped), or the seekers found when the page is not full.
 */
async function formerPath(q: SeekerQuery): Promise<{ ids: string[]; total: number }> {
  const terms = await findTerms(sql, live(), termLookup(q.q)!, ['s'], { consentedOnly: q.consentedOnly });
  const keys = terms.map((t) => t.key);
  const conds = [sql`true`];
  if (q.consentedOnly) conds.push(sql`p.consent_searchable`);
  if (q.districtCodes?.length) conds.push(sql`d.district_code = any(${q.districtCodes})`);
  if (q.education) conds.push(sql`d.education_rank >= ${educationRank(q.education)}`);
  if (q.experienceMin !== undefined) conds.push(sql`d.experience_years >= ${q.experienceMin}`);
  if (q.offerMax !== undefined) conds.push(sql`(d.desired_wage_min is null or d.desired_wage_min <= ${q.offerMax})`);
  if (q.availability?.length) conds.push(sql`d.availability = any(${q.availability})`);
  if (q.occupationGroup) conds.push(sql`exists (select 1 from unnest(d.isco_units) u where u like ${q.occupationGroup + '%'})`);
  const where = conds.reduce((a, c) => sql`${a} and ${c}`);
  const rows = await sql`select p.key, p.id, p.updated_at from search_seeker_postings p
    join search_seeker_docs d on d.generation = p.generation and d.id = p.id
    where p.generation = ${live()} and p.key = any(${keys}::text[]) and ${where}`;
  const ord = new Map(keys.map((k, i) => [k, i]));
  rows.sort((a, b) => ord.get(a.key)! - ord.get(b.key)! || +b.updated_at - +a.updated_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const all = [...new Set(rows.map((r) => r.id as string))];
  const needed = q.page * q.pageSize;
  const found = all.slice(0, needed);
  const total = found.length < needed ? found.length : Math.min(rows.length, 10_000);
  return { ids: found.slice((q.page - 1) * q.pageSize), total };
}

const FILTERS: Partial<SeekerQuery>[] = [
  {},
  { districtCodes: ['440104'] },
  { districtCodes: ['440103', '440106'] },
  { education: 'associate' },
  { districtCodes: ['440106'], education: 'vocational' },
  { experienceMin: 6 },
  { offerMax: 5000 },
  { availability: ['immediate'] },
  { occupationGroup: '72' },
  { districtCodes: ['440103'], education: 'senior_secondary', experienceMin: 2, availability: ['immediate', 'within_month'] },
];
const QUERIES = ['数', 'shu', 'sk', '数控', 'skbc', 'shukong', '数字营销', 's', 'c', '收银'];

beforeAll(async () => {
  ctx = await startTestApp();
  engine = ctx.resources.search;
  await engine.setup();
  sql = postgres(ctx.config.databaseUrl, { max: 2, onnotice: () => {} });
  await engine.upsertSeekers(corpus(400));
});
afterAll(async () => {
  await sql?.end();
  await ctx?.close();
});

const ids = (r: { hits: { doc: { id: string } }[] }) => r.hits.map((h) => h.doc.id);

describe('recruiter search with filters on the postings', () => {
  it('gives the same ids, order and totals as the former join to the documents, on every page, for employers and staff', async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const filter of FILTERS) {
      for (const q of QUERIES) {
        for (const consentedOnly of [true, false]) {
          for (const page of [1, 2, 3]) {
            const query: SeekerQuery = { q, consentedOnly, page, pageSize: 4, ...filter };
            const want = await formerPath(query);
            const got = await engine.searchSeekers(query);
            const label = JSON.stringify({ q, consentedOnly, page, ...filter });
            expect(ids(got), label).toEqual(want.ids);
            expect(got.total, label).toBe(want.total);
            compared++;
            if (want.ids.length) nonEmpty++;
          }
        }
      }
    }
    expect(compared).toBe(FILTERS.length * QUERIES.length * 6);
    // The corpus is broad enough that most of these are real comparisons, not two empty lists.
    expect(nonEmpty).toBeGreaterThan(compared * 0.5);
  });

  it('every posting carries its document\'s filter columns', async () => {
    const [r] = await sql`select count(*)::int as n from search_seeker_postings p join search_seeker_docs d on d.generation = p.generation and d.id = p.id
      where p.district_code is distinct from d.district_code or p.education_rank is distinct from d.education_rank
        or p.experience_years is distinct from d.experience_years or p.desired_wage_min is distinct from d.desired_wage_min
        or p.availability is distinct from d.availability or p.isco_units is distinct from d.isco_units
        or p.consent_searchable is distinct from d.consent_searchable or p.updated_at is distinct from d.updated_at`;
    expect(r!.n).toBe(0);
  });
});

describe('a change is in filtered results at once', () => {
  const base = (over: Partial<SeekerDoc>): SeekerDoc => ({
    id: randomUUID(),
    maskedName: '王*',
    skills: ['钣金焊接'],
    iscoUnits: [],
    desiredOccupations: [],
    experienceYears: 4,
    education: 'vocational',
    districtCode: '440103',
    desiredWageMin: 6000,
    availability: 'immediate',
    profileText: '钣金焊接',
    consentSearchable: true,
    updatedAt: '2026-11-20T00:00:00.000Z',
    ...over,
  });
  const find = (over: Partial<SeekerQuery>) => engine.searchSeekers({ q: 'banjin', consentedOnly: true, page: 1, pageSize: 10, ...over });

  it('a seeker whose district changes moves to the new district', async () => {
    const s = base({});
    await engine.upsertSeekers([s]);
    expect(ids(await find({ districtCodes: ['440103'] }))).toEqual([s.id]);
    expect((await find({ districtCodes: ['440106'] })).total).toBe(0);
    await engine.upsertSeekers([{ ...s, districtCode: '440106', updatedAt: '2026-11-21T00:00:00.000Z' }]);
    expect((await find({ districtCodes: ['440103'] })).hits).toEqual([]);
    const moved = await find({ districtCodes: ['440106'] });
    expect(ids(moved)).toEqual([s.id]);
    expect(moved.total).toBe(1);
    expect(moved.hits[0]!.doc.districtCode).toBe('440106');
  });

  it('a seeker whose education changes passes or fails the education filter at once, also within a district', async () => {
    const s = base({ skills: ['钣金折弯'], districtCode: '440104' });
    await engine.upsertSeekers([s]);
    expect(ids(await find({ q: 'banjinzhe', education: 'associate' }))).toEqual([]);
    await engine.upsertSeekers([{ ...s, education: 'bachelor' }]);
    expect(ids(await find({ q: 'banjinzhe', education: 'associate' }))).toEqual([s.id]);
    expect(ids(await find({ q: 'banjinzhe', education: 'associate', districtCodes: ['440104'] }))).toEqual([s.id]);
    expect(ids(await find({ q: 'banjinzhe', education: 'master', districtCodes: ['440104'] }))).toEqual([]);
  });

  it('consent withdrawn: the profile disappears for employers at once (filtered or not); staff still see it', async () => {
    const s = base({ skills: ['钣金喷涂'], districtCode: '440104' });
    await engine.upsertSeekers([s]);
    expect(ids(await find({ q: 'banjinpen', districtCodes: ['440104'] }))).toEqual([s.id]);
    await engine.upsertSeekers([{ ...s, consentSearchable: false }]);
    expect((await find({ q: 'banjinpen', districtCodes: ['440104'] })).hits).toEqual([]);
    expect((await find({ q: 'banjinpen', districtCodes: ['440104'] })).total).toBe(0);
    expect((await find({ q: 'banjinpen' })).hits).toEqual([]);
    expect(ids(await find({ q: 'banjinpen', consentedOnly: false, districtCodes: ['440104'] }))).toEqual([s.id]);
  });

  it('a seeker who is deleted leaves the postings', async () => {
    const s = base({ skills: ['钣金装配'] });
    await engine.upsertSeekers([s]);
    expect(ids(await find({ q: 'banjinzhuang', districtCodes: ['440103'] }))).toEqual([s.id]);
    await engine.deleteSeekers([s.id]);
    expect((await find({ q: 'banjinzhuang', districtCodes: ['440103'] })).hits).toEqual([]);
    const [r] = await sql`select count(*)::int as n from search_seeker_postings where id = ${s.id}`;
    expect(r!.n).toBe(0);
  });
});

describe('browsing without words', () => {
  it('gives the newest seekers passing the filters, with the capped total, as a filter on the documents does', async () => {
    for (const filter of FILTERS) {
      for (const page of [1, 2]) {
        const query: SeekerQuery = { q: '', consentedOnly: true, page, pageSize: 5, ...filter };
        const got = await engine.searchSeekers(query);
        const conds = [sql`consent_searchable`];
        if (filter.districtCodes) conds.push(sql`district_code = any(${filter.districtCodes})`);
        if (filter.education) conds.push(sql`education_rank >= ${educationRank(filter.education)}`);
        if (filter.experienceMin !== undefined) conds.push(sql`experience_years >= ${filter.experienceMin}`);
        if (filter.offerMax !== undefined) conds.push(sql`(desired_wage_min is null or desired_wage_min <= ${filter.offerMax})`);
        if (filter.availability) conds.push(sql`availability = any(${filter.availability})`);
        if (filter.occupationGroup) conds.push(sql`exists (select 1 from unnest(isco_units) u where u like ${filter.occupationGroup + '%'})`);
        const where = conds.reduce((a, c) => sql`${a} and ${c}`);
        const want = await sql`select id from search_seeker_docs where generation = ${live()} and ${where} order by updated_at desc, id`;
        const label = JSON.stringify({ page, ...filter });
        const pageIds = want.slice((page - 1) * 5, page * 5).map((r) => r.id as string);
        expect(ids(got), label).toEqual(pageIds);
        // As before: a short page gives what was seen up to it; a full one the capped count.
        expect(got.total, label).toBe(pageIds.length < 5 ? (page - 1) * 5 + pageIds.length : want.length);
      }
    }
  });
});

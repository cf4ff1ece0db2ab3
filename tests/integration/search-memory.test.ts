import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VacancyDoc } from '../../src/search/documents.js';
import type { SearchEngine, VacancyQuery } from '../../src/search/engine.js';
import { createPostgresEngine } from '../../src/search/postgres-engine.js';
import { memoryOf } from '../../src/search/term-search.js';
import { E, vacancyDoc as doc } from '../helpers/fixtures-search.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * The in-process vacancy index (docs/adr/0161): it must answer exactly as the SQL term index
 * does, see a write committed by another process before any query that starts after the commit,
 * follow writes through NOTIFY within a second without being asked, and reload after a bulk
 * statement or a generation swap. Every engine here has its own connection pool, as separate API
 * processes have.
 */
let ctx: TestContext;
const pools: postgres.Sql[] = [];
let writer: SearchEngine;
let sqlOnly: SearchEngine;
let reader: SearchEngine;

const pool = () => {
  const p = postgres(ctx.config.databaseUrl, { max: 3, onnotice: () => {} });
  pools.push(p);
  return p;
};
const memory = (e: SearchEngine) => memoryOf.get(e)!;
const clock = async () => Number((await pools[0]!`select version from search_change_clock where index_name = 'vacancies'`)[0]!.version);

const TITLES = ['货车司机', '数据分析师', '数据库管理员', '数据标注员', '保洁员', '电工学徒', '电焊工', '叉车司机', 'Java开发工程师', 'Python数据工程师', '网约车司机', '收银员', '商品营业员', '销售代表'];
const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString();

function corpus(): VacancyDoc[] {
  const out: VacancyDoc[] = [];
  let i = 0;
  for (const [t, title] of TITLES.entries()) {
    for (let k = 0; k < 3 + ((t * 7) % 11); k++) {
      i++;
      out.push(
        doc({
          title,
          employerId: E(String(100 + (i % 9))),
          employerName: ['广州天河电气工程有限公司', '越秀家政服务公司', '白云物流有限公司', '番禺数据科技公司', '海珠商贸公司', '黄埔制造厂', '南沙港务公司', '花都汽车运输公司', '增城农业合作社'][i % 9]!,
          // Ties on the publication time are ordered by id, in SQL and in memory alike.
          publishedAt: day(i % 17),
          expiresAt: i % 13 === 0 ? '2020-01-01T00:00:00.000Z' : null,
        }),
      );
    }
  }
  return out;
}

const QUERIES = ['', 's', 'sj', 'siji', '司机', 'shu', 'shuju', '数据', '数剧分析', 'sjfxs', 'd', 'dian', '电', 'dg', 'java', 'py', 'python', 'baojie', '保结', 'guangzhou', 'tianhe', '天河', 'x', 'xs', 'huoche', 'zzz', 'c', 'cc'];

const ids = (r: { hits: { doc: { id: string } }[] }) => r.hits.map((h) => h.doc.id);

async function expectParity(queries = QUERIES) {
  expect(memory(reader).ready).toBe(true);
  for (const q of queries) {
    for (const page of [1, 2]) {
      const query: VacancyQuery = { q, page, pageSize: 7, sort: q ? 'relevance' : 'newest' };
      const [m, s] = [await reader.searchVacancies(query), await sqlOnly.searchVacancies(query)];
      expect({ q, page, ids: ids(m), total: m.total }).toEqual({ q, page, ids: ids(s), total: s.total });
    }
    if (q) expect({ q, s: await reader.suggest({ q, limit: 8 }) }).toEqual({ q, s: await sqlOnly.suggest({ q, limit: 8 }) });
  }
}

beforeAll(async () => {
  ctx = await startTestApp({});
  writer = createPostgresEngine(pool(), { memoryIndex: false });
  sqlOnly = createPostgresEngine(pool(), { memoryIndex: false });
  reader = createPostgresEngine(pool());
  await writer.upsertVacancies(corpus());
  await reader.health(); // readiness waits for the first load
});
afterAll(async () => {
  await reader?.close();
  for (const p of pools) await p.end();
  await ctx?.close();
});

describe('the in-process vacancy index', () => {
  it('is loaded when readiness answers, and ranks and counts exactly as the SQL term index', async () => {
    expect(memory(reader).applied).toBe(await clock());
    await expectParity();
  });

  it('above its size limit a process keeps no index and answers through the SQL term index', async () => {
    const small = createPostgresEngine(pool(), { memoryMaxDocs: 10 });
    await small.health();
    expect(memory(small).ready).toBe(false);
    for (const q of ['', 'sj', '数据']) {
      const query: VacancyQuery = { q, page: 1, pageSize: 7, sort: q ? 'relevance' : 'newest' };
      expect(ids(await small.searchVacancies(query))).toEqual(ids(await sqlOnly.searchVacancies(query)));
    }
    expect(memory(small).ready).toBe(false);
    await small.close();
  });

  it('sees a write committed by another process in the very next query, and a delete likewise', async () => {
    const fresh = doc({ title: '无人机飞手', employerId: E('8'), publishedAt: day(40) });
    await writer.upsertVacancies([fresh]);
    expect(ids(await reader.searchVacancies({ q: 'wrj', page: 1, pageSize: 5 }))).toEqual([fresh.id]);
    expect(ids(await reader.searchVacancies({ q: '', page: 1, pageSize: 1, sort: 'newest' }))).toEqual([fresh.id]);
    expect(memory(reader).applied).toBe(await clock());
    await writer.upsertVacancies([{ ...fresh, title: '无人机测绘员' }]);
    expect(await reader.suggest({ q: 'wurenji', limit: 5 })).toEqual([{ text: '无人机测绘员', kind: 'title', count: 1, match: 'prefix' }]);
    await writer.deleteVacancies([fresh.id]);
    expect(ids(await reader.searchVacancies({ q: 'wrj', page: 1, pageSize: 5 }))).toEqual([]);
    expect(await reader.suggest({ q: '无人', limit: 5 })).toEqual([]);
    await expectParity(['', 'sj', '司机', 'wrj']);
  });

  it('follows writes by itself (NOTIFY) within a second, without a query asking', async () => {
    const lags: number[] = [];
    for (let i = 0; i < 10; i++) {
      await writer.upsertVacancies([doc({ title: '叉车司机', employerId: E('9'), publishedAt: day(50 + i) })]);
      const target = await clock();
      const t0 = Date.now();
      while (memory(reader).applied < target && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 5));
      lags.push(Date.now() - t0);
    }
    expect(Math.max(...lags)).toBeLessThan(1000);
    await expectParity(['cc', '叉车', 'sj']);
  });

  it('reloads after a bulk statement (more than 5,000 documents at once) and after a generation swap', async () => {
    const loads = memory(reader).loads;
    const sql = pools[0]!;
    await sql`
      insert into search_vacancy_docs (generation, id, doc, content_hash, tsv, title_tsv, search_text, title_key, employer_id, district_code, isco_unit,
        wage_min, wage_max, education_rank, contract_type, fair_id, public_welfare, published_at, expires_at, lat, lon)
      select generation, u.id, jsonb_set(doc, '{id}', to_jsonb(u.id::text)), content_hash, tsv, title_tsv, search_text, title_key, employer_id, district_code, isco_unit,
        wage_min, wage_max, education_rank, contract_type, fair_id, public_welfare, published_at - g * interval '1 minute', expires_at, lat, lon
      from search_vacancy_docs d cross join generate_series(1, 60) g cross join lateral (select gen_random_uuid() as id, d.id as src, g as n) u
      where d.generation = (select generation from search_generations where index_name = 'vacancies' and state = 'live')`;
    const [{ n }] = (await sql`select count(*)::int as n from search_vacancy_docs`) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(5000);
    // While the reload runs, queries are answered through SQL (still exact); then from memory again.
    await expectParity(['', 'sj']);
    await memory(reader).sync(await clock());
    expect(memory(reader).loads).toBe(loads + 1);
    await expectParity(['', 'sj', '数据', 'xs']);

    const docs = corpus().slice(0, 20);
    await writer.rebuild('vacancies', (async function* () {
      yield docs;
    })());
    expect((await reader.searchVacancies({ q: '', page: 1, pageSize: 50, sort: 'newest' })).total).toBe(docs.filter((d) => !d.expiresAt).length);
    await memory(reader).sync(await clock());
    expect(memory(reader).loads).toBe(loads + 2);
    await expectParity(['', 'sj', '货车', 'hcsj']);
  });
});

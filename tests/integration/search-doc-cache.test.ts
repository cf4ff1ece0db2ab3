import postgres from 'postgres';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openResources, type Resources } from '../../src/runtime.js';
import type { VacancyDoc } from '../../src/search/documents.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { createPostgresEngine } from '../../src/search/postgres-engine.js';
import { memoryOf } from '../../src/search/term-search.js';
import { E, vacancyDoc as doc } from '../helpers/fixtures-search.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Search pages sent from serialised documents (docs/adr/0163). The in-process path keeps each
 * page document's public JSON once and the route joins those bytes: the body must equal what the
 * route's schema serialiser gives (a second API process without the in-process index, same
 * database), carry no undocumented field, and never show a document older than a write
 * committed by another process before the request.
 */
let ctx: TestContext;
let sqlApp: { app: App; resources: Resources };
let writer: SearchEngine;
let writerPool: postgres.Sql;

const TITLES = ['货车司机', '数据分析师', '数据标注员', '保洁员', '电工学徒', '电焊工', '叉车司机', 'Python数据工程师', '收银员', '销售代表'];
const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString();

async function body(app: App, query: string) {
  const res = await app.inject({ method: 'GET', url: `/public/vacancies/search?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  const { tookMs, ...rest } = res.json() as { tookMs: number };
  expect(Number.isInteger(tookMs)).toBe(true);
  return { text: res.body, json: rest as { items: { vacancy: VacancyDoc }[]; total: number } };
}
const stats = () => (ctx.resources.search as unknown as { docCacheStats(): { hits: number; misses: number } }).docCacheStats();

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_SEARCH_RESULT_CACHE: 'false' } });
  writerPool = postgres(ctx.config.databaseUrl, { max: 2, onnotice: () => {} });
  writer = createPostgresEngine(writerPool, { memoryIndex: false });
  let i = 0;
  const docs: VacancyDoc[] = [];
  for (const title of TITLES) for (let k = 0; k < 4; k++) docs.push(doc({ title, employerId: E(String(100 + (i % 7))), description: `${title}，岗位说明 ${i}`, publishedAt: day(i++ % 23) }));
  await writer.upsertVacancies(docs);
  // The same database served by a process without the in-process index: the schema serialiser path.
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: ctx.config.databaseUrl, REDIS_URL: ctx.config.redisUrl, PES_QUEUE_PREFIX: `${ctx.config.queuePrefix}b`, PES_HASH_KEY: 'test-hash-key-0123456789', PES_SEARCH_RESULT_CACHE: 'false', PES_SEARCH_MEMORY_INDEX: 'false' });
  const resources = openResources(config);
  sqlApp = { app: await buildApp({ config, ...resources }, { logger: pino({ level: 'silent' }) }), resources };
  await sqlApp.app.ready();
  await ctx.resources.search.health(); // the in-process index is loaded
  expect(memoryOf.get(ctx.resources.search as SearchEngine) ?? (ctx.resources.search as unknown as { docCacheStats?: unknown }).docCacheStats).toBeTruthy();
});
afterAll(async () => {
  await sqlApp?.app.close();
  await sqlApp?.resources.close();
  await writerPool?.end();
  await ctx?.close();
});

describe('search pages from serialised documents', () => {
  it('sends the same body as the schema serialiser, page after page, and the second time from the cache', async () => {
    const queries = ['sort=newest', 'q=sj&sort=relevance', 'q=数据', 'q=shuju&pageSize=3&page=2', 'q=保结', 'q=dian&pageSize=5', 'q=python', 'q=hc'];
    for (const round of [1, 2]) {
      const before = stats();
      for (const q of queries) {
        const [fromCache, serialised] = [await body(ctx.app, q), await body(sqlApp.app, q)];
        expect({ q, round, ...fromCache.json }).toEqual({ q, round, ...serialised.json });
        expect(fromCache.json.items.length).toBeGreaterThan(0);
      }
      const after = stats();
      expect(after.hits).toBeGreaterThan(before.hits);
      if (round === 2) expect(after.misses).toBe(before.misses); // every document of the second round was cached
    }
  });

  it('after a load, holds the first pages of the commonest terms before anyone asks', async () => {
    const fresh = createPostgresEngine(writerPool);
    await fresh.health();
    const memory = memoryOf.get(fresh)!;
    const t0 = Date.now();
    while (memory.docs.size === 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(memory.docs.size).toBeGreaterThan(0);
    const before = memory.docs.misses;
    for (const q of ['', 'sj', '数据', 'dian']) await fresh.searchVacancies({ q, page: 1, pageSize: 10, sort: q ? 'relevance' : 'newest' });
    expect(memory.docs.misses).toBe(before);
    await fresh.close();
  });

  it('sends no field the response schema does not document, even when the stored document has one', async () => {
    const secret = doc({ title: '仓库管理员', employerId: E('3'), publishedAt: day(60) });
    await writer.upsertVacancies([{ ...secret, contactPhone: '13800138000', internalNote: '内部备注' } as VacancyDoc]);
    for (const round of [1, 2]) {
      const { text, json } = await body(ctx.app, 'q=ckgly');
      expect(json.items.map((i) => i.vacancy.id), `round ${round}`).toEqual([secret.id]);
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain('internalNote');
      expect(text).not.toContain('occupationSystem');
    }
  });

  it('shows a change or a delete committed by another process in the very next request, never the cached copy', async () => {
    const v = doc({ title: '无人机飞手', employerId: E('8'), description: '第一版说明', publishedAt: day(70) });
    await writer.upsertVacancies([v]);
    expect((await body(ctx.app, 'q=wrj')).json.items[0]!.vacancy.description).toBe('第一版说明');
    expect((await body(ctx.app, 'q=wurenji')).json.items[0]!.vacancy.description).toBe('第一版说明'); // cached now
    for (let n = 2; n <= 6; n++) {
      await writer.upsertVacancies([{ ...v, description: `第${n}版说明`, wageMax: 5000 + n }]);
      const items = (await body(ctx.app, n % 2 ? 'q=wrjfs' : 'q=无人机')).json.items;
      expect(items.map((i) => [i.vacancy.description, i.vacancy.wageMax])).toEqual([[`第${n}版说明`, 5000 + n]]);
    }
    await writer.deleteVacancies([v.id]);
    expect((await body(ctx.app, 'q=wrj')).json.items).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { buildWorld, type World } from '../helpers/records.js';
import { startPrivateRedis } from '../helpers/redis-server.js';
import { eventually, startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Faults on loopback, bounded in time (issue 10): Redis stopped while the API takes writes, and
 * the search engine unavailable. These tests stop their own private Redis, never the suite's.
 */
const REDIS_DOWN_MS = 30_000;

let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let ctx: TestContext;
let w: World;

beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await startTestApp({ redisUrl: redis.url });
  w = await buildWorld(ctx);
  await ctx.startWorkers();
});
afterAll(async () => {
  await ctx.close();
  await redis.stop();
});

async function publishVacancy(title: string) {
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/vacancies',
    headers: w.as.staff,
    payload: { employerId: w.employers.own, title, description: `${title}，负责日常工作。`, wageMin: 5000, wageMax: 7000, districtCode: '440106' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const published = await ctx.app.inject({ method: 'POST', url: `/vacancies/${created.json().id}/status`, headers: w.as.staff, payload: { status: 'published' } });
  expect(published.statusCode, published.body).toBe(200);
  expect(published.json().status).toBe('published');
  return created.json().id as string;
}

const searchIds = async (q: string) => {
  const res = await ctx.app.inject({ url: `/public/vacancies/search?q=${encodeURIComponent(q)}&pageSize=50` });
  expect(res.statusCode).toBe(200);
  return (res.json().items as { vacancy: { id: string } }[]).map((i) => i.vacancy.id);
};

describe('Redis stopped for 30 s while the API receives writes', () => {
  it('writes return 2xx, search keeps answering, readiness says redis; afterwards every write is indexed exactly once', async () => {
    const before = await publishVacancy('焊工 redisfault');
    await eventually(async () => (await searchIds('redisfault')).includes(before));

    const { sql } = ctx.resources.database;
    // The private Redis keeps no data across its restart, so count the jobs of rows written after it stops.
    const [{ maxId }] = (await sql`select coalesce(max(id), 0)::int as "maxId" from outbox`) as unknown as [{ maxId: number }];
    await redis.stop();
    const started = Date.now();
    const written: string[] = [];
    let i = 0;
    while (Date.now() - started < REDIS_DOWN_MS) {
      written.push(await publishVacancy(`焊工 redisfault ${++i}号`));
      expect(await searchIds('redisfault')).toContain(before);
      if (i % 5 === 1) {
        const ready = await ctx.app.inject({ url: '/health/ready' });
        expect(ready.statusCode).toBe(503);
        expect(ready.json().failing).toEqual(['redis']);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(written.length).toBeGreaterThanOrEqual(10);
    await redis.start();

    const all = [before, ...written];
    await eventually(async () => {
      const found = await searchIds('redisfault');
      return all.every((id) => found.includes(id));
    }, 30_000, 200);
    const pending = await sql`select count(*)::int as n from outbox where dispatched_at is null`;
    expect(pending[0]!.n).toBe(0);
    // Exactly once: one search-sync job per outbox row, and each completed once.
    const rows = await sql`select count(*)::int as n from outbox where queue = 'search-sync' and id > ${maxId}`;
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('search-sync', { connection, prefix: ctx.config.queuePrefix });
    try {
      await eventually(async () => (await queue.getJobCounts('completed')).completed === rows[0]!.n, 15_000);
      const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      expect(counts).toMatchObject({ completed: rows[0]!.n, failed: 0, waiting: 0, active: 0, delayed: 0 });
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const docs = await sql`select count(*)::int as n, count(distinct id)::int as d from search_vacancy_docs where id = any(${all}::uuid[])`;
    expect(docs[0]).toEqual({ n: all.length, d: all.length });
  }, 120_000);
});

describe('search engine unavailable', () => {
  it('public search answers 503 with a clear message while writes still commit', async () => {
    const { sql } = ctx.resources.database;
    await sql`alter table search_vacancy_docs rename to search_vacancy_docs_away`;
    try {
      const res = await ctx.app.inject({ url: '/public/vacancies/search?q=newquery-engine-down' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'SEARCH_UNAVAILABLE', message: expect.stringContaining('Search is temporarily unavailable') });
      expect(res.body).not.toMatch(/relation|search_vacancy_docs/);
      const zh = await ctx.app.inject({ url: '/public/vacancies/search?q=newquery-engine-down2', headers: { 'accept-language': 'zh-CN' } });
      expect(zh.json().message).toContain('搜索暂时不可用');
      const id = await publishVacancy('电工 enginefault');
      const [row] = await sql`select status from vacancies where id = ${id}`;
      expect(row!.status).toBe('published');
    } finally {
      await sql`alter table search_vacancy_docs_away rename to search_vacancy_docs`;
    }
    await eventually(async () => (await searchIds('enginefault')).length === 1, 20_000, 200);
  }, 60_000);
});

import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withResultCache } from '../../src/search/cached-engine.js';
import type { SearchEngine, SearchResult, VacancyQuery } from '../../src/search/engine.js';
import type { VacancyDoc } from '../../src/search/documents.js';
import { createTestDatabase } from '../helpers/test-db.js';

/**
 * The API's result cache over a real Postgres LISTEN/NOTIFY. The engine underneath is a
 * counting stand-in (the cache's behaviour, not the search, is under test), whose answers
 * carry a version number so a test can tell a fresh answer from a stale one.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;
const clients: postgres.Sql[] = [];

/**
 * Each cache gets its own client, so its own LISTEN connection: a notification from the
 * previous test (delivered late on a loaded CI machine) would otherwise reach this test's
 * cache too and clear it, which is correct behaviour but not what a test is checking.
 */
function freshSql() {
  const sql = postgres(db.url, { max: 3, onnotice: () => {} });
  clients.push(sql);
  return sql;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await db.drop();
});

function countingEngine(delayMs = 0) {
  let calls = 0;
  let version = 0;
  const engine = {
    async searchVacancies(q: VacancyQuery): Promise<SearchResult<VacancyDoc>> {
      calls++;
      const v = version;
      await new Promise((r) => setTimeout(r, delayMs));
      return { hits: [], total: v, page: q.page, pageSize: q.pageSize, facets: {}, tookMs: 0 };
    },
    async upsertVacancies() {},
  } as unknown as SearchEngine;
  return { engine, calls: () => calls, bump: () => version++ };
}

const query: VacancyQuery = { q: '电工', page: 1, pageSize: 20 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('search result cache', () => {
  it('does not keep pages answered with serialised documents (the in-process path), though concurrent requests share one', async () => {
    let calls = 0;
    const engine = {
      async searchVacancies(q: VacancyQuery): Promise<SearchResult<VacancyDoc>> {
        calls++;
        await sleep(30);
        const json = Buffer.from('{"id":"x"}');
        return { hits: [{ json, get doc() { return { id: 'x' } as VacancyDoc; } }], total: 1, page: q.page, pageSize: q.pageSize, facets: {}, tookMs: 0 };
      },
      async upsertVacancies() {},
    } as unknown as SearchEngine;
    const cached = withResultCache(engine, freshSql(), { ttlMs: 10_000 });
    await Promise.all(Array.from({ length: 5 }, () => cached.searchVacancies(query)));
    expect(calls).toBe(1);
    await cached.searchVacancies(query);
    expect(calls).toBe(2);
    expect(cached.cacheStats().size).toBe(0);
  });

  it('answers a repeated query from memory, and concurrent misses share one search', async () => {
    const e = countingEngine(50);
    const cached = withResultCache(e.engine, freshSql(), { ttlMs: 10_000 });
    await Promise.all(Array.from({ length: 20 }, () => cached.searchVacancies(query)));
    await cached.searchVacancies(query);
    expect(e.calls()).toBe(1);
  });

  it('an index write (NOTIFY) clears every entry, so the next search is fresh', async () => {
    const e = countingEngine();
    const cached = withResultCache(e.engine, freshSql(), { ttlMs: 60_000 });
    expect((await cached.searchVacancies(query)).total).toBe(0);
    e.bump();
    await cached.upsertVacancies([{} as VacancyDoc]);
    expect((await cached.searchVacancies(query)).total).toBe(1);
    expect(e.calls()).toBe(2);
  });

  it('past the TTL, serves the old answer at once and refreshes it in the background', async () => {
    const e = countingEngine(100);
    const cached = withResultCache(e.engine, freshSql(), { ttlMs: 200 });
    expect((await cached.searchVacancies(query)).total).toBe(0);
    e.bump();
    await sleep(250);
    const t0 = performance.now();
    expect((await cached.searchVacancies(query)).total).toBe(0); // stale, without waiting
    expect(performance.now() - t0).toBeLessThan(80); // the engine takes 100 ms
    await Promise.all([cached.searchVacancies(query), cached.searchVacancies(query)]);
    expect(e.calls()).toBe(2); // one refresh, not one per request
    await sleep(150);
    expect((await cached.searchVacancies(query)).total).toBe(1); // refreshed
  });

  it('an entry far past its TTL (6 TTLs) is not served: the search waits for a fresh answer', async () => {
    const e = countingEngine();
    const cached = withResultCache(e.engine, freshSql(), { ttlMs: 50 });
    await cached.searchVacancies(query);
    e.bump();
    await sleep(350);
    expect((await cached.searchVacancies(query)).total).toBe(1);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createApiKey } from '../../src/modules/auth/keys.js';
import { openResources, type Resources } from '../../src/runtime.js';
import { buildWorld, type World } from '../helpers/records.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/postgres-server.js';
import type { TestContext } from '../helpers/test-app.js';

/**
 * Postgres restarted under load (issue 10). The test runs its own Postgres (the suite's shared
 * one must stay up), serves the app over real HTTP on loopback and keeps a steady stream of
 * reads and writes going while the server is stopped for a few seconds and started again.
 */
const OUTAGE_MS = 4_000;
/** The longest any request may take. postgres.js fails a connect after 5 s (connect_timeout). */
const REQUEST_TIMEOUT_MS = 8_000;
const LOOPS = 4;

let pg: PrivatePostgres;
let app: App;
let resources: Resources;
let base: string;
let w: World;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: pg.url,
    REDIS_URL: process.env.REDIS_URL,
    PES_QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    PES_HASH_KEY: 'test-hash-key-0123456789',
    // The load comes from one IP; the public rate limit is not what this test is about.
    PES_PUBLIC_RATE_LIMIT: '1000000',
  });
  resources = openResources(config);
  await resources.search.setup();
  app = await buildApp({ config, ...resources }, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const { key: adminKey } = await createApiKey(resources.database.db, config.hashKey, { name: 'test admin', role: 'admin' });
  // buildWorld only needs these parts of a test context.
  const ctx = {
    app,
    config,
    resources,
    adminKey,
    keyFor: async (role, extra = {}) => (await createApiKey(resources.database.db, config.hashKey, { name: `test ${role}`, role, ...extra })).key,
  } as TestContext;
  w = await buildWorld(ctx);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await resources?.close();
  await pg?.destroy();
});

interface Outcome {
  what: string;
  status: number; // 0: no answer (aborted by the client timeout, or the socket failed)
  ms: number;
  startedAt: number;
  body: string;
  error?: string;
}

async function timed(what: string, path: string, init: RequestInit = {}): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS + 2_000) });
    const body = await res.text();
    return { what, status: res.status, ms: Date.now() - startedAt, startedAt, body };
  } catch (err) {
    return { what, status: 0, ms: Date.now() - startedAt, startedAt, body: '', error: (err as Error).message };
  }
}

const createVacancy = (i: number) =>
  timed('create vacancy', '/vacancies', {
    method: 'POST',
    headers: { ...w.as.staff, 'content-type': 'application/json' },
    body: JSON.stringify({ employerId: w.employers.own, title: `叉车司机 pgfault ${i}`, description: '负责仓库货物装卸。', wageMin: 5000, wageMax: 7000, districtCode: '440106' }),
  });

describe('Postgres restarted under load', () => {
  it('readiness goes 503 naming postgres and back to 200; no request hangs; 5xx are clear 503s; the API recovers without a restart', async () => {
    const outcomes: Outcome[] = [];
    const readiness: { at: number; status: number; body: string }[] = [];
    let running = true;
    let n = 0;

    const loop = async (id: number) => {
      while (running) {
        const i = n++;
        // A read without a key, a read with a key, and a write, in turn.
        const kind = (i + id) % 3;
        if (kind === 0) outcomes.push(await timed('public search', `/public/vacancies/search?q=${encodeURIComponent('叉车')}`));
        else if (kind === 1) outcomes.push(await timed('list vacancies', '/vacancies?pageSize=5', { headers: w.as.staff }));
        else outcomes.push(await createVacancy(i));
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const probe = async () => {
      while (running) {
        const r = await timed('ready', '/health/ready');
        readiness.push({ at: r.startedAt, status: r.status, body: r.body });
        await new Promise((res) => setTimeout(res, 200));
      }
    };

    const loops = [...Array.from({ length: LOOPS }, (_, id) => loop(id)), probe()];
    await new Promise((r) => setTimeout(r, 1_500));
    const stoppedAt = Date.now();
    await pg.stop();
    const stopDoneAt = Date.now();
    // The Chinese message, asked for while the database is surely down.
    const zh = await timed('list vacancies zh', '/vacancies', { headers: { ...w.as.staff, 'accept-language': 'zh-CN' } });
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const startCalledAt = Date.now();
    await pg.start();
    const startedAt = Date.now();
    // Keep the load on until readiness is back and for a few seconds more.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !readiness.some((r) => r.at > startedAt && r.status === 200)) await new Promise((r) => setTimeout(r, 100));
    const readyAgainAt = readiness.find((r) => r.at > startedAt && r.status === 200)?.at;
    await new Promise((r) => setTimeout(r, 3_000));
    running = false;
    await Promise.all(loops);

    const max = Math.max(...outcomes.map((o) => o.ms));
    const during = outcomes.filter((o) => o.startedAt >= stoppedAt && o.startedAt < startedAt);
    console.log(
      `postgres restart: ${outcomes.length} requests, max latency ${max} ms, ${during.length} during the outage ` +
        `(${during.filter((o) => o.status === 503).length} answered 503), ready again ${readyAgainAt ? readyAgainAt - startedAt : '-'} ms after start`,
    );

    if (process.env.FAULT_DEBUG) {
      const hist: Record<string, number> = {};
      for (const o of outcomes) {
        const phase = o.startedAt < stoppedAt ? 'before' : o.startedAt < startedAt ? 'during' : 'after';
        const k = `${phase} ${o.what} ${o.status}`;
        hist[k] = (hist[k] ?? 0) + 1;
      }
      console.log(hist);
      for (const o of outcomes.filter((x) => x.status === 0 || x.ms > 2000)) console.log(o.what, o.status, o.ms, 'started', o.startedAt - stoppedAt, 'ms after stop', o.error);
    }
    // Nothing hung: every request got an answer within the request timeout.
    const unanswered = outcomes.filter((o) => o.status === 0);
    expect(unanswered.map((o) => `${o.what}: ${o.error}`)).toEqual([]);
    expect(max).toBeLessThan(REQUEST_TIMEOUT_MS);

    // Readiness: 503 naming postgres while it is down (asked between the stop and the start),
    // 200 again after. Around the edges another check may time out too; those 503s say which.
    const down = readiness.filter((r) => r.at >= stopDoneAt && r.at < startCalledAt);
    expect(down.length).toBeGreaterThan(0);
    for (const r of down) {
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toMatchObject({ status: 'not_ready', checks: { postgres: 'down' }, code: 'NOT_READY' });
    }
    for (const r of readiness.filter((x) => x.status === 503)) {
      const body = JSON.parse(r.body);
      expect(body.failing.length).toBeGreaterThan(0);
      for (const name of body.failing) expect(body.message).toContain(name);
    }
    expect(readyAgainAt, 'readiness did not return to 200 within 20 s of the restart').toBeDefined();

    // The outage was felt, and every failure was a clear 503, never a 500 or a leaked stack.
    expect(during.some((o) => o.status === 503)).toBe(true);
    for (const o of outcomes.filter((x) => x.status >= 500)) {
      expect(o.status, `${o.what}: ${o.body}`).toBe(503);
      const body = JSON.parse(o.body);
      expect(['SERVICE_UNAVAILABLE', 'SEARCH_UNAVAILABLE']).toContain(body.code);
      expect(body.message).toMatch(/temporarily unavailable/);
      expect(body.requestId).toBeTruthy();
      expect(o.body).not.toMatch(/ECONNREFUSED|CONNECTION_|57P01|terminating connection|\s+at \S+ \(|node_modules/);
    }
    expect(zh.status).toBe(503);
    expect(JSON.parse(zh.body).message).toBe('数据库暂时不可用，请稍后重试');

    // Recovery without restarting the app: everything sent after readiness came back succeeded.
    const after = outcomes.filter((o) => o.startedAt > readyAgainAt!);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((o) => o.status >= 300).map((o) => `${o.what} ${o.status}: ${o.body.slice(0, 200)}`)).toEqual([]);
    expect(after.filter((o) => o.what === 'create vacancy').length).toBeGreaterThan(0);

    // Every write that answered 201 is in the database. (A 503 may still have committed: the
    // server can go away between COMMIT and the answer, so the count can only be at least this.)
    const created = outcomes.filter((o) => o.what === 'create vacancy' && o.status === 201).map((o) => JSON.parse(o.body).id as string);
    const { sql } = resources.database;
    const [{ n: found }] = (await sql`select count(*)::int as n from vacancies where id = any(${created}::uuid[])`) as unknown as [{ n: number }];
    expect(found).toBe(created.length);
    const [{ n: stored }] = (await sql`select count(*)::int as n from vacancies where title like '叉车司机 pgfault %'`) as unknown as [{ n: number }];
    expect(stored).toBeGreaterThanOrEqual(created.length);
  }, 90_000);
});

import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerMetrics, startMetricsServer } from '../../src/plugins/metrics.js';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Issue 23: operators scrape /metrics (Prometheus text format) and find request latency by route
 * and status, search latency and cache hits, the outbox backlog and its age, queue depths, job
 * outcomes and durations per queue, and database connection use. Nobody else can read it.
 */
const TOKEN = 'metrics-token-0123456789abcdef';
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_METRICS_TOKEN: TOKEN } });
});
afterAll(() => ctx.close());

/** The value of one series (exact name, and every given label), or undefined when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return undefined;
}

const scrape = async () => {
  const res = await ctx.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('text/plain');
  return res.body;
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

describe('GET /metrics', () => {
  it('is for operators only: no credentials 401, a non-admin key 403, the metrics token or an admin key 200', async () => {
    expect((await ctx.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/metrics', headers: bearer('not-the-token-0123456789') })).statusCode).toBe(401);
    // A staff key with no office is still a valid key of a non-admin role.
    const staff = await ctx.keyFor('staff');
    expect((await ctx.app.inject({ url: '/metrics', headers: bearer(staff) })).statusCode).toBe(403);
    expect((await ctx.app.inject({ url: '/metrics', headers: bearer(ctx.adminKey) })).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/metrics', headers: bearer(TOKEN) })).statusCode).toBe(200);
    // Not a public path: no public rate-limit headers, and the kiosk's pages never link it.
    expect((await ctx.app.inject({ url: '/metrics', headers: bearer(TOKEN) })).headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('carries HTTP latency by route and status, search latency and cache hits, outbox backlog and age, queue depths and database connections', async () => {
    // Requests: the same public search twice (a miss, then a cache hit), a 404 with an id in its URL.
    for (let i = 0; i < 2; i++) {
      const r = await ctx.app.inject({ url: '/public/vacancies/search?q=电工' });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await ctx.app.inject({ url: '/vacancies/00000000-0000-4000-8000-000000000000', headers: bearer(ctx.adminKey) })).statusCode).toBe(404);
    // An outbox row no worker has picked up (no workers run yet).
    expect((await ctx.app.inject({ method: 'POST', url: '/admin/pings', headers: bearer(ctx.adminKey), payload: {} })).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 20));

    const text = await scrape();
    expect(series(text, 'pes_http_request_duration_seconds_count', { route: '/public/vacancies/search', status: '200', method: 'GET' })).toBe(2);
    // Route patterns, not URLs: the id is not a label value.
    expect(series(text, 'pes_http_request_duration_seconds_count', { route: '/vacancies/:id', status: '404' })).toBe(1);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(series(text, 'pes_http_request_duration_seconds_bucket', { route: '/public/vacancies/search', status: '200', le: '+Inf' })).toBe(2);

    expect(series(text, 'pes_search_duration_seconds_count', { index: 'vacancies', engine: 'postgres', outcome: 'ok' })).toBe(2);
    expect(series(text, 'pes_search_cache_hits_total')).toBe(1);
    expect(series(text, 'pes_search_cache_misses_total')).toBe(1);
    expect(series(text, 'pes_search_cache_entries')).toBe(1);

    expect(series(text, 'pes_outbox_pending_rows')).toBe(1);
    expect(series(text, 'pes_outbox_oldest_pending_age_seconds')).toBeGreaterThan(0);

    for (const queue of ['system', 'search-sync', 'matching', 'imports', 'reports']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
        expect(series(text, 'pes_queue_jobs', { queue, state }), `${queue} ${state}`).toBe(0);
      }
    }
    expect(series(text, 'pes_metrics_source_up', { source: 'postgres' })).toBe(1);
    expect(series(text, 'pes_metrics_source_up', { source: 'redis' })).toBe(1);

    expect(series(text, 'pes_db_connections', { application: 'pes-api' })).toBeGreaterThanOrEqual(1);
    expect(series(text, 'pes_db_pool_max')).toBe(10);
    expect(series(text, 'pes_db_max_connections')).toBeGreaterThan(10);
    expect(series(text, 'pes_db_oldest_transaction_seconds')).toBeGreaterThanOrEqual(0);
    // Process metrics (prom-client defaults), labelled with the process kind.
    expect(series(text, 'process_resident_memory_bytes', { process: 'api' })).toBeGreaterThan(0);
    expect(series(text, 'nodejs_eventloop_lag_p99_seconds')).toBeDefined();
  });

  it('the worker process reports job outcomes and durations per queue; the API sees the queue counts and the outbox drain', async () => {
    const rt = await ctx.startWorkers();
    const worker = createWorkerMetrics();
    worker.instrument(rt.workers);
    const port = await freePort();
    const server = (await startMetricsServer(worker.registry, { port, token: TOKEN, host: '127.0.0.1' }))!;
    try {
      // The ping queued above runs; a job with an invalid payload fails for good.
      await ctx.resources.queues.system.add('system.ping', { pingId: 'not-a-uuid' }, { attempts: 1 });
      const url = `http://127.0.0.1:${port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const text = await eventually(async () => {
        const body = await (await fetch(url, { headers: bearer(TOKEN) })).text();
        return series(body, 'pes_job_attempts_total', { queue: 'system', job: 'system.ping', outcome: 'completed' }) === 1 &&
          series(body, 'pes_job_attempts_total', { queue: 'system', job: 'system.ping', outcome: 'failed' }) === 1
          ? body
          : null;
      });
      expect(series(text, 'pes_job_duration_seconds_count', { queue: 'system', job: 'system.ping', outcome: 'completed' })).toBe(1);
      expect(series(text, 'pes_job_duration_seconds_bucket', { queue: 'system', job: 'system.ping', outcome: 'completed', le: '+Inf' })).toBe(1);
      expect(series(text, 'process_resident_memory_bytes', { process: 'worker' })).toBeGreaterThan(0);

      const api = await eventually(async () => {
        const body = await scrape();
        return series(body, 'pes_outbox_pending_rows') === 0 && series(body, 'pes_queue_jobs', { queue: 'system', state: 'failed' }) === 1 ? body : null;
      });
      expect(series(api, 'pes_queue_jobs', { queue: 'system', state: 'completed' })).toBe(1);
      expect(series(api, 'pes_outbox_oldest_pending_age_seconds')).toBe(0);

      // Every series the shipped Grafana dashboard queries is one that the API or a worker exports.
      const dashboard = readFileSync('grafana/pes-jobs.json', 'utf8');
      const used = new Set([...dashboard.matchAll(/\b((?:pes|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1]!.replace(/_(bucket|count|sum)$/, '')));
      expect(used.size).toBeGreaterThan(10);
      for (const name of used) expect(`${api}\n${text}`, name).toContain(`# TYPE ${name} `);
    } finally {
      server.close();
    }
  });
});

import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Job, Worker } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type postgres from 'postgres';
import type { Queues } from '../jobs/queues.js';
import type { SearchEngine } from '../search/engine.js';

/**
 * Prometheus metrics (prom-client), for operators only: GET /metrics on the API, and a small
 * listener of its own in the worker process (workers have no HTTP server). Series, dashboards and
 * alert suggestions: docs/deployment.md and grafana/pes-jobs.json.
 *
 * Access: `Authorization: Bearer <PES_METRICS_TOKEN>` (what Prometheus' `authorization`
 * setting sends), or an admin API key. Without a token configured only admin keys can scrape.
 *
 * Each app gets its own Registry (tests build several apps in one process; the default global
 * registry would refuse the second set of metric names).
 */

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry;
  }
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800];
/** BullMQ job states counted per queue ("waiting" + "prioritized" + "delayed" is the backlog). */
const JOB_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed', 'waiting-children'] as const;
/** A scrape must answer even when Redis or Postgres hangs: each source gets this long. */
const SOURCE_TIMEOUT_MS = 2_000;

export function tokenMatches(expected: string | undefined, header: string | undefined): boolean {
  if (!expected || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

const withTimeout = <T>(p: Promise<T>, what: string): Promise<T> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out`)), SOURCE_TIMEOUT_MS);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });

/** Search latency as the API sees it (result cache included), and the cache's hit counts. */
export function instrumentSearch(engine: SearchEngine, registry: Registry): SearchEngine {
  const duration = new Histogram({
    name: 'pes_search_duration_seconds',
    help: 'Search latency seen by the API (result cache included), by index and engine',
    labelNames: ['index', 'engine', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const stats = (engine as SearchEngine & { cacheStats?: () => { hits: number; misses: number; size: number } }).cacheStats;
  if (stats) {
    // Counters mirrored from the cache's own tallies at scrape time (no work on the search path).
    let last = { hits: 0, misses: 0 };
    const sync = () => {
      const s = stats();
      if (s.hits > last.hits) hits.inc(s.hits - last.hits);
      if (s.misses > last.misses) misses.inc(s.misses - last.misses);
      last = { hits: s.hits, misses: s.misses };
    };
    const hits: Counter = new Counter({ name: 'pes_search_cache_hits_total', help: 'Public vacancy searches answered from the result cache', registers: [registry], collect: sync });
    const misses: Counter = new Counter({ name: 'pes_search_cache_misses_total', help: 'Public vacancy searches that went to the engine', registers: [registry], collect: sync });
    new Gauge({ name: 'pes_search_cache_entries', help: 'Result pages held by the cache', registers: [registry], collect() { this.set(stats().size); } });
  }
  const docStats = (engine as SearchEngine & { docCacheStats?: () => { hits: number; misses: number; entries: number; bytes: number } }).docCacheStats;
  if (docStats) {
    // The serialised-document cache of the in-process index (docs/adr/0163), mirrored at scrape time.
    let last = { hits: 0, misses: 0 };
    const sync = () => {
      const s = docStats();
      if (s.hits > last.hits) docHits.inc(s.hits - last.hits);
      if (s.misses > last.misses) docMisses.inc(s.misses - last.misses);
      last = { hits: s.hits, misses: s.misses };
    };
    const docHits: Counter = new Counter({ name: 'pes_search_doc_cache_hits_total', help: 'Search page documents sent from the serialised-document cache', registers: [registry], collect: sync });
    const docMisses: Counter = new Counter({ name: 'pes_search_doc_cache_misses_total', help: 'Search page documents read from Postgres', registers: [registry], collect: sync });
    new Gauge({ name: 'pes_search_doc_cache_bytes', help: 'Bytes held by the serialised-document cache', registers: [registry], collect() { this.set(docStats().bytes); } });
  }
  const timed = <A extends unknown[], R>(index: string, fn: (...a: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const end = duration.startTimer({ index, engine: engine.name });
      try {
        const r = await fn(...args);
        end({ outcome: 'ok' });
        return r;
      } catch (err) {
        end({ outcome: 'error' });
        throw err;
      }
    };
  const searchVacancies = timed('vacancies', engine.searchVacancies.bind(engine));
  const searchSeekers = timed('seekers', engine.searchSeekers.bind(engine));
  // A proxy, not a copy: every other method (and cacheStats) stays the engine's own.
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop === 'searchVacancies') return searchVacancies;
      if (prop === 'searchSeekers') return searchSeekers;
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Outbox backlog, queue depths and database connections, read at scrape time. */
function stateCollectors(registry: Registry, sql: postgres.Sql, queues: Queues, poolMax: number) {
  const up = new Gauge({ name: 'pes_metrics_source_up', help: '1 when the source answered this scrape (postgres, redis)', labelNames: ['source'], registers: [registry] });
  const outboxPending = new Gauge({ name: 'pes_outbox_pending_rows', help: 'Outbox rows not yet delivered to BullMQ', registers: [registry] });
  const outboxAge = new Gauge({ name: 'pes_outbox_oldest_pending_age_seconds', help: 'Age of the oldest undelivered outbox row (0 when none)', registers: [registry] });
  const queueJobs = new Gauge({ name: 'pes_queue_jobs', help: 'BullMQ jobs per queue and state (failed: kept 7 days)', labelNames: ['queue', 'state'], registers: [registry] });
  const dbConnections = new Gauge({
    name: 'pes_db_connections',
    help: 'Server connections of this database by application (pes-api, pes-worker) and state, from pg_stat_activity',
    labelNames: ['application', 'state'],
    registers: [registry],
  });
  new Gauge({ name: 'pes_db_pool_max', help: "This process's Postgres pool size (connections)", registers: [registry] }).set(poolMax);
  const dbMax = new Gauge({ name: 'pes_db_max_connections', help: 'The server max_connections setting', registers: [registry] });
  const oldestTx = new Gauge({
    name: 'pes_db_oldest_transaction_seconds',
    help: 'Age of the oldest open transaction holding a transaction id (it holds back the vacancy feed and vacuum)',
    registers: [registry],
  });

  async function fromPostgres() {
    const [o] = await sql<{ n: number; age: number | null }[]>`
      select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as age
      from outbox where dispatched_at is null`;
    outboxPending.set(o!.n);
    outboxAge.set(o!.age ?? 0);
    const conns = await sql<{ application: string; state: string; n: number; max: number; oldest: number | null }[]>`
      select coalesce(nullif(application_name, ''), 'other') as application, coalesce(state, 'unknown') as state, count(*)::int as n,
             current_setting('max_connections')::int as max,
             (select extract(epoch from now() - min(xact_start))::float8 from pg_stat_activity where backend_xid is not null) as oldest
      from pg_stat_activity where datname = current_database() and backend_type = 'client backend'
      group by 1, 2`;
    dbConnections.reset();
    for (const c of conns) dbConnections.set({ application: c.application, state: c.state }, c.n);
    if (conns[0]) {
      dbMax.set(conns[0].max);
      oldestTx.set(conns[0].oldest ?? 0);
    }
  }

  async function fromRedis() {
    const counts = await Promise.all(Object.entries(queues).map(async ([name, q]) => [name, await q.getJobCounts(...JOB_STATES)] as const));
    for (const [queue, byState] of counts) for (const state of JOB_STATES) queueJobs.set({ queue, state }, byState[state] ?? 0);
  }

  return async function refresh() {
    const [pg, redis] = await Promise.allSettled([withTimeout(fromPostgres(), 'postgres'), withTimeout(fromRedis(), 'redis')]);
    up.set({ source: 'postgres' }, pg.status === 'fulfilled' ? 1 : 0);
    up.set({ source: 'redis' }, redis.status === 'fulfilled' ? 1 : 0);
  };
}

export default fp(
  async (app) => {
    const { config, database, queues } = app.deps;
    const registry = new Registry();
    registry.setDefaultLabels({ process: 'api' });
    collectDefaultMetrics({ register: registry });
    app.decorate('metrics', registry);

    const http = new Histogram({
      name: 'pes_http_request_duration_seconds',
      help: 'HTTP request latency by route pattern, method and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    app.addHook('onResponse', async (req, reply) => {
      // The route pattern, never the raw URL: ids and query strings would make a series per request.
      http.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });

    // Routes registered after this plugin get the instrumented engine from app.deps.
    app.deps.search = instrumentSearch(app.deps.search, registry);
    const refresh = stateCollectors(registry, database.sql, queues, (database.sql.options as { max?: number }).max ?? 0);

    const adminOnly = app.authorize(['admin']);
    const guard = async (req: FastifyRequest, reply: FastifyReply) => {
      if (tokenMatches(config.metricsToken, req.headers.authorization)) return;
      await adminOnly.call(app, req, reply);
    };

    app.get(
      '/metrics',
      {
        onRequest: guard,
        schema: {
          // Prometheus text for operators (docs/deployment.md).
          tags: ['operations'],
          summary: 'Prometheus metrics (text exposition format): operators only, Bearer PES_METRICS_TOKEN or an admin key',
          security: [{ apiKey: [] }],
          response: { 200: Type.String({ description: 'Prometheus text format 0.0.4' }), '4xx': { $ref: 'ErrorResponse#' } },
        },
      },
      async (_req, reply) => {
        await refresh();
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  },
  { name: 'metrics', dependencies: ['auth', 'errors'] },
);

/** The worker process's metrics: job outcomes and durations per queue and job name. */
export function createWorkerMetrics(): { registry: Registry; instrument(workers: Worker[]): void } {
  const registry = new Registry();
  registry.setDefaultLabels({ process: 'worker' });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'pes_job_duration_seconds',
    help: 'Job run time (processing start to finish) by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: JOB_BUCKETS,
    registers: [registry],
  });
  const attempts = new Counter({
    name: 'pes_job_attempts_total',
    help: 'Job attempts by queue, job name and outcome (failed counts every failed attempt, retried or not)',
    labelNames: ['queue', 'job', 'outcome'],
    registers: [registry],
  });
  const record = (queue: string, job: Job | undefined, outcome: 'completed' | 'failed') => {
    if (!job) return;
    attempts.inc({ queue, job: job.name, outcome });
    if (job.processedOn) duration.observe({ queue, job: job.name, outcome }, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
  };
  return {
    registry,
    instrument(workers) {
      for (const w of workers) {
        w.on('completed', (job) => record(w.name, job, 'completed'));
        w.on('failed', (job) => record(w.name, job, 'failed'));
      }
    },
  };
}

/**
 * A /metrics listener for the worker process. With PES_METRICS_TOKEN set it listens on every
 * interface and asks for the token; without one it listens on 127.0.0.1 only (a network rule
 * instead of a secret). Port 0 in the config turns it off.
 */
export async function startMetricsServer(registry: Registry, opts: { port: number; token?: string; host?: string }): Promise<Server | null> {
  if (!opts.port) return null;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: 'only GET /metrics is served here' }));
      return;
    }
    if (opts.token && !tokenMatches(opts.token, req.headers.authorization)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'UNAUTHORIZED', message: 'Bearer PES_METRICS_TOKEN required' }));
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  const host = opts.host ?? (opts.token ? '0.0.0.0' : '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  return server;
}

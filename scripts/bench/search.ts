/**
 * Kiosk search under load (issue 4/10): 50 connections against GET /public/vacancies/search over
 * N published vacancies on the Postgres engine, beside (a) Fastify's bare /health/live route as
 * the HTTP ceiling and (b) the same search SQL run directly through pgbench, so the API's
 * overhead shows as a ratio. Also samples the API process RSS under load.
 *
 *   npm run bench -- search [--vacancies 100000] [--seconds 20]
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { createPostgresEngine } from '../../src/search/postgres-engine.js';
import { reindex } from '../../src/search/sync.js';
import { generateCity } from './generate.js';
import { recordFigures } from './results.js';
import { freshDatabase, requireEnv, rssMb, startApi, table } from './lib.js';

const QUERIES = ['电工', 'diangong', 'dg', '普工', 'siji', '司机', '保洁', 'baojie', '厨师', 'cashier', 'java', '数据分析', '会计', 'kuaidi', '仓库', 'welder', '', ''];

export async function benchSearch(opts: { vacancies: number; seconds: number; connections: number }) {
  const url = await freshDatabase('pes_bench_search');
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const t0 = performance.now();
  await generateCity(sql, { vacancies: opts.vacancies, seekers: 0, referrals: 0, weeks: 4 }, undefined, () => {});
  const genMs = performance.now() - t0;
  const engine = createPostgresEngine(sql);
  const t1 = performance.now();
  const { count } = await reindex(sql, engine, 'vacancies');
  const indexMs = performance.now() - t1;
  await sql`analyze`;

  // Baseline SQL: capture exactly what the engine sends for one query (the statement and the
  // transaction settings around it) and replay it with pgbench.
  const captured: { query: string; params: unknown[] }[] = [];
  const spy = postgres(url, { max: 1, onnotice: () => {}, debug: (_c, query, params) => { if (!/pg_type/.test(query)) captured.push({ query, params: params as unknown[] }); } });
  await spy`select 1`;
  captured.length = 0;
  await createPostgresEngine(spy).searchVacancies({ q: '电工', page: 1, pageSize: 20 });
  await spy.end();
  if (!captured.some((c) => /employer_rank/.test(c.query))) throw new Error('the search statement was not captured');
  const literal = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  const inline = ({ query, params }: { query: string; params: unknown[] }) => {
    let text = query;
    for (let i = params.length; i >= 1; i--) text = text.replaceAll(`$${i}`, literal(params[i - 1]));
    return `${text.replace(/\s+/g, ' ').trim()};`;
  };
  writeFileSync('/tmp/pes-bench-search.sql', `${captured.map(inline).join('\n')}\n`);
  const pgbin = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']).toString().trim();
  const u = new URL(url);
  const pgbenchOut = execFileSync(`${pgbin}/pgbench`, ['-n', '-h', u.hostname, '-p', u.port, '-U', u.username, '-c', String(opts.connections), '-j', '2', '-T', String(Math.min(15, opts.seconds)), '-f', '/tmp/pes-bench-search.sql', u.pathname.slice(1)], { encoding: 'utf8' });
  const tps = Number(/tps = ([\d.]+)/.exec(pgbenchOut)?.[1]);
  const pgLatency = Number(/latency average = ([\d.]+) ms/.exec(pgbenchOut)?.[1]);

  const api = await startApi({ DATABASE_URL: url, REDIS_URL: requireEnv('REDIS_URL') });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(api.proc.pid!))), 250);
  try {
    const bare = await autocannon({ url: `${api.url}/health/live`, connections: opts.connections, duration: Math.min(10, opts.seconds) });
    let i = 0;
    const searchLoad = (duration: number) =>
      autocannon({
        url: api.url,
        connections: opts.connections,
        duration,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/public/vacancies/search?q=${encodeURIComponent(QUERIES[i++ % QUERIES.length]!)}&pageSize=20` }) }],
      });
    // The first seconds start from an empty result cache (every query a miss, 50 connections
    // queued behind it); they are reported on their own, then the steady state is measured.
    const cold = await searchLoad(5);
    const search = await searchLoad(opts.seconds);
    const errors = search.errors + search.non2xx;
    const rows = [
      ['measure', 'requests/s', 'p50 ms', 'p99 ms', 'note'],
      ['Fastify bare route /health/live (HTTP ceiling)', Math.round(bare.requests.average), bare.latency.p50, bare.latency.p99, `${opts.connections} connections`],
      ['pgbench: the engine SQL for q=电工 (baseline)', Math.round(tps), pgLatency.toFixed(1) + ' (avg)', '-', `${opts.connections} clients`],
      ['API search, first 5 s from an empty cache', Math.round(cold.requests.average), cold.latency.p50, cold.latency.p99, `${cold.errors + cold.non2xx} errors`],
      ['API GET /public/vacancies/search (mixed queries, steady state)', Math.round(search.requests.average), search.latency.p50, search.latency.p99, `${errors} errors; target p99 ≤ 50 ms: ${search.latency.p99 <= 50 ? 'met' : 'MISSED'}`],
      ['API search throughput ÷ pgbench SQL throughput', (search.requests.average / tps).toFixed(2), '', '', ''],
      ['API process peak RSS under search load', `${peakRss} MB`, '', '', `target ≤ 300 MB: ${peakRss <= 300 ? 'met' : 'MISSED'}`],
    ];
    recordFigures('search', `npm run bench -- search --vacancies ${count} --seconds ${opts.seconds} --connections ${opts.connections}`, [
      {
        measure: `kiosk search p99, ${count.toLocaleString('en')} vacancies, ${opts.connections} connections`,
        value: `${search.latency.p99} ms (${Math.round(search.requests.average)} req/s, ${errors} errors)`,
        target: '≤ 50 ms',
        met: search.latency.p99 <= 50 && errors === 0,
        baseline: `pgbench same SQL ${Math.round(tps)} tps; bare route ${Math.round(bare.requests.average)} req/s p99 ${bare.latency.p99} ms; first 5 s from an empty cache p99 ${cold.latency.p99} ms`,
      },
      { measure: 'API process peak RSS under the search load', value: `${peakRss} MB`, target: '≤ 300 MB', met: peakRss <= 300, baseline: 'compiled JavaScript (dist/)' },
    ]);
    return {
      summary: `${count} published vacancies indexed; data generated in ${Math.round(genMs)} ms, search documents built in ${Math.round(indexMs)} ms (${Math.round(count / (indexMs / 1000))} docs/s)`,
      table: table(rows),
      p99: search.latency.p99,
    };
  } finally {
    clearInterval(sampler);
    await api.stop();
    await sql.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { vacancies: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '20' }, connections: { type: 'string', default: '50' } } });
  const r = await benchSearch({ vacancies: Number(values.vacancies), seconds: Number(values.seconds), connections: Number(values.connections) });
  console.log(r.summary);
  console.log(r.table);
}

/**
 * Search as people type (issue 16). Replays thousands of distinct as-you-type queries built from
 * the generated titles (progressive prefixes typed as characters, full pinyin and initials, and a
 * share of homophone typos such as 数剧分析 for 数据分析) against the compiled API:
 *   - one client, each query once (p50/p99), and 50 connections (throughput, p99) with autocannon;
 *   - result cache off (the engine) and on (what the kiosk gets);
 *   - at each vacancy scale, then recruiter search (GET /seekers/search as an employer) at the seeker scale;
 * beside same-run baselines: Fastify's bare /health/live (the HTTP ceiling) and the landed
 * full-text path (the engine without its term index) on a sample of the same queries.
 *
 *   npm run bench -- search [--vacancies 100000,1000000] [--seekers 1000000] [--queries 4000] [--seconds 15]
 *
 * Larger scales are built from the first: `--base` vacancies and seekers are generated with
 * scripts/bench/generate.ts and indexed through the engine (reindex), then their search documents
 * are copied with new ids and spread publication dates until the scale is reached (indexing a
 * million postings through jieba would take most of an hour on this machine). Documents, terms and
 * counts all go through the same tables and triggers as live writes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { createDatabase } from '../../src/db/client.js';
import { prng } from '../../src/lib/prng.js';
import { createApiKey } from '../../src/modules/auth/index.js';
import { createPostgresEngine } from '../../src/search/postgres-engine.js';
import { reindex } from '../../src/search/sync.js';
import { normalize, pinyinInitials, pinyinOf, pinyinSyllables } from '../../src/search/text/index.js';
import { generateCity } from './generate.js';
import { execFileSync, spawn } from 'node:child_process';
import { freePort, freshDatabase, requireEnv, rssMb, table } from './lib.js';
import { recordFigures, type Figure } from './results.js';
import { loadavg } from 'node:os';

const HASH_KEY = 'bench-hash-key-0123456789';
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
/** Queries a fresh API process is warmed on before measuring; the once-only run sends the others. */
const WARM_QUERIES = 400;

/** The serialised-document cache's tallies (docs/adr/0163), from the API's /metrics. */
async function docCache(base: string) {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const num = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? 0);
  return { hits: num('pes_search_doc_cache_hits_total'), misses: num('pes_search_doc_cache_misses_total'), bytes: num('pes_search_doc_cache_bytes') };
}
const hitRate = (a: { hits: number; misses: number }, b: { hits: number; misses: number }) => {
  const h = b.hits - a.hits;
  const n = h + b.misses - a.misses;
  return n ? `${((100 * h) / n).toFixed(1)} %` : 'n/a';
};
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const ms = (x: number) => (x >= 10 ? String(Math.round(x)) : x.toFixed(1));

/** Characters grouped by toneless pinyin, for homophone typos. */
function homophoneTable(text: string): Map<string, string[]> {
  const bySound = new Map<string, string[]>();
  for (const ch of new Set(text.match(/\p{Script=Han}/gu) ?? [])) {
    const s = pinyinOf(ch);
    if (!s) continue;
    const list = bySound.get(s) ?? [];
    list.push(ch);
    bySound.set(s, list);
  }
  return bySound;
}

/** A homophone typo of a title: one character replaced by another with the same sound, or null. */
function typo(title: string, sounds: Map<string, string[]>, r: ReturnType<typeof prng>): string | null {
  const chars = [...title];
  const spots = chars.map((c, i) => [c, i] as const).filter(([c]) => /\p{Script=Han}/u.test(c) && (sounds.get(pinyinOf(c))?.length ?? 0) > 1);
  if (!spots.length) return null;
  const [c, i] = r.pick(spots);
  const other = r.pick(sounds.get(pinyinOf(c))!.filter((x) => x !== c));
  chars[i] = other;
  return chars.join('');
}

/** Like lib.ts startApi (compiled dist/, heap capped at 160 MB), without rebuilding for every start: the bench builds once. */
async function startBuiltApi(env: Record<string, string>) {
  const port = await freePort();
  // PES_BENCH_CPU_PROF=dir writes a V8 CPU profile of each API process (where a request's time goes).
  const prof = process.env.PES_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PES_BENCH_CPU_PROF}`] : [];
  const proc = spawn(process.execPath, [...prof, 'dist/src/server.js'], {
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'PES_BENCH_CPU_PROF')), NODE_OPTIONS: '--max-old-space-size=160', NODE_ENV: 'production', PES_HASH_KEY: HASH_KEY, LOG_LEVEL: 'warn', PES_MIGRATE_ON_START: 'false', PES_PUBLIC_RATE_LIMIT: '10000000', PES_PUBLIC_BASE_URL: 'http://127.0.0.1', PES_METRICS_TOKEN: METRICS_TOKEN, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Readiness waits for the process's first load of the in-process index (docs/adr/0161).
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`${url}/health/ready`)).ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const readyMs = Math.round(performance.now() - t0);
  return { proc, url, readyMs, stop: () => new Promise<void>((resolve) => (proc.once('exit', () => resolve()), proc.kill('SIGTERM'))) };
}

export interface Workload { queries: string[]; kinds: Record<string, number> }

/** Distinct as-you-type queries from titles: characters, pinyin and initials, progressive prefixes, homophone typos. */
export function typingWorkload(titles: string[], pool: string, n: number, seed = 7): Workload {
  const r = prng(seed);
  const sounds = homophoneTable(pool + titles.join(''));
  const byKind = new Map<string, Set<string>>([['characters', new Set()], ['pinyin', new Set()], ['initials', new Set()], ['homophone typo', new Set()]]);
  for (const raw of titles) {
    const t = normalize(raw).replace(/\s+/g, '');
    if (!t) continue;
    const chars = [...t];
    for (let k = 1; k <= Math.min(chars.length, 12); k++) byKind.get('characters')!.add(chars.slice(0, k).join(''));
    const py = pinyinSyllables(t).join('');
    for (let k = 1; k <= Math.min(py.length, 20); k++) byKind.get('pinyin')!.add(py.slice(0, k));
    const ini = pinyinInitials(t);
    for (let k = 1; k <= Math.min(ini.length, 8); k++) byKind.get('initials')!.add(ini.slice(0, k));
    const wrong = typo(t, sounds, r);
    if (wrong) {
      const from = [...wrong].findIndex((c, i) => c !== chars[i]);
      for (let k = Math.max(2, from + 1); k <= Math.min(chars.length, 12); k++) byKind.get('homophone typo')!.add([...wrong].slice(0, k).join(''));
    }
  }
  // A tenth homophone typos, the rest split evenly; every query distinct.
  const out = new Set<string>(['']);
  const take = (kind: string, count: number) => {
    const xs = [...byKind.get(kind)!];
    for (let i = xs.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    let added = 0;
    for (const x of xs) {
      if (added >= count) break;
      if (!out.has(x)) (out.add(x), added++);
    }
    return added;
  };
  const kinds: Record<string, number> = { empty: 1 };
  kinds['homophone typo'] = take('homophone typo', Math.round(n * 0.1));
  for (const k of ['characters', 'pinyin', 'initials']) kinds[k] = take(k, Math.round((n - out.size) / (k === 'initials' ? 1 : k === 'pinyin' ? 2 : 3)));
  const queries = [...out];
  for (let i = queries.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return { queries, kinds };
}

async function singleClient(paths: string[], base: string, headers: Record<string, string> = {}) {
  const times: number[] = [];
  let errors = 0;
  const slow: [number, string][] = [];
  for (const p of paths) {
    const t0 = performance.now();
    const res = await fetch(base + p, { headers });
    await res.arrayBuffer();
    const t = performance.now() - t0;
    if (res.status !== 200) errors++;
    times.push(t);
    slow.push([t, p]);
  }
  slow.sort((a, b) => b[0] - a[0]);
  return { p50: pct(times, 50), p90: pct(times, 90), p99: pct(times, 99), max: Math.max(...times), errors, slowest: slow.slice(0, 5) };
}

/**
 * `connections` clients for `seconds`, cycling through the paths; or, with `once`, every path sent
 * exactly once (no query repeats, so no cache can be helped by repetition), however long it takes.
 */
async function underLoad(paths: string[], base: string, connections: number, seconds: number, headers: Record<string, string> = {}, once = false) {
  let i = 0;
  const t0 = performance.now();
  const r = await autocannon({
    url: base,
    connections,
    ...(once ? { amount: paths.length } : { duration: seconds }),
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  // With `amount`, autocannon's figures are per whole second (its run ends on a tick): use the wall clock.
  const rps = once ? r.requests.total / ((performance.now() - t0) / 1000) : r.requests.average;
  return { rps, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

export async function scaleVacancies(sql: postgres.Sql, target: number) {
  const [{ n }] = (await sql`select count(*)::int as n from search_vacancy_docs where generation = (select generation from search_generations where index_name = 'vacancies' and state = 'live')`) as unknown as [{ n: number }];
  let have = n;
  while (have < target) {
    const add = Math.min(n, target - have);
    await sql`
      insert into search_vacancy_docs (generation, id, doc, content_hash, tsv, title_tsv, search_text, title_key, employer_id, district_code, isco_unit,
        wage_min, wage_max, education_rank, contract_type, fair_id, public_welfare, published_at, expires_at, lat, lon)
      select generation, u.id, jsonb_set(doc, '{id}', to_jsonb(u.id::text)), content_hash, tsv, title_tsv, search_text, title_key, employer_id, district_code, isco_unit,
        wage_min, wage_max, education_rank, contract_type, fair_id, public_welfare, published_at - random() * interval '25 days', expires_at, lat, lon
      from (select * from search_vacancy_docs where generation = (select generation from search_generations where index_name = 'vacancies' and state = 'live') limit ${add}) d
      cross join lateral (select gen_random_uuid() as id, d.id as src) u`;
    have += add;
  }
  await sql`vacuum analyze search_vacancy_docs`;
  await sql`vacuum analyze search_terms`;
  return have;
}

export async function scaleSeekers(sql: postgres.Sql, target: number) {
  const [{ n }] = (await sql`select count(*)::int as n from search_seeker_docs where generation = (select generation from search_generations where index_name = 'seekers' and state = 'live')`) as unknown as [{ n: number }];
  let have = n;
  while (have < target) {
    const add = Math.min(n, target - have);
    await sql`
      insert into search_seeker_docs (generation, id, doc, content_hash, tsv, search_text, skill_keys, consent_searchable, district_code,
        education_rank, experience_years, desired_wage_min, availability, isco_units, updated_at)
      select generation, u.id, jsonb_set(doc, '{id}', to_jsonb(u.id::text)), content_hash, tsv, search_text, skill_keys, consent_searchable, district_code,
        education_rank, experience_years, desired_wage_min, availability, isco_units, updated_at - random() * interval '90 days'
      from (select * from search_seeker_docs where generation = (select generation from search_generations where index_name = 'seekers' and state = 'live') limit ${add}) d
      cross join lateral (select gen_random_uuid() as id, d.id as src) u`;
    have += add;
  }
  await sql`vacuum analyze search_seeker_docs`;
  await sql`vacuum analyze search_seeker_postings`;
  await sql`vacuum analyze search_terms`;
  return have;
}

/** The landed engine's full-text path, in-process, on a sample of the queries (stops after `budgetMs`). */
async function fullTextBaseline(sql: postgres.Sql, run: (engine: ReturnType<typeof createPostgresEngine>, q: string) => Promise<unknown>, queries: string[], budgetMs: number) {
  const engine = createPostgresEngine(sql, { termIndex: false });
  const times: number[] = [];
  const t0 = performance.now();
  for (const q of queries) {
    if (performance.now() - t0 > budgetMs) break;
    const s = performance.now();
    await run(engine, q);
    times.push(performance.now() - s);
  }
  return { n: times.length, p50: pct(times, 50), p99: pct(times, 99) };
}

export async function benchSearch(opts: { vacancies: number[]; seekers: number; base: number; queries: number; seconds: number; connections: number; baselineSeconds: number }) {
  const started = new Date();
  execFileSync('bash', ['scripts/build.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = await freshDatabase('pes_bench_search');
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  const log = (m: string) => console.error(`[search bench ${new Date().toISOString().slice(11, 19)} load ${load()}] ${m}`);
  // --vacancies 0 measures recruiter search alone: the base vacancies are still generated (the
  // workload's titles and homophone pool come from them), but no vacancy scale is built or measured.
  const base = Math.min(opts.base, ...opts.vacancies.filter((v) => v > 0), opts.base);
  const seekerBase = opts.seekers ? Math.min(opts.base, opts.seekers) : 0;
  let t = performance.now();
  await generateCity(sql, { vacancies: base, seekers: seekerBase, referrals: 0, weeks: 4 }, undefined, () => {});
  log(`generated ${base} vacancies, ${seekerBase} seekers in ${Math.round(performance.now() - t)} ms`);
  const engine = createPostgresEngine(sql);
  t = performance.now();
  const { count } = await reindex(sql, engine, 'vacancies');
  const indexMs = performance.now() - t;
  log(`indexed ${count} vacancy documents in ${Math.round(indexMs)} ms (${Math.round(count / (indexMs / 1000))}/s)`);
  let seekerCount = 0;
  if (seekerBase) {
    t = performance.now();
    seekerCount = (await reindex(sql, engine, 'seekers')).count;
    log(`indexed ${seekerCount} seeker documents in ${Math.round(performance.now() - t)} ms`);
  }
  await sql`vacuum analyze`;

  // The workload: distinct titles of the generated postings, each title once, commonest first, 600 of them.
  const titleRows = await sql`select title, count(*)::int as n from vacancies where status = 'published' group by title order by n desc, title limit 600`;
  const [{ pool }] = (await sql`select string_agg(t, '') as pool from (select left(description, 200) as t from vacancies limit 3000) x`) as unknown as [{ pool: string }];
  const work = typingWorkload(titleRows.map((r) => r.title as string), pool ?? '', opts.queries);
  const vacancyPaths = work.queries.map((q) => `/public/vacancies/search?${q ? `q=${encodeURIComponent(q)}&sort=relevance` : 'sort=newest'}&pageSize=20`);
  writeFileSync('/tmp/pes-bench-search-queries.txt', work.queries.join('\n'));
  log(`workload: ${work.queries.length} distinct queries from ${titleRows.length} titles: ${JSON.stringify(work.kinds)}`);

  const rows: (string | number)[][] = [['scale', 'what', 'cache', 'single client p50 / p99 ms', `${opts.connections} conns req/s`, `${opts.connections} conns p99 ms`, 'errors', 'peak RSS MB', 'load avg']];
  const figures: Figure[] = [];
  const slowest: string[] = [];
  const env = { DATABASE_URL: url, REDIS_URL: requireEnv('REDIS_URL') };

  async function measure(label: string, scale: string, paths: string[], cache: boolean, headers: Record<string, string> = {}, memoryIndex = true, extraEnv: Record<string, string> = {}) {
    const api = await startBuiltApi({ ...env, PES_SEARCH_RESULT_CACHE: String(cache), PES_SEARCH_MEMORY_INDEX: String(memoryIndex), ...extraEnv });
    const idleRss = rssMb(api.proc.pid!);
    log(`${scale} ${label}: API ready in ${api.readyMs} ms (memory index ${memoryIndex ? 'on' : 'off'}), RSS when ready ${idleRss} MB`);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(api.proc.pid!))), 200);
    try {
      const loadAt = load();
      // A process that has served for a while (connections, JIT, plan caches), warmed on a tenth of the
      // queries that the once-only run below leaves out: what it measures, the process has never seen.
      const warmSet = paths.slice(0, WARM_QUERIES);
      await singleClient(warmSet, api.url, headers);
      await underLoad(warmSet, api.url, opts.connections, 5, headers);
      // Every other distinct query exactly once under load, before any other pass has sent it.
      const c0 = await docCache(api.url);
      const once = await underLoad(paths.slice(WARM_QUERIES), api.url, opts.connections, 0, headers, true);
      const c1 = await docCache(api.url);
      const one = await singleClient(paths, api.url, headers);
      const many = await underLoad(paths, api.url, opts.connections, opts.seconds, headers);
      const bare = await underLoad(['/health/live'], api.url, opts.connections, 5);
      rows.push([scale, label, cache ? 'on' : 'off', `${ms(one.p50)} / ${ms(one.p99)}`, Math.round(many.rps), many.p99, one.errors + many.errors + once.errors, peak, loadAt]);
      rows.push([scale, `  same, each of ${paths.length - WARM_QUERIES} unseen queries sent once (doc cache hits ${hitRate(c0, c1)}, ${(c1.bytes / 1048576).toFixed(1)} MB)`, '', '', Math.round(once.rps), once.p99, once.errors, '', '']);
      rows.push([scale, '  baseline: bare /health/live', '', '', Math.round(bare.rps), bare.p99, bare.errors, '', '']);
      slowest.push(`${scale} ${label}, cache ${cache ? 'on' : 'off'}: ${one.slowest.map(([ms_, p]) => `${decodeURIComponent(/q=([^&]*)/.exec(p)?.[1] ?? '(empty)')} ${Math.round(ms_)} ms`).join(', ')}`);
      log(`${scale} ${label} cache ${cache}: single p50 ${ms(one.p50)} p99 ${ms(one.p99)}; ${opts.connections} conns ${Math.round(many.rps)} req/s p99 ${many.p99}; each query once ${Math.round(once.rps)} req/s p99 ${once.p99} (doc cache hits ${hitRate(c0, c1)}); RSS ${peak} MB`);
      return { one, many, once, docHits: hitRate(c0, c1), bare, peak, idleRss, readyMs: api.readyMs };
    } finally {
      clearInterval(sampler);
      await api.stop();
    }
  }

  for (const scale of opts.vacancies.filter((v) => v > 0)) {
    const n = await scaleVacancies(sql, scale);
    const label = `${n.toLocaleString('en')} vacancies`;
    log(`${label}: measuring`);
    // Same run, same data: the SQL term index of ADR 0160 (no in-process index) as the comparison.
    const sqlTerms = scale === opts.vacancies[0] ? await measure('kiosk search, SQL term index (ADR 0160)', label, vacancyPaths, false, {}, false) : null;
    // Same run: the in-process path without its serialised-document cache (ADR 0163).
    const noDocs = scale === opts.vacancies[0] ? await measure('kiosk search, document cache off (PES_SEARCH_DOC_CACHE_MB=0)', label, vacancyPaths, false, {}, true, { PES_SEARCH_DOC_CACHE_MB: '0' }) : null;
    const off = await measure('kiosk search', label, vacancyPaths, false);
    const on = await measure('kiosk search', label, vacancyPaths, true);
    const complete = scale === opts.vacancies[0] ? await measure('autocomplete', label, work.queries.filter(Boolean).map((q) => `/public/vacancies/complete?q=${encodeURIComponent(q)}`), false) : null;
    const ft = await fullTextBaseline(sql, (e, q) => e.searchVacancies({ q, page: 1, pageSize: 20, sort: q ? 'relevance' : 'newest' }), work.queries, opts.baselineSeconds * 1000);
    rows.push([label, '  baseline: landed full-text path, in-process, same queries', 'off', `${ms(ft.p50)} / ${ms(ft.p99)} (${ft.n} queries)`, '', '', '', '', '']);
    const single = scale <= 100_000 ? 50 : 100;
    figures.push({
      measure: `kiosk search, ${label}, one client, ${work.queries.length} distinct as-you-type queries, result cache off`,
      value: `p50 ${ms(off.one.p50)} ms, p99 ${ms(off.one.p99)} ms`,
      target: `p99 ≤ ${single} ms`,
      met: off.one.p99 <= single && off.one.errors === 0,
      baseline: `landed full-text path p50 ${ms(ft.p50)} ms, p99 ${ms(ft.p99)} ms (${ft.n} of the queries, in-process); cache on: p99 ${ms(on.one.p99)} ms`,
    });
    figures.push({
      measure: `kiosk search, ${label}, ${opts.connections} connections, result cache off`,
      value: `${opts.seconds} s cycling the queries: ${Math.round(off.many.rps)} req/s, p99 ${off.many.p99} ms; each query sent once: ${Math.round(off.once.rps)} req/s, p99 ${off.once.p99} ms (document cache hits ${off.docHits}); ${off.many.errors + off.once.errors} errors`,
      target: scale <= 100_000 ? '≥ 1,000 req/s at p99 ≤ 100 ms' : '',
      met: scale <= 100_000 ? [off.many, off.once].every((r) => r.rps >= 1000 && r.p99 <= 100 && r.errors === 0) : null,
      baseline: `bare /health/live ${Math.round(off.bare.rps)} req/s p99 ${off.bare.p99} ms; cache on: ${Math.round(on.many.rps)} req/s p99 ${on.many.p99} ms${noDocs ? `; document cache off: ${Math.round(noDocs.many.rps)} req/s p99 ${noDocs.many.p99} ms, each query once ${Math.round(noDocs.once.rps)} req/s p99 ${noDocs.once.p99} ms` : ''}`,
    });
    if (complete) figures.push({
      measure: `autocomplete, ${label}, one client / ${opts.connections} connections`,
      value: `p99 ${ms(complete.one.p99)} ms / ${Math.round(complete.many.rps)} req/s p99 ${complete.many.p99} ms`,
      target: '',
      met: null,
    });
    if (sqlTerms) figures.push({
      measure: `kiosk search, ${label}, SQL term index alone (ADR 0160, PES_SEARCH_MEMORY_INDEX=false), result cache off`,
      value: `one client p50 ${ms(sqlTerms.one.p50)} ms, p99 ${ms(sqlTerms.one.p99)} ms; ${opts.connections} connections ${Math.round(sqlTerms.many.rps)} req/s p99 ${sqlTerms.many.p99} ms; RSS ready ${sqlTerms.idleRss} MB, peak ${sqlTerms.peak} MB`,
      target: '',
      met: null,
      baseline: `bare /health/live ${Math.round(sqlTerms.bare.rps)} req/s`,
    });
    const rss = Math.max(off.peak, on.peak, complete?.peak ?? 0, noDocs?.peak ?? 0);
    figures.push({
      measure: `API peak RSS under search load, ${label}`,
      value: `${rss} MB (ready, idle: ${off.idleRss} MB; in-process index loaded in ${off.readyMs} ms)`,
      target: '≤ 300 MB',
      met: rss <= 300,
      baseline: `compiled JavaScript (dist/), V8 heap capped at 160 MB${sqlTerms ? `; without the in-process index: ready ${sqlTerms.idleRss} MB, peak ${sqlTerms.peak} MB` : ''}`,
    });
  }

  if (opts.seekers) {
    const n = await scaleSeekers(sql, opts.seekers);
    const label = `${n.toLocaleString('en')} seekers`;
    const database = createDatabase(url, { max: 1 });
    // A verified employer: an unverified one is refused candidate search (403 EMPLOYER_NOT_VERIFIED).
    const [employer] = await sql`select id from employers where verified order by id limit 1`;
    const { key } = await createApiKey(database.db, HASH_KEY, { name: 'bench-recruiter', role: 'employer', employerId: employer!.id });
    await database.close();
    const skills = (await sql`select distinct unnest(skills) as s from seekers`).map((r) => r.s as string);
    const skillWork = typingWorkload(skills, pool ?? '', Math.min(opts.queries, 100_000), 11);
    // Few distinct skills: the same prefixes with the filters a recruiter sets make the requests distinct.
    const r = prng(5);
    const districts = (await sql`select code from districts where parent_code is not null`).map((x) => x.code as string);
    const edu = ['junior_secondary', 'senior_secondary', 'vocational', 'associate', 'bachelor'];
    const seen = new Set<string>();
    const paths: string[] = [];
    for (let i = 0; paths.length < opts.queries && i < opts.queries * 20; i++) {
      const q = skillWork.queries[i % skillWork.queries.length]!;
      const round = Math.floor(i / skillWork.queries.length);
      const extra = round === 0 ? '' : r.chance(0.6) ? `&district=${r.pick(districts)}` : `&education=${r.pick(edu)}`;
      const p = `/seekers/search?${q ? `q=${encodeURIComponent(q)}&` : ''}pageSize=20${extra}`;
      if (!seen.has(p)) (seen.add(p), paths.push(p));
    }
    log(`${label}: ${paths.length} distinct recruiter requests (${skillWork.queries.length} distinct texts from ${skills.length} skills)`);
    const res = await measure('recruiter search (employer key)', label, paths, false, { authorization: `Bearer ${key}` });
    const ft = await fullTextBaseline(sql, (e, q) => e.searchSeekers({ q, consentedOnly: true, page: 1, pageSize: 20 }), skillWork.queries, opts.baselineSeconds * 1000);
    rows.push([label, '  baseline: landed full-text path, in-process, same texts', 'n/a', `${ms(ft.p50)} / ${ms(ft.p99)} (${ft.n} queries)`, '', '', '', '', '']);
    figures.push({
      measure: `recruiter search, ${label}, one client, ${paths.length} distinct requests`,
      value: `p50 ${ms(res.one.p50)} ms, p99 ${ms(res.one.p99)} ms; ${opts.connections} connections ${Math.round(res.many.rps)} req/s p99 ${res.many.p99} ms`,
      target: 'p99 ≤ 100 ms',
      met: res.one.p99 <= 100 && res.one.errors === 0,
      baseline: `landed full-text path p50 ${ms(ft.p50)} ms, p99 ${ms(ft.p99)} ms (${ft.n} texts, in-process)`,
    });
  }

  const command = `npm run bench -- search --vacancies ${opts.vacancies.join(',')} --seekers ${opts.seekers} --queries ${opts.queries} --seconds ${opts.seconds}`;
  recordFigures('search', command, figures);
  await sql.end();
  return { command, started, table: table(rows), slowest, workload: work.kinds, figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      vacancies: { type: 'string', default: '100000,1000000' },
      seekers: { type: 'string', default: '1000000' },
      base: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '4000' },
      seconds: { type: 'string', default: '15' },
      connections: { type: 'string', default: '50' },
      'baseline-seconds': { type: 'string', default: '60' },
    },
  });
  const r = await benchSearch({
    vacancies: values.vacancies!.split(',').map(Number),
    seekers: Number(values.seekers),
    base: Number(values.base),
    queries: Number(values.queries),
    seconds: Number(values.seconds),
    connections: Number(values.connections),
    baselineSeconds: Number(values['baseline-seconds']),
  });
  console.log(`${r.command}  (started ${r.started.toISOString()}, load average now ${load()})`);
  console.log(`workload: ${JSON.stringify(r.workload)}`);
  console.log(r.table);
  console.log('slowest single-client queries:');
  for (const s of r.slowest) console.log(`  ${s}`);
  for (const f of r.figures) console.log(`- ${f.measure}: ${f.value} (target ${f.target || 'none'}: ${f.met === null ? '-' : f.met ? 'met' : 'NOT MET'}) ${f.baseline ? `[${f.baseline}]` : ''}`);
}

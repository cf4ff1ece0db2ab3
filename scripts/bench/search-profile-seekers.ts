/**
 * Where the time of one recruiter search goes (a development aid for the search benchmark's
 * recruiter part, issue 16): builds `--base` seekers through the engine, copies their search
 * documents up to `--seekers` (set-based SQL, as the benchmark does), then runs each query as an
 * employer (consenting profiles only) with and without filters and prints every statement the
 * engine sent with EXPLAIN (ANALYZE, BUFFERS).
 *
 *   npm run bench -- search-profile-seekers [--seekers 1000000] [--base 20000] [--reuse] [--plans]
 *
 * --reuse keeps the database (pes_bench_search_seekers) when it already holds the scale, so a
 * million seekers are built once while iterating. --plans prints whole plans (otherwise timings only).
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import type { SeekerQuery } from '../../src/search/engine.js';
import { createPostgresEngine } from '../../src/search/postgres-engine.js';
import { reindex } from '../../src/search/sync.js';
import { generateCity } from './generate.js';
import { freshDatabase, requireEnv } from './lib.js';
import { scaleSeekers } from './search.js';

const { values } = parseArgs({
  options: {
    seekers: { type: 'string', default: '1000000' },
    base: { type: 'string', default: '20000' },
    reuse: { type: 'boolean', default: false },
    plans: { type: 'boolean', default: false },
    db: { type: 'string', default: 'pes_bench_search_seekers' },
    queries: { type: 'string', default: ',hu,gu,erpxt,d,sh,s,j,电,焊,diangong,kuaiji,数据,sj,python' },
    filters: { type: 'string', default: 'none,district,education,district+education' },
    repeat: { type: 'string', default: '1' },
  },
});

const name = values.db!;
const withDb = (base: string, db: string) => {
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
};
let url = withDb(requireEnv('DATABASE_URL'), name);
const target = Number(values.seekers);
let reused = false;
if (values.reuse) {
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [r] = await probe`select count(*)::int as n from search_seeker_docs where generation = (select generation from search_generations where index_name = 'seekers' and state = 'live')`;
    reused = (r!.n as number) >= target;
    console.error(`database ${name} holds ${r!.n} seekers${reused ? ': reused' : ': rebuilding'}`);
  } catch {
    // no database yet
  }
  await probe.end();
}
if (!reused) {
  url = await freshDatabase(name);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  let t = performance.now();
  await generateCity(sql, { vacancies: 0, seekers: Number(values.base), referrals: 0, weeks: 4 }, undefined, () => {});
  console.error(`generated ${values.base} seekers in ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  await reindex(sql, createPostgresEngine(sql, { memoryIndex: false }), 'seekers');
  console.error(`indexed in ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  const n = await scaleSeekers(sql, target);
  console.error(`scaled to ${n} seekers in ${Math.round(performance.now() - t)} ms`);
  await sql`vacuum analyze`;
  await sql.end();
}

const sql = postgres(url, { max: 2, onnotice: () => {} });
const districts = (await sql`select district_code as code, count(*)::int as n from search_seeker_docs group by 1 order by 2 desc`).map((r) => r.code as string);
const filterSets: Record<string, Partial<SeekerQuery>> = {
  none: {},
  // the commonest and the rarest district, as the benchmark picks any district
  district: { districtCodes: [districts[0]!] },
  'rare district': { districtCodes: [districts[districts.length - 1]!] },
  education: { education: 'bachelor' },
  'district+education': { districtCodes: [districts[districts.length - 1]!], education: 'associate' },
  experience: { experienceMin: 5 },
};
const captured: { query: string; params: unknown[] }[] = [];
const spy = postgres(url, { max: 1, onnotice: () => {}, debug: (_c, query, params) => { captured.push({ query, params: params as unknown[] }); } });
const lit = (v: unknown): string =>
  v === null ? 'NULL' : Array.isArray(v) ? `'{${v.map((x) => `"${String(x)}"`).join(',')}}'` : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v instanceof Date ? `'${v.toISOString()}'` : `'${String(v).replace(/'/g, "''")}'`;
const engine = createPostgresEngine(spy, { memoryIndex: false });
const rows: string[] = [];
for (const f of values.filters!.split(',')) {
  for (const q of values.queries!.split(',')) {
    const query: SeekerQuery = { q, consentedOnly: true, page: 1, pageSize: 20, ...filterSets[f] };
    await engine.searchSeekers(query);
    let best = Infinity;
    let res: Awaited<ReturnType<typeof engine.searchSeekers>> | null = null;
    for (let i = 0; i < Number(values.repeat); i++) {
      captured.length = 0;
      const t0 = performance.now();
      res = await engine.searchSeekers(query);
      best = Math.min(best, performance.now() - t0);
    }
    const line = `${f.padEnd(20)} ${JSON.stringify(q).padEnd(12)} ${best.toFixed(1).padStart(8)} ms  total ${String(res!.total).padStart(6)}  hits ${res!.hits.length}  statements ${captured.length}`;
    console.log(line);
    rows.push(line);
    for (const c of [...captured].filter((c) => /^\s*(select|with)/i.test(c.query))) {
      let text = c.query;
      for (let i = c.params.length; i >= 1; i--) text = text.replaceAll(`$${i}`, lit(c.params[i - 1]));
      const plan = (await spy.unsafe(`explain (analyze, buffers) ${text}`)).map((r) => r['QUERY PLAN'] as string);
      const exec = plan.filter((l) => /Execution Time|Planning Time/.test(l)).map((l) => l.trim()).join(', ');
      const buffers = /Buffers: (.*)/.exec(plan.find((l) => l.includes('Buffers:')) ?? '')?.[1] ?? '';
      console.log(`    ${text.replace(/\s+/g, ' ').slice(0, 110)} → ${exec}; ${buffers}`);
      if (values.plans) console.log(plan.map((l) => `      ${l}`).join('\n'));
    }
  }
}
await spy.end();
await sql.end();

/**
 * Where the time of one as-you-type query goes (a development aid for the search benchmark):
 * builds N vacancies, then times every statement the engine sends for a few typical queries,
 * first through the SQL term index (ADR 0160), then through the in-process index (ADR 0161), whose
 * in-memory work (term lookup and postings walk) is timed on its own.
 *
 *   npm run bench -- search-profile [--vacancies 20000] [--scale 100000]
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createPostgresEngine } from '../../src/search/postgres-engine.js';
import { memoryOf } from '../../src/search/term-search.js';
import { termLookup } from '../../src/search/terms.js';
import { reindex } from '../../src/search/sync.js';
import { generateCity } from './generate.js';
import { freshDatabase } from './lib.js';
import { scaleVacancies } from './search.js';

const { values } = parseArgs({ options: { vacancies: { type: 'string', default: '20000' }, scale: { type: 'string', default: '0' }, queries: { type: 'string', default: 's,sh,shu,sj,d,电,数据,数剧分析,shujufenxishi,python,pyth,baojie,guangzhou,g,' } } });
const url = await freshDatabase('pes_bench_search_profile');
const sql = postgres(url, { max: 2, onnotice: () => {} });
await generateCity(sql, { vacancies: Number(values.vacancies), seekers: 0, referrals: 0, weeks: 4 }, undefined, () => {});
await reindex(sql, createPostgresEngine(sql), 'vacancies');
// --scale N: copy the search documents up to N, as the search benchmark does (set-based SQL).
if (Number(values.scale) > 0) await scaleVacancies(sql, Number(values.scale));
await sql`vacuum analyze`;
const captured: { query: string; params: unknown[] }[] = [];
const spy = postgres(url, { max: 1, onnotice: () => {}, debug: (_c, query, params) => { captured.push({ query, params: params as unknown[] }); } });
const lit = (v: unknown): string => (v === null ? 'NULL' : Array.isArray(v) ? `'{${v.map((x) => `"${String(x)}"`).join(',')}}'` : typeof v === 'number' || typeof v === 'boolean' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
for (const memoryIndex of [false, true]) {
const engine = createPostgresEngine(spy, { memoryIndex });
await engine.health();
console.log(memoryIndex ? '\n== in-process index (ADR 0161) ==' : '== SQL term index (ADR 0160) ==');
const memory = memoryOf.get(engine);
for (const q of values.queries!.split(',')) {
  if (memory?.index) {
    const lookup = q ? termLookup(q) : null;
    const t0 = performance.now();
    const n = 1000;
    for (let i = 0; i < n; i++) {
      const terms = lookup ? memory.index.findTerms(lookup, ['t', 'e', 'o']) : [];
      const picked = lookup ? memory.index.candidates(terms, 120, Date.now()) : memory.index.newest(120, Date.now());
      picked.slice(0, 20).map((o) => memory.index!.idOf(o));
    }
    console.log(`  in memory: term lookup + postings walk + 20 ids ${(((performance.now() - t0) / n) * 1000).toFixed(0)} µs`);
  }
  for (let round = 0; round < 2; round++) await engine.searchVacancies({ q, page: 1, pageSize: 20, sort: q ? 'relevance' : 'newest' });
  captured.length = 0;
  const t0 = performance.now();
  const res = await engine.searchVacancies({ q, page: 1, pageSize: 20, sort: q ? 'relevance' : 'newest' });
  console.log(`${JSON.stringify(q)} ${(performance.now() - t0).toFixed(1)} ms, total ${res.total}, first: ${res.hits.slice(0, 3).map((h) => h.doc.title).join(' | ')}`);
  for (const c of [...captured].filter((c) => /^\s*(select|with)/i.test(c.query))) {
    let text = c.query;
    for (let i = c.params.length; i >= 1; i--) text = text.replaceAll(`$${i}`, lit(c.params[i - 1]));
    const t1 = performance.now();
    const plan = await spy.unsafe(`explain (analyze) ${text}`);
    const exec = plan.map((r) => r['QUERY PLAN'] as string).filter((l) => /Execution Time|Planning Time/.test(l)).join(' ');
    console.log('   ', text.replace(/\s+/g, ' ').slice(0, 100), '→', exec, `(${(performance.now() - t1).toFixed(1)} ms round trip)`);
  }
}
}
await spy.end();
await sql.end();

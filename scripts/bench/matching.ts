/**
 * Matching at scale (issue 7): top-50 candidates for one vacancy among up to 1,000,000 job
 * seekers (p50/p95 over a sample of open vacancies), measured at 10 %, 30 % and 100 % of the
 * seekers so growth shows; the per-vacancy job and the nightly batch throughput (vacancies per
 * second, lists written in full); the feature backfill rate. With `--nightly N`, after the last
 * step vacancies are added until N are open and the nightly job itself (`rematchAll`, the
 * code the BullMQ worker runs) is run over all of them: wall time and vacancies/s.
 *
 *   npm run bench -- matching [--seekers 1000000] [--vacancies 20000] [--samples 200] [--rematch 40] [--batch-sample 2000]
 *                             [--scales 0.1,0.3,1] [--nightly 100000]
 * BENCH_STAGES=1 also prints the time split (feature load, candidate generation, IDF) over 30 vacancies.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createDatabase } from '../../src/db/client.js';
import { rankCandidates, recomputeVacancies, recomputeVacancy, refreshSeekerFeatures, refreshVacancyFeatures, rematchAll, seekerCandidates, skillIdf, storedVacancyFeatures } from '../../src/modules/matching/index.js';
import { generateCity } from './generate.js';
import { freshDatabase, machine, table } from './lib.js';
import { recordFigures, type Figure } from './results.js';

const { values } = parseArgs({
  options: {
    seekers: { type: 'string', default: '1000000' },
    vacancies: { type: 'string', default: '20000' },
    samples: { type: 'string', default: '200' },
    rematch: { type: 'string', default: '40' },
    'batch-sample': { type: 'string', default: '2000' },
    scales: { type: 'string', default: '0.1,0.3,1' },
    nightly: { type: 'string', default: '0' },
  },
});
const SEEKERS = Number(values.seekers);
const VACANCIES = Number(values.vacancies);
const SAMPLES = Number(values.samples);
const REMATCH = Number(values.rematch);
const BATCH_SAMPLE = Number(values['batch-sample']);
const NIGHTLY = Number(values.nightly);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => Math.round(x * 10) / 10;

async function backfill(sql: postgres.Sql) {
  const t0 = performance.now();
  let n = 0;
  for (;;) {
    const ids = (await sql`select s.id from seekers s left join match_seeker_features f on f.seeker_id = s.id where f.seeker_id is null limit 10000`).map((r) => r.id as string);
    if (!ids.length) break;
    await refreshSeekerFeatures(sql, ids);
    n += ids.length;
  }
  const seekerMs = performance.now() - t0;
  const t1 = performance.now();
  let m = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const ids = (await sql`select id from vacancies where id > ${after} and status = 'published' order by id limit 2000`).map((r) => r.id as string);
    if (!ids.length) break;
    await refreshVacancyFeatures(sql, ids);
    m += ids.length;
    after = ids[ids.length - 1]!;
  }
  await sql`analyze match_seeker_features`;
  await sql`analyze match_vacancy_features`;
  return { seekers: n, seekerMs, vacancies: m, vacancyMs: performance.now() - t1 };
}

async function topFifty(sql: postgres.Sql, ids: string[]) {
  const times: number[] = [];
  const cands: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    const [row] = await sql`select * from match_vacancy_features where vacancy_id = ${id}`;
    const { candidates, top } = await rankCandidates(sql, storedVacancyFeatures(row!), new Date(), 50);
    for (const x of top) x.reasons(); // what a caller shows: the 50 with their reasons
    times.push(performance.now() - t);
    cands.push(candidates);
    if (top.length === 0 && candidates > 0) throw new Error('no top list');
  }
  if (process.env.BENCH_STAGES) {
    const st = { load: 0, cands: 0, idf: 0 };
    for (const id of ids.slice(0, 30)) {
      let t = performance.now();
      const [row] = await sql`select * from match_vacancy_features where vacancy_id = ${id}`;
      st.load += performance.now() - t; t = performance.now();
      await seekerCandidates(sql, storedVacancyFeatures(row!));
      st.cands += performance.now() - t; t = performance.now();
      await skillIdf(sql, row!.skill_keys);
      st.idf += performance.now() - t;
    }
    console.error('  stages (30 vacancies, ms total):', st);
  }
  return { p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), meanCandidates: Math.round(cands.reduce((a, b) => a + b, 0) / cands.length), maxCandidates: Math.max(...cands) };
}

/**
 * The full nightly job over N open vacancies: adds vacancies published in the last four weeks
 * (so all are open) until N are open, then runs rematchAll — feature refresh for every seeker
 * and vacancy, then every open vacancy's list — and reports what it did.
 */
async function nightly(sql: postgres.Sql, seekers: number, seed: number): Promise<Figure> {
  const [{ open }] = (await sql`select count(*)::int as open from vacancies where status = 'published' and expires_at > now()`) as unknown as [{ open: number }];
  const add = Math.max(0, NIGHTLY - open);
  const tg = performance.now();
  if (add) await generateCity(sql, { vacancies: add, seekers: 0, referrals: 0, weeks: 4, seed: 42 + seed }, undefined, () => {});
  console.error(`nightly: added ${add} open vacancies in ${Math.round(performance.now() - tg)} ms; running rematchAll`);
  const r = await rematchAll(sql, { log: (m) => /^rematched \d*0000 /.test(m) && console.error(`  ${new Date().toISOString()} ${m}`) });
  const [{ rows, size }] = (await sql`select count(*)::int as rows, pg_size_pretty(pg_total_relation_size('matches')) as size from matches`) as unknown as [{ rows: number; size: string }];
  const listMs = r.ms - r.featuresMs;
  console.log(`\nNightly rematch (rematchAll) over ${seekers.toLocaleString('en-US')} seekers:`);
  console.log(table([
    ['open vacancies rematched', 'stale', 'features refreshed (seekers / vacancies)', 'tier lookups', 'feature phase s', 'list phase s', 'total s', 'vacancies/s (list phase)', 'vacancies/s (total)', 'matches rows', 'matches size'],
    [r.vacancies, r.stale, `${r.seekersRefreshed} / ${r.vacanciesRefreshed}`, r.lookups, (r.featuresMs / 1000).toFixed(1), (listMs / 1000).toFixed(1), (r.ms / 1000).toFixed(1),
      (r.vacancies / (listMs / 1000)).toFixed(1), (r.vacancies / (r.ms / 1000)).toFixed(1), rows.toLocaleString('en-US'), size],
  ]));
  return {
    measure: `nightly rematch of ${r.vacancies.toLocaleString('en-US')} open vacancies over ${seekers.toLocaleString('en-US')} seekers`,
    value: `${(r.ms / 1000).toFixed(0)} s (${(r.vacancies / (r.ms / 1000)).toFixed(1)} vacancies/s)`,
    target: 'finishes; throughput recorded',
    met: r.vacancies > 0,
  };
}

async function main() {
  const url = await freshDatabase('pes_bench_match');
  const database = createDatabase(url, { max: 4, appName: 'bench-matching' });
  const sql = database.sql;
  const scales = values.scales.split(',').map(Number);
  const rows: (string | number)[][] = [];
  const figures: Figure[] = [];
  let loadedSeekers = 0;
  let loadedVacancies = 0;
  for (const [i, f] of scales.entries()) {
    const addSeekers = Math.round(SEEKERS * f) - loadedSeekers;
    const addVacancies = Math.round(VACANCIES * f) - loadedVacancies;
    const tg = performance.now();
    await generateCity(sql, { vacancies: addVacancies, seekers: addSeekers, referrals: 0, weeks: 8, seed: 42 + i }, undefined, () => {});
    loadedSeekers += addSeekers;
    loadedVacancies += addVacancies;
    console.error(`scale ${f}: generated ${addSeekers} seekers, ${addVacancies} vacancies in ${Math.round(performance.now() - tg)} ms`);
    const b = await backfill(sql);
    console.error(`  features: ${b.seekers} seekers in ${Math.round(b.seekerMs)} ms, ${b.vacancies} vacancies in ${Math.round(b.vacancyMs)} ms`);
    const sample = (await sql`select vacancy_id from match_vacancy_features where open and isco_unit is not null order by md5(vacancy_id::text) limit ${SAMPLES}`).map((r) => r.vacancy_id as string);
    await topFifty(sql, sample.slice(0, 10)); // warm-up
    const t = await topFifty(sql, sample);
    console.error(`  top-50: p50 ${ms(t.p50)} ms, p95 ${ms(t.p95)} ms, max ${ms(t.max)} ms, candidates mean ${t.meanCandidates} max ${t.maxCandidates}`);
    // The event-driven job, one vacancy at a time: features, candidates, scores, list replaced in one transaction.
    const rem = sample.slice(0, Math.min(REMATCH, sample.length));
    const tr = performance.now();
    for (const id of rem) await recomputeVacancy(sql, id, { force: true });
    const perSec = rem.length / ((performance.now() - tr) / 1000);
    // The nightly job's batch path over the first open vacancies in id order (as the job walks them).
    const batchIds = (await sql`select vacancy_id from match_vacancy_features where open order by vacancy_id limit ${BATCH_SAMPLE}`).map((r) => r.vacancy_id as string);
    const [{ open }] = (await sql`select count(*)::int as open from match_vacancy_features where open`) as unknown as [{ open: number }];
    const tb = performance.now();
    for (let j = 0; j < batchIds.length; j += 200) await recomputeVacancies(sql, batchIds.slice(j, j + 200), { openCount: open });
    const batchPerSec = batchIds.length / ((performance.now() - tb) / 1000);
    console.error(`  per-vacancy job: ${rem.length} in ${(rem.length / perSec).toFixed(1)} s (${perSec.toFixed(1)}/s); nightly batches: ${batchIds.length} in ${(batchIds.length / batchPerSec).toFixed(1)} s (${batchPerSec.toFixed(1)}/s); ${open} open → all ≈ ${Math.round(open / batchPerSec)} s`);
    rows.push([loadedSeekers.toLocaleString('en-US'), loadedVacancies.toLocaleString('en-US'), open, ms(t.p50), ms(t.p95), ms(t.max), t.meanCandidates,
      `${Math.round(b.seekers / (b.seekerMs / 1000)).toLocaleString('en-US')}/s`, `${perSec.toFixed(1)}/s`, `${batchPerSec.toFixed(1)}/s`, `${Math.round(open / batchPerSec)} s`]);
    const full = loadedSeekers >= 1_000_000;
    figures.push({
      measure: `top-50 candidates p95 among ${loadedSeekers.toLocaleString('en-US')} seekers`,
      value: `${ms(t.p95)} ms (p50 ${ms(t.p50)})`,
      target: full ? '≤ 250 ms' : '',
      met: full ? t.p95 <= 250 : null,
      baseline: `nightly batch ${batchPerSec.toFixed(1)} vacancies/s, one-vacancy job ${perSec.toFixed(1)}/s`,
    });
  }
  console.log(`\nMachine: ${machine()}\n`);
  console.log(table([['seekers', 'vacancies', 'open', 'top-50 p50 ms', 'p95 ms', 'max ms', 'candidates scored (mean)', 'feature backfill', 'one-vacancy job', 'nightly batch', 'nightly (all open, est.)'], ...rows]));
  if (NIGHTLY > 0) figures.push(await nightly(sql, loadedSeekers, scales.length));
  recordFigures('matching', `npm run bench -- matching ${process.argv.slice(2).join(' ')}`.trim(), figures);
  await database.close();
}

await main();

/**
 * Matching at scale (issue 7): top-50 candidates for one vacancy among up to 1,000,000 job
 * seekers (p50/p95 over a sample of open vacancies), measured at 10 %, 30 % and 100 % of the
 * seekers so growth shows; plus the nightly rematch throughput (vacancies per second, lists
 * written in full) and the feature backfill rate.
 *
 *   npm run bench -- matching [--seekers 1000000] [--vacancies 20000] [--samples 200] [--rematch 300] [--scales 0.1,0.3,1]
 * BENCH_STAGES=1 also prints the time split (feature load, candidate generation, IDF) over 30 vacancies.
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { createDatabase } from '../../src/db/client.js';
import { rankCandidates, recomputeVacancy, refreshSeekerFeatures, refreshVacancyFeatures, seekerCandidates, skillIdf } from '../../src/modules/matching/matching.service.js';
import { toDate } from '../../src/modules/matching/features.js';
import type { StoredVacancyFeatures } from '../../src/modules/matching/features.js';
import { generateCity } from './generate.js';
import { freshDatabase, machine, table } from './lib.js';

const { values } = parseArgs({
  options: {
    seekers: { type: 'string', default: '1000000' },
    vacancies: { type: 'string', default: '20000' },
    samples: { type: 'string', default: '200' },
    rematch: { type: 'string', default: '300' },
    scales: { type: 'string', default: '0.1,0.3,1' },
  },
});
const SEEKERS = Number(values.seekers);
const VACANCIES = Number(values.vacancies);
const SAMPLES = Number(values.samples);
const REMATCH = Number(values.rematch);

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

function featuresOf(r: postgres.Row): StoredVacancyFeatures {
  return {
    vacancyId: r.vacancy_id, version: r.version, open: r.open, publicWelfare: r.public_welfare, iscoUnit: r.isco_unit, groupKeys: r.group_keys,
    skillKeys: r.skill_keys, skillLabels: r.skill_labels, skillsImplied: r.skills_implied, districtCode: r.district_code, lat: r.lat, lon: r.lon,
    wageMax: r.wage_max == null ? null : Number(r.wage_max), educationRank: r.education_rank, experienceMinYears: r.experience_min_years,
    publishedAt: toDate(r.published_at), expiresAt: toDate(r.expires_at),
  };
}

async function topFifty(sql: postgres.Sql, ids: string[]) {
  const times: number[] = [];
  const cands: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    const [row] = await sql`select * from match_vacancy_features where vacancy_id = ${id}`;
    const { candidates, top } = await rankCandidates(sql, featuresOf(row!), new Date(), 50);
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
      await seekerCandidates(sql, featuresOf(row!));
      st.cands += performance.now() - t; t = performance.now();
      await skillIdf(sql, row!.skill_keys);
      st.idf += performance.now() - t;
    }
    console.error('  stages (30 vacancies, ms total):', st);
  }
  return { p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), meanCandidates: Math.round(cands.reduce((a, b) => a + b, 0) / cands.length), maxCandidates: Math.max(...cands) };
}

async function main() {
  const url = await freshDatabase('pes_bench_match');
  const database = createDatabase(url, { max: 4, appName: 'bench-matching' });
  const sql = database.sql;
  const scales = values.scales.split(',').map(Number);
  const rows: (string | number)[][] = [];
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
    // Nightly rematch: full recompute (features, candidates, scores, list replaced in one transaction).
    const rem = sample.slice(0, Math.min(REMATCH, sample.length));
    const tr = performance.now();
    for (const id of rem) await recomputeVacancy(sql, id, { force: true });
    const rematchMs = performance.now() - tr;
    const perSec = rem.length / (rematchMs / 1000);
    const [{ open }] = (await sql`select count(*)::int as open from match_vacancy_features where open`) as unknown as [{ open: number }];
    console.error(`  rematch: ${rem.length} vacancies in ${Math.round(rematchMs)} ms (${perSec.toFixed(1)}/s); ${open} open vacancies → nightly ≈ ${Math.round(open / perSec)} s`);
    rows.push([loadedSeekers.toLocaleString('en-US'), loadedVacancies.toLocaleString('en-US'), open, ms(t.p50), ms(t.p95), ms(t.max), t.meanCandidates,
      `${Math.round(b.seekers / (b.seekerMs / 1000)).toLocaleString('en-US')}/s`, `${perSec.toFixed(1)}/s`, `${Math.round(open / perSec)} s`]);
  }
  console.log(`\nMachine: ${machine()}\n`);
  console.log(table([['seekers', 'vacancies', 'open', 'top-50 p50 ms', 'p95 ms', 'max ms', 'candidates scored (mean)', 'feature backfill', 'rematch', 'nightly (all open)'], ...rows]));
  await database.close();
}

await main();

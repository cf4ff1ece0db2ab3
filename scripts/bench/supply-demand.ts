/**
 * Weekly supply-demand report: compile time for one week at full scale (1,000,000 seekers,
 * 200,000 vacancies, 200,000 referrals over 104 weeks) and at 10 % and 30 % to show growth.
 *
 *   npm run bench -- supply-demand [--scales 0.1,0.3,1]
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { recordFigures, type Figure } from './results.js';
import { freshDatabase, machine, table } from './lib.js';
import { generateCity } from './generate.js';
import { compileReport } from '../../src/modules/supply-demand/index.js';
import { lastCompletedWeek, shiftWeek } from '../../src/vocabulary/index.js';

const { values } = parseArgs({ options: { scales: { type: 'string', default: '0.1,0.3,1' } } });
const scales = values.scales!.split(',').map(Number);
const results: (string | number)[][] = [];
const figures: Figure[] = [];

for (const scale of scales) {
  const url = await freshDatabase('pes_bench_report');
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const counts = { vacancies: Math.round(200_000 * scale), seekers: Math.round(1_000_000 * scale), referrals: Math.round(200_000 * scale), weeks: 104 };
  const g0 = performance.now();
  await generateCity(sql, counts, undefined, () => {});
  const genS = (performance.now() - g0) / 1000;
  // A week in the middle of the data (a full year earlier exists for the year-ago column).
  const week = shiftWeek(lastCompletedWeek(new Date()), 4);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const timings: Record<string, number> = {};
    const r = await compileReport(sql, { ...week, regionCode: null }, new Date(), timings);
    runs.push(performance.now() - t);
    console.error(`scale ${scale} run ${i + 1}: ${r.rows} rows, ${Math.round(performance.now() - t)} ms ${JSON.stringify(timings)}`);
  }
  const t = performance.now();
  await compileReport(sql, { ...week, regionCode: '440106' });
  const district = performance.now() - t;
  // Baseline in the same run: one plain sequential pass over the seekers (the table that grows).
  const b0 = performance.now();
  await sql`select count(*) from seekers where registered_at is not null`;
  const scanMs = performance.now() - b0;
  const [row] = await sql`select (summary->'total'->'current') as c from supply_demand_reports where region_code = 'city'`;
  const c = row!.c as Record<string, number>;
  results.push([
    `${scale * 100}%`,
    counts.seekers.toLocaleString('en'),
    counts.vacancies.toLocaleString('en'),
    counts.referrals.toLocaleString('en'),
    `${(Math.min(...runs) / 1000).toFixed(2)} s`,
    `${(Math.max(...runs) / 1000).toFixed(2)} s`,
    `${(district / 1000).toFixed(2)} s`,
    `${c.activeDemand}/${c.activeSupply}`,
    `${genS.toFixed(0)} s`,
    `${(scanMs / 1000).toFixed(2)} s`,
  ]);
  figures.push({
    measure: `weekly report, one week, city, ${counts.seekers.toLocaleString('en')} seekers (${scale * 100}%), worst of 3`,
    value: `${(Math.max(...runs) / 1000).toFixed(2)} s`,
    target: scale === 1 ? '≤ 10 s' : '',
    met: scale === 1 ? Math.max(...runs) <= 10_000 : null,
    baseline: `count(*) over seekers ${(scanMs / 1000).toFixed(2)} s (${(Math.min(...runs) / scanMs).toFixed(1)}× for the best run)`,
  });
  await sql.end();
}

console.log(`\nWeekly supply-demand report, one ISO week (city), ${machine()}\n`);
console.log(table([['scale', 'seekers', 'vacancies', 'referrals', 'compile (best of 3)', 'compile (worst)', 'one district', 'active demand/supply', 'data generation', 'baseline: count(*) seekers'], ...results]));
recordFigures('supply-demand', `npm run bench -- supply-demand --scales ${values.scales}`, figures);

import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { runCli } from '../src/cli/run-cli.js';
import { seedReference } from './reference.js';
import { seedDemo } from './demo/index.js';
import { compileReport } from '../src/modules/supply-demand/index.js';
import { isoWeekOf } from '../src/vocabulary/index.js';
import { compileWageGuidance } from '../src/modules/wage-guidance/index.js';
import { rematchAll } from '../src/modules/matching/index.js';

// Loads reference data (taxonomies, districts, the office tree) and, with --demo, demo records.
// Idempotent: reference rows are upserted, demo data is skipped when already present.
await runCli(async () => {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 2, appName: 'pes-seed' });
  try {
    const started = Date.now();
    const ref = await seedReference(database.db);
    console.log(`reference data / 基础数据: ${JSON.stringify(ref)} (${Date.now() - started} ms)`);
    if (values.demo) {
      const demo = await seedDemo(database.db, { now: new Date(), hashKey: config.hashKey });
      console.log(`demo data / 演示数据: ${JSON.stringify(demo)} (${Date.now() - started} ms)`);
      // Candidate lists for every open vacancy now, so the first look at a vacancy shows them
      // (the workers keep them current from here on). Reruns recompute the same lists.
      const m = await rematchAll(database.sql, { concurrency: 1 });
      console.log(`matches / 匹配: ${m.vacancies} open vacancies, ${m.seekersRefreshed} seeker profiles (${Date.now() - started} ms)`);
      // Reports over the demo history, so the first look at the pages shows figures. Reruns replace them.
      const now = new Date();
      for (let k = 12; k >= 1; k--) {
        const week = isoWeekOf(new Date(now.getTime() - k * 7 * 86400_000));
        await compileReport(database.sql, { isoYear: week.isoYear, isoWeek: week.isoWeek }, now);
      }
      const monthStart = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
      for (let m = 3; m >= 0; m--) {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
        await compileWageGuidance(database.db, { periodKind: 'month', periodStart: monthStart(d), trigger: 'demo' });
      }
      // Wage guidance is published quarterly and annually (工资价位): the last four quarters and the last full year.
      for (let q = 4; q >= 1; q--) {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (now.getUTCMonth() % 3) - 3 * q, 1));
        await compileWageGuidance(database.db, { periodKind: 'quarter', periodStart: monthStart(d), trigger: 'demo' });
      }
      await compileWageGuidance(database.db, { periodKind: 'year', periodStart: `${now.getUTCFullYear() - 1}-01-01`, trigger: 'demo' });
      console.log(`reports / 报告: 12 weekly supply-demand reports, 4 months, 4 quarters and 1 year of wage guidance (${Date.now() - started} ms)`);
    }
  } finally {
    await database.close();
  }
});

import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { JobHandler } from '../../jobs/handler.js';
import { CITY, compileWageGuidance } from './wage-guidance.compile.js';
import { currentPeriodStart, type PeriodKind } from './periods.js';

/**
 * `wage-guidance.compile`: idempotent (a rerun replaces the period's cells). A malformed period is an
 * AppError 4xx, permanent under the job contract (it never becomes valid by retrying).
 */
export const wageGuidanceCompileJob: JobHandler<'wage-guidance.compile'> = async ({ database }, payload) => ({
  status: 'done',
  ...(await compileWageGuidance(database.db, { ...payload, trigger: 'job' })),
});

/** `wage-guidance.compile-current`: see compileCurrentPeriods. */
export const wageGuidanceCompileCurrentJob: JobHandler<'wage-guidance.compile-current'> = async ({ database }) => ({
  status: 'done',
  ...(await compileCurrentPeriods(database.db)),
});

/**
 * The nightly compile (`wage-guidance.compile-current`, 03:00 Asia/Shanghai): the current month
 * and quarter so far, for the city and each of its districts.
 */
export async function compileCurrentPeriods(db: Db, now = new Date()): Promise<{ runs: number }> {
  const districts = (await db.execute(sql`select code from districts where parent_code is not null order by code`)) as unknown as { code: string }[];
  const regions = [CITY, ...districts.map((d) => d.code)];
  let runs = 0;
  for (const periodKind of ['month', 'quarter'] as PeriodKind[]) {
    const periodStart = currentPeriodStart(periodKind, now);
    for (const regionCode of regions) {
      await compileWageGuidance(db, { periodKind, periodStart, regionCode, trigger: 'schedule' });
      runs++;
    }
  }
  return { runs };
}

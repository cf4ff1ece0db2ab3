import { UnrecoverableError } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { JobPayload } from '../../jobs/contract.js';
import { AppError } from '../../lib/errors.js';
import { CITY, compileWageGuidance, type CompileResult } from './wage-guidance.compile.js';
import { currentPeriodStart, type PeriodKind } from './periods.js';

/** Handler of `wage-guidance.compile`: idempotent (a rerun replaces the period's cells). */
export async function handleCompile(db: Db, payload: JobPayload<'wage-guidance.compile'>): Promise<CompileResult> {
  try {
    return await compileWageGuidance(db, { ...payload, trigger: 'job' });
  } catch (err) {
    // A malformed period never becomes valid by retrying.
    if (err instanceof AppError && err.statusCode < 500) throw new UnrecoverableError(err.message);
    throw err;
  }
}

/**
 * Handler of `wage-guidance.compile-current` (nightly, 03:00 Asia/Shanghai): the current month
 * and quarter so far, for the city and each of its districts.
 */
export async function handleCompileCurrent(db: Db, now = new Date()): Promise<{ runs: number }> {
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

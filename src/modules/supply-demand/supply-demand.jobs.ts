import { UnrecoverableError } from 'bullmq';
import type { Database } from '../../db/client.js';
import type { JobPayload } from '../../jobs/contract.js';
import { compileReport, compileScheduled } from './supply-demand.service.js';

/** Compiles (or recompiles) one week and region; a week that cannot exist or has not ended is permanent. */
export async function handleCompile(database: Database, payload: JobPayload<'supply-demand.compile'>) {
  try {
    return await compileReport(database.sql, payload);
  } catch (err) {
    if (err instanceof RangeError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

export async function handleCompileScheduled(database: Database) {
  return compileScheduled(database.sql, database.db);
}

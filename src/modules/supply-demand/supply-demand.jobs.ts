import type { JobHandler } from '../../jobs/handler.js';
import { compileReport, compileScheduled } from './supply-demand.service.js';

/**
 * `supply-demand.compile`: compiles (or recompiles) one week and region. A week that cannot exist or
 * has not ended throws RangeError, which the job contract treats as permanent.
 */
export const supplyDemandCompileJob: JobHandler<'supply-demand.compile'> = async ({ database }, payload) => ({
  status: 'done',
  ...(await compileReport(database.sql, payload)),
});

/** `supply-demand.compile-scheduled` (Monday 02:00): last week for the city and each district. */
export const supplyDemandCompileScheduledJob: JobHandler<'supply-demand.compile-scheduled'> = async ({ database }) => ({
  status: 'done',
  ...(await compileScheduled(database.sql, database.db)),
});

import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import type { JobName, JobPayload } from '../src/jobs/contract.js';
import type { SearchEngine } from '../src/search/engine.js';
import { handlePing } from '../src/modules/system/system.jobs.js';

export interface WorkerContext {
  config: Config;
  database: Database;
  search: SearchEngine;
  logger: Logger;
}

export type Handlers = { [N in JobName]: (payload: JobPayload<N>, job: Job) => Promise<unknown> };

/** Every job name in the contract must have a handler here: the mapped type enforces it. */
export function createHandlers(ctx: WorkerContext): Handlers {
  return {
    'system.ping': (payload) => handlePing(ctx.database.db, payload),
    // Filled in by the search issue (lead) and the import work; until then they only acknowledge.
    'search.sync-vacancy': async () => ({ skipped: 'search sync not wired yet' }),
    'search.sync-seeker': async () => ({ skipped: 'search sync not wired yet' }),
    'imports.vacancies': async () => ({ skipped: 'import not wired yet' }),
  };
}

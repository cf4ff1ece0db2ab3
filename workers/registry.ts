import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import type { JobName, JobPayload } from '../src/jobs/contract.js';
import type { SearchEngine } from '../src/search/engine.js';
import { handlePing } from '../src/modules/system/system.jobs.js';
import { handleImportJob } from '../src/modules/imports/imports.jobs.js';
import { handleExpireDue } from '../src/modules/vacancies/vacancies.jobs.js';
import { syncSeekers, syncVacancies } from '../src/search/sync.js';
import { runSavedSearchAlerts } from '../src/modules/saved-searches/saved-searches.service.js';
import { createLogNotifier } from '../src/lib/notifier.js';

export interface WorkerContext {
  config: Config;
  database: Database;
  search: SearchEngine;
  logger: Logger;
}

export type Handlers = { [N in JobName]: (payload: JobPayload<N>, job: Job) => Promise<unknown> };

/** Every job name in the contract must have a handler here: the mapped type enforces it. */
export function createHandlers(ctx: WorkerContext): Handlers {
  const notifier = createLogNotifier(ctx.logger);
  return {
    'system.ping': (payload) => handlePing(ctx.database.db, payload),
    'search.sync-vacancy': (p) => syncVacancies(ctx.database.sql, ctx.search, [p.vacancyId]),
    'search.sync-seeker': (p) => syncSeekers(ctx.database.sql, ctx.search, [p.seekerId]),
    'search.run-alerts': () => runSavedSearchAlerts({ db: ctx.database.db, search: ctx.search, notifier, logger: ctx.logger }),
    'imports.vacancies': (payload, job) => handleImportJob(ctx.database.db, payload, job),
    'vacancies.expire-due': () => handleExpireDue(ctx.database.db),
  };
}

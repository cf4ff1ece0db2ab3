import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import type { JobName, JobPayload } from '../src/jobs/contract.js';
import type { SearchEngine } from '../src/search/engine.js';
import { handlePing } from '../src/modules/system/index.js';
import { handleImportJob } from '../src/modules/imports/index.js';
import { handleExpireDue } from '../src/modules/vacancies/index.js';
import { syncSeekers, syncVacancies } from '../src/search/sync.js';
import { runSavedSearchAlerts } from '../src/modules/saved-searches/index.js';
import { createLogNotifier } from '../src/lib/notifier.js';
import { recomputeSeeker, recomputeVacancyBatch, recomputeVacancy, rematchAll } from '../src/modules/matching/index.js';
import { applyConsentState, applyRetention } from '../src/modules/privacy/index.js';
import { handleCompile, handleCompileCurrent } from '../src/modules/wage-guidance/index.js';
import { handleSupplyDemandCompile, handleSupplyDemandScheduled } from '../src/modules/supply-demand/index.js';

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
    'matching.vacancy': (p) => recomputeVacancy(ctx.database.sql, p.vacancyId),
    'matching.seeker': (p) => recomputeSeeker(ctx.database.sql, p.seekerId),
    'matching.vacancies': (p) => recomputeVacancyBatch(ctx.database.sql, p.vacancyIds),
    'matching.rematch-all': () => rematchAll(ctx.database.sql, { log: (m) => ctx.logger.info(m) }),
    'wage-guidance.compile': (p) => handleCompile(ctx.database.db, p),
    'wage-guidance.compile-current': () => handleCompileCurrent(ctx.database.db),
    'supply-demand.compile': (p) => handleSupplyDemandCompile(ctx.database, p),
    'supply-demand.compile-scheduled': () => handleSupplyDemandScheduled(ctx.database),
    'privacy.consent-withdrawn': (p) => applyConsentState({ db: ctx.database.db, sql: ctx.database.sql, search: ctx.search }, p.seekerId),
    'privacy.apply-retention': async () => {
      const report = await applyRetention(ctx.database.db, ctx.config.retention);
      // Counts and cut-offs only: the report names no person.
      ctx.logger.info({ retention: { id: report.id, anonymisedSeekers: report.anonymisedSeekers, prunedAuditRows: report.prunedAuditRows, seekerCutoff: report.seekerCutoff, auditCutoff: report.auditCutoff } }, 'retention applied');
      return { id: report.id, anonymisedSeekers: report.anonymisedSeekers, prunedAuditRows: report.prunedAuditRows };
    },
  };
}

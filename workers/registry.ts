import type { JobName } from '../src/jobs/contract.js';
import type { JobDeps, JobHandler, JobResult } from '../src/jobs/handler.js';
import { pingJob } from '../src/modules/system/index.js';
import { importJob } from '../src/modules/imports/index.js';
import { expireDueJob } from '../src/modules/vacancies/index.js';
import { syncSeekers, syncVacancies } from '../src/search/sync.js';
import { runSavedSearchAlerts } from '../src/modules/saved-searches/index.js';
import { createLogNotifier } from '../src/lib/notifier.js';
import { recomputeSeeker, recomputeVacancyBatch, recomputeVacancy, rematchAll } from '../src/modules/matching/index.js';
import { applyConsentState, applyRetention } from '../src/modules/privacy/index.js';
import { wageGuidanceCompileCurrentJob, wageGuidanceCompileJob } from '../src/modules/wage-guidance/index.js';
import { supplyDemandCompileJob, supplyDemandCompileScheduledJob } from '../src/modules/supply-demand/index.js';

/** What a worker process holds; the same object every handler receives (the job contract's deps). */
export type WorkerContext = JobDeps;

export type Handlers = { [N in JobName]: JobHandler<N> };

const done = (detail: object = {}): JobResult => ({ status: 'done', ...detail });

/**
 * Every job name in the contract has a handler here (the mapped type enforces it), each of the one shape
 * `(deps, payload, attempt) => Promise<JobResult>` (src/jobs/handler.ts). Module handlers are used as they
 * are; the few one-line adapters below call a module or search function that other callers share.
 */
export function createHandlers(ctx: WorkerContext): Handlers {
  const notifier = createLogNotifier(ctx.logger);
  return {
    'system.ping': pingJob,
    'search.sync-vacancy': async ({ database, search }, p) => done(await syncVacancies(database.sql, search, [p.vacancyId])),
    'search.sync-seeker': async ({ database, search }, p) => done(await syncSeekers(database.sql, search, [p.seekerId])),
    'search.run-alerts': async ({ database, search, logger }) => done(await runSavedSearchAlerts({ db: database.db, search, notifier, logger })),
    'imports.vacancies': importJob,
    'vacancies.expire-due': expireDueJob,
    'matching.vacancy': async ({ database, config }, p) => done(await recomputeVacancy(database.sql, p.vacancyId, { welfareOpenAfterDays: config.welfareOpenAfterDays })),
    'matching.seeker': async ({ database }, p) => done(await recomputeSeeker(database.sql, p.seekerId)),
    'matching.vacancies': async ({ database, config }, p) => done(await recomputeVacancyBatch(database.sql, p.vacancyIds, { welfareOpenAfterDays: config.welfareOpenAfterDays })),
    'matching.rematch-all': async ({ database, config, logger }) => done(await rematchAll(database.sql, { log: (m) => logger.info(m), welfareOpenAfterDays: config.welfareOpenAfterDays })),
    'wage-guidance.compile': wageGuidanceCompileJob,
    'wage-guidance.compile-current': wageGuidanceCompileCurrentJob,
    'supply-demand.compile': supplyDemandCompileJob,
    'supply-demand.compile-scheduled': supplyDemandCompileScheduledJob,
    'privacy.consent-withdrawn': async ({ database, search }, p) => done(await applyConsentState({ db: database.db, sql: database.sql, search }, p.seekerId)),
    'privacy.apply-retention': async ({ database, config, logger }) => {
      const report = await applyRetention(database.db, config.retention);
      // Counts and cut-offs only: the report names no person.
      logger.info({ retention: { id: report.id, anonymisedSeekers: report.anonymisedSeekers, prunedAuditRows: report.prunedAuditRows, seekerCutoff: report.seekerCutoff, auditCutoff: report.auditCutoff } }, 'retention applied');
      return done({ id: report.id, anonymisedSeekers: report.anonymisedSeekers, prunedAuditRows: report.prunedAuditRows });
    },
  };
}

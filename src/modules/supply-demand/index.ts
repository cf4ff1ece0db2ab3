/** The supply-demand reports module's surface. It owns the weekly and quarterly report tables. */
export { compileReport } from './supply-demand.service.js';
export { supplyDemandCompileJob, supplyDemandCompileScheduledJob } from './supply-demand.jobs.js';

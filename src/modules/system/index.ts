/** The system module's surface: the ping job (queue health) and the system tables. */
export { pingJob } from './system.jobs.js';

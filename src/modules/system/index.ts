/** The system module's surface: the ping job (queue health) and the system tables. */
export { handlePing } from './system.jobs.js';

// Schema barrel: drizzle-kit and the client read every table from here.
export * from '../modules/auth/auth.table.js';
export * from '../jobs/outbox.table.js';
export * from '../modules/system/system.table.js';

// Schema barrel: drizzle-kit and the client read every table from here.
export * from '../modules/auth/auth.table.js';
export * from '../jobs/outbox.table.js';
export * from '../modules/system/system.table.js';
export * from '../modules/offices/offices.table.js';
export * from '../modules/employers/employers.table.js';
export * from '../modules/fairs/fairs.table.js';
export * from '../modules/occupations/occupations.table.js';
export * from '../modules/vacancies/vacancies.table.js';
export * from '../modules/seekers/seekers.table.js';
export * from '../modules/referrals/referrals.table.js';
export * from '../modules/audit/audit.table.js';
export * from '../modules/imports/imports.table.js';
export * from '../modules/saved-searches/saved-searches.table.js';
export * from '../modules/wage-guidance/wage-guidance.table.js';
export * from '../modules/matching/matching.table.js';
export * from '../modules/supply-demand/supply-demand.table.js';
export * from '../modules/privacy/privacy.table.js';

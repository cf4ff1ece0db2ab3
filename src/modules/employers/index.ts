/** The employers module's surface for other modules. It owns the `employers` table. */
export { findEmployer, findEmployerByCreditCode, findEmployersByCreditCodes, findEmployersByNames, ensureEmployers, type EmployerRow } from './employers.repository.js';
export { INDUSTRY_SECTIONS } from './employers.table.js';
export { INDUSTRY_LABELS } from './industries.js';

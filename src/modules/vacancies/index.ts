/**
 * The vacancies module's surface for other modules (imports, matching, search, web pages).
 * It owns the `vacancies` table: every write goes through these functions and the service.
 */
export { prepareVacancy, writeImportedVacancies, type ImportItem, type ImportOutcome, type ImportTarget, type PreparedVacancy } from './vacancies.import.js';
export { autoCode, canWriteVacancy, createVacancy, updateVacancy, transitionVacancy, getVacancyFor, type WriteOptions } from './vacancies.service.js';
export { VacancyFields, normaliseVacancy, vacancyColumns, EDUCATION, CONTRACT_TYPES, WAGE_UNITS, type VacancyFieldsInput } from './vacancy-input.js';
export { fairScreeningStats } from './vacancies.service.js';
export { expireDueJob } from './vacancies.jobs.js';
export { listVacanciesFor } from './vacancies.service.js';
export { VACANCY_STATUSES } from './vacancy-status.js';

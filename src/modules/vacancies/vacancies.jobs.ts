import type { JobHandler } from '../../jobs/handler.js';
import { expireDueVacancies } from './vacancies.service.js';

/** `vacancies.expire-due` (queue system, payload {}): published vacancies past their expiry become expired. */
export const expireDueJob: JobHandler<'vacancies.expire-due'> = async ({ database }) => ({
  status: 'done',
  ...(await expireDueVacancies(database.db)),
});

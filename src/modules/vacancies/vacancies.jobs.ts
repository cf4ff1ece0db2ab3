import type { Db } from '../../db/client.js';
import { expireDueVacancies } from './vacancies.service.js';

/** Handler of `vacancies.expire-due` (queue system, payload {}); the lead schedules it. */
export async function handleExpireDue(db: Db): Promise<{ expired: number }> {
  return expireDueVacancies(db);
}

import type { DbOrTx } from '../db/client.js';
import { enqueue, enqueueMany } from './enqueue.js';

/**
 * What must happen after a record changes, in one place. Call inside the transaction that
 * made the change: the follow-up jobs then commit (or roll back) with it.
 */
export async function vacancyChanged(tx: DbOrTx, vacancyId: string): Promise<void> {
  await enqueue(tx, 'search.sync-vacancy', { vacancyId });
  await enqueue(tx, 'matching.vacancy', { vacancyId });
}

/**
 * The same for a batch (bulk import): a search sync per vacancy, and the matching as batch
 * jobs of up to 500 (shared candidate lookups: thousands of single jobs would compete with
 * the import itself for the worker's CPU).
 */
export async function vacanciesChanged(tx: DbOrTx, vacancyIds: string[]): Promise<void> {
  await enqueueMany(tx, 'search.sync-vacancy', vacancyIds.map((vacancyId) => ({ vacancyId })));
  const chunks: { vacancyIds: string[] }[] = [];
  for (let i = 0; i < vacancyIds.length; i += 500) chunks.push({ vacancyIds: vacancyIds.slice(i, i + 500) });
  await enqueueMany(tx, 'matching.vacancies', chunks);
}

export async function seekerChanged(tx: DbOrTx, seekerId: string): Promise<void> {
  await enqueue(tx, 'search.sync-seeker', { seekerId });
  await enqueue(tx, 'matching.seeker', { seekerId });
}

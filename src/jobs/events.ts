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

/** The same for a batch (bulk import): one outbox statement per job kind. */
export async function vacanciesChanged(tx: DbOrTx, vacancyIds: string[]): Promise<void> {
  await enqueueMany(tx, 'search.sync-vacancy', vacancyIds.map((vacancyId) => ({ vacancyId })));
  await enqueueMany(tx, 'matching.vacancy', vacancyIds.map((vacancyId) => ({ vacancyId })));
}

export async function seekerChanged(tx: DbOrTx, seekerId: string): Promise<void> {
  await enqueue(tx, 'search.sync-seeker', { seekerId });
  await enqueue(tx, 'matching.seeker', { seekerId });
}

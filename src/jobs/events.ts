import type { DbOrTx } from '../db/client.js';
import { enqueue } from './enqueue.js';

/**
 * What must happen after a record changes, in one place. Call inside the transaction that
 * made the change: the follow-up jobs then commit (or roll back) with it.
 */
export async function vacancyChanged(tx: DbOrTx, vacancyId: string): Promise<void> {
  await enqueue(tx, 'search.sync-vacancy', { vacancyId });
  await enqueue(tx, 'matching.vacancy', { vacancyId });
}

export async function seekerChanged(tx: DbOrTx, seekerId: string): Promise<void> {
  await enqueue(tx, 'search.sync-seeker', { seekerId });
  await enqueue(tx, 'matching.seeker', { seekerId });
}

import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { JobPayload } from '../../jobs/contract.js';
import { systemPings } from './system.table.js';

/** Idempotent: only the first run stamps processed_at; later runs change nothing. */
export async function handlePing(db: Db, payload: JobPayload<'system.ping'>): Promise<{ processed: boolean }> {
  const updated = await db
    .update(systemPings)
    .set({ processedAt: new Date(), runs: sql`${systemPings.runs} + 1` })
    .where(and(eq(systemPings.id, payload.pingId), isNull(systemPings.processedAt)))
    .returning({ id: systemPings.id });
  return { processed: updated.length > 0 };
}

import { and, eq, isNull, sql } from 'drizzle-orm';
import type { JobHandler } from '../../jobs/handler.js';
import { systemPings } from './system.table.js';

/** Idempotent: only the first run stamps processed_at; later runs change nothing. */
export const pingJob: JobHandler<'system.ping'> = async ({ database }, payload) => {
  const updated = await database.db
    .update(systemPings)
    .set({ processedAt: new Date(), runs: sql`${systemPings.runs} + 1` })
    .where(and(eq(systemPings.id, payload.pingId), isNull(systemPings.processedAt)))
    .returning({ id: systemPings.id });
  return { status: updated.length > 0 ? 'done' : 'skipped', processed: updated.length > 0 };
};

import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.js';

/**
 * Transactional outbox: a job is written here in the same transaction as the change that
 * causes it, so a 2xx response implies the job will run even if Redis is down right now.
 * The relay moves rows to BullMQ and stamps dispatched_at.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    queue: text('queue').notNull(),
    jobName: text('job_name').notNull(),
    payload: jsonb('payload').notNull(),
    /** Deterministic BullMQ job id: relaying the same row twice cannot create two jobs. */
    jobId: text('job_id')
      .notNull()
      .generatedAlwaysAs(sql`job_name || '-' || id::text`),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending_idx').on(t.id).where(sql`dispatched_at is null`)],
);


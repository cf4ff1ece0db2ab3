import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';

/** Rows for the system.ping job: proves the request → outbox → queue → worker path end to end. */
export const systemPings = pgTable('system_pings', {
  id: id(),
  note: text('note'),
  createdAt: createdAt(),
  processedAt: timestamp('processed_at', { withTimezone: true }),
  /** How many times a worker handled it; the handler is idempotent, so this stays 1. */
  runs: integer('runs').notNull().default(0),
});

import { customType, index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Postgres' 64-bit transaction id (pg_current_xact_id()); compared as text-encoded numbers. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The vacancy change feed's log: one row per vacancy that has ever been public, at the position
 * of its latest change. Written only by triggers on `vacancies` (migration
 * 0010_vacancy_changes_trigger.sql), so every path that writes vacancies (API, bulk import,
 * expiry job, seeds, SQL by hand) is covered, in the writing transaction.
 *
 * The position is (txid, vacancy_id): the id of the transaction that made the change. The feed
 * serves only rows whose transaction is older than every transaction still running
 * (pg_snapshot_xmin), so a transaction that commits late can never land behind a consumer's
 * cursor: commit order and timestamps stop mattering (docs/adr/0233-vacancy-change-feed.md).
 */
export const vacancyChanges = pgTable(
  'vacancy_changes',
  {
    // No foreign key: a deleted vacancy keeps its row, and the feed reports it as removed.
    vacancyId: uuid('vacancy_id').primaryKey(),
    txid: xid8('txid').notNull(),
    /** Start time of the changing transaction; only for `updatedAfter`, never for ordering. */
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('vacancy_changes_position_idx').on(t.txid, t.vacancyId), index('vacancy_changes_changed_at_idx').on(t.changedAt)],
);

import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.js';

/**
 * The audit trail: every read of a job seeker's personal data, every write by a person or key,
 * consent changes, erasures, exports, key changes and sign-ins. Append-only and chained by
 * hash: a trigger (migrations, custom "audit-chain") fills `seq`, `prev_hash` and `hash` under
 * a lock for every insert, whoever writes it, and refuses updates and deletes (retention
 * prunes the oldest rows only, leaving a checkpoint). `npm run audit -- verify` re-checks it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: createdAt(),
    actorKeyId: uuid('actor_key_id'),
    /** The person (accounts.id) who acted, when signed in as a person; null for API keys. */
    actorPersonId: uuid('actor_person_id'),
    actorName: text('actor_name').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    /** Usually a uuid; text so that records keyed by a code (districts) can be named too. */
    subjectId: text('subject_id').notNull(),
    fields: text('fields').array().notNull(),
    reason: text('reason').notNull(),
    requestId: text('request_id'),
    /** Extra facts about the action (never personal data values). */
    details: jsonb('details'),
    /** Position in the chain, assigned by the trigger (gap-free). */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_at_idx').on(t.at),
    index('audit_actor_person_idx').on(t.actorPersonId),
    uniqueIndex('audit_seq_uq').on(t.seq),
  ],
);

/** Where the chain continues after retention removed its oldest rows: the last removed row. */
export const auditChainCheckpoints = pgTable('audit_chain_checkpoints', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  removedRows: bigint('removed_rows', { mode: 'number' }).notNull(),
  removedBefore: timestamp('removed_before', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

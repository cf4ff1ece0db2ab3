import { bigserial, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.js';

/** Every read of a job seeker's personal data by a person: who, what, when, why. Append-only. */
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
    subjectId: uuid('subject_id').notNull(),
    fields: text('fields').array().notNull(),
    reason: text('reason').notNull(),
    requestId: text('request_id'),
  },
  (t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_at_idx').on(t.at), index('audit_actor_person_idx').on(t.actorPersonId)],
);

import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';

export const roleEnum = pgEnum('role', ['admin', 'staff', 'organiser', 'employer']);

/** API keys are stored as keyed hashes only; the clear key is shown once, at creation. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: id(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    /** First characters of the key, so people can tell their keys apart in listings. */
    keyPrefix: text('key_prefix').notNull(),
    /** Set for employer keys: the one employer this key acts for. */
    employerId: uuid('employer_id'),
    /** Staff and organiser keys are scoped to an office (and its children) for writes. */
    officeId: uuid('office_id'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Machine keys can expire; null: until revoked. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_employer_idx').on(t.employerId)],
);

import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns.js';
import { seekers } from '../seekers/seekers.table.js';

export const CONSENT_PURPOSES = ['recruiter_search', 'contact_release', 'sensitive_categories', 'automated_matching'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const consentPurposeEnum = pgEnum('consent_purpose', CONSENT_PURPOSES);

/** Who gave or withdrew the consent: the person (kiosk, online page) or staff at the counter for them. */
export const CONSENT_CHANNELS = ['person_kiosk', 'person_online', 'staff_counter'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const consentChannelEnum = pgEnum('consent_channel', CONSENT_CHANNELS);

/**
 * PIPL art. 14-16: one row per consent given or withdrawn, never updated or deleted, so the
 * history is the table. The current state is projected onto `seekers.consent_*` in the same
 * transaction (that is what read paths check).
 */
export const seekerConsents = pgTable(
  'seeker_consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    seekerId: uuid('seeker_id')
      .notNull()
      .references(() => seekers.id),
    purpose: consentPurposeEnum('purpose').notNull(),
    granted: boolean('granted').notNull(),
    /** Version of the privacy notice the person was shown (e.g. 2026-01). */
    noticeVersion: text('notice_version').notNull(),
    channel: consentChannelEnum('channel').notNull(),
    actorKeyId: uuid('actor_key_id'),
    actorName: text('actor_name').notNull(),
    recordedAt: createdAt(),
    requestId: text('request_id'),
  },
  (t) => [index('seeker_consents_seeker_idx').on(t.seekerId, t.recordedAt)],
);

/** What each retention run did (PIPL art. 19/47), for the admin report. */
export const retentionRuns = pgTable('retention_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  rules: jsonb('rules').notNull(),
  anonymisedSeekers: integer('anonymised_seekers').notNull().default(0),
  prunedAuditRows: integer('pruned_audit_rows').notNull().default(0),
  details: jsonb('details').notNull().default({}),
  createdAt: createdAt(),
});

import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { roleEnum } from '../auth/auth.table.js';

/**
 * A person who signs in (admin, office staff, fair organiser, employer recruiter). Roles may
 * combine; office roles are bound to `officeId`, the recruiter role to `employerId`.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: id(),
    /** Lower case; what the person types to sign in. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    roles: roleEnum('roles').array().notNull(),
    officeId: uuid('office_id'),
    employerId: uuid('employer_id'),
    /** argon2id (PHC string); null until an invitation is accepted. */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** A one-time password (set by an admin, the first-admin command or the demo) must be replaced at sign-in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** TOTP secret, AES-256-GCM encrypted with a key derived from PES_HASH_KEY. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time step: a code is accepted once (RFC 6238 §5.2). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** Demo accounts only (`npm run dev`); ignored when NODE_ENV=production. */
    secondFactorExempt: boolean('second_factor_exempt').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('accounts_username_idx').on(t.username),
    index('accounts_employer_idx').on(t.employerId),
    index('accounts_office_idx').on(t.officeId),
  ],
);

/** One-time recovery codes for the second factor, stored as keyed hashes. */
export const recoveryCodes = pgTable(
  'account_recovery_codes',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_account_idx').on(t.accountId)],
);

/** Invitation and password-reset links: one use, expiring; only the keyed hash is stored. */
export const accountLinks = pgTable(
  'account_links',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('account_links_account_idx').on(t.accountId)],
);

/**
 * Sessions live in Postgres, not Redis: a Redis outage must not sign everyone out, and the
 * API already reads Postgres on every authenticated request (API keys). The cookie carries a
 * random token; only its keyed hash is stored.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Sent by the page in x-csrf-token on every state change; not a credential on its own. */
    csrfToken: text('csrf_token').notNull(),
    /** When the second factor was given in this session (null: not yet). */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { hashKey, ROLE_ORDER, type Role } from '../auth/index.js';
import { recordAuditEvent, type AuditEventActor } from '../audit/index.js';
import { accounts, sessions } from './accounts.table.js';
import { randomToken } from './secrets.js';

export type AccountRow = typeof accounts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/**
 * What a signed-in session may do next. Only 'active' reaches the API; the others reach only
 * the routes that complete them (second factor, password change, enrolment), /me and sign-out.
 */
export type Stage = 'second_factor' | 'password' | 'enrol' | 'active';

export const SESSION_COOKIE = 'pes_session';

const OFFICE_ROLES: Role[] = ['admin', 'staff'];

export const primaryRole = (roles: Role[]): Role => ROLE_ORDER.find((r) => roles.includes(r)) ?? roles[0]!;
export const isStaffOrAdmin = (a: Pick<AccountRow, 'roles'>) => a.roles.some((r) => OFFICE_ROLES.includes(r));

/** TOTP is required for admins and staff; the demo may waive it, never in production. */
export function secondFactorRequired(config: Config, a: AccountRow): boolean {
  if (!isStaffOrAdmin(a)) return false;
  return !(a.secondFactorExempt && config.nodeEnv !== 'production');
}

export function passwordExpiresAt(config: Config, a: AccountRow): Date | null {
  const days = config.accounts.passwordMaxAgeDays;
  if (!isStaffOrAdmin(a) || days === 0 || !a.passwordChangedAt) return null;
  return new Date(a.passwordChangedAt.getTime() + days * 86_400_000);
}

export function passwordChangeDue(config: Config, a: AccountRow, now: Date): boolean {
  if (a.mustChangePassword) return true;
  const exp = passwordExpiresAt(config, a);
  return exp !== null && exp <= now;
}

export function stageOf(config: Config, a: AccountRow, s: Pick<SessionRow, 'secondFactorAt'>, now: Date): Stage {
  if (a.totpEnabled && !s.secondFactorAt) return 'second_factor';
  if (passwordChangeDue(config, a, now)) return 'password';
  if (secondFactorRequired(config, a) && !a.totpEnabled) return 'enrol';
  return 'active';
}

export const idleMinutesOf = (config: Config, a: Pick<AccountRow, 'roles'>) =>
  isStaffOrAdmin(a) ? config.accounts.idleMinutesStaff : config.accounts.idleMinutesOther;

export async function createSession(db: DbOrTx, config: Config, accountId: string, now = new Date()) {
  const token = randomToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashKey(config.hashKey, token),
      accountId,
      csrfToken: randomToken(),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.accounts.absoluteHours * 3_600_000),
    })
    .returning();
  return { token, session: row! };
}

export const personActor = (a: Pick<AccountRow, 'id' | 'displayName' | 'roles'>, requestId?: string): AuditEventActor => ({
  personId: a.id,
  name: a.displayName,
  role: primaryRole(a.roles),
  requestId: requestId ?? null,
});

export type SessionLookup =
  | { status: 'none' }
  | { status: 'ended'; reason: 'idle' | 'expired' | 'signed_out' | 'disabled' }
  | { status: 'ok'; session: SessionRow; account: AccountRow; stage: Stage };

/** Touches last_seen_at at most every 15 s: one write per quarter minute, not per request. */
const TOUCH_MS = 15_000;

/**
 * Resolves a session cookie. An idle or expired session is ended here (and audited), so the
 * end is recorded when it is found, whichever request finds it.
 */
export async function lookupSession(db: DbOrTx, config: Config, token: string, requestId: string, now = new Date()): Promise<SessionLookup> {
  const [row] = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.tokenHash, hashKey(config.hashKey, token)))
    .limit(1);
  if (!row) return { status: 'none' };
  const { session, account } = row;
  if (session.endedAt) return { status: 'ended', reason: 'signed_out' };
  let reason: 'idle' | 'expired' | 'disabled' | null = null;
  if (account.disabledAt) reason = 'disabled';
  else if (session.expiresAt <= now) reason = 'expired';
  else if (now.getTime() - session.lastSeenAt.getTime() > idleMinutesOf(config, account) * 60_000) reason = 'idle';
  if (reason) {
    await endSession(db, session.id, account, reason === 'idle' ? 'idle_timeout' : reason === 'expired' ? 'absolute_timeout' : 'account_disabled', { ...personActor(account, requestId) }, now);
    return { status: 'ended', reason };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  return { status: 'ok', session, account, stage: stageOf(config, account, session, now) };
}

/** Ends one session (once: a second end is a no-op) and audits it. */
export async function endSession(db: DbOrTx, sessionId: string, account: Pick<AccountRow, 'id' | 'displayName' | 'roles'>, reason: string, actor: AuditEventActor, now = new Date()) {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  if (ended.length) await recordAuditEvent(db, actor, 'session_ended', { type: 'account', id: account.id }, { reason, fields: [`session:${sessionId}`] });
}

/** Ends every open session of an account (sign-out everywhere, password change, disable, factor reset). */
export async function endAllSessions(db: DbOrTx, accountId: string, reason: string, actor: AuditEventActor, exceptSessionId?: string, now = new Date()): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.endedAt), ...(exceptSessionId ? [ne(sessions.id, exceptSessionId)] : [])))
    .returning({ id: sessions.id });
  if (ended.length) {
    await recordAuditEvent(db, actor, 'session_ended', { type: 'account', id: accountId }, { reason, fields: [`sessions:${ended.length}`] });
  }
  return ended.length;
}

/** Removes sessions that ended long ago (kept a day for support questions). */
export async function pruneSessions(db: DbOrTx, now = new Date()) {
  await db.delete(sessions).where(sql`coalesce(${sessions.endedAt}, ${sessions.expiresAt}) < ${new Date(now.getTime() - 86_400_000)}`);
}

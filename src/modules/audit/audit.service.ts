import type { DbOrTx } from '../../db/client.js';
import type { Principal } from '../auth/keys.js';
import { invalid } from '../../lib/errors.js';
import { listAudit } from './audit.repository.js';
import { auditLog } from './audit.table.js';
import { lt } from 'drizzle-orm';

export interface AuditActor {
  principal: Principal;
  requestId?: string;
}

/**
 * DESIGN.md invariant 2: every read of a job seeker's personal data by a person is logged
 * with who, what, when and why. Call it in the same transaction as the read where possible.
 */
export async function recordPersonalDataRead(
  db: DbOrTx,
  actor: AuditActor,
  subject: { type: 'seeker'; id: string },
  fields: string[],
  reason: string,
): Promise<void> {
  await db.insert(auditLog).values({
    actorKeyId: actor.principal.kind === 'session' ? null : actor.principal.keyId,
    actorPersonId: actor.principal.personId ?? null,
    actorName: actor.principal.name,
    actorRole: actor.principal.role,
    action: 'read_personal_data',
    subjectType: subject.type,
    subjectId: subject.id,
    fields,
    reason,
    requestId: actor.requestId ?? null,
  });
}

/**
 * Reads and probes that are not a read of a record's personal fields but still say something
 * about a person or a sensitive group: an employer reading a match, staff listing people by a
 * priority group, a registration that hit an existing national ID. Same table, own action.
 */
export type AccessAction = 'read_match' | 'read_candidates' | 'list_by_sensitive_attribute' | 'duplicate_national_id';

export async function recordAccess(
  db: DbOrTx,
  actor: AuditActor,
  action: AccessAction,
  subject: { type: 'seeker' | 'vacancy' | 'office'; id: string },
  fields: string[],
  reason: string,
): Promise<void> {
  await db.insert(auditLog).values({
    actorKeyId: actor.principal.kind === 'session' ? null : actor.principal.keyId,
    actorPersonId: actor.principal.personId ?? null,
    actorName: actor.principal.name,
    actorRole: actor.principal.role,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    fields,
    reason,
    requestId: actor.requestId ?? null,
  });
}

/** Who did something: a signed-in principal, or a person or caller not (yet) signed in. */
export interface AuditEventActor {
  keyId?: string | null;
  personId?: string | null;
  name: string;
  role: string;
  requestId?: string | null;
}

const NO_SUBJECT = '00000000-0000-0000-0000-000000000000';

/** The actor fields of a principal (a key or a person's session). */
export function auditActorOf(principal: Principal, requestId?: string): AuditEventActor {
  return {
    keyId: principal.kind === 'session' ? null : principal.keyId,
    personId: principal.personId ?? null,
    name: principal.name,
    role: principal.role,
    requestId: requestId ?? null,
  };
}

/**
 * Sign-ins, failures, lockouts, factor and account changes, session ends (issue 17). One row per
 * event; `subject.id` null (an unknown user name) is stored as the nil UUID. Pass the write's
 * transaction so the row and the change commit together.
 */
export async function recordAuditEvent(
  db: DbOrTx,
  actor: AuditEventActor,
  action: string,
  subject: { type: string; id: string | null },
  details: { fields?: string[]; reason?: string } = {},
): Promise<void> {
  await db.insert(auditLog).values({
    actorKeyId: actor.keyId ?? null,
    actorPersonId: actor.personId ?? null,
    actorName: actor.name,
    actorRole: actor.role,
    action,
    subjectType: subject.type,
    subjectId: subject.id ?? NO_SUBJECT,
    fields: details.fields ?? [],
    reason: details.reason ?? '',
    requestId: actor.requestId ?? null,
  });
}

/** Deletes audit rows older than the retention period (never fewer than 183 days: config refuses less). */
export async function purgeAuditOlderThan(db: DbOrTx, retentionDays: number, now = new Date()): Promise<number> {
  const days = Math.max(183, retentionDays);
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const rows = await db.delete(auditLog).where(lt(auditLog.at, cutoff)).returning({ id: auditLog.id });
  return rows.length;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  subjectId?: string;
  actorKeyId?: string;
  action?: string;
  /** Inclusive lower bound (ISO date-time). */
  from?: string;
  /** Exclusive upper bound (ISO date-time). */
  to?: string;
  order?: 'asc' | 'desc';
}

export async function listAuditLog(db: DbOrTx, q: AuditQuery) {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from > to) throw invalid('query.from', 'is after query.to', '开始时间晚于结束时间');
  const { rows, total } = await listAudit(db, { ...q, from, to });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorKeyId: r.actorKeyId,
      actorPersonId: r.actorPersonId,
      actorName: r.actorName,
      actorRole: r.actorRole,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      fields: r.fields,
      reason: r.reason,
      requestId: r.requestId,
    })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

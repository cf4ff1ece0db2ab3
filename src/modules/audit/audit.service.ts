import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { sql as dsql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Principal } from '../auth/index.js';
import { invalid } from '../../lib/errors.js';
import { listAudit } from './audit.repository.js';
import { auditLog } from './audit.table.js';

export interface AuditActor {
  principal: Principal;
  requestId?: string;
}

export interface AuditEvent {
  action: string;
  subject: { type: string; id: string };
  fields?: string[];
  reason?: string;
  details?: Record<string, unknown>;
}

/**
 * The one way services write an audit row. The chain (seq, prev_hash, hash) is computed by
 * the database trigger for every insert (migration 0010), so other writers (the write trigger,
 * sign-in events) join the same chain. Call it in the transaction of the action it records.
 * Actor `null` means the system (a scheduled job).
 */
export async function recordAudit(db: DbOrTx, actor: AuditActor | null, e: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    // A person's session names the person; a key names the key.
    actorKeyId: actor && actor.principal.kind !== 'session' ? actor.principal.keyId || null : null,
    actorPersonId: actor?.principal.personId ?? null,
    actorName: actor?.principal.name ?? 'system',
    actorRole: actor?.principal.role ?? 'system',
    action: e.action,
    subjectType: e.subject.type,
    subjectId: e.subject.id,
    fields: e.fields ?? [],
    reason: e.reason ?? '',
    requestId: actor?.requestId ?? null,
    details: e.details ?? null,
  });
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
  await recordAudit(db, actor, { action: 'read_personal_data', subject, fields, reason });
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
  await recordAudit(db, actor, { action, subject, fields, reason });
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
      seq: r.seq ?? 0,
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

// --- verification ------------------------------------------------------------------------

export interface ChainProblem {
  seq: number;
  id: number;
  problem: 'altered' | 'missing_before' | 'out_of_order' | 'bad_start' | 'missing_after';
  detail: string;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headHash: string | null;
  checkpoint: { seq: number; hash: string } | null;
  problems: ChainProblem[];
}

const ZERO = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Re-checks the chain from the oldest kept row: each row's hash is recomputed here (in Node,
 * not by the database function, so an edited trigger cannot vouch for itself), each row's
 * prev_hash must be the previous row's hash and seq must have no gaps. A changed row fails its
 * hash; a removed row leaves a gap; rows put in another order break the links. The rows are
 * read as jsonb text in UTC, the form the trigger hashed.
 */
export async function verifyAuditChain(databaseUrl: string, opts: { maxProblems?: number } = {}): Promise<ChainReport> {
  const max = opts.maxProblems ?? 20;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { TimeZone: 'UTC', application_name: 'pes-audit-verify' } });
  const problems: ChainProblem[] = [];
  let rows = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let prevHash: string | null = null;
  let prevSeq: number | null = null;
  let checkpoint: ChainReport['checkpoint'] = null;
  try {
    await sql.begin('isolation level repeatable read read only', async (tx) => {
      const [cp] = await tx`select seq::bigint as seq, hash from audit_chain_checkpoints order by seq desc limit 1`;
      const [head] = await tx`select seq::bigint as seq, hash from audit_chain_head`;
      if (cp) checkpoint = { seq: Number(cp.seq), hash: cp.hash as string };
      const cursor = tx`select id, seq, prev_hash, hash, (to_jsonb(a) - 'hash' - 'prev_hash')::text as body from audit_log a order by seq`.cursor(2000);
      for await (const batch of cursor) {
        for (const r of batch) {
          const seq = Number(r.seq);
          const id = Number(r.id);
          rows++;
          if (firstSeq === null) {
            firstSeq = seq;
            const expectSeq = checkpoint ? checkpoint.seq + 1 : 1;
            const expectPrev = checkpoint ? checkpoint.hash : ZERO;
            if (seq !== expectSeq || r.prev_hash !== expectPrev) {
              problems.push({ seq, id, problem: 'bad_start', detail: `chain starts at seq ${seq} (expected ${expectSeq} after ${checkpoint ? 'the retention checkpoint' : 'the genesis'}): rows were removed` });
            }
          } else if (seq !== prevSeq! + 1) {
            problems.push({ seq, id, problem: 'missing_before', detail: `seq ${prevSeq! + 1}..${seq - 1} missing: ${seq - prevSeq! - 1} row(s) removed` });
          } else if (r.prev_hash !== prevHash) {
            problems.push({ seq, id, problem: 'out_of_order', detail: 'prev_hash is not the hash of the row before: rows reordered or replaced' });
          }
          const expected = sha256(`${r.prev_hash}|${r.body}`);
          if (expected !== r.hash) problems.push({ seq, id, problem: 'altered', detail: 'content does not match its hash: the row was changed' });
          prevHash = r.hash as string;
          prevSeq = seq;
          lastSeq = seq;
          if (problems.length >= max) return;
        }
      }
      // The head moves with every append: rows removed from the end leave it ahead of the last row.
      if (head && (Number(head.seq) !== (lastSeq ?? checkpoint?.seq ?? 0) || (prevHash !== null && head.hash !== prevHash))) {
        problems.push({ seq: Number(head.seq), id: 0, problem: 'missing_after', detail: `the chain head is at seq ${head.seq} but the last row is ${lastSeq ?? 'none'}: rows were removed from the end` });
      }
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
  return { ok: problems.length === 0, rows, firstSeq, lastSeq, headHash: prevHash, checkpoint, problems };
}

/**
 * Retention for the audit trail (Cybersecurity Law art. 21: at least six months). Removes the
 * oldest rows up to the last one older than the cut-off, as one prefix of the chain, and leaves
 * a checkpoint with the last removed row's seq and hash so verification continues from there.
 */
export async function pruneAuditLog(db: DbOrTx, olderThan: Date, minimumAgeDays = 183): Promise<{ removed: number; checkpointSeq: number | null }> {
  if (Date.now() - olderThan.getTime() < minimumAgeDays * 86_400_000) {
    throw new Error(`audit retention must keep at least ${minimumAgeDays} days`);
  }
  return db.transaction(async (tx) => {
    // Holds the chain head, so no row is appended while the prefix is removed.
    await tx.execute(dsql`select seq from audit_chain_head where id for update`);
    const [last] = (await tx.execute(dsql`select seq::bigint as seq, hash from audit_log where seq <= (select max(seq) from audit_log where created_at < ${olderThan.toISOString()}) order by seq desc limit 1`)) as unknown as { seq: string; hash: string }[];
    if (!last) return { removed: 0, checkpointSeq: null };
    await tx.execute(dsql`select set_config('pes.audit_prune', 'on', true)`);
    const res = (await tx.execute(dsql`delete from audit_log where seq <= ${Number(last.seq)}`)) as unknown as { count: number };
    await tx.execute(dsql`select set_config('pes.audit_prune', 'off', true)`);
    await tx.execute(dsql`insert into audit_chain_checkpoints (seq, hash, removed_rows, removed_before) values (${Number(last.seq)}, ${last.hash}, ${res.count}, ${olderThan.toISOString()}) on conflict (seq) do nothing`);
    return { removed: res.count, checkpointSeq: Number(last.seq) };
  });
}

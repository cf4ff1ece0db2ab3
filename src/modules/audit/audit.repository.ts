import { and, asc, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { offsetOf } from '../../lib/http.js';
import { auditLog } from './audit.table.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  page: number;
  pageSize: number;
  subjectId?: string;
  actorKeyId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  order?: 'asc' | 'desc';
}

export async function listAudit(db: DbOrTx, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.subjectId) where.push(eq(auditLog.subjectId, f.subjectId));
  if (f.actorKeyId) where.push(eq(auditLog.actorKeyId, f.actorKeyId));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db.select().from(auditLog).where(cond).orderBy(...(f.order === 'asc' ? [asc(auditLog.at), asc(auditLog.id)] : [desc(auditLog.at), desc(auditLog.id)])).limit(f.pageSize).offset(offsetOf(f));
  const [t] = await db.select({ n: count() }).from(auditLog).where(cond);
  return { rows, total: t?.n ?? 0 };
}

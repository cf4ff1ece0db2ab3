import { eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { offices } from '../modules/offices/offices.table.js';
import type { Principal } from '../modules/auth/index.js';
import { AppError, forbidden } from './errors.js';

/**
 * "One login, city-wide query": every office reads the whole city, but staff and organiser
 * keys write only for their own office and the offices below it. Admins write anywhere.
 */
export async function assertCanWriteForOffice(db: DbOrTx, principal: Principal, officeId: string): Promise<void> {
  if (principal.role === 'admin') return;
  if (!principal.officeId) throw forbidden('This key is not bound to an office', '此密钥未绑定服务机构');
  if (principal.officeId === officeId) return;
  const rows = await db
    .select({ id: offices.id, path: offices.path })
    .from(offices)
    .where(eq(offices.id, principal.officeId))
    .union(db.select({ id: offices.id, path: offices.path }).from(offices).where(eq(offices.id, officeId)));
  const own = rows.find((r) => r.id === principal.officeId);
  const target = rows.find((r) => r.id === officeId);
  if (!target) throw new AppError(422, 'INVALID_FIELD', { en: 'officeId: unknown office', zh: 'officeId：服务机构不存在' }, [{ field: 'body.officeId', message: 'unknown office' }]);
  if (!own || !(target.path === own.path || target.path.startsWith(`${own.path}/`))) {
    throw forbidden('Your office may write only for itself and the offices below it', '只能为本机构及下级机构写入数据');
  }
}

/** The office a new record belongs to: the key's own office unless an admin names one. */
export function defaultOfficeId(principal: Principal, requested?: string | null): string | null {
  return requested ?? principal.officeId ?? null;
}

/**
 * "This office and the offices below it" as a condition on an office-id column, for lists and
 * statistics filtered by an office (a city office sees the whole city's records, not only those
 * filed at the city office itself). Prefix test on `offices.path`, like assertCanWriteForOffice.
 */
export function officeTreeCondition(column: AnyColumn | SQL, officeId: string): SQL {
  return sql`${column} in (select o.id from ${offices} o join ${offices} top on top.id = ${officeId}
    where o.path = top.path or o.path like top.path || '/%')`;
}

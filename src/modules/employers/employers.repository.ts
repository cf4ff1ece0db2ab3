import { and, asc, count, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { officeTreeCondition } from '../../lib/scope.js';
import type { DbOrTx } from '../../db/client.js';
import { employers } from './employers.table.js';

export type EmployerRow = typeof employers.$inferSelect;
export type EmployerInsert = typeof employers.$inferInsert;

export async function findEmployer(db: DbOrTx, id: string): Promise<EmployerRow | undefined> {
  const [row] = await db.select().from(employers).where(eq(employers.id, id));
  return row;
}

export async function findEmployerByCreditCode(db: DbOrTx, creditCode: string): Promise<EmployerRow | undefined> {
  const [row] = await db.select().from(employers).where(eq(employers.creditCode, creditCode));
  return row;
}

export interface EmployerQuery {
  q?: string;
  industry?: string;
  districtCode?: string;
  officeId?: string;
  /** Employer keys see only their own employer. */
  onlyId?: string;
  sort: 'name' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listEmployers(db: DbOrTx, q: EmployerQuery): Promise<{ rows: EmployerRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.q) where.push(ilike(employers.name, `%${q.q.replace(/[%_\\]/g, '\\$&')}%`));
  if (q.industry) where.push(eq(employers.industry, q.industry));
  if (q.districtCode) where.push(eq(employers.districtCode, q.districtCode));
  if (q.officeId) where.push(officeTreeCondition(employers.officeId, q.officeId)); // and the offices below it
  if (q.onlyId) where.push(eq(employers.id, q.onlyId));
  const cond = where.length ? and(...where) : undefined;
  const col = q.sort === 'name' ? employers.name : employers.createdAt;
  const rows = await db
    .select()
    .from(employers)
    .where(cond)
    .orderBy(q.order === 'asc' ? asc(col) : desc(col), asc(employers.id))
    .limit(q.limit)
    .offset(q.offset);
  const [c] = await db.select({ n: count() }).from(employers).where(cond);
  return { rows, total: c?.n ?? 0 };
}

export async function insertEmployer(db: DbOrTx, values: EmployerInsert): Promise<EmployerRow> {
  const [row] = await db.insert(employers).values(values).returning();
  return row!;
}

export async function updateEmployer(db: DbOrTx, id: string, values: Partial<EmployerInsert>): Promise<EmployerRow> {
  const [row] = await db.update(employers).set(values).where(eq(employers.id, id)).returning();
  return row!;
}

/** Employers by credit code, for bulk imports (one query per batch). */
export async function findEmployersByCreditCodes(db: DbOrTx, codes: string[]): Promise<{ id: string; code: string; name: string }[]> {
  if (!codes.length) return [];
  return db.select({ id: employers.id, code: employers.creditCode, name: employers.name }).from(employers).where(inArray(employers.creditCode, codes));
}

export async function findEmployersByNames(db: DbOrTx, names: string[]): Promise<{ id: string; name: string }[]> {
  if (!names.length) return [];
  return db.select({ id: employers.id, name: employers.name }).from(employers).where(inArray(employers.name, names));
}

/**
 * Registers employers met for the first time in an import (unverified, owned by the fair's
 * office); one that another upload registered meanwhile is kept. Returns id by credit code.
 */
export async function ensureEmployers(
  tx: DbOrTx,
  rows: { name: string; creditCode: string; industry: string; sizeBand: EmployerInsert['sizeBand'] }[],
  officeId: string,
): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  await tx
    .insert(employers)
    .values(rows.map((e) => ({ ...e, officeId, verified: false })))
    .onConflictDoNothing({ target: employers.creditCode });
  const found = await findEmployersByCreditCodes(tx, rows.map((r) => r.creditCode));
  return new Map(found.map((r) => [r.code, r.id]));
}

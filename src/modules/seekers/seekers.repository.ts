import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { officeTreeCondition } from '../../lib/scope.js';
import type { DbOrTx } from '../../db/client.js';
import { offsetOf } from '../../lib/http.js';
import { districts, offices } from '../offices/offices.table.js';
import { seekers } from './seekers.table.js';
import { occupations } from '../occupations/occupations.table.js';
import type { ListSeekersFilter } from './seekers.schemas.js';

export type SeekerRow = typeof seekers.$inferSelect;
export type NewSeekerRow = typeof seekers.$inferInsert;

export async function findSeeker(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<SeekerRow | undefined> {
  const q = db.select().from(seekers).where(eq(seekers.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findSeekerIdByNationalIdHash(db: DbOrTx, hash: string): Promise<string | undefined> {
  const [row] = await db.select({ id: seekers.id }).from(seekers).where(eq(seekers.nationalIdHash, hash));
  return row?.id;
}

export async function insertSeeker(db: DbOrTx, values: NewSeekerRow): Promise<SeekerRow> {
  const [row] = await db.insert(seekers).values(values).returning();
  return row!;
}

/** Every change goes through here so the version always moves with it. */
export async function updateSeeker(db: DbOrTx, id: string, values: Partial<NewSeekerRow>): Promise<SeekerRow> {
  const [row] = await db
    .update(seekers)
    .set({ ...values, version: sql`${seekers.version} + 1` })
    .where(eq(seekers.id, id))
    .returning();
  return row!;
}

export async function listSeekers(db: DbOrTx, f: ListSeekersFilter & { withinOfficeOf?: string }): Promise<{ rows: SeekerRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.withinOfficeOf) {
    where.push(sql`${seekers.officeId} in (select o.id from ${offices} o join ${offices} mine on mine.id = ${f.withinOfficeOf}
      where o.path = mine.path or o.path like mine.path || '/%')`);
  }
  if (f.status) where.push(eq(seekers.status, f.status));
  if (f.districtCode) where.push(eq(seekers.districtCode, f.districtCode));
  if (f.education) where.push(eq(seekers.education, f.education));
  // An office includes the offices below it (a city office sees the city's seekers).
  if (f.officeId) where.push(officeTreeCondition(seekers.officeId, f.officeId));
  if (f.priorityGroup) where.push(sql`${f.priorityGroup} = any(${seekers.priorityGroups})`);
  const cond = where.length ? and(...where) : undefined;
  const order = f.order === 'asc' ? [asc(seekers.registeredAt), asc(seekers.id)] : [desc(seekers.registeredAt), desc(seekers.id)];
  const [rows, [totalRow]] = await Promise.all([
    db.select().from(seekers).where(cond).orderBy(...order).limit(f.pageSize).offset(offsetOf(f)),
    db.select({ n: count() }).from(seekers).where(cond),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}

export async function officeExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: offices.id }).from(offices).where(eq(offices.id, id));
  return !!row;
}

export async function districtExists(db: DbOrTx, code: string): Promise<boolean> {
  const [row] = await db.select({ code: districts.code }).from(districts).where(eq(districts.code, code));
  return !!row;
}

export async function occupationExists(db: DbOrTx, code: string): Promise<boolean> {
  const [row] = await db.select({ code: occupations.code }).from(occupations).where(eq(occupations.code, code)).limit(1);
  return !!row;
}

import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { districts, offices } from './offices.table.js';

export type OfficeRow = typeof offices.$inferSelect;
export type DistrictRow = typeof districts.$inferSelect;

export async function findOffice(db: DbOrTx, id: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(offices).where(eq(offices.id, id));
  return row;
}

export async function findOfficeByCode(db: DbOrTx, code: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(offices).where(eq(offices.code, code));
  return row;
}

export async function listOffices(
  db: DbOrTx,
  q: { level?: OfficeRow['level']; parentId?: string; districtCode?: string; limit: number; offset: number },
): Promise<{ rows: OfficeRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.level) where.push(eq(offices.level, q.level));
  if (q.parentId) where.push(eq(offices.parentId, q.parentId));
  if (q.districtCode) where.push(eq(offices.districtCode, q.districtCode));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db.select().from(offices).where(cond).orderBy(asc(offices.path)).limit(q.limit).offset(q.offset);
  const [c] = await db.select({ n: count() }).from(offices).where(cond);
  return { rows, total: c?.n ?? 0 };
}

export async function insertOffice(db: DbOrTx, values: typeof offices.$inferInsert): Promise<OfficeRow> {
  const [row] = await db.insert(offices).values(values).returning();
  return row!;
}

export async function updateOffice(db: DbOrTx, id: string, values: Partial<typeof offices.$inferInsert>): Promise<OfficeRow | undefined> {
  const [row] = await db.update(offices).set(values).where(eq(offices.id, id)).returning();
  return row;
}

export async function findDistrict(db: DbOrTx, code: string): Promise<DistrictRow | undefined> {
  const [row] = await db.select().from(districts).where(eq(districts.code, code));
  return row;
}

export async function listDistricts(
  db: DbOrTx,
  q: { parentCode?: string; q?: string; limit: number; offset: number },
): Promise<{ rows: DistrictRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.parentCode) where.push(eq(districts.parentCode, q.parentCode));
  if (q.q) where.push(or(ilike(districts.nameZh, `%${q.q}%`), ilike(districts.nameEn, `%${q.q}%`), ilike(districts.code, `${q.q}%`))!);
  const cond = where.length ? and(...where) : undefined;
  const rows = await db.select().from(districts).where(cond).orderBy(asc(districts.code)).limit(q.limit).offset(q.offset);
  const [c] = await db.select({ n: count() }).from(districts).where(cond);
  return { rows, total: c?.n ?? 0 };
}

export async function insertDistrict(db: DbOrTx, values: typeof districts.$inferInsert): Promise<DistrictRow> {
  const [row] = await db.insert(districts).values(values).returning();
  return row!;
}

export async function updateDistrict(db: DbOrTx, code: string, values: Partial<typeof districts.$inferInsert>): Promise<DistrictRow | undefined> {
  const [row] = await db.update(districts).set(values).where(eq(districts.code, code)).returning();
  return row;
}

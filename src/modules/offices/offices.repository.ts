import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
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
  q: { level?: OfficeRow['level']; parentId?: string; districtCode?: string; q?: string; limit: number; offset: number },
): Promise<{ rows: OfficeRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.level) where.push(eq(offices.level, q.level));
  if (q.parentId) where.push(eq(offices.parentId, q.parentId));
  if (q.districtCode) where.push(eq(offices.districtCode, q.districtCode));
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(or(ilike(offices.nameZh, like), ilike(offices.nameEn, like), ilike(offices.code, `${q.q.replace(/[%_\\]/g, '\\$&')}%`))!);
  }
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

/** Chinese and English names of offices by code: the names along each office's path, for pickers. */
export async function officeNamesByCode(db: DbOrTx, codes: string[]): Promise<Map<string, { zh: string; en: string }>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ code: offices.code, zh: offices.nameZh, en: offices.nameEn }).from(offices).where(inArray(offices.code, codes));
  return new Map(rows.map((r) => [r.code, { zh: r.zh, en: r.en }]));
}

/** Districts whose Chinese or English name is the text given, or starts with it (天河 → 天河区). */
export async function districtsByName(db: DbOrTx, name: string, limit = 10): Promise<DistrictRow[]> {
  const escaped = name.replace(/[%_\\]/g, '\\$&');
  return db
    .select()
    .from(districts)
    .where(or(eq(districts.nameZh, name), ilike(districts.nameEn, name), ilike(districts.nameZh, `${escaped}%`), ilike(districts.nameZh, `%${escaped}%`))!)
    .orderBy(sql`case when ${districts.nameZh} = ${name} or lower(${districts.nameEn}) = lower(${name}) then 0 when ${districts.nameZh} like ${`${escaped}%`} then 1 else 2 end`, asc(districts.code))
    .limit(limit);
}

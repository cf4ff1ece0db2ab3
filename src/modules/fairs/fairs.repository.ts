import { and, asc, count, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { officeTreeCondition } from '../../lib/scope.js';
import type { DbOrTx } from '../../db/client.js';
import { openVacancyCondition } from '../../vocabulary/index.js';
import { employers } from '../employers/employers.table.js';
import { vacancies } from '../vacancies/vacancies.table.js';
import { fairBooths, fairs } from './fairs.table.js';

export type FairRow = typeof fairs.$inferSelect;
export type FairInsert = typeof fairs.$inferInsert;
export type BoothRow = typeof fairBooths.$inferSelect;

export async function findFair(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<FairRow | undefined> {
  const q = db.select().from(fairs).where(eq(fairs.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export interface FairQuery {
  status?: FairRow['status'];
  kind?: FairRow['kind'];
  districtCode?: string;
  officeId?: string;
  from?: Date;
  to?: Date;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listFairs(db: DbOrTx, q: FairQuery): Promise<{ rows: FairRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(fairs.status, q.status));
  if (q.kind) where.push(eq(fairs.kind, q.kind));
  if (q.districtCode) where.push(eq(fairs.districtCode, q.districtCode));
  if (q.officeId) where.push(officeTreeCondition(fairs.officeId, q.officeId)); // and the offices below it
  if (q.from) where.push(gte(fairs.endsAt, q.from));
  if (q.to) where.push(lte(fairs.startsAt, q.to));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(fairs)
    .where(cond)
    .orderBy(q.order === 'asc' ? asc(fairs.startsAt) : desc(fairs.startsAt), asc(fairs.id))
    .limit(q.limit)
    .offset(q.offset);
  const [c] = await db.select({ n: count() }).from(fairs).where(cond);
  return { rows, total: c?.n ?? 0 };
}

export async function insertFair(db: DbOrTx, values: FairInsert): Promise<FairRow> {
  const [row] = await db.insert(fairs).values(values).returning();
  return row!;
}

export async function updateFair(db: DbOrTx, id: string, values: Partial<FairInsert>): Promise<FairRow> {
  const [row] = await db.update(fairs).set({ ...values, updatedAt: new Date() }).where(eq(fairs.id, id)).returning();
  return row!;
}

export async function deleteFair(db: DbOrTx, id: string): Promise<void> {
  await db.delete(fairs).where(eq(fairs.id, id));
}

export async function countFairVacancies(db: DbOrTx, fairId: string): Promise<number> {
  const [c] = await db.select({ n: count() }).from(vacancies).where(eq(vacancies.fairId, fairId));
  return c?.n ?? 0;
}

/** Booths with the employer's public fields only (name, industry, size): never contact data. */
const boothColumns = {
  id: fairBooths.id,
  fairId: fairBooths.fairId,
  employerId: fairBooths.employerId,
  boothNo: fairBooths.boothNo,
  intentionsReached: fairBooths.intentionsReached,
  createdAt: fairBooths.createdAt,
  employerName: employers.name,
  employerIndustry: employers.industry,
  employerSizeBand: employers.sizeBand,
};
const selectBooths = (db: DbOrTx, where: SQL | undefined) =>
  db.select(boothColumns).from(fairBooths).innerJoin(employers, eq(employers.id, fairBooths.employerId)).where(where);
export type BoothView = Awaited<ReturnType<typeof selectBooths>>[number];

export const BOOTH_SORTS = ['boothNo', 'employer', 'intentions'] as const;
export interface BoothQuery {
  /** Part of a booth number or an employer name. */
  q?: string;
  sort: (typeof BOOTH_SORTS)[number];
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** One page of a fair's booths and the total. */
export async function pageBooths(db: DbOrTx, fairId: string, q: BoothQuery): Promise<{ rows: BoothView[]; total: number }> {
  const where: SQL[] = [eq(fairBooths.fairId, fairId)];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(${fairBooths.boothNo} ilike ${like} or ${employers.name} ilike ${like})`);
  }
  const col = { boothNo: fairBooths.boothNo, employer: employers.name, intentions: fairBooths.intentionsReached }[q.sort];
  const dir = q.order === 'asc' ? sql`${col} asc nulls last` : sql`${col} desc nulls last`;
  const cond = and(...where);
  const rows = await selectBooths(db, cond).orderBy(dir, asc(fairBooths.id)).limit(q.limit).offset(q.offset);
  const [c] = await db.select({ n: count() }).from(fairBooths).innerJoin(employers, eq(employers.id, fairBooths.employerId)).where(cond);
  return { rows, total: c?.n ?? 0 };
}

export async function findBooth(db: DbOrTx, fairId: string, boothId: string): Promise<BoothView | undefined> {
  const [row] = await selectBooths(db, and(eq(fairBooths.fairId, fairId), eq(fairBooths.id, boothId)));
  return row;
}

export async function findBoothBy(db: DbOrTx, fairId: string, by: { employerId?: string; boothNo?: string }): Promise<BoothRow | undefined> {
  const cond = by.employerId ? eq(fairBooths.employerId, by.employerId) : eq(fairBooths.boothNo, by.boothNo!);
  const [row] = await db.select().from(fairBooths).where(and(eq(fairBooths.fairId, fairId), cond));
  return row;
}

export async function insertBooth(db: DbOrTx, values: typeof fairBooths.$inferInsert): Promise<BoothRow> {
  const [row] = await db.insert(fairBooths).values(values).returning();
  return row!;
}

export async function updateBooth(db: DbOrTx, boothId: string, values: Partial<typeof fairBooths.$inferInsert>): Promise<void> {
  await db.update(fairBooths).set(values).where(eq(fairBooths.id, boothId));
}

export async function deleteBooth(db: DbOrTx, boothId: string): Promise<void> {
  await db.delete(fairBooths).where(eq(fairBooths.id, boothId));
}

/**
 * The figures of one fair, each recomputable from the records: employers = distinct employers with
 * a booth or a vacancy at the fair; positions = sum of headcount of its open vacancies
 * (the vocabulary's one definition of open).
 */
export async function fairStats(db: DbOrTx, fairId: string) {
  const openV = openVacancyCondition({ status: sql.raw('v.status'), expiresAt: sql.raw('v.expires_at') });
  const rows = await db.execute<{
    booths: number;
    employers: number;
    vacancies: number;
    published_vacancies: number;
    positions: number;
    intentions: number;
  }>(sql`
    select
      (select count(*)::int from fair_booths b where b.fair_id = ${fairId}) as booths,
      (select count(*)::int from (
         select employer_id from fair_booths where fair_id = ${fairId}
         union select employer_id from vacancies where fair_id = ${fairId}) e) as employers,
      (select count(*)::int from vacancies v where v.fair_id = ${fairId}) as vacancies,
      (select count(*)::int from vacancies v where v.fair_id = ${fairId} and ${openV}) as published_vacancies,
      (select coalesce(sum(v.headcount), 0)::int from vacancies v where v.fair_id = ${fairId} and ${openV}) as positions,
      (select coalesce(sum(b.intentions_reached), 0)::int from fair_booths b where b.fair_id = ${fairId}) as intentions
  `);
  return rows[0]!;
}

/** A fair's results by booth (issue 19 export): employer, vacancies and positions at the fair, intentions reached. */
export async function fairResultRows(db: DbOrTx, fairId: string) {
  return db
    .select({
      boothNo: fairBooths.boothNo,
      employerName: employers.name,
      vacancies: sql<number>`(select count(*)::int from ${vacancies} v where v.fair_id = ${fairId} and v.employer_id = ${fairBooths.employerId})`,
      positions: sql<number>`(select coalesce(sum(v.headcount), 0)::int from ${vacancies} v where v.fair_id = ${fairId} and v.employer_id = ${fairBooths.employerId})`,
      intentionsReached: fairBooths.intentionsReached,
    })
    .from(fairBooths)
    .innerJoin(employers, eq(employers.id, fairBooths.employerId))
    .where(eq(fairBooths.fairId, fairId))
    .orderBy(asc(fairBooths.boothNo));
}

import { and, asc, count, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import { officeTreeCondition } from '../../lib/scope.js';
import type { DbOrTx } from '../../db/client.js';
import { openVacancyCondition } from '../../vocabulary/index.js';
import { employers } from '../employers/employers.table.js';
import { fairBooths, fairs } from '../fairs/fairs.table.js';
import { vacancies } from './vacancies.table.js';

export type VacancyRow = typeof vacancies.$inferSelect;
export type VacancyInsert = typeof vacancies.$inferInsert;

export async function findVacancy(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<VacancyRow | undefined> {
  const q = db.select().from(vacancies).where(eq(vacancies.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertVacancy(db: DbOrTx, values: VacancyInsert): Promise<VacancyRow> {
  const [row] = await db.insert(vacancies).values(values).returning();
  return row!;
}

/** Every update bumps `version` (search sync and matching skip stale work by comparing it). */
export async function updateVacancy(db: DbOrTx, id: string, values: Partial<VacancyInsert>): Promise<VacancyRow> {
  const [row] = await db
    .update(vacancies)
    .set({ ...values, version: sql`${vacancies.version} + 1`, updatedAt: new Date() })
    .where(eq(vacancies.id, id))
    .returning();
  return row!;
}

export const VACANCY_SORTS = ['createdAt', 'publishedAt', 'wageMonthlyMax', 'title'] as const;
export type VacancySort = (typeof VACANCY_SORTS)[number];

export interface VacancyQuery {
  status?: VacancyRow['status'];
  employerId?: string;
  fairId?: string;
  districtCode?: string;
  /** This office and the offices below it. */
  officeId?: string;
  publicWelfare?: boolean;
  sort: VacancySort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function listVacancies(db: DbOrTx, q: VacancyQuery): Promise<{ rows: VacancyRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(vacancies.status, q.status));
  if (q.employerId) where.push(eq(vacancies.employerId, q.employerId));
  if (q.fairId) where.push(eq(vacancies.fairId, q.fairId));
  if (q.districtCode) where.push(eq(vacancies.districtCode, q.districtCode));
  if (q.officeId) where.push(officeTreeCondition(vacancies.officeId, q.officeId));
  if (q.publicWelfare !== undefined) where.push(eq(vacancies.publicWelfare, q.publicWelfare));
  const cond = where.length ? and(...where) : undefined;
  const col = { createdAt: vacancies.createdAt, publishedAt: vacancies.publishedAt, wageMonthlyMax: vacancies.wageMonthlyMax, title: vacancies.title }[q.sort];
  // Nulls (unpublished, piece rates) last in both directions, then a stable tie-break.
  const dir = q.order === 'asc' ? sql`${col} asc nulls last` : sql`${col} desc nulls last`;
  const rows = await db.select().from(vacancies).where(cond).orderBy(dir, asc(vacancies.id)).limit(q.limit).offset(q.offset);
  const [c] = await db.select({ n: count() }).from(vacancies).where(cond);
  return { rows, total: c?.n ?? 0 };
}

export async function reviewQueue(db: DbOrTx, q: { limit: number; offset: number; order?: 'asc' | 'desc'; withinOfficeOf?: string }) {
  const cond = and(eq(vacancies.status, 'pending_review'), q.withinOfficeOf ? officeTreeCondition(vacancies.officeId, q.withinOfficeOf) : undefined);
  const order = q.order === 'desc' ? [desc(vacancies.updatedAt), desc(vacancies.id)] : [asc(vacancies.updatedAt), asc(vacancies.id)];
  const rows = await db.select().from(vacancies).where(cond).orderBy(...order).limit(q.limit).offset(q.offset);
  const [c] = await db.select({ n: count() }).from(vacancies).where(cond);
  return { rows, total: c?.n ?? 0 };
}

/** A published, unexpired vacancy with the employer's public fields and the fair's name. */
export async function findPublicVacancy(db: DbOrTx, id: string, now: Date) {
  const [row] = await db
    .select({
      v: vacancies,
      employerName: employers.name,
      employerIndustry: employers.industry,
      employerSizeBand: employers.sizeBand,
      fairName: fairs.name,
    })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .leftJoin(fairs, eq(fairs.id, vacancies.fairId))
    .where(and(eq(vacancies.id, id), openVacancyCondition(vacancies, now)));
  return row;
}
export type PublicVacancyRow = NonNullable<Awaited<ReturnType<typeof findPublicVacancy>>>;

/** Does the employer have a booth at a fair run by the office `officeId` or an office below it? */
/** A booth is what ties an employer to a fair: only with one may it attach vacancies there. */
export async function employerHasBoothAtFair(db: DbOrTx, employerId: string, fairId: string): Promise<boolean> {
  const rows = await db.select({ id: fairBooths.id }).from(fairBooths).where(and(eq(fairBooths.employerId, employerId), eq(fairBooths.fairId, fairId))).limit(1);
  return rows.length > 0;
}

/** Published vacancies whose expiry has passed become expired; returns their ids. */
export async function expireDue(db: DbOrTx, now: Date): Promise<string[]> {
  const rows = await db
    .update(vacancies)
    .set({ status: 'expired', version: sql`${vacancies.version} + 1`, updatedAt: now })
    .where(and(eq(vacancies.status, 'published'), lte(vacancies.expiresAt, now)))
    .returning({ id: vacancies.id });
  return rows.map((r) => r.id);
}

export async function fairScreeningCounts(db: DbOrTx, fairId: string) {
  const byOutcome = await db
    .select({ outcome: vacancies.screeningOutcome, n: count() })
    .from(vacancies)
    .where(eq(vacancies.fairId, fairId))
    .groupBy(vacancies.screeningOutcome);
  const byStatus = await db
    .select({ status: vacancies.status, n: count() })
    .from(vacancies)
    .where(eq(vacancies.fairId, fairId))
    .groupBy(vacancies.status);
  const byCategory = await db.execute<{ category: string; status: string; n: number }>(sql`
    select f->>'category' as category, f->>'status' as status, count(*)::int as n
    from ${vacancies} v, jsonb_array_elements(v.screening_findings) f
    where v.fair_id = ${fairId}
    group by 1, 2`);
  return { byOutcome, byStatus, byCategory: [...byCategory] };
}


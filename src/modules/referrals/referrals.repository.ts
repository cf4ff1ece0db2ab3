import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { offsetOf } from '../../lib/http.js';
import { officeTreeCondition } from '../../lib/scope.js';
import { offices } from '../offices/offices.table.js';
import { seekers } from '../seekers/seekers.table.js';
import { vacancies } from '../vacancies/vacancies.table.js';
import { employers } from '../employers/employers.table.js';
import { placements, referrals } from './referrals.table.js';
import type { EmployerReferralsFilter, ListReferralsFilter, Outcome } from './referrals.schemas.js';

export type ReferralRow = typeof referrals.$inferSelect;
export type PlacementRow = typeof placements.$inferSelect;

export async function findReferral(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(referrals).where(eq(referrals.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findReferralByPair(db: DbOrTx, seekerId: string, vacancyId: string) {
  const [row] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.seekerId, seekerId), eq(referrals.vacancyId, vacancyId)));
  return row?.id;
}

export async function insertReferral(db: DbOrTx, values: typeof referrals.$inferInsert): Promise<ReferralRow> {
  const [row] = await db.insert(referrals).values(values).returning();
  return row!;
}

export async function setOutcome(db: DbOrTx, id: string, outcome: Outcome, outcomeAt: Date, note: string | undefined) {
  const [row] = await db
    .update(referrals)
    .set({ outcome, outcomeAt, ...(note !== undefined ? { note } : {}) })
    .where(eq(referrals.id, id))
    .returning();
  return row!;
}

export async function insertPlacement(db: DbOrTx, values: typeof placements.$inferInsert): Promise<PlacementRow> {
  const [row] = await db.insert(placements).values(values).returning();
  return row!;
}

export async function findPlacementByReferral(db: DbOrTx, referralId: string) {
  const [row] = await db.select().from(placements).where(eq(placements.referralId, referralId));
  return row;
}

export async function findVacancy(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: vacancies.id,
      employerId: vacancies.employerId,
      status: vacancies.status,
      expiresAt: vacancies.expiresAt,
      publicWelfare: vacancies.publicWelfare,
      title: vacancies.title,
    })
    .from(vacancies)
    .where(eq(vacancies.id, id));
  return row;
}

export async function employerExists(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: employers.id }).from(employers).where(eq(employers.id, id));
  return !!row;
}

export async function listReferrals(db: DbOrTx, f: ListReferralsFilter) {
  const where: SQL[] = [];
  if (f.seekerId) where.push(eq(referrals.seekerId, f.seekerId));
  if (f.vacancyId) where.push(eq(referrals.vacancyId, f.vacancyId));
  // An office includes the offices below it (a city office sees the city's referrals).
  if (f.officeId) where.push(officeTreeCondition(referrals.officeId, f.officeId));
  if (f.outcome) where.push(eq(referrals.outcome, f.outcome));
  const cond = where.length ? and(...where) : undefined;
  const dir = f.order === 'asc' ? asc : desc;
  // The vacancy, its employer and the person's name come with each row, so a list page is one
  // request (the name is masked by the service; the record has it in full).
  const rows = await db
    .select({ r: referrals, vacancyTitle: vacancies.title, employerName: employers.name, seekerName: seekers.name })
    .from(referrals)
    .leftJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .leftJoin(employers, eq(employers.id, vacancies.employerId))
    .leftJoin(seekers, eq(seekers.id, referrals.seekerId))
    .where(cond)
    .orderBy(dir(referrals.createdAt), dir(referrals.id))
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const [t] = await db.select({ n: count() }).from(referrals).where(cond);
  return { rows, total: t?.n ?? 0 };
}

/** Referrals to one employer's vacancies, with just the seeker columns a referral may release. */
export async function listEmployerReferrals(db: DbOrTx, employerId: string, f: EmployerReferralsFilter) {
  const where: SQL[] = [eq(vacancies.employerId, employerId)];
  if (f.vacancyId) where.push(eq(referrals.vacancyId, f.vacancyId));
  if (f.outcome) where.push(eq(referrals.outcome, f.outcome));
  const cond = and(...where);
  const dir = f.order === 'asc' ? asc : desc;
  const rows = await db
    .select({
      id: referrals.id,
      seekerId: referrals.seekerId,
      vacancyId: referrals.vacancyId,
      vacancyTitle: vacancies.title,
      outcome: referrals.outcome,
      outcomeAt: referrals.outcomeAt,
      createdAt: referrals.createdAt,
      seekerName: seekers.name,
      seekerPhone: seekers.phone,
      consent: seekers.consentContactViaReferral,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(seekers, eq(seekers.id, referrals.seekerId))
    .where(cond)
    .orderBy(dir(referrals.createdAt), dir(referrals.id))
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const [t] = await db
    .select({ n: count() })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .where(cond);
  return { rows, total: t?.n ?? 0 };
}

export async function outcomeCountsForSeeker(db: DbOrTx, seekerId: string) {
  return db
    .select({ outcome: referrals.outcome, n: count() })
    .from(referrals)
    .where(eq(referrals.seekerId, seekerId))
    .groupBy(referrals.outcome);
}

export async function findOfficePath(db: DbOrTx, id: string) {
  const [row] = await db.select({ path: offices.path }).from(offices).where(eq(offices.id, id));
  return row?.path;
}

/** Per office: referrals created in [from, to], how many of those were hired, placements starting in [from, to]. */
export async function officeStats(db: DbOrTx, from: string, to: string, underPath?: string) {
  const scope = underPath ? sql`where o.path = ${underPath} or o.path like ${`${underPath}/%`}` : sql``;
  const rows = await db.execute<{ id: string; code: string; name_zh: string; referrals: number; hired: number; placements: number }>(sql`
    select o.id, o.code, o.name_zh,
      (select count(*)::int from referrals r where r.office_id = o.id
         and r.created_at >= ${from}::date and r.created_at < (${to}::date + 1)) as referrals,
      (select count(*)::int from referrals r where r.office_id = o.id and r.outcome = 'hired'
         and r.created_at >= ${from}::date and r.created_at < (${to}::date + 1)) as hired,
      (select count(*)::int from placements p where p.office_id = o.id
         and p.contract_start between ${from}::date and ${to}::date) as placements
    from offices o
    ${scope}
    order by o.path`);
  return [...rows];
}

/** One person's referrals with the vacancy title and employer name, newest first (the record page). */
export async function referralsForSeeker(db: DbOrTx, seekerId: string) {
  return db
    .select({
      id: referrals.id,
      vacancyId: referrals.vacancyId,
      vacancyTitle: vacancies.title,
      employerName: employers.name,
      outcome: referrals.outcome,
      outcomeAt: referrals.outcomeAt,
      officeId: referrals.officeId,
      createdAt: referrals.createdAt,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(eq(referrals.seekerId, seekerId))
    .orderBy(desc(referrals.createdAt), desc(referrals.id));
}

export async function placementsForSeeker(db: DbOrTx, seekerId: string) {
  return db
    .select({
      id: placements.id,
      referralId: placements.referralId,
      vacancyId: placements.vacancyId,
      vacancyTitle: vacancies.title,
      employerId: placements.employerId,
      employerName: employers.name,
      officeId: placements.officeId,
      contractStart: placements.contractStart,
      contractMonths: placements.contractMonths,
      monthlyWage: placements.monthlyWage,
      createdAt: placements.createdAt,
    })
    .from(placements)
    .innerJoin(employers, eq(employers.id, placements.employerId))
    .leftJoin(vacancies, eq(vacancies.id, placements.vacancyId))
    .where(eq(placements.seekerId, seekerId))
    .orderBy(desc(placements.contractStart), desc(placements.id));
}

/** Placements for lists and exports: office filter includes the offices below it; contract start in [from, to]. */
export async function listPlacements(db: DbOrTx, f: { officeId?: string; employerId?: string; from?: string; to?: string; limit: number; offset: number }) {
  const where: SQL[] = [];
  if (f.officeId) where.push(officeTreeCondition(placements.officeId, f.officeId));
  if (f.employerId) where.push(eq(placements.employerId, f.employerId));
  if (f.from) where.push(sql`${placements.contractStart} >= ${f.from}`);
  if (f.to) where.push(sql`${placements.contractStart} <= ${f.to}`);
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select({
      id: placements.id,
      seekerId: placements.seekerId,
      seekerName: seekers.name,
      employerName: employers.name,
      vacancyTitle: vacancies.title,
      officeName: offices.nameZh,
      contractStart: placements.contractStart,
      contractMonths: placements.contractMonths,
      monthlyWage: placements.monthlyWage,
      referralId: placements.referralId,
      createdAt: placements.createdAt,
    })
    .from(placements)
    .innerJoin(seekers, eq(seekers.id, placements.seekerId))
    .innerJoin(employers, eq(employers.id, placements.employerId))
    .innerJoin(offices, eq(offices.id, placements.officeId))
    .leftJoin(vacancies, eq(vacancies.id, placements.vacancyId))
    .where(cond)
    .orderBy(desc(placements.contractStart), desc(placements.id))
    .limit(f.limit)
    .offset(f.offset);
  const [t] = await db.select({ n: count() }).from(placements).where(cond);
  return { rows, total: t?.n ?? 0 };
}

/** Referrals with what a list shows of them (title, employer, masked person, office). */
export async function referralRowsForList(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: referrals.id,
      seekerId: referrals.seekerId,
      seekerName: seekers.name,
      vacancyTitle: vacancies.title,
      employerName: employers.name,
      officeName: offices.nameZh,
    })
    .from(referrals)
    .innerJoin(seekers, eq(seekers.id, referrals.seekerId))
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .innerJoin(offices, eq(offices.id, referrals.officeId))
    .where(inArray(referrals.id, ids));
}

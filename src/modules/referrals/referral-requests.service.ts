import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.js';
import { offsetOf } from '../../lib/http.js';
import { maskName, seekerAlias } from '../../lib/masking.js';
import { assertAllowed } from '../../lib/policy.js';
import { officeTreeCondition } from '../../lib/scope.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { employers } from '../employers/employers.table.js';
import { seekers } from '../seekers/seekers.table.js';
import { vacancies } from '../vacancies/vacancies.table.js';
import { createReferral } from './referrals.service.js';
import { referralRequests } from './referrals.table.js';

export type ReferralRequestRow = typeof referralRequests.$inferSelect;
type Status = ReferralRequestRow['status'];

const REQUEST = ['Referral request', '推荐申请'] as const;
const NOT_A_CANDIDATE = () =>
  new AppError(404, 'CANDIDATE_NOT_FOUND', { en: 'This person is not among the candidates of this vacancy', zh: '该人员不在此岗位的候选人中' });

/**
 * A recruiter asks for a referral of one of its vacancy's candidates. The answer is built so it
 * says nothing about the person beyond what the candidate list already said: a person not in
 * the list (unknown, not consenting, inactive) is the same 404 as an unknown id; a person in it
 * gets 201 {id, status: 'requested'} whatever their contact consent or priority status (staff
 * find those out when they decide). A second request for the same pair answers the first.
 */
export async function requestReferral(db: DbOrTx, actor: AuditActor, vacancyId: string, input: { seekerId: string; note?: string }) {
  const p = actor.principal;
  return db.transaction(async (tx) => {
    const [v] = await tx
      .select({ id: vacancies.id, employerId: vacancies.employerId, officeId: vacancies.officeId, publicWelfare: vacancies.publicWelfare, status: vacancies.status })
      .from(vacancies)
      .where(eq(vacancies.id, vacancyId));
    if (!v || v.employerId !== p.employerId) throw notFound('Vacancy', '岗位');
    await assertAllowed(tx, p, 'referral.request', { employerId: v.employerId });
    // Same refusal as the candidate list: who may fill a 公益性岗位 is for staff to propose.
    if (v.publicWelfare) {
      throw new AppError(403, 'STAFF_REFERRAL_ONLY', {
        en: 'Candidates for a public welfare post are proposed by PES staff through referrals',
        zh: '公益性岗位的人选由公共就业服务工作人员通过推荐提供',
      });
    }
    // Exactly the employer's candidate list (matching.read vacancyCandidates for an employer).
    const [m] = await tx.execute<{ one: number }>(sql`
      select 1 as one from matches m join seekers s on s.id = m.seeker_id
      where m.direction = 'vacancy' and m.vacancy_id = ${vacancyId} and m.seeker_id = ${input.seekerId}
        and s.status = 'active' and s.consent_searchable and s.anonymised_at is null`);
    if (!m) throw NOT_A_CANDIDATE();
    const [existing] = await tx.select().from(referralRequests).where(and(eq(referralRequests.vacancyId, vacancyId), eq(referralRequests.seekerId, input.seekerId)));
    if (existing) return { row: existing, created: false };
    const [row] = await tx
      .insert(referralRequests)
      .values({
        vacancyId,
        seekerId: input.seekerId,
        employerId: v.employerId,
        officeId: v.officeId,
        requestedByName: p.name,
        requestedByPersonId: p.personId,
        note: input.note?.trim() || null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const [winner] = await tx.select().from(referralRequests).where(and(eq(referralRequests.vacancyId, vacancyId), eq(referralRequests.seekerId, input.seekerId)));
      return { row: winner!, created: false };
    }
    await recordAudit(tx, actor, { action: 'referral_request.create', subject: { type: 'vacancy', id: vacancyId }, details: { requestId: row.id } });
    return { row, created: true };
  });
}

export interface RequestListFilter {
  status?: Status;
  vacancyId?: string;
  page: number;
  pageSize: number;
}

/** Staff see the requests of vacancies in their office tree (admins: all), newest first. */
export async function listReferralRequests(db: DbOrTx, actor: AuditActor, f: RequestListFilter) {
  const p = actor.principal;
  const where: SQL[] = [];
  if (p.role !== 'admin') {
    if (!p.officeId) return { items: [], page: f.page, pageSize: f.pageSize, total: 0 };
    where.push(officeTreeCondition(referralRequests.officeId, p.officeId));
  }
  if (f.status) where.push(eq(referralRequests.status, f.status));
  if (f.vacancyId) where.push(eq(referralRequests.vacancyId, f.vacancyId));
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select({ r: referralRequests, vacancyTitle: vacancies.title, employerName: employers.name, seekerName: seekers.name })
    .from(referralRequests)
    .innerJoin(vacancies, eq(vacancies.id, referralRequests.vacancyId))
    .innerJoin(employers, eq(employers.id, referralRequests.employerId))
    .innerJoin(seekers, eq(seekers.id, referralRequests.seekerId))
    .where(cond)
    .orderBy(desc(referralRequests.createdAt), desc(referralRequests.id))
    .limit(f.pageSize)
    .offset(offsetOf(f));
  const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(referralRequests).where(cond);
  return {
    items: rows.map(({ r, vacancyTitle, employerName, seekerName }) => ({
      ...toDto(r),
      vacancyTitle,
      employerName,
      // Masked like every staff list; the full record is one audited click away (GET /seekers/:id/record).
      seekerMaskedName: maskName(seekerName),
      seekerAlias: seekerAlias(r.seekerId),
    })),
    page: f.page,
    pageSize: f.pageSize,
    total: t?.n ?? 0,
  };
}

/**
 * Staff decide. "refer" creates the referral through the referral service in the same
 * transaction (its checks apply: open vacancy, active person, contact consent, welfare posts),
 * so either both the referral and the decision are stored or neither.
 */
export async function decideReferralRequest(db: DbOrTx, actor: AuditActor, id: string, input: { decision: 'refer' | 'decline'; reason?: string }) {
  const p = actor.principal;
  const reason = input.reason?.trim() || null;
  if (input.decision === 'decline' && !reason) throw invalid('body.reason', 'is required when declining (the recruiter sees it)', '拒绝时必须填写理由（招聘方可见）');
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(referralRequests).where(eq(referralRequests.id, id)).for('update');
    if (!row) throw notFound(...REQUEST);
    await assertAllowed(tx, p, 'referral.write', { officeId: row.officeId });
    if (row.status !== 'requested') {
      throw conflict('REQUEST_ALREADY_DECIDED', { en: `This request was already decided (${row.status})`, zh: `该申请已处理（${row.status === 'referred' ? '已推荐' : '已拒绝'}）` });
    }
    let referralId: string | null = null;
    if (input.decision === 'refer') {
      const referral = await createReferral(tx, p, { seekerId: row.seekerId, vacancyId: row.vacancyId, note: reason ?? row.note ?? undefined });
      referralId = referral.id;
    }
    const [updated] = await tx
      .update(referralRequests)
      .set({ status: input.decision === 'refer' ? 'referred' : 'declined', decidedAt: new Date(), decidedByName: p.name, decisionReason: reason, referralId, updatedAt: new Date() })
      .where(eq(referralRequests.id, id))
      .returning();
    await recordAudit(tx, actor, { action: `referral_request.${input.decision}`, subject: { type: 'referral_request', id }, reason: reason ?? '', details: referralId ? { referralId } : undefined });
    return toDto(updated!);
  });
}

export function toDto(r: ReferralRequestRow) {
  return {
    id: r.id,
    vacancyId: r.vacancyId,
    seekerId: r.seekerId,
    employerId: r.employerId,
    officeId: r.officeId,
    status: r.status,
    note: r.note,
    requestedByName: r.requestedByName,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decidedByName: r.decidedByName,
    decisionReason: r.decisionReason,
    referralId: r.referralId,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The recruiter's own requests for one of its vacancies (status and the decision reason; people by alias). */
export async function listRequestsForEmployer(db: DbOrTx, actor: AuditActor, vacancyId: string) {
  const p = actor.principal;
  const [v] = await db.select({ employerId: vacancies.employerId }).from(vacancies).where(eq(vacancies.id, vacancyId));
  if (!v || v.employerId !== p.employerId) throw notFound('Vacancy', '岗位');
  const rows = await db.select().from(referralRequests).where(eq(referralRequests.vacancyId, vacancyId)).orderBy(desc(referralRequests.createdAt), desc(referralRequests.id));
  return {
    items: rows.map((r) => ({
      id: r.id,
      seekerAlias: seekerAlias(r.seekerId),
      status: r.status,
      note: r.note,
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

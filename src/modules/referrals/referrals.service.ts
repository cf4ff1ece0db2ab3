import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, invalid, notFound, type FieldError } from '../../lib/errors.js';
import { maskName, seekerAlias } from '../../lib/masking.js';
import { assertCanWriteForOffice, defaultOfficeId } from '../../lib/scope.js';
import { recordPersonalDataRead, type AuditActor } from '../audit/index.js';
import type { Principal } from '../auth/index.js';
import { findSeeker, getSeekerOrThrow, markSeekerPlaced } from '../seekers/index.js';
import * as repo from './referrals.repository.js';
import type { PlacementRow, ReferralRow } from './referrals.repository.js';
import {
  CONTACT_RELEASED_WHILE,
  EMPLOYER_OUTCOMES,
  OUTCOMES,
  TRANSITIONS,
  type CreatePlacementInput,
  type CreateReferralInput,
  type EmployerReferralDto,
  type EmployerReferralsFilter,
  type ListReferralsFilter,
  type Outcome,
  type OutcomeInput,
  type PlacementDto,
  type ReferralCountsDto,
  type ReferralDto,
  type StatsDto,
  type StatsFilter,
} from './referrals.schemas.js';

const REFERRAL = ['Referral', '推荐记录'] as const;

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true;
  }
  return false;
}

const duplicateReferral = (id: string) =>
  conflict('DUPLICATE_REFERRAL', { en: `This job seeker was already referred to this vacancy (${id})`, zh: `该求职者已被推荐至此岗位（${id}）` }, { referralId: id });

/**
 * 职业介绍. A referral releases the seeker's name and phone to the vacancy's employer, so it
 * needs: a published, unexpired vacancy; an active seeker; the seeker's consent to that
 * release (consentContactViaReferral); and, for a 公益性岗位, a seeker in a priority group.
 * Any office may refer any seeker in the city (one login, city-wide query); the referral
 * counts for the referring office, which the key must be allowed to write for.
 */
export async function createReferral(db: DbOrTx, principal: Principal, input: CreateReferralInput): Promise<ReferralRow> {
  const officeId = defaultOfficeId(principal, input.officeId);
  if (!officeId) throw invalid('body.officeId', 'is required for a key not bound to an office', '未绑定服务机构的密钥必须指定 officeId');
  return db.transaction(async (tx) => {
    if (!(await repo.findOfficePath(tx, officeId))) throw invalid('body.officeId', 'unknown office', '服务机构不存在');
    await assertCanWriteForOffice(tx, principal, officeId);
    const seeker = await findSeeker(tx, input.seekerId);
    if (!seeker) throw invalid('body.seekerId', 'unknown job seeker', '求职者不存在');
    const vacancy = await repo.findVacancy(tx, input.vacancyId);
    if (!vacancy) throw invalid('body.vacancyId', 'unknown vacancy', '岗位不存在');
    if (vacancy.status !== 'published' || (vacancy.expiresAt && vacancy.expiresAt <= new Date())) {
      throw conflict('VACANCY_NOT_OPEN', { en: `The vacancy is not open for referrals (status ${vacancy.status})`, zh: `该岗位未在招聘中（状态：${vacancy.status}）` });
    }
    if (seeker.status !== 'active') {
      throw conflict('SEEKER_NOT_ACTIVE', { en: `Only active job seekers can be referred (status ${seeker.status})`, zh: `只能推荐处于求职状态的人员（当前：${seeker.status}）` });
    }
    if (!seeker.consentContactViaReferral) {
      throw conflict('NO_REFERRAL_CONSENT', {
        en: 'The job seeker has not agreed to release contact details to employers through referrals',
        zh: '求职者未同意通过职业介绍向用人单位提供联系方式',
      });
    }
    if (vacancy.publicWelfare && seeker.priorityGroups.length === 0) {
      throw conflict('PUBLIC_WELFARE_PRIORITY_ONLY', {
        en: 'Public welfare posts (公益性岗位) are for people in a priority group',
        zh: '公益性岗位仅面向就业困难人员等重点群体',
      });
    }
    const existing = await repo.findReferralByPair(tx, seeker.id, vacancy.id);
    if (existing) throw duplicateReferral(existing);
    try {
      return await tx.transaction((sp) =>
        repo.insertReferral(sp, { seekerId: seeker.id, vacancyId: vacancy.id, officeId, referredByKeyId: principal.keyId, note: input.note ?? null }),
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await repo.findReferralByPair(tx, seeker.id, vacancy.id);
      throw winner ? duplicateReferral(winner) : err;
    }
  });
}

function hireTermsProblems(input: OutcomeInput): FieldError[] {
  const terms = ['contractStart', 'contractMonths', 'monthlyWage'] as const;
  if (input.outcome === 'hired') {
    return terms.filter((t) => input[t] === undefined).map((t) => ({ field: `body.${t}`, message: 'is required when outcome is hired' }));
  }
  return terms.filter((t) => input[t] !== undefined).map((t) => ({ field: `body.${t}`, message: 'is allowed only when outcome is hired' }));
}

/**
 * Records what happened. A hire creates the placement (就业登记) and marks the seeker placed
 * in the same transaction, so either all three happen or none.
 */
export async function recordOutcome(
  db: DbOrTx,
  principal: Principal,
  referralId: string,
  input: OutcomeInput,
): Promise<{ referral: ReferralRow; placement: PlacementRow | null }> {
  const problems = hireTermsProblems(input);
  if (problems.length) {
    throw new AppError(400, 'VALIDATION_FAILED', { en: `Invalid request: ${problems[0]!.field} ${problems[0]!.message}`, zh: `请求无效：${problems[0]!.field} ${input.outcome === 'hired' ? '录用时必填' : '仅在录用时填写'}` }, problems);
  }
  const outcomeAt = input.outcomeAt ? new Date(input.outcomeAt) : new Date();
  if (outcomeAt.getTime() > Date.now() + 5 * 60_000) throw invalid('body.outcomeAt', 'is in the future', '不能晚于当前时间');

  return db.transaction(async (tx) => {
    const referral = await repo.findReferral(tx, referralId, { forUpdate: true });
    if (!referral) throw notFound(...REFERRAL);
    const vacancy = await repo.findVacancy(tx, referral.vacancyId);
    if (principal.role === 'employer') {
      // Another employer's referral does not exist as far as this key is concerned.
      if (!vacancy || vacancy.employerId !== principal.employerId) throw notFound(...REFERRAL);
      if (!EMPLOYER_OUTCOMES.includes(input.outcome)) {
        throw new AppError(403, 'FORBIDDEN', { en: `Employers may record ${EMPLOYER_OUTCOMES.join(', ')}; ask the office to record ${input.outcome}`, zh: `用人单位只能登记：${EMPLOYER_OUTCOMES.join('、')}` });
      }
    } else {
      await assertCanWriteForOffice(tx, principal, referral.officeId);
    }
    if (!TRANSITIONS[referral.outcome].includes(input.outcome)) {
      throw conflict(
        'INVALID_TRANSITION',
        { en: `A referral that is ${referral.outcome} cannot become ${input.outcome}`, zh: `推荐状态不能从 ${referral.outcome} 变为 ${input.outcome}` },
        { from: referral.outcome, to: input.outcome, allowed: [...TRANSITIONS[referral.outcome]] },
      );
    }
    if (outcomeAt < referral.createdAt) throw invalid('body.outcomeAt', 'is before the referral was made', '早于推荐时间');

    const updated = await repo.setOutcome(tx, referral.id, input.outcome, outcomeAt, input.note);
    let placement: PlacementRow | null = null;
    if (input.outcome === 'hired') {
      placement = await repo.insertPlacement(tx, {
        referralId: referral.id,
        seekerId: referral.seekerId,
        vacancyId: referral.vacancyId,
        employerId: vacancy!.employerId,
        officeId: referral.officeId,
        contractStart: input.contractStart!,
        contractMonths: input.contractMonths!,
        monthlyWage: input.monthlyWage!,
      });
      await markSeekerPlaced(tx, referral.seekerId);
    }
    return { referral: updated, placement };
  });
}

/** 就业登记 without a referral (the person found the job themselves). The seeker's office records it. */
export async function createPlacement(db: DbOrTx, principal: Principal, input: CreatePlacementInput): Promise<PlacementRow> {
  return db.transaction(async (tx) => {
    const seeker = await findSeeker(tx, input.seekerId);
    if (!seeker) throw invalid('body.seekerId', 'unknown job seeker', '求职者不存在');
    const officeId = input.officeId ?? seeker.officeId;
    if (!(await repo.findOfficePath(tx, officeId))) throw invalid('body.officeId', 'unknown office', '服务机构不存在');
    await assertCanWriteForOffice(tx, principal, seeker.officeId);
    if (officeId !== seeker.officeId) await assertCanWriteForOffice(tx, principal, officeId);
    if (!(await repo.employerExists(tx, input.employerId))) throw invalid('body.employerId', 'unknown employer', '用人单位不存在');
    if (input.vacancyId) {
      const vacancy = await repo.findVacancy(tx, input.vacancyId);
      if (!vacancy) throw invalid('body.vacancyId', 'unknown vacancy', '岗位不存在');
      if (vacancy.employerId !== input.employerId) throw invalid('body.vacancyId', 'belongs to another employer', '不属于该用人单位');
    }
    const placement = await repo.insertPlacement(tx, {
      referralId: null,
      seekerId: seeker.id,
      vacancyId: input.vacancyId ?? null,
      employerId: input.employerId,
      officeId,
      contractStart: input.contractStart,
      contractMonths: input.contractMonths ?? null,
      monthlyWage: input.monthlyWage,
    });
    await markSeekerPlaced(tx, seeker.id);
    return placement;
  });
}

export async function getReferral(db: DbOrTx, id: string): Promise<ReferralRow> {
  const row = await repo.findReferral(db, id);
  if (!row) throw notFound(...REFERRAL);
  return row;
}

export async function listReferrals(db: DbOrTx, f: ListReferralsFilter) {
  const { rows, total } = await repo.listReferrals(db, f);
  const items = rows.map(({ r, vacancyTitle, employerName, seekerName }) => ({
    ...toReferralDto(r),
    vacancyTitle,
    employerName,
    seekerMaskedName: maskName(seekerName),
    seekerAlias: seekerAlias(r.seekerId),
  }));
  return { items, page: f.page, pageSize: f.pageSize, total };
}

/**
 * The employer's view. Each released contact is a read of personal data by a person, so it is
 * audited (one row per referral whose contact is shown) in the same transaction as the read.
 */
export async function listReferralsForEmployer(db: DbOrTx, actor: AuditActor, f: EmployerReferralsFilter) {
  const employerId = actor.principal.employerId;
  if (!employerId) throw new AppError(403, 'FORBIDDEN', { en: 'This key is not bound to an employer', zh: '此密钥未绑定用人单位' });
  return db.transaction(async (tx) => {
    const { rows, total } = await repo.listEmployerReferrals(tx, employerId, f);
    const items: EmployerReferralDto[] = [];
    for (const r of rows) {
      const released = r.consent && CONTACT_RELEASED_WHILE.includes(r.outcome);
      if (released) {
        await recordPersonalDataRead(tx, actor, { type: 'seeker', id: r.seekerId }, ['name', 'phone'], `referral contact released to employer (referral ${r.id})`);
      }
      items.push({
        id: r.id,
        vacancyId: r.vacancyId,
        vacancyTitle: r.vacancyTitle,
        outcome: r.outcome,
        outcomeAt: r.outcomeAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        seeker: { maskedName: maskName(r.seekerName), contact: released ? { name: r.seekerName, phone: r.seekerPhone } : null },
      });
    }
    return { items, page: f.page, pageSize: f.pageSize, total };
  });
}

/** Referrals a person had and declined: the inputs to the "one free training, three referrals" rule. */
export async function referralCounts(db: DbOrTx, seekerId: string): Promise<ReferralCountsDto> {
  await getSeekerOrThrow(db, seekerId);
  const rows = await repo.outcomeCountsForSeeker(db, seekerId);
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of rows) byOutcome[r.outcome] = r.n;
  const total = Object.values(byOutcome).reduce((a, b) => a + b, 0);
  return { seekerId, total, declined: byOutcome.declined, byOutcome };
}

export async function officeStats(db: DbOrTx, f: StatsFilter): Promise<StatsDto> {
  const to = f.to ?? new Date().toISOString().slice(0, 10);
  const from = f.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  if (from > to) throw invalid('query.from', 'is after query.to', '开始日期晚于结束日期');
  let path: string | undefined;
  if (f.officeId) {
    path = await repo.findOfficePath(db, f.officeId);
    if (!path) throw notFound('Office', '服务机构');
  }
  const rows = await repo.officeStats(db, from, to, path);
  const items = rows.map((r) => ({ officeId: r.id, officeCode: r.code, officeName: r.name_zh, referrals: r.referrals, hired: r.hired, placements: r.placements }));
  const totals = items.reduce((t, i) => ({ referrals: t.referrals + i.referrals, hired: t.hired + i.hired, placements: t.placements + i.placements }), { referrals: 0, hired: 0, placements: 0 });
  return { from, to, items, totals };
}

export function toReferralDto(r: ReferralRow): ReferralDto {
  return {
    id: r.id,
    seekerId: r.seekerId,
    vacancyId: r.vacancyId,
    officeId: r.officeId,
    referredByKeyId: r.referredByKeyId,
    outcome: r.outcome,
    outcomeAt: r.outcomeAt?.toISOString() ?? null,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toPlacementDto(p: PlacementRow): PlacementDto {
  return {
    id: p.id,
    referralId: p.referralId,
    seekerId: p.seekerId,
    vacancyId: p.vacancyId,
    employerId: p.employerId,
    officeId: p.officeId,
    contractStart: p.contractStart,
    contractMonths: p.contractMonths,
    monthlyWage: p.monthlyWage,
    createdAt: p.createdAt.toISOString(),
  };
}

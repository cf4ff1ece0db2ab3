import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { vacancies } from './vacancies.table.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { vacancyChanged } from '../../jobs/events.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Bounds } from '../../lib/bounds.js';
import { assertCanWriteForOffice } from '../../lib/scope.js';
import { assertAllowed, isAllowed, POLICY } from '../../lib/policy.js';
import type { Principal } from '../auth/index.js';
import { findEmployer } from '../employers/index.js';
import { findFair } from '../fairs/index.js';
import { codeVacancy } from '../occupations/index.js';
import { assertDistrictExists, resolveDistrictCode } from '../offices/index.js';
import { CATEGORIES, type Finding } from '../screening/index.js';
import { normaliseVacancy, vacancyColumns, type VacancyFieldsInput } from './vacancy-input.js';
import {
  canTransitionVacancy,
  defaultExpiry,
  EDITABLE_STATUSES,
  gateDecision,
  screen,
  VACANCY_TRANSITIONS,
  type Screening,
  type VacancyStatus,
} from './vacancy-status.js';
import * as repo from './vacancies.repository.js';
import type { VacancyInsert, VacancyRow } from './vacancies.repository.js';

/**
 * Auto-coding: when a vacancy names no occupation, its title goes through the occupations module's one
 * coding step (codeVacancy): the 2022 classification code is stored as the occupation and the ISCO-08 unit
 * group derived from it (vacancy-input.ts). When the coder abstains the vacancy stays uncoded for a person
 * to choose (POST /occupations/code-title shows candidates).
 */
const unprocessable = (field: string, en: string, zh: string) =>
  new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);

/** Settings a write needs from config (passed by the routes, never read globally). */
export interface WriteOptions {
  bounds?: Bounds;
  /** The local minimum wage pay is screened against (PES_MINIMUM_MONTHLY_WAGE); the screening default when absent. */
  minimumMonthlyWage?: number;
}

export interface VacancyCreate extends VacancyFieldsInput {
  employerId?: string;
  fairId?: string | null;
}
export type VacancyPatch = Partial<VacancyFieldsInput> & { fairId?: string | null };

// ── access ────────────────────────────────────────────────────────────────────────────────

const vacancyNotFound = () => notFound('Vacancy', '岗位');

/** Staff, organisers and admins read every vacancy city-wide; an employer key reads only its own (others 404). */
export async function getVacancyFor(db: DbOrTx, principal: Principal, id: string, opts: { forUpdate?: boolean } = {}): Promise<VacancyRow> {
  const row = await repo.findVacancy(db, id, opts);
  if (!row || (principal.role === 'employer' && row.employerId !== principal.employerId)) throw vacancyNotFound();
  return row;
}

/** Who may write a vacancy: the policy's vacancy.write (docs/security.md); booths do not widen it. */
async function assertCanWriteVacancy(db: DbOrTx, principal: Principal, target: { employerId: string; officeId: string }): Promise<void> {
  return assertAllowed(db, principal, 'vacancy.write', target);
}

/** Import and other paths ask the same question without throwing. */
export async function canWriteVacancy(db: DbOrTx, principal: Principal, target: { employerId: string; officeId: string }): Promise<boolean> {
  return isAllowed(db, principal, 'vacancy.write', target);
}

/**
 * 公益性岗位 are government-funded posts that PES people create and fill first from the
 * priority groups. An employer flagging its own vacancy would turn the candidate list into a
 * membership test for disability, 低保 and the other groups (policy: vacancy.set-public-welfare).
 */
function assertMaySetPublicWelfare(principal: Principal, requested: boolean | undefined, current: boolean): void {
  if (requested === undefined || requested === current) return;
  if ((POLICY['vacancy.set-public-welfare'].roles as readonly string[]).includes(principal.role)) return;
  throw new AppError(
    403,
    'FORBIDDEN',
    { en: 'body.publicWelfare: only PES staff and organisers mark a vacancy as a public welfare post', zh: 'body.publicWelfare：仅公共就业服务工作人员可设置公益性岗位' },
    [{ field: 'body.publicWelfare', message: 'only PES staff and organisers may set this' }],
  );
}

/** Attaching a vacancy to a fair moves it into the fair's office (policy: vacancy.attach-to-fair). */
async function assertMayAttachToFair(tx: DbOrTx, principal: Principal, fair: { id: string; officeId: string }, employerId: string): Promise<void> {
  await assertAllowed(tx, principal, 'vacancy.attach-to-fair', {
    employerId,
    officeId: fair.officeId,
    hasBooth: () => repo.employerHasBoothAtFair(tx, employerId, fair.id),
  });
}

// ── helpers ───────────────────────────────────────────────────────────────────────────────

/** The editable fields of a stored row, in the shape the validators and the screening take. */
export function fieldsOf(row: VacancyRow): VacancyFieldsInput {
  return {
    title: row.title,
    description: row.description,
    requirements: row.requirements,
    howToApply: row.howToApply,
    occupationSystem: row.occupationSystem,
    occupationCode: row.occupationCode,
    skills: row.skills,
    headcount: row.headcount,
    wageMin: row.wageMin,
    wageMax: row.wageMax,
    wageUnit: row.wageUnit,
    educationMin: row.educationMin,
    experienceMinYears: row.experienceMinYears,
    contractType: row.contractType,
    districtCode: row.districtCode,
    lat: row.lat,
    lon: row.lon,
    publicWelfare: row.publicWelfare,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    justifications: row.justifications as VacancyFieldsInput['justifications'],
  };
}

/**
 * Coder answers by title, bounded. The coder is pure; a fair's file repeats a few hundred titles over
 * thousands of rows, so an import codes each title once.
 */
const codeByTitle = new Map<string, string | null>();
const CODE_MEMO_MAX = 20_000;

/** The 2022 code the occupations module's one coding step (codeVacancy) gives a title, or null when it abstains. */
function codedCn2022(title: string): string | null {
  const hit = codeByTitle.get(title);
  if (hit !== undefined) return hit;
  const coding = codeVacancy({ title });
  const code = coding.status === 'coded' && coding.cn2022 ? coding.cn2022.code : null;
  if (codeByTitle.size >= CODE_MEMO_MAX) codeByTitle.clear();
  codeByTitle.set(title, code);
  return code;
}

/** The one coding step for a vacancy without an occupation code (form, API and import alike). */
export function autoCode(fields: VacancyFieldsInput): VacancyFieldsInput {
  if (fields.occupationCode) return fields;
  // Stored as the 2022 code; the ISCO-08 unit group is derived from it (vacancy-input.ts iscoUnitOf).
  const code = codedCn2022(fields.title);
  return code ? { ...fields, occupationSystem: 'cn2022', occupationCode: code } : fields;
}

/** Cross-field checks + derived columns; problems become one 422 naming every field. */
function normalised(fields: VacancyFieldsInput, now: Date, expiresAtGiven: boolean, bounds?: Bounds) {
  const { problems, derived } = normaliseVacancy(fields, { now, bounds });
  if (expiresAtGiven && fields.expiresAt && new Date(fields.expiresAt).getTime() <= now.getTime()) {
    problems.push({ field: 'expiresAt', message: 'must be in the future' });
  }
  if (problems.length) {
    const details = problems.map((p) => ({ field: `body.${p.field}`, message: p.message }));
    throw new AppError(
      422,
      'INVALID_FIELD',
      { en: `${details[0]!.field}: ${details[0]!.message}`, zh: `${details[0]!.field}：${details[0]!.message}` },
      details,
    );
  }
  return derived;
}

function columnsOf(fields: VacancyFieldsInput, derived: ReturnType<typeof normaliseVacancy>['derived'], s: Screening): Partial<VacancyInsert> {
  return { ...vacancyColumns(fields, derived), screeningOutcome: s.summary.outcome, screeningFindings: s.findings };
}

export function screeningBlocked(s: Screening): AppError {
  const blocking = s.findings.filter((f) => f.status === 'open' && f.severity === 'block');
  const first = blocking[0];
  return new AppError(
    422,
    'SCREENING_BLOCKED',
    {
      en: `The vacancy cannot be published: ${blocking.length} blocking finding(s)${first ? `, e.g. "${first.span.text}" in ${first.field}: ${first.message.en}` : ''}`,
      zh: `岗位不能发布：有 ${blocking.length} 处禁止性内容${first ? `，如 ${first.field} 中的“${first.span.text}”：${first.message.zh}` : ''}`,
    },
    s.findings as unknown as Record<string, unknown>,
  );
}

async function checkFair(db: DbOrTx, fairId: string | null | undefined): Promise<{ id: string; officeId: string } | null> {
  if (!fairId) return null;
  const fair = await findFair(db, fairId);
  if (!fair) throw unprocessable('body.fairId', 'unknown fair', '招聘会不存在');
  if (fair.status === 'closed' || fair.status === 'cancelled') {
    throw unprocessable('body.fairId', `the fair is ${fair.status}`, '招聘会已结束或已取消');
  }
  return fair;
}

// Justified findings count too (issue 18): a justification a reviewer has not seen must not ride on an earlier approval.
const openKeys = (findings: readonly Finding[]) =>
  findings
    .filter((f) => (f.status === 'open' && f.severity !== 'hint') || f.status === 'justified')
    .map((f) => `${f.ruleId}|${f.field}|${f.span.text}|${f.status}|${f.basis?.code ?? ''}`)
    .sort();

/** True when `next` has no open finding that `previous` did not already have. */
function sameOpenFindings(previous: readonly Finding[], next: readonly Finding[]): boolean {
  const before = new Set(openKeys(previous));
  return openKeys(next).every((k) => before.has(k));
}

function invalidTransition(from: VacancyStatus, to: VacancyStatus): AppError {
  return conflict(
    'INVALID_TRANSITION',
    { en: `A vacancy cannot go from ${from} to ${to}`, zh: `岗位状态不能从 ${from} 变为 ${to}` },
    { from, to, allowed: [...VACANCY_TRANSITIONS[from]] },
  );
}

/** Status, timestamps and screening columns for entering `status` at `now`. */
function statusColumns(row: Pick<VacancyRow, 'publishedAt' | 'expiresAt'>, status: VacancyStatus, now: Date, republish = false): Partial<VacancyInsert> {
  switch (status) {
    case 'published':
      return { status, publishedAt: republish || !row.publishedAt ? now : row.publishedAt, expiresAt: defaultExpiry(now, row.expiresAt), closedAt: null };
    case 'closed':
    case 'filled':
      return { status, closedAt: now };
    default:
      return { status };
  }
}

// ── commands ──────────────────────────────────────────────────────────────────────────────

/** Creates a draft. Screening runs and is stored (so the editor can show findings) but gates only publishing. */
export async function createVacancy(db: DbOrTx, principal: Principal, input: VacancyCreate, opts: WriteOptions = {}): Promise<VacancyRow> {
  const now = new Date();
  const { employerId: requestedEmployer, fairId, ...rawFields } = input;
  // The form may name the district (天河区) instead of coding it.
  if (rawFields.districtCode != null) rawFields.districtCode = await resolveDistrictCode(db, rawFields.districtCode);
  const employerId = principal.role === 'employer' ? (requestedEmployer ?? principal.employerId) : requestedEmployer;
  if (!employerId) throw unprocessable('body.employerId', 'is required', '必填');
  assertMaySetPublicWelfare(principal, rawFields.publicWelfare, false);
  const fields = autoCode(rawFields);
  const derived = normalised(fields, now, true, opts.bounds);
  return db.transaction(async (tx) => {
    const employer = await findEmployer(tx, employerId);
    if (!employer) {
      if (principal.role === 'employer') throw forbidden('An employer key may write only its own vacancies', '用人单位密钥只能管理本单位岗位');
      throw unprocessable('body.employerId', 'unknown employer', '用人单位不存在');
    }
    const fair = await checkFair(tx, fairId);
    await assertDistrictExists(tx, fields.districtCode);
    // The vacancy belongs to the office running its fair, else to the employer's office.
    const officeId = fair?.officeId ?? employer.officeId;
    await assertCanWriteVacancy(tx, principal, { employerId, officeId });
    if (fair) await assertMayAttachToFair(tx, principal, fair, employerId);
    const s = screen(fields, { minimumMonthlyWage: opts.minimumMonthlyWage });
    const row = await repo.insertVacancy(tx, {
      ...(columnsOf(fields, derived, s) as VacancyInsert),
      employerId,
      fairId: fairId ?? null,
      officeId,
      status: 'draft',
      source: 'api',
    });
    await vacancyChanged(tx, row.id);
    return row;
  });
}

/**
 * Edits re-run the screening. On a live vacancy (published or pending review) the gate applies
 * again: a blocking edit is refused (nothing saved), an edit needing review takes it back to
 * pending_review, a clean edit keeps (or makes) it published.
 */
export async function updateVacancy(db: DbOrTx, principal: Principal, id: string, patch: VacancyPatch, opts: WriteOptions = {}): Promise<VacancyRow> {
  const now = new Date();
  if (patch.districtCode != null) patch = { ...patch, districtCode: await resolveDistrictCode(db, patch.districtCode) };
  return db.transaction(async (tx) => {
    const row = await getVacancyFor(tx, principal, id, { forUpdate: true });
    await assertCanWriteVacancy(tx, principal, row);
    if (!EDITABLE_STATUSES.includes(row.status)) {
      throw conflict('VACANCY_NOT_EDITABLE', { en: `A ${row.status} vacancy cannot be edited`, zh: `状态为 ${row.status} 的岗位不能修改` });
    }
    const { fairId, ...fieldPatch } = patch;
    assertMaySetPublicWelfare(principal, fieldPatch.publicWelfare, row.publicWelfare);
    let fields: VacancyFieldsInput = { ...fieldsOf(row), ...fieldPatch };
    if (fieldPatch.title !== undefined && fieldPatch.occupationCode === undefined && !fields.occupationCode) fields = autoCode(fields);
    const derived = normalised(fields, now, fieldPatch.expiresAt !== undefined, opts.bounds);
    // A move to (or off) a fair moves the vacancy to the fair's office (or back to the employer's).
    let officeMove: { officeId: string } | Record<string, never> = {};
    if (fairId !== undefined && fairId !== row.fairId) {
      const fair = await checkFair(tx, fairId);
      if (fair) await assertMayAttachToFair(tx, principal, { id: fairId!, officeId: fair.officeId }, row.employerId);
      const officeId = fair?.officeId ?? (await findEmployer(tx, row.employerId))?.officeId ?? row.officeId;
      if (officeId !== row.officeId) {
        await assertCanWriteVacancy(tx, principal, { employerId: row.employerId, officeId });
        officeMove = { officeId };
      }
    }
    if (fieldPatch.districtCode !== undefined) await assertDistrictExists(tx, fieldPatch.districtCode);
    const live = row.status === 'published' || row.status === 'pending_review';
    const s = screen(fields, { minimumMonthlyWage: opts.minimumMonthlyWage, duplicateOf: live ? await liveDuplicateOf(tx, { ...row, title: fields.title, description: fields.description ?? '' }) : undefined });
    let status: Partial<VacancyInsert> = {};
    if (row.status === 'published' || row.status === 'pending_review') {
      const decision = gateDecision(s.summary.outcome, 'published');
      if (decision === 'blocked') throw screeningBlocked(s);
      // A reviewer already accepted exactly these findings: an edit that adds none keeps it published.
      const alreadyReviewed = row.status === 'published' && row.reviewedAt !== null && sameOpenFindings(row.screeningFindings as Finding[], s.findings);
      if (decision !== row.status && !alreadyReviewed) status = statusColumns(row, decision, now);
    }
    const updated = await repo.updateVacancy(tx, id, {
      ...columnsOf(fields, derived, s),
      ...(fairId !== undefined ? { fairId } : {}),
      ...officeMove,
      ...status,
    });
    await vacancyChanged(tx, id);
    return updated;
  });
}

/**
 * One door for every status change, checked against VACANCY_TRANSITIONS. Asking for `published`
 * (or `pending_review`) runs the screening gate; leaving pending_review is a staff review.
 */
export async function transitionVacancy(
  db: DbOrTx,
  principal: Principal,
  id: string,
  to: VacancyStatus,
  opts: { reason?: string; minimumMonthlyWage?: number } = {},
): Promise<VacancyRow> {
  const now = new Date();
  return db.transaction(async (tx) => {
    const row = await getVacancyFor(tx, principal, id, { forUpdate: true });
    await assertCanWriteVacancy(tx, principal, row);
    if (!canTransitionVacancy(row.status, to)) throw invalidTransition(row.status, to);
    let values: Partial<VacancyInsert>;
    if (row.status === 'pending_review' && (to === 'published' || to === 'rejected')) {
      values = await reviewColumns(tx, principal, row, to === 'published' ? 'approve' : 'reject', opts.reason, now);
    } else if (to === 'published' || to === 'pending_review') {
      const s = screen(fieldsOf(row), { minimumMonthlyWage: opts.minimumMonthlyWage, duplicateOf: await liveDuplicateOf(tx, row) });
      const decision = gateDecision(s.summary.outcome, to);
      if (decision === 'blocked') throw screeningBlocked(s);
      values = {
        ...statusColumns(row, decision, now, row.status === 'closed' || row.status === 'expired'),
        screeningOutcome: s.summary.outcome,
        screeningFindings: s.findings,
      };
    } else if (to === 'expired' && principal.role !== 'admin' && principal.role !== 'staff') {
      throw forbidden('Only staff expire vacancies by hand (the expiry job does it on time)', '仅工作人员可手动使岗位过期');
    } else {
      values = statusColumns(row, to, now);
    }
    const updated = await repo.updateVacancy(tx, id, values);
    await vacancyChanged(tx, id);
    return updated;
  });
}

async function reviewColumns(
  tx: DbOrTx,
  principal: Principal,
  row: VacancyRow,
  decision: 'approve' | 'reject',
  reason: string | undefined,
  now: Date,
): Promise<Partial<VacancyInsert>> {
  if (principal.role !== 'staff' && principal.role !== 'admin') {
    throw forbidden('Only PES staff review vacancies', '仅公共就业服务工作人员可审核岗位');
  }
  if (principal.role === 'staff') await assertCanWriteForOffice(tx, principal, row.officeId);
  if (decision === 'reject' && !reason?.trim()) throw unprocessable('body.reason', 'is required when rejecting', '驳回时必须填写理由');
  const common = { reviewNote: reason?.trim() || null, reviewedBy: principal.keyId, reviewedAt: now };
  return decision === 'approve' ? { ...common, ...statusColumns(row, 'published', now) } : { ...common, status: 'rejected' };
}

/** Staff decision on a vacancy held for review: approve → published, reject → rejected (reason required). */
export async function reviewVacancy(db: DbOrTx, principal: Principal, id: string, decision: 'approve' | 'reject', reason?: string): Promise<VacancyRow> {
  const now = new Date();
  return db.transaction(async (tx) => {
    const row = await getVacancyFor(tx, principal, id, { forUpdate: true });
    const to = decision === 'approve' ? 'published' : 'rejected';
    if (row.status !== 'pending_review') throw invalidTransition(row.status, to);
    const updated = await repo.updateVacancy(tx, id, await reviewColumns(tx, principal, row, decision, reason, now));
    await vacancyChanged(tx, id);
    return updated;
  });
}

// ── queries ───────────────────────────────────────────────────────────────────────────────

export async function listVacanciesFor(db: DbOrTx, principal: Principal, q: repo.VacancyQuery) {
  if (principal.role === 'employer') {
    if (q.employerId && q.employerId !== principal.employerId) return { rows: [], total: 0 };
    q = { ...q, employerId: principal.employerId ?? '00000000-0000-0000-0000-000000000000' };
  }
  return repo.listVacancies(db, q);
}

/**
 * The queue shows only what the caller may decide (vacancy.review is office-tree scoped): a
 * district's staff no longer see other districts' items that would answer 403 when opened.
 */
export async function reviewQueue(db: DbOrTx, principal: Principal, q: { limit: number; offset: number; order?: 'asc' | 'desc' }) {
  if (principal.role === 'admin') return repo.reviewQueue(db, q);
  if (!principal.officeId) return { rows: [], total: 0 };
  return repo.reviewQueue(db, { ...q, withinOfficeOf: principal.officeId });
}

export async function getPublicVacancy(db: DbOrTx, id: string) {
  const row = await repo.findPublicVacancy(db, id, new Date());
  if (!row) throw vacancyNotFound();
  return row;
}

/** Screens a vacancy body without saving it (the editor's "check" button). */
export function checkVacancy(fields: VacancyFieldsInput, opts: { minimumMonthlyWage?: number } = {}): Screening & { wouldBe: 'blocked' | 'published' | 'pending_review' } {
  const s = screen(fields, opts);
  return { ...s, wouldBe: gateDecision(s.summary.outcome, 'published') };
}

export async function fairScreeningStats(db: DbOrTx, fairId: string) {
  const c = await repo.fairScreeningCounts(db, fairId);
  const byOutcome = { pass: 0, review: 0, block: 0, unscreened: 0 };
  let total = 0;
  for (const r of c.byOutcome) {
    byOutcome[r.outcome ?? 'unscreened'] += r.n;
    total += r.n;
  }
  const byStatus: Record<string, number> = {};
  for (const r of c.byStatus) byStatus[r.status] = r.n;
  const open: Record<string, number> = Object.fromEntries(CATEGORIES.map((k) => [k, 0]));
  const justified: Record<string, number> = Object.fromEntries(CATEGORIES.map((k) => [k, 0]));
  for (const r of c.byCategory) {
    const target = r.status === 'justified' ? justified : open;
    target[r.category] = (target[r.category] ?? 0) + r.n;
  }
  return { fairId, vacancies: total, byOutcome, byStatus, openFindingsByCategory: open, justifiedFindingsByCategory: justified };
}

// ── jobs ──────────────────────────────────────────────────────────────────────────────────

/**
 * `vacancies.expire-due`: published vacancies past expires_at become expired, each announced to
 * search in the same transaction. Idempotent: a second run finds nothing left to expire.
 */
export async function expireDueVacancies(db: Db, now = new Date()): Promise<{ expired: number }> {
  return db.transaction(async (tx) => {
    const ids = await repo.expireDue(tx, now);
    for (const id of ids) await vacancyChanged(tx, id);
    return { expired: ids.length };
  });
}

/**
 * Misleading-content check: the same employer already has a live posting with the same title and
 * description (at the same fair, or both outside fairs). Reposting a duplicate (to stay on top of listings) goes to staff review.
 */
async function liveDuplicateOf(tx: DbOrTx, row: { id: string; employerId: string; fairId: string | null; title: string; description: string }) {
  // A bare title is weak evidence (an employer may post several 普工 lines); require a description.
  if (row.description.trim().length < 10) return undefined;
  const [dup] = await tx
    .select({ id: vacancies.id })
    .from(vacancies)
    .where(
      and(
        eq(vacancies.employerId, row.employerId),
        ne(vacancies.id, row.id),
        inArray(vacancies.status, ['published', 'pending_review']),
        sql`lower(btrim(${vacancies.title})) = lower(btrim(${row.title}))`,
        eq(vacancies.description, row.description),
        // The same job at two fairs is two postings, not a duplicate.
        sql`${vacancies.fairId} is not distinct from ${row.fairId}`,
      ),
    )
    .limit(1);
  return dup ? { vacancyId: dup.id } : undefined;
}

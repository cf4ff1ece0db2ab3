import { and, asc, count, desc, eq, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { officeTreeCondition } from '../../lib/scope.js';
import type { Config } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import type { Notifier } from '../../lib/notifier.js';
import { assertCanWriteForOffice } from '../../lib/scope.js';
import type { Principal } from '../auth/index.js';
import { auditActorOf, recordAuditEvent } from '../audit/index.js';
import { createAccount } from '../accounts/index.js';
import { assertOfficeExists, isUniqueViolation, resolveDistrictCode } from '../offices/index.js';
import { offices } from '../offices/offices.table.js';
import { createEmployer } from './employers.service.js';
import { employers } from './employers.table.js';
import type { SizeBand } from './employers.service.js';
import type { EmployerRow } from './employers.repository.js';

export type VerificationStatus = 'pending' | 'verified' | 'rejected';
export const verificationStatusOf = (e: Pick<EmployerRow, 'verified' | 'rejectionReason'>): VerificationStatus =>
  e.verified ? 'verified' : e.rejectionReason ? 'rejected' : 'pending';

export interface RegistrationInput {
  name: string;
  creditCode: string;
  industry: string;
  sizeBand: SizeBand;
  districtCode?: string | null;
  address?: string | null;
  officeId?: string | null;
  contactName: string;
  contactPhone?: string | null;
  contactEmail?: string | null;
  username: string;
  password: string;
}

const unprocessable = (field: string, en: string, zh: string) =>
  new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);

/** The office that reviews a registration: the one named, else the district's, else the city office. */
async function reviewingOffice(db: DbOrTx, input: RegistrationInput): Promise<string> {
  if (input.officeId) {
    await assertOfficeExists(db, input.officeId);
    return input.officeId;
  }
  if (input.districtCode) {
    const [o] = await db.select({ id: offices.id }).from(offices).where(eq(offices.districtCode, input.districtCode)).orderBy(asc(offices.path)).limit(1);
    if (o) return o.id;
  }
  const [city] = await db.select({ id: offices.id }).from(offices).where(eq(offices.level, 'city')).orderBy(asc(offices.path)).limit(1);
  if (!city) throw unprocessable('body.officeId', 'is required (no office serves this district)', '必填（该区县没有服务机构）');
  return city.id;
}

/**
 * A company registers itself: an unverified employer and its first recruiter's account, in one
 * transaction. The recruiter can sign in and prepare drafts; publishing and candidates open
 * only after office staff verify the company.
 */
export async function registerEmployer(db: DbOrTx, config: Config, notifier: Notifier, input: RegistrationInput, requestId: string) {
  if (!input.contactPhone && !input.contactEmail) {
    throw unprocessable('body.contactPhone', 'give a phone number or an e-mail address (body.contactEmail)', '请填写联系电话或电子邮箱');
  }
  // A company types its district by name (天河区); a code is accepted too. Unknown names get a 422
  // listing close names, as for vacancies.
  input = { ...input, districtCode: await resolveDistrictCode(db, input.districtCode) };
  const run = () =>
    db.transaction(async (tx) => {
      const officeId = await reviewingOffice(tx, input);
      // The service's own rules (credit-code checksum, industry, phone, duplicates) as for staff;
      // the registrant acts as nobody's office, so the office scope check is bypassed by acting as the system.
      const system: Principal = { keyId: '00000000-0000-0000-0000-000000000000', name: 'self-registration', role: 'admin', employerId: null, officeId: null, roles: ['admin'], personId: null, kind: 'key' };
      const employer = await createEmployer(tx, system, {
        name: input.name,
        creditCode: input.creditCode,
        industry: input.industry,
        sizeBand: input.sizeBand,
        districtCode: input.districtCode ?? null,
        address: input.address ?? null,
        contactName: input.contactName,
        contactPhone: input.contactPhone ?? null,
        verified: false,
        officeId,
      });
      const [row] = await tx.update(employers).set({ selfRegistered: true, contactEmail: input.contactEmail ?? null }).where(eq(employers.id, employer.id)).returning();
      const actor = { name: input.contactName.slice(0, 60), role: 'employer', requestId };
      const { account } = await createAccount(tx, config, notifier, actor, {
        username: input.username,
        displayName: input.contactName,
        email: input.contactEmail ?? null,
        phone: input.contactPhone ?? null,
        roles: ['employer'],
        employerId: employer.id,
        password: input.password,
      });
      await recordAuditEvent(tx, { ...actor, personId: account.id }, 'employer_registered', { type: 'employer', id: employer.id }, { reason: 'self-registration; waiting for verification' });
      return { employer: row!, accountId: account.id };
    });
  return run().catch((err: unknown) => {
    if (isUniqueViolation(err)) throw conflict('DUPLICATE_CREDIT_CODE', { en: 'This company is already registered', zh: '该单位已登记' }, [{ field: 'body.creditCode', message: 'already registered' }]);
    throw err;
  });
}

export async function listRegistrations(db: DbOrTx, q: { status?: VerificationStatus; officeId?: string; page: number; pageSize: number }) {
  const where: SQL[] = [];
  if (q.status === 'verified') where.push(eq(employers.verified, true));
  if (q.status === 'pending') where.push(eq(employers.verified, false), isNull(employers.rejectionReason));
  if (q.status === 'rejected') where.push(eq(employers.verified, false), isNotNull(employers.rejectionReason));
  if (q.officeId) where.push(officeTreeCondition(employers.officeId, q.officeId)); // and the offices below it
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(employers)
    .where(cond)
    .orderBy(q.status === 'pending' ? asc(employers.createdAt) : desc(employers.createdAt), asc(employers.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [c] = await db.select({ n: count() }).from(employers).where(cond);
  return { rows, total: c?.n ?? 0 };
}

/** Office staff verify a company, or reject it with a reason the recruiter sees. Audited. */
export async function decideVerification(db: DbOrTx, notifier: Notifier, principal: Principal, id: string, input: { decision: 'verify' | 'reject'; reason?: string }, requestId: string) {
  const reason = input.reason?.trim() ?? '';
  if (input.decision === 'reject' && reason.length < 2) throw unprocessable('body.reason', 'is required when rejecting', '驳回时必须填写理由');
  const row = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(employers).where(eq(employers.id, id)).for('update');
    if (!current) throw notFound('Employer', '用人单位');
    await assertCanWriteForOffice(tx, principal, current.officeId);
    const [updated] = await tx
      .update(employers)
      .set(input.decision === 'verify' ? { verified: true, rejectionReason: null, reviewedAt: new Date() } : { verified: false, rejectionReason: reason, reviewedAt: new Date() })
      .where(eq(employers.id, id))
      .returning();
    await recordAuditEvent(tx, auditActorOf(principal, requestId), input.decision === 'verify' ? 'employer_verified' : 'employer_rejected', { type: 'employer', id }, { reason });
    return updated!;
  });
  if (row.contactEmail) {
    const text =
      input.decision === 'verify'
        ? `贵单位「${row.name}」已通过就业服务机构审核，现在可以发布岗位、查看候选人。\nYour company has been verified: you can now publish vacancies and see candidates.`
        : `贵单位「${row.name}」的登记未通过审核。理由：${reason}\nYour company's registration was not accepted. Reason: ${reason}`;
    await notifier.send({ channel: 'email', to: row.contactEmail, subject: '用人单位审核结果 / Employer verification', text, ref: `employer-verification:${row.id}` }).catch(() => {});
  }
  return row;
}

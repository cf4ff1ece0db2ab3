import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { assertCanWriteForOffice, defaultOfficeId } from '../../lib/scope.js';
import { creditCodeProblem, phoneProblem } from '../../lib/validators.js';
import type { Principal } from '../auth/index.js';
import { auditActorOf, recordAuditEvent } from '../audit/index.js';
import { assertDistrictExists, assertOfficeExists, isUniqueViolation } from '../offices/index.js';
import { INDUSTRY_SECTIONS } from './employers.table.js';
import * as repo from './employers.repository.js';
import type { EmployerRow } from './employers.repository.js';

export type SizeBand = EmployerRow['sizeBand'];

export interface EmployerInput {
  name: string;
  creditCode: string;
  industry: string;
  sizeBand: SizeBand;
  districtCode?: string | null;
  address?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  verified?: boolean;
  officeId?: string | null;
}

const unprocessable = (field: string, en: string, zh: string) =>
  new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);

const CREDIT_ZH: Record<string, string> = {
  'must be 18 characters': '须为18位',
  'contains a character not allowed (I, O, S, V, Z or a symbol)': '含有不允许的字符（I、O、S、V、Z 或符号）',
  'characters 3–8 must be a 6-digit region code': '第3–8位须为6位行政区划码',
  'check character does not match (typo?)': '校验位不符（可能输入有误）',
};

/** Field checks the schema cannot express; returns the normalised credit code. */
function checkFields(input: Partial<EmployerInput>): void {
  if (input.creditCode !== undefined) {
    const problem = creditCodeProblem(input.creditCode);
    if (problem) {
      throw new AppError(
        422,
        'INVALID_CREDIT_CODE',
        { en: `body.creditCode: ${problem}`, zh: `body.creditCode：统一社会信用代码${CREDIT_ZH[problem] ?? '无效'}` },
        [{ field: 'body.creditCode', message: problem }],
      );
    }
  }
  if (input.industry !== undefined && !INDUSTRY_SECTIONS.includes(input.industry)) {
    throw unprocessable('body.industry', 'must be a GB/T 4754 section letter A–T', '须为 GB/T 4754 门类字母 A–T');
  }
  if (input.contactPhone) {
    const problem = phoneProblem(input.contactPhone);
    if (problem) throw unprocessable('body.contactPhone', problem, '不是有效的手机或固定电话号码');
  }
}

const duplicate = (code: string) =>
  conflict(
    'DUPLICATE_CREDIT_CODE',
    { en: `An employer with credit code ${code} is already registered`, zh: `统一社会信用代码 ${code} 的单位已登记` },
    [{ field: 'body.creditCode', message: 'already registered' }],
  );

/** Staff/organiser/admin read any employer; an employer key reads only its own (others are 404, not 403, so ids do not leak). */
export async function getEmployerFor(db: DbOrTx, principal: Principal, id: string): Promise<EmployerRow> {
  if (principal.role === 'employer' && principal.employerId !== id) throw notFound('Employer', '用人单位');
  const row = await repo.findEmployer(db, id);
  if (!row) throw notFound('Employer', '用人单位');
  return row;
}

export async function listEmployersFor(db: DbOrTx, principal: Principal, q: Omit<repo.EmployerQuery, 'onlyId'>) {
  const onlyId = principal.role === 'employer' ? (principal.employerId ?? '00000000-0000-0000-0000-000000000000') : undefined;
  return repo.listEmployers(db, { ...q, onlyId });
}

/**
 * `verified` means office staff checked the company (issue 17): only staff and admins set or
 * clear it. Organisers register employers, which then wait for verification like a self-registration.
 */
function assertMayVerify(principal: Principal, verified: boolean | undefined): void {
  if (verified === undefined) return;
  if (principal.role !== 'staff' && principal.role !== 'admin') {
    throw new AppError(403, 'FORBIDDEN', {
      en: 'body.verified: only employment-office staff may verify an employer',
      zh: 'body.verified：只有就业服务机构工作人员可以审核用人单位',
    }, [{ field: 'body.verified', message: 'only office staff may set it' }]);
  }
}

export async function createEmployer(db: DbOrTx, principal: Principal, input: EmployerInput): Promise<EmployerRow> {
  const creditCode = input.creditCode.trim().toUpperCase();
  checkFields({ ...input, creditCode });
  if (input.verified) assertMayVerify(principal, input.verified);
  const run = () => db.transaction(async (tx) => {
    const officeId = defaultOfficeId(principal, input.officeId);
    if (!officeId) throw unprocessable('body.officeId', 'is required (this key is not bound to an office)', '必填（此密钥未绑定服务机构）');
    await assertOfficeExists(tx, officeId);
    await assertCanWriteForOffice(tx, principal, officeId);
    await assertDistrictExists(tx, input.districtCode);
    if (await repo.findEmployerByCreditCode(tx, creditCode)) throw duplicate(creditCode);
    const row = await repo.insertEmployer(tx, {
      name: input.name.trim(),
      creditCode,
      industry: input.industry,
      sizeBand: input.sizeBand,
      districtCode: input.districtCode ?? null,
      address: input.address ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      verified: input.verified ?? false,
      reviewedAt: input.verified ? new Date() : null,
      officeId,
    });
    if (input.verified) await recordAuditEvent(tx, auditActorOf(principal), 'employer_verified', { type: 'employer', id: row.id }, { reason: 'registered as verified by office staff' });
    return row;
  });
  return run().catch((err: unknown) => {
    throw isUniqueViolation(err) ? duplicate(creditCode) : err;
  });
}

export async function updateEmployer(db: DbOrTx, principal: Principal, id: string, input: Partial<EmployerInput>): Promise<EmployerRow> {
  const patch: Partial<EmployerInput> = { ...input };
  if (patch.creditCode !== undefined) patch.creditCode = patch.creditCode.trim().toUpperCase();
  checkFields(patch);
  assertMayVerify(principal, patch.verified);
  const run = () => db.transaction(async (tx) => {
    const current = await repo.findEmployer(tx, id);
    if (!current) throw notFound('Employer', '用人单位');
    await assertCanWriteForOffice(tx, principal, current.officeId);
    if (patch.verified !== undefined && patch.verified !== current.verified) {
      await recordAuditEvent(tx, auditActorOf(principal), patch.verified ? 'employer_verified' : 'employer_unverified', { type: 'employer', id }, { reason: 'PATCH /employers/:id' });
    }
    if (patch.officeId && patch.officeId !== current.officeId) {
      await assertOfficeExists(tx, patch.officeId);
      await assertCanWriteForOffice(tx, principal, patch.officeId);
    }
    await assertDistrictExists(tx, patch.districtCode);
    if (patch.creditCode && patch.creditCode !== current.creditCode) {
      const other = await repo.findEmployerByCreditCode(tx, patch.creditCode);
      if (other && other.id !== id) throw duplicate(patch.creditCode);
    }
    const { officeId, ...rest } = patch;
    const review = patch.verified !== undefined ? { reviewedAt: new Date(), ...(patch.verified ? { rejectionReason: null } : {}) } : {};
    return repo.updateEmployer(tx, id, { ...rest, ...review, ...(officeId ? { officeId } : {}), updatedAt: new Date() });
  });
  return run().catch((err: unknown) => {
    throw isUniqueViolation(err) ? duplicate(patch.creditCode ?? '') : err;
  });
}

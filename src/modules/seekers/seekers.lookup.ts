import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { pinyinInitials, pinyinOf } from '../../search/text/index.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { maskPhone } from '../../lib/masking.js';
import { assertAllowed } from '../../lib/policy.js';
import { officeTreeCondition } from '../../lib/scope.js';
import { nationalIdFacts, nationalIdProblem } from '../../lib/validators.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { offices } from '../offices/offices.table.js';
import { checkGroups, type GroupEligibility, type PriorityGroupValue } from './seekers.eligibility.js';
import * as repo from './seekers.repository.js';
import { hashNationalId, normaliseNationalId } from './seekers.service.js';
import { PRIORITY_GROUPS, seekers } from './seekers.table.js';

/** What kind of key the counter typed: the audit row stores this, never the text itself. */
export type LookupKey = 'national_id' | 'phone' | 'name';

export function classifyLookup(raw: string): { kind: LookupKey; value: string } {
  const q = raw.trim();
  if (!q) throw invalid('query.q', 'must not be blank', '不能为空');
  const compact = q.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(compact)) {
    const problem = nationalIdProblem(compact);
    if (problem) throw invalid('query.q', `looks like a national ID but ${problem}`, '看起来是身份证号码，但号码无效（请核对）');
    return { kind: 'national_id', value: normaliseNationalId(compact) };
  }
  const mobile = compact.replace(/^\+?86(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile) || /^0\d{2,3}\d{7,8}$/.test(compact)) return { kind: 'phone', value: /^1/.test(mobile) ? mobile : compact };
  // Part of a number is not looked up: it would let anyone enumerate people by digits.
  if (/^[\d+X]+$/.test(compact)) {
    throw invalid('query.q', 'give the full national ID (18 characters) or a full phone number, or a name', '请输入完整的身份证号码（18位）、完整的电话号码或姓名');
  }
  return { kind: 'name', value: q.replace(/\s+/g, ' ') };
}

export interface LookupItem {
  id: string;
  name: string;
  maskedNationalId: string;
  maskedPhone: string | null;
  birthYear: number;
  districtCode: string | null;
  officeId: string;
  officeName: string;
  status: 'active' | 'placed' | 'inactive';
  priorityGroups: string[];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The counter's search for one person: by full national ID (compared as its keyed hash), full
 * phone number, or name (exact first, then prefix), within the caller's office and the offices
 * below it (admins: the city). The answer names people, so it is audited: one row naming who
 * asked, which kind of key, and which records were shown (never the text typed).
 */
export async function lookupSeekers(db: DbOrTx, actor: AuditActor & { hashKey: string }, q: string, limit: number): Promise<{ items: LookupItem[] }> {
  const key = classifyLookup(q);
  const p = actor.principal;
  if (p.role !== 'admin' && !p.officeId) throw new AppError(403, 'FORBIDDEN', { en: 'This account is not bound to an office', zh: '此账号未绑定服务机构' });
  if (p.officeId) await assertAllowed(db, p, 'seeker.lookup', { officeId: p.officeId });
  else await assertAllowed(db, p, 'seeker.lookup');
  const where: SQL[] = [isNull(seekers.anonymisedAt)];
  if (p.role !== 'admin') where.push(officeTreeCondition(seekers.officeId, p.officeId!));
  let rank: SQL | undefined;
  if (key.kind === 'national_id') where.push(eq(seekers.nationalIdHash, hashNationalId(actor.hashKey, key.value)));
  else if (key.kind === 'phone') where.push(eq(seekers.phone, key.value));
  else {
    const pinyinIds = /^[a-z]{2,30}$/i.test(key.value) ? await idsByPinyin(db, p.role === 'admin' ? null : p.officeId!, key.value.toLowerCase()) : [];
    where.push(or(eq(seekers.name, key.value), sql`${seekers.name} like ${`${escapeLike(key.value)}%`}`, pinyinIds.length ? inArray(seekers.id, pinyinIds) : undefined)!);
    rank = sql`case when ${seekers.name} = ${key.value} then 0 else 1 end`;
  }
  const rows = await db
    .select({ s: seekers, officeName: offices.nameZh })
    .from(seekers)
    .innerJoin(offices, eq(offices.id, seekers.officeId))
    .where(and(...where))
    .orderBy(...(rank ? [rank] : []), asc(seekers.name), asc(seekers.id))
    .limit(limit);
  const items = rows.map(({ s, officeName }) => ({
    id: s.id,
    name: s.name,
    maskedNationalId: `${'*'.repeat(14)}${s.nationalIdLast4}`,
    maskedPhone: maskPhone(s.phone),
    birthYear: Number(s.birthDate.slice(0, 4)),
    districtCode: s.districtCode,
    officeId: s.officeId,
    officeName,
    status: s.status,
    priorityGroups: s.priorityGroups,
  }));
  await recordAudit(db, actor, {
    action: 'seeker.lookup',
    subject: { type: 'office', id: p.officeId ?? '00000000-0000-0000-0000-000000000000' },
    fields: ['name', 'nationalIdLast4', 'phone', 'birthDate', 'priorityGroups'],
    reason: `counter lookup by ${key.kind}: ${items.length} shown`,
    details: { key: key.kind, shown: items.length, seekerIds: items.map((i) => i.id) },
  });
  return { items };
}

/** Above this many names in scope the pinyin pass is skipped (it runs in the API process). */
export const PINYIN_SCAN_MAX = 20_000;

/**
 * "zhangwei" or "zw" finds 张伟: names in scope are spelt in pinyin here, not stored (a stored,
 * indexed spelling would be a copy of a name to keep in step and to erase). Bounded by
 * PINYIN_SCAN_MAX; a larger office tree gets name and number lookups only.
 */
async function idsByPinyin(db: DbOrTx, officeId: string | null, q: string): Promise<string[]> {
  const scope: SQL[] = [isNull(seekers.anonymisedAt), sql`${seekers.name} ~ '[\u4e00-\u9fff]'`];
  if (officeId) scope.push(officeTreeCondition(seekers.officeId, officeId));
  const rows = await db.select({ id: seekers.id, name: seekers.name }).from(seekers).where(and(...scope)).limit(PINYIN_SCAN_MAX + 1);
  if (rows.length > PINYIN_SCAN_MAX) return [];
  const out: string[] = [];
  for (const r of rows) {
    if (pinyinOf(r.name).toLowerCase().startsWith(q) || pinyinInitials(r.name).toLowerCase() === q) out.push(r.id);
    if (out.length >= 200) break;
  }
  return out;
}

export interface EligibilityInput {
  seekerId?: string;
  nationalId?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  status?: 'active' | 'placed' | 'inactive';
  unemployedSince?: string | null;
  priorityDocuments?: string[];
  priorityGroups?: PriorityGroupValue[];
}

/**
 * The form's live check: the same rules as registration and PATCH, over what the form holds
 * now (falling back to the stored record when a seekerId is given). Nothing is stored.
 */
export async function checkEligibility(db: DbOrTx, actor: AuditActor, input: EligibilityInput): Promise<{ groups: GroupEligibility[] }> {
  let stored: repo.SeekerRow | undefined;
  if (input.seekerId) {
    stored = await repo.findSeeker(db, input.seekerId);
    if (!stored || stored.anonymisedAt) throw notFound('Job seeker', '求职者');
    await assertAllowed(db, actor.principal, 'seeker.write', { officeId: stored.officeId });
  }
  let birthDate = input.birthDate ?? stored?.birthDate ?? null;
  let sex = input.sex ?? stored?.sex ?? null;
  if (input.nationalId !== undefined) {
    const id = normaliseNationalId(input.nationalId);
    const problem = nationalIdProblem(id);
    if (problem) throw invalid('body.nationalId', problem, '身份证号码无效（请核对）');
    ({ birthDate, sex } = nationalIdFacts(id));
  }
  const groups = input.priorityGroups ?? [...PRIORITY_GROUPS];
  return {
    groups: checkGroups(groups, {
      birthDate,
      sex,
      status: input.status ?? stored?.status ?? 'active',
      unemployedSince: input.unemployedSince !== undefined ? input.unemployedSince : (stored?.unemployedSince ?? null),
      priorityDocuments: input.priorityDocuments ?? stored?.priorityDocuments ?? [],
    }),
  };
}

import { createHmac } from 'node:crypto';
import type { DbOrTx } from '../../db/client.js';
import { seekerChanged } from '../../jobs/events.js';
import { AppError, conflict, invalid, notFound } from '../../lib/errors.js';
import { DEFAULT_BOUNDS } from '../../lib/bounds.js';
import { ageBand, ageOn, maskName } from '../../lib/masking.js';
import { assertCanWriteForOffice, defaultOfficeId } from '../../lib/scope.js';
import { isAllowed } from '../../lib/policy.js';
import { nationalIdFacts, nationalIdProblem, phoneProblem } from '../../lib/validators.js';
import { recordAccess, recordPersonalDataRead, type AuditActor } from '../audit/index.js';
import type { Principal } from '../auth/index.js';
import { anonymisedError, consentDiff, recordConsentChanges, resolveSensitiveBasis } from '../privacy/index.js';
import * as repo from './seekers.repository.js';
import { assertEligible, type PriorityGroupValue } from './seekers.eligibility.js';
import type { NewSeekerRow, SeekerRow } from './seekers.repository.js';
import {
  PERSONAL_FIELDS,
  type CreateSeekerInput,
  type ListSeekersFilter,
  type SeekerDetailDto,
  type SeekerSummaryDto,
  type UpdateSeekerInput,
} from './seekers.schemas.js';

export interface SeekerActor {
  principal: Principal;
  /** Secret for the keyed national-ID hash (config.hashKey). */
  hashKey: string;
  requestId?: string;
  /** Oldest plausible age at registration (config bounds); DEFAULT_BOUNDS when absent. */
  maxAge?: number;
}

/** Youngest legal working age (劳动法 第十五条). */
const MIN_AGE = 16;

const ID_REASONS_ZH: Record<string, string> = {
  'must be 17 digits followed by a digit or X': '必须为17位数字加1位数字或X',
  'characters 7–14 are not a valid birth date': '第7–14位不是有效的出生日期',
  'check character does not match (typo?)': '校验码不符（可能输入有误）',
};

export function normaliseNationalId(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Keyed, so a leaked table cannot be matched against a list of ID numbers. */
export function hashNationalId(hashKey: string, nationalId: string): string {
  return createHmac('sha256', hashKey).update(`national-id:${normaliseNationalId(nationalId)}`).digest('hex');
}

interface Identity {
  nationalIdHash: string;
  nationalIdLast4: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** Validates the ID and makes the stated birth date and sex agree with it (or takes them from it). */
function resolveIdentity(hashKey: string, rawId: string, stated: { birthDate?: string; sex?: 'male' | 'female' }, maxAge = DEFAULT_BOUNDS.seekerMaxAge): Identity {
  const id = normaliseNationalId(rawId);
  const problem = nationalIdProblem(id);
  if (problem) throw invalid('body.nationalId', problem, ID_REASONS_ZH[problem] ?? problem);
  const facts = nationalIdFacts(id);
  if (stated.birthDate && stated.birthDate !== facts.birthDate) {
    throw invalid('body.birthDate', `does not match the birth date in the national ID (${facts.birthDate})`, `与身份证号码中的出生日期（${facts.birthDate}）不一致`);
  }
  if (stated.sex && stated.sex !== facts.sex) {
    throw invalid('body.sex', 'does not match the sex encoded in the national ID', '与身份证号码中的性别不一致');
  }
  if (ageOn(facts.birthDate) < MIN_AGE) {
    throw invalid(stated.birthDate ? 'body.birthDate' : 'body.nationalId', `the person must be at least ${MIN_AGE} years old`, `求职登记须年满${MIN_AGE}周岁`);
  }
  if (ageOn(facts.birthDate) > maxAge) {
    throw invalid(stated.birthDate ? 'body.birthDate' : 'body.nationalId', `gives an age over ${maxAge}: check the birth date`, `对应年龄超过 ${maxAge} 岁，请核对出生日期`);
  }
  if (facts.birthDate > new Date().toISOString().slice(0, 10)) {
    throw invalid('body.nationalId', 'birth date is in the future', '出生日期晚于今天');
  }
  return { nationalIdHash: hashNationalId(hashKey, id), nationalIdLast4: id.slice(-4), birthDate: facts.birthDate, sex: facts.sex };
}

/** Stores mobiles as 11 digits and landlines without separators. */
function normalisePhone(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined || raw === null) return raw;
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const problem = phoneProblem(trimmed);
  if (problem) throw invalid('body.phone', problem, '不是有效的手机或固定电话号码');
  const compact = trimmed.replace(/[\s-]/g, '');
  return compact.replace(/^\+?86(?=1[3-9]\d{9}$)/, '');
}

function assertUnemployedSince(value: string | null | undefined, birthDate: string) {
  if (!value) return;
  if (value > new Date().toISOString().slice(0, 10)) throw invalid('body.unemployedSince', 'is in the future', '不能晚于今天');
  if (value < birthDate) throw invalid('body.unemployedSince', 'is before the birth date', '早于出生日期');
}

async function assertReferencesExist(db: DbOrTx, input: { officeId?: string; districtCode?: string | null; desiredOccupation?: string | null }) {
  if (input.desiredOccupation && !(await repo.occupationExists(db, input.desiredOccupation))) {
    throw invalid('body.desiredOccupation', 'unknown occupation code (choose one from GET /occupations)', '职业代码不存在（请从职业列表中选择）');
  }
  if (input.officeId && !(await repo.officeExists(db, input.officeId))) {
    throw invalid('body.officeId', 'unknown office', '服务机构不存在');
  }
  if (input.districtCode && !(await repo.districtExists(db, input.districtCode))) {
    throw invalid('body.districtCode', 'unknown district code', '行政区划代码不存在');
  }
}

/** The existing record behind a DUPLICATE_SEEKER error, for the audit row written after the rollback. */
const duplicateOf = new WeakMap<AppError, string>();

/**
 * A registration that hits an existing national ID. The caller learns the record's id only
 * when it may write that record anyway (own office scope); otherwise only that the person is
 * registered at another office. Either way the probe is audited (registerSeeker).
 */
async function duplicate(tx: DbOrTx, principal: Principal, existingId: string): Promise<AppError> {
  const existing = await repo.findSeeker(tx, existingId);
  const visible = existing ? await isAllowed(tx, principal, 'seeker.write', { officeId: existing.officeId }) : false;
  const err = visible
    ? conflict(
        'DUPLICATE_SEEKER',
        { en: `A job seeker with this national ID is already registered (${existingId})`, zh: `该身份证号码已登记（${existingId}）` },
        { seekerId: existingId },
      )
    : conflict('DUPLICATE_SEEKER', {
        en: 'A job seeker with this national ID is already registered at another office; ask that office to transfer the record',
        zh: '该身份证号码已在其他服务机构登记，请联系该机构转移登记',
      });
  duplicateOf.set(err, existingId);
  return err;
}

/** Runs a write; a duplicate-ID refusal is audited outside the rolled-back transaction. */
async function auditingDuplicates<T>(db: DbOrTx, actor: SeekerActor, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const existing = err instanceof AppError ? duplicateOf.get(err) : undefined;
    if (existing) {
      await recordAccess(db, actor, 'duplicate_national_id', { type: 'seeker', id: existing }, ['nationalId'], 'a registration or correction gave a national ID that is already registered');
    }
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true;
  }
  return false;
}

function assertVersion(row: SeekerRow, version: number | undefined) {
  if (version !== undefined && version !== row.version) {
    throw conflict(
      'VERSION_CONFLICT',
      { en: `The job seeker was changed meanwhile (version ${row.version}, you sent ${version}); reload and retry`, zh: `求职者信息已被修改（当前版本 ${row.version}），请刷新后重试` },
      { currentVersion: row.version },
    );
  }
}

/** Optional fields that copy straight onto the row when present. */
const PLAIN_FIELDS = [
  'registrationKind',
  'name',
  'ethnicity',
  'hukouType',
  'address',
  'districtCode',
  'lat',
  'lon',
  'education',
  'experienceYears',
  'skills',
  'desiredOccupations',
  'desiredWageMin',
  'availability',
  'profileText',
  'priorityGroups',
  'unemployedSince',
  'desiredOccupation',
  'availableFrom',
  'priorityDocuments',
  'consentSearchable',
  'consentContactViaReferral',
  'consentAutomatedMatching',
  'consentSensitive',
] as const;

function plainValues(input: Partial<Record<(typeof PLAIN_FIELDS)[number], unknown>>): Partial<NewSeekerRow> {
  const out: Record<string, unknown> = {};
  for (const k of PLAIN_FIELDS) {
    if (input[k] !== undefined) out[k] = typeof input[k] === 'string' && k !== 'profileText' ? (input[k] as string).trim() : input[k];
  }
  return out as Partial<NewSeekerRow>;
}

/** 求职登记: one record per person (national ID), owned by an office the key may write for. */
export async function registerSeeker(db: DbOrTx, actor: SeekerActor, input: CreateSeekerInput): Promise<SeekerRow> {
  const officeId = defaultOfficeId(actor.principal, input.officeId);
  if (!officeId) throw invalid('body.officeId', 'is required for a key not bound to an office', '未绑定服务机构的密钥必须指定 officeId');
  const identity = resolveIdentity(actor.hashKey, input.nationalId, input, actor.maxAge);
  const phone = normalisePhone(input.phone);
  assertUnemployedSince(input.unemployedSince, identity.birthDate);
  if (!input.name.trim()) throw invalid('body.name', 'must not be blank', '不能为空');
  const sensitiveBasis = resolveSensitiveBasis({
    priorityGroups: input.priorityGroups ?? [],
    registrationKind: input.registrationKind,
    consentSensitive: input.consentSensitive ?? false,
    sensitiveBasis: input.sensitiveBasis,
  });
  // 就业困难人员 are decided on facts, not on the form's tick box (a 25-year-old is not "4050").
  assertEligible(input.priorityGroups ?? [], {
    birthDate: identity.birthDate,
    sex: identity.sex,
    status: 'active',
    unemployedSince: input.unemployedSince ?? null,
    priorityDocuments: input.priorityDocuments ?? [],
  });

  return auditingDuplicates(db, actor, () => db.transaction(async (tx) => {
    await assertReferencesExist(tx, { officeId, districtCode: input.districtCode, desiredOccupation: input.desiredOccupation });
    await assertCanWriteForOffice(tx, actor.principal, officeId);
    const existing = await repo.findSeekerIdByNationalIdHash(tx, identity.nationalIdHash);
    if (existing) throw await duplicate(tx, actor.principal, existing);
    let row: SeekerRow;
    try {
      // A savepoint, so a concurrent duplicate's unique violation leaves the outer transaction usable.
      row = await tx.transaction((sp) => repo.insertSeeker(sp, { ...plainValues(input), ...identity, officeId, phone: phone ?? null, sensitiveBasis } as NewSeekerRow));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await repo.findSeekerIdByNationalIdHash(tx, identity.nationalIdHash);
      throw winner ? await duplicate(tx, actor.principal, winner) : err;
    }
    // Each consent answer given at registration becomes a consent record (PIPL art. 14).
    const answers = consentDiff(null, row, { sensitiveAsked: input.consentSensitive !== undefined || sensitiveBasis !== null });
    await recordConsentChanges(tx, actor, row.id, answers, { channel: input.consentChannel, noticeVersion: input.noticeVersion, initial: true });
    await seekerChanged(tx, row.id);
    return row;
  }));
}

export async function updateSeekerRecord(db: DbOrTx, actor: SeekerActor, id: string, input: UpdateSeekerInput): Promise<SeekerRow> {
  return auditingDuplicates(db, actor, () => db.transaction(async (tx) => {
    const current = await repo.findSeeker(tx, id, { forUpdate: true });
    if (!current) throw notFound('Job seeker', '求职者');
    if (current.anonymisedAt) throw anonymisedError();
    await assertCanWriteForOffice(tx, actor.principal, current.officeId);
    assertVersion(current, input.version);
    if (input.officeId && input.officeId !== current.officeId) {
      await assertReferencesExist(tx, { officeId: input.officeId });
      await assertCanWriteForOffice(tx, actor.principal, input.officeId);
    }
    await assertReferencesExist(tx, { districtCode: input.districtCode, desiredOccupation: input.desiredOccupation });
    if (input.name !== undefined && !input.name.trim()) throw invalid('body.name', 'must not be blank', '不能为空');

    const values: Partial<NewSeekerRow> = { ...plainValues(input) };
    if (input.officeId) values.officeId = input.officeId;
    if (input.phone !== undefined) values.phone = normalisePhone(input.phone) ?? null;
    if (input.nationalId !== undefined) {
      const identity = resolveIdentity(actor.hashKey, input.nationalId, input, actor.maxAge);
      const other = await repo.findSeekerIdByNationalIdHash(tx, identity.nationalIdHash);
      if (other && other !== id) throw await duplicate(tx, actor.principal, other);
      Object.assign(values, identity);
    } else {
      // Birth date and sex were checked against the ID at registration; the ID is not kept, so
      // they change only together with a corrected ID.
      if (input.birthDate !== undefined && input.birthDate !== current.birthDate) {
        throw invalid('body.birthDate', 'must agree with the national ID: send the corrected nationalId with it', '须与身份证号码一致：请同时提交更正后的身份证号码');
      }
      if (input.sex !== undefined && input.sex !== current.sex) {
        throw invalid('body.sex', 'must agree with the national ID: send the corrected nationalId with it', '须与身份证号码一致：请同时提交更正后的身份证号码');
      }
    }
    assertUnemployedSince(input.unemployedSince, values.birthDate ?? current.birthDate);
    // Re-decided when the groups or a fact they rest on changes; untouched records keep what they hold.
    if (['priorityGroups', 'priorityDocuments', 'unemployedSince', 'nationalId'].some((k) => (input as Record<string, unknown>)[k] !== undefined)) {
      assertEligible((values.priorityGroups ?? current.priorityGroups) as PriorityGroupValue[], {
        birthDate: values.birthDate ?? current.birthDate,
        sex: values.sex ?? current.sex,
        status: current.status,
        unemployedSince: values.unemployedSince !== undefined ? values.unemployedSince : current.unemployedSince,
        priorityDocuments: values.priorityDocuments ?? current.priorityDocuments,
      });
    }
    // Withdrawing the sensitive-categories consent removes what was held on that basis.
    if (input.consentSensitive === false && current.sensitiveBasis === 'consent' && input.priorityGroups === undefined) values.priorityGroups = [];
    // The basis is re-decided only when this request touches what it depends on.
    const touchesSensitive = ['priorityGroups', 'registrationKind', 'consentSensitive', 'sensitiveBasis'].some((k) => (input as Record<string, unknown>)[k] !== undefined);
    if (touchesSensitive) {
      values.sensitiveBasis = resolveSensitiveBasis({
        priorityGroups: values.priorityGroups ?? current.priorityGroups,
        registrationKind: values.registrationKind ?? current.registrationKind,
        consentSensitive: values.consentSensitive ?? current.consentSensitive,
        sensitiveBasis: input.sensitiveBasis,
      });
    }
    const row = await repo.updateSeeker(tx, id, values);
    await recordConsentChanges(tx, actor, id, consentDiff(current, row, { sensitiveAsked: true }), { channel: input.consentChannel, noticeVersion: input.noticeVersion });
    await seekerChanged(tx, id);
    return row;
  }));
}

/** active ⇄ placed ⇄ inactive; setting the current status again changes nothing. */
export async function changeSeekerStatus(
  db: DbOrTx,
  actor: SeekerActor,
  id: string,
  status: SeekerRow['status'],
  version?: number,
): Promise<SeekerRow> {
  return db.transaction(async (tx) => {
    const current = await repo.findSeeker(tx, id, { forUpdate: true });
    if (!current) throw notFound('Job seeker', '求职者');
    if (current.anonymisedAt) throw anonymisedError();
    await assertCanWriteForOffice(tx, actor.principal, current.officeId);
    assertVersion(current, version);
    if (current.status === status) return current;
    const row = await repo.updateSeeker(tx, id, { status });
    await seekerChanged(tx, id);
    return row;
  });
}

/** Used by referrals and placements, which have done their own authorisation. */
export async function markSeekerPlaced(tx: DbOrTx, id: string): Promise<void> {
  const current = await repo.findSeeker(tx, id, { forUpdate: true });
  if (!current) throw notFound('Job seeker', '求职者');
  if (current.status === 'placed') return;
  await repo.updateSeeker(tx, id, { status: 'placed' });
  await seekerChanged(tx, id);
}

/** The one way staff see a seeker's personal data: the read and its audit row commit together. */
export async function readSeekerPersonalData(db: DbOrTx, actor: AuditActor, id: string, reason: string): Promise<SeekerRow> {
  return db.transaction(async (tx) => {
    const row = await repo.findSeeker(tx, id);
    if (!row) throw notFound('Job seeker', '求职者');
    await recordPersonalDataRead(tx, actor, { type: 'seeker', id }, [...PERSONAL_FIELDS], reason.trim());
    return row;
  });
}

/**
 * Masked lists for staff, city-wide ("one login, city-wide query"). A list selected by a
 * priority group is a list of people by disability, 低保 and the like: it is limited to the
 * caller's own office and the offices below it (admins: all), and it is audited.
 */
export async function listMaskedSeekers(db: DbOrTx, filter: ListSeekersFilter, actor?: AuditActor) {
  const sensitive = filter.priorityGroup !== undefined;
  const principal = actor?.principal;
  if (sensitive && principal && principal.role !== 'admin' && !principal.officeId) {
    throw invalid('query.priorityGroup', 'needs a key bound to an office', '须使用绑定服务机构的账号');
  }
  const withinOfficeOf = sensitive && principal && principal.role !== 'admin' ? principal.officeId! : undefined;
  const { rows, total } = await repo.listSeekers(db, { ...filter, withinOfficeOf });
  if (sensitive && actor) {
    const { page, pageSize, ...criteria } = filter;
    await recordAccess(
      db,
      actor,
      'list_by_sensitive_attribute',
      { type: 'office', id: withinOfficeOf ?? filter.officeId ?? NIL_UUID },
      ['priorityGroups'],
      `list seekers ${Object.entries(criteria).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join('&')} page ${page}×${pageSize}: ${rows.length} shown of ${total}`,
    );
  }
  return { items: rows.map(toSummary), page: filter.page, pageSize: filter.pageSize, total };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export async function findSeeker(db: DbOrTx, id: string): Promise<SeekerRow | undefined> {
  return repo.findSeeker(db, id);
}

export async function getSeekerOrThrow(db: DbOrTx, id: string): Promise<SeekerRow> {
  const row = await repo.findSeeker(db, id);
  if (!row) throw notFound('Job seeker', '求职者');
  return row;
}

export function toSummary(r: SeekerRow): SeekerSummaryDto {
  return {
    id: r.id,
    maskedName: maskName(r.name),
    ageBand: ageBand(r.birthDate),
    officeId: r.officeId,
    registrationKind: r.registrationKind,
    districtCode: r.districtCode,
    education: r.education,
    experienceYears: r.experienceYears,
    skills: r.skills,
    desiredOccupations: r.desiredOccupations as SeekerSummaryDto['desiredOccupations'],
    desiredOccupation: r.desiredOccupation,
    availableFrom: r.availableFrom,
    availability: r.availability,
    status: r.status,
    consentSearchable: r.consentSearchable,
    consentContactViaReferral: r.consentContactViaReferral,
    consentAutomatedMatching: r.consentAutomatedMatching,
    anonymised: r.anonymisedAt !== null,
    registeredAt: r.registeredAt.toISOString(),
    version: r.version,
  };
}

export function toDetail(r: SeekerRow): SeekerDetailDto {
  return {
    id: r.id,
    officeId: r.officeId,
    registrationKind: r.registrationKind,
    name: r.name,
    nationalIdLast4: r.nationalIdLast4,
    phone: r.phone,
    birthDate: r.birthDate,
    sex: r.sex,
    ethnicity: r.ethnicity,
    hukouType: r.hukouType,
    address: r.address,
    districtCode: r.districtCode,
    lat: r.lat,
    lon: r.lon,
    education: r.education,
    experienceYears: r.experienceYears,
    skills: r.skills,
    desiredOccupations: r.desiredOccupations as SeekerDetailDto['desiredOccupations'],
    desiredWageMin: r.desiredWageMin,
    availability: r.availability,
    profileText: r.profileText,
    priorityGroups: r.priorityGroups as SeekerDetailDto['priorityGroups'],
    priorityDocuments: r.priorityDocuments as SeekerDetailDto['priorityDocuments'],
    unemployedSince: r.unemployedSince,
    desiredOccupation: r.desiredOccupation,
    availableFrom: r.availableFrom,
    consentSearchable: r.consentSearchable,
    consentContactViaReferral: r.consentContactViaReferral,
    consentAutomatedMatching: r.consentAutomatedMatching,
    consentSensitive: r.consentSensitive,
    sensitiveBasis: r.sensitiveBasis as SeekerDetailDto['sensitiveBasis'],
    anonymisedAt: r.anonymisedAt ? r.anonymisedAt.toISOString() : null,
    status: r.status,
    registeredAt: r.registeredAt.toISOString(),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}


import { and, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { vacanciesChanged } from '../../jobs/events.js';
import type { Bounds } from '../../lib/bounds.js';
import type { Principal } from '../auth/index.js';
import { POLICY } from '../../lib/policy.js';
import type { Finding } from '../screening/index.js';
import { vacancies } from './vacancies.table.js';
import { autoCode, canWriteVacancy } from './vacancies.service.js';
import { normaliseVacancy, vacancyColumns, type VacancyFieldsInput } from './vacancy-input.js';
import { EDITABLE_STATUSES, gateDecision, screen, type VacancyStatus } from './vacancy-status.js';

/**
 * The bulk import's way into the vacancies table. It is not a second set of rules: a row is
 * coded, normalised, bounded and screened by the same functions as POST/PATCH /vacancies, an
 * existing vacancy is changed only where the uploader could PATCH it, and every change
 * announces itself with the same events (search and matching) through the outbox. Only the
 * SQL is batched (one insert and one update statement per batch), because fairs upload
 * thousands of rows at once.
 */

export interface PreparedVacancy {
  fields: VacancyFieldsInput;
  derived: ReturnType<typeof normaliseVacancy>['derived'];
  screening: { outcome: 'pass' | 'review' | 'block'; findings: Finding[] };
}

/** Per row, CPU only (the import calls it in its validation loop, which yields to the event loop). */
export function prepareVacancy(raw: VacancyFieldsInput, opts: { now?: Date; bounds?: Bounds; minimumMonthlyWage?: number } = {}): { ok: true; value: PreparedVacancy } | { ok: false; problems: { field: string; message: string }[] } {
  const fields = autoCode(raw);
  const { problems, derived } = normaliseVacancy(fields, opts);
  if (problems.length) return { ok: false, problems };
  const s = screen(fields, { minimumMonthlyWage: opts.minimumMonthlyWage });
  return { ok: true, value: { fields, derived, screening: { outcome: s.summary.outcome, findings: s.findings } } };
}

export interface ImportItem extends PreparedVacancy {
  row: number;
  employerId: string;
  externalRef: string;
}

export interface ImportTarget {
  uploader: Principal;
  fairId: string | null;
  officeId: string;
  publish: boolean;
  now: Date;
}

export interface ImportOutcome {
  inserted: string[];
  updated: string[];
  unchanged: number;
  refused: { row: number; field: string; message: string }[];
}

/** What the file controls: a change in any of these is an update; otherwise the row is unchanged. */
const CONTENT = [
  'title', 'description', 'requirements', 'how_to_apply', 'occupation_system', 'occupation_code', 'isco_unit', 'skills',
  'headcount', 'wage_min', 'wage_max', 'wage_unit', 'wage_monthly_min', 'wage_monthly_max', 'education_min',
  'experience_min_years', 'contract_type', 'district_code', 'lat', 'lon', 'public_welfare', 'expires_at', 'fair_id',
] as const;

/** Columns the batch statements set, with their types for jsonb_to_recordset (enums cast on write). */
const COLUMNS: [string, string, string?][] = [
  ['employer_id', 'uuid'], ['fair_id', 'uuid'], ['office_id', 'uuid'], ['title', 'text'], ['description', 'text'],
  ['requirements', 'text'], ['how_to_apply', 'text'], ['occupation_system', 'text', 'occupation_system'], ['occupation_code', 'text'],
  ['isco_unit', 'text'], ['skills', 'text[]'], ['headcount', 'int'], ['wage_min', 'numeric'], ['wage_max', 'numeric'],
  ['wage_unit', 'text', 'wage_unit'], ['wage_monthly_min', 'numeric'], ['wage_monthly_max', 'numeric'], ['education_min', 'text', 'education'],
  ['experience_min_years', 'int'], ['contract_type', 'text', 'contract_type'], ['district_code', 'text'], ['lat', 'float8'], ['lon', 'float8'],
  ['public_welfare', 'boolean'], ['status', 'text', 'vacancy_status'], ['published_at', 'timestamptz'], ['expires_at', 'timestamptz'],
  ['screening_outcome', 'text', 'screening_outcome'], ['screening_findings', 'jsonb'], ['source', 'text'], ['external_ref', 'text'],
];
const recordset = (extra: [string, string][] = []) =>
  `jsonb_to_recordset($1::jsonb) as x(${[...extra, ...COLUMNS].map(([c, t]) => `${c} ${t}`).join(', ')})`;
const cast = ([c, , to]: [string, string, string?]) => (to ? `x.${c}::${to}` : `x.${c}`);

const INSERT_SQL = `
insert into vacancies (${COLUMNS.map((c) => c[0]).join(', ')})
select ${COLUMNS.map(cast).join(', ')} from ${recordset()}
on conflict (employer_id, external_ref) where external_ref is not null do nothing
returning id, external_ref, employer_id`;

const UPDATED = COLUMNS.filter(([c]) => !['employer_id', 'source', 'external_ref'].includes(c));
const UPDATE_SQL = `
update vacancies v set ${UPDATED.map((c) => `${c[0]} = ${cast(c)}`).join(', ')}, version = v.version + 1, updated_at = now()
from ${recordset([['id', 'uuid']])}
where v.id = x.id
  and (${CONTENT.map((c) => `v.${c}`).join(', ')}) is distinct from (${CONTENT.map((c) => cast(COLUMNS.find((k) => k[0] === c)!)).join(', ')})
returning v.id`;

async function run(tx: Tx, text: string, records: unknown[]): Promise<Record<string, string>[]> {
  const [head, tail] = text.split('$1');
  return (await tx.execute(sql`${sql.raw(head!)}${JSON.stringify(records)}${sql.raw(tail!)}`)) as unknown as Record<string, string>[];
}

type Existing = Pick<typeof vacancies.$inferSelect, 'id' | 'employerId' | 'externalRef' | 'officeId' | 'status' | 'publicWelfare' | 'publishedAt'>;

const refuse = (row: number, field: string, en: string, zh: string) => ({ row, field, message: `${en} / ${zh}` });

/** Writes one batch of prepared rows in the caller's transaction. */
export async function writeImportedVacancies(tx: Tx, items: ImportItem[], target: ImportTarget): Promise<ImportOutcome> {
  const out: ImportOutcome = { inserted: [], updated: [], unchanged: 0, refused: [] };
  if (!items.length) return out;
  const existing = await tx
    .select({
      id: vacancies.id, employerId: vacancies.employerId, externalRef: vacancies.externalRef, officeId: vacancies.officeId,
      status: vacancies.status, publicWelfare: vacancies.publicWelfare, publishedAt: vacancies.publishedAt,
    })
    .from(vacancies)
    .where(and(inArray(vacancies.employerId, [...new Set(items.map((i) => i.employerId))]), inArray(vacancies.externalRef, items.map((i) => i.externalRef))))
    .for('update');
  const byKey = new Map<string, Existing>(existing.map((e) => [`${e.employerId}\u0000${e.externalRef}`, e]));
  // The same office question for many rows: ask once per (employer, office).
  const allowed = new Map<string, boolean>();
  const mayWrite = async (t: { employerId: string; officeId: string }) => {
    const key = `${t.employerId}|${t.officeId}`;
    if (!allowed.has(key)) allowed.set(key, await canWriteVacancy(tx, target.uploader, t));
    return allowed.get(key)!;
  };
  const pes = (POLICY['vacancy.set-public-welfare'].roles as readonly string[]).includes(target.uploader.role);

  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const insertedRow = new Map<string, number>();
  for (const item of items) {
    const prior = byKey.get(`${item.employerId}\u0000${item.externalRef}`);
    if (item.fields.publicWelfare && !pes && !prior?.publicWelfare) {
      out.refused.push(refuse(item.row, 'publicWelfare', 'only PES staff mark a vacancy as a public welfare post', '仅公共就业服务工作人员可设置公益性岗位'));
      continue;
    }
    if (prior && !(await mayWrite(prior))) {
      out.refused.push(refuse(item.row, 'externalRef', 'a vacancy with this reference belongs to another office, which you may not change; it was left as it is', '该编号的岗位属于其他机构，您无权修改，未作改动'));
      continue;
    }
    if (prior && !EDITABLE_STATUSES.includes(prior.status)) {
      out.refused.push(refuse(item.row, 'externalRef', `the vacancy with this reference is ${prior.status} and can no longer be changed`, `该编号的岗位已${prior.status === 'filled' ? '招满' : '过期'}，不能再修改`));
      continue;
    }
    const status = statusFor(prior?.status ?? null, item.screening.outcome, target.publish);
    if (status === 'blocked') {
      const f = item.screening.findings.find((x) => x.status === 'open' && x.severity === 'block');
      out.refused.push(refuse(item.row, f?.field.replace(/^fields\./, '') ?? '*', `${f?.message.en ?? 'blocked by screening'} ("${f?.span.text ?? ''}")`, f?.message.zh ?? '未通过审查'));
      continue;
    }
    const c = vacancyColumns(item.fields, item.derived);
    const record = {
      employer_id: item.employerId,
      fair_id: target.fairId,
      office_id: target.officeId,
      title: c.title,
      description: c.description,
      requirements: c.requirements,
      how_to_apply: c.howToApply,
      occupation_system: c.occupationSystem,
      occupation_code: c.occupationCode,
      isco_unit: c.iscoUnit,
      skills: c.skills,
      headcount: c.headcount,
      wage_min: c.wageMin,
      wage_max: c.wageMax,
      wage_unit: c.wageUnit,
      wage_monthly_min: c.wageMonthlyMin,
      wage_monthly_max: c.wageMonthlyMax,
      education_min: c.educationMin,
      experience_min_years: c.experienceMinYears,
      contract_type: c.contractType,
      district_code: c.districtCode,
      lat: c.lat,
      lon: c.lon,
      public_welfare: c.publicWelfare,
      status,
      published_at: status === 'published' ? (prior?.publishedAt ?? target.now).toISOString() : (prior?.publishedAt?.toISOString() ?? null),
      expires_at: c.expiresAt?.toISOString() ?? null,
      screening_outcome: item.screening.outcome,
      screening_findings: item.screening.findings,
      source: 'import',
      external_ref: item.externalRef,
    };
    if (prior) updates.push({ id: prior.id, ...record });
    else {
      inserts.push(record);
      insertedRow.set(`${item.employerId}\u0000${item.externalRef}`, item.row);
    }
  }

  if (inserts.length) {
    const rows = await run(tx, INSERT_SQL, inserts);
    out.inserted = rows.map((r) => r.id!);
    // A row another upload inserted meanwhile (the conflict target): not overwritten unchecked.
    const got = new Set(rows.map((r) => `${r.employer_id}\u0000${r.external_ref}`));
    for (const [key, row] of insertedRow) {
      if (!got.has(key)) out.refused.push(refuse(row, 'externalRef', 'another upload created this vacancy at the same moment; import the file again', '另一导入同时创建了该岗位，请重新导入'));
    }
  }
  if (updates.length) out.updated = (await run(tx, UPDATE_SQL, updates)).map((r) => r.id!);
  out.unchanged = updates.length - out.updated.length;
  await vacanciesChanged(tx, [...out.inserted, ...out.updated]);
  return out;
}

/**
 * The publish gate for an imported row, as for the API: a blocking finding refuses it; a
 * finding needing review holds it for staff; otherwise it is published when the upload asks
 * for that. A closed or rejected vacancy keeps its status (content only, as PATCH does).
 */
function statusFor(current: VacancyStatus | null, outcome: 'pass' | 'review' | 'block', publish: boolean): VacancyStatus | 'blocked' {
  if (current === 'closed' || current === 'rejected') return outcome === 'block' ? 'blocked' : current;
  const live = current === 'published' || current === 'pending_review';
  if (live || publish || outcome !== 'pass') {
    const decision = gateDecision(outcome, 'published');
    if (decision === 'blocked') return 'blocked';
    if (!live && !publish && decision === 'published') return current ?? 'draft';
    return decision;
  }
  return current ?? 'draft';
}

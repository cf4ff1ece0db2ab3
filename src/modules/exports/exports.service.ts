import type { DbOrTx } from '../../db/client.js';
import { AppError, invalid } from '../../lib/errors.js';
import { maskName, seekerAlias } from '../../lib/masking.js';
import { assertAllowed } from '../../lib/policy.js';
import { writeTable, type Sheet, type TabularFormat } from '../../lib/tabular.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { fairResultRows, getFair } from '../fairs/index.js';
import { listPlacements, listReferrals, referralRowsForList } from '../referrals/index.js';
import { listMaskedSeekers } from '../seekers/index.js';
import { listVacanciesFor } from '../vacancies/index.js';
import { EDUCATION, PRIORITY_GROUP_VALUES, REFERRAL_OUTCOME_VALUES, SEEKER_STATUS_VALUES, VACANCY_STATUS_VALUES } from '../../vocabulary/index.js';

/** Values a filter may take for each list (the query is shared, the vocabularies are not). */
function checkVocabulary(list: ExportList, f: ExportFilter) {
  const one = (field: keyof ExportFilter, allowed: readonly string[]) => {
    const v = f[field];
    if (v !== undefined && !allowed.includes(String(v))) {
      throw invalid(`query.${field}`, `must be one of ${allowed.join(', ')} for ${list}`, `取值须为：${allowed.join('、')}`);
    }
  };
  if (list === 'vacancies') one('status', VACANCY_STATUS_VALUES);
  else if (list === 'seekers') one('status', SEEKER_STATUS_VALUES);
  else if (f.status !== undefined) throw invalid('query.status', `is not a filter of ${list}`, '该列表不支持此筛选条件');
  one('education', EDUCATION);
  one('priorityGroup', PRIORITY_GROUP_VALUES);
  one('outcome', REFERRAL_OUTCOME_VALUES);
}

export const EXPORT_LISTS = ['vacancies', 'seekers', 'referrals', 'placements', 'fair-results'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/** More rows than this is a report, not a list: ask for a narrower filter (422 naming it). */
export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 1000;

export interface ExportFilter {
  status?: string;
  employerId?: string;
  fairId?: string;
  districtCode?: string;
  officeId?: string;
  publicWelfare?: boolean;
  education?: string;
  priorityGroup?: string;
  seekerId?: string;
  vacancyId?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

/** Who may export which list: the roles of the list it exports (the route admits all four). */
const LIST_ROLES: Record<ExportList, readonly string[]> = {
  vacancies: ['admin', 'staff', 'organiser', 'employer'],
  seekers: ['admin', 'staff'],
  referrals: ['admin', 'staff'],
  placements: ['admin', 'staff'],
  'fair-results': ['admin', 'staff', 'organiser'],
};

const pad = (n: number) => String(n).padStart(2, '0');
/** A moment as people read it: Asia/Shanghai wall clock (UTC+8, no daylight saving), minutes. */
export function shanghai(d: Date | null | undefined): string {
  if (!d) return '';
  const l = new Date(d.getTime() + 8 * 3600_000);
  return `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`;
}

async function allPages<T>(fetch: (limit: number, offset: number) => Promise<{ rows: T[]; total: number }>, field: string): Promise<T[]> {
  const first = await fetch(PAGE, 0);
  if (first.total > MAX_EXPORT_ROWS) {
    throw invalid(field, `selects ${first.total} rows; at most ${MAX_EXPORT_ROWS} per export (narrow the filter)`, `共 ${first.total} 行，每次最多导出 ${MAX_EXPORT_ROWS} 行，请缩小筛选范围`);
  }
  const out = [...first.rows];
  for (let offset = PAGE; offset < first.total; offset += PAGE) out.push(...(await fetch(PAGE, offset)).rows);
  return out;
}

async function vacanciesSheet(db: DbOrTx, actor: AuditActor, f: ExportFilter): Promise<Sheet> {
  const rows = await allPages(
    (limit, offset) =>
      listVacanciesFor(db, actor.principal, {
        status: f.status as never,
        employerId: f.employerId,
        fairId: f.fairId,
        districtCode: f.districtCode,
        officeId: f.officeId,
        publicWelfare: f.publicWelfare,
        sort: 'createdAt',
        order: 'desc',
        limit,
        offset,
      }),
    'query.status',
  );
  return {
    name: '岗位 vacancies',
    header: ['岗位编号 id', '岗位名称 title', '状态 status', '招聘人数 headcount', '薪资下限 wage min', '薪资上限 wage max', '薪资单位 unit', '区县 district', '职业代码 occupation', '公益性岗位 public welfare', '发布时间 published', '截止 expires'],
    rows: rows.map((v) => [
      v.id,
      v.title,
      v.status,
      v.headcount,
      v.wageMin,
      v.wageMax,
      v.wageUnit,
      v.districtCode,
      v.occupationCode,
      v.publicWelfare ? '是' : '否',
      shanghai(v.publishedAt),
      shanghai(v.expiresAt),
    ]),
  };
}

/** Masked: the alias and the masked name only (never national ID, phone, birth date or address). */
async function seekersSheet(db: DbOrTx, actor: AuditActor, f: ExportFilter): Promise<Sheet> {
  const filter = { status: f.status as never, districtCode: f.districtCode, education: f.education as never, officeId: f.officeId, priorityGroup: f.priorityGroup as never, order: 'desc' as const };
  // listMaskedSeekers applies the sensitive-list rule (priority group: own office tree, audited).
  const items = await allPages(async (limit, offset) => {
    const page = await listMaskedSeekers(db, { ...filter, page: offset / limit + 1, pageSize: limit }, actor);
    return { rows: page.items, total: page.total };
  }, 'query.officeId');
  return {
    name: '求职者 seekers',
    header: ['编号 alias', '姓名 name (masked)', '年龄段 age band', '区县 district', '学历 education', '工作年限 experience', '意向职业 occupation', '可到岗 available from', '状态 status', '登记时间 registered'],
    rows: items.map((s) => [seekerAlias(s.id), s.maskedName, s.ageBand, s.districtCode, s.education, s.experienceYears, s.desiredOccupation ?? '', s.availableFrom ?? '', s.status, shanghai(new Date(s.registeredAt))]),
  };
}

async function referralsSheet(db: DbOrTx, f: ExportFilter): Promise<Sheet> {
  const base = { seekerId: f.seekerId, vacancyId: f.vacancyId, officeId: f.officeId, outcome: f.outcome as never, order: 'desc' as const };
  const rows = (await allPages((limit, offset) => listReferrals(db, { ...base, page: offset / limit + 1, pageSize: limit }), 'query.officeId')).map((x) => x.r);
  const names = new Map((await referralRowsForList(db, rows.map((r) => r.id))).map((r) => [r.id, r]));
  return {
    name: '推荐 referrals',
    header: ['推荐编号 id', '求职者 alias', '姓名 name (masked)', '岗位 vacancy', '用人单位 employer', '推荐机构 office', '结果 outcome', '结果时间 outcome at', '推荐时间 referred at'],
    rows: rows.map((r) => {
      const n = names.get(r.id);
      return [r.id, seekerAlias(r.seekerId), maskName(n?.seekerName), n?.vacancyTitle ?? '', n?.employerName ?? '', n?.officeName ?? '', r.outcome, shanghai(r.outcomeAt), shanghai(r.createdAt)];
    }),
  };
}

async function placementsSheet(db: DbOrTx, f: ExportFilter): Promise<Sheet> {
  const rows = await allPages((limit, offset) => listPlacements(db, { officeId: f.officeId, employerId: f.employerId, from: f.from, to: f.to, limit, offset }), 'query.from');
  return {
    name: '就业登记 placements',
    header: ['编号 id', '求职者 alias', '姓名 name (masked)', '用人单位 employer', '岗位 vacancy', '登记机构 office', '合同开始 contract start', '合同期限(月) months', '月工资 monthly wage', '经推荐 via referral'],
    rows: rows.map((p) => [p.id, seekerAlias(p.seekerId), maskName(p.seekerName), p.employerName, p.vacancyTitle ?? '', p.officeName, String(p.contractStart), p.contractMonths, p.monthlyWage, p.referralId ? '是' : '否']),
  };
}

async function fairResultsSheet(db: DbOrTx, actor: AuditActor, f: ExportFilter): Promise<Sheet> {
  if (!f.fairId) throw invalid('query.fairId', 'is required for fair-results', '导出招聘会结果须指定 fairId');
  const fair = await getFair(db, f.fairId);
  // Results of a fair are for the offices running it (fair.write scope), like its booths and attendance.
  await assertAllowed(db, actor.principal, 'fair.write', { officeId: fair.officeId });
  const rows = await fairResultRows(db, f.fairId);
  const sum = (k: 'vacancies' | 'positions' | 'intentionsReached') => rows.reduce((a, r) => a + (r[k] ?? 0), 0);
  return {
    name: '招聘会结果 fair results',
    header: ['展位 booth', '用人单位 employer', '岗位数 vacancies', '招聘人数 positions', '达成意向 intentions'],
    rows: [
      ...rows.map((r) => [r.boothNo, r.employerName, r.vacancies, r.positions, r.intentionsReached]),
      ['合计 total', `${fair.name}（到场 attendance: ${fair.attendance ?? '—'}）`, sum('vacancies'), sum('positions'), sum('intentionsReached')],
    ],
  };
}

/**
 * One list as CSV or .xlsx, with the list's own filters and scope (an employer exports only
 * its vacancies; seekers are masked; a priority-group filter stays in the caller's office tree).
 * Each export is audited: who, which list, which filters (ids and codes only), how many rows.
 */
export async function exportList(db: DbOrTx, actor: AuditActor, list: ExportList, format: TabularFormat, f: ExportFilter): Promise<{ body: Buffer; filename: string; rows: number }> {
  const p = actor.principal;
  if (!LIST_ROLES[list].includes(p.role)) {
    throw new AppError(403, 'FORBIDDEN', { en: `Role ${p.role} may not export ${list}`, zh: `角色 ${p.role} 无权导出该列表` });
  }
  checkVocabulary(list, f);
  if (f.from && f.to && f.from > f.to) throw invalid('query.from', 'is after query.to', '开始日期晚于结束日期');
  const sheet =
    list === 'vacancies'
      ? await vacanciesSheet(db, actor, f)
      : list === 'seekers'
        ? await seekersSheet(db, actor, f)
        : list === 'referrals'
          ? await referralsSheet(db, f)
          : list === 'placements'
            ? await placementsSheet(db, f)
            : await fairResultsSheet(db, actor, f);
  const body = await writeTable(format, sheet);
  const filters = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
  await recordAudit(db, actor, {
    action: 'export',
    subject: { type: 'list', id: list },
    fields: list === 'seekers' || list === 'referrals' || list === 'placements' ? ['maskedName'] : [],
    reason: `${list}.${format}: ${sheet.rows.length} rows`,
    details: { list, format, filters, rows: sheet.rows.length },
  });
  const day = shanghai(new Date()).slice(0, 10);
  return { body, filename: `${list}-${day}.${format}`, rows: sheet.rows.length };
}

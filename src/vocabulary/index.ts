/**
 * The service's vocabulary, defined once: every enum value with its Chinese and English label,
 * and the shared predicates ("open vacancy", ISO week, the national-ID check). Database enums
 * (pgEnum), TypeBox literals, report labels and the browser's options (GET /vocabulary) are all
 * built from these lists, so adding a value or changing a label is one edit here.
 *
 * The order of each list is the order of its Postgres enum: pgEnum values must not be reordered
 * (a migration cannot reorder enum labels), only appended.
 *
 * This module depends on nothing but TypeBox and drizzle's `sql` tag: any module, the workers,
 * the seeds and the scripts may import it.
 */
import { Type, type TUnsafe } from '@sinclair/typebox';
import { sql as dsql, type SQL } from 'drizzle-orm';
import type postgres from 'postgres';

export interface Term<V extends string = string> {
  value: V;
  zh: string;
  en: string;
}
type Values<L extends readonly Term[]> = L[number]['value'];

const terms = <const L extends readonly Term[]>(list: L) => list;

/** The values of a list, typed as a non-empty tuple (what drizzle's pgEnum wants). */
export const valuesOf = <L extends readonly Term[]>(list: L) =>
  list.map((t) => t.value) as unknown as [Values<L>, ...Values<L>[]];

/** A TypeBox string enum of a list's values (keeps the literal type; OpenAPI shows `enum`). */
export const literalOf = <L extends readonly Term[]>(list: L, opts: { description?: string } = {}): TUnsafe<Values<L>> =>
  Type.Unsafe<Values<L>>({ type: 'string', enum: list.map((t) => t.value), ...opts });

/** Value → term, for label lookups. */
export const byValue = <L extends readonly Term[]>(list: L) => new Map<string, Term>(list.map((t) => [t.value, t]));

/** The label of a value in one language; the value itself when unknown (never throws on old data). */
export function labelOf(list: readonly Term[], value: string | null | undefined, lang: 'zh' | 'en'): string {
  if (value == null) return '';
  return list.find((t) => t.value === value)?.[lang] ?? value;
}

// ---------------------------------------------------------------------------------------------
// Education (学历). Ordered lowest to highest: the order is the rank matching and search use.

export const EDUCATION_LEVELS = terms([
  { value: 'none', zh: '不限', en: 'None / any' },
  { value: 'primary', zh: '小学', en: 'Primary' },
  { value: 'junior_secondary', zh: '初中', en: 'Junior secondary' },
  { value: 'senior_secondary', zh: '高中', en: 'Senior secondary' },
  { value: 'vocational', zh: '中专/技校/职高', en: 'Secondary vocational' },
  { value: 'associate', zh: '大专', en: 'Associate (dazhuan)' },
  { value: 'bachelor', zh: '本科', en: "Bachelor's" },
  { value: 'master', zh: '硕士', en: "Master's" },
  { value: 'doctorate', zh: '博士', en: 'Doctorate' },
]);
export const EDUCATION = valuesOf(EDUCATION_LEVELS);
export type EducationLevel = (typeof EDUCATION)[number];
/** 0 (none) … 8 (doctorate). */
export const educationRank = (level: string): number => EDUCATION.indexOf(level as EducationLevel);

// ---------------------------------------------------------------------------------------------
// Job fairs (招聘会): the municipal rhythm (monthly theme, Saturday, county weekly, street fortnightly).

export const FAIR_KINDS = terms([
  { value: 'city_theme_monthly', zh: '市级主题招聘会（每月）', en: 'City theme fair (monthly)' },
  { value: 'weekly_saturday', zh: '周六招聘会', en: 'Saturday fair' },
  { value: 'county_weekly', zh: '区县招聘会（每周）', en: 'County fair (weekly)' },
  { value: 'street_fortnightly', zh: '街道招聘会（双周）', en: 'Street fair (fortnightly)' },
  { value: 'campus', zh: '校园招聘会', en: 'Campus fair' },
  { value: 'online', zh: '网络招聘会', en: 'Online fair' },
  { value: 'special_campaign', zh: '专项活动招聘会', en: 'Special campaign fair' },
]);
export const FAIR_KIND_VALUES = valuesOf(FAIR_KINDS);
export type FairKind = (typeof FAIR_KIND_VALUES)[number];

// ---------------------------------------------------------------------------------------------
// Vacancies

export const CONTRACT_TYPES = terms([
  { value: 'full_time', zh: '全职', en: 'Full-time' },
  { value: 'part_time', zh: '兼职', en: 'Part-time' },
  { value: 'temporary', zh: '临时', en: 'Temporary' },
  { value: 'internship', zh: '实习', en: 'Internship' },
  { value: 'flexible', zh: '灵活就业', en: 'Flexible' },
]);
export const CONTRACT_TYPE_VALUES = valuesOf(CONTRACT_TYPES);
export type ContractType = (typeof CONTRACT_TYPE_VALUES)[number];

/** Pay units; monthly equivalents are in src/lib/wages.ts (day × 21.75, hour × 8 × 21.75, year ÷ 12). */
export const PAY_UNITS = terms([
  { value: 'month', zh: '元/月', en: 'CNY a month' },
  { value: 'day', zh: '元/天', en: 'CNY a day' },
  { value: 'hour', zh: '元/小时', en: 'CNY an hour' },
  { value: 'year', zh: '元/年', en: 'CNY a year' },
  { value: 'piece', zh: '计件', en: 'Piece rate' },
]);
export const PAY_UNIT_VALUES = valuesOf(PAY_UNITS);
export type PayUnit = (typeof PAY_UNIT_VALUES)[number];

export const VACANCY_STATUSES = terms([
  { value: 'draft', zh: '草稿', en: 'Draft' },
  { value: 'pending_review', zh: '待审核', en: 'Pending review' },
  { value: 'published', zh: '已发布', en: 'Published' },
  { value: 'closed', zh: '已关闭', en: 'Closed' },
  { value: 'filled', zh: '已招满', en: 'Filled' },
  { value: 'expired', zh: '已过期', en: 'Expired' },
  { value: 'rejected', zh: '已驳回', en: 'Rejected' },
]);
export const VACANCY_STATUS_VALUES = valuesOf(VACANCY_STATUSES);
export type VacancyStatus = (typeof VACANCY_STATUS_VALUES)[number];

/**
 * The one definition of an open vacancy: published and not past its expiry. Everything that
 * shows or counts "open" vacancies (kiosk, public search documents, matching, fair statistics)
 * uses one of the three forms below, so they cannot drift apart.
 */
export const OPEN_VACANCY_STATUS = 'published' satisfies VacancyStatus;

export function isOpenVacancy(v: { status: string; expiresAt: Date | string | null }, now: Date = new Date()): boolean {
  if (v.status !== OPEN_VACANCY_STATUS) return false;
  return v.expiresAt === null || new Date(v.expiresAt).getTime() > now.getTime();
}

/**
 * postgres.js fragment: `<alias>.status = 'published' and (<alias>.expires_at is null or … > now)`.
 * `now` defaults to the database's now() (the statement's transaction time).
 */
export function openVacancySql(sql: postgres.Sql, alias = 'v', now?: Date): postgres.PendingQuery<postgres.Row[]> {
  const col = (c: string) => sql(`${alias}.${c}`);
  const at = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  return sql`(${col('status')} = ${OPEN_VACANCY_STATUS} and (${col('expires_at')} is null or ${col('expires_at')} > ${at}))`;
}

/** The same condition for drizzle (builder queries), given the status and expiry columns. */
export function openVacancyCondition(cols: { status: unknown; expiresAt: unknown }, now?: Date): SQL {
  const at = now ? dsql`${now.toISOString()}::timestamptz` : dsql`now()`;
  return dsql`(${cols.status} = ${OPEN_VACANCY_STATUS} and (${cols.expiresAt} is null or ${cols.expiresAt} > ${at}))`;
}

// ---------------------------------------------------------------------------------------------
// Referrals (职业介绍)

export const REFERRAL_OUTCOMES = terms([
  { value: 'pending', zh: '待反馈', en: 'Pending' },
  { value: 'interviewed', zh: '已面试', en: 'Interviewed' },
  { value: 'hired', zh: '已录用', en: 'Hired' },
  { value: 'rejected', zh: '未录用', en: 'Rejected' },
  { value: 'declined', zh: '求职者放弃', en: 'Declined by the job seeker' },
  { value: 'no_show', zh: '未到场', en: 'No-show' },
]);
export const REFERRAL_OUTCOME_VALUES = valuesOf(REFERRAL_OUTCOMES);
export type ReferralOutcome = (typeof REFERRAL_OUTCOME_VALUES)[number];

/** Where a referral may go next. hired, rejected, declined and no_show are final. */
export const REFERRAL_TRANSITIONS: Record<ReferralOutcome, readonly ReferralOutcome[]> = {
  pending: ['interviewed', 'declined', 'no_show', 'rejected', 'hired'],
  interviewed: ['hired', 'rejected', 'declined', 'no_show'],
  hired: [],
  rejected: [],
  declined: [],
  no_show: [],
};

/**
 * The transitions as a flat list for clients: value `from>to` (e.g. `pending>interviewed`),
 * labelled with the outcome it records. A client offers, for a referral in state S, the entries
 * whose value starts with `S>`, in this order.
 */
export const REFERRAL_NEXT_STEPS: readonly Term[] = REFERRAL_OUTCOME_VALUES.flatMap((from) =>
  REFERRAL_TRANSITIONS[from].map((to) => {
    const t = REFERRAL_OUTCOMES.find((o) => o.value === to)!;
    return { value: `${from}>${to}`, zh: t.zh, en: t.en };
  }),
);

// ---------------------------------------------------------------------------------------------
// Job seekers (求职者)

/** 就业困难人员 and other priority groups: used only for policy (public welfare posts) and statistics. */
export const PRIORITY_GROUPS = terms([
  { value: 'age_4050', zh: '"4050"人员', en: '"4050" (women 40+, men 50+)' },
  { value: 'disabled', zh: '残疾人', en: 'People with disabilities' },
  { value: 'zero_employment_household', zh: '零就业家庭成员', en: 'Zero-employment households' },
  { value: 'long_term_unemployed', zh: '长期失业人员', en: 'Long-term unemployed' },
  { value: 'minimum_living_allowance', zh: '低保家庭成员', en: 'Minimum living allowance households' },
  { value: 'land_lost_farmer', zh: '失地农民', en: 'Farmers who lost their land' },
  { value: 'graduate_unemployed', zh: '离校未就业高校毕业生', en: 'Unemployed graduates' },
  { value: 'veteran', zh: '退役军人', en: 'Veterans' },
]);
export const PRIORITY_GROUP_VALUES = valuesOf(PRIORITY_GROUPS);
export type PriorityGroup = (typeof PRIORITY_GROUP_VALUES)[number];

export const SEEKER_STATUSES = terms([
  { value: 'active', zh: '求职中', en: 'Active' },
  { value: 'placed', zh: '已就业', en: 'Placed' },
  { value: 'inactive', zh: '已注销', en: 'Inactive' },
]);
export const SEEKER_STATUS_VALUES = valuesOf(SEEKER_STATUSES);
export type SeekerStatus = (typeof SEEKER_STATUS_VALUES)[number];

// ---------------------------------------------------------------------------------------------
// Occupations: ISCO-08 major groups, named as in the wage guidance and seeds/taxonomy/isco-groups-zh.json.

export const ISCO_MAJOR_GROUPS = terms([
  { value: '0', zh: '军人', en: 'Armed forces occupations' },
  { value: '1', zh: '管理者', en: 'Managers' },
  { value: '2', zh: '专业人员', en: 'Professionals' },
  { value: '3', zh: '技术员和助理专业人员', en: 'Technicians and associate professionals' },
  { value: '4', zh: '办事人员', en: 'Clerical support workers' },
  { value: '5', zh: '服务和销售人员', en: 'Service and sales workers' },
  { value: '6', zh: '农林牧渔业技术工人', en: 'Skilled agricultural, forestry and fishery workers' },
  { value: '7', zh: '工艺及相关行业工人', en: 'Craft and related trades workers' },
  { value: '8', zh: '设备和机器操作员及装配工', en: 'Plant and machine operators, and assemblers' },
  { value: '9', zh: '简单劳动职业', en: 'Elementary occupations' },
]);

// ---------------------------------------------------------------------------------------------
// National ID (公民身份号码, GB 11643-1999): 17 digits + check character; weight i = 2^(17-i) mod 11.

export const NATIONAL_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character by (weighted sum mod 11). */
export const NATIONAL_ID_CHECK = '10X98765432';

export function nationalIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * NATIONAL_ID_WEIGHTS[i]!;
  return NATIONAL_ID_CHECK[sum % 11]!;
}

// ---------------------------------------------------------------------------------------------
// ISO weeks on the Shanghai calendar: the one implementation (reports, schedules, the browser's week picker via the server).

export * from './iso-week.js';

// ---------------------------------------------------------------------------------------------
// The lists served to clients (GET /vocabulary). Names are a public contract: the workbench and
// kiosk read them by these keys.

export const VOCABULARY_LISTS = {
  educationLevels: EDUCATION_LEVELS,
  fairKinds: FAIR_KINDS,
  contractTypes: CONTRACT_TYPES,
  payUnits: PAY_UNITS,
  vacancyStatuses: VACANCY_STATUSES,
  referralOutcomes: REFERRAL_OUTCOMES,
  referralNextSteps: REFERRAL_NEXT_STEPS,
  priorityGroups: PRIORITY_GROUPS,
  seekerStatuses: SEEKER_STATUSES,
  iscoMajorGroups: ISCO_MAJOR_GROUPS,
} as const satisfies Record<string, readonly Term[]>;
export type VocabularyListName = keyof typeof VOCABULARY_LISTS;

/** Dimensions, labels and the written definitions that every rendered report carries. */
import { EDUCATION_LEVELS, FAIR_KINDS, PRIORITY_GROUPS, REFERRAL_OUTCOME_VALUES, REFERRAL_OUTCOMES, type Term } from '../../vocabulary/index.js';

export type Lang = 'zh' | 'en';
export interface Label {
  zh: string;
  en: string;
}

/** The breakdown tables, in report order. `side` says which figures a row can carry. */
export const DIMENSIONS = {
  total: { side: 'both', zh: '合计', en: 'Total' },
  isco_major: { side: 'both', zh: '职业大类（国际标准职业分类 ISCO-08）', en: 'Occupation (ISCO-08 major group)' },
  isco_submajor: { side: 'both', zh: '职业中类（国际标准职业分类 ISCO-08）', en: 'Occupation (ISCO-08 sub-major group)' },
  industry: { side: 'demand', zh: '行业（GB/T 4754-2017 门类）', en: 'Industry (GB/T 4754-2017 section)' },
  district: { side: 'both', zh: '区域', en: 'District' },
  education: { side: 'both', zh: '文化程度（需求：要求；供给：具有）', en: 'Education (demand: required; supply: held)' },
  age_band: { side: 'supply', zh: '求职者年龄段', en: 'Age band of job seekers' },
  sex: { side: 'supply', zh: '求职者性别', en: 'Sex of job seekers' },
  priority_group: { side: 'supply', zh: '重点群体（就业困难人员等）', en: 'Priority groups' },
  shortage: { side: 'both', zh: '紧缺职业前十（求人倍率最高）', en: 'Top 10 shortage occupations (highest active ratio)' },
  surplus: { side: 'both', zh: '过剩职业前十（求人倍率最低）', en: 'Top 10 surplus occupations (lowest active ratio)' },
  fairs: { side: 'other', zh: '本周举办的招聘会', en: 'Job fairs held this week' },
  referrals: { side: 'other', zh: '职业介绍及结果', en: 'Referrals and outcomes' },
} as const satisfies Record<string, Label & { side: 'both' | 'demand' | 'supply' | 'other' }>;

export type Dimension = keyof typeof DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];

/** Minimum active positions (shortage) or active seekers (surplus) for an occupation to be ranked. */
export const RANKING_MIN_VOLUME = 10;

export { INDUSTRY_LABELS } from '../employers/index.js';

/** Labels keyed by value, from the vocabulary; the report adds its own rows (any, none, created, all). */
const labelsOf = (list: readonly Term[]): Record<string, Label> => Object.fromEntries(list.map((t) => [t.value, { zh: t.zh, en: t.en }]));

export const EDUCATION_LABELS: Record<string, Label> = {
  ...labelsOf(EDUCATION_LEVELS),
  // One row counts both sides: a vacancy's "no requirement" and a seeker's "no schooling".
  none: { zh: '不限（需求）/ 无学历（供给）', en: 'No requirement (demand) / none (supply)' },
};
export const EDUCATION_ORDER = Object.keys(EDUCATION_LABELS);

export const AGE_BANDS = ['16-24', '25-34', '35-44', '45+', 'under_16'] as const;
export const AGE_LABELS: Record<string, Label> = {
  '16-24': { zh: '16–24 岁', en: '16–24' },
  '25-34': { zh: '25–34 岁', en: '25–34' },
  '35-44': { zh: '35–44 岁', en: '35–44' },
  '45+': { zh: '45 岁及以上', en: '45 and over' },
  under_16: { zh: '16 岁以下', en: 'Under 16' },
};

export const SEX_LABELS: Record<string, Label> = { female: { zh: '女', en: 'Female' }, male: { zh: '男', en: 'Male' } };

export const PRIORITY_LABELS: Record<string, Label> = {
  any: { zh: '任一重点群体', en: 'Any priority group' },
  ...labelsOf(PRIORITY_GROUPS),
  none: { zh: '非重点群体', en: 'Not in a priority group' },
};

export const OUTCOME_LABELS: Record<string, Label> = {
  created: { zh: '本周推荐', en: 'Referrals made this week' },
  ...labelsOf(REFERRAL_OUTCOMES),
};
export const OUTCOMES = REFERRAL_OUTCOME_VALUES;

export const FAIR_KIND_LABELS: Record<string, Label> = {
  all: { zh: '全部招聘会', en: 'All fairs' },
  ...labelsOf(FAIR_KINDS),
};

export const UNKNOWN: Label = { zh: '未注明', en: 'Not stated' };
export const TOTAL: Label = { zh: '合计', en: 'Total' };

/**
 * The definitions printed in every report (and returned by the JSON API), so a reader can
 * recompute each figure from the records. Keep in step with supply-demand.repository.ts.
 */
export const DEFINITIONS: { term: Label; text: Label }[] = [
  {
    term: { zh: '统计周', en: 'Week' },
    text: {
      zh: 'ISO 周，北京时间周一 00:00 至周日 24:00。上周 = 前一个 ISO 周；去年同期 = 上一 ISO 年的同一周次（上一年没有第 53 周时取第 52 周）。',
      en: 'ISO week, Monday 00:00 to Sunday 24:00 Asia/Shanghai. Previous week = the ISO week before; a year earlier = the same ISO week number of the previous ISO year (week 52 when that year has no week 53).',
    },
  },
  {
    term: { zh: '需求人数', en: 'Demand' },
    text: {
      zh: '岗位招聘人数（headcount）之和；岗位数另列。只计曾经发布的岗位（状态为已发布、已关闭、已招满或已过期且有发布时间）。',
      en: 'Positions: the sum of vacancy headcounts (vacancy counts are shown separately). Only vacancies that were published count (status published, closed, filled or expired, with a publication time).',
    },
  },
  {
    term: { zh: '新增需求', en: 'New demand' },
    text: {
      zh: '发布时间（published_at）在本周内的岗位。重新发布的岗位以最近一次发布时间计，计入重新发布当周的新增需求。',
      en: 'Vacancies whose publication time (published_at) falls in the week. A re-published vacancy counts from its latest publication, as new demand in the week it was re-published.',
    },
  },
  {
    term: { zh: '有效需求', en: 'Active demand' },
    text: {
      zh: '本周内任一时刻处于开放状态的岗位：发布时间早于周末，且结束时间晚于周一 00:00（或尚未结束）。结束时间 = 关闭时间与截止时间中较早者；已关闭/已招满/已过期但两者皆空的，取最后更新时间。恰在周一 00:00 到期的岗位不计入。',
      en: 'Vacancies open at any instant of the week: published before the week ended and ending after Monday 00:00 (or not ended). End = the earlier of closed_at and expires_at; for closed, filled or expired vacancies with neither, the last update time. A vacancy expiring exactly at Monday 00:00 is not active.',
    },
  },
  {
    term: { zh: '新增供给', en: 'New supply' },
    text: {
      zh: '求职登记时间（registered_at）在本周内的求职者人数。',
      en: 'Job seekers whose registration time (registered_at) falls in the week.',
    },
  },
  {
    term: { zh: '有效供给', en: 'Active supply' },
    text: {
      zh: '本周内任一时刻登记有效的求职者：登记时间早于周末，且登记结束时间晚于周一 00:00（或尚未结束）。状态为"求职中"者登记未结束；"已就业"者以其最近一次就业登记的合同开始日（北京时间 00:00）为结束时间，无就业登记时取最后更新时间；"已注销"者取最后更新时间。',
      en: 'Job seekers whose registration was in force at any instant of the week: registered before the week ended and the registration ending after Monday 00:00 (or not ended). Status active: not ended. Status placed: ended at the contract start (00:00 Asia/Shanghai) of their latest placement, or the last update time without one. Status inactive: ended at the last update time.',
    },
  },
  {
    term: { zh: '求人倍率', en: 'Ratios' },
    text: {
      zh: '新增求人倍率 = 新增需求人数 ÷ 新增求职人数；有效求人倍率 = 有效需求人数 ÷ 有效求职人数。分母为 0、需求"不限"（如学历不限）或"未注明"的行不计算倍率。',
      en: 'New ratio = new demand ÷ new supply; active ratio (求人倍率) = active demand ÷ active supply. Not shown when the divisor is 0, or for rows whose demand states no requirement (不限, e.g. education "none") or is not stated.',
    },
  },
  {
    term: { zh: '就业与比率', en: 'Placements and rates' },
    text: {
      zh: '就业人数 = 合同开始日在本周内的就业登记。就业率 = 本周就业人数 ÷ 本周新增求职人数 × 100%；岗位满足率 = 本周就业人数 ÷ 本周新增需求人数 × 100%。取值范围：0 以上，没有上限——本周就业的人可能在此前各周登记、所填岗位可能在此前各周发布，分子不是分母的子集，所以新增少的一周比率可超过 100%（例如新增求职 60 人、就业 91 人，就业率为 151.7%）。它们衡量本周的就业量相对本周新增量的大小，不是"新增者中有多少人就业"。分区域、文化程度、年龄、性别、重点群体按求职者属性计；分职业按岗位职业、分行业按用人单位行业计。',
      en: 'Placements = placement records whose contract start falls in the week. Placement rate = placements in the week ÷ new supply in the week × 100%; fill rate = placements in the week ÷ new demand in the week × 100%. Range: 0 upwards with no upper bound. People placed this week may have registered in earlier weeks and the positions they filled may have been published earlier, so the numerator is not a subset of the divisor, and in a week with few new registrations a rate can exceed 100% (60 new seekers and 91 placements give 151.7%). They measure this week\'s placements against this week\'s inflow, not "the share of newcomers placed". By district, education, age, sex and priority group placements follow the job seeker; by occupation, the vacancy; by industry, the employer.',
    },
  },
  {
    term: { zh: '比率的取值范围', en: 'Bounds of the figures' },
    text: {
      zh: '求人倍率：0 以上，无上限（大于 1 表示岗位多于求职者）。需求占比、供给占比：0–100%，各行之和为 100%（"任一重点群体"一行除外）。变化：上周或去年同期没有记录时显示"—"，不与 0 比较。',
      en: 'Ratios: 0 upwards, no upper bound (above 1 means more positions than seekers). Demand and supply shares: 0–100%, summing to 100% over a table (except the "any priority group" row). Changes: shown as "—" when the week compared with has no records, never as a change against zero.',
    },
  },
  {
    term: { zh: '分组口径', en: 'Breakdowns' },
    text: {
      zh: '职业：岗位的 ISCO-08 细类；求职者取第一个意向职业（非 ISCO 编码经职业对照表换算）。区域：GB/T 2260 区县码（街道码取前 6 位）。年龄：所在统计周周日的周岁。性别、重点群体仅为汇总统计，不列个人。重点群体：一人可属多个群体，"任一重点群体"计人数。',
      en: 'Occupation: the vacancy\'s ISCO-08 unit group; for job seekers their first desired occupation (non-ISCO codes mapped through the occupation table). District: GB/T 2260 district code (street codes by their first 6 digits). Age: completed years on the Sunday of the week counted. Sex and priority groups are aggregate statistics only; no person is listed. A person may be in several priority groups; "any priority group" counts people.',
    },
  },
  {
    term: { zh: '变化', en: 'Changes' },
    text: {
      zh: '与上周及去年同期相比：人数为绝对变化；倍率为绝对变化；占比和比率为百分点变化。',
      en: 'Against the previous week and a year earlier: counts as absolute change; ratios as absolute change; shares and rates in percentage points.',
    },
  },
  {
    term: { zh: '紧缺与过剩职业', en: 'Shortage and surplus occupations' },
    text: {
      zh: `按 ISCO-08 细类。紧缺：有效需求不少于 ${RANKING_MIN_VOLUME} 人且有效求人倍率大于 1（无求职者视为最高），按倍率从高到低；过剩：有效求职不少于 ${RANKING_MIN_VOLUME} 人且倍率小于 1，按倍率从低到高。缺口 = 有效需求人数 − 有效求职人数。`,
      en: `By ISCO-08 unit group. Shortage: at least ${RANKING_MIN_VOLUME} active positions and an active ratio above 1 (no seekers ranks highest), highest first; surplus: at least ${RANKING_MIN_VOLUME} active seekers and a ratio below 1, lowest first. Gap = active positions − active seekers.`,
    },
  },
  {
    term: { zh: '招聘会与职业介绍', en: 'Fairs and referrals' },
    text: {
      zh: '招聘会：开始时间在本周内且未取消的招聘会；参会单位为各场展位单位数之和；岗位为关联该招聘会且已发布过的岗位。职业介绍：本周创建的推荐（按当前结果）及本周记录的结果。区域报告按岗位所在区计。',
      en: 'Fairs: fairs starting in the week and not cancelled; employers = booth employers summed over fairs; vacancies = published vacancies linked to the fair. Referrals: referrals made in the week (by current outcome) and outcomes recorded in the week; district reports follow the vacancy\'s district.',
    },
  },
];

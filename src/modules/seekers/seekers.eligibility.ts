import { AppError } from '../../lib/errors.js';
import { ageOn } from '../../lib/masking.js';
import { PRIORITY_GROUPS, PRIORITY_DOCUMENTS } from './seekers.table.js';

export type PriorityGroupValue = (typeof PRIORITY_GROUPS)[number];
export type PriorityDocument = (typeof PRIORITY_DOCUMENTS)[number];

/** The facts a priority group is decided on; all of them are on the seeker row (or derived from the national ID). */
export interface EligibilityFacts {
  /** Null while the form has no national ID yet: age-based groups then say what is missing. */
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  status: 'active' | 'placed' | 'inactive';
  unemployedSince: string | null;
  priorityDocuments: readonly string[];
}

export interface Reason {
  zh: string;
  en: string;
}

export interface GroupEligibility {
  value: PriorityGroupValue;
  eligible: boolean;
  /** Every fact the decision read, met or not, in the order checked. */
  reasons: Reason[];
  /** The unmet ones (empty when eligible). */
  unmet: Reason[];
}

/**
 * 就业困难人员认定 as the counter applies it (municipal rules: 4050 = women from 40, men from 50;
 * long-term unemployed = registered unemployed 12 months or more; the other categories need the
 * certificate seen by staff). The numbers are in docs/adr/0195-priority-group-eligibility.md.
 */
export const ELIGIBILITY = {
  age4050: { female: 40, male: 50 },
  longTermUnemployedMonths: 12,
} as const;

/** Which certificate backs which group; a group not listed here is decided by other facts. */
const DOCUMENT_FOR: Partial<Record<PriorityGroupValue, { doc: PriorityDocument; zh: string; en: string }>> = {
  disabled: { doc: 'disability_certificate', zh: '残疾人证', en: 'disability certificate' },
  minimum_living_allowance: { doc: 'minimum_living_allowance_certificate', zh: '最低生活保障证', en: 'minimum living allowance (低保) certificate' },
  zero_employment_household: { doc: 'zero_employment_household_certificate', zh: '零就业家庭认定证明', en: 'zero-employment household certificate' },
  land_lost_farmer: { doc: 'land_requisition_certificate', zh: '被征地农民证明', en: 'land requisition certificate' },
  graduate_unemployed: { doc: 'graduation_certificate', zh: '毕业证书', en: 'graduation certificate' },
  veteran: { doc: 'veteran_certificate', zh: '退役证', en: 'veteran certificate' },
};

/** Today in the service's zone (Asia/Shanghai): a person turns 40 on their birthday there, not in UTC. */
function todayIn(timeZone: string, now: Date): Date {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return new Date(`${ymd}T00:00:00Z`);
}

function monthsBetween(fromIso: string, to: Date): number {
  const [y, m, d] = fromIso.split('-').map(Number) as [number, number, number];
  let months = (to.getUTCFullYear() - y) * 12 + (to.getUTCMonth() + 1 - m);
  if (to.getUTCDate() < d) months -= 1;
  return months;
}

export function checkGroup(group: PriorityGroupValue, f: EligibilityFacts, opts: { timeZone?: string; now?: Date } = {}): GroupEligibility {
  const today = todayIn(opts.timeZone ?? 'Asia/Shanghai', opts.now ?? new Date());
  const reasons: Reason[] = [];
  const unmet: Reason[] = [];
  const fail = (r: Reason) => {
    reasons.push(r);
    unmet.push(r);
  };
  if (group === 'age_4050' && (!f.birthDate || !f.sex)) {
    fail({ zh: '“4050”人员须先填写身份证号码（出生日期和性别）', en: '"4050" needs the national ID (birth date and sex) first' });
  } else if (group === 'age_4050' && f.birthDate && f.sex) {
    const age = ageOn(f.birthDate, today);
    const min = ELIGIBILITY.age4050[f.sex];
    const sexZh = f.sex === 'female' ? '女性' : '男性';
    const sexEn = f.sex === 'female' ? 'women' : 'men';
    if (age < min) {
      fail({ zh: `“4050”人员须${sexZh}年满${min}周岁，此人${age}周岁`, en: `"4050" needs ${sexEn} aged ${min} or over; this person is ${age}` });
    } else {
      reasons.push({ zh: `${sexZh}，${age}周岁（≥${min}）`, en: `${sexEn === 'women' ? 'woman' : 'man'} aged ${age} (≥ ${min})` });
    }
  }
  if (group === 'long_term_unemployed') {
    const need = ELIGIBILITY.longTermUnemployedMonths;
    if (!f.unemployedSince) {
      fail({ zh: `长期失业人员须填写失业日期（连续失业${need}个月以上）`, en: `long-term unemployed needs the unemployed-since date (${need} months or more)` });
    } else {
      const months = monthsBetween(f.unemployedSince, today);
      if (months < need) {
        fail({ zh: `失业${months}个月，不足${need}个月`, en: `unemployed for ${months} months, fewer than ${need}` });
      } else {
        reasons.push({ zh: `失业${months}个月（≥${need}）`, en: `unemployed for ${months} months (≥ ${need})` });
      }
    }
  }
  const doc = DOCUMENT_FOR[group];
  if (doc) {
    if (f.priorityDocuments.includes(doc.doc)) reasons.push({ zh: `已查验${doc.zh}`, en: `${doc.en} seen` });
    else {
      fail({ zh: `须查验${doc.zh}`, en: `needs the ${doc.en} (priorityDocuments)` });
    }
  }
  // A person in work is not hard to employ today; veterans and graduates are registered for services either way.
  if (f.status === 'placed' && group !== 'veteran' && group !== 'graduate_unemployed') {
    fail({ zh: '已就业人员不属于就业困难人员', en: 'a person in work (status placed) is not in a hard-to-employ group' });
  }
  return { value: group, eligible: unmet.length === 0, reasons, unmet };
}

export function checkGroups(groups: readonly PriorityGroupValue[], f: EligibilityFacts, opts: { timeZone?: string; now?: Date } = {}): GroupEligibility[] {
  return groups.map((g) => checkGroup(g, f, opts));
}

/** 422 PRIORITY_GROUP_NOT_ELIGIBLE naming each refused group by its index in the request body. */
export function assertEligible(groups: readonly PriorityGroupValue[], f: EligibilityFacts, opts: { timeZone?: string; now?: Date } = {}): void {
  const refused = checkGroups(groups, f, opts)
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !r.eligible);
  if (!refused.length) return;
  const en = refused.map(({ r }) => `${r.value}: ${r.unmet.map((x) => x.en).join('; ')}`).join(' | ');
  const zh = refused.map(({ r }) => `${r.value}：${r.unmet.map((x) => x.zh).join('；')}`).join(' | ');
  throw new AppError(
    422,
    'PRIORITY_GROUP_NOT_ELIGIBLE',
    { en: `Not eligible for the priority group: ${en}`, zh: `不符合就业困难人员类别认定条件：${zh}` },
    refused.map(({ r, i }) => ({ field: `body.priorityGroups[${i}]`, message: r.unmet.map((x) => x.en).join('; '), zh: r.unmet.map((x) => x.zh).join('；') })),
  );
}

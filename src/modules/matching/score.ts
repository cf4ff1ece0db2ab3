/**
 * The match score: a weighted sum of components in [0, 1], each with a reason in zh and en.
 * Inputs are the feature types below and nothing else: they carry no name, sex, age,
 * ethnicity, hukou, priority status, phone or ID, so none of those can move a score
 * (DESIGN.md invariant 2). Public-welfare eligibility is decided before scoring, never in it.
 */
import { EDUCATION_LEVELS } from '../../vocabulary/index.js';

export interface SeekerFeatures {
  seekerId: string;
  version: number;
  iscoUnits: string[];
  skillKeys: string[];
  skillLabels: string[];
  districtCode: string | null;
  lat: number | null;
  lon: number | null;
  educationRank: number;
  experienceYears: number;
  desiredWageMin: number | null;
  availability: string;
}

export interface VacancyFeatures {
  vacancyId: string;
  version: number;
  iscoUnit: string | null;
  skillKeys: string[];
  skillLabels: string[];
  skillsImplied: boolean;
  districtCode: string | null;
  lat: number | null;
  lon: number | null;
  wageMax: number | null;
  educationRank: number;
  experienceMinYears: number;
  publishedAt: Date | null;
}

export const WEIGHTS = {
  occupation: 0.3,
  skills: 0.3,
  wage: 0.1,
  education: 0.08,
  experience: 0.07,
  distance: 0.1,
  availability: 0.03,
  freshness: 0.02,
} as const;
export type Component = keyof typeof WEIGHTS;
export const COMPONENTS = Object.keys(WEIGHTS) as Component[];

export interface Reason {
  component: Component;
  en: string;
  zh: string;
}

export interface MatchScore {
  /** 0–100, one decimal. */
  score: number;
  components: Record<Component, number>;
  reasons: Reason[];
}

/** Skill key → inverse document frequency over open vacancies (rarer skills weigh more). */
export type SkillIdf = (key: string) => number;

// Labels by education rank, from the vocabulary (rank = position in EDUCATION_LEVELS).
const EDU_LABELS = EDUCATION_LEVELS.map((t) => t.en);
const EDU_ZH = EDUCATION_LEVELS.map((t) => t.zh);
// Hand-rolled: Number#toLocaleString builds a formatter per call (~20 µs), too slow per pair.
const fmt = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const r3 = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;

export function haversineKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A component's value, and its reason built only when asked: the nightly run scores ~750
 * pairs per vacancy but keeps the reasons of about a hundred, and building the strings was
 * most of the scoring time.
 */
type Part = [number, () => Reason];
const fixed = (r: Reason) => () => r;

function occupation(v: VacancyFeatures, s: SeekerFeatures): Part {
  const code = v.iscoUnit;
  if (!code) return [0, fixed({ component: 'occupation', en: 'vacancy has no occupation code', zh: '岗位未编码职业' })];
  let best = 0;
  let level = '';
  for (const u of s.iscoUnits) {
    const x = u === code ? 1 : u.slice(0, 3) === code.slice(0, 3) ? 0.7 : u.slice(0, 2) === code.slice(0, 2) ? 0.4 : u[0] === code[0] ? 0.1 : 0;
    if (x > best) [best, level] = [x, u];
  }
  if (best === 1) return [1, () => ({ component: 'occupation', en: `wants this occupation (ISCO ${code})`, zh: `求职意向与岗位职业一致（ISCO ${code}）` })];
  if (best === 0.7) return [best, () => ({ component: 'occupation', en: `wants a neighbouring occupation (ISCO ${level}, same minor group as ${code})`, zh: `求职意向为相近职业（ISCO ${level}，与 ${code} 同小类）` })];
  if (best === 0.4) return [best, () => ({ component: 'occupation', en: `wants a related occupation (ISCO ${level}, same sub-major group as ${code})`, zh: `求职意向为相关职业（ISCO ${level}，与 ${code} 同中类）` })];
  if (best > 0) return [best, () => ({ component: 'occupation', en: `wants an occupation in the same major group (ISCO ${level})`, zh: `求职意向与岗位同属一个大类（ISCO ${level}）` })];
  return [0, fixed({ component: 'occupation', en: 'desired occupations differ from this one', zh: '求职意向与岗位职业不同' })];
}

function skills(v: VacancyFeatures, s: SeekerFeatures, idf: SkillIdf): Part {
  if (v.skillKeys.length === 0) return [0.5, fixed({ component: 'skills', en: 'vacancy lists no skills', zh: '岗位未列出技能要求' })];
  let total = 0;
  let got = 0;
  for (const k of v.skillKeys) {
    const w = idf(k);
    total += w;
    if (s.skillKeys.includes(k)) got += w;
  }
  const reason = (): Reason => {
    const matched: string[] = [];
    const missing: string[] = [];
    v.skillKeys.forEach((k, i) => (s.skillKeys.includes(k) ? matched : missing).push(v.skillLabels[i] ?? k));
    const n = v.skillKeys.length;
    const list = (xs: string[]) => (xs.length > 4 ? `${xs.slice(0, 4).join(', ')}, …` : xs.join(', '));
    const listZh = (xs: string[]) => (xs.length > 4 ? `${xs.slice(0, 4).join('、')}等` : xs.join('、'));
    const kind = v.skillsImplied ? ' (implied by the occupation)' : '';
    const kindZh = v.skillsImplied ? '（由职业推定）' : '';
    const en = matched.length
      ? `has ${matched.length} of ${n} required skills${kind}: ${list(matched)}`
      : `has none of the ${n} required skills${kind}${missing.length ? ` (${list(missing)})` : ''}`;
    const zh = matched.length ? `具备 ${n} 项要求技能${kindZh}中的 ${matched.length} 项：${listZh(matched)}` : `不具备 ${n} 项要求技能${kindZh}`;
    return { component: 'skills', en, zh };
  };
  return [total > 0 ? got / total : 0, reason];
}

function wage(v: VacancyFeatures, s: SeekerFeatures): Part {
  if (v.wageMax == null) return [0.5, () => ({ component: 'wage', en: 'offer states no pay', zh: '岗位未注明薪资' })];
  if (s.desiredWageMin == null) return [0.5, () => ({ component: 'wage', en: 'no expected pay given', zh: '求职者未填期望薪资' })];
  const [offer, want] = [v.wageMax, s.desiredWageMin];
  if (offer >= want) {
    return [1, () => ({ component: 'wage', en: `offer ${fmt(offer)} ≥ expected ${fmt(want)}`, zh: `薪资上限 ${fmt(offer)} ≥ 期望 ${fmt(want)}` })];
  }
  const gap = (want - offer) / want;
  return [Math.max(0, 1 - gap * 4), () => ({ component: 'wage', en: `offer ${fmt(offer)} < expected ${fmt(want)}`, zh: `薪资上限 ${fmt(offer)} 低于期望 ${fmt(want)}` })];
}

function education(v: VacancyFeatures, s: SeekerFeatures): Part {
  const need = EDU_LABELS[v.educationRank] ?? EDU_LABELS[0]!;
  const needZh = EDU_ZH[v.educationRank] ?? EDU_ZH[0]!;
  if (s.educationRank >= v.educationRank) return [1, () => ({ component: 'education', en: `meets the education requirement (${need})`, zh: `符合学历要求（${needZh}）` })];
  const short = v.educationRank - s.educationRank;
  return [short === 1 ? 0.5 : 0, () => ({ component: 'education', en: `education below the requirement (${need})`, zh: `学历低于要求（${needZh}）` })];
}

function experience(v: VacancyFeatures, s: SeekerFeatures): Part {
  if (s.experienceYears >= v.experienceMinYears) {
    return [1, () => ({ component: 'experience', en: `${s.experienceYears} years of experience (${v.experienceMinYears} required)`, zh: `工作经验 ${s.experienceYears} 年（要求 ${v.experienceMinYears} 年）` })];
  }
  return [(0.7 * s.experienceYears) / v.experienceMinYears, () => ({ component: 'experience', en: `${s.experienceYears} years of experience, ${v.experienceMinYears} required`, zh: `工作经验 ${s.experienceYears} 年，少于要求的 ${v.experienceMinYears} 年` })];
}

/**
 * Distance in bands, never in kilometres: the seeker side is a coarse cell (features.ts) and
 * the value moves only when a band boundary is crossed, so neither the score nor the reason
 * tells an employer more than "5–10 km" (the trust issue's trilateration finding).
 */
export const DISTANCE_BANDS: readonly { maxKm: number; value: number; en: string; zh: string }[] = [
  { maxKm: 5, value: 1, en: 'within 5 km', zh: '5 公里以内' },
  { maxKm: 10, value: 0.8, en: '5–10 km away', zh: '距离 5–10 公里' },
  { maxKm: 20, value: 0.5, en: '10–20 km away', zh: '距离 10–20 公里' },
  { maxKm: 40, value: 0.2, en: '20–40 km away', zh: '距离 20–40 公里' },
  { maxKm: Infinity, value: 0, en: 'over 40 km away', zh: '距离 40 公里以上' },
];

export function distanceBand(km: number) {
  return DISTANCE_BANDS.find((b) => km <= b.maxKm)!;
}

function distance(v: VacancyFeatures, s: SeekerFeatures): Part {
  if (v.lat != null && v.lon != null && s.lat != null && s.lon != null) {
    const band = distanceBand(haversineKm(v.lat, v.lon, s.lat, s.lon));
    return [band.value, () => ({ component: 'distance', en: band.en, zh: band.zh })];
  }
  if (v.districtCode && s.districtCode) {
    return v.districtCode === s.districtCode
      ? [0.8, () => ({ component: 'distance', en: 'lives in the same district', zh: '居住在同一区' })]
      : [0.3, () => ({ component: 'distance', en: 'lives in another district', zh: '居住在其他区' })];
  }
  return [0.5, () => ({ component: 'distance', en: 'location unknown', zh: '位置未知' })];
}

const AVAILABILITY: Record<string, [number, string, string]> = {
  immediate: [1, 'available now', '可立即到岗'],
  within_month: [0.8, 'available within a month', '一个月内可到岗'],
  employed_looking: [0.6, 'employed, open to offers', '在职，考虑机会'],
  later: [0.4, 'available later', '稍后可到岗'],
};

function availability(s: SeekerFeatures): Part {
  const [x, en, zh] = AVAILABILITY[s.availability] ?? [0.5, s.availability, s.availability];
  return [x, () => ({ component: 'availability', en, zh })];
}

function freshness(v: VacancyFeatures, now: Date): Part {
  if (!v.publishedAt) return [0.5, () => ({ component: 'freshness', en: 'not yet published', zh: '尚未发布' })];
  const days = Math.max(0, (now.getTime() - v.publishedAt.getTime()) / 86400_000);
  const x = days <= 7 ? 1 : Math.max(0.3, 1 - ((days - 7) / 53) * 0.7);
  const d = Math.floor(days);
  return [x, () => ({ component: 'freshness', en: `posted ${d} day${d === 1 ? '' : 's'} ago`, zh: `发布于 ${d} 天前` })];
}

export interface LazyScore {
  score: number;
  components: Record<Component, number>;
  /** The reasons, strongest contribution first; built on call. */
  reasons: () => Reason[];
}

/** Scores one pair. `now` is passed in so a recompute at the same instant is reproducible. */
export function scorePairLazy(v: VacancyFeatures, s: SeekerFeatures, idf: SkillIdf, now: Date): LazyScore {
  const parts: [Component, Part][] = [
    ['occupation', occupation(v, s)],
    ['skills', skills(v, s, idf)],
    ['wage', wage(v, s)],
    ['education', education(v, s)],
    ['experience', experience(v, s)],
    ['distance', distance(v, s)],
    ['availability', availability(s)],
    ['freshness', freshness(v, now)],
  ];
  const components = {} as Record<Component, number>;
  let total = 0;
  for (const [c, [x]] of parts) {
    components[c] = r3(x);
    total += WEIGHTS[c] * components[c];
  }
  // Strongest contributions first, so the first reasons are the ones worth reading.
  const reasons = () =>
    parts
      .slice()
      .sort((a, b) => WEIGHTS[b[0]] * b[1][0] - WEIGHTS[a[0]] * a[1][0])
      .map(([, [, reason]]) => reason());
  return { score: Math.round(total * 1000) / 10, components, reasons };
}

export function scorePair(v: VacancyFeatures, s: SeekerFeatures, idf: SkillIdf, now: Date): MatchScore {
  const m = scorePairLazy(v, s, idf, now);
  return { score: m.score, components: m.components, reasons: m.reasons() };
}

/** Ranks scored pairs: score, then id, so equal scores always come out in the same order. */
export const byScoreThenId = <T extends { score: number; id: string }>(a: T, b: T) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

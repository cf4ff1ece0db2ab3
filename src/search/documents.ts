import { scrubFreeText, seekerAlias } from '../lib/masking.js';
import { pinyinOf } from './text/pinyin.js';
import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import { EDUCATION } from '../vocabulary/index.js';

/**
 * Search documents, built from Postgres rows by one function per index and sent unchanged to
 * whichever engine runs. They hold PUBLIC fields only: a vacancy document has no office or
 * screening internals and no employer contact; a seeker document has a masked name and no
 * phone, ID, address, birth date, sex, ethnicity, hukou or priority status (DESIGN.md inv. 2).
 */
export interface VacancyDoc {
  id: string;
  title: string;
  employerId: string;
  employerName: string;
  description: string;
  requirements: string;
  howToApply: string;
  districtCode: string | null;
  districtNameZh: string | null;
  districtNameEn: string | null;
  iscoUnit: string | null;
  occupationSystem: string | null;
  occupationCode: string | null;
  skills: string[];
  headcount: number;
  /** Normalised monthly CNY; null when the posting states no pay (or pays by the piece). */
  wageMin: number | null;
  wageMax: number | null;
  wageUnit: string;
  wageStated: boolean;
  educationMin: string;
  contractType: string;
  fairId: string | null;
  fairName: string | null;
  boothNo: string | null;
  publicWelfare: boolean;
  publishedAt: string;
  expiresAt: string | null;
  lat: number | null;
  lon: number | null;
}

export interface SeekerDoc {
  id: string;
  maskedName: string;
  skills: string[];
  iscoUnits: string[];
  desiredOccupations: { system: string; code: string }[];
  experienceYears: number;
  education: string;
  districtCode: string | null;
  desiredWageMin: number | null;
  availability: string;
  profileText: string;
  /** Employers see only consenting profiles; staff see every active one. */
  consentSearchable: boolean;
  updatedAt: string;
}

export const educationRank = (e: string): number => Math.max(0, (EDUCATION as readonly string[]).indexOf(e));

export function contentHash(doc: object): string {
  return createHash('sha1').update(JSON.stringify(doc)).digest('hex');
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const isoOf = (v: unknown): string | null => (v ? new Date(v as string).toISOString() : null);

/**
 * Loads the indexable vacancies among `ids` (published and unexpired). Ids not returned are
 * to be removed from the index. With `ids` null, streams every indexable vacancy (reindex).
 */
export async function loadVacancyDocs(sql: postgres.Sql, ids: string[] | null, opts: { limit?: number; afterId?: string } = {}): Promise<VacancyDoc[]> {
  const rows = await sql`
    select v.id, v.title, v.employer_id, e.name as employer_name, v.description, v.requirements, v.how_to_apply,
           v.district_code, d.name_zh as district_name_zh, d.name_en as district_name_en,
           v.isco_unit, v.occupation_system, v.occupation_code, v.skills, v.headcount,
           v.wage_monthly_min, v.wage_monthly_max, v.wage_unit, v.education_min, v.contract_type,
           v.fair_id, f.name as fair_name, b.booth_no, v.public_welfare, v.published_at, v.expires_at,
           coalesce(v.lat, d.lat) as lat, coalesce(v.lon, d.lon) as lon
    from vacancies v
    join employers e on e.id = v.employer_id
    left join districts d on d.code = v.district_code
    left join fairs f on f.id = v.fair_id
    left join fair_booths b on b.fair_id = v.fair_id and b.employer_id = v.employer_id
    where v.status = 'published'
      and (v.expires_at is null or v.expires_at > now())
      ${ids ? sql`and v.id = any(${ids}::uuid[])` : sql``}
      ${opts.afterId ? sql`and v.id > ${opts.afterId}` : sql``}
    order by v.id
    ${opts.limit ? sql`limit ${opts.limit}` : sql``}`;
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    employerId: r.employer_id,
    employerName: r.employer_name,
    description: r.description,
    requirements: r.requirements,
    howToApply: r.how_to_apply,
    districtCode: r.district_code,
    districtNameZh: r.district_name_zh,
    districtNameEn: r.district_name_en,
    iscoUnit: r.isco_unit,
    occupationSystem: r.occupation_system,
    occupationCode: r.occupation_code,
    skills: r.skills ?? [],
    headcount: r.headcount,
    wageMin: num(r.wage_monthly_min),
    wageMax: num(r.wage_monthly_max),
    wageUnit: r.wage_unit,
    wageStated: r.wage_monthly_min !== null || r.wage_monthly_max !== null,
    educationMin: r.education_min,
    contractType: r.contract_type,
    fairId: r.fair_id,
    fairName: r.fair_name,
    boothNo: r.booth_no,
    publicWelfare: r.public_welfare,
    publishedAt: isoOf(r.published_at)!,
    expiresAt: isoOf(r.expires_at),
    lat: num(r.lat),
    lon: num(r.lon),
  }));
}

/** Loads the indexable seekers among `ids`: active ones. Others are removed from the index. */
export async function loadSeekerDocs(sql: postgres.Sql, ids: string[] | null, opts: { limit?: number; afterId?: string } = {}): Promise<SeekerDoc[]> {
  const rows = await sql`
    select s.id, s.name, s.skills, s.desired_occupations, s.experience_years, s.education, s.district_code,
           s.desired_wage_min, s.availability, s.profile_text, s.consent_searchable, s.updated_at
    from seekers s
    where s.status = 'active'
      ${ids ? sql`and s.id = any(${ids}::uuid[])` : sql``}
      ${opts.afterId ? sql`and s.id > ${opts.afterId}` : sql``}
    order by s.id
    ${opts.limit ? sql`limit ${opts.limit}` : sql``}`;
  return rows.map((r) => {
    const desired = (r.desired_occupations ?? []) as { system: string; code: string }[];
    const iscoUnits = [
      ...new Set(
        desired
          .map((o) => (o.system === 'isco' && /^\d{4}$/.test(o.code) ? o.code : o.system === 'esco' ? o.code.slice(0, 4) : null))
          .filter((c): c is string => !!c),
      ),
    ];
    return {
      id: r.id,
      maskedName: seekerAlias(r.id),
      skills: r.skills ?? [],
      iscoUnits,
      desiredOccupations: desired.map((o) => ({ system: o.system, code: o.code })),
      experienceYears: r.experience_years,
      education: r.education,
      districtCode: r.district_code,
      desiredWageMin: num(r.desired_wage_min),
      availability: r.availability,
      profileText: scrubFreeText(r.profile_text, nameForms(r.name)),
      consentSearchable: r.consent_searchable,
      updatedAt: isoOf(r.updated_at)!,
    };
  });
}

/** The name and its pinyin, whole and per part (阿卜杜拉·买买提 → abudula, maimaiti): the scrubber drops clauses carrying any. */
export function nameForms(name: string): string[] {
  const parts = name.split(/[·・•\s]+/).filter(Boolean);
  return [...new Set([name, ...parts, pinyinOf(name), ...parts.map((p) => pinyinOf(p))])];
}

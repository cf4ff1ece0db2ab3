import { isOpenVacancy } from '../../vocabulary/index.js';
import { normalize } from '../../search/text/index.js';
import { educationRank as vocabularyEducationRank } from '../../vocabulary/index.js';
import { impliedSkills, loadDefaultCoderData, mapSkills, tradeSkills } from '../occupations/index.js';
import type { SeekerFeatures, VacancyFeatures } from './score.js';

/**
 * Rows → matcher features. Free-text skills become ESCO skill keys where the coder is
 * confident, else a normalised-text key; a vacancy listing no skills gets its occupation's
 * essential ESCO skills. Group keys feed the GIN candidate indexes.
 */
const MAP_CONFIDENCE = 0.6;
const IMPLIED_LIMIT = 8;

export const educationRank = (e: string | null | undefined): number => Math.max(0, vocabularyEducationRank(e ?? 'none'));

const escoKey = (skillId: string) => `esco:${skillId.slice(skillId.lastIndexOf('/') + 1)}`;

/** A free-text skill's keys: its normalised text, and every ESCO skill it names with confidence ("Python和MySQL" names two). */
const skillCache = new Map<string, { key: string; esco: string[] }>();
function skillKey(text: string): { key: string; esco: string[] } {
  let hit = skillCache.get(text);
  if (!hit) {
    const m = mapSkills([text])[0];
    const found = m ? (m.parts ?? [m]) : [];
    const esco = [...new Set(found.filter((p) => p.skillId && p.confidence >= MAP_CONFIDENCE).map((p) => escoKey(p.skillId!)))];
    hit = { key: `txt:${normalize(text).toLowerCase().replace(/\s+/g, ' ').trim()}`, esco };
    if (skillCache.size > 50_000) skillCache.clear();
    skillCache.set(text, hit);
  }
  return hit;
}

let cnToIsco: Map<string, string> | undefined;
/** ISCO unit group for a Chinese 2022 occupation code, from the coder's hand-made map. */
function iscoOfCn(code: string): string | null {
  if (!cnToIsco) {
    cnToIsco = new Map();
    for (const e of loadDefaultCoderData().zhMap ?? []) if (e.cn && !cnToIsco.has(e.cn)) cnToIsco.set(e.cn, e.isco);
  }
  return cnToIsco.get(code) ?? null;
}

export function iscoUnitFor(system: string | null | undefined, code: string | null | undefined): string | null {
  if (!system || !code) return null;
  if (system === 'isco') return /^\d{4}$/.test(code) ? code : null;
  if (system === 'esco') return /^\d{4}/.test(code) ? code.slice(0, 4) : null;
  if (system === 'cn2022') return iscoOfCn(code);
  return null;
}

export function groupKeys(units: string[], district: string | null): string[] {
  const keys = new Set<string>();
  for (const u of units) {
    keys.add(`u:${u}`).add(`n:${u.slice(0, 3)}`).add(`s:${u.slice(0, 2)}`);
    if (district) keys.add(`ud:${u}:${district}`).add(`md:${u[0]}:${district}`);
  }
  if (district) keys.add(`d:${district}`);
  return [...keys];
}

export interface SeekerRow {
  id: string;
  version: number;
  status: string;
  skills: string[];
  desired_occupations: { system: string; code: string }[];
  district_code: string | null;
  lat: number | string | null;
  lon: number | string | null;
  education: string;
  experience_years: number;
  desired_wage_min: number | string | null;
  availability: string;
  priority_groups: string[];
  /** PIPL art. 24: false when the person opted out of automated ranking (served by staff only). */
  consent_automated_matching?: boolean;
}

export interface StoredSeekerFeatures extends SeekerFeatures {
  active: boolean;
  eligibleWelfare: boolean;
  groupKeys: string[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * A person's home enters matching only as the centre of a 0.01° cell (about 1.1 km by 1 km
 * here): with distance bands on top (score.ts), no employer output can be moved by where in
 * the cell someone lives, so moving a vacancy around cannot trilaterate a home (docs/security.md).
 */
export const HOME_CELL_DEGREES = 0.01;
export const coarse = (v: number | null): number | null => (v === null ? null : Math.round(v / HOME_CELL_DEGREES) * HOME_CELL_DEGREES);
/** The shared postgres client returns timestamps as text (drizzle turns its date parsers off). */
export const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

export function seekerFeatures(r: SeekerRow): StoredSeekerFeatures {
  const units = [...new Set((r.desired_occupations ?? []).map((o) => iscoUnitFor(o.system, o.code)).filter((u): u is string => !!u))];
  const keys: string[] = [];
  const labels: string[] = [];
  for (const s of r.skills ?? []) {
    const k = skillKey(s);
    // A trade named as a skill (保洁) brings the trade's core ESCO skills (occupations module, issue 18).
    const trade = tradeSkills(s).map((t) => escoKey(t.skillId!));
    for (const key of [k.key, ...k.esco, ...trade]) if (!keys.includes(key)) {
      keys.push(key);
      labels.push(s);
    }
  }
  return {
    seekerId: r.id,
    version: r.version,
    active: r.status === 'active' && r.consent_automated_matching !== false,
    // Policy only: gates 公益性岗位 candidacy; scorePair never sees it.
    eligibleWelfare: (r.priority_groups ?? []).length > 0,
    iscoUnits: units,
    groupKeys: groupKeys(units, r.district_code),
    skillKeys: keys,
    skillLabels: labels,
    districtCode: r.district_code,
    lat: coarse(num(r.lat)),
    lon: coarse(num(r.lon)),
    educationRank: educationRank(r.education),
    experienceYears: r.experience_years ?? 0,
    desiredWageMin: num(r.desired_wage_min),
    availability: r.availability,
  };
}

export interface VacancyRow {
  id: string;
  version: number;
  status: string;
  isco_unit: string | null;
  occupation_system: string | null;
  occupation_code: string | null;
  skills: string[];
  district_code: string | null;
  lat: number | null;
  lon: number | null;
  wage_monthly_max: number | string | null;
  wage_monthly_min: number | string | null;
  education_min: string;
  experience_min_years: number;
  public_welfare: boolean;
  published_at: Date | string | null;
  expires_at: Date | string | null;
}

export interface StoredVacancyFeatures extends VacancyFeatures {
  open: boolean;
  publicWelfare: boolean;
  groupKeys: string[];
  expiresAt: Date | null;
}

export function vacancyFeatures(r: VacancyRow, now = new Date()): StoredVacancyFeatures {
  const expiresAt = toDate(r.expires_at);
  const unit = r.isco_unit ?? iscoUnitFor(r.occupation_system, r.occupation_code);
  const keys: string[] = [];
  const labels: string[] = [];
  for (const s of r.skills ?? []) {
    const k = skillKey(s);
    for (const key of k.esco.length ? k.esco : [k.key]) if (!keys.includes(key)) {
      keys.push(key);
      labels.push(s);
    }
  }
  let implied = false;
  if (keys.length === 0 && unit) {
    const all = impliedSkills(unit, { limit: 25 });
    const chosen = all.filter((s) => s.share >= 0.5).slice(0, IMPLIED_LIMIT);
    for (const s of chosen.length ? chosen : all.slice(0, 5)) {
      keys.push(escoKey(s.skillId));
      labels.push(s.label);
    }
    implied = keys.length > 0;
  }
  return {
    vacancyId: r.id,
    version: r.version,
    open: isOpenVacancy({ status: r.status, expiresAt }, now),
    publicWelfare: r.public_welfare,
    iscoUnit: unit,
    groupKeys: groupKeys(unit ? [unit] : [], r.district_code),
    skillKeys: keys,
    skillLabels: labels,
    skillsImplied: implied,
    districtCode: r.district_code,
    lat: num(r.lat),
    lon: num(r.lon),
    // The top of the range is what can reach a seeker's minimum; a single figure is both ends.
    wageMax: num(r.wage_monthly_max) ?? num(r.wage_monthly_min),
    educationRank: educationRank(r.education_min),
    experienceMinYears: r.experience_min_years ?? 0,
    publishedAt: toDate(r.published_at),
    expiresAt,
  };
}

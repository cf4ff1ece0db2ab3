import type postgres from 'postgres';
import { withIndexScans } from '../../db/index-scans.js';
import {
  seekerFeatures,
  toDate,
  vacancyFeatures,
  type SeekerRow,
  type StoredSeekerFeatures,
  type StoredVacancyFeatures,
  type VacancyRow,
} from './features.js';
import { byScoreThenId, scorePair, scorePairLazy, type MatchScore, type Reason, type SeekerFeatures, type SkillIdf, type VacancyFeatures } from './score.js';

type Sql = postgres.Sql | postgres.TransactionSql;

/** How many candidates a vacancy keeps, and how many vacancies a seeker keeps. */
export const VACANCY_LIST_SIZE = 100;
export const SEEKER_LIST_SIZE = 50;
/**
 * Candidate generation: tiers of GIN-indexed lookups, each capped, so a vacancy reads at most
 * CANDIDATE_CAP feature rows whatever the number of seekers. Order = priority.
 */
export const SEEKER_TIERS = { unitDistrict: 600, unit: 600, minor: 300, subMajor: 200, skills: 300, district: 150 } as const;
export const CANDIDATE_CAP = Object.values(SEEKER_TIERS).reduce((a, b) => a + b, 0);
export const VACANCY_TIERS = { unitDistrict: 600, unit: 600, minor: 300, subMajor: 200, skills: 400, district: 200 } as const;

function toSeekerFeatures(r: postgres.Row): SeekerFeatures {
  return {
    seekerId: r.seeker_id,
    version: r.version,
    iscoUnits: r.isco_units ?? [],
    skillKeys: r.skill_keys ?? [],
    skillLabels: r.skill_labels ?? [],
    districtCode: r.district_code,
    lat: r.lat == null ? null : Number(r.lat),
    lon: r.lon == null ? null : Number(r.lon),
    educationRank: r.education_rank,
    experienceYears: r.experience_years,
    desiredWageMin: r.desired_wage_min == null ? null : Number(r.desired_wage_min),
    availability: r.availability,
  };
}

function toVacancyFeatures(r: postgres.Row): VacancyFeatures & { publicWelfare: boolean } {
  return {
    vacancyId: r.vacancy_id,
    version: r.version,
    iscoUnit: r.isco_unit,
    skillKeys: r.skill_keys ?? [],
    skillLabels: r.skill_labels ?? [],
    skillsImplied: r.skills_implied,
    districtCode: r.district_code,
    lat: r.lat,
    lon: r.lon,
    wageMax: r.wage_max == null ? null : Number(r.wage_max),
    educationRank: r.education_rank,
    experienceMinYears: r.experience_min_years,
    publishedAt: toDate(r.published_at),
    publicWelfare: r.public_welfare,
  };
}

/** A `match_vacancy_features` row as the matcher's stored features. */
export function storedVacancyFeatures(r: postgres.Row): StoredVacancyFeatures {
  return { ...toVacancyFeatures(r), open: r.open, groupKeys: r.group_keys ?? [], expiresAt: toDate(r.expires_at) };
}

// --- features ------------------------------------------------------------------------------

const seekerRowsSql = (sql: Sql, ids: string[]) => sql<SeekerRow[]>`
  select id, version, status, skills, desired_occupations, district_code, lat, lon, education, experience_years,
         desired_wage_min, availability, priority_groups, consent_automated_matching
  from seekers where id = any(${ids}::uuid[])`;

const vacancyRowsSql = (sql: Sql, ids: string[]) => sql<VacancyRow[]>`
  select id, version, status, isco_unit, occupation_system, occupation_code, skills, district_code, lat, lon,
         wage_monthly_max, wage_monthly_min, education_min, experience_min_years, public_welfare, published_at, expires_at
  from vacancies where id = any(${ids}::uuid[])`;

export async function upsertSeekerFeatures(sql: Sql, feats: StoredSeekerFeatures[]): Promise<void> {
  if (!feats.length) return;
  const rows = feats.map((f) => ({
    seeker_id: f.seekerId, version: f.version, active: f.active, eligible_welfare: f.eligibleWelfare, isco_units: f.iscoUnits,
    group_keys: f.groupKeys, skill_keys: f.skillKeys, skill_labels: f.skillLabels, district_code: f.districtCode, lat: f.lat, lon: f.lon,
    education_rank: f.educationRank, experience_years: f.experienceYears, desired_wage_min: f.desiredWageMin, availability: f.availability,
  }));
  await sql`
    insert into match_seeker_features (seeker_id, version, active, eligible_welfare, isco_units, group_keys, skill_keys, skill_labels,
      district_code, lat, lon, education_rank, experience_years, desired_wage_min, availability, updated_at)
    select seeker_id, version, active, eligible_welfare, isco_units, group_keys, skill_keys, skill_labels,
      district_code, lat, lon, education_rank, experience_years, desired_wage_min, availability, now()
    from json_populate_recordset(null::match_seeker_features, ${JSON.stringify(rows)}::json)
    on conflict (seeker_id) do update set version = excluded.version, active = excluded.active, eligible_welfare = excluded.eligible_welfare,
      isco_units = excluded.isco_units, group_keys = excluded.group_keys, skill_keys = excluded.skill_keys, skill_labels = excluded.skill_labels,
      district_code = excluded.district_code, lat = excluded.lat, lon = excluded.lon, education_rank = excluded.education_rank,
      experience_years = excluded.experience_years, desired_wage_min = excluded.desired_wage_min, availability = excluded.availability,
      updated_at = now()`;
}

export async function upsertVacancyFeatures(sql: Sql, feats: StoredVacancyFeatures[]): Promise<void> {
  if (!feats.length) return;
  const rows = feats.map((f) => ({
    vacancy_id: f.vacancyId, version: f.version, open: f.open, public_welfare: f.publicWelfare, isco_unit: f.iscoUnit, group_keys: f.groupKeys,
    skill_keys: f.skillKeys, skill_labels: f.skillLabels, skills_implied: f.skillsImplied, district_code: f.districtCode, lat: f.lat, lon: f.lon,
    wage_max: f.wageMax, education_rank: f.educationRank, experience_min_years: f.experienceMinYears,
    published_at: f.publishedAt?.toISOString() ?? null, expires_at: f.expiresAt?.toISOString() ?? null,
  }));
  await sql`
    insert into match_vacancy_features (vacancy_id, version, open, public_welfare, isco_unit, group_keys, skill_keys, skill_labels, skills_implied,
      district_code, lat, lon, wage_max, education_rank, experience_min_years, published_at, expires_at, updated_at)
    select vacancy_id, version, open, public_welfare, isco_unit, group_keys, skill_keys, skill_labels, skills_implied,
      district_code, lat, lon, wage_max, education_rank, experience_min_years, published_at, expires_at, now()
    from json_populate_recordset(null::match_vacancy_features, ${JSON.stringify(rows)}::json)
    on conflict (vacancy_id) do update set version = excluded.version, open = excluded.open, public_welfare = excluded.public_welfare,
      isco_unit = excluded.isco_unit, group_keys = excluded.group_keys, skill_keys = excluded.skill_keys, skill_labels = excluded.skill_labels,
      skills_implied = excluded.skills_implied, district_code = excluded.district_code, lat = excluded.lat, lon = excluded.lon,
      wage_max = excluded.wage_max, education_rank = excluded.education_rank, experience_min_years = excluded.experience_min_years,
      published_at = excluded.published_at, expires_at = excluded.expires_at, updated_at = now()`;
}

/** Rebuilds features of the given seekers from their rows (ids that no longer exist are ignored). */
export async function refreshSeekerFeatures(sql: Sql, ids: string[]): Promise<StoredSeekerFeatures[]> {
  const feats = (await seekerRowsSql(sql, ids)).map(seekerFeatures);
  await upsertSeekerFeatures(sql, feats);
  return feats;
}

export async function refreshVacancyFeatures(sql: Sql, ids: string[], now = new Date()): Promise<StoredVacancyFeatures[]> {
  const feats = (await vacancyRowsSql(sql, ids)).map((r) => vacancyFeatures(r, now));
  await upsertVacancyFeatures(sql, feats);
  return feats;
}

// --- skill rarity --------------------------------------------------------------------------

/**
 * IDF of skill keys over open vacancies: ln(1 + N / (1 + df)). The nightly run passes N
 * (counted once); weights are memoised because the scorer asks for each key once per pair.
 */
export async function skillIdf(sql: Sql, keys: string[], openCount?: number): Promise<SkillIdf> {
  const uniq = [...new Set(keys)];
  const n = openCount ?? ((await sql`select count(*)::int as n from match_vacancy_features where open`)[0]!.n as number);
  const df = new Map<string, number>();
  if (uniq.length) {
    const rows = await sql`
      select k, count(*)::int as df from match_vacancy_features f, unnest(f.skill_keys) k
      where f.skill_keys && ${uniq}::text[] and f.open and k = any(${uniq}::text[]) group by k`;
    for (const r of rows) df.set(r.k, r.df);
  }
  const weights = new Map<string, number>();
  return (key) => {
    let w = weights.get(key);
    if (w === undefined) weights.set(key, (w = Math.log(1 + Math.max(1, n) / (1 + (df.get(key) ?? 0)))));
    return w;
  };
}

// --- candidate generation ------------------------------------------------------------------

const SEEKER_COLUMNS = 'seeker_id, version, isco_units, skill_keys, district_code, lat, lon, education_rank, experience_years, desired_wage_min, availability';

/**
 * Tier lookups already issued within one read transaction. The nightly run shares them across
 * a batch: vacancies of the same unit group and district ask the same questions.
 */
export type TierMemo = Map<string, Promise<SeekerFeatures[]>>;

/**
 * Seekers worth scoring for a vacancy: same unit group (same district first) and any shared
 * required skill; then, only when those leave fewer than CASCADE_MIN, the same minor group,
 * the same sub-major group and the same district within the same major group. Each tier is a
 * capped GIN lookup that returns the feature rows themselves (one round trip, no second
 * fetch by id); the wide tiers are skipped when the narrow ones suffice, because a bitmap
 * scan reads a key's whole posting list before its LIMIT applies (at 1M seekers a sub-major
 * key lists ~10 % of everyone). 公益性岗位: priority-group members only.
 */
export const CASCADE_MIN = 400;
interface Tier {
  memo: string;
  filter: postgres.PendingQuery<postgres.Row[]>;
  limit: number;
}
export async function seekerCandidates(
  sql: Sql,
  v: StoredVacancyFeatures,
  memo?: TierMemo,
  now = new Date(),
  welfareOpenAfterDays = DEFAULT_WELFARE_OPEN_AFTER_DAYS,
): Promise<SeekerFeatures[]> {
  if (!v.publicWelfare) return seekerCandidatesWith(sql, v, '', memo);
  // 公益性岗位: priority groups first. Only when none is eligible N days after publication does the
  // post open to everyone, and that decision is recorded (welfare_openings) before it takes effect.
  if (await welfareOpened(sql, v.vacancyId)) return seekerCandidatesWith(sql, v, '', memo);
  const eligible = await seekerCandidatesWith(sql, v, 'and eligible_welfare', memo);
  if (eligible.length || !welfareOpenAfterDays || !v.publishedAt) return eligible;
  const days = Math.floor((now.getTime() - v.publishedAt.getTime()) / 86_400_000);
  if (days < welfareOpenAfterDays) return eligible;
  await sql`insert into welfare_openings (vacancy_id, opened_at, rule, days_published, eligible_candidates)
    values (${v.vacancyId}, ${now.toISOString()}::timestamptz, ${`no_eligible_candidate_after_days:${welfareOpenAfterDays}`}, ${days}, 0)
    on conflict (vacancy_id) do nothing`;
  return seekerCandidatesWith(sql, v, '', memo);
}

/**
 * The default rule for opening public welfare posts; the configured one (PES_WELFARE_OPEN_AFTER_DAYS, 0 = never)
 * is passed by the caller (the worker's job handlers) as `welfareOpenAfterDays`, never set as a module global.
 */
export const DEFAULT_WELFARE_OPEN_AFTER_DAYS = 30;
/** Matching configuration a caller passes down (from Config). */
export interface MatchingSettings {
  welfareOpenAfterDays?: number;
}
async function welfareOpened(sql: Sql, vacancyId: string): Promise<boolean> {
  return (await sql`select 1 from welfare_openings where vacancy_id = ${vacancyId}`).length > 0;
}

async function seekerCandidatesWith(sql: Sql, v: StoredVacancyFeatures, welfare: '' | 'and eligible_welfare', memo?: TierMemo): Promise<SeekerFeatures[]> {
  const u = v.iscoUnit;
  const d = v.districtCode;
  const t = SEEKER_TIERS;
  const group = (key: string, limit: number): Tier => ({ memo: `g|${key}|${limit}|${welfare}`, filter: sql`group_keys @> ${[key]}::text[]`, limit });
  const narrow: Tier[] = [];
  const wide: Tier[] = [];
  if (u) {
    if (d) narrow.push(group(`ud:${u}:${d}`, t.unitDistrict));
    narrow.push(group(`u:${u}`, t.unit));
    wide.push(group(`n:${u.slice(0, 3)}`, t.minor), group(`s:${u.slice(0, 2)}`, t.subMajor));
    if (d) wide.push(group(`md:${u[0]}:${d}`, t.district));
  } else if (d) narrow.push(group(`d:${d}`, t.district));
  if (v.skillKeys.length) {
    const keys = [...v.skillKeys].sort();
    narrow.push({ memo: `k|${keys.join(',')}|${t.skills}|${welfare}`, filter: sql`skill_keys && ${keys}::text[]`, limit: t.skills });
  }
  // One statement per tier, issued together: inside the transaction postgres.js pipelines them.
  const lookup = (tx: Sql, x: Tier) => {
    const run = async () =>
      (await tx`select ${tx.unsafe(SEEKER_COLUMNS)} from match_seeker_features where active ${tx.unsafe(welfare)} and ${x.filter} limit ${x.limit}`).map(toSeekerFeatures);
    if (!memo) return run();
    let hit = memo.get(x.memo);
    if (!hit) memo.set(x.memo, (hit = run()));
    return hit;
  };
  const found = new Map<string, SeekerFeatures>();
  const add = (lists: SeekerFeatures[][]) => {
    for (const list of lists) for (const f of list) if (!found.has(f.seekerId)) found.set(f.seekerId, f);
  };
  await withIndexScans(sql, async (tx) => {
    add(await Promise.all(narrow.map((x) => lookup(tx, x))));
    if (found.size < CASCADE_MIN && wide.length) add(await Promise.all(wide.map((x) => lookup(tx, x))));
  });
  return [...found.values()];
}

/** Open vacancies worth scoring for a seeker, by the same tiers in the other direction. */
export async function candidateVacanciesForSeeker(sql: Sql, s: StoredSeekerFeatures, now = new Date()): Promise<(VacancyFeatures & { publicWelfare: boolean })[]> {
  const d = s.districtCode;
  const t = VACANCY_TIERS;
  // Policy: 公益性岗位 are proposed only to people in a priority group.
  const welfare = s.eligibleWelfare ? sql`` : sql`and (not public_welfare or vacancy_id in (select vacancy_id from welfare_openings))`;
  const tier = (keys: string[], limit: number) =>
    sql`(select vacancy_id from match_vacancy_features where open ${welfare} and (expires_at is null or expires_at > ${now.toISOString()}::timestamptz) and group_keys && ${keys}::text[] limit ${limit})`;
  const parts: postgres.PendingQuery<postgres.Row[]>[] = [];
  const units = s.iscoUnits;
  if (units.length) {
    if (d) parts.push(tier(units.map((u) => `ud:${u}:${d}`), t.unitDistrict));
    parts.push(tier(units.map((u) => `u:${u}`), t.unit), tier(units.map((u) => `n:${u.slice(0, 3)}`), t.minor), tier(units.map((u) => `s:${u.slice(0, 2)}`), t.subMajor));
    if (d) parts.push(tier([...new Set(units.map((u) => `md:${u[0]}:${d}`))], t.district));
  } else if (d) parts.push(tier([`d:${d}`], t.district));
  if (s.skillKeys.length) {
    parts.push(sql`(select vacancy_id from match_vacancy_features where open ${welfare} and (expires_at is null or expires_at > ${now.toISOString()}::timestamptz) and skill_keys && ${s.skillKeys}::text[] limit ${t.skills})`);
  }
  if (!parts.length) return [];
  return withIndexScans(sql, async (tx) => {
    const union = parts.reduce((acc, p) => tx`${acc} union ${p}`);
    const ids = (await tx`${union}`).map((r) => r.vacancy_id as string);
    if (!ids.length) return [];
    const rows = await tx`select * from match_vacancy_features f where f.vacancy_id = any(${ids}::uuid[])`;
    return rows.map(toVacancyFeatures);
  });
}

// --- fairness audit ----------------------------------------------------------------------

/**
 * The four-fifths rule with a minimum group size: a group's selection rate divided by the best
 * group's rate (the impact ratio) below 0.8 is flagged, but only when the group, and the best
 * group it is compared with, each have at least `minGroup` people in the pool. With fewer, one
 * or two selections swing the ratio across 0.8 by chance, so the figure is shown but not flagged.
 */
export const FOUR_FIFTHS = 0.8;
/** The default minimum group size; the configured one (PES_FAIRNESS_MIN_GROUP) is passed by the caller. */
export const DEFAULT_FAIRNESS_MIN_GROUP = 30;
export function fourFifthsFlag(group: { pool: number; selected: number }, best: { pool: number; selected: number }, minGroup: number) {
  const rate = group.pool ? group.selected / group.pool : 0;
  const bestRate = best.pool ? best.selected / best.pool : 0;
  const impactRatio = bestRate > 0 ? Math.round((rate / bestRate) * 10000) / 10000 : null;
  const enough = group.pool >= minGroup && best.pool >= minGroup;
  return { impactRatio, enough, flagged: enough && impactRatio !== null && impactRatio < FOUR_FIFTHS };
}

/** The explanation a fairness page prints beside the figures. */
export const FOUR_FIFTHS_EXPLANATION = {
  zh: `五分之四规则：某一群体的入选率（进入匹配前列、被推荐或被录用的人数 ÷ 候选池人数）除以入选率最高群体的入选率，得到"影响比"；影响比低于 0.8 时提示可能存在不利影响，需要人工复核原因（例如岗位要求、求职者意向），并不等于认定歧视。人数少于 ${'${min}'} 人的群体只显示数字、不作提示，因为一两个人的变化就会使比值跨过 0.8。`,
  en: `The four-fifths rule: a group's selection rate (people matched into the top of the lists, referred or hired ÷ people in the candidate pool) divided by the rate of the group with the highest rate gives the impact ratio. Below 0.8 it signals possible adverse impact, to be reviewed by staff (vacancy requirements, seekers' wishes); it is not a finding of discrimination. Groups with fewer than ${'${min}'} people are shown but not flagged, because one or two people move the ratio across 0.8.`,
};
export const fourFifthsExplanation = (min: number) => ({ zh: FOUR_FIFTHS_EXPLANATION.zh.replace('${min}', String(min)), en: FOUR_FIFTHS_EXPLANATION.en.replace('${min}', String(min)) });

// --- recompute -----------------------------------------------------------------------------

interface Scored extends Omit<MatchScore, 'reasons'> {
  id: string;
  vacancyId: string;
  seekerId: string;
  vacancyVersion: number;
  seekerVersion: number;
  /** Built on first call: most scored pairs never reach a stored list. */
  reasons: () => Reason[];
}

function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) [value, done] = [fn(), true];
    return value;
  };
}

function scored(v: VacancyFeatures, s: SeekerFeatures, idf: SkillIdf, now: Date, id: string): Scored {
  const m = scorePairLazy(v, s, idf, now);
  return { score: m.score, components: m.components, reasons: once(m.reasons), id, vacancyId: v.vacancyId, seekerId: s.seekerId, vacancyVersion: v.version, seekerVersion: s.version };
}

/** Rows per INSERT: a row carries ~1 KB of reasons; 2,000 keeps one statement's JSON near 2 MB. */
const INSERT_CHUNK = 2000;

async function insertMatches(sql: Sql, direction: 'vacancy' | 'seeker', rows: Scored[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const json = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
      direction, vacancy_id: r.vacancyId, seeker_id: r.seekerId, score: r.score, components: r.components, reasons: r.reasons(),
      vacancy_version: r.vacancyVersion, seeker_version: r.seekerVersion, computed_at: now.toISOString(),
    }));
    await sql`
      insert into matches (direction, vacancy_id, seeker_id, score, components, reasons, vacancy_version, seeker_version, computed_at)
      select direction, vacancy_id, seeker_id, score, components, reasons, vacancy_version, seeker_version, computed_at
      from json_populate_recordset(null::matches, ${JSON.stringify(json)}::json)
      on conflict (direction, vacancy_id, seeker_id) do update set score = excluded.score, components = excluded.components,
        reasons = excluded.reasons, vacancy_version = excluded.vacancy_version, seeker_version = excluded.seeker_version, computed_at = excluded.computed_at`;
  }
}

async function recordRuns(sql: Sql, subject: 'vacancy' | 'seeker', runs: { id: string; version: number; candidates: number }[], now: Date) {
  if (!runs.length) return;
  await sql`insert into match_runs (subject, subject_id, version, candidates, computed_at)
    select ${subject}, id, version, candidates, ${now.toISOString()}::timestamptz
    from unnest(${runs.map((r) => r.id)}::uuid[], ${runs.map((r) => r.version)}::int[], ${runs.map((r) => r.candidates)}::int[]) as x(id, version, candidates)
    on conflict (subject, subject_id) do update set version = excluded.version, candidates = excluded.candidates, computed_at = excluded.computed_at`;
}

/**
 * A recompute for one side also keeps the other side's lists current: the subjects' rows in
 * them are replaced by the new scores wherever the score makes that list (lists of owners
 * never computed are left to their own job). So a new vacancy shows up in seekers' lists and
 * a changed profile in vacancies' lists without recomputing everyone. Several subjects are
 * patched in one go (the nightly batch) with the same outcome as one after another: each
 * list's size and lowest score are carried forward in memory between subjects.
 */
async function patchOtherLists(tx: Sql, direction: 'vacancy' | 'seeker', subjects: { id: string; version: number; scored: Scored[] }[], now: Date) {
  const cap = direction === 'vacancy' ? VACANCY_LIST_SIZE : SEEKER_LIST_SIZE;
  if (!subjects.length) return;
  const ids = subjects.map((x) => x.id);
  const versions = subjects.map((x) => x.version);
  // Only rows scored on an older version of the subject go: a row another job wrote for this
  // same version is as current as ours (jobs for the two sides run concurrently).
  if (direction === 'vacancy') {
    await tx`delete from matches m using unnest(${ids}::uuid[], ${versions}::int[]) as x(id, version)
      where m.direction = 'vacancy' and m.seeker_id = x.id and m.seeker_version < x.version`;
  } else {
    await tx`delete from matches m using unnest(${ids}::uuid[], ${versions}::int[]) as x(id, version)
      where m.direction = 'seeker' and m.vacancy_id = x.id and m.vacancy_version < x.version`;
  }
  const owner = (x: Scored) => (direction === 'vacancy' ? x.vacancyId : x.seekerId);
  const owners = [...new Set(subjects.flatMap((x) => x.scored.map(owner)))];
  if (!owners.length) return;
  const col = direction === 'vacancy' ? tx`vacancy_id` : tx`seeker_id`;
  const lists = await tx`
    select r.subject_id as owner, coalesce(m.n, 0)::int as n, m.min_score
    from match_runs r
    left join (select ${col} as owner, count(*) as n, min(score) as min_score from matches
               where direction = ${direction} and ${col} = any(${owners}::uuid[]) group by 1) m on m.owner = r.subject_id
    where r.subject = ${direction} and r.subject_id = any(${owners}::uuid[])`;
  const state = new Map(lists.map((l) => [l.owner as string, { n: l.n as number, min: l.min_score == null ? Infinity : Number(l.min_score) }]));
  const add: Scored[] = [];
  for (const subject of subjects) {
    for (const x of subject.scored) {
      const l = state.get(owner(x));
      if (!l || !(l.n < cap || x.score > l.min)) continue;
      add.push(x);
      l.n += 1;
      l.min = Math.min(l.min, x.score);
    }
  }
  await insertMatches(tx, direction, add, now);
}

export interface RecomputeResult {
  status: 'computed' | 'closed' | 'missing' | 'up-to-date' | 'stale';
  candidates?: number;
  stored?: number;
}

/**
 * Scores a vacancy's candidates in memory (no writes): the read path of the benchmark. The
 * nightly run passes the batch's IDF and tier memo.
 */
export async function rankCandidates(
  sql: Sql,
  v: StoredVacancyFeatures,
  now = new Date(),
  limit = VACANCY_LIST_SIZE,
  shared: { idf?: SkillIdf; memo?: TierMemo; welfareOpenAfterDays?: number } = {},
) {
  const cands = await seekerCandidates(sql, v, shared.memo, now, shared.welfareOpenAfterDays);
  const idf = shared.idf ?? (await skillIdf(sql, v.skillKeys));
  const all = cands.map((s) => scored(v, s, idf, now, s.seekerId));
  all.sort(byScoreThenId);
  return { candidates: cands.length, top: all.slice(0, limit), all };
}

interface VacancyRanking {
  v: StoredVacancyFeatures;
  candidates: number;
  top: Scored[];
  all: Scored[];
}

/**
 * Writes vacancies' candidate lists, the patches of seekers' lists and the runs, in the
 * caller's transaction. A vacancy whose version moved since its features were read is left
 * out (the change enqueued its own job). Returns the vacancies written.
 */
async function storeVacancyRankings(tx: Sql, rankings: VacancyRanking[], now: Date): Promise<VacancyRanking[]> {
  if (!rankings.length) return [];
  const current = await tx`select id, version from vacancies where id = any(${rankings.map((r) => r.v.vacancyId)}::uuid[]) for share`;
  const version = new Map(current.map((r) => [r.id as string, r.version as number]));
  const fresh = rankings.filter((r) => version.get(r.v.vacancyId) === r.v.version);
  if (!fresh.length) return [];
  await tx`delete from matches where direction = 'vacancy' and vacancy_id = any(${fresh.map((r) => r.v.vacancyId)}::uuid[])`;
  await insertMatches(tx, 'vacancy', fresh.flatMap((r) => r.top), now);
  await patchOtherLists(tx, 'seeker', fresh.map((r) => ({ id: r.v.vacancyId, version: r.v.version, scored: r.all })), now);
  await recordRuns(tx, 'vacancy', fresh.map((r) => ({ id: r.v.vacancyId, version: r.v.version, candidates: r.candidates })), now);
  return fresh;
}

/**
 * Replaces a vacancy's candidate list. Idempotent: the same records give the same rows.
 * Skips a version already computed unless `force`. Stale work (the vacancy changed while
 * scoring) is dropped: the change enqueued its own job.
 */
export async function recomputeVacancy(sql: postgres.Sql, vacancyId: string, opts: { force?: boolean; now?: Date } & MatchingSettings = {}): Promise<RecomputeResult> {
  const now = opts.now ?? new Date();
  const [v] = await refreshVacancyFeatures(sql, [vacancyId], now);
  if (!v) return { status: 'missing' };
  if (!v.open) {
    await sql.begin(async (tx) => {
      await tx`delete from matches where vacancy_id = ${vacancyId}`;
      await recordRuns(tx, 'vacancy', [{ id: vacancyId, version: v.version, candidates: 0 }], now);
    });
    return { status: 'closed' };
  }
  if (!opts.force) {
    const [run] = await sql`select version from match_runs where subject = 'vacancy' and subject_id = ${vacancyId}`;
    if (run && run.version === v.version) return { status: 'up-to-date' };
  }
  const ranking = { v, ...(await rankCandidates(sql, v, now, VACANCY_LIST_SIZE, { welfareOpenAfterDays: opts.welfareOpenAfterDays })) };
  const written = await sql.begin((tx) => storeVacancyRankings(tx, [ranking], now));
  return written.length ? { status: 'computed', candidates: ranking.candidates, stored: ranking.top.length } : { status: 'stale' };
}

/**
 * Recomputes many open vacancies from their stored features (the nightly run, after the
 * features were refreshed): one IDF lookup and one read transaction for the batch, tier
 * lookups shared between vacancies that ask the same, and one write transaction with
 * multi-row statements — instead of ~10 round trips and a transaction per vacancy.
 */
export async function recomputeVacancies(sql: postgres.Sql, ids: string[], opts: { now?: Date; openCount?: number } & MatchingSettings = {}) {
  const now = opts.now ?? new Date();
  const feats = (await sql`select * from match_vacancy_features where vacancy_id = any(${ids}::uuid[]) and open order by vacancy_id`).map(storedVacancyFeatures);
  if (!feats.length) return { computed: 0, stale: 0, candidates: 0, lookups: 0 };
  const idf = await skillIdf(sql, feats.flatMap((v) => v.skillKeys), opts.openCount);
  const memo: TierMemo = new Map();
  const rankings = await withIndexScans(sql, (tx) =>
    Promise.all(feats.map(async (v) => ({ v, ...(await rankCandidates(tx, v, now, VACANCY_LIST_SIZE, { idf, memo, welfareOpenAfterDays: opts.welfareOpenAfterDays })) }))),
  );
  const written = await sql.begin((tx) => storeVacancyRankings(tx, rankings, now));
  return { computed: written.length, stale: rankings.length - written.length, candidates: rankings.reduce((a, r) => a + r.candidates, 0), lookups: memo.size };
}

/**
 * `matching.vacancies`: what recomputeVacancy does, for a batch (a bulk import's rows): one
 * feature refresh, closed ones cleared, open ones ranked with shared lookups. Idempotent like
 * the single job (writes are version-guarded).
 */
export async function recomputeVacancyBatch(sql: postgres.Sql, ids: string[], opts: { now?: Date } & MatchingSettings = {}) {
  const now = opts.now ?? new Date();
  const feats = await refreshVacancyFeatures(sql, ids, now);
  const closed = feats.filter((v) => !v.open);
  if (closed.length) {
    await sql.begin(async (tx) => {
      await tx`delete from matches where vacancy_id = any(${closed.map((v) => v.vacancyId)}::uuid[])`;
      await recordRuns(tx, 'vacancy', closed.map((v) => ({ id: v.vacancyId, version: v.version, candidates: 0 })), now);
    });
  }
  const open = feats.filter((v) => v.open).map((v) => v.vacancyId);
  const result = open.length ? await recomputeVacancies(sql, open, { now, welfareOpenAfterDays: opts.welfareOpenAfterDays }) : { computed: 0, stale: 0, candidates: 0, lookups: 0 };
  return { ...result, closed: closed.length };
}

/**
 * Replaces a seeker's list of best vacancies, and refreshes this seeker's rows in vacancies'
 * candidate lists (so a profile change shows up there without recomputing every vacancy).
 */
export async function recomputeSeeker(sql: postgres.Sql, seekerId: string, opts: { force?: boolean; now?: Date } = {}): Promise<RecomputeResult> {
  const now = opts.now ?? new Date();
  const [s] = await refreshSeekerFeatures(sql, [seekerId]);
  if (!s) return { status: 'missing' };
  if (!s.active) {
    await sql.begin(async (tx) => {
      await tx`delete from matches where seeker_id = ${seekerId}`;
      await recordRuns(tx, 'seeker', [{ id: seekerId, version: s.version, candidates: 0 }], now);
    });
    return { status: 'closed' };
  }
  if (!opts.force) {
    const [run] = await sql`select version from match_runs where subject = 'seeker' and subject_id = ${seekerId}`;
    if (run && run.version === s.version) return { status: 'up-to-date' };
  }
  const cands = await candidateVacanciesForSeeker(sql, s, now);
  const idf = await skillIdf(sql, cands.flatMap((v) => v.skillKeys));
  const all = cands.map((v) => scored(v, s, idf, now, v.vacancyId));
  all.sort(byScoreThenId);
  const top = all.slice(0, SEEKER_LIST_SIZE);
  return sql.begin(async (tx) => {
    const [cur] = await tx`select version from seekers where id = ${seekerId} for share`;
    if (!cur || cur.version !== s.version) return { status: 'stale' } as RecomputeResult;
    await tx`delete from matches where direction = 'seeker' and seeker_id = ${seekerId}`;
    await insertMatches(tx, 'seeker', top, now);
    await patchOtherLists(tx, 'vacancy', [{ id: seekerId, version: s.version, scored: all }], now);
    await recordRuns(tx, 'seeker', [{ id: seekerId, version: s.version, candidates: cands.length }], now);
    return { status: 'computed', candidates: cands.length, stored: top.length } as RecomputeResult;
  });
}

/**
 * Nightly: bring every feature row in line with its record (catches anything an event
 * missed), then recompute every open vacancy's list in batches, so lists reflect all the
 * seekers who changed since. Seekers' own lists follow their profile changes (and the
 * vacancy jobs); batches (`recomputeVacancies`) keep memory flat, and a rerun after a crash
 * ends in the same state.
 */
export async function rematchAll(sql: postgres.Sql, opts: { batch?: number; concurrency?: number; now?: Date; log?: (m: string) => void } & MatchingSettings = {}) {
  const batch = opts.batch ?? 200;
  const now = opts.now ?? new Date();
  const started = Date.now();
  let seekersRefreshed = 0;
  for (;;) {
    const ids = (await sql`
      select s.id from seekers s left join match_seeker_features f on f.seeker_id = s.id
      where f.seeker_id is null or f.version <> s.version limit 5000`).map((r) => r.id as string);
    if (!ids.length) break;
    await refreshSeekerFeatures(sql, ids);
    seekersRefreshed += ids.length;
  }
  // Vacancy features are refreshed for every candidate: openness changes with time, not only versions.
  let vacanciesRefreshed = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const ids = (await sql`
      select v.id from vacancies v left join match_vacancy_features f on f.vacancy_id = v.id
      where v.id > ${after} and (v.status = 'published' or f.open) order by v.id limit 2000`).map((r) => r.id as string);
    if (!ids.length) break;
    await refreshVacancyFeatures(sql, ids, now);
    vacanciesRefreshed += ids.length;
    after = ids[ids.length - 1]!;
  }
  const featuresMs = Date.now() - started;
  // The ids are listed once (100,000 ids are ~4 MB): their count is every batch's IDF yardstick
  // (one for the whole night). Ordered by unit group and district, so a batch's vacancies ask
  // the same tier lookups and share them. Batches run `concurrency` at a time, so one batch's
  // reads and scoring overlap another's writes.
  const open = (await sql`
    select vacancy_id from match_vacancy_features where open
    order by isco_unit, district_code, public_welfare, vacancy_id`).map((r) => r.vacancy_id as string);
  let next = 0;
  let vacancies = 0;
  let stale = 0;
  let lookups = 0;
  const worker = async () => {
    while (next < open.length) {
      const ids = open.slice(next, (next += batch));
      const r = await recomputeVacancies(sql, ids, { now, openCount: open.length, welfareOpenAfterDays: opts.welfareOpenAfterDays });
      vacancies += r.computed;
      stale += r.stale;
      lookups += r.lookups;
      opts.log?.(`rematched ${vacancies} of ${open.length} vacancies`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  // Closed vacancies keep no candidates.
  await sql`delete from matches m using match_vacancy_features f where f.vacancy_id = m.vacancy_id and not f.open`;
  return { seekersRefreshed, vacanciesRefreshed, vacancies, stale, lookups, featuresMs, ms: Date.now() - started };
}

/** The score of one pair, computed now from the records (the breakdown endpoint). */
export async function scoreOnePair(sql: postgres.Sql, vacancyId: string, seekerId: string, now = new Date()) {
  const vr = await vacancyRowsSql(sql, [vacancyId]);
  const sr = await seekerRowsSql(sql, [seekerId]);
  if (!vr[0] || !sr[0]) return null;
  const v = vacancyFeatures(vr[0], now);
  const s = seekerFeatures(sr[0]);
  const idf = await skillIdf(sql, v.skillKeys);
  return { vacancy: v, seeker: s, result: scorePair(v, s, idf, now) };
}

import type postgres from 'postgres';
import {
  seekerFeatures,
  toDate,
  vacancyFeatures,
  type SeekerRow,
  type StoredSeekerFeatures,
  type StoredVacancyFeatures,
  type VacancyRow,
} from './features.js';
import { byScoreThenId, scorePair, type MatchScore, type SeekerFeatures, type SkillIdf, type VacancyFeatures } from './score.js';

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

// --- features ------------------------------------------------------------------------------

const seekerRowsSql = (sql: Sql, ids: string[]) => sql<SeekerRow[]>`
  select id, version, status, skills, desired_occupations, district_code, lat, lon, education, experience_years,
         desired_wage_min, availability, priority_groups
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

/** IDF of skill keys over open vacancies: ln(1 + N / (1 + df)). */
export async function skillIdf(sql: Sql, keys: string[]): Promise<SkillIdf> {
  const uniq = [...new Set(keys)];
  const [{ n }] = (await sql`select count(*)::int as n from match_vacancy_features where open`) as unknown as [{ n: number }];
  const df = new Map<string, number>();
  if (uniq.length) {
    const rows = await sql`
      select k, count(*)::int as df from match_vacancy_features f, unnest(f.skill_keys) k
      where f.skill_keys && ${uniq}::text[] and k = any(${uniq}::text[]) group by k`;
    for (const r of rows) df.set(r.k, r.df);
  }
  return (key) => Math.log(1 + Math.max(1, n) / (1 + (df.get(key) ?? 0)));
}

// --- candidate generation ------------------------------------------------------------------

/**
 * Seekers worth scoring for a vacancy: same unit group (same district first) and any shared
 * required skill; then, only when those leave fewer than CASCADE_MIN, the same minor group,
 * the same sub-major group and the same district within the same major group. Each tier is a
 * capped GIN lookup; the wide tiers are skipped when the narrow ones suffice, because a
 * bitmap scan reads a key's whole posting list before its LIMIT applies (at 1M seekers a
 * sub-major key lists ~10 % of everyone). 公益性岗位: priority-group members only.
 */
export const CASCADE_MIN = 400;
export async function seekerCandidates(sql: Sql, v: StoredVacancyFeatures): Promise<SeekerFeatures[]> {
  const u = v.iscoUnit;
  const d = v.districtCode;
  const t = SEEKER_TIERS;
  const welfare = v.publicWelfare ? sql`and eligible_welfare` : sql``;
  const tier = (key: string, limit: number) =>
    sql`(select seeker_id from match_seeker_features where active ${welfare} and group_keys @> ${[key]}::text[] limit ${limit})`;
  const narrow: postgres.PendingQuery<postgres.Row[]>[] = [];
  const wide: postgres.PendingQuery<postgres.Row[]>[] = [];
  if (u) {
    if (d) narrow.push(tier(`ud:${u}:${d}`, t.unitDistrict));
    narrow.push(tier(`u:${u}`, t.unit));
    wide.push(tier(`n:${u.slice(0, 3)}`, t.minor), tier(`s:${u.slice(0, 2)}`, t.subMajor));
    if (d) wide.push(tier(`md:${u[0]}:${d}`, t.district));
  } else if (d) narrow.push(tier(`d:${d}`, t.district));
  if (v.skillKeys.length) {
    narrow.push(sql`(select seeker_id from match_seeker_features where active ${welfare} and skill_keys && ${v.skillKeys}::text[] limit ${t.skills})`);
  }
  // Ids first, then rows joined through unnest(): planned as one join with the union (or a
  // CTE), Postgres misjudges its size and hash-joins a sequential scan of every seeker
  // (~300 ms at 1M); unnest gives a nested loop over the primary key.
  const fetch = async (parts: postgres.PendingQuery<postgres.Row[]>[]) => {
    if (!parts.length) return [];
    const union = parts.reduce((acc, p) => sql`${acc} union ${p}`);
    const ids = (await sql`${union}`).map((r) => r.seeker_id as string);
    if (!ids.length) return [];
    return sql`
      select f.seeker_id, f.version, f.isco_units, f.skill_keys, f.district_code, f.lat, f.lon, f.education_rank,
             f.experience_years, f.desired_wage_min, f.availability
      from unnest(${ids}::uuid[]) as c(id) join match_seeker_features f on f.seeker_id = c.id`;
  };
  const rows = [...(await fetch(narrow))];
  if (rows.length < CASCADE_MIN && wide.length) {
    const seen = new Set(rows.map((r) => r.seeker_id as string));
    for (const r of await fetch(wide)) if (!seen.has(r.seeker_id)) rows.push(r);
  }
  return rows.map(toSeekerFeatures);
}

/** Open vacancies worth scoring for a seeker, by the same tiers in the other direction. */
export async function vacancyCandidates(sql: Sql, s: StoredSeekerFeatures, now = new Date()): Promise<(VacancyFeatures & { publicWelfare: boolean })[]> {
  const d = s.districtCode;
  const t = VACANCY_TIERS;
  // Policy: 公益性岗位 are proposed only to people in a priority group.
  const welfare = s.eligibleWelfare ? sql`` : sql`and not public_welfare`;
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
  const union = parts.reduce((acc, p) => sql`${acc} union ${p}`);
  const ids = (await sql`${union}`).map((r) => r.vacancy_id as string);
  if (!ids.length) return [];
  const rows = await sql`select * from match_vacancy_features f where f.vacancy_id = any(${ids}::uuid[])`;
  return rows.map(toVacancyFeatures);
}

// --- recompute -----------------------------------------------------------------------------

interface Scored extends MatchScore {
  id: string;
  vacancyId: string;
  seekerId: string;
  vacancyVersion: number;
  seekerVersion: number;
}

async function insertMatches(sql: Sql, direction: 'vacancy' | 'seeker', rows: Scored[], now: Date): Promise<void> {
  if (!rows.length) return;
  const json = rows.map((r) => ({
    direction, vacancy_id: r.vacancyId, seeker_id: r.seekerId, score: r.score, components: r.components, reasons: r.reasons,
    vacancy_version: r.vacancyVersion, seeker_version: r.seekerVersion, computed_at: now.toISOString(),
  }));
  await sql`
    insert into matches (direction, vacancy_id, seeker_id, score, components, reasons, vacancy_version, seeker_version, computed_at)
    select direction, vacancy_id, seeker_id, score, components, reasons, vacancy_version, seeker_version, computed_at
    from json_populate_recordset(null::matches, ${JSON.stringify(json)}::json)
    on conflict (direction, vacancy_id, seeker_id) do update set score = excluded.score, components = excluded.components,
      reasons = excluded.reasons, vacancy_version = excluded.vacancy_version, seeker_version = excluded.seeker_version, computed_at = excluded.computed_at`;
}

async function recordRun(sql: Sql, subject: 'vacancy' | 'seeker', id: string, version: number, candidates: number, now: Date) {
  await sql`insert into match_runs (subject, subject_id, version, candidates, computed_at) values (${subject}, ${id}, ${version}, ${candidates}, ${now.toISOString()}::timestamptz)
    on conflict (subject, subject_id) do update set version = excluded.version, candidates = excluded.candidates, computed_at = excluded.computed_at`;
}

/**
 * A recompute for one side also keeps the other side's lists current: the subject's rows in
 * them are replaced by the new scores wherever the score makes that list (lists of subjects
 * never computed are left to their own job). So a new vacancy shows up in seekers' lists and
 * a changed profile in vacancies' lists without recomputing everyone.
 */
async function patchOtherLists(tx: Sql, direction: 'vacancy' | 'seeker', subjectId: string, version: number, scored: Scored[], now: Date) {
  const cap = direction === 'vacancy' ? VACANCY_LIST_SIZE : SEEKER_LIST_SIZE;
  // Only rows scored on an older version of the subject go: a row another job wrote for this
  // same version is as current as ours (jobs for the two sides run concurrently).
  if (direction === 'vacancy') await tx`delete from matches where direction = 'vacancy' and seeker_id = ${subjectId} and seeker_version < ${version}`;
  else await tx`delete from matches where direction = 'seeker' and vacancy_id = ${subjectId} and vacancy_version < ${version}`;
  const owner = (x: Scored) => (direction === 'vacancy' ? x.vacancyId : x.seekerId);
  const ids = scored.map(owner);
  if (!ids.length) return;
  const col = direction === 'vacancy' ? tx`vacancy_id` : tx`seeker_id`;
  const lists = await tx`
    select r.subject_id as owner, coalesce(m.n, 0)::int as n, m.min_score
    from match_runs r
    left join (select ${col} as owner, count(*) as n, min(score) as min_score from matches
               where direction = ${direction} and ${col} = any(${ids}::uuid[]) group by 1) m on m.owner = r.subject_id
    where r.subject = ${direction} and r.subject_id = any(${ids}::uuid[])`;
  const byId = new Map(lists.map((l) => [l.owner as string, l]));
  const add = scored.filter((x) => {
    const l = byId.get(owner(x));
    return l && (l.n < cap || x.score > Number(l.min_score));
  });
  await insertMatches(tx, direction, add, now);
}

export interface RecomputeResult {
  status: 'computed' | 'closed' | 'missing' | 'up-to-date' | 'stale';
  candidates?: number;
  stored?: number;
}

/** Scores a vacancy's candidates in memory (no writes): the read path of the benchmark. */
export async function rankCandidates(sql: Sql, v: StoredVacancyFeatures, now = new Date(), limit = VACANCY_LIST_SIZE) {
  const cands = await seekerCandidates(sql, v);
  const idf = await skillIdf(sql, v.skillKeys);
  const scored: Scored[] = cands.map((s) => ({
    ...scorePair(v, s, idf, now),
    id: s.seekerId,
    vacancyId: v.vacancyId,
    seekerId: s.seekerId,
    vacancyVersion: v.version,
    seekerVersion: s.version,
  }));
  scored.sort(byScoreThenId);
  return { candidates: cands.length, top: scored.slice(0, limit), all: scored };
}

/**
 * Replaces a vacancy's candidate list. Idempotent: the same records give the same rows.
 * Skips a version already computed unless `force` (the nightly run, which also catches
 * seekers who changed since). Stale work (the vacancy changed while scoring) is dropped:
 * the change enqueued its own job.
 */
export async function recomputeVacancy(sql: postgres.Sql, vacancyId: string, opts: { force?: boolean; now?: Date } = {}): Promise<RecomputeResult> {
  const now = opts.now ?? new Date();
  const [v] = await refreshVacancyFeatures(sql, [vacancyId], now);
  if (!v) return { status: 'missing' };
  if (!v.open) {
    await sql.begin(async (tx) => {
      await tx`delete from matches where vacancy_id = ${vacancyId}`;
      await recordRun(tx, 'vacancy', vacancyId, v.version, 0, now);
    });
    return { status: 'closed' };
  }
  if (!opts.force) {
    const [run] = await sql`select version from match_runs where subject = 'vacancy' and subject_id = ${vacancyId}`;
    if (run && run.version === v.version) return { status: 'up-to-date' };
  }
  const { candidates, top, all } = await rankCandidates(sql, v, now);
  return sql.begin(async (tx) => {
    const [cur] = await tx`select version from vacancies where id = ${vacancyId} for share`;
    if (!cur || cur.version !== v.version) return { status: 'stale' } as RecomputeResult;
    await tx`delete from matches where direction = 'vacancy' and vacancy_id = ${vacancyId}`;
    await insertMatches(tx, 'vacancy', top, now);
    await patchOtherLists(tx, 'seeker', vacancyId, v.version, all, now);
    await recordRun(tx, 'vacancy', vacancyId, v.version, candidates, now);
    return { status: 'computed', candidates, stored: top.length } as RecomputeResult;
  });
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
      await recordRun(tx, 'seeker', seekerId, s.version, 0, now);
    });
    return { status: 'closed' };
  }
  if (!opts.force) {
    const [run] = await sql`select version from match_runs where subject = 'seeker' and subject_id = ${seekerId}`;
    if (run && run.version === s.version) return { status: 'up-to-date' };
  }
  const cands = await vacancyCandidates(sql, s, now);
  const idf = await skillIdf(sql, cands.flatMap((v) => v.skillKeys));
  const scored: Scored[] = cands.map((v) => ({
    ...scorePair(v, s, idf, now),
    id: v.vacancyId,
    vacancyId: v.vacancyId,
    seekerId,
    vacancyVersion: v.version,
    seekerVersion: s.version,
  }));
  scored.sort(byScoreThenId);
  const top = scored.slice(0, SEEKER_LIST_SIZE);
  return sql.begin(async (tx) => {
    const [cur] = await tx`select version from seekers where id = ${seekerId} for share`;
    if (!cur || cur.version !== s.version) return { status: 'stale' } as RecomputeResult;
    await tx`delete from matches where direction = 'seeker' and seeker_id = ${seekerId}`;
    await insertMatches(tx, 'seeker', top, now);
    await patchOtherLists(tx, 'vacancy', seekerId, s.version, scored, now);
    await recordRun(tx, 'seeker', seekerId, s.version, cands.length, now);
    return { status: 'computed', candidates: cands.length, stored: top.length } as RecomputeResult;
  });
}

/**
 * Nightly: bring every feature row in line with its record (catches anything an event
 * missed), then recompute every open vacancy's list in batches, so lists reflect all the
 * seekers who changed since. Seekers' own lists follow their profile changes (and the
 * vacancy jobs); batches keep memory flat, and a rerun after a crash ends in the same state.
 */
export async function rematchAll(sql: postgres.Sql, opts: { batch?: number; now?: Date; log?: (m: string) => void } = {}) {
  const batch = opts.batch ?? 500;
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
  let vacancies = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const ids = (await sql`select vacancy_id from match_vacancy_features where open and vacancy_id > ${after} order by vacancy_id limit ${batch}`).map((r) => r.vacancy_id as string);
    if (!ids.length) break;
    for (const id of ids) await recomputeVacancy(sql, id, { force: true, now });
    vacancies += ids.length;
    after = ids[ids.length - 1]!;
    opts.log?.(`rematched ${vacancies} vacancies`);
  }
  // Closed vacancies keep no candidates.
  await sql`delete from matches m using match_vacancy_features f where f.vacancy_id = m.vacancy_id and not f.open`;
  return { seekersRefreshed, vacanciesRefreshed, vacancies, ms: Date.now() - started };
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

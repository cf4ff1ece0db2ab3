import { openVacancySql } from '../../vocabulary/index.js';
import type postgres from 'postgres';
import { AppError, notFound } from '../../lib/errors.js';
import { seekerAlias } from '../../lib/masking.js';
import type { Principal } from '../auth/index.js';
import { fourFifthsExplanation, fourFifthsFlag, scoreOnePair } from './matching.service.js';
import { WEIGHTS } from './score.js';
import type { FairnessDto, FairnessFilter } from './matching.schemas.js';

/**
 * Read side of matching for the routes. Profiles leave here masked only: the SELECTs name
 * the few columns a masked profile has, so personal data cannot leak by accident.
 */
const VACANCY = ['Vacancy', '岗位'] as const;

async function vacancyFor(sql: postgres.Sql, principal: Principal, vacancyId: string) {
  const [v] = await sql`select id, employer_id, public_welfare from vacancies where id = ${vacancyId}`;
  // Another employer's vacancy does not exist as far as this key is concerned.
  if (!v || (principal.role === 'employer' && v.employer_id !== principal.employerId)) throw notFound(...VACANCY);
  // 公益性岗位 are filled by staff referral from the priority groups first. Showing the employer
  // its candidate list would show who is in a priority group, so it gets the same refusal for
  // every person, whatever their status (no membership oracle).
  if (principal.role === 'employer' && v.public_welfare) {
    throw new AppError(403, 'STAFF_REFERRAL_ONLY', {
      en: 'Candidates for a public welfare post are proposed by PES staff through referrals',
      zh: '公益性岗位的人选由公共就业服务工作人员通过推荐提供',
    });
  }
  return v;
}

/** The masked profile every matching output carries: no name-derived text at all (an alias of the id). */
const profileOf = (r: postgres.Row) => ({
  maskedName: seekerAlias(r.seeker_id ?? r.id),
  skills: r.skills ?? [],
  experienceYears: r.experience_years,
  education: r.education,
  districtCode: r.district_code,
});

export interface PageOfRanked {
  limit: number;
  offset?: number;
}

export async function candidatesForVacancy(sql: postgres.Sql, principal: Principal, vacancyId: string, q: PageOfRanked & { minScore?: number }) {
  await vacancyFor(sql, principal, vacancyId);
  const offset = q.offset ?? 0;
  // Employers see only people who agreed to be found by employers.
  const consent = principal.role === 'employer' ? sql`and s.consent_searchable` : sql``;
  const min = q.minScore !== undefined ? sql`and m.score >= ${q.minScore}` : sql``;
  const from = sql`
    from matches m join seekers s on s.id = m.seeker_id
    where m.direction = 'vacancy' and m.vacancy_id = ${vacancyId} and s.status = 'active' ${consent} ${min}`;
  const rows = await sql`
    select m.seeker_id, m.score, m.components, m.reasons, s.skills, s.experience_years, s.education, s.district_code
    ${from} order by m.score desc, m.seeker_id limit ${q.limit} offset ${offset}`;
  const [{ n }] = (await sql`select count(*)::int as n ${from}`) as unknown as [{ n: number }];
  const [run] = await sql`select computed_at, candidates from match_runs where subject = 'vacancy' and subject_id = ${vacancyId}`;
  return {
    vacancyId,
    computedAt: run ? new Date(run.computed_at).toISOString() : null,
    // The pool can never be smaller than the list below it (a list patched by seeker-side runs
    // has no vacancy run yet: the page said 候选池: 0 above three people). An employer's pool is
    // the people it may see: the run's count includes people hidden from it.
    candidatePool: principal.role === 'employer' ? n : Math.max(run?.candidates ?? 0, n),
    total: n,
    items: rows.map((r, i) => ({ rank: offset + i + 1, seekerId: r.seeker_id, score: r.score, components: r.components, reasons: r.reasons, profile: profileOf(r) })),
  };
}

export async function seekerMatches(sql: postgres.Sql, seekerId: string, q: PageOfRanked) {
  const [s] = await sql`select id from seekers where id = ${seekerId}`;
  if (!s) throw notFound('Job seeker', '求职者');
  const offset = q.offset ?? 0;
  const from = sql`
    from matches m join vacancies v on v.id = m.vacancy_id join employers e on e.id = v.employer_id
    where m.direction = 'seeker' and m.seeker_id = ${seekerId} and ${openVacancySql(sql, 'v')}`;
  const rows = await sql`
    select m.vacancy_id, m.score, m.components, m.reasons, v.title, e.name as employer_name, v.district_code, v.public_welfare
    ${from} order by m.score desc, m.vacancy_id limit ${q.limit} offset ${offset}`;
  const [{ n }] = (await sql`select count(*)::int as n ${from}`) as unknown as [{ n: number }];
  const [run] = await sql`select computed_at from match_runs where subject = 'seeker' and subject_id = ${seekerId}`;
  return {
    seekerId,
    computedAt: run ? new Date(run.computed_at).toISOString() : null,
    total: n,
    items: rows.map((r, i) => ({
      rank: offset + i + 1, vacancyId: r.vacancy_id, title: r.title, employerName: r.employer_name, districtCode: r.district_code,
      publicWelfare: r.public_welfare, score: r.score, components: r.components, reasons: r.reasons,
    })),
  };
}

/**
 * One pair's breakdown. Staff get it computed now for any pair. An employer gets only pairs the
 * matcher proposed to it (the stored list of its own open vacancy, consenting active people),
 * as stored: never computed on demand, so a draft moved around the map, or a person outside the
 * list, answers exactly like an unknown id (404).
 */
export async function pairBreakdown(sql: postgres.Sql, principal: Principal, vacancyId: string, seekerId: string) {
  const v = await vacancyFor(sql, principal, vacancyId);
  if (principal.role === 'employer') return proposedPair(sql, vacancyId, seekerId);
  const [s] = await sql`select id, skills, experience_years, education, district_code, status, priority_groups from seekers where id = ${seekerId}`;
  if (!s) throw notFound('Job seeker', '求职者');
  // Policy, not score: a 公益性岗位 is not proposed to someone outside the priority groups (staff only reach here).
  if (v.public_welfare && (s.priority_groups as string[]).length === 0) {
    throw new AppError(404, 'NOT_A_CANDIDATE', { en: 'This person is not a candidate for this public welfare post', zh: '此人不是该公益性岗位的候选人' });
  }
  const pair = await scoreOnePair(sql, vacancyId, seekerId);
  if (!pair) throw notFound(...VACANCY);
  const [ranked] = await sql`
    select rn from (select seeker_id, row_number() over (order by score desc, seeker_id) as rn from matches
                    where direction = 'vacancy' and vacancy_id = ${vacancyId}) x where seeker_id = ${seekerId}`;
  return {
    vacancyId,
    seekerId,
    score: pair.result.score,
    components: pair.result.components,
    weights: { ...WEIGHTS },
    reasons: pair.result.reasons,
    rank: ranked ? Number(ranked.rn) : null,
    computedAt: new Date().toISOString(),
    profile: profileOf(s),
  };
}

async function proposedPair(sql: postgres.Sql, vacancyId: string, seekerId: string) {
  const [r] = await sql`
    select x.seeker_id, x.score, x.components, x.reasons, x.rn, s.skills, s.experience_years, s.education, s.district_code
    from (select seeker_id, score, components, reasons, row_number() over (order by score desc, seeker_id) as rn
          from matches where direction = 'vacancy' and vacancy_id = ${vacancyId}) x
    join seekers s on s.id = x.seeker_id
    where x.seeker_id = ${seekerId} and s.status = 'active' and s.consent_searchable`;
  if (!r) throw notFound('Job seeker', '求职者');
  const [run] = await sql`select computed_at from match_runs where subject = 'vacancy' and subject_id = ${vacancyId}`;
  return {
    vacancyId,
    seekerId,
    score: r.score,
    components: r.components,
    weights: { ...WEIGHTS },
    reasons: r.reasons,
    rank: Number(r.rn),
    computedAt: run ? new Date(run.computed_at).toISOString() : new Date(0).toISOString(),
    profile: profileOf(r),
  };
}

/** A referral is made from a match: the pair must be in a stored list (either direction). */
export async function assertMatched(sql: postgres.Sql, vacancyId: string, seekerId: string): Promise<void> {
  const [m] = await sql`select 1 from matches where vacancy_id = ${vacancyId} and seeker_id = ${seekerId} limit 1`;
  if (!m) throw new AppError(404, 'MATCH_NOT_FOUND', { en: 'This job seeker is not among the matches of this vacancy', zh: '该求职者不在此岗位的匹配结果中' });
}

const AGE_BAND_SQL = (ref: string) => `case
  when extract(year from age('${ref}'::date, s.birth_date)) < 16 then 'under-16'
  when extract(year from age('${ref}'::date, s.birth_date)) <= 24 then '16-24'
  when extract(year from age('${ref}'::date, s.birth_date)) <= 34 then '25-34'
  when extract(year from age('${ref}'::date, s.birth_date)) <= 44 then '35-44'
  when extract(year from age('${ref}'::date, s.birth_date)) <= 54 then '45-54'
  else '55+' end`;

/**
 * Fairness audit for staff (aggregates only): for the selected vacancies, the share of
 * matched (top N), referred and hired seekers by sex and age band against the candidate pool
 * (everyone in the vacancies' candidate lists, plus anyone referred to them). The impact
 * ratio is a group's selection rate over the best group's; below 0.8 it is flagged when both
 * groups have at least `minGroup` people (`fourFifthsFlag`, the same rule the reports use).
 */
export async function fairnessAudit(sql: postgres.Sql, f: FairnessFilter, minGroup: number): Promise<FairnessDto> {
  const ref = f.weekStart ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ref)) throw new AppError(400, 'VALIDATION_FAILED', { en: 'weekStart must be a date', zh: 'weekStart 必须是日期' });
  const vSet = sql`
    select id from vacancies where true
      ${f.officeId ? sql`and office_id in (select o.id from offices o join offices top on top.id = ${f.officeId} where o.path = top.path or o.path like top.path || '/%')` : sql``}
      ${f.fairId ? sql`and fair_id = ${f.fairId}` : sql``}
      ${f.weekStart ? sql`and published_at >= ${f.weekStart}::date and published_at < ${f.weekStart}::date + 7` : sql``}`;
  const [{ n }] = (await sql`select count(*)::int as n from (${vSet}) v`) as unknown as [{ n: number }];
  const rows = await sql`
    with v as (${vSet}),
    ranked as (
      select seeker_id, row_number() over (partition by vacancy_id order by score desc, seeker_id) as rn
      from matches where direction = 'vacancy' and vacancy_id in (select id from v)),
    cand as (select seeker_id, min(rn) as best from ranked group by seeker_id),
    ref as (select seeker_id, bool_or(outcome = 'hired') as hired from referrals where vacancy_id in (select id from v) group by seeker_id),
    pool as (
      select coalesce(c.seeker_id, r.seeker_id) as seeker_id, coalesce(c.best <= ${f.topN}, false) as matched,
             r.seeker_id is not null as referred, coalesce(r.hired, false) as hired
      from cand c full join ref r on r.seeker_id = c.seeker_id)
    select s.sex::text as sex, ${sql.unsafe(AGE_BAND_SQL(ref))} as band, count(*)::int as pool,
           count(*) filter (where p.matched)::int as matched, count(*) filter (where p.referred)::int as referred,
           count(*) filter (where p.hired)::int as hired
    from pool p join seekers s on s.id = p.seeker_id group by 1, 2`;
  const total = rows.reduce((a, r) => a + r.pool, 0);
  const stages = ['matched', 'referred', 'hired'] as const;
  const flags: FairnessDto['flags'] = [];
  const dimension = (dim: 'sex' | 'ageBand', keyOf: (r: postgres.Row) => string) => {
    const groups = new Map<string, { pool: number; matched: number; referred: number; hired: number }>();
    for (const r of rows) {
      const g = groups.get(keyOf(r)) ?? { pool: 0, matched: 0, referred: 0, hired: 0 };
      g.pool += r.pool;
      g.matched += r.matched;
      g.referred += r.referred;
      g.hired += r.hired;
      groups.set(keyOf(r), g);
    }
    const totals = Object.fromEntries(stages.map((s) => [s, [...groups.values()].reduce((a, g) => a + g[s], 0)]));
    // The best group per stage: highest selection rate (its pool is what the ratio is compared with).
    const best = Object.fromEntries(
      stages.map((s) => {
        let top = { pool: 0, selected: 0 };
        for (const g of groups.values()) if (g.pool && (!top.pool || g[s] / g.pool > top.selected / top.pool)) top = { pool: g.pool, selected: g[s] };
        return [s, top];
      }),
    );
    const r4 = (x: number) => Math.round(x * 10000) / 10000;
    return {
      dimension: dim,
      groups: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([group, g]) => {
          const stage = (s: (typeof stages)[number]) => {
            const { impactRatio, enough, flagged } = fourFifthsFlag({ pool: g.pool, selected: g[s] }, best[s]!, minGroup);
            if (flagged) flags.push({ dimension: dim, group, stage: s, impactRatio: impactRatio! });
            return { count: g[s], share: totals[s] ? r4(g[s] / totals[s]!) : 0, rate: r4(g.pool ? g[s] / g.pool : 0), impactRatio, enoughPeople: enough, flagged };
          };
          return { group, pool: g.pool, poolShare: total ? r4(g.pool / total) : 0, matched: stage('matched'), referred: stage('referred'), hired: stage('hired') };
        }),
    };
  };
  return {
    vacancies: n,
    topN: f.topN,
    pool: total,
    minGroup,
    dimensions: [dimension('sex', (r) => r.sex), dimension('ageBand', (r) => r.band)],
    flags,
    explanation: fourFifthsExplanation(minGroup),
  };
}

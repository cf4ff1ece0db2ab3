import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { periodBounds, shanghaiMidnight, type PeriodKind } from './periods.js';
import { wageGuidanceRuns } from './wage-guidance.table.js';

/** Publication thresholds (small-cell suppression). */
export const MIN_OBSERVATIONS = 30;
export const MIN_EMPLOYERS = 3;
/** A cell is withheld when one employer has more than this share of its observations. */
export const MAX_EMPLOYER_SHARE = 0.5;

export const SOURCES = ['offered', 'offered_min', 'offered_max', 'actual'] as const;
export type Source = (typeof SOURCES)[number];
export const SYSTEMS = ['isco', 'cn2022', 'industry'] as const;
export type System = (typeof SYSTEMS)[number];
export const CITY = 'all';

export interface CompileInput {
  periodKind: PeriodKind;
  periodStart: string;
  /** A district code, or undefined / 'all' for the whole city. */
  regionCode?: string | null;
  trigger?: string;
}

export interface CompileResult {
  runId: string;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  regionCode: string;
  vacancies: number;
  positions: number;
  placements: number;
  cells: number;
  suppressedCells: number;
  durationMs: number;
}

/** Vacancies that were published: their offered wage is an observation of the period they were published in. */
const PUBLISHED_STATUSES = sql`('published', 'closed', 'filled', 'expired')`;

/**
 * The code of a base-level row (system, code0) at level L, or null when it has none: ISCO-08
 * from the 4-digit unit (L = 4) up to the major group (L = 1), cn2022 from the detailed
 * occupation (6-18-02-04) up to the major group (6), GB/T 4754 sections at level 1 only. A
 * vacancy coded at a coarser level (e.g. ISCO "25") counts at that level and above.
 */
const codeAt = (level: number) =>
  sql.raw(`case system
    when 'isco' then case when length(code0) >= ${level} then left(code0, ${level}) end
    when 'cn2022' then case when cardinality(string_to_array(code0, '-')) >= ${level} then array_to_string((string_to_array(code0, '-'))[1:${level}], '-') end
    else ${level === 1 ? 'code0' : 'null'} end`);
const LEVELS = sql`cross join lateral (values (4, ${codeAt(4)}), (3, ${codeAt(3)}), (2, ${codeAt(2)}), (1, ${codeAt(1)})) as k(level, code)`;
/** Which classification a grouping-sets row belongs to, and its code. */
const SYSTEM_OF = sql.raw(`case when grouping(occ) = 0 then (case left(occ, 1) when 'i' then 'isco' else 'cn2022' end) else 'industry' end`);
const CODE_OF = sql.raw(`case when grouping(occ) = 0 then substr(occ, 2) else industry end`);

/**
 * Type-7 quantile for p = num/den from cumulative weights (see percentile.ts): with
 * h = (n − 1)·p, j = ⌊h⌋ and the fraction computed in exact integer arithmetic,
 * Q = x(j+1) + frac·(x(j+2) − x(j+1)), where x(k) is the smallest value whose cumulative
 * weight reaches k.
 */
const quantile = (num: number, den: number) => {
  const j = sql.raw(`(((n - 1) * ${num}) / ${den})`);
  const frac = sql.raw(`((((n - 1) * ${num}) % ${den})::float8 / ${den})`);
  const a = sql`min(val) filter (where cw >= ${j} + 1)`;
  const b = sql`coalesce(min(val) filter (where cw >= ${j} + 2), ${a})`;
  return sql`(${a} + ${frac} * (${b} - ${a}))`;
};

/**
 * Compiles one period × region in ONE transaction: the previous cells of that period and
 * region are deleted and the new ones inserted together, with a run row recording the input
 * window and counts. Concurrent runs of the same period and region queue on an advisory lock.
 * Everything happens in SQL, so the worker's memory does not grow with the data.
 */
export async function compileWageGuidance(db: Db, input: CompileInput): Promise<CompileResult> {
  const started = Date.now();
  const { start, end } = periodBounds(input.periodKind, input.periodStart);
  const region = input.regionCode && input.regionCode !== CITY ? input.regionCode : CITY;
  const from = shanghaiMidnight(start);
  const to = shanghaiMidnight(end);

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`wage-guidance:${input.periodKind}:${start}:${region}`}))`);
    // Sorting and hashing a million observations needs more than the default 4 MB.
    await tx.execute(sql`set local work_mem = '256MB'`);
    // JIT compiling this one large statement costs more than it saves.
    await tx.execute(sql`set local jit = off`);

    const vacancyFilter = sql`v.published_at >= ${from.toISOString()}::timestamptz and v.published_at < ${to.toISOString()}::timestamptz
      and v.status in ${PUBLISHED_STATUSES} and v.headcount > 0
      and (${region}::text = 'all' or v.district_code = ${region})`;
    const placementFilter = sql`p.contract_start >= ${start}::date and p.contract_start < ${end}::date
      and (${region}::text = 'all' or coalesce(v.district_code, e.district_code) = ${region})`;

    const [counts] = (await tx.execute(sql`
      select (select count(*)::int from vacancies v where ${vacancyFilter}) as vacancies,
             (select coalesce(sum(v.headcount), 0)::bigint from vacancies v where ${vacancyFilter}) as positions,
             (select count(*)::int from placements p join employers e on e.id = p.employer_id left join vacancies v on v.id = p.vacancy_id
               where ${placementFilter}) as placements`)) as unknown as { vacancies: number; positions: string | number; placements: number }[];

    const [run] = await tx
      .insert(wageGuidanceRuns)
      .values({
        periodKind: input.periodKind,
        periodStart: start,
        periodEnd: end,
        regionCode: region,
        windowFrom: from,
        windowTo: to,
        vacancies: counts!.vacancies,
        positions: Number(counts!.positions),
        placements: counts!.placements,
        cells: 0,
        suppressedCells: 0,
        durationMs: 0,
        trigger: input.trigger ?? 'job',
      })
      .returning({ id: wageGuidanceRuns.id });
    const runId = run!.id;

    await tx.execute(sql`delete from wage_guidance where period_kind = ${input.periodKind} and period_start = ${start}::date and region_code = ${region}`);

    // One occupation key per record, 'i' + ISCO code or 'c' + cn2022 code (a vacancy is coded in
    // one system; ESCO codes count under their ISCO unit), so both share one hash table a source.
    const occ = sql.raw(`case when v.occupation_system = 'cn2022' then 'c' || v.occupation_code
      when v.occupation_system = 'isco' then 'i' || v.occupation_code when v.isco_unit is not null then 'i' || v.isco_unit end`);
    const inserted = (await tx.execute(sql`
      with base as materialized (
        select v.employer_id as emp, e.industry, ${occ} as occ, v.headcount::bigint as w,
               v.wage_monthly_min::float8 as lo, v.wage_monthly_max::float8 as hi,
               -- offered: the midpoint of the stated range (a single stated end stands for itself)
               ((coalesce(v.wage_monthly_min, v.wage_monthly_max) + coalesce(v.wage_monthly_max, v.wage_monthly_min)) / 2)::float8 as mid
        from vacancies v join employers e on e.id = v.employer_id
        where ${vacancyFilter} and (v.wage_monthly_min is not null or v.wage_monthly_max is not null)
      ),
      act as materialized (
        select p.employer_id as emp, e.industry, ${occ} as occ, p.monthly_wage::float8 as val
        from placements p join employers e on e.id = p.employer_id left join vacancies v on v.id = p.vacancy_id
        where ${placementFilter}
      ),
      -- Weighted value counts at the base level of each classification and source, in one scan
      -- (a hash table per grouping set); the coarser levels are rolled up from these small sets.
      vals as (
        select ${SYSTEM_OF} as system, ${CODE_OF} as code0,
               case when grouping(mid) = 0 then 'offered' when grouping(lo) = 0 then 'offered_min' else 'offered_max' end as src,
               case when grouping(mid) = 0 then mid when grouping(lo) = 0 then lo else hi end as val,
               sum(w) as w
        from base
        group by grouping sets ((occ, mid), (occ, lo), (occ, hi), (industry, mid), (industry, lo), (industry, hi))
        union all
        select ${SYSTEM_OF}, ${CODE_OF}, 'actual', val, count(*) from act group by grouping sets ((occ, val), (industry, val))
      ),
      cell_val as (
        select src, system, k.level, k.code, val, sum(w)::bigint as w
        from vals ${LEVELS}
        where code0 is not null and val is not null and k.code is not null
        group by 1, 2, 3, 4, 5
      ),
      cum as (
        select src, system, level, code, val, w,
               (sum(w) over (partition by src, system, code order by val rows between unbounded preceding and current row))::bigint as cw,
               (sum(w) over (partition by src, system, code))::bigint as n
        from cell_val
      ),
      stats as (
        select src, system, level, code, n, sum(val * w) / n as mean,
               ${quantile(1, 10)} as p10, ${quantile(1, 4)} as p25, ${quantile(1, 2)} as p50, ${quantile(3, 4)} as p75, ${quantile(9, 10)} as p90
        from cum group by src, system, level, code, n
      ),
      -- Employers per cell (for the suppression rules), all offered sources side by side.
      emps0 as (
        select ${SYSTEM_OF} as system, ${CODE_OF} as code0, emp,
               coalesce(sum(w) filter (where mid is not null), 0) as w_off, coalesce(sum(w) filter (where lo is not null), 0) as w_min,
               coalesce(sum(w) filter (where hi is not null), 0) as w_max, 0::bigint as w_act,
               count(*) filter (where mid is not null) as r_off, count(*) filter (where lo is not null) as r_min,
               count(*) filter (where hi is not null) as r_max, 0::bigint as r_act
        from base group by grouping sets ((occ, emp), (industry, emp))
        union all
        select ${SYSTEM_OF}, ${CODE_OF}, emp, 0, 0, 0, count(*), 0, 0, 0, count(*)
        from act group by grouping sets ((occ, emp), (industry, emp))
      ),
      cell_emp as (
        select system, k.code, emp, sum(w_off) as w_off, sum(w_min) as w_min, sum(w_max) as w_max, sum(w_act) as w_act,
               sum(r_off) as r_off, sum(r_min) as r_min, sum(r_max) as r_max, sum(r_act) as r_act
        from emps0 ${LEVELS}
        where code0 is not null and k.code is not null
        group by 1, 2, 3
      ),
      emps as (
        select system, code,
               count(*) filter (where w_off > 0) as e_off, max(w_off) as t_off, sum(r_off) as r_off,
               count(*) filter (where w_min > 0) as e_min, max(w_min) as t_min, sum(r_min) as r_min,
               count(*) filter (where w_max > 0) as e_max, max(w_max) as t_max, sum(r_max) as r_max,
               count(*) filter (where w_act > 0) as e_act, max(w_act) as t_act, sum(r_act) as r_act
        from cell_emp group by 1, 2
      ),
      cells as (
        select s.*, x.employers, x.top, x.recs
        from stats s join emps e on e.system = s.system and e.code = s.code
        cross join lateral (select
          case s.src when 'offered' then e.e_off when 'offered_min' then e.e_min when 'offered_max' then e.e_max else e.e_act end as employers,
          case s.src when 'offered' then e.t_off when 'offered_min' then e.t_min when 'offered_max' then e.t_max else e.t_act end as top,
          case s.src when 'offered' then e.r_off when 'offered_min' then e.r_min when 'offered_max' then e.r_max else e.r_act end as recs) as x
      )
      insert into wage_guidance (run_id, period_kind, period_start, region_code, system, level, code, source,
        observations, records, employers, top_employer_share, p10, p25, p50, p75, p90, mean, suppressed, suppression_reasons)
      select ${runId}::uuid, ${input.periodKind}, ${start}::date, ${region}, s.system, s.level, s.code, s.src,
             s.n, s.recs, s.employers, round(s.top::numeric / s.n, 4), s.p10, s.p25, s.p50, s.p75, s.p90, round(s.mean::numeric, 2),
             (s.n < ${MIN_OBSERVATIONS} or s.employers < ${MIN_EMPLOYERS} or s.top > s.n * ${MAX_EMPLOYER_SHARE}::numeric),
             array_remove(array[
               case when s.n < ${MIN_OBSERVATIONS} then 'min_observations' end,
               case when s.employers < ${MIN_EMPLOYERS} then 'min_employers' end,
               case when s.top > s.n * ${MAX_EMPLOYER_SHARE}::numeric then 'dominant_employer' end
             ]::text[], null)
      from cells s
      returning suppressed`)) as unknown as { suppressed: boolean }[];

    const cells = inserted.length;
    const suppressedCells = inserted.filter((r) => r.suppressed).length;
    const durationMs = Date.now() - started;
    await tx.execute(sql`update wage_guidance_runs set cells = ${cells}, suppressed_cells = ${suppressedCells}, duration_ms = ${durationMs} where id = ${runId}`);
    return {
      runId,
      periodKind: input.periodKind,
      periodStart: start,
      periodEnd: end,
      regionCode: region,
      vacancies: counts!.vacancies,
      positions: Number(counts!.positions),
      placements: counts!.placements,
      cells,
      suppressedCells,
      durationMs,
    };
  });
}

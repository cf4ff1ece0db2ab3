import type postgres from 'postgres';
import type { Db } from '../../db/client.js';
import { periodBounds, shanghaiMidnight, type PeriodKind } from './periods.js';
import { copyRows, KeyDictionary } from './copy-binary.js';
import { compileCells, Observations, type CellStats } from './wage-guidance.cells.js';

export { MIN_OBSERVATIONS, MIN_EMPLOYERS, MAX_EMPLOYER_SHARE, SOURCES, type Source } from './wage-guidance.cells.js';
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
  /** Where the time went: streaming the records in, computing the cells, writing them. */
  phases: { readMs: number; computeMs: number; writeMs: number };
}

const TEXT_OID = 25;

/**
 * A string as an SQL literal, for the COPY statement (which takes no bind parameters). The
 * values are inlined rather than read from settings so the planner sees them: with opaque
 * values it guessed a few hundred rows and read a million through an index.
 */
function literal(value: string): string {
  if (value.includes('\0')) throw new Error('NUL in an SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}
/** 'i' + ISCO code or 'c' + cn2022 code: a vacancy is coded in one system; ESCO codes count under their ISCO unit. */
const occupationKey = (v: string) => `case when ${v}.occupation_system = 'cn2022' then 'c' || ${v}.occupation_code
  when ${v}.occupation_system = 'isco' then 'i' || ${v}.occupation_code when ${v}.isco_unit is not null then 'i' || ${v}.isco_unit end`;

/**
 * Every input of the period and region in one statement, so the counts and every figure come
 * from one snapshot. Columns: employer, key, weight, lo, hi, actual.
 * - each employer once: key = its industry (GB/T 4754 section), weight null;
 * - published vacancies: key = occupation, weight = headcount, lo/hi = the stated monthly range;
 * - placements: key = the vacancy's occupation, weight 1, actual = the recorded monthly wage.
 * Vacancies are not joined to employers: the worker resolves industries through the first
 * branch, which saves the server a million hash probes. Numerics travel as they are stored
 * (casting them to float8 on the server costs more than decoding them in the worker).
 */
const observationsQuery = (p: { from: string; to: string; start: string; end: string; region: string }) => `
  select e.id as employer, e.industry as key, null::int as weight, null::numeric as lo, null::numeric as hi, null::numeric as actual
  from employers e
  union all
  select v.employer_id, ${occupationKey('v')}, v.headcount, v.wage_monthly_min, v.wage_monthly_max, null
  from vacancies v
  where v.published_at >= ${literal(p.from)}::timestamptz and v.published_at < ${literal(p.to)}::timestamptz
    -- vacancies that were published: their offered wage is an observation of the period they were published in
    and v.status in ('published', 'closed', 'filled', 'expired') and v.headcount > 0
    and (${literal(p.region)} = 'all' or v.district_code = ${literal(p.region)})
  union all
  select p.employer_id, ${occupationKey('v')}, 1, null, null, p.monthly_wage
  from placements p join employers e on e.id = p.employer_id
    -- one primary-key probe per placement (offset 0 keeps it a lookup) instead of hashing every vacancy
    left join lateral (select occupation_system, occupation_code, isco_unit, district_code from vacancies v where v.id = p.vacancy_id offset 0) v on true
  where p.contract_start >= ${literal(p.start)}::date and p.contract_start < ${literal(p.end)}::date
    and (${literal(p.region)} = 'all' or coalesce(v.district_code, e.district_code) = ${literal(p.region)})`;

/**
 * The postgres.js client behind the drizzle database (drizzle() sets `$client`): the compile
 * streams its input with COPY, which drizzle does not offer.
 */
function clientOf(db: Db): postgres.Sql {
  const client = (db as Db & { $client?: postgres.Sql }).$client;
  if (!client) throw new Error('compileWageGuidance needs the drizzle database created over postgres.js (createDatabase)');
  return client;
}

/**
 * Compiles one period × region in ONE transaction: the previous cells of that period and region
 * are deleted and the new ones inserted together, with a run row recording the input window and
 * counts. Concurrent runs of the same period and region queue on an advisory lock.
 *
 * Postgres selects every record of the period in one statement and streams it in binary
 * (copy-binary.ts) into typed arrays; the grouping, percentiles and suppression rules are
 * computed here (wage-guidance.cells.ts) and the cells written back in one statement. An
 * earlier all-SQL version re-aggregated the million rows for every classification level and
 * for the employer counts and took 22 s for a million vacancies; this takes a few seconds, and
 * the arrays for a million records about 60 MB.
 */
export async function compileWageGuidance(db: Db, input: CompileInput): Promise<CompileResult> {
  const started = Date.now();
  const { start, end } = periodBounds(input.periodKind, input.periodStart);
  const region = input.regionCode && input.regionCode !== CITY ? input.regionCode : CITY;
  const from = shanghaiMidnight(start).toISOString();
  const to = shanghaiMidnight(end).toISOString();

  return clientOf(db).begin(async (sql) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`wage-guidance:${input.periodKind}:${start}:${region}`}))`;
    // JIT compiling the scan of a million rows costs more than it saves.
    await sql`set local jit = off`;
    // literal() relies on backslashes being plain characters in string literals (the default).
    await sql`set local standard_conforming_strings = on`;

    const employers = new KeyDictionary();
    const keys = new KeyDictionary();
    const obs = new Observations((id) => keys.text(id));
    let vacancies = 0;
    let positions = 0;
    let placements = 0;
    const columns = [{ key: employers }, { key: keys }, 'int4', 'numeric', 'numeric', 'numeric'] as const;
    await copyRows(sql, observationsQuery({ from, to, start, end, region }), columns, (row) => {
      const employer = row[0] as number;
      const key = row[1] as number | null;
      const weight = row[2] as number | null;
      const actual = row[5] as number | null;
      if (weight === null) {
        if (key !== null) obs.setIndustry(employer, key);
        return;
      }
      if (actual === null) {
        vacancies++;
        positions += weight;
      } else placements++;
      obs.add(key, employer, weight, row[3] as number | null, row[4] as number | null, actual);
    });
    const read = Date.now();
    const cells = compileCells(obs);
    const computed = Date.now();
    const suppressedCells = cells.filter((c) => c.suppressionReasons.length > 0).length;

    const [run] = await sql`insert into wage_guidance_runs (period_kind, period_start, period_end, region_code, window_from, window_to,
        vacancies, positions, placements, cells, suppressed_cells, duration_ms, trigger)
      values (${input.periodKind}, ${start}, ${end}, ${region}, ${from}, ${to}, ${vacancies}, ${positions}, ${placements},
        ${cells.length}, ${suppressedCells}, 0, ${input.trigger ?? 'job'})
      returning id`;
    const runId = run!.id as string;

    await sql`delete from wage_guidance where period_kind = ${input.periodKind} and period_start = ${start}::date and region_code = ${region}`;
    if (cells.length > 0) {
      // One statement for all cells: column arrays (sent as text, cast by Postgres) unnested; a
      // VALUES list would need 20 parameters a cell, beyond the protocol's 65,535 for a big period.
      const col = (f: (c: CellStats) => string | number) => sql.array(cells.map((c) => String(f(c))), TEXT_OID);
      await sql`insert into wage_guidance (run_id, period_kind, period_start, region_code, system, level, code, source,
          observations, records, employers, top_employer_share, p10, p25, p50, p75, p90, mean, suppressed, suppression_reasons)
        select ${runId}::uuid, ${input.periodKind}, ${start}::date, ${region}, c.system, c.level, c.code, c.source,
          c.observations, c.records, c.employers, c.share, c.p10, c.p25, c.p50, c.p75, c.p90, c.mean, c.reasons <> '', string_to_array(c.reasons, ',')
        from unnest(${col((c) => c.system)}::text[], ${col((c) => c.level)}::int[], ${col((c) => c.code)}::text[], ${col((c) => c.source)}::text[],
          ${col((c) => c.observations)}::bigint[], ${col((c) => c.records)}::int[], ${col((c) => c.employers)}::int[], ${col((c) => c.topShare)}::numeric[],
          ${col((c) => c.p10)}::numeric[], ${col((c) => c.p25)}::numeric[], ${col((c) => c.p50)}::numeric[],
          ${col((c) => c.p75)}::numeric[], ${col((c) => c.p90)}::numeric[], ${col((c) => c.mean)}::numeric[],
          ${col((c) => c.suppressionReasons.join(','))}::text[])
          as c(system, level, code, source, observations, records, employers, share, p10, p25, p50, p75, p90, mean, reasons)`;
    }

    const durationMs = Date.now() - started;
    await sql`update wage_guidance_runs set duration_ms = ${durationMs} where id = ${runId}`;
    return {
      runId,
      periodKind: input.periodKind,
      periodStart: start,
      periodEnd: end,
      regionCode: region,
      vacancies,
      positions,
      placements,
      cells: cells.length,
      suppressedCells,
      durationMs,
      phases: { readMs: read - started, computeMs: computed - read, writeMs: Date.now() - computed },
    };
  });
}

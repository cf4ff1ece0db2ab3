/**
 * The compile (binary COPY → typed arrays → cells) against an independent computation: random
 * records covering every shape the compile must handle are inserted, their expected cells are
 * derived here from the inserted specs alone (not from the database, not with the compile's
 * code), and every compiled cell and every figure must match.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../src/lib/prng.js';
import { toMonthly, type WageUnit } from '../../src/lib/wages.js';
import { binaryCopyDecoder, KeyDictionary, type Value } from '../../src/modules/wage-guidance/copy-binary.js';
import { weightedType7 } from '../../src/modules/wage-guidance/percentile.js';
import { compileWageGuidance } from '../../src/modules/wage-guidance/wage-guidance.compile.js';
import { buildWorld, creditCode, type World } from '../helpers/records.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

type Source = 'offered' | 'offered_min' | 'offered_max' | 'actual';
interface Observation {
  cells: string[]; // 'system:code'
  employer: string;
  weight: number;
  values: Partial<Record<Source, number>>;
  region: string;
}

/** The cells a code counts in, written out here rather than taken from the compile. */
function cellsOf(system: 'isco' | 'cn2022' | null, code: string | null): string[] {
  if (!system || !code) return [];
  if (system === 'isco') return [1, 2, 3, 4].filter((l) => code.length >= l).map((l) => `isco:${code.slice(0, l)}`);
  const parts = code.split('-');
  return [1, 2, 3, 4].filter((l) => parts.length >= l).map((l) => `cn2022:${parts.slice(0, l).join('-')}`);
}

interface Expected {
  observations: number;
  records: number;
  employers: number;
  topShare: number;
  percentiles: number[];
  mean: number;
  reasons: string[];
}

function expectedCells(observations: Observation[], region: string): Map<string, Expected> {
  const groups = new Map<string, { value: number; weight: number; employer: string }[]>();
  for (const o of observations) {
    if (region !== 'all' && o.region !== region) continue;
    for (const cell of o.cells) {
      for (const [source, value] of Object.entries(o.values)) {
        const key = `${cell}:${source}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push({ value, weight: o.weight, employer: o.employer });
      }
    }
  }
  const out = new Map<string, Expected>();
  for (const [key, items] of groups) {
    const n = items.reduce((s, i) => s + i.weight, 0);
    const byEmployer = new Map<string, number>();
    for (const i of items) byEmployer.set(i.employer, (byEmployer.get(i.employer) ?? 0) + i.weight);
    const top = Math.max(...byEmployer.values());
    const reasons = [];
    if (n < 30) reasons.push('min_observations');
    if (byEmployer.size < 3) reasons.push('min_employers');
    if (top / n > 0.5) reasons.push('dominant_employer');
    out.set(key, {
      observations: n,
      records: items.length,
      employers: byEmployer.size,
      topShare: Math.round((top / n) * 10000) / 10000,
      percentiles: [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => weightedType7(items, p)!),
      mean: items.reduce((s, i) => s + i.value * i.weight, 0) / n,
      reasons,
    });
  }
  return out;
}

describe('compileWageGuidance against an independent computation', () => {
  const observations: Observation[] = [];
  const counts = { vacancies: 0, positions: 0, placements: 0 };

  beforeAll(async () => {
    const r = prng(20251);
    const industries = ['C', 'F', 'G', 'H'];
    const emps: { id: string; industry: string; district: string }[] = [];
    for (let i = 0; i < 14; i++) {
      const industry = industries[i % industries.length]!;
      const district = i % 3 === 0 ? '440105' : '440106';
      const [row] = await sql()`insert into employers (name, credit_code, industry, size_band, district_code, office_id)
        values (${'随机单位' + randomUUID().slice(0, 8)}, ${creditCode()}, ${industry}, 'small', ${district}, ${w.offices.tianhe}) returning id`;
      emps.push({ id: row!.id as string, industry, district });
    }
    // Unit groups, a minor and a sub-major group (coded coarsely), cn2022 at levels 4 and 3, ESCO
    // with its ISCO unit, and no occupation at all (counts for the industry only).
    const occupations: { system: string | null; code: string | null; iscoUnit: string | null }[] = [
      { system: 'isco', code: '2511', iscoUnit: '2511' },
      { system: 'isco', code: '2512', iscoUnit: '2512' },
      { system: 'isco', code: '2519', iscoUnit: '2519' },
      { system: 'isco', code: '2521', iscoUnit: '2521' },
      { system: 'isco', code: '3112', iscoUnit: '3112' },
      { system: 'isco', code: '251', iscoUnit: null },
      { system: 'isco', code: '25', iscoUnit: null },
      { system: 'esco', code: '2512.4', iscoUnit: '2512' },
      { system: 'cn2022', code: '6-29-01-02', iscoUnit: null },
      { system: 'cn2022', code: '6-29-01-03', iscoUnit: null },
      { system: 'cn2022', code: '6-29-02', iscoUnit: null },
      { system: 'cn2022', code: '2-02-01', iscoUnit: null },
      { system: null, code: null, iscoUnit: null },
    ];
    const units: [WageUnit, number, number][] = [
      ['month', 3000, 12000],
      ['hour', 18, 60],
      ['day', 150, 450],
      ['year', 40000, 150000],
    ];
    const vacancyIds: { id: string; cells: string[]; district: string }[] = [];
    for (let i = 0; i < 420; i++) {
      const emp = r.pick(emps);
      const occ = r.pick(occupations);
      const [unit, lo, hi] = r.pick(units);
      // decimals and ties: amounts on a coarse grid plus occasional odd cents
      const a = Math.round((lo + r.int(0, 20) * ((hi - lo) / 20)) * 100) / 100 + (r.chance(0.2) ? 0.37 : 0);
      const b = a + r.int(0, 6) * ((hi - lo) / 20);
      const shape = r.weighted([['range', 6], ['min', 1], ['max', 1], ['none', 1]] as [string, number][]);
      const min = shape === 'range' || shape === 'min' ? a : null;
      const max = shape === 'range' || shape === 'max' ? Math.round(b * 100) / 100 : null;
      const headcount = r.weighted([[1, 5], [r.int(2, 9), 3], [0, 1]] as [number, number][]);
      const status = r.weighted([['published', 6], ['closed', 1], ['filled', 1], ['draft', 1]] as [string, number][]);
      const inPeriod = r.chance(0.85);
      // 2026-02-28T17:00Z is 1 March 01:00 in Guangzhou: outside February
      const publishedAt = inPeriod ? `2026-02-${String(r.int(1, 28)).padStart(2, '0')}T0${r.int(0, 9)}:00:00Z` : r.pick(['2026-01-31T15:59:00Z', '2026-02-28T17:00:00Z']);
      const district = r.chance(0.3) ? '440105' : '440106';
      const monthlyMin = toMonthly(min, unit);
      const monthlyMax = toMonthly(max, unit);
      const [row] = await sql()`insert into vacancies (employer_id, office_id, title, occupation_system, occupation_code, isco_unit, headcount,
          wage_min, wage_max, wage_unit, wage_monthly_min, wage_monthly_max, district_code, status, published_at)
        values (${emp.id}, ${w.offices.tianhe}, '岗位', ${occ.system}, ${occ.code}, ${occ.iscoUnit}, ${headcount},
          ${min}, ${max}, ${unit}, ${monthlyMin}, ${monthlyMax}, ${district}, ${status}, ${publishedAt})
        returning id`;
      const occCells =
        occ.system === 'cn2022' ? cellsOf('cn2022', occ.code) : occ.system === 'isco' ? cellsOf('isco', occ.code) : cellsOf(occ.iscoUnit ? 'isco' : null, occ.iscoUnit);
      const cells = [...occCells, `industry:${emp.industry}`];
      vacancyIds.push({ id: row!.id as string, cells: occCells, district });
      if (status === 'draft' || headcount === 0 || !inPeriod) continue;
      counts.vacancies++;
      counts.positions += headcount;
      if (monthlyMin === null && monthlyMax === null) continue;
      const values: Partial<Record<Source, number>> = { offered: ((monthlyMin ?? monthlyMax)! + (monthlyMax ?? monthlyMin)!) / 2 };
      if (monthlyMin !== null) values.offered_min = monthlyMin;
      if (monthlyMax !== null) values.offered_max = monthlyMax;
      observations.push({ cells, employer: emp.id, weight: headcount, values, region: district });
    }

    const [seeker] = await sql()`insert into seekers (office_id, registration_kind, name, national_id_hash, national_id_last4, birth_date, sex)
      values (${w.offices.tianhe}, 'job_seeking', '测试', ${randomUUID()}, '1234', '1990-01-01', 'female') returning id`;
    for (let i = 0; i < 160; i++) {
      const emp = r.pick(emps);
      // a placement counts under the occupation of its vacancy, whatever that vacancy's status or date
      const vacancy = r.chance(0.7) ? r.pick(vacancyIds) : null;
      const wage = 3000 + r.int(0, 60) * 100 + (r.chance(0.1) ? 0.5 : 0);
      const start = r.chance(0.9) ? `2026-02-${String(r.int(1, 28)).padStart(2, '0')}` : '2026-03-01';
      await sql()`insert into placements (seeker_id, vacancy_id, employer_id, office_id, contract_start, monthly_wage)
        values (${seeker!.id}, ${vacancy?.id ?? null}, ${emp.id}, ${w.offices.tianhe}, ${start}, ${wage})`;
      if (start === '2026-03-01') continue;
      counts.placements++;
      observations.push({ cells: [...(vacancy?.cells ?? []), `industry:${emp.industry}`], employer: emp.id, weight: 1, values: { actual: wage }, region: vacancy?.district ?? emp.district });
    }
  });

  for (const region of ['all', '440105']) {
    it(`gives every cell and figure of the independent computation (region ${region})`, async () => {
      const result = await compileWageGuidance(ctx.resources.database.db, { periodKind: 'month', periodStart: '2026-02-01', regionCode: region });
      const want = expectedCells(observations, region);
      const rows = await sql()`select * from wage_guidance where period_kind = 'month' and period_start = '2026-02-01' and region_code = ${region}`;
      expect(rows.map((row) => `${row.system}:${row.code}:${row.source}`).sort()).toEqual([...want.keys()].sort());
      expect(result.cells).toBe(want.size);
      expect(result.suppressedCells).toBe([...want.values()].filter((e) => e.reasons.length > 0).length);
      if (region === 'all') expect(result).toMatchObject(counts);
      for (const row of rows) {
        const key = `${row.system}:${row.code}:${row.source}`;
        const e = want.get(key)!;
        expect({ observations: Number(row.observations), records: row.records, employers: row.employers, share: Number(row.top_employer_share), reasons: row.suppression_reasons }, key).toEqual({
          observations: e.observations,
          records: e.records,
          employers: e.employers,
          share: e.topShare,
          reasons: e.reasons,
        });
        expect(row.suppressed, key).toBe(e.reasons.length > 0);
        expect(row.level, key).toBe(row.system === 'industry' ? 1 : row.system === 'isco' ? row.code.length : row.code.split('-').length);
        [row.p10, row.p25, row.p50, row.p75, row.p90].forEach((got, i) => expect(Number(got), `${key} #${i}`).toBeCloseTo(e.percentiles[i]!, 6));
        expect(Math.abs(Number(row.mean) - e.mean), `${key} mean`).toBeLessThanOrEqual(0.005 + 1e-9);
      }
      // enough variety that the comparison means something
      expect(rows.length).toBeGreaterThan(region === 'all' ? 60 : 30);
      expect(rows.some((row) => !row.suppressed)).toBe(true);
      expect(rows.some((row) => row.suppressed)).toBe(true);
    });
  }
});

describe('binary COPY decoding', () => {
  const query = `select * from (values
      (1, 0::numeric, 'i2511'), (-7, -12345.67, 'c6-29-01-02'), (2147483647, 0.005, '电工'), (null, 100000000000000000000, null),
      (42, 'NaN'::numeric, 'i2511'), (0, 1e-10, ''), (3, 4350.10, 'c6-29-01-02'), (5, 9999.9999, 'C')) as t(a, b, c)`;

  async function rawCopy(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await sql().begin(async (tx) => {
      const stream = await tx.unsafe(`copy (${query}) to stdout (format binary)`).readable();
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
        stream.on('end', resolve);
        stream.on('error', reject);
      });
    });
    return Buffer.concat(chunks);
  }

  const decode = (raw: Buffer, cuts: number[]) => {
    const keys = new KeyDictionary();
    const rows: Value[][] = [];
    const decoder = binaryCopyDecoder(['int4', 'numeric', { key: keys }], (row) => rows.push([...row]));
    let at = 0;
    for (const cut of [...cuts, raw.length]) {
      decoder.push(raw.subarray(at, cut));
      at = cut;
    }
    expect(decoder.finish()).toBe(8);
    return rows.map(([a, b, c]) => [a, b, c === null ? null : keys.text(c as number)]);
  };

  it('decodes int4, numeric and text keys as Postgres sends them', async () => {
    const rows = decode(await rawCopy(), []);
    expect(rows).toEqual([
      [1, 0, 'i2511'],
      [-7, -12345.67, 'c6-29-01-02'],
      [2147483647, 0.005, '电工'],
      [null, 1e20, null],
      [42, NaN, 'i2511'],
      [0, 1e-10, ''],
      [3, 4350.1, 'c6-29-01-02'],
      [5, 9999.9999, 'C'],
    ]);
  });

  it('gives the same rows however the stream is cut into chunks', async () => {
    const raw = await rawCopy();
    const whole = decode(raw, []);
    for (let cut = 1; cut < raw.length; cut++) expect(decode(raw, [cut]), `cut at ${cut}`).toEqual(whole);
    const r = prng(3);
    for (let i = 0; i < 50; i++) {
      const cuts = [...new Set(Array.from({ length: r.int(2, 12) }, () => r.int(1, raw.length - 1)))].sort((x, y) => x - y);
      expect(decode(raw, cuts)).toEqual(whole);
    }
  });

  it('refuses a stream cut short', async () => {
    const raw = await rawCopy();
    const decoder = binaryCopyDecoder(['int4', 'numeric', { key: new KeyDictionary() }], () => {});
    decoder.push(raw.subarray(0, raw.length - 5));
    expect(() => decoder.finish()).toThrow(/ended before the end marker/);
  });
});

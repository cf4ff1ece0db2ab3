/**
 * The arithmetic of a wage guidance compile, over observations held column-wise in typed arrays
 * (a million vacancies cost tens of MB here, where a million row objects would cost hundreds).
 *
 * Everything is exact integer arithmetic until the final division: wages are counted in
 * half-cents (0.005 CNY), so a range midpoint (lo + hi) / 2 of two amounts in cents is still a
 * whole number, and ranks, weights and sums stay far below 2^53.
 *
 * Percentiles are Hyndman–Fan type 7 with integer frequency weights (percentile.ts has the
 * definition and the independent reference implementation the tests compare against).
 */

export const SOURCES = ['offered', 'offered_min', 'offered_max', 'actual'] as const;
export type Source = (typeof SOURCES)[number];
export type System = 'isco' | 'cn2022' | 'industry';

/** Publication thresholds (small-cell suppression). */
export const MIN_OBSERVATIONS = 30;
export const MIN_EMPLOYERS = 3;
/** A cell is withheld when one employer has more than this share of its observations. */
export const MAX_EMPLOYER_SHARE = 0.5;

/** Half-cents per yuan: the unit values are counted in. */
const UNITS_PER_YUAN = 200;
const ABSENT = -1;
const OFFERED = 0;
const OFFERED_MIN = 1;
const OFFERED_MAX = 2;
const ACTUAL = 3;

/** A yuan amount (monthly) as a whole number of half-cents; amounts carry at most two decimals. */
export const toUnits = (yuan: number): number => Math.round(yuan * UNITS_PER_YUAN);

/**
 * The codes an occupation counts under, from the major group (level 1) down to its own level:
 * ISCO-08 "5120" → 5, 51, 512, 5120; cn2022 "6-29-01-02" → 6, 6-29, 6-29-01, 6-29-01-02. A
 * vacancy coded at a coarser level (e.g. ISCO "25") counts at that level and above. Both
 * classifications have four levels; anything finer is cut off.
 */
export function occupationPath(system: 'isco' | 'cn2022', code: string): string[] {
  if (system === 'isco') return Array.from({ length: Math.min(4, code.length) }, (_, i) => code.slice(0, i + 1));
  const parts = code.split('-');
  return Array.from({ length: Math.min(4, parts.length) }, (_, i) => parts.slice(0, i + 1).join('-'));
}

/** Dense ids for values, in first-seen order. */
export class Dictionary<K> {
  readonly keys: K[] = [];
  private readonly ids = new Map<K, number>();
  id(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.ids.set(key, id);
    }
    return id;
  }
}

/**
 * Observations of one compile, appended row by row while they stream from Postgres. A row is a
 * vacancy (offered, offered_min, offered_max; weight = headcount) or a placement (actual;
 * weight 1); a source the row has no value for is ABSENT. Occupations and industries arrive as
 * key ids ('i' + ISCO-08 code or 'c' + cn2022 code; GB/T 4754 section letters), resolved to
 * text through `keyText` only once each when the cells are compiled.
 */
export class Observations {
  rows = 0;
  private cap = 1 << 16;
  occupation = new Int32Array(this.cap);
  employer = new Int32Array(this.cap);
  weight = new Int32Array(this.cap);
  /** Per source (SOURCES order): a value id, or ABSENT. */
  value = SOURCES.map(() => new Int32Array(this.cap));
  /** Amounts in half-cents. */
  readonly values = new Dictionary<number>();
  /** Per employer id: the key id of its industry, or ABSENT. */
  industryOf = new Int32Array(1024).fill(ABSENT);
  /** Employer ids are 0 … employers − 1. */
  employers = 0;
  /** Key ids are 0 … keys − 1. */
  keys = 0;

  constructor(readonly keyText: (id: number) => string) {}

  private grow() {
    this.cap *= 2;
    const bigger = (a: Int32Array) => {
      const b = new Int32Array(this.cap);
      b.set(a);
      return b;
    };
    this.occupation = bigger(this.occupation);
    this.employer = bigger(this.employer);
    this.weight = bigger(this.weight);
    this.value = this.value.map(bigger);
  }

  private seeEmployer(employer: number) {
    if (employer >= this.employers) this.employers = employer + 1;
    if (employer >= this.industryOf.length) {
      const bigger = new Int32Array(Math.max(employer + 1, this.industryOf.length * 2)).fill(ABSENT);
      bigger.set(this.industryOf);
      this.industryOf = bigger;
    }
  }

  private seeKey(key: number) {
    if (key >= this.keys) this.keys = key + 1;
  }

  setIndustry(employer: number, industry: number) {
    this.seeEmployer(employer);
    this.seeKey(industry);
    this.industryOf[employer] = industry;
  }

  private valueId(units: number | null): number {
    return units === null || !Number.isFinite(units) ? ABSENT : this.values.id(units);
  }

  /**
   * Appends one record: monthly amounts in yuan (null = none stated). The offered midpoint is
   * derived here: the middle of the stated range, or the one stated end.
   */
  add(occupation: number | null, employer: number, weight: number, min: number | null, max: number | null, actual: number | null) {
    if (this.rows === this.cap) this.grow();
    const r = this.rows++;
    this.seeEmployer(employer);
    if (occupation !== null) this.seeKey(occupation);
    this.occupation[r] = occupation ?? ABSENT;
    this.employer[r] = employer;
    this.weight[r] = weight;
    const lo = min === null ? null : toUnits(min);
    const hi = max === null ? null : toUnits(max);
    this.value[OFFERED]![r] = this.valueId(lo === null ? hi : hi === null ? lo : (lo + hi) / 2);
    this.value[OFFERED_MIN]![r] = this.valueId(lo);
    this.value[OFFERED_MAX]![r] = this.valueId(hi);
    this.value[ACTUAL]![r] = this.valueId(actual === null ? null : toUnits(actual));
  }
}

export interface CellStats {
  system: System;
  level: number;
  code: string;
  source: Source;
  /** Weighted count (positions for offered sources, placements for actual). */
  observations: number;
  /** Records (vacancies or placements) behind the observations. */
  records: number;
  employers: number;
  /** Observations of the largest single employer. */
  top: number;
  /** Type-7 percentiles in yuan. */
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  /** Weighted mean in yuan, rounded half up to the cent, as an exact decimal. */
  mean: string;
  /** top / observations rounded half up to 4 places, as an exact decimal. */
  topShare: string;
  suppressionReasons: ('min_observations' | 'min_employers' | 'dominant_employer')[];
}

/** p = num/den for P10, P25, P50, P75, P90: rational, so the rank arithmetic is exact. */
const PERCENTILE_FRACTIONS: [number, number][] = [
  [1, 10],
  [1, 4],
  [1, 2],
  [3, 4],
  [9, 10],
];

/** ⌊a / b⌋ for non-negative integers below 2^53, immune to a float division rounding up. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}

/**
 * One source's figures for one cell, accumulated into a histogram over value ranks and a weight
 * per employer. finish() computes the figures, hands the histogram and employer weights on to
 * the parent cell's accumulator (so a parent never re-reads its children's rows) and clears
 * only what was touched, so the same scratch arrays serve every cell.
 */
class Accumulator {
  private readonly histogram: Float64Array;
  private readonly ranks: Int32Array;
  private touchedRanks = 0;
  private readonly byEmployer: Float64Array;
  private readonly employerList: Int32Array;
  private touchedEmployers = 0;
  private total = 0;
  private records = 0;
  private sum = 0;

  constructor(
    private readonly valueAtRank: Float64Array,
    employers: number,
  ) {
    this.histogram = new Float64Array(valueAtRank.length);
    this.ranks = new Int32Array(valueAtRank.length);
    this.byEmployer = new Float64Array(employers);
    this.employerList = new Int32Array(employers);
  }

  private addValue(rank: number, w: number) {
    if (this.histogram[rank] === 0) this.ranks[this.touchedRanks++] = rank;
    this.histogram[rank]! += w;
  }

  private addEmployer(employer: number, w: number) {
    if (this.byEmployer[employer] === 0) this.employerList[this.touchedEmployers++] = employer;
    this.byEmployer[employer]! += w;
  }

  /** The touched ranks in order: sorted, or collected by one sweep when they are many. */
  private sortedRanks(): Int32Array {
    const touched = this.ranks.subarray(0, this.touchedRanks);
    if (touched.length * Math.log2(touched.length + 1) < this.histogram.length) return touched.sort();
    let k = 0;
    for (let rank = 0; rank < this.histogram.length; rank++) if (this.histogram[rank] !== 0) this.ranks[k++] = rank;
    return touched;
  }

  /** One record. */
  add(rank: number, employer: number, w: number) {
    this.addValue(rank, w);
    this.addEmployer(employer, w);
    this.total += w;
    this.records++;
    this.sum += this.valueAtRank[rank]! * w;
  }

  finish(parent: Accumulator | null): Omit<CellStats, 'system' | 'level' | 'code' | 'source'> | null {
    const total = this.total;
    if (total === 0) return null;
    let top = 0;
    for (let k = 0; k < this.touchedEmployers; k++) {
      const e = this.employerList[k]!;
      const w = this.byEmployer[e]!;
      if (w > top) top = w;
      parent?.addEmployer(e, w);
      this.byEmployer[e] = 0;
    }
    const employers = this.touchedEmployers;

    // One walk up the histogram in value order picks x(j+1) and x(j+2) for every percentile,
    // where h = (n − 1)·p, j = ⌊h⌋ and x(k) is the smallest value whose cumulative weight reaches k.
    const sorted = this.sortedRanks();
    const targets = PERCENTILE_FRACTIONS.map(([num, den]) => {
      const h = (total - 1) * num;
      return { first: floorDiv(h, den) + 1, rem: h % den, den, lo: 0, hi: 0 };
    });
    let cum = 0;
    let t = 0; // next target still looking for x(j+1)
    let u = 0; // next target still looking for x(j+2) (x(n) at the very top)
    for (let k = 0; k < sorted.length && u < targets.length; k++) {
      cum += this.histogram[sorted[k]!]!;
      const v = this.valueAtRank[sorted[k]!]!;
      while (t < targets.length && cum >= targets[t]!.first) targets[t++]!.lo = v;
      while (u < targets.length && cum >= Math.min(targets[u]!.first + 1, total)) targets[u++]!.hi = v;
    }
    for (const rank of sorted) {
      parent?.addValue(rank, this.histogram[rank]!);
      this.histogram[rank] = 0;
    }
    // Q = x(j+1) + (h − j)·(x(j+2) − x(j+1)), with h − j = rem/den, divided once into yuan.
    const q = targets.map(({ lo, hi, rem, den }) => (lo * den + rem * (hi - lo)) / (den * UNITS_PER_YUAN));

    const meanCents = floorDiv(this.sum + total, 2 * total); // ⌊sum/total/2 + ½⌋: half-cents → cents, half up
    const shareBasisPoints = floorDiv(top * 20000 + total, 2 * total); // ⌊top/total·10⁴ + ½⌋
    const reasons: CellStats['suppressionReasons'] = [];
    if (total < MIN_OBSERVATIONS) reasons.push('min_observations');
    if (employers < MIN_EMPLOYERS) reasons.push('min_employers');
    if (top > total * MAX_EMPLOYER_SHARE) reasons.push('dominant_employer');
    const stats = {
      observations: total,
      records: this.records,
      employers,
      top,
      p10: q[0]!,
      p25: q[1]!,
      p50: q[2]!,
      p75: q[3]!,
      p90: q[4]!,
      mean: (meanCents / 100).toFixed(2),
      topShare: (shareBasisPoints / 10000).toFixed(4),
      suppressionReasons: reasons,
    };
    if (parent) {
      parent.total += total;
      parent.records += this.records;
      parent.sum += this.sum;
    }
    this.total = this.records = this.sum = this.touchedRanks = this.touchedEmployers = 0;
    return stats;
  }
}

/**
 * The records grouped (a counting sort; `groupOf(r)` is the record's group or ABSENT to leave
 * it out) with their columns copied into that order, so that each group is read sequentially:
 * group g is positions start[g] … start[g + 1]. Values are replaced by their ranks, employers
 * by `employerOf`.
 */
function arrange(obs: Observations, groups: number, groupOf: (r: number) => number, rankOf: Int32Array, employerOf: Int32Array) {
  const start = new Int32Array(groups + 1);
  for (let r = 0; r < obs.rows; r++) {
    const g = groupOf(r);
    if (g !== ABSENT) start[g + 1]!++;
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const size = start[groups]!;
  const employer = new Int32Array(size);
  const weight = new Int32Array(size);
  const rank = SOURCES.map(() => new Int32Array(size));
  const next = start.slice(0, groups);
  for (let r = 0; r < obs.rows; r++) {
    const g = groupOf(r);
    if (g === ABSENT) continue;
    const k = next[g]!++;
    employer[k] = employerOf[obs.employer[r]!]!;
    weight[k] = obs.weight[r]!;
    for (let s = 0; s < SOURCES.length; s++) {
      const id = obs.value[s]![r]!;
      rank[s]![k] = id === ABSENT ? ABSENT : rankOf[id]!;
    }
  }
  return { start, employer, weight, rank };
}

/**
 * Compiles every cell × source: every level of ISCO-08 and cn2022, and GB/T 4754 sections.
 *
 * Occupations are a tree walked depth first: the occupation keys are sorted by code path
 * (major group first, a missing level before any code), so the keys under any code are
 * adjacent, and the records are arranged in that order. Each record is added once, to the cell
 * of its own key; a cell is finished when the walk leaves it, and hands its histogram and
 * employer weights to its parent. So the work is one sequential pass over the records plus,
 * per cell, its distinct values and employers; the scratch memory is one accumulator per level
 * and source.
 */
export function compileCells(obs: Observations): CellStats[] {
  // Ranks of the distinct values, so a histogram can be walked in value order.
  const byValue = Array.from(obs.values.keys.keys()).sort((a, b) => obs.values.keys[a]! - obs.values.keys[b]!);
  const rankOf = new Int32Array(byValue.length);
  byValue.forEach((id, rank) => (rankOf[id] = rank));
  const valueAtRank = Float64Array.from(byValue, (id) => obs.values.keys[id]!);
  // Employers with records in the period, numbered densely: the scratch arrays are sized by
  // them, not by every employer in the register.
  const employerOf = new Int32Array(obs.employers).fill(ABSENT);
  let employers = 0;
  for (let r = 0; r < obs.rows; r++) if (employerOf[obs.employer[r]!] === ABSENT) employerOf[obs.employer[r]!] = employers++;
  const levels = [1, 2, 3, 4].map(() => SOURCES.map(() => new Accumulator(valueAtRank, employers)));

  const addRows = (rows: ReturnType<typeof arrange>, group: number, accumulators: Accumulator[]) => {
    for (let s = 0; s < SOURCES.length; s++) {
      const rank = rows.rank[s]!;
      const acc = accumulators[s]!;
      for (let k = rows.start[group]!; k < rows.start[group + 1]!; k++) if (rank[k] !== ABSENT) acc.add(rank[k]!, rows.employer[k]!, rows.weight[k]!);
    }
  };
  const out: CellStats[] = [];
  const finish = (accumulators: Accumulator[], parents: Accumulator[] | null, system: System, level: number, code: string) =>
    accumulators.forEach((acc, s) => {
      const stats = acc.finish(parents?.[s] ?? null);
      if (stats) out.push({ system, level, code, source: SOURCES[s]!, ...stats });
    });

  // Occupations: the keys used, in code-path order.
  const used = new Uint8Array(obs.keys);
  for (let r = 0; r < obs.rows; r++) if (obs.occupation[r] !== ABSENT) used[obs.occupation[r]!] = 1;
  const keys: { id: number; system: 'isco' | 'cn2022'; path: string[] }[] = [];
  used.forEach((u, id) => {
    if (!u) return;
    const text = obs.keyText(id);
    const system = text[0] === 'c' ? 'cn2022' : 'isco';
    const path = occupationPath(system, text.slice(1));
    // An empty code counts in no occupation cell (its records still count for the industry).
    if (path.length > 0) keys.push({ id, system, path });
  });
  keys.sort((x, y) => {
    if (x.system !== y.system) return x.system < y.system ? -1 : 1;
    for (let l = 0; l < 4; l++) {
      const cx = x.path[l];
      const cy = y.path[l];
      if (cx !== cy) return cx === undefined ? -1 : cy === undefined ? 1 : cx < cy ? -1 : 1;
    }
    return 0;
  });
  const position = new Int32Array(obs.keys).fill(ABSENT);
  keys.forEach((k, p) => (position[k.id] = p));
  const byKey = arrange(obs, keys.length, (r) => (obs.occupation[r] === ABSENT ? ABSENT : position[obs.occupation[r]!]!), rankOf, employerOf);

  // The open cell at each level (its code), deepest last; closing one finishes it into its parent.
  const open: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  let system: 'isco' | 'cn2022' = 'isco';
  const closeFrom = (level: number) => {
    for (let l = 4; l >= level; l--) {
      if (open[l - 1] === undefined) continue;
      finish(levels[l - 1]!, l > 1 ? levels[l - 2]! : null, system, l, open[l - 1]!);
      open[l - 1] = undefined;
    }
  };
  keys.forEach((key, p) => {
    if (key.system !== system) closeFrom(1);
    system = key.system;
    let l = 1;
    while (l <= 4 && open[l - 1] === key.path[l - 1]) l++;
    closeFrom(l);
    for (let m = l; m <= key.path.length; m++) open[m - 1] = key.path[m - 1];
    addRows(byKey, p, levels[key.path.length - 1]!);
  });
  closeFrom(1);

  // Industries (GB/T 4754 sections, the employer's): one level.
  const industries = [...new Set(obs.industryOf.subarray(0, obs.employers))].filter((k) => k !== ABSENT);
  const industryPosition = new Int32Array(obs.keys).fill(ABSENT);
  industries.forEach((k, p) => (industryPosition[k] = p));
  const byIndustry = arrange(
    obs,
    industries.length,
    (r) => {
      const industry = obs.industryOf[obs.employer[r]!]!;
      return industry === ABSENT ? ABSENT : industryPosition[industry]!;
    },
    rankOf,
    employerOf,
  );
  industries.forEach((k, p) => {
    addRows(byIndustry, p, levels[0]!);
    finish(levels[0]!, null, 'industry', 1, obs.keyText(k));
  });
  return out;
}

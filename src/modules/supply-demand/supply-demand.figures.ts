import type { KeyedCounts } from './supply-demand.repository.js';
import { DIMENSIONS, RANKING_MIN_VOLUME, type Dimension } from './supply-demand.labels.js';

/** Counts for one period; null where the row's side does not carry that figure. */
interface Raw {
  newVacancies: number | null;
  newDemand: number | null;
  activeVacancies: number | null;
  activeDemand: number | null;
  newSupply: number | null;
  activeSupply: number | null;
  placements: number;
}

/** The counts and what is derived from them. */
export interface PeriodFigures extends Raw {
  /** new demand ÷ new supply, 2 decimals. */
  newRatio: number | null;
  /** active demand ÷ active supply (求人倍率), 2 decimals. */
  activeRatio: number | null;
  /** placements ÷ new supply, percent, 1 decimal. */
  placementRate: number | null;
  /** placements ÷ new demand, percent, 1 decimal. */
  fillRate: number | null;
  /** share of the total active demand / supply, percent, 1 decimal. */
  demandShare: number | null;
  supplyShare: number | null;
}

export type Change = Partial<Record<keyof PeriodFigures, number | null>>;

export interface RowFigures {
  current: PeriodFigures;
  previous: PeriodFigures;
  yearAgo: PeriodFigures;
  change: { vsPrevious: Change; vsYearAgo: Change };
  /** Shortage / surplus rows: rank and gap (active positions − active seekers). */
  rank?: number;
  gap?: number;
}

export interface ReportRow {
  dimension: Dimension;
  key: string;
  figures: RowFigures | Record<string, unknown>;
}

export const COUNT_FIELDS = ['newVacancies', 'newDemand', 'activeVacancies', 'activeDemand', 'newSupply', 'activeSupply', 'placements'] as const;
const RATIO_FIELDS = ['newRatio', 'activeRatio'] as const;
const PCT_FIELDS = ['placementRate', 'fillRate', 'demandShare', 'supplyShare'] as const;

const round = (x: number, dp: number) => {
  const f = 10 ** dp;
  return Math.round((x + Number.EPSILON) * f) / f;
};
const div = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

/** Rows whose demand states no requirement or is unknown: a ratio would compare unlike things. */
export const NO_RATIO_KEYS: Partial<Record<Dimension, string[]>> = {
  education: ['none'],
  isco_major: ['unknown'],
  isco_submajor: ['unknown'],
  district: ['unknown'],
};

function derive(raw: Raw, total: Raw, ratioAllowed: boolean) {
  const exact = {
    newRatio: ratioAllowed ? div(raw.newDemand, raw.newSupply) : null,
    activeRatio: ratioAllowed ? div(raw.activeDemand, raw.activeSupply) : null,
    placementRate: raw.newSupply === null ? null : pct(div(raw.placements, raw.newSupply)),
    fillRate: raw.newDemand === null ? null : pct(div(raw.placements, raw.newDemand)),
    demandShare: raw.activeDemand === null ? null : pct(div(raw.activeDemand, total.activeDemand)),
    supplyShare: raw.activeSupply === null ? null : pct(div(raw.activeSupply, total.activeSupply)),
  };
  return exact;
}
const pct = (x: number | null) => (x === null ? null : x * 100);

function rounded(raw: Raw, exact: ReturnType<typeof derive>): PeriodFigures {
  return {
    ...raw,
    newRatio: exact.newRatio === null ? null : round(exact.newRatio, 2),
    activeRatio: exact.activeRatio === null ? null : round(exact.activeRatio, 2),
    placementRate: exact.placementRate === null ? null : round(exact.placementRate, 1),
    fillRate: exact.fillRate === null ? null : round(exact.fillRate, 1),
    demandShare: exact.demandShare === null ? null : round(exact.demandShare, 1),
    supplyShare: exact.supplyShare === null ? null : round(exact.supplyShare, 1),
  };
}

function change(a: { raw: Raw; exact: ReturnType<typeof derive> }, b: { raw: Raw; exact: ReturnType<typeof derive> }): Change {
  const out: Change = {};
  for (const f of COUNT_FIELDS) {
    const x = a.raw[f];
    const y = b.raw[f];
    out[f] = x === null || y === null ? null : x - y;
  }
  for (const f of RATIO_FIELDS) {
    const x = a.exact[f];
    const y = b.exact[f];
    out[f] = x === null || y === null ? null : round(x - y, 2);
  }
  for (const f of PCT_FIELDS) {
    const x = a.exact[f];
    const y = b.exact[f];
    out[f] = x === null || y === null ? null : round(x - y, 1);
  }
  return out;
}

const keyOf = (d: string, k: string) => `${d}\u0000${k}`;

/**
 * Joins demand, supply and placement counts into report rows with ratios, rates, shares and
 * changes. Pure: the numbers in, the rows out.
 */
export function buildRows(parts: KeyedCounts[]): { rows: ReportRow[]; units: ReportRow[] } {
  const merged = new Map<string, { dimension: string; key: string; counts: Record<string, number>[] }>();
  for (const part of parts) {
    const id = keyOf(part.dimension, part.key);
    let m = merged.get(id);
    if (!m) merged.set(id, (m = { dimension: part.dimension, key: part.key, counts: [{}, {}, {}] }));
    part.counts.forEach((c, p) => Object.assign(m!.counts[p]!, c));
  }
  const sideOf = (d: string) => (d === 'isco_unit' ? 'both' : DIMENSIONS[d as Dimension]?.side ?? 'both');
  const rawOf = (dimension: string, c: Record<string, number>): Raw => {
    const side = sideOf(dimension);
    const demand = side === 'both' || side === 'demand';
    const supply = side === 'both' || side === 'supply';
    return {
      newVacancies: demand ? c.newVacancies ?? 0 : null,
      newDemand: demand ? c.newDemand ?? 0 : null,
      activeVacancies: demand ? c.activeVacancies ?? 0 : null,
      activeDemand: demand ? c.activeDemand ?? 0 : null,
      newSupply: supply ? c.newSupply ?? 0 : null,
      activeSupply: supply ? c.activeSupply ?? 0 : null,
      placements: c.placements ?? 0,
    };
  };
  const totalCounts = merged.get(keyOf('total', 'all'))?.counts ?? [{}, {}, {}];
  const totals = totalCounts.map((c) => rawOf('total', c));

  const all: ReportRow[] = [];
  for (const m of merged.values()) {
    if (m.dimension === 'fairs' || m.dimension === 'referrals') continue;
    const ratioAllowed = !(NO_RATIO_KEYS[m.dimension as Dimension] ?? []).includes(m.key) && !(m.dimension === 'isco_unit' && m.key === 'unknown');
    const periods = m.counts.map((c, p) => {
      const raw = rawOf(m.dimension, c);
      return { raw, exact: derive(raw, totals[p]!, ratioAllowed) };
    });
    const [cur, prev, ago] = periods as [(typeof periods)[0], (typeof periods)[0], (typeof periods)[0]];
    all.push({
      dimension: m.dimension as Dimension,
      key: m.key,
      figures: {
        current: rounded(cur.raw, cur.exact),
        previous: rounded(prev.raw, prev.exact),
        yearAgo: rounded(ago.raw, ago.exact),
        change: { vsPrevious: change(cur, prev), vsYearAgo: change(cur, ago) },
      },
    });
  }
  const units = all.filter((r) => (r.dimension as string) === 'isco_unit');
  const rows = all.filter((r) => (r.dimension as string) !== 'isco_unit');
  rows.push(...rankOccupations(units));
  // Fairs and referrals carry their own figures: {current, previous, yearAgo} of their counts.
  for (const m of merged.values()) {
    if (m.dimension !== 'fairs' && m.dimension !== 'referrals') continue;
    const [c, p, y] = m.counts as [Record<string, number>, Record<string, number>, Record<string, number>];
    const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! - (b[k] ?? 0)]));
    rows.push({ dimension: m.dimension, key: m.key, figures: { current: c, previous: p, yearAgo: y, change: { vsPrevious: diff(c, p), vsYearAgo: diff(c, y) } } });
  }
  return { rows, units };
}

/** Top 10 shortage (ratio > 1, highest first) and surplus (ratio < 1, lowest first) unit groups. */
export function rankOccupations(units: ReportRow[]): ReportRow[] {
  const cands = units
    .filter((u) => u.key !== 'unknown')
    .map((u) => {
      const f = u.figures as RowFigures;
      const d = f.current.activeDemand ?? 0;
      const s = f.current.activeSupply ?? 0;
      return { u, f, d, s, ratio: s === 0 ? (d > 0 ? Infinity : null) : d / s };
    });
  const shortage = cands
    .filter((c) => c.d >= RANKING_MIN_VOLUME && c.ratio !== null && c.ratio > 1)
    .sort((a, b) => b.ratio! - a.ratio! || b.d - b.s - (a.d - a.s) || a.u.key.localeCompare(b.u.key))
    .slice(0, 10);
  const surplus = cands
    .filter((c) => c.s >= RANKING_MIN_VOLUME && c.ratio !== null && c.ratio < 1)
    .sort((a, b) => a.ratio! - b.ratio! || a.d - a.s - (b.d - b.s) || a.u.key.localeCompare(b.u.key))
    .slice(0, 10);
  const mk = (dimension: Dimension, list: typeof shortage): ReportRow[] =>
    list.map((c, i) => ({ dimension, key: c.u.key, figures: { ...c.f, rank: i + 1, gap: c.d - c.s } }));
  return [...mk('shortage', shortage), ...mk('surplus', surplus)];
}

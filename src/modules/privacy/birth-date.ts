/**
 * Erasure removes the exact birth date but must keep every age-band figure recomputable
 * (DESIGN.md invariant 4): reports band people by age on the last day (a Sunday) of each ISO
 * week, at thresholds 16, 25, 35, 45 and 55. So the stored date is replaced by the coarsest
 * stand-in that puts the person in the same band on every Sunday of the period they can
 * appear in a report (registration to erasure). Usually that is 1 July of the birth year;
 * near a band boundary inside the period, a date in the same week as the real one.
 * See docs/adr/0212-erasure-keeps-statistics.md.
 */
const THRESHOLDS = [16, 25, 35, 45, 55];
const DAY = 86_400_000;

const parse = (d: string) => {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return { y, m, d: dd };
};
const fmt = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The day someone born on `birth` turns `years` (29 Feb → 28 Feb in common years, as the report SQL does). */
function birthday(birth: string, years: number): number {
  const { y, m, d } = parse(birth);
  const ty = y + years;
  const leap = (ty % 4 === 0 && ty % 100 !== 0) || ty % 400 === 0;
  return Date.UTC(ty, m - 1, m === 2 && d === 29 && !leap ? 28 : d);
}

/** True when no Sunday in [from, to] falls between the two birthdays for any threshold. */
function sameBands(real: string, candidate: string, from: number, to: number): boolean {
  for (const n of THRESHOLDS) {
    const a = birthday(real, n);
    const b = birthday(candidate, n);
    const lo = Math.max(Math.min(a, b), from);
    const hi = Math.min(Math.max(a, b), to + DAY);
    // On a day in [min, max) the two dates give different bands; a Sunday there changes a figure.
    for (let t = lo; t < hi; t += DAY) {
      if (new Date(t).getUTCDay() === 0) return false;
    }
  }
  return true;
}

export function generaliseBirthDate(birth: string, periodStart: Date, periodEnd: Date): string {
  const from = Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth(), periodStart.getUTCDate()) - 7 * DAY;
  const to = Date.UTC(periodEnd.getUTCFullYear(), periodEnd.getUTCMonth(), periodEnd.getUTCDate()) + 7 * DAY;
  const { y, m } = parse(birth);
  const mm = String(m).padStart(2, '0');
  const exact = Date.UTC(y, m - 1, parse(birth).d);
  const candidates = [`${y}-07-01`, `${y}-01-01`, `${y}-12-31`, `${y}-${mm}-01`, `${y}-${mm}-15`];
  for (let k = 6; k >= 1; k--) candidates.push(fmt(exact - k * DAY), fmt(exact + k * DAY));
  for (const c of candidates) if (c !== birth && sameBands(birth, c, from, to)) return c;
  // Several boundaries inside a long period and no neighbour fits: keep the date (rare; the
  // identifying fields are gone regardless).
  return birth;
}

/**
 * ISO weeks in Asia/Shanghai (UTC+8 all year, no daylight saving): a week runs from Monday
 * 00:00 to the next Monday 00:00 local time, i.e. Sunday 16:00 UTC to Sunday 16:00 UTC.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

export interface IsoWeek {
  isoYear: number;
  isoWeek: number;
}

export interface WeekWindow extends IsoWeek {
  /** First instant of the week (Monday 00:00 Asia/Shanghai). */
  start: Date;
  /** First instant after the week (next Monday 00:00 Asia/Shanghai). */
  end: Date;
  /** Local calendar dates Monday and Sunday, YYYY-MM-DD (for date columns like contract_start). */
  firstDay: string;
  lastDay: string;
}

/** The ISO week that contains this instant, read on the Shanghai calendar. */
export function isoWeekOf(instant: Date): IsoWeek {
  const local = new Date(instant.getTime() + OFFSET_MS);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - dow + 3); // the Thursday of this week decides the year
  const isoYear = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(isoYear, 0, 4));
  const week1Thursday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY_MS + 3 * DAY_MS);
  return { isoYear, isoWeek: 1 + Math.round((d.getTime() - week1Thursday.getTime()) / (7 * DAY_MS)) };
}

export function weeksInIsoYear(isoYear: number): number {
  // 28 December always falls in the last ISO week of its year.
  return isoWeekOf(new Date(Date.UTC(isoYear, 11, 28, 4))).isoWeek;
}

const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function weekWindow(isoYear: number, isoWeek: number): WeekWindow {
  if (!Number.isInteger(isoWeek) || isoWeek < 1 || isoWeek > weeksInIsoYear(isoYear)) {
    throw new RangeError(`ISO year ${isoYear} has no week ${isoWeek}`);
  }
  const jan4 = Date.UTC(isoYear, 0, 4);
  const mondayWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const mondayUtcDate = mondayWeek1 + (isoWeek - 1) * 7 * DAY_MS;
  return {
    isoYear,
    isoWeek,
    start: new Date(mondayUtcDate - OFFSET_MS),
    end: new Date(mondayUtcDate + 7 * DAY_MS - OFFSET_MS),
    firstDay: ymd(mondayUtcDate),
    lastDay: ymd(mondayUtcDate + 6 * DAY_MS),
  };
}

/** The week n weeks before (n may be negative). */
export function shiftWeek(w: IsoWeek, n: number): IsoWeek {
  const start = weekWindow(w.isoYear, w.isoWeek).start;
  return isoWeekOf(new Date(start.getTime() - n * 7 * DAY_MS + 12 * 3600_000));
}

/** Same ISO week a year earlier; week 53 maps to week 52 when the earlier year has no week 53. */
export function yearAgo(w: IsoWeek): IsoWeek {
  const y = w.isoYear - 1;
  return { isoYear: y, isoWeek: Math.min(w.isoWeek, weeksInIsoYear(y)) };
}

/** The last week that has fully ended at `now`. */
export function lastCompletedWeek(now: Date): IsoWeek {
  return shiftWeek(isoWeekOf(now), 1);
}

export const weekLabel = (w: IsoWeek) => `${w.isoYear}-W${String(w.isoWeek).padStart(2, '0')}`;

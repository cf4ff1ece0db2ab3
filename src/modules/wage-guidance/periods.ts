import { invalid } from '../../lib/errors.js';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const ymd = (y: number, m: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;

/** Checks that periodStart is the first day of a period of that kind; returns [start, end) as dates. */
export function periodBounds(kind: PeriodKind, periodStart: string, field = 'periodStart'): { start: string; end: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(periodStart);
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  if (!m || m[3] !== '01' || mo < 1 || mo > 12) {
    throw invalid(field, 'must be the first day of a month (YYYY-MM-01)', '须为某月的第一天（YYYY-MM-01）');
  }
  if (kind === 'quarter' && (mo - 1) % 3 !== 0) throw invalid(field, 'a quarter starts on 01-01, 04-01, 07-01 or 10-01', '季度须从 1、4、7、10 月 1 日开始');
  if (kind === 'year' && mo !== 1) throw invalid(field, 'a year starts on 01-01', '年度须从 1 月 1 日开始');
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const endIndex = y * 12 + (mo - 1) + months;
  return { start: periodStart, end: ymd(Math.floor(endIndex / 12), (endIndex % 12) + 1) };
}

/** The period of that kind containing `now`, on the Asia/Shanghai calendar (UTC+8, no DST). */
export function currentPeriodStart(kind: PeriodKind, now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const y = local.getUTCFullYear();
  const mo = local.getUTCMonth() + 1;
  if (kind === 'month') return ymd(y, mo);
  if (kind === 'quarter') return ymd(y, mo - ((mo - 1) % 3));
  return ymd(y, 1);
}

/** Midnight at the start of a date in Asia/Shanghai, as an instant. */
export const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

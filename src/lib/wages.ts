/**
 * Monthly normalisation of wages, as used by Chinese wage statistics: 21.75 paid working days
 * a month (the statutory monthly average), 8 hours a day. Piece rates cannot be normalised.
 */
export type WageUnit = 'month' | 'day' | 'hour' | 'year' | 'piece';

export const WORKING_DAYS_PER_MONTH = 21.75;
export const HOURS_PER_DAY = 8;

export function toMonthly(amount: number | null | undefined, unit: WageUnit): number | null {
  if (amount === null || amount === undefined) return null;
  switch (unit) {
    case 'month':
      return round2(amount);
    case 'day':
      return round2(amount * WORKING_DAYS_PER_MONTH);
    case 'hour':
      return round2(amount * HOURS_PER_DAY * WORKING_DAYS_PER_MONTH);
    case 'year':
      return round2(amount / 12);
    case 'piece':
      return null;
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

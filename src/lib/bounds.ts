/**
 * Plausibility bounds: values that pass a type check but that no real record can have
 * (a vacancy open until 9999, a person born in 1850, ten million yuan an hour). Outside
 * them a write is refused with a 422 naming the field. Defaults are set from PES practice
 * and can be changed in config (PES_BOUNDS_*); services take them as a parameter.
 */
export interface Bounds {
  /** A vacancy's expiry at most this many days after now (posting rules run 30–180 days). */
  vacancyMaxExpiryDays: number;
  /** Fairs start at most this many days ahead and at most this many days back. */
  fairMaxDaysAhead: number;
  fairMaxDaysBack: number;
  /** A fair lasts at most this many days (a campaign month is the longest rhythm). */
  fairMaxDurationDays: number;
  /** Oldest age at registration (the youngest, 16, is the law's). */
  seekerMaxAge: number;
  /** Monthly-equivalent pay in CNY, for offers, expectations and placements. */
  wageMonthlyMin: number;
  wageMonthlyMax: number;
}

export const DEFAULT_BOUNDS: Bounds = {
  vacancyMaxExpiryDays: 366,
  fairMaxDaysAhead: 731,
  fairMaxDaysBack: 366,
  fairMaxDurationDays: 62,
  seekerMaxAge: 100,
  wageMonthlyMin: 100,
  wageMonthlyMax: 500_000,
};

/** Any date-like input outside these years is refused before it reaches a service (400). */
export const PLAUSIBLE_YEARS = { min: 1900, max: 2200 } as const;

const DAY_MS = 86_400_000;

export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

import { screenVacancy, summarise, type Finding, type Justification, type ScreeningOptions, type Summary } from '../screening/index.js';
import type { VacancyFieldsInput } from './vacancy-input.js';

/** Pure rules of the vacancy lifecycle and the publish gate (no I/O), shared by the API and the jobs. */
// The statuses themselves are vocabulary (src/vocabulary); this file owns only the rules between them.
export { VACANCY_STATUS_VALUES as VACANCY_STATUSES, type VacancyStatus } from '../../vocabulary/index.js';
import type { VacancyStatus } from '../../vocabulary/index.js';

/**
 * Allowed moves. Publishing (→ published or → pending_review) always passes the screening gate;
 * pending_review → published|rejected is a staff decision (review). Filled is final.
 */
export const VACANCY_TRANSITIONS: Record<VacancyStatus, readonly VacancyStatus[]> = {
  draft: ['pending_review', 'published', 'closed'],
  pending_review: ['published', 'rejected', 'draft'],
  published: ['closed', 'filled', 'expired'],
  closed: ['published'],
  expired: ['published'],
  rejected: ['draft'],
  filled: [],
};

export function canTransitionVacancy(from: VacancyStatus, to: VacancyStatus): boolean {
  return VACANCY_TRANSITIONS[from].includes(to);
}

/** Statuses in which the content may still be edited (filled and expired are history). */
export const EDITABLE_STATUSES: readonly VacancyStatus[] = ['draft', 'pending_review', 'published', 'closed', 'rejected'];

/** Days a published vacancy stays open when it names no expiry of its own. */
export const DEFAULT_PUBLISH_DAYS = 30;

export function defaultExpiry(now: Date, current: Date | null | undefined): Date {
  if (current && current.getTime() > now.getTime()) return current;
  return new Date(now.getTime() + DEFAULT_PUBLISH_DAYS * 24 * 3600 * 1000);
}

/** What the screening engine sees of a vacancy: its texts, structured fields and justifications. */
export function screeningInput(v: VacancyFieldsInput) {
  const fields: Record<string, unknown> = {};
  for (const key of ['wageMin', 'wageMax', 'wageUnit', 'occupationSystem', 'occupationCode', 'headcount', 'educationMin', 'experienceMinYears', 'contractType'] as const) {
    const value = v[key];
    if (value !== undefined && value !== null) fields[key] = value;
  }
  return {
    title: v.title,
    description: v.description ?? '',
    requirements: v.requirements ?? '',
    fields,
    justifications: (v.justifications ?? []) as Justification[],
  };
}

export interface Screening {
  findings: Finding[];
  summary: Summary;
}

export function screen(v: VacancyFieldsInput, opts: ScreeningOptions = {}): Screening {
  const findings = screenVacancy(screeningInput(v), opts);
  return { findings, summary: summarise(findings) };
}

/**
 * The publish gate: an open block finding refuses publication; an open review finding sends the
 * vacancy to staff review; otherwise it is published. `requested` is the status the caller asked for.
 */
export function gateDecision(outcome: Summary['outcome'], requested: 'published' | 'pending_review'): 'blocked' | 'published' | 'pending_review' {
  if (outcome === 'block') return 'blocked';
  if (outcome === 'review' || requested === 'pending_review') return 'pending_review';
  return 'published';
}

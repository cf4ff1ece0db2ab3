import '../lib/formats.js';
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The one job contract shared by producers (services, via the outbox) and workers.
 * Jobs carry ids only; handlers reload state, so a job that runs twice ends the same.
 */
export const QUEUES = ['system', 'search-sync', 'matching', 'imports', 'reports'] as const;
export type QueueName = (typeof QUEUES)[number];

const Uuid = Type.String({ format: 'uuid' });

export const JOBS = {
  'system.ping': { queue: 'system', payload: Type.Object({ pingId: Uuid }) },
  /** Bring one vacancy's search document in line with Postgres (upsert or delete). */
  'search.sync-vacancy': { queue: 'search-sync', payload: Type.Object({ vacancyId: Uuid }) },
  /** Same for a job seeker's (masked, consent-gated) profile document. */
  'search.sync-seeker': { queue: 'search-sync', payload: Type.Object({ seekerId: Uuid }) },
  /** Run every saved search and record new items as alerts (scheduled; idempotent). */
  'search.run-alerts': { queue: 'search-sync', payload: Type.Object({}) },
  /** Parse, validate and commit an uploaded vacancy file. */
  'imports.vacancies': { queue: 'imports', payload: Type.Object({ importId: Uuid }) },
  /** Expire published vacancies past expires_at (idempotent; scheduled). */
  'vacancies.expire-due': { queue: 'system', payload: Type.Object({}) },
  /** Recompute one vacancy's ranked candidates (skips a version already computed; idempotent). */
  'matching.vacancy': { queue: 'matching', payload: Type.Object({ vacancyId: Uuid }) },
  /** Recompute one job seeker's best vacancies and their rows in vacancies' lists. */
  'matching.seeker': { queue: 'matching', payload: Type.Object({ seekerId: Uuid }) },
  /** Recompute many vacancies' lists at once (a bulk import's batch): shared lookups, one write. */
  'matching.vacancies': { queue: 'matching', payload: Type.Object({ vacancyIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }) }) },
  /** Nightly: refresh features and rematch every published vacancy in batches. */
  'matching.rematch-all': { queue: 'matching', payload: Type.Object({}) },
  /** Compile wage guidance (工资指导价位) for one period and region ('all' or absent = city); replaces that period's cells. */
  'wage-guidance.compile': {
    queue: 'reports',
    payload: Type.Object({
      periodKind: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]),
      periodStart: Type.String({ pattern: '^\\d{4}-\\d{2}-01$' }),
      regionCode: Type.Optional(Type.String({ minLength: 2, maxLength: 12 })),
    }),
  },
  /** Nightly: compile the current month and quarter so far, city-wide and per district (scheduled). */
  'wage-guidance.compile-current': { queue: 'reports', payload: Type.Object({}) },
  /** Compile (or recompile) the weekly supply-demand report for one ISO week and region (absent = city); replaces it atomically. */
  'supply-demand.compile': {
    queue: 'reports',
    payload: Type.Object({
      isoYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
      isoWeek: Type.Integer({ minimum: 1, maximum: 53 }),
      regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    }),
  },
  /** Monday 02:00: compile the week just ended for the city, then fan out one compile per district. */
  'supply-demand.compile-scheduled': { queue: 'reports', payload: Type.Object({}) },
  /** After a consent was withdrawn or a person erased: purge the search document, delivered alerts and matches (idempotent). */
  'privacy.consent-withdrawn': { queue: 'system', payload: Type.Object({ seekerId: Uuid }) },
  /** Daily: apply the retention rules (anonymise inactive seekers, prune old audit rows) and record what was done. */
  'privacy.apply-retention': { queue: 'system', payload: Type.Object({}) },
} as const satisfies Record<string, { queue: QueueName; payload: TSchema }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = Static<(typeof JOBS)[N]['payload']>;

export function queueOf(name: JobName): QueueName {
  return JOBS[name].queue;
}

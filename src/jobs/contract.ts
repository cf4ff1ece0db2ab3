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
} as const satisfies Record<string, { queue: QueueName; payload: TSchema }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = Static<(typeof JOBS)[N]['payload']>;

export function queueOf(name: JobName): QueueName {
  return JOBS[name].queue;
}

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
} as const satisfies Record<string, { queue: QueueName; payload: TSchema }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = Static<(typeof JOBS)[N]['payload']>;

export function queueOf(name: JobName): QueueName {
  return JOBS[name].queue;
}

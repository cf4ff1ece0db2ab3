import { Queue, type ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { QUEUES, type QueueName } from './contract.js';

export type Queues = Record<QueueName, Queue>;

/** BullMQ needs maxRetriesPerRequest: null on its connections (blocking commands). */
export function bullConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...extra });
}

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  return Object.fromEntries(
    QUEUES.map((name) => [
      name,
      new Queue(name, {
        connection,
        prefix,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          // Keep finished jobs for a while: deduplication by job id and the dashboard need them.
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    ]),
  ) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import { bullConnection, closeQueues, createQueues } from '../src/jobs/queues.js';

/**
 * Repeating jobs (BullMQ job schedulers). Upserting is idempotent, so every worker start
 * re-applies the list. Later issues add the nightly wage guidance and the weekly report.
 */
export const SCHEDULES: { queue: 'system' | 'reports' | 'matching'; id: string; pattern: string; tz: string; name: string; data: Record<string, unknown> }[] = [];

export async function upsertSchedules(config: Config, logger: Logger): Promise<void> {
  if (SCHEDULES.length === 0) return;
  const connection = bullConnection(config.redisUrl);
  const queues = createQueues(connection, config.queuePrefix);
  try {
    for (const s of SCHEDULES) {
      await queues[s.queue].upsertJobScheduler(s.id, { pattern: s.pattern, tz: s.tz }, { name: s.name, data: s.data });
      logger.info({ scheduler: s.id, pattern: s.pattern, tz: s.tz }, 'schedule upserted');
    }
  } finally {
    await closeQueues(queues);
    connection.disconnect();
  }
}

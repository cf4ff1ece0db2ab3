import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import { bullConnection, closeQueues, createQueues } from '../src/jobs/queues.js';
import type { JobName, QueueName } from '../src/jobs/contract.js';

/**
 * Repeating jobs (BullMQ job schedulers). Upserting is idempotent, so every worker start
 * re-applies the list. Later issues add the nightly wage guidance and the weekly report.
 */
export const SCHEDULES: { queue: QueueName; id: string; pattern: string; tz: string; name: JobName; data: Record<string, unknown> }[] = [
  { queue: 'search-sync', id: 'saved-search-alerts', pattern: '*/15 * * * *', tz: 'Asia/Shanghai', name: 'search.run-alerts', data: {} },
  // Expiry makes closed-by-time vacancies leave public search within five minutes.
  { queue: 'system', id: 'expire-due-vacancies', pattern: '*/5 * * * *', tz: 'Asia/Shanghai', name: 'vacancies.expire-due', data: {} },
  // Nightly rematch: picks up every seeker change since, and vacancies closed by time.
  { queue: 'matching', id: 'nightly-rematch', pattern: '0 1 * * *', tz: 'Asia/Shanghai', name: 'matching.rematch-all', data: {} },
  // Wage guidance for the current month and quarter so far, nightly after the day's records are in.
  { queue: 'reports', id: 'wage-guidance-nightly', pattern: '0 3 * * *', tz: 'Asia/Shanghai', name: 'wage-guidance.compile-current', data: {} },
  // Weekly supply-demand report: Monday 02:00 for the ISO week just ended (city, then each district).
  // Retention (PIPL art. 19/47): anonymise long-inactive seekers, prune audit rows past their period; reports to retention_runs.
  { queue: 'system', id: 'privacy-retention-daily', pattern: '0 4 * * *', tz: 'Asia/Shanghai', name: 'privacy.apply-retention', data: {} },
  { queue: 'reports', id: 'supply-demand-weekly', pattern: '0 2 * * 1', tz: 'Asia/Shanghai', name: 'supply-demand.compile-scheduled', data: {} },
];

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

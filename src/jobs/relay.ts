import { inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { outbox } from './outbox.table.js';
import type { Queues } from './queues.js';
import type { QueueName } from './contract.js';

const BATCH = 500;
const ENQUEUE_TIMEOUT_MS = 5000;

export interface OutboxRelay {
  /** Relay everything pending now; resolves with the number of rows delivered. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Moves outbox rows to BullMQ. Rows are locked (SKIP LOCKED, so several relays can run),
 * added with their deterministic job id, and stamped in the same transaction: if Redis is
 * down the transaction rolls back and the rows wait; if the process dies after adding but
 * before commit, the next attempt re-adds the same job id and BullMQ ignores the duplicate.
 *
 * `queues` should use a Redis connection with enableOfflineQueue: false so a Redis outage
 * fails fast here instead of holding the transaction open.
 */
export async function startOutboxRelay(opts: {
  database: Database;
  queues: Queues;
  pollMs: number;
  logger: Logger;
}): Promise<OutboxRelay> {
  const { database, queues, logger } = opts;
  let stopped = false;
  let inFlight: Promise<number> | null = null;
  let again = false;
  let lastErrorLogged = 0;

  async function relayBatch(): Promise<number> {
    return database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(sql`${outbox.dispatchedAt} is null`)
        .orderBy(outbox.id)
        .limit(BATCH)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, typeof rows>();
      for (const r of rows) {
        const q = r.queue as QueueName;
        byQueue.set(q, [...(byQueue.get(q) ?? []), r]);
      }
      await withTimeout(
        Promise.all(
          [...byQueue].map(([q, list]) =>
            queues[q].addBulk(list.map((r) => ({ name: r.jobName, data: r.payload, opts: { jobId: r.jobId } }))),
          ),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
      await tx
        .update(outbox)
        .set({ dispatchedAt: new Date(), attempts: sql`${outbox.attempts} + 1` })
        .where(inArray(outbox.id, rows.map((r) => r.id)));
      return rows.length;
    });
  }

  async function loop(): Promise<number> {
    let total = 0;
    do {
      again = false;
      try {
        const n = await relayBatch();
        total += n;
        if (n === BATCH) again = true;
      } catch (err) {
        // Redis or Postgres unavailable: keep the rows, say so at most every 10 s, retry on the next tick.
        if (Date.now() - lastErrorLogged > 10_000) {
          logger.warn({ err: (err as Error).message }, 'outbox relay: delivery failed, will retry');
          lastErrorLogged = Date.now();
        }
        break;
      }
    } while (again && !stopped);
    if (total) logger.debug({ relayed: total }, 'outbox relay');
    return total;
  }

  function drain(): Promise<number> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = loop().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  const timer = setInterval(() => void drain(), opts.pollMs);
  // LISTEN makes relaying immediate after commit; polling covers missed notifications.
  const listener = await database.sql.listen('outbox', () => void drain()).catch((err) => {
    logger.warn({ err: err.message }, 'outbox relay: LISTEN failed, polling only');
    return null;
  });
  void drain();

  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener?.unlisten().catch(() => {});
      await inFlight?.catch(() => {});
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`enqueue timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

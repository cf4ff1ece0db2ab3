import { Value } from '@sinclair/typebox/value';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { outbox } from './outbox.table.js';
import { JOBS, type JobName, type JobPayload } from './contract.js';

/**
 * The only way to start a job: writes an outbox row in the caller's transaction. The relay
 * delivers it to BullMQ after commit, so jobs are never lost when Redis is down and never
 * run for changes that rolled back.
 */
export async function enqueue<N extends JobName>(
  tx: DbOrTx,
  name: N,
  payload: JobPayload<N>,
): Promise<void> {
  const spec = JOBS[name];
  if (!Value.Check(spec.payload, payload)) {
    const first = [...Value.Errors(spec.payload, payload)][0];
    throw new Error(`job ${name}: invalid payload at ${first?.path || '/'}: ${first?.message}`);
  }
  await tx.insert(outbox).values({ queue: spec.queue, jobName: name, payload });
  // Wake the relay now instead of at its next poll (delivered on commit).
  await tx.execute(sql`select pg_notify('outbox', '')`);
}

/** Many jobs of one kind in one statement (a bulk import's batch), each payload checked like enqueue's. */
export async function enqueueMany<N extends JobName>(tx: DbOrTx, name: N, payloads: JobPayload<N>[]): Promise<void> {
  if (!payloads.length) return;
  const spec = JOBS[name];
  for (const payload of payloads) {
    if (!Value.Check(spec.payload, payload)) {
      const first = [...Value.Errors(spec.payload, payload)][0];
      throw new Error(`job ${name}: invalid payload at ${first?.path || '/'}: ${first?.message}`);
    }
  }
  await tx.insert(outbox).values(payloads.map((payload) => ({ queue: spec.queue, jobName: name, payload })));
  await tx.execute(sql`select pg_notify('outbox', '')`);
}

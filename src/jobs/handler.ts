import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { AppError } from '../lib/errors.js';
import type { SearchEngine } from '../search/engine.js';
import type { JobName, JobPayload } from './contract.js';

/**
 * The one contract every job handler follows (docs/adr/0221-job-handler-contract.md):
 *
 *   (deps, payload, attempt) => Promise<JobResult>
 *
 * - deps: what a worker process holds (config, database, search engine, logger), passed in, never global;
 * - payload: already checked against the contract's schema by the worker before the handler runs;
 * - attempt: which try this is, for handlers that must clean up after the last one;
 * - the result says what happened (`status`) plus counts for the log and the BullMQ dashboard.
 *
 * One rule for errors retrying cannot fix: throw PermanentJobError, or let an AppError with a 4xx
 * status (bad input) or a RangeError (a value outside what can exist) escape. runJobHandler turns
 * exactly these into BullMQ's UnrecoverableError; everything else (database or Redis gone, a
 * timeout) is retried with backoff. Modules never import UnrecoverableError themselves.
 */
export interface JobDeps {
  config: Config;
  database: Database;
  search: SearchEngine;
  logger: Logger;
}

export interface JobAttempt {
  /** Tries made before this one (0 on the first). */
  attemptsMade: number;
  /** Tries allowed in all. */
  attempts: number;
}

export interface JobResult {
  /** done: the work was carried out; skipped: nothing to do (already done, or the record is gone). */
  status: 'done' | 'skipped';
  [detail: string]: unknown;
}

export type JobHandler<N extends JobName> = (deps: JobDeps, payload: JobPayload<N>, attempt: JobAttempt) => Promise<JobResult>;

/** A failure retrying cannot fix (the record does not exist, the input can never be valid). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** The one rule for unrecoverable errors (see above). */
export function isPermanentJobError(err: unknown): boolean {
  return err instanceof PermanentJobError || err instanceof RangeError || (err instanceof AppError && err.statusCode < 500);
}

export const isLastAttempt = (a: JobAttempt) => a.attemptsMade + 1 >= a.attempts;

/** Runs a handler under the rule: permanent failures become UnrecoverableError (no retry), the rest rethrow. */
export async function runJobHandler<N extends JobName>(handler: JobHandler<N>, deps: JobDeps, payload: JobPayload<N>, attempt: JobAttempt): Promise<JobResult> {
  try {
    return await handler(deps, payload, attempt);
  } catch (err) {
    if (err instanceof UnrecoverableError) throw err;
    if (isPermanentJobError(err)) throw new UnrecoverableError((err as Error).message);
    throw err;
  }
}

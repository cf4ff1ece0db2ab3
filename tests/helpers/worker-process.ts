import { spawn, type ChildProcess } from 'node:child_process';
import type { Config } from '../../src/config.js';

/**
 * The real worker process (workers/main.ts through tsx) on a test's database and queue prefix,
 * for tests that kill it with SIGKILL. stop() is a graceful SIGTERM; kill() is kill -9.
 */
export function spawnWorker(config: Config, opts: { log?: boolean } = {}) {
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    PES_QUEUE_PREFIX: config.queuePrefix,
    PES_HASH_KEY: config.hashKey,
    PES_OUTBOX_POLL_MS: '50',
    LOG_LEVEL: opts.log ? 'info' : 'silent',
  };
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], { env, stdio: opts.log ? 'inherit' : 'ignore' });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const signal = async (sig: NodeJS.Signals) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(sig);
    await exited;
  };
  return { proc, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

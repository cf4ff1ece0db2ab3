import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../helpers/global-setup.js';

/**
 * Production runs compiled JavaScript (`npm run build` → dist/), not tsx. This builds dist/,
 * starts the compiled API on an EMPTY database (so it must find the copied migrations), and
 * checks the pages that read files relative to the code (kiosk assets, jieba, docs) and the
 * resident memory budget (issue 10: API RSS ≤ 300 MB under load; idle must leave room).
 */
const run = promisify(execFile);
const DB = `t_build_${process.pid}`;
let api: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let base = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function admin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(withDatabase(process.env.DATABASE_URL!, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

beforeAll(async () => {
  await run('bash', ['scripts/build.sh'], { timeout: 240_000 });
  await admin((sql) => sql.unsafe(`create database ${DB}`));
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PES_HASH_KEY: 'build-test-hash-key-0123456789',
    PES_PUBLIC_BASE_URL: 'https://jobs.example.gov.cn',
    PES_QUEUE_PREFIX: `build${process.pid}`,
    DATABASE_URL: withDatabase(process.env.DATABASE_URL!, DB),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  api = spawn(process.execPath, ['dist/src/server.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${base}/health/live`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  worker = spawn(process.execPath, ['dist/workers/main.js'], { env: { ...env, PES_MIGRATE_ON_START: 'false' }, stdio: ['ignore', 'ignore', 'inherit'] });
}, 300_000);

afterAll(async () => {
  for (const p of [api, worker]) if (p && p.exitCode === null) await new Promise((r) => (p.once('exit', r), p.kill('SIGTERM')));
  await admin((sql) => sql.unsafe(`drop database if exists ${DB} with (force)`));
});

describe('compiled build (dist/)', () => {
  it('starts on an empty database, applies the migrations and answers ready', async () => {
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status, await ready.text()).toBe(200);
    const sql = postgres(withDatabase(process.env.DATABASE_URL!, DB), { max: 1, onnotice: () => {} });
    try {
      const [{ n }] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      expect(n).toBe(readdirSync('migrations').filter((f) => f.endsWith('.sql')).length);
    } finally {
      await sql.end();
    }
  });

  it('serves the kiosk assets, the API docs and a segmented Chinese search', async () => {
    for (const path of ['/kiosk', '/kiosk/kiosk.js', '/app', '/docs/json', `/public/vacancies/search?q=${encodeURIComponent('电工')}`]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
    }
  });

  it('keeps the API process lean: RSS after start and a first search stays ≤ 250 MB', () => {
    const mb = rssMb(api!.pid!);
    console.log(`compiled API RSS after start and first requests: ${mb} MB`);
    expect(mb).toBeLessThanOrEqual(250);
  });

  it('runs the compiled worker', async () => {
    await new Promise((r) => setTimeout(r, 3000));
    expect(worker!.exitCode).toBeNull();
  });
});

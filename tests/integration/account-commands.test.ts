import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../helpers/records.js';
import { sessionCookie } from '../helpers/sessions.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

const run = promisify(execFile);
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
  await buildWorld(ctx);
}, 60_000);
afterAll(() => ctx?.close());

const cli = (file: string, args: string[] = [], env: Record<string, string> = {}) =>
  run('npx', ['tsx', file, ...args], {
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', DATABASE_URL: ctx.config.databaseUrl, REDIS_URL: ctx.config.redisUrl, PES_HASH_KEY: ctx.config.hashKey, LOG_LEVEL: 'silent', ...env },
  });

async function signIn(username: string, password: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  return { stage: res.json().stage as string, headers: { cookie: sessionCookie(res.headers['set-cookie']), 'x-csrf-token': res.json().csrfToken as string } };
}

describe('account commands', () => {
  it('npm run create-admin: a one-time password, then a new password and an authenticator at first sign-in', async () => {
    const { stdout } = await cli('src/cli/create-admin.ts', ['--username', 'first-admin', '--name', '王管理员']);
    const otp = stdout.split('\n').find((l) => /^\S{8,}$/.test(l.trim()) && !l.includes('"'))!.trim();
    const s = await signIn('first-admin', otp);
    expect(s.stage).toBe('password');
    const changed = await ctx.app.inject({ method: 'POST', url: '/auth/password', headers: s.headers, payload: { currentPassword: otp, newPassword: 'Admin-Strong-2026' } });
    expect(changed.json().stage).toBe('enrol');
  }, 60_000);

  it('the demo accounts (npm run dev): one per role, one-time passwords printed, no second factor in development only', async () => {
    const { stdout } = await cli('src/cli/demo-accounts.ts', [], { NODE_ENV: 'development' });
    const rows = stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => r[0])).toEqual(['admin', 'staff', 'organiser', 'employer']);
    const staff = rows.find((r) => r[0] === 'staff')!;
    const s = await signIn(staff[1]!, staff[2]!);
    expect(s.stage).toBe('password');
    const changed = await ctx.app.inject({ method: 'POST', url: '/auth/password', headers: s.headers, payload: { currentPassword: staff[2], newPassword: 'Fair-Weather-77' } });
    expect(changed.json().stage).toBe('active');
    // Run again (npm run dev twice): fresh passwords, the old sessions end.
    const again = (await cli('src/cli/demo-accounts.ts', [], { NODE_ENV: 'development' })).stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(again.find((r) => r[0] === 'staff')![2]).not.toBe(staff[2]);
    expect((await ctx.app.inject({ url: '/me', headers: s.headers })).statusCode).toBe(401);
    await expect(cli('src/cli/demo-accounts.ts', [], { NODE_ENV: 'production', PES_HASH_KEY: 'a-long-production-secret-0123', PES_PUBLIC_BASE_URL: 'https://jobs.example.gov.cn' })).rejects.toThrow(/development only/);
  }, 90_000);
});

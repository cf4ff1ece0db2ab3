import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Role } from '../../src/modules/auth/keys.js';
import { accounts } from '../../src/modules/accounts/accounts.table.js';
import { createAccount } from '../../src/modules/accounts/accounts.service.js';
import { sealSecret, totpNow, newTotpSecret } from '../../src/modules/accounts/secrets.js';
import type { TestContext } from './test-app.js';

export const PASSWORD = 'Correct-Horse-9';

export interface Person {
  accountId: string;
  username: string;
  password: string;
  /** Base32 TOTP secret when a second factor is set up. */
  totpSecret: string | null;
}

export interface SignedIn extends Person {
  cookie: string;
  csrfToken: string;
  /** cookie + x-csrf-token: what the workbench page sends. */
  headers: Record<string, string>;
}

/** The session cookie's value from a sign-in answer. */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = all.find((x) => x.startsWith('pes_session='));
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return c.split(';')[0]!;
}

/**
 * A person account for a role (several roles may be given). Staff and admins get an enrolled
 * TOTP secret (written directly: the enrolment flow has its own tests).
 */
export async function createPerson(ctx: TestContext, roles: Role | Role[], extra: { officeId?: string; employerId?: string; totp?: boolean; username?: string } = {}): Promise<Person> {
  const list = Array.isArray(roles) ? roles : [roles];
  const username = extra.username ?? `${list.join('-')}-${randomBytes(4).toString('hex')}`;
  const db = ctx.resources.database.db;
  const { account } = await createAccount(db, ctx.config, ctx.app.notifier, { name: 'test setup', role: 'admin' }, {
    username,
    displayName: `测试 ${list.join('/')}`,
    roles: list,
    officeId: extra.officeId ?? null,
    employerId: extra.employerId ?? null,
    password: PASSWORD,
  });
  const wantsTotp = extra.totp ?? list.some((r) => r === 'admin' || r === 'staff');
  let totpSecret: string | null = null;
  if (wantsTotp) {
    totpSecret = newTotpSecret();
    await db.update(accounts).set({ totpSecret: sealSecret(ctx.config.hashKey, totpSecret), totpEnabled: true }).where(eq(accounts.id, account.id));
  }
  return { accountId: account.id, username, password: PASSWORD, totpSecret };
}

/** Signs in through the API as the page does: password, then the TOTP code when one is set up. */
export async function signInPerson(ctx: TestContext, p: Person, opts: { now?: number } = {}): Promise<SignedIn> {
  const res = await ctx.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: p.username, password: p.password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = sessionCookie(res.headers['set-cookie']);
  const { csrfToken, stage } = res.json() as { csrfToken: string; stage: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  if (stage === 'second_factor') {
    const code = await totpNow(p.totpSecret!, opts.now ?? Date.now());
    const f = await ctx.app.inject({ method: 'POST', url: '/auth/second-factor', headers, payload: { code } });
    expect(f.statusCode, f.body).toBe(200);
    expect(f.json().stage).toBe('active');
  } else {
    expect(stage).toBe('active');
  }
  return { ...p, cookie, csrfToken, headers };
}

export async function signedIn(ctx: TestContext, roles: Role | Role[], extra: { officeId?: string; employerId?: string } = {}): Promise<SignedIn> {
  return signInPerson(ctx, await createPerson(ctx, roles, extra));
}

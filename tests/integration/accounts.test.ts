import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, sessions } from '../../src/modules/accounts/accounts.table.js';
import { auditLog } from '../../src/modules/audit/audit.table.js';
import { totpNow } from '../../src/modules/accounts/secrets.js';
import { buildWorld, type World } from '../helpers/records.js';
import { seekerBody } from '../helpers/fixtures-people.js';
import { createPerson, PASSWORD, sessionCookie, signedIn, signInPerson } from '../helpers/sessions.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let w: World;
const db = () => ctx.resources.database.db;

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_AUTH_FAILURES_PER_IP: '1000' } });
  w = await buildWorld(ctx);
}, 60_000);
afterAll(() => ctx?.close());

const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/auth/sign-in', headers, payload: { username, password } });
const auditOf = async (accountId: string) => (await db().select().from(auditLog).where(eq(auditLog.subjectId, accountId))).map((r) => r.action);

describe('signing in', () => {
  it('with the right password, sets an httpOnly Secure SameSite=Strict cookie, and GET /me names the person, roles, office and permissions', async () => {
    const p = await createPerson(ctx, 'organiser', { officeId: w.offices.tianhe });
    const res = await signIn(p.username, PASSWORD);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().stage).toBe('active');
    const raw = ([] as string[]).concat(res.headers['set-cookie'] as string[] | string)[0]!;
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/Secure/i);
    expect(raw).toMatch(/SameSite=Strict/i);
    expect(res.body).not.toContain(raw.split(';')[0]!.split('=')[1]!); // the session token is only in the cookie
    const me = await ctx.app.inject({ url: '/me', headers: { cookie: sessionCookie(res.headers['set-cookie']) } });
    expect(me.statusCode, me.body).toBe(200);
    const body = me.json();
    expect(body).toMatchObject({ kind: 'session', role: 'organiser', roles: ['organiser'], office: { id: w.offices.tianhe }, employer: null });
    expect(body.person.username).toBe(p.username);
    expect(body.permissions).toContain('fairs.manage');
    expect(body.permissions).not.toContain('seekers.read');
    expect(body.session.csrfToken).toBe(res.json().csrfToken);
    expect(await auditOf(p.accountId)).toContain('sign_in');
  });

  it('a wrong password or an unknown user name gets the same 401, and both are audited', async () => {
    const p = await createPerson(ctx, 'organiser', { officeId: w.offices.tianhe });
    const a = await signIn(p.username, 'Wrong-pass-1');
    const b = await signIn('nobody-here', 'Wrong-pass-1');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().code).toBe(b.json().code);
    expect(a.json().message).toBe(b.json().message);
    expect(await auditOf(p.accountId)).toContain('sign_in_failed');
    const anon = await db().select().from(auditLog).where(eq(auditLog.actorName, 'nobody-here'));
    expect(anon.map((r) => [r.action, r.reason])).toContainEqual(['sign_in_failed', 'unknown user name']);
  });

  it('locks after 5 failures for 15 minutes (even the right password), audits the lockout, and an admin can unlock', async () => {
    const p = await createPerson(ctx, 'organiser', { officeId: w.offices.tianhe });
    for (let i = 0; i < 4; i++) expect((await signIn(p.username, `Wrong-pass-${i}`)).statusCode).toBe(401);
    const fifth = await signIn(p.username, 'Wrong-pass-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');
    const right = await signIn(p.username, PASSWORD);
    expect(right.statusCode).toBe(423);
    const [row] = await db().select().from(accounts).where(eq(accounts.id, p.accountId));
    const minutes = (row!.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const actions = await auditOf(p.accountId);
    expect(actions.filter((a) => a === 'sign_in_failed').length).toBeGreaterThanOrEqual(6);
    expect(actions).toContain('account_locked');

    const unlock = await ctx.app.inject({ method: 'POST', url: `/admin/accounts/${p.accountId}/unlock`, headers: bearer(ctx.adminKey) });
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect(unlock.json().lockedUntil).toBeNull();
    expect((await signIn(p.username, PASSWORD)).statusCode).toBe(200);
    expect(await auditOf(p.accountId)).toContain('account_unlocked');
  });

  it('a lock expires by itself after the lockout period', async () => {
    const p = await createPerson(ctx, 'organiser', { officeId: w.offices.tianhe });
    await db().update(accounts).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(accounts.id, p.accountId));
    expect((await signIn(p.username, PASSWORD)).statusCode).toBe(200);
  });
});

describe('password policy and change', () => {
  it('a one-time password must be changed before anything else; the new one must meet the policy (8 characters, 3 classes)', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/admin/accounts',
      headers: bearer(ctx.adminKey),
      payload: { username: 'org-otp', displayName: '李组织', roles: ['organiser'], officeId: w.offices.tianhe },
    });
    expect(created.statusCode, created.body).toBe(201);
    const otp = created.json().oneTimePassword as string;
    expect(otp.length).toBeGreaterThanOrEqual(8);
    const res = await signIn('org-otp', otp);
    expect(res.json().stage).toBe('password');
    const headers = { cookie: sessionCookie(res.headers['set-cookie']), 'x-csrf-token': res.json().csrfToken };
    const blocked = await ctx.app.inject({ url: '/fairs/00000000-0000-4000-8000-000000000000/screening-stats', headers });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('SIGN_IN_INCOMPLETE');
    for (const weak of ['short1A', 'alllowercaseletters', 'lowercase1234']) {
      const r = await ctx.app.inject({ method: 'POST', url: '/auth/password', headers, payload: { currentPassword: otp, newPassword: weak } });
      expect(r.statusCode, weak).toBe(422);
      expect(r.json().details[0].field).toBe('body.newPassword');
    }
    const ok = await ctx.app.inject({ method: 'POST', url: '/auth/password', headers, payload: { currentPassword: otp, newPassword: 'Fair-Day-2026' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().stage).toBe('active');
    expect((await ctx.app.inject({ url: '/imports/template.json', headers })).statusCode).toBe(200);
  });

  it('staff must change a password older than 90 days; an organiser need not', async () => {
    const staff = await createPerson(ctx, 'staff', { officeId: w.offices.tianhe });
    const org = await createPerson(ctx, 'organiser', { officeId: w.offices.tianhe });
    const old = new Date(Date.now() - 91 * 86_400_000);
    await db().update(accounts).set({ passwordChangedAt: old }).where(eq(accounts.id, staff.accountId));
    await db().update(accounts).set({ passwordChangedAt: old }).where(eq(accounts.id, org.accountId));
    const s = await signIn(staff.username, PASSWORD);
    const headers = { cookie: sessionCookie(s.headers['set-cookie']), 'x-csrf-token': s.json().csrfToken };
    const f = await ctx.app.inject({ method: 'POST', url: '/auth/second-factor', headers, payload: { code: await totpNow(staff.totpSecret!) } });
    expect(f.json().stage).toBe('password');
    expect((await ctx.app.inject({ url: '/seekers', headers })).json().code).toBe('SIGN_IN_INCOMPLETE');
    const me = await ctx.app.inject({ url: '/me', headers });
    expect(me.json().session.stage).toBe('password');
    expect(me.json().permissions).toEqual([]);
    expect((await signIn(org.username, PASSWORD)).json().stage).toBe('active');
  });
});

describe('sessions', () => {
  it('a staff session ends after 15 idle minutes; an organiser session does not; the end is audited', async () => {
    const staff = await signedIn(ctx, 'staff', { officeId: w.offices.tianhe });
    const org = await signedIn(ctx, 'organiser', { officeId: w.offices.tianhe });
    const idle = new Date(Date.now() - 16 * 60_000);
    await db().update(sessions).set({ lastSeenAt: idle }).where(eq(sessions.accountId, staff.accountId));
    await db().update(sessions).set({ lastSeenAt: idle }).where(eq(sessions.accountId, org.accountId));
    const s = await ctx.app.inject({ url: '/me', headers: staff.headers });
    expect(s.statusCode).toBe(401);
    expect(s.json().code).toBe('SESSION_ENDED');
    expect(String(s.headers['set-cookie'])).toMatch(/pes_session=;/);
    expect((await ctx.app.inject({ url: '/me', headers: org.headers })).statusCode).toBe(200);
    const rows = await db().select().from(auditLog).where(eq(auditLog.subjectId, staff.accountId));
    expect(rows.find((r) => r.action === 'session_ended')?.reason).toBe('idle_timeout');
    // Ended stays ended: activity afterwards does not revive it.
    expect((await ctx.app.inject({ url: '/me', headers: staff.headers })).statusCode).toBe(401);
  });

  it('a session ends at its absolute lifetime however active it is', async () => {
    const org = await signedIn(ctx, 'organiser', { officeId: w.offices.tianhe });
    const [s] = await db().select().from(sessions).where(eq(sessions.accountId, org.accountId));
    expect((s!.expiresAt.getTime() - s!.createdAt.getTime()) / 3_600_000).toBeCloseTo(12, 1);
    await db().update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, s!.id));
    const res = await ctx.app.inject({ url: '/me', headers: org.headers });
    expect(res.statusCode).toBe(401);
    expect((await db().select().from(auditLog).where(eq(auditLog.subjectId, org.accountId))).find((r) => r.action === 'session_ended')?.reason).toBe('absolute_timeout');
  });

  it('sign-out ends this session; sign-out everywhere ends every session of the person', async () => {
    const p = await createPerson(ctx, 'organiser', { officeId: w.offices.tianhe });
    const a = await signInPerson(ctx, p);
    const b = await signInPerson(ctx, p);
    const c = await signInPerson(ctx, p);
    const out = await ctx.app.inject({ method: 'POST', url: '/auth/sign-out', headers: a.headers });
    expect(out.statusCode).toBe(204);
    expect((await ctx.app.inject({ url: '/me', headers: a.headers })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/me', headers: b.headers })).statusCode).toBe(200);
    const all = await ctx.app.inject({ method: 'POST', url: '/auth/sign-out-everywhere', headers: b.headers });
    expect(all.json().ended).toBe(2);
    expect((await ctx.app.inject({ url: '/me', headers: b.headers })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/me', headers: c.headers })).statusCode).toBe(401);
  });

  it('the session authenticates the JSON API, and a person holding two roles is admitted where either is', async () => {
    const both = await signedIn(ctx, ['staff', 'organiser'], { officeId: w.offices.tianhe });
    expect((await ctx.app.inject({ url: '/seekers', headers: both.headers })).statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/imports/template.json', headers: both.headers })).statusCode).toBe(200);
    const me = (await ctx.app.inject({ url: '/me', headers: both.headers })).json();
    expect(me.role).toBe('staff');
    expect(me.roles).toEqual(['staff', 'organiser']);
    const audit = await ctx.app.inject({ url: `/audit-log?actorKeyId=${crypto.randomUUID()}`, headers: both.headers });
    expect(audit.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/admin/api-keys', headers: both.headers })).statusCode).toBe(403);
  });

  it('a read of personal data through a session names the person in the audit row', async () => {
    const staff = await signedIn(ctx, 'staff', { officeId: w.offices.tianhe });
    const seeker = await ctx.app.inject({
      method: 'POST',
      url: '/seekers',
      headers: staff.headers,
      payload: seekerBody(),
    });
    expect(seeker.statusCode, seeker.body).toBe(201);
    const read = await ctx.app.inject({ url: `/seekers/${seeker.json().id}?reason=${encodeURIComponent('核对联系方式')}`, headers: staff.headers });
    expect(read.statusCode, read.body).toBe(200);
    const rows = await db().select().from(auditLog).where(eq(auditLog.subjectId, seeker.json().id));
    const r = rows.find((x) => x.action === 'read_personal_data')!;
    expect(r.actorPersonId).toBe(staff.accountId);
    expect(r.actorKeyId).toBeNull();
  });
});

describe('cross-site requests', () => {
  it('a state change with the session cookie but no x-csrf-token is refused (403), with the token it passes', async () => {
    const org = await signedIn(ctx, 'organiser', { officeId: w.offices.tianhe });
    const body = { title: 'CSRF 测试岗位', employerId: w.employers.own };
    const none = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: { cookie: org.cookie }, payload: body });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_TOKEN_MISSING');
    const wrong = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: { cookie: org.cookie, 'x-csrf-token': 'x'.repeat(43) }, payload: body });
    expect(wrong.statusCode).toBe(403);
    const ok = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: org.headers, payload: body });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a request another site makes the browser send (Origin or Sec-Fetch-Site) is refused, even with the token', async () => {
    const org = await signedIn(ctx, 'organiser', { officeId: w.offices.tianhe });
    const body = { title: '跨站岗位', employerId: w.employers.own };
    for (const h of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }]) {
      const res = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: { ...org.headers, ...h }, payload: body });
      expect(res.statusCode, JSON.stringify(h)).toBe(403);
      expect(res.json().code).toBe('CROSS_SITE_REQUEST');
    }
    const same = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: { ...org.headers, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' }, payload: body });
    expect(same.statusCode, same.body).toBe(201);
    const signInFromElsewhere = await signIn('whoever', 'Whatever-1', { origin: 'https://evil.example' });
    expect(signInFromElsewhere.statusCode).toBe(403);
  });

  it('HTTP Basic is accepted only on the queue dashboard, and a cross-site POST there with cached Basic credentials is refused', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`admin:${ctx.adminKey}`).toString('base64')}` };
    expect((await ctx.app.inject({ url: '/admin/api-keys', headers: basic })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: '/admin/pings', headers: { ...basic, origin: 'https://evil.example' } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'POST', url: '/admin/pings', headers: basic })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/admin/queues/api/queues', headers: basic })).statusCode).toBe(200);
    const cross = await ctx.app.inject({ method: 'PUT', url: '/admin/queues/api/queues/search-sync/pause', headers: { ...basic, origin: 'https://evil.example' } });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('CROSS_SITE_REQUEST');
    const crossFetch = await ctx.app.inject({ method: 'PUT', url: '/admin/queues/api/queues/search-sync/pause', headers: { ...basic, 'sec-fetch-site': 'cross-site' } });
    expect(crossFetch.statusCode).toBe(403);
  });
});

describe('second factor (TOTP)', () => {
  it('staff without a factor must enrol (QR code), confirm with a code, and get 10 one-time recovery codes', async () => {
    const p = await createPerson(ctx, 'staff', { officeId: w.offices.tianhe, totp: false });
    const res = await signIn(p.username, PASSWORD);
    expect(res.json().stage).toBe('enrol');
    const headers = { cookie: sessionCookie(res.headers['set-cookie']), 'x-csrf-token': res.json().csrfToken };
    expect((await ctx.app.inject({ url: '/seekers', headers })).json().code).toBe('SIGN_IN_INCOMPLETE');
    const enrol = await ctx.app.inject({ method: 'POST', url: '/auth/totp/enrol', headers });
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret, otpauthUrl, qrSvg } = enrol.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg/);
    const bad = await ctx.app.inject({ method: 'POST', url: '/auth/totp/confirm', headers, payload: { code: '000000' } });
    expect(bad.statusCode).toBe(422);
    const ok = await ctx.app.inject({ method: 'POST', url: '/auth/totp/confirm', headers, payload: { code: await totpNow(secret) } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().stage).toBe('active');
    const codes = ok.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await ctx.app.inject({ url: '/seekers', headers })).statusCode).toBe(200);
    expect(await auditOf(p.accountId)).toContain('second_factor_enrolled');

    // Next sign-in: the second step takes a TOTP code once, and each recovery code once.
    const again = await signIn(p.username, PASSWORD);
    expect(again.json().stage).toBe('second_factor');
    const h2 = { cookie: sessionCookie(again.headers['set-cookie']), 'x-csrf-token': again.json().csrfToken };
    const wrong = await ctx.app.inject({ method: 'POST', url: '/auth/second-factor', headers: h2, payload: { code: '123456' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().details[0].field).toBe('body.code');
    const rc = await ctx.app.inject({ method: 'POST', url: '/auth/second-factor', headers: h2, payload: { code: codes[0]!.toUpperCase() } });
    expect(rc.statusCode, rc.body).toBe(200);
    expect(rc.json().stage).toBe('active');
    const third = await signIn(p.username, PASSWORD);
    const h3 = { cookie: sessionCookie(third.headers['set-cookie']), 'x-csrf-token': third.json().csrfToken };
    expect((await ctx.app.inject({ method: 'POST', url: '/auth/second-factor', headers: h3, payload: { code: codes[0] } })).statusCode).toBe(422);
    // The code that confirmed the enrolment cannot be replayed either.
    const replay = await ctx.app.inject({ method: 'POST', url: '/auth/second-factor', headers: h3, payload: { code: await totpNow(secret) } });
    expect(replay.statusCode).toBe(422);
    const actions = await auditOf(p.accountId);
    expect(actions).toContain('second_factor_passed');
  });

  it('an admin resets a lost factor: audited with the reason, sessions end, the person enrols again', async () => {
    const staff = await signedIn(ctx, 'staff', { officeId: w.offices.tianhe });
    const reset = await ctx.app.inject({ method: 'POST', url: `/admin/accounts/${staff.accountId}/second-factor-reset`, headers: bearer(ctx.adminKey), payload: { reason: '手机丢失 lost phone' } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json().secondFactorEnabled).toBe(false);
    expect((await ctx.app.inject({ url: '/me', headers: staff.headers })).statusCode).toBe(401);
    const rows = await db().select().from(auditLog).where(eq(auditLog.subjectId, staff.accountId));
    expect(rows.find((r) => r.action === 'second_factor_reset')).toMatchObject({ reason: '手机丢失 lost phone', actorRole: 'admin' });
    expect((await signIn(staff.username, PASSWORD)).json().stage).toBe('enrol');
  });

  it('optional for organisers and recruiters: they may turn it on, and off again with a code', async () => {
    const org = await signedIn(ctx, 'organiser', { officeId: w.offices.tianhe });
    const enrol = await ctx.app.inject({ method: 'POST', url: '/auth/totp/enrol', headers: org.headers });
    const secret = enrol.json().secret as string;
    const ok = await ctx.app.inject({ method: 'POST', url: '/auth/totp/confirm', headers: org.headers, payload: { code: await totpNow(secret) } });
    expect(ok.statusCode).toBe(200);
    const off = await ctx.app.inject({ method: 'DELETE', url: '/auth/totp', headers: org.headers, payload: { code: ok.json().recoveryCodes[1] } });
    expect(off.statusCode, off.body).toBe(204);
    const staff = await signedIn(ctx, 'staff', { officeId: w.offices.tianhe });
    const refused = await ctx.app.inject({ method: 'DELETE', url: '/auth/totp', headers: staff.headers, payload: { code: await totpNow(staff.totpSecret!, Date.now() + 30_000) } });
    expect(refused.statusCode).toBe(403);
  });
});

describe('failed authentication and API keys', () => {
  it('a wrong API key is audited, and failures from one address are limited (429)', async () => {
    const limited = await startTestApp({ env: { PES_AUTH_FAILURES_PER_IP: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.app.inject({ url: '/seekers', headers: bearer(`pes_wrong${i}`) })).statusCode).toBe(401);
      const fourth = await limited.app.inject({ url: '/seekers', headers: bearer(limited.adminKey) });
      expect(fourth.statusCode).toBe(429);
      const sign = await limited.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'x', password: 'y' } });
      expect(sign.statusCode).toBe(429);
      const rows = await limited.resources.database.db.select().from(auditLog).where(eq(auditLog.action, 'auth_failed'));
      expect(rows.length).toBe(3);
      expect(rows[0]!.subjectType).toBe('api_key');
      expect(rows[0]!.reason).toContain('invalid');
    } finally {
      await limited.close();
    }
  });

  it('keys cannot be created for an employer or office that does not exist (422 naming the field); an expired key is refused', async () => {
    const ghost = crypto.randomUUID();
    const e = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: bearer(ctx.adminKey), payload: { name: 'x', role: 'employer', employerId: ghost } });
    expect(e.statusCode).toBe(422);
    expect(e.json().details[0].field).toBe('body.employerId');
    const o = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: bearer(ctx.adminKey), payload: { name: 'x', role: 'staff', officeId: ghost } });
    expect(o.statusCode).toBe(422);
    expect(o.json().details[0].field).toBe('body.officeId');
    const soon = new Date(Date.now() + 60_000).toISOString();
    const k = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: bearer(ctx.adminKey), payload: { name: 'partner feed', role: 'staff', officeId: w.offices.tianhe, expiresAt: soon } });
    expect(k.statusCode, k.body).toBe(201);
    expect((await ctx.app.inject({ url: '/seekers', headers: bearer(k.json().key) })).statusCode).toBe(200);
    await ctx.resources.database.sql`update api_keys set expires_at = now() - interval '1 second' where id = ${k.json().id}`;
    expect((await ctx.app.inject({ url: '/seekers', headers: bearer(k.json().key) })).statusCode).toBe(401);
  });

  it('person routes refuse API keys (403 PERSON_ONLY); GET /me answers for a key with no person', async () => {
    const r = await ctx.app.inject({ method: 'POST', url: '/auth/totp/enrol', headers: bearer(ctx.adminKey) });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('PERSON_ONLY');
    const me = await ctx.app.inject({ url: '/me', headers: bearer(ctx.adminKey) });
    expect(me.json()).toMatchObject({ kind: 'key', role: 'admin', person: null, session: null });
  });
});

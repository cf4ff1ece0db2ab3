import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../helpers/records.js';
import { sessionCookie } from '../helpers/sessions.js';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';

/** A real SMTP server on a free port, keeping what it receives. */
interface Mail {
  from: string;
  to: string[];
  raw: string;
}
let smtp: SMTPServer;
const inbox: Mail[] = [];
let ctx: TestContext;
let w: World;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const { port } = smtp.server.address() as AddressInfo;
  ctx = await startTestApp({ env: { PES_SMTP_URL: `smtp://127.0.0.1:${port}`, PES_MAIL_FROM: 'PES <noreply@pes.example>', PES_PUBLIC_BASE_URL: 'https://pes.example' } });
  w = await buildWorld(ctx);
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

/** The text part of a message, undoing quoted-printable soft breaks and escapes. */
function bodyText(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  if (!/quoted-printable/i.test(raw)) return body;
  return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}
const linkToken = (text: string) => text.match(/https:\/\/pes\.example\/app#\/welcome\?token=([A-Za-z0-9_-]+)/)?.[1];

describe('invitation and password reset by e-mail (real SMTP server)', () => {
  it('an admin invites a recruiter by e-mail; the one-time link sets the password once, then expires', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/admin/accounts',
      headers: bearer(ctx.adminKey),
      payload: { username: 'hr.li', displayName: '李招聘', email: 'li@company.example', roles: ['employer'], employerId: w.employers.own },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invitationSent: true, oneTimePassword: null });
    const mail = await eventually(async () => inbox.find((m) => m.to.includes('li@company.example')));
    expect(mail.from).toBe('noreply@pes.example');
    const text = bodyText(mail.raw);
    expect(text).toContain('李招聘');
    const token = linkToken(text);
    expect(token, text).toBeTruthy();

    // Cannot sign in before choosing a password.
    expect((await ctx.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'hr.li', password: 'anything' } })).statusCode).toBe(401);
    const weak = await ctx.app.inject({ method: 'POST', url: '/auth/links/accept', payload: { token, password: 'weak' } });
    expect(weak.statusCode).toBe(422);
    const accept = await ctx.app.inject({ method: 'POST', url: '/auth/links/accept', payload: { token, password: 'Recruit-2026!' } });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json().username).toBe('hr.li');
    const again = await ctx.app.inject({ method: 'POST', url: '/auth/links/accept', payload: { token, password: 'Other-2026!x' } });
    expect(again.statusCode).toBe(410);
    const sign = await ctx.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'hr.li', password: 'Recruit-2026!' } });
    expect(sign.statusCode).toBe(200);
    expect(sign.json().stage).toBe('active');
  });

  it('a password reset link arrives by e-mail, ends open sessions when used, and an expired link is refused', async () => {
    await ctx.app.inject({
      method: 'POST',
      url: '/admin/accounts',
      headers: bearer(ctx.adminKey),
      payload: { username: 'org.wang', displayName: '王组织', email: 'wang@pes.example', roles: ['organiser'], officeId: w.offices.tianhe },
    });
    const inviteMail = await eventually(async () => inbox.find((m) => m.to.includes('wang@pes.example')));
    const invite = linkToken(bodyText(inviteMail.raw));
    await ctx.app.inject({ method: 'POST', url: '/auth/links/accept', payload: { token: invite, password: 'First-Pass-1' } });
    const s = await ctx.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username: 'org.wang', password: 'First-Pass-1' } });
    const cookie = sessionCookie(s.headers['set-cookie']);

    const before = inbox.length;
    const ask = await ctx.app.inject({ method: 'POST', url: '/auth/password-reset', payload: { username: 'wang@pes.example' } });
    expect(ask.statusCode).toBe(202);
    const unknown = await ctx.app.inject({ method: 'POST', url: '/auth/password-reset', payload: { username: 'nobody@pes.example' } });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(ask.body);
    const mail = await eventually(async () => inbox.slice(before).find((m) => m.to.includes('wang@pes.example')));
    expect(inbox.slice(before).every((m) => !m.to.includes('nobody@pes.example'))).toBe(true);
    const token = linkToken(bodyText(mail.raw))!;
    await ctx.resources.database.sql`update account_links set expires_at = now() - interval '1 second' where used_at is null and purpose = 'reset'`;
    expect((await ctx.app.inject({ method: 'POST', url: '/auth/links/accept', payload: { token, password: 'Second-Pass-2' } })).statusCode).toBe(410);
    await ctx.app.inject({ method: 'POST', url: '/auth/password-reset', payload: { username: 'org.wang' } });
    const fresh = await eventually(async () => {
      const m = inbox.slice(before).filter((x) => x.to.includes('wang@pes.example'));
      return m.length >= 2 ? m[m.length - 1] : undefined;
    });
    const ok = await ctx.app.inject({ method: 'POST', url: '/auth/links/accept', payload: { token: linkToken(bodyText(fresh.raw)), password: 'Second-Pass-2' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await ctx.app.inject({ url: '/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

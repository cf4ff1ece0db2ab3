import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors.js';
import type { Notifier } from '../../lib/notifier.js';
import { hashKey, type Principal, type Role } from '../auth/index.js';
import { auditActorOf, recordAuditEvent, type AuditEventActor } from '../audit/index.js';
import { employers } from '../employers/employers.table.js';
import { offices } from '../offices/offices.table.js';
import { accountLinks, accounts, recoveryCodes, sessions } from './accounts.table.js';
import {
  checkTotp,
  hashPassword,
  newTotpSecret,
  normaliseRecoveryCode,
  oneTimePassword,
  openSecret,
  passwordProblem,
  randomToken,
  recoveryCode,
  sealSecret,
  totpEnrolment,
  verifyPassword,
} from './secrets.js';
import {
  createSession,
  endAllSessions,
  endSession,
  idleMinutesOf,
  passwordExpiresAt,
  personActor,
  primaryRole,
  secondFactorRequired,
  stageOf,
  type AccountRow,
  type Stage,
} from './sessions.js';

const RECOVERY_CODES = 10;

const badCredentials = () =>
  new AppError(401, 'BAD_CREDENTIALS', { en: 'Wrong user name or password', zh: '用户名或密码错误' });

const weakPassword = (field: string, p: { en: string; zh: string }) =>
  new AppError(422, 'WEAK_PASSWORD', { en: `${field}: ${p.en}`, zh: `${field}：${p.zh}` }, [{ field, message: p.en }]);

const locked = (until: Date) =>
  new AppError(423, 'ACCOUNT_LOCKED', {
    en: `Account locked after repeated failed sign-ins until ${until.toISOString()}; an administrator can unlock it`,
    zh: `多次登录失败，账户已锁定至 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}（北京时间），管理员可解锁`,
  }, { lockedUntil: until.toISOString() });

export const normaliseUsername = (u: string) => u.trim().toLowerCase();

export async function findAccount(db: DbOrTx, id: string): Promise<AccountRow> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  if (!row) throw notFound('Account', '账户');
  return row;
}

/** Counts a failure toward the lockout (password or second factor); locks at the limit. */
async function countFailure(db: DbOrTx, config: Config, a: AccountRow, requestId: string, what: string, now: Date): Promise<AppError | null> {
  const n = a.failedAttempts + 1;
  const lock = n >= config.accounts.maxFailures;
  const until = new Date(now.getTime() + config.accounts.lockMinutes * 60_000);
  await db
    .update(accounts)
    .set({ failedAttempts: lock ? 0 : n, ...(lock ? { lockedUntil: until } : {}) })
    .where(eq(accounts.id, a.id));
  const actor = { ...personActor(a, requestId) };
  await recordAuditEvent(db, actor, 'sign_in_failed', { type: 'account', id: a.id }, { reason: what, fields: [`attempt:${n}`] });
  if (!lock) return null;
  await recordAuditEvent(db, actor, 'account_locked', { type: 'account', id: a.id }, { reason: `${config.accounts.maxFailures} failures in a row; locked ${config.accounts.lockMinutes} min` });
  await endAllSessions(db, a.id, 'account_locked', actor, undefined, now);
  return locked(until);
}

export interface SignInResult {
  token: string;
  sessionId: string;
  csrfToken: string;
  stage: Stage;
}

/** Password check → a new session whose stage says what is still needed (second factor, new password, enrolment). */
export async function signIn(db: DbOrTx, config: Config, input: { username: string; password: string }, ctx: { requestId: string; ip: string }, now = new Date()): Promise<SignInResult> {
  const username = normaliseUsername(input.username);
  const [a] = await db.select().from(accounts).where(eq(accounts.username, username));
  if (!a || a.disabledAt) {
    await verifyPassword(null, input.password);
    await recordAuditEvent(db, { name: username.slice(0, 60) || 'anonymous', role: 'none', requestId: ctx.requestId }, 'sign_in_failed', { type: 'account', id: a?.id ?? null }, {
      reason: a ? 'account disabled' : 'unknown user name',
      fields: [`ip:${ctx.ip}`],
    });
    throw badCredentials();
  }
  if (a.lockedUntil && a.lockedUntil > now) {
    await recordAuditEvent(db, personActor(a, ctx.requestId), 'sign_in_failed', { type: 'account', id: a.id }, { reason: 'account locked', fields: [`ip:${ctx.ip}`] });
    throw locked(a.lockedUntil);
  }
  if (!(await verifyPassword(a.passwordHash, input.password))) {
    const lockErr = await countFailure(db, config, a, ctx.requestId, 'wrong password', now);
    throw lockErr ?? badCredentials();
  }
  return db.transaction(async (tx) => {
    await tx.update(accounts).set({ failedAttempts: 0, lockedUntil: null }).where(eq(accounts.id, a.id));
    const { token, session } = await createSession(tx, config, a.id, now);
    const stage = stageOf(config, a, session, now);
    await recordAuditEvent(tx, personActor(a, ctx.requestId), 'sign_in', { type: 'account', id: a.id }, {
      reason: stage === 'active' ? 'password' : `password; next: ${stage}`,
      fields: [`session:${session.id}`, `ip:${ctx.ip}`],
    });
    return { token, sessionId: session.id, csrfToken: session.csrfToken, stage };
  });
}

/** Second step: a TOTP code or a one-time recovery code. Failures count toward the lockout. */
export async function giveSecondFactor(db: DbOrTx, config: Config, sessionId: string, accountId: string, code: string, requestId: string, now = new Date()): Promise<Stage> {
  const a = await findAccount(db, accountId);
  if (a.lockedUntil && a.lockedUntil > now) throw locked(a.lockedUntil);
  const how = await useFactor(db, config, a, code, now);
  if (!how) {
    const lockErr = await countFailure(db, config, a, requestId, 'wrong second-factor code', now);
    throw lockErr ?? new AppError(422, 'BAD_SECOND_FACTOR', { en: 'body.code: the code is wrong or was already used', zh: 'body.code：动态码错误或已使用' }, [{ field: 'body.code', message: 'wrong or already used' }]);
  }
  const [s] = await db.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.id, sessionId)).returning();
  await db.update(accounts).set({ failedAttempts: 0 }).where(eq(accounts.id, a.id));
  await recordAuditEvent(db, personActor(a, requestId), 'second_factor_passed', { type: 'account', id: a.id }, { reason: how, fields: [`session:${sessionId}`] });
  return stageOf(config, await findAccount(db, accountId), s!, now);
}

/** Accepts a TOTP code (once per time step) or an unused recovery code; returns which, or null. */
async function useFactor(db: DbOrTx, config: Config, a: AccountRow, code: string, now: Date): Promise<'totp' | 'recovery code' | null> {
  const c = code.trim().replace(/\s+/g, '');
  if (/^\d{6}$/.test(c)) {
    if (!a.totpEnabled || !a.totpSecret) return null;
    const step = await checkTotp(openSecret(config.hashKey, a.totpSecret), c, a.totpLastStep, now.getTime());
    if (step === null) return null;
    // Conditional: two requests racing with the same code cannot both pass.
    const ok = await db
      .update(accounts)
      .set({ totpLastStep: step })
      .where(and(eq(accounts.id, a.id), sql`coalesce(${accounts.totpLastStep}, -1) < ${step}`))
      .returning({ id: accounts.id });
    return ok.length ? 'totp' : null;
  }
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.accountId, a.id), eq(recoveryCodes.codeHash, hashKey(config.hashKey, `rc:${normaliseRecoveryCode(c)}`)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return used.length ? 'recovery code' : null;
}

async function setPassword(db: DbOrTx, config: Config, a: AccountRow, password: string, field: string, now: Date) {
  const problem = passwordProblem(config.accounts, password, a.username);
  if (problem) throw weakPassword(field, problem);
  if (a.passwordHash && (await verifyPassword(a.passwordHash, password))) {
    throw weakPassword(field, { en: 'must differ from the current password', zh: '不能与当前密码相同' });
  }
  await db
    .update(accounts)
    .set({ passwordHash: await hashPassword(password), passwordChangedAt: now, mustChangePassword: false, failedAttempts: 0, lockedUntil: null })
    .where(eq(accounts.id, a.id));
}

/** The person changes their own password; every other session of theirs ends. */
export async function changePassword(db: DbOrTx, config: Config, sessionId: string, accountId: string, input: { currentPassword: string; newPassword: string }, requestId: string, now = new Date()): Promise<Stage> {
  const a = await findAccount(db, accountId);
  if (!(await verifyPassword(a.passwordHash, input.currentPassword))) {
    const lockErr = await countFailure(db, config, a, requestId, 'wrong current password (password change)', now);
    throw lockErr ?? new AppError(422, 'BAD_CREDENTIALS', { en: 'body.currentPassword: wrong password', zh: 'body.currentPassword：当前密码错误' }, [{ field: 'body.currentPassword', message: 'wrong password' }]);
  }
  await setPassword(db, config, a, input.newPassword, 'body.newPassword', now);
  const actor = personActor(a, requestId);
  await recordAuditEvent(db, actor, 'password_changed', { type: 'account', id: a.id }, { reason: a.mustChangePassword ? 'one-time password replaced' : 'changed by the person' });
  await endAllSessions(db, a.id, 'password_changed', actor, sessionId, now);
  const [s] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  return stageOf(config, await findAccount(db, accountId), s!, now);
}

// ── second factor ───────────────────────────────────────────────────────────────────────────

/** Starts (or restarts) TOTP enrolment: a new secret, not active until a code confirms it. */
export async function startEnrolment(db: DbOrTx, config: Config, accountId: string) {
  const a = await findAccount(db, accountId);
  if (a.totpEnabled) throw conflict('SECOND_FACTOR_ENABLED', { en: 'A second factor is already set up; an administrator can reset it', zh: '已设置第二因素，如需更换请联系管理员重置' });
  const secret = newTotpSecret();
  await db.update(accounts).set({ totpSecret: sealSecret(config.hashKey, secret), totpLastStep: null }).where(eq(accounts.id, a.id));
  const { otpauthUrl, qrSvg } = await totpEnrolment(secret, a.username);
  return { secret, otpauthUrl, qrSvg };
}

async function issueRecoveryCodes(db: DbOrTx, config: Config, accountId: string, now: Date): Promise<string[]> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await db.insert(recoveryCodes).values(codes.map((c) => ({ accountId, codeHash: hashKey(config.hashKey, `rc:${normaliseRecoveryCode(c)}`), createdAt: now })));
  return codes;
}

/** A code from the app proves the secret was scanned: TOTP goes on, recovery codes are shown once. */
export async function confirmEnrolment(db: DbOrTx, config: Config, sessionId: string, accountId: string, code: string, requestId: string, now = new Date()) {
  const a = await findAccount(db, accountId);
  if (a.totpEnabled) throw conflict('SECOND_FACTOR_ENABLED', { en: 'A second factor is already set up', zh: '已设置第二因素' });
  if (!a.totpSecret) throw new AppError(409, 'ENROLMENT_NOT_STARTED', { en: 'Start the enrolment first (POST /auth/totp/enrol)', zh: '请先开始设置（POST /auth/totp/enrol）' });
  const step = await checkTotp(openSecret(config.hashKey, a.totpSecret), code.trim(), null, now.getTime());
  if (step === null) {
    throw new AppError(422, 'BAD_SECOND_FACTOR', { en: 'body.code: the code does not match (check the phone clock)', zh: 'body.code：动态码不匹配（请检查手机时间）' }, [{ field: 'body.code', message: 'does not match' }]);
  }
  return db.transaction(async (tx) => {
    await tx.update(accounts).set({ totpEnabled: true, totpLastStep: step }).where(eq(accounts.id, a.id));
    // The session that enrolled has just given the factor.
    await tx.update(sessions).set({ secondFactorAt: now }).where(eq(sessions.id, sessionId));
    const codes = await issueRecoveryCodes(tx, config, a.id, now);
    await recordAuditEvent(tx, personActor(a, requestId), 'second_factor_enrolled', { type: 'account', id: a.id }, { reason: 'TOTP', fields: [`recovery_codes:${codes.length}`] });
    return codes;
  });
}

/** New recovery codes (the old ones stop working); needs a current code. */
export async function renewRecoveryCodes(db: DbOrTx, config: Config, accountId: string, code: string, requestId: string, now = new Date()) {
  const a = await findAccount(db, accountId);
  if (!a.totpEnabled) throw conflict('SECOND_FACTOR_NOT_ENABLED', { en: 'No second factor is set up', zh: '尚未设置第二因素' });
  if (!(await useFactor(db, config, a, code, now))) {
    throw new AppError(422, 'BAD_SECOND_FACTOR', { en: 'body.code: wrong or already used', zh: 'body.code：动态码错误或已使用' }, [{ field: 'body.code', message: 'wrong or already used' }]);
  }
  const codes = await issueRecoveryCodes(db, config, a.id, now);
  await recordAuditEvent(db, personActor(a, requestId), 'recovery_codes_renewed', { type: 'account', id: a.id }, { fields: [`recovery_codes:${codes.length}`] });
  return codes;
}

/** Optional for organisers and recruiters: they may switch it off with a current code. */
export async function disableSecondFactor(db: DbOrTx, config: Config, accountId: string, code: string, requestId: string, now = new Date()) {
  const a = await findAccount(db, accountId);
  if (secondFactorRequired(config, a)) throw forbidden('Staff and administrators must keep a second factor', '工作人员和管理员必须使用第二因素');
  if (!a.totpEnabled) return;
  if (!(await useFactor(db, config, a, code, now))) {
    throw new AppError(422, 'BAD_SECOND_FACTOR', { en: 'body.code: wrong or already used', zh: 'body.code：动态码错误或已使用' }, [{ field: 'body.code', message: 'wrong or already used' }]);
  }
  await db.update(accounts).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(accounts.id, a.id));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.accountId, a.id));
  await recordAuditEvent(db, personActor(a, requestId), 'second_factor_removed', { type: 'account', id: a.id }, { reason: 'by the person' });
}

// ── administration ─────────────────────────────────────────────────────────────────────────

export interface AccountInput {
  username: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  roles: Role[];
  officeId?: string | null;
  employerId?: string | null;
}

const unprocessable = (field: string, en: string, zh: string) =>
  new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);

/** Office roles need an existing office, the recruiter role an existing employer. */
async function checkBindings(db: DbOrTx, input: Pick<AccountInput, 'roles' | 'officeId' | 'employerId'>) {
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) throw unprocessable('body.roles', 'must hold at least one role', '至少需要一个角色');
  if (roles.some((r) => r === 'staff' || r === 'organiser') && !input.officeId) throw unprocessable('body.officeId', 'is required for staff and organisers', '工作人员和招聘会组织者必须绑定服务机构');
  if (roles.includes('employer') && !input.employerId) throw unprocessable('body.employerId', 'is required for an employer recruiter', '用人单位招聘人员必须绑定用人单位');
  if (input.officeId) {
    const [o] = await db.select({ id: offices.id }).from(offices).where(eq(offices.id, input.officeId));
    if (!o) throw unprocessable('body.officeId', 'unknown office', '服务机构不存在');
  }
  if (input.employerId) {
    const [e] = await db.select({ id: employers.id }).from(employers).where(eq(employers.id, input.employerId));
    if (!e) throw unprocessable('body.employerId', 'unknown employer', '用人单位不存在');
  }
  return roles;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;

/**
 * Creates an account. With an e-mail address the person gets an invitation link and chooses a
 * password; without one a one-time password is returned once, to be changed at first sign-in.
 */
export async function createAccount(
  db: DbOrTx,
  config: Config,
  notifier: Notifier,
  actor: AuditEventActor,
  input: AccountInput & { password?: string; secondFactorExempt?: boolean },
  now = new Date(),
): Promise<{ account: AccountRow; oneTimePassword: string | null; invitationSent: boolean }> {
  const username = normaliseUsername(input.username);
  if (!USERNAME.test(username)) throw unprocessable('body.username', 'use 3–64 letters, digits, . _ @ -', '用户名须为 3–64 位字母、数字或 . _ @ -');
  const roles = await checkBindings(db, input);
  const [taken] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  if (taken) throw conflict('DUPLICATE_USERNAME', { en: `User name ${username} is taken`, zh: `用户名 ${username} 已被使用` }, [{ field: 'body.username', message: 'already taken' }]);
  let otp: string | null = null;
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(config.accounts, input.password, username);
    if (problem) throw weakPassword('body.password', problem);
    passwordHash = await hashPassword(input.password);
  } else if (!input.email) {
    otp = oneTimePassword();
    passwordHash = await hashPassword(otp);
  }
  const [account] = await db
    .insert(accounts)
    .values({
      username,
      displayName: input.displayName.trim(),
      email: input.email ?? null,
      phone: input.phone ?? null,
      roles,
      officeId: input.officeId ?? null,
      employerId: input.employerId ?? null,
      passwordHash,
      passwordChangedAt: passwordHash ? now : null,
      mustChangePassword: otp !== null,
      secondFactorExempt: input.secondFactorExempt ?? false,
    })
    .returning();
  await recordAuditEvent(db, actor, 'account_created', { type: 'account', id: account!.id }, { fields: roles.map((r) => `role:${r}`), reason: otp ? 'one-time password' : input.email && !passwordHash ? 'invitation' : 'password set' });
  let invitationSent = false;
  if (!passwordHash && input.email) {
    await sendLink(db, config, notifier, account!, 'invite', now);
    invitationSent = true;
  }
  return { account: account!, oneTimePassword: otp, invitationSent };
}

const LINK_TEXT = {
  invite: {
    subject: '公共就业服务工作台：账户邀请 / PES workbench: your invitation',
    body: (name: string, url: string, hours: number) =>
      `${name}，您好：\n\n已为您开通公共就业服务工作台账户。请在 ${hours} 小时内打开以下链接设置密码（链接仅可使用一次）：\n${url}\n\nHello ${name},\n\nAn account on the PES workbench was opened for you. Open this link within ${hours} hours to choose your password (it works once):\n${url}\n`,
  },
  reset: {
    subject: '公共就业服务工作台：重置密码 / PES workbench: password reset',
    body: (name: string, url: string, hours: number) =>
      `${name}，您好：\n\n请在 ${hours} 小时内打开以下链接重置密码（链接仅可使用一次；如非本人操作请忽略）：\n${url}\n\nHello ${name},\n\nOpen this link within ${hours} hours to choose a new password (it works once; ignore this message if you did not ask):\n${url}\n`,
  },
};

async function sendLink(db: DbOrTx, config: Config, notifier: Notifier, a: AccountRow, purpose: 'invite' | 'reset', now: Date) {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + config.accounts.linkHours * 3_600_000);
  const [link] = await db.insert(accountLinks).values({ accountId: a.id, purpose, tokenHash: hashKey(config.hashKey, `link:${token}`), expiresAt, createdAt: now }).returning({ id: accountLinks.id });
  // The token is in the fragment: browsers send neither it nor a Referer with it to any server.
  const url = `${config.publicBaseUrl.replace(/\/$/, '')}/app#/welcome?token=${token}`;
  await notifier.send({ channel: 'email', to: a.email, subject: LINK_TEXT[purpose].subject, text: LINK_TEXT[purpose].body(a.displayName, url, config.accounts.linkHours), ref: `account-link:${link!.id}` });
}

/**
 * Sends a reset link when the user name or e-mail names an account with an e-mail address.
 * The answer never says whether it did (no account oracle).
 */
export async function requestPasswordReset(db: DbOrTx, config: Config, notifier: Notifier, who: string, requestId: string, now = new Date()) {
  const w = who.trim().toLowerCase();
  const [a] = await db.select().from(accounts).where(sql`${accounts.username} = ${w} or lower(${accounts.email}) = ${w}`).limit(1);
  if (!a || a.disabledAt || !a.email) {
    await recordAuditEvent(db, { name: 'anonymous', role: 'none', requestId }, 'password_reset_requested', { type: 'account', id: a?.id ?? null }, { reason: 'no link sent' });
    return;
  }
  await sendLink(db, config, notifier, a, 'reset', now);
  await recordAuditEvent(db, personActor(a, requestId), 'password_reset_requested', { type: 'account', id: a.id }, { reason: 'link sent' });
}

/** Uses an invitation or reset link once: sets the password and ends every open session. */
export async function acceptLink(db: DbOrTx, config: Config, token: string, password: string, requestId: string, now = new Date()) {
  const invalidLink = () => new AppError(410, 'LINK_INVALID', { en: 'This link has expired or was already used: ask for a new one', zh: '链接已过期或已使用，请重新申请' });
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(accountLinks)
      .where(and(eq(accountLinks.tokenHash, hashKey(config.hashKey, `link:${token}`)), isNull(accountLinks.usedAt), gt(accountLinks.expiresAt, now)))
      .for('update');
    if (!link) throw invalidLink();
    const a = await findAccount(tx, link.accountId);
    if (a.disabledAt) throw invalidLink();
    await setPassword(tx, config, a, password, 'body.password', now);
    await tx.update(accountLinks).set({ usedAt: now }).where(eq(accountLinks.accountId, a.id));
    const actor = personActor(a, requestId);
    await recordAuditEvent(tx, actor, 'password_changed', { type: 'account', id: a.id }, { reason: link.purpose === 'invite' ? 'invitation accepted' : 'reset link' });
    await endAllSessions(tx, a.id, 'password_reset', actor, undefined, now);
    return { username: a.username };
  });
}

export async function listAccounts(db: DbOrTx) {
  return db.select().from(accounts).orderBy(asc(accounts.username));
}

export async function updateAccount(
  db: DbOrTx,
  actor: AuditEventActor,
  id: string,
  patch: { displayName?: string; email?: string | null; phone?: string | null; roles?: Role[]; officeId?: string | null; employerId?: string | null; disabled?: boolean },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const a = await findAccount(tx, id);
    const next = { roles: patch.roles ?? a.roles, officeId: patch.officeId !== undefined ? patch.officeId : a.officeId, employerId: patch.employerId !== undefined ? patch.employerId : a.employerId };
    const roles = await checkBindings(tx, next);
    const { disabled, ...rest } = patch;
    const [row] = await tx
      .update(accounts)
      .set({ ...rest, roles, ...(disabled === undefined ? {} : { disabledAt: disabled ? (a.disabledAt ?? now) : null }) })
      .where(eq(accounts.id, id))
      .returning();
    await recordAuditEvent(tx, actor, disabled ? 'account_disabled' : 'account_changed', { type: 'account', id }, { fields: Object.keys(patch) });
    // Changed roles or bindings, or a disabled account: open sessions would carry the old rights.
    if (disabled || patch.roles || patch.officeId !== undefined || patch.employerId !== undefined) {
      await endAllSessions(tx, id, disabled ? 'account_disabled' : 'account_changed', actor, undefined, now);
    }
    return row!;
  });
}

export async function unlockAccount(db: DbOrTx, actor: AuditEventActor, id: string) {
  const a = await findAccount(db, id);
  const [row] = await db.update(accounts).set({ lockedUntil: null, failedAttempts: 0 }).where(eq(accounts.id, a.id)).returning();
  await recordAuditEvent(db, actor, 'account_unlocked', { type: 'account', id });
  return row!;
}

/** An admin resets a person's second factor (lost phone): the person enrols again at next sign-in. */
export async function resetSecondFactor(db: DbOrTx, actor: AuditEventActor, id: string, reason: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const a = await findAccount(tx, id);
    const [row] = await tx.update(accounts).set({ totpEnabled: false, totpSecret: null, totpLastStep: null }).where(eq(accounts.id, id)).returning();
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, id));
    await recordAuditEvent(tx, actor, 'second_factor_reset', { type: 'account', id }, { reason, fields: [a.totpEnabled ? 'was enabled' : 'was not enabled'] });
    await endAllSessions(tx, id, 'second_factor_reset', actor, undefined, now);
    return row!;
  });
}

export async function endSessionsOf(db: DbOrTx, actor: AuditEventActor, accountId: string, reason: string, exceptSessionId?: string) {
  await findAccount(db, accountId);
  return endAllSessions(db, accountId, reason, actor, exceptSessionId);
}

export async function signOut(db: DbOrTx, sessionId: string, accountId: string, requestId: string) {
  const a = await findAccount(db, accountId);
  await endSession(db, sessionId, a, 'signed_out', personActor(a, requestId));
}

// ── who am I ───────────────────────────────────────────────────────────────────────────────

const PERMISSIONS: Record<Role, string[]> = {
  admin: ['accounts.manage', 'apiKeys.manage', 'offices.manage', 'queues.view'],
  staff: [
    'seekers.read', 'seekers.write', 'referrals.manage', 'placements.record', 'vacancies.review', 'vacancies.write', 'vacancies.publish',
    'candidates.read', 'employers.register', 'employers.verify', 'fairs.manage', 'imports.run', 'reports.read', 'wageGuidance.run', 'audit.read',
  ],
  organiser: ['fairs.manage', 'imports.run', 'employers.register', 'vacancies.write', 'vacancies.publish'],
  employer: ['vacancies.write', 'vacancies.publish', 'candidates.read', 'seekers.search', 'referrals.outcome'],
};
/** What an unverified employer's recruiter can still do: prepare drafts and wait. */
const UNVERIFIED_EMPLOYER_LACKS = ['vacancies.publish', 'candidates.read', 'seekers.search'];

export async function describePrincipal(db: DbOrTx, config: Config, principal: Principal, session: { id: string; csrfToken: string; stage: Stage } | null, _now = new Date()) {
  const roles = principal.roles;
  const [office] = principal.officeId ? await db.select({ id: offices.id, nameZh: offices.nameZh, nameEn: offices.nameEn }).from(offices).where(eq(offices.id, principal.officeId)) : [];
  const [employer] = principal.employerId
    ? await db.select({ id: employers.id, name: employers.name, verified: employers.verified, rejectionReason: employers.rejectionReason }).from(employers).where(eq(employers.id, principal.employerId))
    : [];
  const perms = new Set<string>();
  for (const r of roles) {
    for (const p of PERMISSIONS[r]) {
      if (r === 'employer' && !employer?.verified && UNVERIFIED_EMPLOYER_LACKS.includes(p)) continue;
      perms.add(p);
    }
  }
  if (roles.includes('admin')) for (const p of PERMISSIONS.staff) perms.add(p);
  let person = null;
  let sessionInfo = null;
  if (principal.kind === 'session' && principal.personId && session) {
    const a = await findAccount(db, principal.personId);
    const [s] = await db.select().from(sessions).where(eq(sessions.id, session.id));
    person = {
      id: a.id,
      username: a.username,
      displayName: a.displayName,
      email: a.email,
      secondFactor: { enabled: a.totpEnabled, required: secondFactorRequired(config, a) },
      passwordExpiresAt: passwordExpiresAt(config, a)?.toISOString() ?? null,
    };
    sessionInfo = {
      stage: session.stage,
      csrfToken: session.csrfToken,
      idleMinutes: idleMinutesOf(config, a),
      expiresAt: s!.expiresAt.toISOString(),
    };
  }
  return {
    kind: principal.kind,
    name: principal.name,
    role: primaryRole(roles),
    roles,
    person,
    office: office ?? null,
    employer: employer ? { id: employer.id, name: employer.name, verified: employer.verified, rejectionReason: employer.rejectionReason } : null,
    permissions: session && session.stage !== 'active' ? [] : [...perms].sort(),
    session: sessionInfo,
  };
}

export { auditActorOf };

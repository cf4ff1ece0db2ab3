import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, IsoDateTime, Nullable, Uuid } from '../../lib/http.js';
import { AppError } from '../../lib/errors.js';
import { crossSiteRefused, isCrossSite, tooManyFailures } from '../../plugins/auth.js';
import { ROLES, type Role } from '../auth/index.js';
import { auditActorOf } from '../audit/index.js';
import * as service from './accounts.service.js';
import { lookupSession, SESSION_COOKIE, type Stage } from './sessions.js';
import type { AccountRow } from './sessions.js';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const StageSchema = Type.Union((['second_factor', 'password', 'enrol', 'active'] as const).map((s) => Type.Literal(s)));

const Me = Type.Object({
  kind: Type.Union([Type.Literal('key'), Type.Literal('session')]),
  name: Type.String(),
  role: RoleSchema,
  roles: Type.Array(RoleSchema),
  person: Nullable(
    Type.Object({
      id: Uuid,
      username: Type.String(),
      displayName: Type.String(),
      email: Nullable(Type.String()),
      secondFactor: Type.Object({ enabled: Type.Boolean(), required: Type.Boolean() }),
      passwordExpiresAt: Nullable(IsoDateTime),
    }),
  ),
  office: Nullable(Type.Object({ id: Uuid, nameZh: Type.String(), nameEn: Nullable(Type.String()) })),
  employer: Nullable(Type.Object({ id: Uuid, name: Type.String(), verified: Type.Boolean(), rejectionReason: Nullable(Type.String()) })),
  permissions: Type.Array(Type.String()),
  session: Nullable(
    Type.Object({
      stage: StageSchema,
      /** Send it back in x-csrf-token on every POST/PUT/PATCH/DELETE. */
      csrfToken: Type.String(),
      idleMinutes: Type.Integer(),
      expiresAt: IsoDateTime,
    }),
  ),
});

const SignInAnswer = Type.Object({ stage: StageSchema, csrfToken: Type.String() });
const StageAnswer = Type.Object({ stage: StageSchema });

const Account = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  roles: Type.Array(RoleSchema),
  officeId: Nullable(Uuid),
  employerId: Nullable(Uuid),
  secondFactorEnabled: Type.Boolean(),
  lockedUntil: Nullable(IsoDateTime),
  disabled: Type.Boolean(),
  passwordChangedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
});
const accountDto = (a: AccountRow) => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  email: a.email,
  roles: a.roles,
  officeId: a.officeId,
  employerId: a.employerId,
  secondFactorEnabled: a.totpEnabled,
  lockedUntil: a.lockedUntil && a.lockedUntil > new Date() ? a.lockedUntil.toISOString() : null,
  disabled: a.disabledAt !== null,
  passwordChangedAt: a.passwordChangedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
});

const Code = Type.String({ minLength: 6, maxLength: 20, description: '6-digit code from the authenticator app, or a recovery code' });
const Password = Type.String({ minLength: 1, maxLength: 256 });

/** Person routes: a session only; each lists the sign-in stages it completes. */
const personal = (stages: Stage[] = []) => ({ stages, personOnly: true });
const ALL: Role[] = ['admin', 'staff', 'organiser', 'employer'];

const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const { config } = app.deps;
  const security = [{ apiKey: [] }];

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      secure: config.accounts.cookieSecure,
      // Strict: the browser never attaches the session to a request another site starts.
      sameSite: 'strict',
      // No Max-Age: a session cookie, gone when the browser closes; the server ends it anyway.
    });

  /** Sign-in forms are state changes too (login CSRF), and failures are limited per client IP. */
  const guardAnonymous = async (req: FastifyRequest) => {
    if (isCrossSite(req, config.publicBaseUrl)) throw crossSiteRefused();
    if (app.authFailures.blocked(req.ip)) throw tooManyFailures();
  };
  const counted = async <T>(req: FastifyRequest, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof AppError && ([401, 423].includes(err.statusCode) || err.code === 'BAD_SECOND_FACTOR')) app.authFailures.fail(req.ip);
      throw err;
    }
  };

  app.post(
    '/auth/sign-in',
    {
      onRequest: guardAnonymous,
      schema: {
        tags: ['accounts'],
        summary: 'Sign in with user name and password; sets the session cookie (httpOnly, SameSite=Strict)',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Password }, { additionalProperties: false }),
        response: { 200: SignInAnswer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await counted(req, () => service.signIn(db, config, req.body, { requestId: req.id, ip: req.ip }));
      setCookie(reply, r.token);
      return { stage: r.stage, csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/auth/second-factor',
    {
      preHandler: app.authorize(ALL, personal(['second_factor'])),
      schema: {
        tags: ['accounts'],
        summary: 'Second step of signing in: a TOTP code or a one-time recovery code',
        security,
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: StageAnswer, ...errorResponses },
      },
    },
    async (req) => ({ stage: await counted(req, () => service.giveSecondFactor(db, config, req.session!.id, req.session!.accountId, req.body.code, req.id)) }),
  );

  app.get(
    '/me',
    {
      preHandler: app.authorize(ALL, { stages: ['second_factor', 'password', 'enrol'] }),
      schema: {
        tags: ['accounts'],
        summary: 'Who is signed in: person, roles, office or employer, permissions, session stage and CSRF token',
        security,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.describePrincipal(db, config, req.principal!, req.session);
    },
  );

  app.post(
    '/auth/password',
    {
      preHandler: app.authorize(ALL, personal(['password'])),
      schema: {
        tags: ['accounts'],
        summary: 'Change your password (your other sessions end)',
        security,
        body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }),
        response: { 200: StageAnswer, ...errorResponses },
      },
    },
    async (req) => ({ stage: await service.changePassword(db, config, req.session!.id, req.session!.accountId, req.body, req.id) }),
  );

  app.post(
    '/auth/totp/enrol',
    {
      preHandler: app.authorize(ALL, personal(['enrol'])),
      schema: {
        tags: ['accounts'],
        summary: 'Start setting up an authenticator app: a new secret and its QR code (SVG)',
        security,
        response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvg: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return service.startEnrolment(db, config, req.session!.accountId);
    },
  );

  app.post(
    '/auth/totp/confirm',
    {
      preHandler: app.authorize(ALL, personal(['enrol'])),
      schema: {
        tags: ['accounts'],
        summary: 'Finish the setup with a code from the app; returns one-time recovery codes (shown once)',
        security,
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()), stage: StageSchema }), ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const recoveryCodes = await service.confirmEnrolment(db, config, req.session!.id, req.session!.accountId, req.body.code, req.id);
      return { recoveryCodes, stage: await stageAfter(req) };
    },
  );

  /** The stage after a change in this request (read again: the change may have completed the sign-in). */
  async function stageAfter(req: FastifyRequest): Promise<Stage> {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return 'active';
    const found = await lookupSession(db, config, token, req.id);
    return found.status === 'ok' ? found.stage : 'active';
  }

  app.post(
    '/auth/recovery-codes',
    {
      preHandler: app.authorize(ALL, personal()),
      schema: {
        tags: ['accounts'],
        summary: 'New recovery codes (the old ones stop working); needs a current code',
        security,
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return { recoveryCodes: await service.renewRecoveryCodes(db, config, req.session!.accountId, req.body.code, req.id) };
    },
  );

  app.delete(
    '/auth/totp',
    {
      preHandler: app.authorize(ALL, personal()),
      schema: {
        tags: ['accounts'],
        summary: 'Switch the second factor off (organisers and recruiters only; staff and admins must keep it)',
        security,
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.disableSecondFactor(db, config, req.session!.accountId, req.body.code, req.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out',
    {
      preHandler: app.authorize(ALL, personal(['second_factor', 'password', 'enrol'])),
      schema: { tags: ['accounts'], summary: 'Sign out (this session)', security, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await service.signOut(db, req.session!.id, req.session!.accountId, req.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      preHandler: app.authorize(ALL, personal()),
      schema: {
        tags: ['accounts'],
        summary: 'Sign out on every device (all your sessions, this one included)',
        security,
        response: { 200: Type.Object({ ended: Type.Integer() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ended = await service.endSessionsOf(db, auditActorOf(req.principal!, req.id), req.session!.accountId, 'sign_out_everywhere');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ended };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      onRequest: guardAnonymous,
      schema: {
        tags: ['accounts'],
        summary: 'Ask for a password-reset link by e-mail (the answer is the same whether or not the account exists)',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 200, description: 'user name or e-mail address' }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ status: Type.Literal('accepted') }), ...errorResponses },
      },
    },
    async (req, reply) => {
      // Counted like a failure: a stream of reset requests from one address is limited too.
      app.authFailures.fail(req.ip);
      await service.requestPasswordReset(db, config, app.notifier, req.body.username, req.id);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/links/accept',
    {
      onRequest: guardAnonymous,
      schema: {
        tags: ['accounts'],
        summary: 'Use an invitation or password-reset link: choose a password (the link works once)',
        body: Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }), password: Password }, { additionalProperties: false }),
        response: { 200: Type.Object({ username: Type.String() }), ...errorResponses },
      },
    },
    async (req) => counted(req, () => service.acceptLink(db, config, req.body.token, req.body.password, req.id)),
  );

  // ── administration ────────────────────────────────────────────────────────────────────

  const admin = { preHandler: app.authorize(['admin']) };
  const AccountBody = {
    username: Type.String({ minLength: 3, maxLength: 64 }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 4, uniqueItems: true }),
    officeId: Type.Optional(Nullable(Uuid)),
    employerId: Type.Optional(Nullable(Uuid)),
  };

  app.post(
    '/admin/accounts',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Create a person account: with an e-mail address an invitation link is sent; without one a one-time password is returned once',
        security,
        body: Type.Object(AccountBody, { additionalProperties: false }),
        response: { 201: Type.Object({ account: Account, oneTimePassword: Nullable(Type.String()), invitationSent: Type.Boolean() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await service.createAccount(db, config, app.notifier, auditActorOf(req.principal!, req.id), req.body);
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ account: accountDto(r.account), oneTimePassword: r.oneTimePassword, invitationSent: r.invitationSent });
    },
  );

  app.get(
    '/admin/accounts',
    { ...admin, schema: { tags: ['admin'], summary: 'List person accounts', security, response: { 200: Type.Object({ items: Type.Array(Account) }), ...errorResponses } } },
    async () => ({ items: (await service.listAccounts(db)).map(accountDto) }),
  );

  app.patch(
    '/admin/accounts/:id',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Change roles, bindings or contact details, or disable an account (its sessions end)',
        security,
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(AccountBody.displayName),
            email: AccountBody.email,
            phone: AccountBody.phone,
            roles: Type.Optional(AccountBody.roles),
            officeId: AccountBody.officeId,
            employerId: AccountBody.employerId,
            disabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Account, ...errorResponses },
      },
    },
    async (req) => accountDto(await service.updateAccount(db, auditActorOf(req.principal!, req.id), req.params.id, req.body)),
  );

  app.post(
    '/admin/accounts/:id/unlock',
    { ...admin, schema: { tags: ['admin'], summary: 'Unlock an account locked after failed sign-ins', security, params: IdParams, response: { 200: Account, ...errorResponses } } },
    async (req) => accountDto(await service.unlockAccount(db, auditActorOf(req.principal!, req.id), req.params.id)),
  );

  app.post(
    '/admin/accounts/:id/second-factor-reset',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: "Reset a person's second factor (lost phone): audited; they enrol again at next sign-in",
        security,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 300 }) }, { additionalProperties: false }),
        response: { 200: Account, ...errorResponses },
      },
    },
    async (req) => accountDto(await service.resetSecondFactor(db, auditActorOf(req.principal!, req.id), req.params.id, req.body.reason)),
  );

  app.post(
    '/admin/accounts/:id/sessions/end',
    {
      ...admin,
      schema: { tags: ['admin'], summary: "End all of a person's sessions", security, params: IdParams, response: { 200: Type.Object({ ended: Type.Integer() }), ...errorResponses } },
    },
    async (req) => ({ ended: await service.endSessionsOf(db, auditActorOf(req.principal!, req.id), req.params.id, 'ended_by_admin') }),
  );
};

export default accountsRoutes;

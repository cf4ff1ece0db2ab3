import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { eq } from 'drizzle-orm';
import { AppError } from '../lib/errors.js';
import { findPrincipal, ROLE_ORDER, type Principal, type Role } from '../modules/auth/index.js';
import { recordAuditEvent } from '../modules/audit/index.js';
import { lookupSession, primaryRole, SESSION_COOKIE, type Stage } from '../modules/accounts/index.js';
import { employers } from '../modules/employers/employers.table.js';

export interface AuthorizeOptions {
  /** Session stages admitted besides 'active': the routes that complete a sign-in. */
  stages?: Stage[];
  /** A person's session only; API keys are refused (403 PERSON_ONLY). */
  personOnly?: boolean;
  /** A caller acting as an employer must act for a verified employer (publishing, candidates). */
  verifiedEmployer?: boolean;
}

/** The session behind a request signed in as a person. */
export interface RequestSession {
  id: string;
  accountId: string;
  csrfToken: string;
  stage: Stage;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    session: RequestSession | null;
  }
  interface FastifyInstance {
    /**
     * preHandler that admits only the given roles (401 without a valid key or session, 403
     * otherwise). A person holding several roles is admitted when any of them is allowed.
     */
    authorize(roles: Role[], opts?: AuthorizeOptions): preHandlerAsyncHookHandler;
    /** Failed authentications per client IP (sign-in, bad keys, bad cookies): 429 above the limit. */
    authFailures: FailureLimiter;
    /** 403 EMPLOYER_NOT_VERIFIED when the principal acts as an employer that office staff have not verified. */
    assertVerifiedEmployer(principal: Principal): Promise<void>;
  }
}

/** The queue dashboard is the one place HTTP Basic is accepted (bull-board's page cannot send a header). */
export const BASIC_AUTH_PREFIX = '/admin/queues';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const unauthorized = () =>
  new AppError(401, 'UNAUTHORIZED', {
    en: 'Sign in, or send a valid API key (Authorization: Bearer <key>)',
    zh: '请先登录，或提供有效的 API 密钥（Authorization: Bearer <key>）',
  });

const pathOf = (url: string) => url.split('?')[0]!;
const onDashboard = (req: FastifyRequest) => {
  const p = pathOf(req.url);
  return p === BASIC_AUTH_PREFIX || p.startsWith(`${BASIC_AUTH_PREFIX}/`);
};

type Credential = { kind: 'key'; key: string; basic: boolean } | { kind: 'cookie'; token: string } | null;

function presented(req: FastifyRequest): Credential {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const key = auth.slice(7).trim();
    return key ? { kind: 'key', key, basic: false } : null;
  }
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return { kind: 'key', key: header, basic: false };
  // Basic only where the dashboard needs it: elsewhere a browser's cached Basic credentials
  // would ride along on any request another site makes it send.
  if (auth?.startsWith('Basic ') && onDashboard(req)) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return password ? { kind: 'key', key: password, basic: true } : null;
  }
  const token = req.cookies?.[SESSION_COOKIE];
  if (token) return { kind: 'cookie', token };
  return null;
}

/**
 * True when a browser says the request comes from another site. Browsers send Origin on every
 * cross-origin POST/PUT/PATCH/DELETE and Sec-Fetch-Site on every request; a request with
 * neither comes from a non-browser client, which cannot be made to carry a victim's cookie.
 */
export function isCrossSite(req: FastifyRequest, publicBaseUrl: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  // URL drops a default port (:80, :443) that a Host header may carry.
  const hostHeader = (req.headers.host ?? '').replace(/:(80|443)$/, '');
  return host !== hostHeader && host !== new URL(publicBaseUrl).host;
}

export const crossSiteRefused = () =>
  new AppError(403, 'CROSS_SITE_REQUEST', {
    en: 'A request from another site may not change anything here',
    zh: '来自其他站点的请求不得修改本系统数据',
  });

/** Fixed window per IP: the window restarts after `windowMs` without... simply a counter per window. */
export class FailureLimiter {
  private readonly hits = new Map<string, { n: number; until: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs = 15 * 60_000,
  ) {}
  blocked(ip: string, now = Date.now()): boolean {
    const h = this.hits.get(ip);
    return !!h && h.until > now && h.n >= this.max;
  }
  fail(ip: string, now = Date.now()): void {
    const h = this.hits.get(ip);
    if (!h || h.until <= now) this.hits.set(ip, { n: 1, until: now + this.windowMs });
    else h.n++;
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.until <= now) this.hits.delete(k);
  }
}

export const tooManyFailures = () =>
  new AppError(429, 'RATE_LIMITED', {
    en: 'Too many failed sign-ins from this address; try again in 15 minutes',
    zh: '此地址登录失败次数过多，请 15 分钟后再试',
  });

/** Marks the hooks made by authorize(), so onRoute can find them among a route's preHandlers. */
const AUTHORIZE = Symbol('authorize');

const STAGE_TEXT: Record<Exclude<Stage, 'active'>, { en: string; zh: string }> = {
  second_factor: { en: 'Enter the code from your authenticator app first', zh: '请先输入身份验证器中的动态码' },
  password: { en: 'Change your password first', zh: '请先修改密码' },
  enrol: { en: 'Set up your second factor (authenticator app) first', zh: '请先设置第二因素（身份验证器）' },
};

export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('principal', null);
    app.decorateRequest('session', null);
    const limiter = new FailureLimiter(app.deps.config.accounts.failuresPerIp);
    app.decorate('authFailures', limiter);
    const { db } = app.deps.database;
    const { config } = app.deps;

    const failed = async (req: FastifyRequest, type: string, reason: string) => {
      limiter.fail(req.ip);
      await recordAuditEvent(db, { name: 'anonymous', role: 'none', requestId: req.id }, 'auth_failed', { type, id: null }, { reason, fields: [`ip:${req.ip}`] });
    };

    app.decorate('assertVerifiedEmployer', async (principal: Principal) => {
      if (principal.role !== 'employer') return;
      const [row] = principal.employerId
        ? await db.select({ verified: employers.verified }).from(employers).where(eq(employers.id, principal.employerId))
        : [];
      if (!row?.verified) {
        throw new AppError(403, 'EMPLOYER_NOT_VERIFIED', {
          en: 'Your company has not been verified by the employment office yet: publishing vacancies and seeing candidates open after verification',
          zh: '贵单位尚未通过就业服务机构审核：审核通过后才能发布岗位和查看候选人',
        });
      }
    });

    // Routes declare `preHandler: app.authorize([...])`, but the check runs first, as an
    // onRequest hook: a caller without a valid credential gets 401 before any body is read or
    // validated (no 400 that reveals the schema, and no parsing of a large body for an anonymous caller).
    app.addHook('onRoute', (route) => {
      const pre = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
      const auth = pre.filter((h) => AUTHORIZE in h);
      if (auth.length === 0) return;
      const on = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
      route.onRequest = [...on, ...(auth as unknown as typeof on)];
      route.preHandler = pre.filter((h) => !(AUTHORIZE in h));
    });

    async function authenticate(req: FastifyRequest, reply: FastifyReply, opts: AuthorizeOptions): Promise<Principal> {
      const cred = presented(req);
      if (!cred) throw unauthorized();
      if (limiter.blocked(req.ip)) throw tooManyFailures();
      const unsafe = UNSAFE.has(req.method);
      if (cred.kind === 'key') {
        if (cred.basic && unsafe && isCrossSite(req, config.publicBaseUrl)) throw crossSiteRefused();
        const principal = await findPrincipal(db, config.hashKey, cred.key);
        if (!principal) {
          await failed(req, 'api_key', cred.basic ? 'invalid key (HTTP Basic)' : 'invalid or expired API key');
          throw unauthorized();
        }
        if (opts.personOnly) {
          throw new AppError(403, 'PERSON_ONLY', { en: 'Only a signed-in person may do this, not an API key', zh: '此操作仅限登录的个人用户，API 密钥不可用' });
        }
        return principal;
      }
      if (unsafe && isCrossSite(req, config.publicBaseUrl)) throw crossSiteRefused();
      const found = await lookupSession(db, config, cred.token, req.id);
      if (found.status !== 'ok') {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (found.status === 'none') {
          await failed(req, 'session', 'unknown session cookie');
          throw unauthorized();
        }
        throw new AppError(401, 'SESSION_ENDED', {
          en: found.reason === 'idle' ? 'Signed out after a period of inactivity: please sign in again' : 'Your session has ended: please sign in again',
          zh: found.reason === 'idle' ? '长时间未操作，已自动退出，请重新登录' : '会话已结束，请重新登录',
        });
      }
      const { session, account, stage } = found;
      // The page sends the session's token in a header that another site cannot set. The
      // dashboard (bull-board's own page) cannot, so it relies on the Origin check above.
      if (unsafe && !onDashboard(req) && req.headers['x-csrf-token'] !== session.csrfToken) {
        throw new AppError(403, 'CSRF_TOKEN_MISSING', {
          en: 'The x-csrf-token header is missing or wrong (reload the page)',
          zh: '缺少或错误的 x-csrf-token 请求头（请刷新页面）',
        });
      }
      if (stage !== 'active' && !(opts.stages ?? []).includes(stage)) {
        throw new AppError(401, 'SIGN_IN_INCOMPLETE', STAGE_TEXT[stage], { stage });
      }
      req.session = { id: session.id, accountId: account.id, csrfToken: session.csrfToken, stage };
      return {
        keyId: session.id,
        name: account.displayName,
        role: primaryRole(account.roles),
        employerId: account.employerId,
        officeId: account.officeId,
        roles: [...account.roles],
        personId: account.id,
        kind: 'session',
      };
    }

    app.decorate('authorize', (roles: Role[], opts: AuthorizeOptions = {}) => {
      const handler: preHandlerAsyncHookHandler = async function (req: FastifyRequest, reply: FastifyReply) {
        const principal = await authenticate(req, reply, opts);
        // The role this request acts in: the highest one held that the route admits.
        const acting = ROLE_ORDER.find((r) => principal.roles.includes(r) && roles.includes(r));
        req.principal = acting ? { ...principal, role: acting } : principal;
        if (!acting) {
          throw new AppError(403, 'FORBIDDEN', {
            en: `Role ${principal.role} may not do this (allowed: ${roles.join(', ')})`,
            zh: `角色 ${principal.role} 无权执行此操作（允许：${roles.join('、')}）`,
          });
        }
        if (opts.verifiedEmployer) await app.assertVerifiedEmployer(req.principal);
      };
      return Object.assign(handler, { [AUTHORIZE]: true });
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);

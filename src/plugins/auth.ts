import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../lib/errors.js';
import { findPrincipal, type Principal, type Role } from '../modules/auth/keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** preHandler that admits only the given roles (401 without a valid key, 403 otherwise). */
    authorize(roles: Role[]): preHandlerAsyncHookHandler;
  }
}

const unauthorized = () =>
  new AppError(401, 'UNAUTHORIZED', {
    en: 'A valid API key is required (Authorization: Bearer <key>)',
    zh: '需要有效的 API 密钥（Authorization: Bearer <key>）',
  });

/** Reads the key from a Bearer token, x-api-key, or HTTP Basic (password) for browser pages. */
function presentedKey(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  if (auth?.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const password = decoded.slice(decoded.indexOf(':') + 1);
    return password || null;
  }
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header ? header : null;
}

/** Marks the hooks made by authorize(), so onRoute can find them among a route's preHandlers. */
const AUTHORIZE = Symbol('authorize');

export default fp(
  async (app) => {
    app.decorateRequest('principal', null);

    // Routes declare `preHandler: app.authorize([...])`, but the key check runs first, as an
    // onRequest hook: a caller without a valid key gets 401 before any body is read or validated
    // (no 400 that reveals the schema, and no parsing of a large body for an anonymous caller).
    app.addHook('onRoute', (route) => {
      const pre = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
      const auth = pre.filter((h) => AUTHORIZE in h);
      if (auth.length === 0) return;
      const on = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
      route.onRequest = [...on, ...(auth as unknown as typeof on)];
      route.preHandler = pre.filter((h) => !(AUTHORIZE in h));
    });

    app.decorate('authorize', (roles: Role[]) => {
      const handler: preHandlerAsyncHookHandler = async function (req: FastifyRequest, reply: FastifyReply) {
        const key = presentedKey(req);
        if (!key) throw unauthorized();
        const principal = await findPrincipal(app.deps.database.db, app.deps.config.hashKey, key);
        if (!principal) throw unauthorized();
        req.principal = principal;
        if (!roles.includes(principal.role)) {
          throw new AppError(403, 'FORBIDDEN', {
            en: `Role ${principal.role} may not do this (allowed: ${roles.join(', ')})`,
            zh: `角色 ${principal.role} 无权执行此操作（允许：${roles.join('、')}）`,
          });
        }
        void reply;
      };
      return Object.assign(handler, { [AUTHORIZE]: true });
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);

import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';

export interface SecurityOptions {
  /** Requests per client IP per window on public routes (/public/*, /kiosk*, /v/*). Default 120. */
  publicRateLimit?: number;
  /** Rate-limit window, ms. Default one minute. */
  rateLimitWindowMs?: number;
}

/**
 * The strict policy the kiosk and /v/:id pages are written for: scripts and styles only from
 * files on this origin, nothing inline. No upgrade-insecure-requests: kiosks on a job-centre
 * LAN are often served over plain http, and upgrading would break every asset.
 */
const STRICT_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Third-party admin UIs we do not control: swagger-ui and bull-board set inline style
 * attributes (and bull-board loads Google Fonts), so they get a relaxed policy of their own.
 * Scripts stay 'self' only: neither UI needs inline script.
 */
const RELAXED_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
  "img-src 'self' data: https:",
  "font-src 'self' data: https://fonts.gstatic.com",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'self'",
].join('; ');

const RELAXED_PREFIXES = ['/docs', '/admin/queues'];

const pathOf = (url: string) => url.split('?')[0]!;

/** Routes anyone can reach without a key, so they are rate limited per client IP. */
export function isPublicPath(url: string): boolean {
  const p = pathOf(url);
  return p.startsWith('/public/') || p === '/kiosk' || p.startsWith('/kiosk/') || p.startsWith('/v/') || p.startsWith('/wage-guidance');
}

const isRelaxedPath = (url: string) => {
  const p = pathOf(url);
  return RELAXED_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
};

export default fp<SecurityOptions>(
  async (app, opts) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: { useDefaults: false, directives: STRICT_DIRECTIVES },
      // The QR image and the kiosk assets are same-origin; nothing here is embedded cross-origin.
      crossOriginEmbedderPolicy: false,
    });

    // Replaces helmet's header (written on the raw response) for the third-party UIs only.
    app.addHook('onSend', async (req, reply, payload) => {
      if (isRelaxedPath(req.url)) {
        reply.raw.removeHeader('content-security-policy');
        reply.header('content-security-policy', RELAXED_CSP);
      }
      return payload;
    });

    await app.register(rateLimit, {
      global: true,
      max: opts.publicRateLimit ?? 120,
      timeWindow: opts.rateLimitWindowMs ?? 60_000,
      // In memory: one API process per kiosk site is the deployment; a shared store would need Redis
      // round trips on every kiosk keystroke.
      keyGenerator: (req: FastifyRequest) => req.ip,
      // Only public routes are limited: authenticated callers (imports, staff) are accountable by key.
      allowList: (req: FastifyRequest) => !isPublicPath(req.url),
      errorResponseBuilder: (_req, ctx) =>
        new AppError(429, 'RATE_LIMITED', {
          en: `Too many requests, please retry in ${ctx.after}`,
          zh: `请求过于频繁，请在 ${ctx.after} 后重试`,
        }),
    });
  },
  { name: 'security', dependencies: ['errors'] },
);

import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { isPageAsset } from '../lib/http.js';

const ASSETS = fileURLToPath(new URL('./app/', import.meta.url));

/**
 * The workbench: static pages for organisers, recruiters and PES staff — native ES modules
 * (main.js, lib/, views/) type-checked by `tsc -p tsconfig.web.json`, served as written (no build
 * step; docs/adr/0190-workbench-structure.md). No data is rendered on the server; the pages call
 * the same JSON API as every other client with the session cookie and the CSRF token from GET /me,
 * so this plugin needs no auth of its own. The global strict CSP applies.
 */
const workbenchRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: '/app/',
    // Only what a page loads: notes and sources kept beside the assets (README.md) are not public.
    allowedPath: isPageAsset,
    index: false,
    maxAge: '5m',
  });

  // The shell is revalidated on every load so a deployment reaches every open workbench quickly.
  app.get('/app', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false }),
  );
};

export default workbenchRoutes;

import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { isPageAsset } from '../lib/http.js';

const ASSETS = fileURLToPath(new URL('./app/', import.meta.url));

/**
 * The workbench: static pages for organisers, recruiters and PES staff. No data is rendered
 * on the server; the pages call the API with the key the user signs in with (kept in
 * sessionStorage), so this plugin needs no auth of its own. The global strict CSP applies.
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

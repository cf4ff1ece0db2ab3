import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const seekersRoutes: FastifyPluginAsyncTypebox = async () => {};

export default seekersRoutes;

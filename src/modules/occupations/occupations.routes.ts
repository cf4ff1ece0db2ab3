import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const occupationsRoutes: FastifyPluginAsyncTypebox = async () => {};

export default occupationsRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const employersRoutes: FastifyPluginAsyncTypebox = async () => {};

export default employersRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const officesRoutes: FastifyPluginAsyncTypebox = async () => {};

export default officesRoutes;

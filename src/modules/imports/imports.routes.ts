import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const importsRoutes: FastifyPluginAsyncTypebox = async () => {};

export default importsRoutes;

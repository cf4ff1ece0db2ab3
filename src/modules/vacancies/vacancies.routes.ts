import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const vacanciesRoutes: FastifyPluginAsyncTypebox = async () => {};

export default vacanciesRoutes;

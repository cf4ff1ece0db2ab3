import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const fairsRoutes: FastifyPluginAsyncTypebox = async () => {};

export default fairsRoutes;

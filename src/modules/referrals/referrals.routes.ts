import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const referralsRoutes: FastifyPluginAsyncTypebox = async () => {};

export default referralsRoutes;

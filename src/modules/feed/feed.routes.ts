import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../lib/http.js';
import { FEED_DESCRIPTION, FeedQuery, FeedResponse } from './feed.schemas.js';
import { readFeed } from './feed.service.js';

const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { database, config } = app.deps;

  app.get(
    '/public/feed/vacancies',
    {
      // Its own, lower limit than the kiosk's public one: one partner replaying the feed must not
      // take the API from the kiosks (@fastify/rate-limit, per client IP).
      config: { rateLimit: { max: config.feedRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['public'],
        summary: 'Vacancy change feed (no key): creates, edits and removals since a cursor, public fields only',
        description: FEED_DESCRIPTION,
        querystring: FeedQuery,
        response: { 200: FeedResponse, ...errorResponses },
      },
    },
    async (req) => readFeed(database.sql, req.query),
  );
};

export default feedRoutes;

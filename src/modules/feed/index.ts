/** Vacancy change feed for partner systems: GET /public/feed/vacancies (docs/adr/0233). */
export { default as feedRoutes } from './feed.routes.js';
export { readFeed, encodeCursor, decodeCursor, type FeedPage, type FeedItem } from './feed.service.js';
export { vacancyChanges } from './feed.table.js';

import type postgres from 'postgres';
import type { Config } from '../config.js';
import type { SearchEngine } from './engine.js';
import { createMeiliEngine } from './meili-engine.js';
import { createPostgresEngine } from './postgres-engine.js';
import { withResultCache } from './cached-engine.js';

export type { SearchEngine } from './engine.js';

/** Meilisearch when MEILI_URL is configured, otherwise the Postgres engine. */
export function createSearchEngine(config: Config, sql: postgres.Sql): SearchEngine {
  const engine = config.meiliUrl
    ? createMeiliEngine(config.meiliUrl, config.meiliMasterKey, { indexPrefix: `${config.queuePrefix}_` })
    : createPostgresEngine(sql, { memoryIndex: config.searchMemoryIndex, docCacheBytes: config.searchDocCacheMb * 1024 * 1024 });
  return config.searchResultCache ? withResultCache(engine, sql) : engine;
}

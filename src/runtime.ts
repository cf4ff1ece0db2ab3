import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createDatabase, type Database } from './db/client.js';
import { bullConnection, closeQueues, createQueues, type Queues } from './jobs/queues.js';
import { createSearchEngine } from './search/index.js';
import type { SearchEngine } from './search/engine.js';

export interface Resources {
  database: Database;
  redis: Redis;
  search: SearchEngine;
  queues: Queues;
  close(): Promise<void>;
}

/** Opens the connections the API needs; close() releases them in reverse order. */
export function openResources(config: Config): Resources {
  const database = createDatabase(config.databaseUrl, { appName: 'pes-api' });
  // Fail fast while Redis is down: readiness must answer, writes never wait on Redis.
  const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on('error', () => {});
  const queueConnection = bullConnection(config.redisUrl, { enableOfflineQueue: false });
  queueConnection.on('error', () => {});
  const queues = createQueues(queueConnection, config.queuePrefix);
  for (const q of Object.values(queues)) q.on('error', () => {});
  const search = createSearchEngine(config, database.sql);
  return {
    database,
    redis,
    search,
    queues,
    async close() {
      await closeQueues(queues).catch(() => {});
      queueConnection.disconnect();
      redis.disconnect();
      await search.close();
      await database.close();
    },
  };
}

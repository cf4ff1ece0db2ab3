import { Meilisearch } from 'meilisearch';
import type { SearchEngine } from './engine.js';

/** Production engine (Meilisearch), written against the official client's documented API. */
export function createMeiliEngine(url: string, apiKey?: string): SearchEngine {
  const client = new Meilisearch({ host: url, apiKey, timeout: 2000 });
  return {
    name: 'meilisearch',
    async health() {
      const res = await client.health();
      if (res.status !== 'available') throw new Error(`meilisearch status ${res.status}`);
    },
    async close() {},
  };
}

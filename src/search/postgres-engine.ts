import type postgres from 'postgres';
import type { SearchEngine } from './engine.js';

/** Default engine: search documents live in the system-of-record Postgres. */
export function createPostgresEngine(sql: postgres.Sql): SearchEngine {
  return {
    name: 'postgres',
    async health() {
      await sql`select 1`;
    },
    async close() {},
  };
}

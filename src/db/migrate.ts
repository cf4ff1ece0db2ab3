import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Applies pending migrations. An advisory lock serialises concurrent starters (API replicas,
 * a worker and a CLI at once) so each migration runs exactly once.
 */
export async function runMigrations(database: Database): Promise<void> {
  await database.sql`select pg_advisory_lock(72410001)`;
  try {
    await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await database.sql`select pg_advisory_unlock(72410001)`;
  }
}

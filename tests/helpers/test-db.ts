import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { TEMPLATE_DB, withDatabase } from './global-setup.js';
import { createDatabase, type Database } from '../../src/db/client.js';

/** A fresh database copied from the migrated template; drop() removes it. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL!;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(withDatabase(base, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(base, name),
    name,
    async drop() {
      const a = postgres(withDatabase(base, 'postgres'), { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * A test file's own database copy and a client on it, for files that need no app (service and job
 * tests). Call in beforeAll; `close()` in afterAll closes the client and drops the copy.
 */
export async function openTestDatabase(opts: { max?: number } = {}): Promise<{ url: string; database: Database; close(): Promise<void> }> {
  const copy = await createTestDatabase();
  const database = createDatabase(copy.url, { max: opts.max ?? 3 });
  return {
    url: copy.url,
    database,
    async close() {
      await database.close().catch(() => {});
      await copy.drop();
    },
  };
}

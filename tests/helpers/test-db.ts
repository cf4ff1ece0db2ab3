import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { TEMPLATE_DB, withDatabase } from './global-setup.js';

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

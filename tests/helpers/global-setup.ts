import postgres from 'postgres';
import { createDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';

export const TEMPLATE_DB = 'pes_test_template';

/**
 * Migrates a template database once per run; each test file then copies it
 * (CREATE DATABASE ... TEMPLATE), which takes milliseconds and isolates files from each other.
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // Unit tests need no database; integration tests will fail with this hint instead.
    console.warn('DATABASE_URL is not set: only unit tests can run. Use `npm test` to start Postgres and Redis.');
    return;
  }
  const admin = postgres(withDatabase(url, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const template = createDatabase(withDatabase(url, TEMPLATE_DB), { max: 1 });
  try {
    await runMigrations(template);
  } finally {
    await template.close();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

import postgres from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema.js';
import { withActorContext } from '../modules/audit/audit.context.js';

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;
/** A transaction handle; services take `Db | Tx` so callers decide the transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export function createDatabase(url: string, opts: { max?: number; appName?: string } = {}): Database {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    // A dead server must not hang a request: fail the connect quickly and let readiness say so.
    connect_timeout: 5,
    // The driver's default backoff grows with every failed connect of any pool connection (3^n/100 s,
    // up to 20 s) and a query waits it out before even trying: after a short outage requests hung
    // for 10-20 s. Retrying within a second keeps a down database a quick 503 and a restarted
    // one usable again at once (tests/integration/faults-postgres.test.ts).
    backoff: (retries) => Math.min(0.05 * 2 ** retries, 1),
    idle_timeout: 30,
    connection: { application_name: opts.appName ?? 'pes' },
  });
  // Writes made while serving a request carry the actor for the audit trigger (audit.context.ts).
  const db = drizzle(withActorContext(sql), { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

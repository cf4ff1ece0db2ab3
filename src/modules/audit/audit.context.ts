import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type postgres from 'postgres';

/**
 * Who is acting, for the database's write audit (migration 0010, trigger audit_row_write).
 *
 * Every transaction the API opens while serving a request with a principal starts with
 * `set_config('pes.actor', ..., true)`, so the trigger on each audited table writes the audit
 * row in the same transaction as the change, whichever module made it. Modules need not
 * remember to call anything; workers, seeds and CLIs have no request and are not attributed.
 */
export interface ActorInfo {
  keyId: string | null;
  name: string;
  role: string;
  requestId?: string;
  route?: string;
}

interface Store {
  req: FastifyRequest;
}

const storage = new AsyncLocalStorage<Store>();
const RESOURCE = Symbol('auditContextResource');

/** The actor of the request being served, if it has a principal. */
export function currentActor(): ActorInfo | null {
  const req = storage.getStore()?.req;
  const p = req?.principal;
  if (!req || !p) return null;
  return { keyId: p.keyId, name: p.name, role: p.role, requestId: String(req.id), route: `${req.method} ${req.routeOptions?.url ?? req.url}` };
}

/** Runs `fn` as if inside a request by this actor (CLIs and tests that write on someone's behalf). */
export function runAsActor<T>(actor: ActorInfo, fn: () => T): T {
  const fake = { principal: { keyId: actor.keyId, name: actor.name, role: actor.role }, id: actor.requestId ?? 'cli', method: 'CLI', url: actor.route ?? '', routeOptions: { url: actor.route ?? '' } };
  return storage.run({ req: fake as unknown as FastifyRequest }, fn);
}

const SET_ACTOR = `select set_config('pes.actor', $1, true)`;
const WRITE = /^\s*(insert|update|delete|with\b[\s\S]*\b(insert|update|delete)\b)/i;

/**
 * Wraps the postgres.js client that drizzle uses: `begin` sets the actor first; a single write
 * statement outside a transaction becomes a one-statement transaction that does the same.
 * Reads, and everything outside a request, go straight through.
 */
export function withActorContext(sql: postgres.Sql): postgres.Sql {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'begin') {
        return (...args: unknown[]) => {
          const actor = currentActor();
          const cb = args[args.length - 1] as (tx: postgres.TransactionSql) => unknown;
          if (!actor) return (target.begin as (...a: unknown[]) => unknown)(...args);
          const rest = args.slice(0, -1);
          return (target.begin as (...a: unknown[]) => unknown)(...rest, async (tx: postgres.TransactionSql) => {
            await tx.unsafe(SET_ACTOR, [JSON.stringify(actor)]);
            return cb(tx);
          });
        };
      }
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], opts?: postgres.UnsafeQueryOptions) => {
          const actor = currentActor();
          if (!actor || !WRITE.test(query)) return target.unsafe(query, params as postgres.ParameterOrJSON<never>[], opts);
          const run = (values: boolean) =>
            target.begin(async (tx) => {
              await tx.unsafe(SET_ACTOR, [JSON.stringify(actor)]);
              const q = tx.unsafe(query, params as postgres.ParameterOrJSON<never>[], opts);
              return values ? q.values() : q;
            });
          // drizzle awaits the query or calls .values() on it; both run one transaction.
          return {
            then: (ok: (v: unknown) => unknown, fail?: (e: unknown) => unknown) => run(false).then(ok, fail),
            values: () => run(true),
          };
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/**
 * Binds each request to its context. Body parsing runs in stream callbacks that lose the
 * async context, so preValidation re-enters it (the same technique as @fastify/request-context).
 */
export const auditContextPlugin = fp(
  async (app) => {
    app.addHook('onRequest', (req, _reply, done) => {
      storage.run({ req }, () => {
        (req as unknown as Record<symbol, AsyncResource>)[RESOURCE] = new AsyncResource('pes-audit-context');
        done();
      });
    });
    app.addHook('preValidation', (req, _reply, done) => {
      const res = (req as unknown as Record<symbol, AsyncResource | undefined>)[RESOURCE];
      if (res) res.runInAsyncScope(done, req.raw);
      else done();
    });
  },
  { name: 'audit-context' },
);

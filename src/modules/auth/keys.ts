import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiKeys } from './auth.table.js';

export type Role = (typeof apiKeys.$inferSelect)['role'];
export const ROLES: Role[] = ['admin', 'staff', 'organiser', 'employer'];

/** Precedence of roles: a person's primary role is the first they hold in this list. */
export const ROLE_ORDER: Role[] = ['admin', 'staff', 'organiser', 'employer'];

export interface Principal {
  /** The API key's id; for a person's session, the session id (audit rows name the person instead). */
  keyId: string;
  /** Key name, or the person's display name. */
  name: string;
  /**
   * The role this request acts in: the highest-precedence role held that the route admits
   * (for a key, its one role). Scope checks downstream read this.
   */
  role: Role;
  employerId: string | null;
  officeId: string | null;
  /** Every role held (a key holds one). */
  roles: Role[];
  /** accounts.id of the signed-in person; null for API keys. */
  personId: string | null;
  kind: 'key' | 'session';
}

/** Keyed hash: a leaked api_keys table does not let anyone use the keys. */
export function hashKey(hashSecret: string, key: string): string {
  return createHmac('sha256', hashSecret).update(key).digest('hex');
}

export async function createApiKey(
  db: DbOrTx,
  hashSecret: string,
  input: { name: string; role: Role; employerId?: string | null; officeId?: string | null; expiresAt?: Date | null },
): Promise<{ id: string; key: string }> {
  const key = `pes_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      name: input.name,
      role: input.role,
      keyHash: hashKey(hashSecret, key),
      keyPrefix: key.slice(0, 10),
      employerId: input.employerId ?? null,
      officeId: input.officeId ?? null,
      expiresAt: input.expiresAt ?? null,
    })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key };
}

export async function findPrincipal(db: DbOrTx, hashSecret: string, key: string, now = new Date()): Promise<Principal | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(hashSecret, key)), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now))))
    .limit(1);
  if (!row) return null;
  return {
    keyId: row.id,
    name: row.name,
    role: row.role,
    employerId: row.employerId,
    officeId: row.officeId,
    roles: [row.role],
    personId: null,
    kind: 'key',
  };
}

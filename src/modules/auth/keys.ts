import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiKeys } from './auth.table.js';

export type Role = (typeof apiKeys.$inferSelect)['role'];
export const ROLES: Role[] = ['admin', 'staff', 'organiser', 'employer'];

export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  employerId: string | null;
  officeId: string | null;
}

/** Keyed hash: a leaked api_keys table does not let anyone use the keys. */
export function hashKey(hashSecret: string, key: string): string {
  return createHmac('sha256', hashSecret).update(key).digest('hex');
}

export async function createApiKey(
  db: DbOrTx,
  hashSecret: string,
  input: { name: string; role: Role; employerId?: string | null; officeId?: string | null },
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
    })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key };
}

export async function findPrincipal(db: DbOrTx, hashSecret: string, key: string): Promise<Principal | null> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(hashSecret, key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  return { keyId: row.id, name: row.name, role: row.role, employerId: row.employerId, officeId: row.officeId };
}

import type { DbOrTx } from '../../db/client.js';
import type { Principal } from '../auth/keys.js';
import { auditLog } from './audit.table.js';

export interface AuditActor {
  principal: Principal;
  requestId?: string;
}

/**
 * DESIGN.md invariant 2: every read of a job seeker's personal data by a person is logged
 * with who, what, when and why. Call it in the same transaction as the read where possible.
 */
export async function recordPersonalDataRead(
  db: DbOrTx,
  actor: AuditActor,
  subject: { type: 'seeker'; id: string },
  fields: string[],
  reason: string,
): Promise<void> {
  await db.insert(auditLog).values({
    actorKeyId: actor.principal.keyId,
    actorName: actor.principal.name,
    actorRole: actor.principal.role,
    action: 'read_personal_data',
    subjectType: subject.type,
    subjectId: subject.id,
    fields,
    reason,
    requestId: actor.requestId ?? null,
  });
}

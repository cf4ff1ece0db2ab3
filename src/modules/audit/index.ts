/**
 * The audit module's surface: every audit row is written through these functions (one place that names the
 * person and chains the hash). It owns `audit_log` and `audit_chain_checkpoints`.
 */
export {
  auditActorOf,
  listAuditLog,
  pruneAuditLog,
  recordAccess,
  recordAudit,
  recordAuditEvent,
  recordPersonalDataRead,
  verifyAuditChain,
  type AccessAction,
  type AuditActor,
  type AuditEventActor,
  type ChainReport,
} from './audit.service.js';
export { auditContextPlugin, currentActor, runAsActor, withActorContext, type ActorInfo } from './audit.context.js';

import type postgres from 'postgres';
import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { assertAllowed } from '../../lib/policy.js';
import { listAuditLog, recordPersonalDataRead, type AuditActor } from '../audit/index.js';
import { seekerMatches } from '../matching/index.js';
import { consentState } from '../privacy/index.js';
import { placementsForSeeker, referralsForSeeker } from '../referrals/index.js';
import * as repo from './seekers.repository.js';
import { PERSONAL_FIELDS } from './seekers.schemas.js';
import { toDetail } from './seekers.service.js';

export const DEFAULT_RECORD_REASON = 'record page (求职者档案)';

/**
 * One person's record for the counter: the profile (personal data, so the read is audited with
 * the reason like GET /seekers/:id), consents, referrals and placements with titles and names,
 * the best current matches, and what was done to the record (from the audit log). Times are ISO;
 * the page formats them in the service's zone.
 */
export async function seekerRecord(db: DbOrTx, sql: postgres.Sql, actor: AuditActor, id: string, reason: string) {
  const row = await repo.findSeeker(db, id);
  if (!row) throw notFound('Job seeker', '求职者');
  await assertAllowed(db, actor.principal, 'seeker.read-record', { officeId: row.officeId });
  const [consents, referrals, placements, matches, history] = await Promise.all([
    consentState(db, id),
    referralsForSeeker(db, id),
    placementsForSeeker(db, id),
    seekerMatches(sql, id, { limit: 5 }),
    listAuditLog(db, { subjectId: id, page: 1, pageSize: 50, order: 'desc' }),
  ]);
  await recordPersonalDataRead(db, actor, { type: 'seeker', id }, [...PERSONAL_FIELDS], reason.trim());
  return {
    profile: toDetail(row),
    consents: {
      current: consents.current,
      sensitiveBasis: consents.sensitiveBasis,
      history: consents.history.map((h) => ({ ...h, recordedAt: h.recordedAt.toISOString() })),
    },
    referrals: referrals.map((r) => ({
      id: r.id,
      vacancyId: r.vacancyId,
      vacancyTitle: r.vacancyTitle,
      employerName: r.employerName,
      status: r.outcome,
      outcome: r.outcome,
      outcomeAt: r.outcomeAt ? r.outcomeAt.toISOString() : null,
      officeId: r.officeId,
      createdAt: r.createdAt.toISOString(),
    })),
    placements: placements.map((p) => ({ ...p, contractStart: String(p.contractStart), createdAt: p.createdAt.toISOString() })),
    topMatches: matches.items.map((m) => ({ vacancyId: m.vacancyId, title: m.title, employerName: m.employerName, score: m.score })),
    history: history.items.map((h) => ({ at: h.at, action: h.action, actorName: h.actorName })),
  };
}

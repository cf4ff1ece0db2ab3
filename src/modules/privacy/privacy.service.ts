import type postgres from 'postgres';
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { enqueue } from '../../jobs/enqueue.js';
import { seekerChanged } from '../../jobs/events.js';
import { notFound } from '../../lib/errors.js';
import type { RetentionRules } from '../../config.js';
import type { SearchEngine } from '../../search/engine.js';
import { syncSeekers } from '../../search/sync.js';
import { pruneAuditLog, recordAudit, type AuditActor } from '../audit/index.js';
import { auditLog } from '../audit/audit.table.js';
import { recomputeSeeker } from '../matching/index.js';
import { matches, matchSeekerFeatures } from '../matching/matching.table.js';
import { placements, referrals } from '../referrals/referrals.table.js';
import { savedSearches, searchAlerts } from '../saved-searches/saved-searches.table.js';
import { forgetSeekerInAlerts } from '../saved-searches/index.js';
import { seekers } from '../seekers/seekers.table.js';
import { vacancies } from '../vacancies/vacancies.table.js';
import { employers } from '../employers/employers.table.js';
import { generaliseBirthDate } from './birth-date.js';
import { consentState } from './consent.js';
import { retentionRuns } from './privacy.table.js';

/** What an anonymised record still says about the person: statistics facts only. */
export const KEPT_FACTS = ['office', 'registration kind', 'district', 'education', 'experience years', 'desired occupations', 'desired wage', 'sex', 'age band (generalised birth date)', 'priority groups', 'registered/unemployed since', 'status and outcome (referrals, placements, wages)'];
export const REMOVED_FIELDS = ['name', 'phone', 'nationalIdHash', 'nationalIdLast4', 'address', 'profileText', 'skills', 'birthDate (exact)', 'ethnicity', 'hukouType', 'lat', 'lon', 'referral notes', 'saved searches', 'search document', 'matches', 'alerts naming the person'];

export interface ErasureResult {
  seekerId: string;
  anonymisedAt: Date;
  alreadyAnonymised: boolean;
}

/**
 * PIPL art. 47: removes everything that identifies the person, keeping the facts statistics
 * need (age band, district, education, outcome), so every report and wage figure can still be
 * recomputed (invariant 4). The person leaves every index and list through the outbox.
 * Running it again changes nothing and writes nothing. `actor` null = the retention job.
 */
export async function anonymiseSeeker(db: DbOrTx, actor: AuditActor | null, seekerId: string, opts: { reason: string; cause: 'request' | 'retention' }, now = new Date()): Promise<ErasureResult> {
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(seekers).where(eq(seekers.id, seekerId)).for('update');
    if (!s) throw notFound('Job seeker', '求职者');
    if (s.anonymisedAt) return { seekerId, anonymisedAt: s.anonymisedAt, alreadyAnonymised: true };
    const birth = generaliseBirthDate(s.birthDate, s.registeredAt, now);
    // An active registration ends now; otherwise it ended when it last changed, and that
    // date (updated_at) is what reports use as the end of supply, so it is kept.
    const ends = s.status === 'active';
    await tx.execute(sql`
      update seekers set
        name = '（已匿名）', phone = null, national_id_hash = ${`anonymised:${seekerId}`}, national_id_last4 = '',
        address = null, profile_text = '', skills = '{}', birth_date = ${birth}, ethnicity = null, hukou_type = null,
        lat = null, lon = null, priority_documents = '{}', consent_searchable = false, consent_contact_via_referral = false,
        consent_automated_matching = false, consent_sensitive = false,
        status = ${ends ? 'inactive' : s.status}::seeker_status, anonymised_at = ${now.toISOString()},
        version = version + 1, updated_at = ${ends ? now.toISOString() : s.updatedAt.toISOString()}
      where id = ${seekerId}`);
    await tx.update(referrals).set({ note: null }).where(eq(referrals.seekerId, seekerId));
    await tx.delete(savedSearches).where(eq(savedSearches.seekerId, seekerId));
    await purgeCopies(tx, seekerId, { alerts: true, matches: true });
    await recordAudit(tx, actor, {
      action: 'seeker.anonymise',
      subject: { type: 'seeker', id: seekerId },
      fields: REMOVED_FIELDS,
      reason: opts.reason,
      details: { cause: opts.cause, birthDateGeneralised: birth !== s.birthDate },
    });
    await seekerChanged(tx, seekerId);
    await enqueue(tx, 'privacy.consent-withdrawn', { seekerId });
    return { seekerId, anonymisedAt: now, alreadyAnonymised: false };
  });
}

/** Removes what was copied out of the seeker row: alerts naming the person, and their matches. */
async function purgeCopies(tx: DbOrTx, seekerId: string, what: { alerts: boolean; matches: boolean }) {
  if (what.alerts) await forgetSeekerInAlerts(tx, seekerId);
  if (what.matches) {
    await tx.delete(matches).where(eq(matches.seekerId, seekerId));
    await tx.update(matchSeekerFeatures).set({ active: false }).where(eq(matchSeekerFeatures.seekerId, seekerId));
  }
}

/**
 * The outbox follow-up of a withdrawal or erasure (job privacy.consent-withdrawn). State-based,
 * so it is idempotent and order-free: whatever the row says now is applied to every copy.
 */
export async function applyConsentState(deps: { db: Db; sql: postgres.Sql; search: SearchEngine }, seekerId: string) {
  const [s] = await deps.db.select().from(seekers).where(eq(seekers.id, seekerId));
  if (!s) return { status: 'missing' as const };
  const hidden = !s.consentSearchable || s.status !== 'active' || !!s.anonymisedAt;
  const unranked = !s.consentAutomatedMatching || !!s.anonymisedAt;
  await syncSeekers(deps.sql, deps.search, [seekerId]);
  await deps.db.transaction((tx) => purgeCopies(tx, seekerId, { alerts: hidden, matches: unranked }));
  if (unranked) await recomputeSeeker(deps.sql, seekerId);
  return { status: 'applied' as const, hidden, unranked };
}

// --- retention ---------------------------------------------------------------------------

const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/**
 * PIPL art. 19/47 and Cybersecurity Law art. 21. Anonymises seekers whose record has not
 * changed for `seekerInactiveMonths`; prunes audit rows older than `auditMonths` (>= 6);
 * closed vacancies are kept (they carry no personal data and feed wage guidance). Records
 * what it did in retention_runs. Idempotent: a second run finds nothing left to do.
 */
export async function applyRetention(db: Db, rules: RetentionRules, now = new Date(), opts: { batch?: number } = {}) {
  const started = new Date();
  const seekerCutoff = monthsBefore(now, rules.seekerInactiveMonths);
  const auditCutoff = monthsBefore(now, Math.max(6, rules.auditMonths));
  const batch = opts.batch ?? 500;
  let anonymised = 0;
  const ids: string[] = [];
  for (;;) {
    const due = await db
      .select({ id: seekers.id })
      .from(seekers)
      .where(and(isNull(seekers.anonymisedAt), lt(seekers.updatedAt, seekerCutoff)))
      .orderBy(asc(seekers.updatedAt))
      .limit(batch);
    if (due.length === 0) break;
    for (const { id } of due) {
      const r = await anonymiseSeeker(db, null, id, { reason: `retention: no change for ${rules.seekerInactiveMonths} months`, cause: 'retention' }, now);
      if (!r.alreadyAnonymised) {
        anonymised++;
        if (ids.length < 100) ids.push(id);
      }
    }
  }
  const pruned = await pruneAuditLog(db, auditCutoff, 180);
  const report = {
    rules: { ...rules, closedVacancies: 'kept' },
    seekerCutoff: seekerCutoff.toISOString(),
    auditCutoff: auditCutoff.toISOString(),
    anonymisedSeekers: anonymised,
    prunedAuditRows: pruned.removed,
    auditCheckpointSeq: pruned.checkpointSeq,
    sampleSeekerIds: ids,
  };
  const [row] = await db
    .insert(retentionRuns)
    .values({ startedAt: started, finishedAt: new Date(), rules: report.rules, anonymisedSeekers: anonymised, prunedAuditRows: pruned.removed, details: report })
    .returning();
  return { id: row!.id, ...report };
}

export async function listRetentionRuns(db: DbOrTx, limit = 20) {
  const rows = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    rules: r.rules as Record<string, unknown>,
    anonymisedSeekers: r.anonymisedSeekers,
    prunedAuditRows: r.prunedAuditRows,
    details: r.details as Record<string, unknown>,
  }));
}

// --- a person's copy of their data (PIPL art. 45) ------------------------------------------

/**
 * Everything held about one person, with its processing history. A read of personal data by
 * a person, so it is audited in the same transaction.
 */
export async function exportSeekerData(db: DbOrTx, actor: AuditActor, seekerId: string, reason: string, format: 'json' | 'html') {
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(seekers).where(eq(seekers.id, seekerId));
    if (!s) throw notFound('Job seeker', '求职者');
    await recordAudit(tx, actor, { action: 'export_personal_data', subject: { type: 'seeker', id: seekerId }, fields: ['*'], reason: reason.trim(), details: { format } });
    const consents = await consentState(tx, seekerId);
    const refs = await tx
      .select({ id: referrals.id, vacancyId: referrals.vacancyId, vacancyTitle: vacancies.title, employerName: employers.name, outcome: referrals.outcome, outcomeAt: referrals.outcomeAt, note: referrals.note, createdAt: referrals.createdAt })
      .from(referrals)
      .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(eq(referrals.seekerId, seekerId))
      .orderBy(desc(referrals.createdAt));
    const places = await tx
      .select({ id: placements.id, employerName: employers.name, contractStart: placements.contractStart, contractMonths: placements.contractMonths, monthlyWage: placements.monthlyWage })
      .from(placements)
      .innerJoin(employers, eq(employers.id, placements.employerId))
      .where(eq(placements.seekerId, seekerId));
    const suggested = await tx
      .select({ vacancyId: matches.vacancyId, title: vacancies.title, score: matches.score, reasons: matches.reasons, computedAt: matches.computedAt })
      .from(matches)
      .innerJoin(vacancies, eq(vacancies.id, matches.vacancyId))
      .where(and(eq(matches.seekerId, seekerId), eq(matches.direction, 'seeker')))
      .orderBy(desc(matches.score))
      .limit(50);
    const saved = await tx.select().from(savedSearches).where(eq(savedSearches.seekerId, seekerId));
    const alertsAboutPerson = await tx
      .select({ savedSearchId: searchAlerts.savedSearchId, createdAt: searchAlerts.createdAt, sentAt: searchAlerts.sentAt })
      .from(searchAlerts)
      .innerJoin(savedSearches, eq(savedSearches.id, searchAlerts.savedSearchId))
      .where(and(eq(searchAlerts.itemId, seekerId), eq(savedSearches.kind, 'seekers')));
    const history = await tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, seekerId), inArray(auditLog.subjectType, ['seeker', 'seekers'])))
      .orderBy(asc(auditLog.seq))
      .limit(5000);
    return {
      generatedAt: new Date().toISOString(),
      seeker: {
        id: s.id,
        name: s.name,
        nationalIdLast4: s.nationalIdLast4,
        phone: s.phone,
        birthDate: s.birthDate,
        sex: s.sex,
        ethnicity: s.ethnicity,
        hukouType: s.hukouType,
        address: s.address,
        districtCode: s.districtCode,
        lat: s.lat,
        lon: s.lon,
        education: s.education,
        experienceYears: s.experienceYears,
        skills: s.skills,
        desiredOccupations: s.desiredOccupations as { system: string; code: string }[],
        desiredWageMin: s.desiredWageMin,
        availability: s.availability,
        profileText: s.profileText,
        priorityGroups: s.priorityGroups,
        sensitiveBasis: s.sensitiveBasis,
        unemployedSince: s.unemployedSince,
        registrationKind: s.registrationKind,
        status: s.status,
        registeredAt: s.registeredAt.toISOString(),
        anonymisedAt: s.anonymisedAt ? s.anonymisedAt.toISOString() : null,
      },
      consents: { ...consents, history: consents.history.map((h) => ({ ...h, recordedAt: h.recordedAt.toISOString() })) },
      referrals: refs.map((r) => ({ ...r, outcomeAt: r.outcomeAt ? r.outcomeAt.toISOString() : null, createdAt: r.createdAt.toISOString() })),
      placements: places.map((p) => ({ ...p, contractStart: String(p.contractStart) })),
      automatedSuggestions: {
        optedOut: !s.consentAutomatedMatching,
        items: suggested.map((m) => ({ vacancyId: m.vacancyId, title: m.title, score: m.score, reasons: m.reasons as unknown[], computedAt: m.computedAt.toISOString() })),
      },
      savedSearches: saved.map((x) => ({ id: x.id, name: x.name, query: x.query as Record<string, unknown>, createdAt: x.createdAt.toISOString() })),
      shownToEmployersInAlerts: alertsAboutPerson.map((a) => ({ savedSearchId: a.savedSearchId, createdAt: a.createdAt.toISOString(), sentAt: a.sentAt ? a.sentAt.toISOString() : null })),
      processingHistory: history.map((h) => ({
        seq: h.seq ?? 0,
        at: h.at.toISOString(),
        actorName: h.actorName,
        actorRole: h.actorRole,
        action: h.action,
        fields: h.fields,
        reason: h.reason,
      })),
    };
  });
}

export type SeekerExport = Awaited<ReturnType<typeof exportSeekerData>>;

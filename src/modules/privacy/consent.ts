import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enqueue } from '../../jobs/enqueue.js';
import { seekerChanged } from '../../jobs/events.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { seekers } from '../seekers/seekers.table.js';
import { seekerConsents, type ConsentChannel, type ConsentPurpose } from './privacy.table.js';

/** The privacy notice shown at registration (docs/privacy.md); a record names the version the person saw. */
export const PRIVACY_NOTICE_VERSION = '2026-12';

/** Which projection column on `seekers` holds each purpose's current state. */
export const PURPOSE_COLUMN = {
  recruiter_search: 'consentSearchable',
  contact_release: 'consentContactViaReferral',
  sensitive_categories: 'consentSensitive',
  automated_matching: 'consentAutomatedMatching',
} as const satisfies Record<ConsentPurpose, string>;

export interface ConsentMeta {
  channel?: ConsentChannel;
  noticeVersion?: string;
  /** Answers given at registration: nothing was shared yet, so nothing to withdraw from. */
  initial?: boolean;
}

type SeekerRow = typeof seekers.$inferSelect;

export const anonymisedError = () =>
  new AppError(409, 'SEEKER_ANONYMISED', { en: 'This job seeker was anonymised; the record keeps statistics only', zh: '该求职者信息已匿名化，记录仅用于统计' });

/**
 * Writes consent records for the purposes whose state changes (or every given purpose when
 * `initial`), in the caller's transaction, and starts the withdrawal follow-up through the
 * outbox. The caller has already written the new state onto the seeker row.
 */
export async function recordConsentChanges(
  tx: DbOrTx,
  actor: AuditActor,
  seekerId: string,
  changes: { purpose: ConsentPurpose; granted: boolean }[],
  meta: ConsentMeta = {},
): Promise<void> {
  if (changes.length === 0) return;
  await tx.insert(seekerConsents).values(
    changes.map((c) => ({
      seekerId,
      purpose: c.purpose,
      granted: c.granted,
      noticeVersion: meta.noticeVersion ?? PRIVACY_NOTICE_VERSION,
      channel: meta.channel ?? 'staff_counter',
      actorKeyId: actor.principal.keyId,
      actorName: actor.principal.name,
      requestId: actor.requestId ?? null,
    })),
  );
  for (const c of changes) {
    await recordAudit(tx, actor, {
      action: c.granted ? 'consent.grant' : 'consent.withdraw',
      subject: { type: 'seeker', id: seekerId },
      fields: [PURPOSE_COLUMN[c.purpose]],
      reason: `${c.purpose} (${meta.channel ?? 'staff_counter'}, notice ${meta.noticeVersion ?? PRIVACY_NOTICE_VERSION})`,
      details: { purpose: c.purpose, granted: c.granted, channel: meta.channel ?? 'staff_counter', noticeVersion: meta.noticeVersion ?? PRIVACY_NOTICE_VERSION },
    });
  }
  if (!meta.initial && changes.some((c) => !c.granted)) {
    // Withdrawal reaches search, candidate lists, delivered alerts and matches through the outbox.
    await enqueue(tx, 'privacy.consent-withdrawn', { seekerId });
  }
}

/** The consent changes implied by a seeker write (registration or PATCH), before vs after. */
export function consentDiff(before: Partial<SeekerRow> | null, after: SeekerRow, opts: { sensitiveAsked: boolean }): { purpose: ConsentPurpose; granted: boolean }[] {
  const out: { purpose: ConsentPurpose; granted: boolean }[] = [];
  for (const [purpose, col] of Object.entries(PURPOSE_COLUMN) as [ConsentPurpose, keyof SeekerRow][]) {
    const now = after[col] as boolean;
    if (before === null) {
      // At registration the person answers each purpose; sensitive categories only when asked.
      if (purpose === 'sensitive_categories' && !opts.sensitiveAsked) continue;
      out.push({ purpose, granted: now });
    } else if (before[col] !== now) {
      out.push({ purpose, granted: now });
    }
  }
  return out;
}

/**
 * PIPL art. 28-29: priority groups (disability, 低保, other priority statuses) are held only
 * with the person's separate consent, or under the public-service basis (就业困难人员认定
 * for a 失业登记 registration; docs/privacy.md). Returns the basis to store, or throws naming
 * the field.
 */
export function resolveSensitiveBasis(input: {
  priorityGroups: string[];
  registrationKind: string;
  consentSensitive: boolean;
  sensitiveBasis?: 'consent' | 'public_service' | null;
}): 'consent' | 'public_service' | null {
  if (input.priorityGroups.length === 0) return null;
  const basis = input.sensitiveBasis ?? (input.registrationKind === 'unemployment' ? 'public_service' : 'consent');
  if (basis === 'consent' && !input.consentSensitive) {
    throw invalid(
      'body.priorityGroups',
      'priority groups are sensitive: record the person’s separate consent (consentSensitive: true) or register unemployment (public-service basis)',
      '重点群体属于敏感个人信息：须取得本人单独同意（consentSensitive: true），或按失业登记（公共服务法定职责）办理',
    );
  }
  if (basis === 'public_service' && input.registrationKind !== 'unemployment') {
    throw invalid('body.sensitiveBasis', 'the public-service basis applies to unemployment registrations (就业困难人员认定) only', '公共服务法定职责依据仅适用于失业登记（就业困难人员认定）');
  }
  return basis;
}

export interface ConsentState {
  seekerId: string;
  current: Record<ConsentPurpose, boolean>;
  sensitiveBasis: string | null;
  history: {
    id: number;
    purpose: ConsentPurpose;
    granted: boolean;
    noticeVersion: string;
    channel: ConsentChannel;
    actorName: string;
    recordedAt: Date;
  }[];
}

export async function consentState(db: DbOrTx, seekerId: string): Promise<ConsentState> {
  const [s] = await db.select().from(seekers).where(eq(seekers.id, seekerId));
  if (!s) throw notFound('Job seeker', '求职者');
  const history = await db.select().from(seekerConsents).where(eq(seekerConsents.seekerId, seekerId)).orderBy(desc(seekerConsents.recordedAt), desc(seekerConsents.id));
  return {
    seekerId,
    current: {
      recruiter_search: s.consentSearchable,
      contact_release: s.consentContactViaReferral,
      sensitive_categories: s.consentSensitive,
      automated_matching: s.consentAutomatedMatching,
    },
    sensitiveBasis: s.sensitiveBasis,
    history: history.map((h) => ({ id: h.id, purpose: h.purpose, granted: h.granted, noticeVersion: h.noticeVersion, channel: h.channel, actorName: h.actorName, recordedAt: h.recordedAt })),
  };
}

/**
 * Gives or withdraws one consent (the person at a kiosk or page, or staff at the counter).
 * Takes effect in this transaction for every read path that checks the seeker row (employer
 * search filters, candidate lists, contact release); the outbox then purges what was copied
 * elsewhere (search document, delivered alerts, matches) within seconds.
 * Withdrawing sensitive-categories consent removes the priority groups held on that basis.
 */
export async function changeConsent(
  db: DbOrTx,
  actor: AuditActor,
  seekerId: string,
  input: { purpose: ConsentPurpose; granted: boolean } & ConsentMeta,
): Promise<ConsentState> {
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(seekers).where(eq(seekers.id, seekerId)).for('update');
    if (!s) throw notFound('Job seeker', '求职者');
    if (s.anonymisedAt) throw anonymisedError();
    const col = PURPOSE_COLUMN[input.purpose];
    const values: Partial<typeof seekers.$inferInsert> = { [col]: input.granted };
    if (input.purpose === 'sensitive_categories' && !input.granted && s.sensitiveBasis === 'consent') {
      values.priorityGroups = [];
      values.sensitiveBasis = null;
    }
    // A record is written even when the state does not change: the person confirmed it again
    // (e.g. under a new notice version), which the history should show.
    await tx.update(seekers).set({ ...values, version: sql`${seekers.version} + 1` }).where(eq(seekers.id, seekerId));
    await recordConsentChanges(tx, actor, seekerId, [{ purpose: input.purpose, granted: input.granted }], input);
    await seekerChanged(tx, seekerId);
    return consentState(tx, seekerId);
  });
}

/** For read paths that must not show a withdrawn person (used by saved-search alerts). */
export const consentedForRecruiters = and(eq(seekers.consentSearchable, true), eq(seekers.status, 'active'));

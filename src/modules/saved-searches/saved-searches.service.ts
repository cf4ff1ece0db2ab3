import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { Notifier } from '../../lib/notifier.js';
import type { SearchEngine } from '../../search/engine.js';
import { lit } from '../../lib/http.js';
import { CONTRACT_TYPE_VALUES as CONTRACT_TYPES, EDUCATION } from '../../vocabulary/index.js';
import { employers } from '../employers/employers.table.js';
import { seekers } from '../seekers/seekers.table.js';
import { savedSearches, searchAlerts } from './saved-searches.table.js';

export const SavedVacancyQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    districtCodes: Type.Optional(Type.Array(Type.String({ maxLength: 12 }), { maxItems: 20 })),
    occupationGroup: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
    wageMin: Type.Optional(Type.Number({ minimum: 0 })),
    education: Type.Optional(lit(EDUCATION)),
    contractTypes: Type.Optional(Type.Array(lit(CONTRACT_TYPES), { maxItems: 5 })),
    publicWelfare: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const SavedSeekerQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    districtCodes: Type.Optional(Type.Array(Type.String({ maxLength: 12 }), { maxItems: 20 })),
    education: Type.Optional(lit(EDUCATION)),
    experienceMin: Type.Optional(Type.Integer({ minimum: 0 })),
    offerMax: Type.Optional(Type.Number({ minimum: 0 })),
    occupationGroup: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  },
  { additionalProperties: false },
);

/** The saved query must fit its kind; the message names the offending field. */
export function checkSavedQuery(kind: 'vacancies' | 'seekers', query: unknown) {
  const schema = kind === 'vacancies' ? SavedVacancyQuery : SavedSeekerQuery;
  const first = [...Value.Errors(schema, query)][0];
  if (first) {
    const field = `body.query${first.path.replace(/\//g, '.')}`;
    throw new AppError(400, 'VALIDATION_FAILED', { en: `${field}: ${first.message}`, zh: `${field}：${first.message}` }, [{ field, message: first.message }]);
  }
}

const PER_RUN = 50;

/**
 * Of these people, the ones an employer may still be shown now: consenting to recruiter
 * search, active and not anonymised, by the seeker row (the index may lag a withdrawal).
 */
export async function stillShowable(db: DbOrTx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: seekers.id })
    .from(seekers)
    .where(and(inArray(seekers.id, ids), eq(seekers.consentSearchable, true), eq(seekers.status, 'active'), isNull(seekers.anonymisedAt)));
  return new Set(rows.map((r) => r.id));
}

/** Removes every candidate alert naming this person (after a withdrawal or an erasure). */
export async function forgetSeekerInAlerts(db: DbOrTx, seekerId: string): Promise<number> {
  const res = (await db.execute(sql`
    delete from search_alerts a using saved_searches ss
    where a.saved_search_id = ss.id and ss.kind = 'seekers' and a.item_id = ${seekerId}`)) as unknown as { count: number };
  return res.count;
}

/**
 * Runs every active saved search and records what is new since its last run. The unique
 * (saved search, item) constraint makes reruns harmless: each item is alerted once.
 */
export async function runSavedSearchAlerts(deps: { db: Db; search: SearchEngine; notifier: Notifier; logger: Logger }, now = new Date()) {
  const { db, search, notifier } = deps;
  const active = await db.select().from(savedSearches).where(eq(savedSearches.active, true));
  let alerted = 0;
  for (const s of active) {
    const since = s.lastRunAt ?? s.createdAt;
    let items: { id: string; title: string }[];
    if (s.kind === 'vacancies') {
      const q = s.query as Static<typeof SavedVacancyQuery>;
      const res = await search.searchVacancies({ ...q, postedSince: since.toISOString(), sort: 'newest', page: 1, pageSize: PER_RUN });
      items = res.hits.filter((h) => new Date(h.doc.publishedAt) > since).map((h) => ({ id: h.doc.id, title: `${h.doc.title} · ${h.doc.employerName}` }));
    } else {
      const q = s.query as Static<typeof SavedSeekerQuery>;
      const res = await search.searchSeekers({ ...q, consentedOnly: true, page: 1, pageSize: PER_RUN });
      const fresh = res.hits.filter((h) => new Date(h.doc.updatedAt) > since);
      // The index may not have seen a withdrawal yet: the seeker row decides.
      const showable = await stillShowable(db, fresh.map((h) => h.doc.id));
      items = fresh.filter((h) => showable.has(h.doc.id)).map((h) => ({ id: h.doc.id, title: `${h.doc.maskedName} · ${h.doc.skills.slice(0, 3).join('、')}` }));
    }
    const fresh = items.length
      ? await db
          .insert(searchAlerts)
          .values(items.map((i) => ({ savedSearchId: s.id, itemId: i.id, title: i.title })))
          .onConflictDoNothing()
          .returning()
      : [];
    let unsent = await db.select().from(searchAlerts).where(and(eq(searchAlerts.savedSearchId, s.id), isNull(searchAlerts.sentAt)));
    if (s.kind === 'seekers' && unsent.length) {
      // An alert recorded before the person withdrew is dropped, never sent.
      const showable = await stillShowable(db, unsent.map((a) => a.itemId));
      const gone = unsent.filter((a) => !showable.has(a.itemId));
      if (gone.length) await db.delete(searchAlerts).where(inArray(searchAlerts.id, gone.map((a) => a.id)));
      unsent = unsent.filter((a) => showable.has(a.itemId));
    }
    if (unsent.length) {
      const to = await recipient(db, s);
      const titles = unsent.slice(0, 3).map((a) => a.title).join('; ');
      await notifier.send({
        channel: s.channel,
        to,
        ref: s.id,
        text: `【就业服务】“${s.name}”有 ${unsent.length} 条新${s.kind === 'vacancies' ? '岗位' : '求职者'}：${titles} / ${unsent.length} new ${s.kind === 'vacancies' ? 'vacancies' : 'candidates'} for "${s.name}"`,
      });
      await db.update(searchAlerts).set({ sentAt: now }).where(inArray(searchAlerts.id, unsent.map((a) => a.id)));
    }
    await db.update(savedSearches).set({ lastRunAt: now }).where(eq(savedSearches.id, s.id));
    alerted += fresh.length;
  }
  return { savedSearches: active.length, newAlerts: alerted };
}

async function recipient(db: Db, s: typeof savedSearches.$inferSelect): Promise<string | null> {
  if (s.seekerId) {
    const [row] = await db.select({ phone: seekers.phone }).from(seekers).where(eq(seekers.id, s.seekerId));
    return row?.phone ?? null;
  }
  if (s.employerId) {
    const [row] = await db.select({ phone: employers.contactPhone }).from(employers).where(eq(employers.id, s.employerId));
    return row?.phone ?? null;
  }
  return null;
}

import type postgres from 'postgres';
import { AppError } from '../../lib/errors.js';
import { loadVacancyDocs, type VacancyDoc } from '../../search/documents.js';
import { before, changesAfter, startAfterTime, type ChangeRow, type Position } from './feed.repository.js';
import type { REMOVAL_REASONS } from './feed.schemas.js';

export type RemovalReason = (typeof REMOVAL_REASONS)[number];
export interface FeedItem {
  id: string;
  change: 'upsert' | 'removal';
  changedAt: string;
  vacancy?: VacancyDoc;
  reason?: RemovalReason;
}
export interface FeedPage {
  items: FeedItem[];
  nextCursor: string;
  hasMore: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(p: Position): string {
  return Buffer.from(`${p.txid}.${p.vacancyId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  const [txid, vacancyId] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (!txid || !/^\d{1,20}$/.test(txid) || !vacancyId || !UUID.test(vacancyId)) {
    throw new AppError(400, 'VALIDATION_FAILED', { en: 'query.cursor: not a cursor this feed gave out', zh: 'query.cursor：不是本接口返回的游标' }, [
      { field: 'query.cursor', message: 'not a cursor this feed gave out (use nextCursor as it was returned)' },
    ]);
  }
  return { txid, vacancyId };
}

function removalReason(row: ChangeRow, now: Date): RemovalReason {
  if (row.status === null) return 'deleted';
  if (row.status === 'closed' || row.status === 'filled' || row.status === 'expired') return row.status;
  if (row.status === 'published' && row.expiresAt && row.expiresAt <= now) return 'expired';
  return 'unpublished';
}

/**
 * One page of the vacancy change feed. Items carry the current public fields (the same
 * documents the search index gets, so nothing non-public can leak through the feed), or a
 * removal for a vacancy that is no longer published and unexpired.
 */
export async function readFeed(sql: postgres.Sql, q: { cursor?: string; updatedAfter?: string; limit: number }): Promise<FeedPage> {
  if (q.cursor && q.updatedAfter) {
    throw new AppError(400, 'VALIDATION_FAILED', { en: 'query.updatedAfter: give either cursor or updatedAfter, not both', zh: 'query.updatedAfter：cursor 与 updatedAfter 只能给一个' }, [
      { field: 'query.updatedAfter', message: 'give either cursor or updatedAfter, not both' },
    ]);
  }
  let from: Position | null = q.cursor ? decodeCursor(q.cursor) : before(1n);
  if (q.updatedAfter) from = await startAfterTime(sql, new Date(q.updatedAfter));

  // Nothing changed after updatedAfter: start at the horizon, i.e. with whatever commits next.
  const page = from ? await changesAfter(sql, from, q.limit + 1) : { ...(await changesAfter(sql, before(0n), 0)), rows: [] };
  const hasMore = page.rows.length > q.limit;
  const rows = page.rows.slice(0, q.limit);

  const docs = new Map((rows.length ? await loadVacancyDocs(sql, rows.map((r) => r.vacancyId)) : []).map((d) => [d.id, d]));
  const now = new Date();
  const items: FeedItem[] = rows.map((r) => {
    const doc = docs.get(r.vacancyId);
    const base = { id: r.vacancyId, changedAt: r.changedAt.toISOString() };
    return doc ? { ...base, change: 'upsert', vacancy: doc } : { ...base, change: 'removal', reason: removalReason(r, now) };
  });

  // Caught up: jump to the horizon, so the next poll does not rescan. Every change still to
  // come belongs to a transaction at or after the horizon.
  const last = rows.at(-1);
  const next = hasMore ? { txid: last!.txid, vacancyId: last!.vacancyId } : before(page.horizon);
  return { items, nextCursor: encodeCursor(next), hasMore };
}

import type postgres from 'postgres';

/** A position in the feed: strictly after (txid, vacancyId). */
export interface Position {
  txid: string;
  vacancyId: string;
}

export interface ChangeRow {
  vacancyId: string;
  txid: string;
  changedAt: Date;
  /** null when the vacancy row is gone (deleted). */
  status: string | null;
  expiresAt: Date | null;
}

const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** The position just before `txid` (every change of that transaction or later comes after it). */
export function before(txid: bigint): Position {
  return { txid: String(txid > 0n ? txid - 1n : 0n), vacancyId: MAX_UUID };
}

/** Where a consumer asking for changes after `since` starts: before the first such transaction. */
export async function startAfterTime(sql: postgres.Sql, since: Date): Promise<Position | null> {
  const [row] = await sql<{ txid: string | null }[]>`
    select min(txid)::text as txid from vacancy_changes where changed_at > ${since.toISOString()}::timestamptz`;
  return row?.txid ? before(BigInt(row.txid)) : null;
}

/**
 * One page of changes after `from`, in (txid, vacancy_id) order, and the horizon: the oldest
 * transaction still running when this statement took its snapshot. Rows at or past the horizon
 * are held back, because a running transaction with a smaller txid may still commit a change
 * that would sort before them; once it ends, the horizon passes it.
 */
export async function changesAfter(sql: postgres.Sql, from: Position, limit: number): Promise<{ rows: ChangeRow[]; horizon: bigint }> {
  const rows = await sql<{ horizon: string; vacancy_id: string | null; txid: string | null; changed_at: string | Date | null; status: string | null; expires_at: string | Date | null; present: boolean | null }[]>`
    with h as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
    select h.xmin::text as horizon, p.*
    from h left join lateral (
      select c.vacancy_id, c.txid::text as txid, c.changed_at, v.status, v.expires_at, v.id is not null as present
      from vacancy_changes c
      left join vacancies v on v.id = c.vacancy_id
      where (c.txid, c.vacancy_id) > (${from.txid}::xid8, ${from.vacancyId}::uuid)
        and c.txid < h.xmin
      order by c.txid, c.vacancy_id
      limit ${limit}
    ) p on true`;
  const horizon = BigInt(rows[0]!.horizon);
  return {
    horizon,
    rows: rows
      .filter((r) => r.vacancy_id !== null)
      .map((r) => ({
        vacancyId: r.vacancy_id!,
        txid: r.txid!,
        // drizzle's client hands timestamps back as text; read either.
        changedAt: new Date(r.changed_at!),
        status: r.present ? r.status : null,
        expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
      })),
  };
}

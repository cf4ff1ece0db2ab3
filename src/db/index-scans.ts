import type postgres from 'postgres';

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * Runs statements with sequential scans disabled, for lookups that must go through an index
 * whatever the planner estimates. Postgres estimates a GIN match (OR-ed synonyms in search, a
 * rare skill in matching) at a few percent of rows and bets on a sequential scan; on a large
 * table that reads (and de-TOASTs) every row: ~10× slower in search at 100,000 documents,
 * 270 ms instead of 0.1 ms for a matching lookup at 1,000,000 seekers (BENCHMARKS.md).
 * JIT is turned off too: a disabled scan type costs 1e10 in the plan, which would otherwise
 * start JIT compilation (~300 ms). Inside a caller's transaction the settings stay on for its
 * remaining statements; otherwise a transaction is opened for fn.
 */
export async function withIndexScans<T>(sql: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const configure = async (tx: Sql) => {
    await tx`set local enable_seqscan = off`;
    await tx`set local jit = off`;
  };
  if ('savepoint' in sql) {
    await configure(sql);
    return fn(sql);
  }
  return sql.begin(async (tx) => {
    await configure(tx);
    return fn(tx);
  }) as Promise<T>;
}

import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { cachedDoc, DocCache } from '../../src/search/doc-cache.js';
import { VacancyMemory } from '../../src/search/memory-sync.js';

/** The serialised-document cache and the shared clock read of the in-process index (docs/adr/0163), without a database. */
describe('DocCache', () => {
  const entry = (title: string, bytes = 1000) => cachedDoc(JSON.stringify({ id: title, title, description: 'x'.repeat(bytes) }), title);

  it('holds the JSON as UTF-8 bytes of its own, and the title', () => {
    const d = cachedDoc('{"id": "a", "title": "电工"}', '电工');
    expect(JSON.parse(d.json.toString('utf8'))).toEqual({ id: 'a', title: '电工' });
    expect(d.json.byteLength).toBe(Buffer.byteLength('{"id": "a", "title": "电工"}'));
    expect(d.title).toBe('电工');
  });

  it('stays within its byte budget, dropping the least recently used first', () => {
    const cache = new DocCache(6_000);
    for (let i = 0; i < 8; i++) cache.set(`d${i}`, entry(`d${i}`));
    expect(cache.usedBytes).toBeLessThanOrEqual(6_000);
    expect(cache.size).toBeLessThan(8);
    expect(cache.get('d0')).toBeUndefined();
    // Using d4 keeps it; the next insertions drop d5 and d6 before it.
    expect(cache.get('d4')).toBeDefined();
    cache.set('n1', entry('n1'));
    cache.set('n2', entry('n2'));
    expect(cache.get('d4')).toBeDefined();
    expect(cache.get('d5')).toBeUndefined();
    cache.delete('d4');
    expect(cache.get('d4')).toBeUndefined();
    cache.clear();
    expect([cache.size, cache.usedBytes]).toEqual([0, 0]);
  });

  it('keeps nothing with a budget of 0 (PES_SEARCH_DOC_CACHE_MB=0)', () => {
    const cache = new DocCache(0);
    cache.set('a', entry('a'));
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('VacancyMemory.clock', () => {
  /** A stand-in for postgres.js: each statement waits until the test answers it. */
  function fakeSql() {
    const pending: ((rows: { version: number }[]) => void)[] = [];
    const sql = (() => new Promise<{ version: number }[]>((resolve) => pending.push(resolve))) as unknown as postgres.Sql;
    return { sql, pending };
  }
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('shares one read among callers that arrive while a read is on its way, and never answers a caller with a read that started before it', async () => {
    const { sql, pending } = fakeSql();
    const memory = new VacancyMemory(sql, null as unknown as postgres.PendingQuery<postgres.Row[]>);
    const first = memory.clock();
    expect(pending).toHaveLength(1);
    // These arrive while the first read is in flight: it may predate their requests' writes.
    const second = memory.clock();
    const third = memory.clock();
    expect(pending).toHaveLength(1);
    pending[0]!([{ version: 5 }]);
    expect(await first).toBe(5);
    await tick();
    expect(pending).toHaveLength(2);
    pending[1]!([{ version: 7 }]);
    expect([await second, await third]).toEqual([7, 7]);
    // Nothing in flight: a new read.
    const fourth = memory.clock();
    expect(pending).toHaveLength(3);
    pending[2]!([{ version: 8 }]);
    expect(await fourth).toBe(8);
  });
});

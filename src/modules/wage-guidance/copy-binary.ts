import type postgres from 'postgres';

/**
 * Streams the rows of a query out of Postgres with `COPY (query) TO STDOUT (FORMAT binary)` and
 * decodes them as they arrive, for the wage guidance compile's million-row input. Compared with
 * a cursor this halves the worker's CPU (no text formatting on the server, no string per value
 * here), the server keeps producing while the worker decodes, and memory stays flat.
 *
 * Binary COPY format (PostgreSQL docs, "COPY … File Formats"): an 11-byte signature, int32
 * flags, int32 header-extension length and the extension; then per row an int16 field count
 * followed by (int32 length, bytes) per field, length −1 meaning NULL; an int16 −1 ends it.
 */

/**
 * int4 → number; numeric → number (NaN for NaN/±Infinity); key → a dense id from a
 * KeyDictionary (identifiers, codes: each distinct value is decoded and stored once).
 */
export type ColumnType = 'int4' | 'numeric' | { key: KeyDictionary };
export type Value = number | null;

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const INT4 = 0;
const NUMERIC = 1;
const KEY = 2;

/**
 * Dense ids for byte strings (UUIDs, codes), looked up straight from the COPY buffer: an FNV-1a
 * hash finds the candidates and a byte comparison in plain JS confirms one, so a million rows
 * carrying a few thousand distinct values create no strings and no buffers.
 */
export class KeyDictionary {
  /** hash → first id with that hash; further ids with the same hash are chained through `next`. */
  private readonly first = new Map<number, number>();
  private next = new Int32Array(1024);
  /** The bytes of all keys back to back; key i is store[offset[i] … offset[i + 1]). */
  private store = new Uint8Array(1 << 16);
  private offset = new Int32Array(1025);
  size = 0;

  id(buf: Buffer, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    const len = end - start;
    let id = this.first.get(h) ?? -1;
    while (id >= 0) {
      const at = this.offset[id]!;
      if (this.offset[id + 1]! - at === len) {
        let i = 0;
        while (i < len && this.store[at + i] === buf[start + i]) i++;
        if (i === len) return id;
      }
      id = this.next[id]!;
    }
    return this.add(h, buf, start, end);
  }

  private add(h: number, buf: Buffer, start: number, end: number): number {
    const id = this.size++;
    if (id + 1 >= this.next.length) {
      const next = new Int32Array(this.next.length * 2);
      next.set(this.next);
      this.next = next;
      const offset = new Int32Array(this.offset.length * 2);
      offset.set(this.offset);
      this.offset = offset;
    }
    const at = this.offset[id]!;
    if (at + (end - start) > this.store.length) {
      const store = new Uint8Array(Math.max(this.store.length * 2, at + (end - start)));
      store.set(this.store);
      this.store = store;
    }
    this.store.set(buf.subarray(start, end), at);
    this.offset[id + 1] = at + (end - start);
    this.next[id] = this.first.get(h) ?? -1;
    this.first.set(h, id);
    return id;
  }

  /** The value of an id as UTF-8 text. */
  text(id: number): string {
    return Buffer.from(this.store.buffer, this.offset[id]!, this.offset[id + 1]! - this.offset[id]!).toString('utf8');
  }
}

/** Binary numeric: int16 ndigits, weight, sign, dscale, then base-10000 digits. */
function readNumeric(buf: Buffer, p: number): number {
  const ndigits = buf.readInt16BE(p);
  const weight = buf.readInt16BE(p + 2);
  const sign = buf.readUInt16BE(p + 4);
  if (sign !== 0x0000 && sign !== 0x4000) return NaN; // NaN, +Infinity, −Infinity
  let v = 0;
  for (let i = 0; i < ndigits; i++) v = v * 10000 + buf.readUInt16BE(p + 8 + 2 * i);
  const exponent = weight - ndigits + 1;
  // One correctly rounded division: 12345.67 arrives as 123456700 / 10⁴, the same double as parseFloat gives.
  v = exponent >= 0 ? v * 10000 ** exponent : v / 10000 ** -exponent;
  return sign === 0x4000 ? -v : v;
}

/** A decoder fed with chunks in order; calls onRow for every complete row (the array is reused). */
export function binaryCopyDecoder(types: readonly ColumnType[], onRow: (row: Value[]) => void) {
  const row: Value[] = new Array(types.length).fill(null);
  const kinds = Int8Array.from(types, (t) => (t === 'int4' ? INT4 : t === 'numeric' ? NUMERIC : KEY));
  const dictionaries = types.map((t) => (typeof t === 'object' ? t.key : null));
  let pending: Buffer | null = null;
  let headerDone = false;
  let ended = false;
  let rows = 0;

  /** Decodes the row at p into `row`; returns its end, or −1 if it is not complete in buf. */
  function decodeRow(buf: Buffer, p: number): number {
    const size = buf.length;
    let q = p + 2;
    for (let f = 0; f < kinds.length; f++) {
      if (q + 4 > size) return -1;
      const len = buf.readInt32BE(q);
      q += 4;
      if (len < 0) {
        row[f] = null;
        continue;
      }
      if (q + len > size) return -1;
      const kind = kinds[f];
      row[f] = kind === INT4 ? buf.readInt32BE(q) : kind === NUMERIC ? readNumeric(buf, q) : dictionaries[f]!.id(buf, q, q + len);
      q += len;
    }
    return q;
  }

  function push(chunk: Buffer) {
    if (ended) throw new Error('binary COPY: data after the end marker');
    const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    let p = 0;
    if (!headerDone) {
      if (buf.length < 19) return void (pending = buf);
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('binary COPY: bad signature');
      const extension = buf.readInt32BE(15);
      if (buf.length < 19 + extension) return void (pending = buf);
      p = 19 + extension;
      headerDone = true;
    }
    while (p + 2 <= buf.length) {
      const fields = buf.readInt16BE(p);
      if (fields === -1) {
        ended = true;
        p += 2;
        break;
      }
      if (fields !== kinds.length) throw new Error(`binary COPY: ${fields} fields, expected ${kinds.length}`);
      // A row cut by the end of the chunk is decoded again, whole, with the next chunk.
      const end = decodeRow(buf, p);
      if (end < 0) break;
      rows++;
      onRow(row);
      p = end;
    }
    pending = p < buf.length ? Buffer.from(buf.subarray(p)) : null;
  }

  /** Checks that the stream ended where the format says it ends (not cut short). */
  function finish(): number {
    if (!ended || pending) throw new Error('binary COPY: stream ended before the end marker');
    return rows;
  }

  return { push, finish };
}

/**
 * Runs `COPY (query) TO STDOUT (FORMAT binary)` on the given connection or transaction and
 * decodes every row. The query text must not contain parameters (COPY takes none).
 */
export async function copyRows(sql: postgres.Sql | postgres.TransactionSql, query: string, types: readonly ColumnType[], onRow: (row: Value[]) => void): Promise<number> {
  const decoder = binaryCopyDecoder(types, onRow);
  const stream = await sql.unsafe(`copy (${query}) to stdout (format binary)`).readable();
  // Decoded synchronously in 'data' events; a decoding error does not stop the stream (the rest
  // is drained and the error thrown at the end), so the connection is left in a usable state.
  let failure: unknown = null;
  try {
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => {
        if (failure) return;
        try {
          decoder.push(chunk);
        } catch (err) {
          failure = err;
        }
      });
      stream.on('end', resolve);
      stream.on('error', reject);
    });
  } finally {
    // postgres.js 3.4 pauses its socket when the stream's buffer is full (rows that arrive before
    // a listener is attached fill it) and resumes it only when more is read; if the end of the
    // COPY was already in that same socket read, nothing reads again and the connection stalls
    // for good (porsager/postgres#499, fix proposed in #1016). The stream's own read hook is
    // what resumes the socket, so call it once the stream is done.
    (stream as unknown as { _read(size: number): void })._read(0);
  }
  if (failure) throw failure;
  return decoder.finish();
}

import { PublicVacancy } from './search.schemas.js';

/**
 * A public vacancy document, serialised once: the JSON a search response carries for it (only the
 * documented fields of PublicVacancy) and its title for highlighting.
 */
export interface CachedDoc {
  readonly json: Buffer;
  readonly title: string;
}

/** The documented fields: the only keys a stored document may send (see `publicJsonSql` in memory-sync.ts). */
export const PUBLIC_VACANCY_KEYS = Object.keys(PublicVacancy.properties);

/**
 * A document's public JSON, as Postgres projected it to PUBLIC_VACANCY_KEYS, and its title. The text
 * goes into the response as it is: no parse and no serialisation in the API process.
 */
export function cachedDoc(json: string, title: string): CachedDoc {
  // Own memory per entry (not a slice of Node's shared 8 KB pool, which one survivor keeps alive).
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(json));
  bytes.write(json);
  return { json: bytes, title };
}

/** Per-entry bookkeeping beside the JSON bytes (Map slot, id string, title string, object). */
const ENTRY_OVERHEAD = 200;

/**
 * The documents this process has recently sent, by id, the least recently used dropped first
 * (approximately: a second chance for entries used since they were last passed over)
 * (docs/adr/0163). The first pages of as-you-type queries are the newest documents of a few
 * thousand terms, so a few megabytes hold most of what is asked; a hit costs neither a Postgres
 * read of 25 KB nor parsing and serialising it again.
 *
 * It is only correct together with VacancyMemory: an entry is added only when it was read in the
 * snapshot of exactly the change number the process has applied, and every applied change drops
 * the ids it touched (a reload drops everything), in the same synchronous step that advances the
 * applied number. So an entry is never older than what the in-process index answers from.
 */
export class DocCache {
  /** Insertion order; `used` gives an entry a second chance at eviction (cheaper than moving it on every hit). */
  private readonly entries = new Map<string, { doc: CachedDoc; used: boolean }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  get size() {
    return this.entries.size;
  }

  get usedBytes() {
    return this.bytes;
  }

  get(id: string): CachedDoc | undefined {
    const e = this.entries.get(id);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    e.used = true;
    return e.doc;
  }

  set(id: string, doc: CachedDoc) {
    if (this.maxBytes <= 0) return;
    this.delete(id);
    this.entries.set(id, { doc, used: false });
    this.bytes += doc.json.length + ENTRY_OVERHEAD;
    // Oldest first; one used since it was last looked at moves to the back instead (second chance).
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      if (old.used && oldest !== id) {
        old.used = false;
        this.entries.set(oldest, old);
      } else this.bytes -= old.doc.json.length + ENTRY_OVERHEAD;
    }
  }

  delete(id: string) {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    this.bytes -= old.doc.json.length + ENTRY_OVERHEAD;
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }
}

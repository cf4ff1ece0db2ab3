import { TIER, type TermKind, type TermLookup } from './terms.js';

/**
 * The vacancy term index and postings of one API process (docs/adr/0161): which live documents
 * carry which title, employer and occupation, newest first, and every spelling of those terms.
 * It holds ids, dates and term numbers only (no document bodies): the page's documents are read
 * from Postgres by primary key. Columns are typed arrays (outside the V8 heap), about 80 bytes
 * per document plus the terms' spellings.
 *
 * This class is pure data; memory-sync.ts loads it and keeps it exact with the change log.
 */

/** A document as the index needs it (one row of search_vacancy_docs). */
export interface DocState {
  id: string;
  titleKey: string | null;
  employerId: string;
  iscoUnit: string | null;
  /** ms since the epoch */
  publishedAt: number;
  /** ms since the epoch, or null for no expiry */
  expiresAt: number | null;
}

export interface FormRow {
  kind: TermKind;
  key: string;
  label: string;
  ftype: string;
  pos: number;
  form: string;
}

export interface MemoryTerm {
  kind: TermKind;
  key: string;
  label: string | null;
  /** Whether this term's spellings have been read (a term without a label has none). */
  formsLoaded: boolean;
  postings: Postings;
}

export interface MemoryRankedTerm {
  id: number;
  kind: TermKind;
  key: string;
  label: string;
  tier: number;
  count: number;
}

/** Form rows scanned per probe at most (as the SQL lookup: a one-letter prefix stops here). */
const PROBE_LIMIT = 4000;
const MAX_TERMS = 200;

const hex = (s: string, from: number) => parseInt(s.slice(from, from + 8), 16) >>> 0;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const word = (w: number) => HEX[w >>> 24]! + HEX[(w >>> 16) & 255]! + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;

/** Ordinals sorted by the index's order (newest first, then id). */
export class Postings {
  a = new Int32Array(4);
  n = 0;
}

export class VacancyMemoryIndex {
  private cap = 0;
  private size = 0; // ordinals handed out
  private words = new Uint32Array(0);
  private published = new Float64Array(0);
  private expires = new Float64Array(0);
  private titleT = new Int32Array(0);
  private employerT = new Int32Array(0);
  private occT = new Int32Array(0);
  private alive = new Uint8Array(0);
  private slots = new Int32Array(0); // ordinal + 1, 0 = empty (open addressing on the id)
  aliveCount = 0;

  readonly terms: MemoryTerm[] = [];
  private termIds: Record<TermKind, Map<string, number>> = { t: new Map(), e: new Map(), o: new Map(), s: new Map() };
  /** Every document, newest first: the empty query. */
  readonly all = new Postings();

  // Spellings, sorted by form (code-unit order, as C collation for these texts).
  private formText: string[] = [];
  private formTerm: number[] = [];
  private formFtype: string[] = [];
  private formPos: number[] = [];
  private pendingForms: FormRow[] = [];

  constructor(capacity = 1024) {
    this.grow(capacity);
  }

  private grow(cap: number) {
    const copy = <T extends Uint32Array | Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T, per = 1) => {
      const next = make(cap * per);
      next.set(old.subarray(0, this.size * per));
      return next;
    };
    this.words = copy(this.words, (n) => new Uint32Array(n), 4);
    this.published = copy(this.published, (n) => new Float64Array(n));
    this.expires = copy(this.expires, (n) => new Float64Array(n));
    this.titleT = copy(this.titleT, (n) => new Int32Array(n));
    this.employerT = copy(this.employerT, (n) => new Int32Array(n));
    this.occT = copy(this.occT, (n) => new Int32Array(n));
    this.alive = copy(this.alive, (n) => new Uint8Array(n));
    this.cap = cap;
    // Rehash: the slot table stays at most half full.
    let slotCap = 1024;
    while (slotCap < (cap * 4) / 3) slotCap *= 2;
    if (slotCap !== this.slots.length) {
      this.slots = new Int32Array(slotCap);
      for (let o = 0; o < this.size; o++) this.place(o);
    }
  }

  private place(o: number) {
    const mask = this.slots.length - 1;
    let s = (this.words[o * 4]! ^ this.words[o * 4 + 3]!) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = o + 1;
  }

  /** The ordinal of an id, or -1. */
  find(id: string): number {
    const [a, b, c, d] = VacancyMemoryIndex.idWords(id);
    const mask = this.slots.length - 1;
    let s = (a ^ d) & mask;
    for (;;) {
      const v = this.slots[s]!;
      if (v === 0) return -1;
      const o = (v - 1) * 4;
      if (this.words[o] === a && this.words[o + 1] === b && this.words[o + 2] === c && this.words[o + 3] === d) return v - 1;
      s = (s + 1) & mask;
    }
  }

  static idWords(id: string): [number, number, number, number] {
    const h = id.length === 36 ? id.slice(0, 8) + id.slice(9, 13) + id.slice(14, 18) + id.slice(19, 23) + id.slice(24) : id;
    return [hex(h, 0), hex(h, 8), hex(h, 16), hex(h, 24)];
  }

  idOf(o: number): string {
    const w = this.words;
    const b = word(w[o * 4 + 1]!), c = word(w[o * 4 + 2]!);
    return `${word(w[o * 4]!)}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${word(w[o * 4 + 3]!)}`;
  }

  employerOf(o: number): string {
    return this.terms[this.employerT[o]!]!.key;
  }

  /** The employer term of a document (a number: cheaper than the id for the per-employer demotion). */
  employerTermOf(o: number): number {
    return this.employerT[o]!;
  }

  /** x ranks before y: newer first, then by id (as `order by published_at desc, id`). */
  private before(x: number, y: number): boolean {
    const px = this.published[x]!, py = this.published[y]!;
    if (px !== py) return px > py;
    for (let i = 0; i < 4; i++) {
      const a = this.words[x * 4 + i]!, b = this.words[y * 4 + i]!;
      if (a !== b) return a < b;
    }
    return false;
  }

  private insertPosting(p: Postings, o: number) {
    if (p.n === p.a.length) {
      const next = new Int32Array(p.a.length * 2);
      next.set(p.a);
      p.a = next;
    }
    // Binary search for the first entry that o ranks before (new postings are mostly newest: position 0).
    let lo = 0, hi = p.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(p.a[mid]!, o)) lo = mid + 1;
      else hi = mid;
    }
    p.a.copyWithin(lo + 1, lo, p.n);
    p.a[lo] = o;
    p.n++;
  }

  private removePosting(p: Postings, o: number) {
    let lo = 0, hi = p.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(p.a[mid]!, o)) lo = mid + 1;
      else hi = mid;
    }
    let i = lo;
    while (i < p.n && p.a[i] !== o) i++; // equal keys: only the same ordinal compares equal
    if (i === p.n) return;
    p.a.copyWithin(i, i + 1, p.n);
    p.n--;
  }

  term(kind: TermKind, key: string, label: string | null = null, formsLoaded = false): number {
    const ids = this.termIds[kind];
    let id = ids.get(key);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push({ kind, key, label, formsLoaded, postings: new Postings() });
      ids.set(key, id);
    } else if (label && !this.terms[id]!.label) this.terms[id]!.label = label;
    return id;
  }

  termsWithoutForms(): MemoryTerm[] {
    return this.terms.filter((t) => !t.formsLoaded);
  }

  /** Adds spellings (the first label of a term stays, as in the table). */
  addForms(rows: FormRow[]) {
    for (const r of rows) {
      const id = this.term(r.kind, r.key, r.label);
      this.terms[id]!.formsLoaded = true;
    }
    this.pendingForms.push(...rows);
  }

  markFormsLoaded(kind: TermKind, key: string) {
    this.terms[this.term(kind, key)]!.formsLoaded = true;
  }

  /** Sorts spellings added since the last lookup into the sorted arrays. */
  private settleForms() {
    if (!this.pendingForms.length) return;
    const n = this.formText.length;
    const rows: { text: string; term: number; ftype: string; pos: number }[] = new Array(n);
    for (let i = 0; i < n; i++) rows[i] = { text: this.formText[i]!, term: this.formTerm[i]!, ftype: this.formFtype[i]!, pos: this.formPos[i]! };
    const have = new Set<string>();
    for (const r of rows) have.add(`${r.term}|${r.ftype}|${r.pos}`);
    for (const f of this.pendingForms) {
      const term = this.term(f.kind, f.key);
      const k = `${term}|${f.ftype}|${f.pos}`;
      if (have.has(k)) continue;
      have.add(k);
      rows.push({ text: f.form, term, ftype: f.ftype, pos: f.pos });
    }
    this.pendingForms = [];
    rows.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : x.term - y.term));
    this.formText = rows.map((r) => r.text);
    this.formTerm = rows.map((r) => r.term);
    this.formFtype = rows.map((r) => r.ftype);
    this.formPos = rows.map((r) => r.pos);
  }

  get formCount() {
    return this.formText.length + this.pendingForms.length;
  }

  /** Sets a document's state (insert or update); `bulk` appends postings unsorted (call finishBulk). */
  upsert(d: DocState, bulk = false) {
    let o = this.find(d.id);
    const title = d.titleKey ? this.term('t', d.titleKey) : -1;
    const employer = this.term('e', d.employerId);
    const occ = d.iscoUnit ? this.term('o', d.iscoUnit) : -1;
    const expires = d.expiresAt ?? Infinity;
    if (o >= 0 && this.alive[o]) {
      if (this.titleT[o] === title && this.employerT[o] === employer && this.occT[o] === occ && this.published[o] === d.publishedAt) {
        this.expires[o] = expires;
        return;
      }
      this.unlink(o);
    }
    if (o < 0) {
      if (this.size === this.cap) this.grow(this.cap * 2);
      o = this.size++;
      const [a, b, c, dd] = VacancyMemoryIndex.idWords(d.id);
      this.words[o * 4] = a;
      this.words[o * 4 + 1] = b;
      this.words[o * 4 + 2] = c;
      this.words[o * 4 + 3] = dd;
      this.place(o);
    }
    this.published[o] = d.publishedAt;
    this.expires[o] = expires;
    this.titleT[o] = title;
    this.employerT[o] = employer;
    this.occT[o] = occ;
    this.alive[o] = 1;
    this.aliveCount++;
    const link = (p: Postings) => {
      if (!bulk) return this.insertPosting(p, o);
      if (p.n === p.a.length) {
        const next = new Int32Array(p.a.length * 2);
        next.set(p.a);
        p.a = next;
      }
      p.a[p.n++] = o;
    };
    link(this.all);
    if (title >= 0) link(this.terms[title]!.postings);
    link(this.terms[employer]!.postings);
    if (occ >= 0) link(this.terms[occ]!.postings);
  }

  /** Sorts every postings list after a bulk load. */
  finishBulk() {
    const cmp = (x: number, y: number) => (this.before(x, y) ? -1 : this.before(y, x) ? 1 : 0);
    const sort = (p: Postings) => p.a.subarray(0, p.n).sort(cmp);
    sort(this.all);
    for (const t of this.terms) sort(t.postings);
    // Trim the doubling slack of the load (an eighth stays for the next writes).
    const trim = (p: Postings) => {
      const want = Math.max(4, p.n + (p.n >>> 3));
      if (p.a.length > want) p.a = p.a.slice(0, want);
    };
    trim(this.all);
    for (const t of this.terms) trim(t.postings);
  }

  private unlink(o: number) {
    this.removePosting(this.all, o);
    if (this.titleT[o]! >= 0) this.removePosting(this.terms[this.titleT[o]!]!.postings, o);
    this.removePosting(this.terms[this.employerT[o]!]!.postings, o);
    if (this.occT[o]! >= 0) this.removePosting(this.terms[this.occT[o]!]!.postings, o);
    this.alive[o] = 0;
    this.aliveCount--;
  }

  remove(id: string) {
    const o = this.find(id);
    if (o >= 0 && this.alive[o]) this.unlink(o);
  }

  /** Typed-array bytes (the documents' columns, the id table and the postings). */
  bytes(): number {
    let n = this.words.byteLength + this.published.byteLength + this.expires.byteLength + this.titleT.byteLength * 3 + this.alive.byteLength + this.slots.byteLength + this.all.a.byteLength;
    for (const t of this.terms) n += t.postings.a.byteLength;
    return n;
  }

  /**
   * The terms matching a lookup, best first — the same tiers and order as the SQL lookup
   * (terms.ts findTerms): tier, then how many live documents carry the term, then key.
   */
  findTerms(lookup: TermLookup, kinds: TermKind[]): MemoryRankedTerm[] {
    this.settleForms();
    const startsOnly = lookup.normalized.length <= 1;
    const short = lookup.short;
    const best = new Map<number, number>();
    const texts = this.formText;
    for (const p of lookup.probes) {
      let lo = 0, hi = texts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (texts[mid]! < p.form) lo = mid + 1;
        else hi = mid;
      }
      let scanned = 0;
      for (let i = lo; i < texts.length && scanned < PROBE_LIMIT; i++) {
        const form = texts[i]!;
        if (!form.startsWith(p.form)) break;
        const pos = this.formPos[i]!;
        if (startsOnly && pos !== 0) continue;
        scanned++;
        const termId = this.formTerm[i]!;
        const term = this.terms[termId]!;
        if (!kinds.includes(term.kind)) continue;
        const ftype = this.formFtype[i]!;
        let tier: number | null;
        if (p.tag === 'typed') {
          if (term.kind === 'e') tier = pos === 0 || short ? TIER.employerStart : TIER.employerInside;
          else if (term.kind === 'o') tier = TIER.related;
          else tier = pos === 0 && form === p.form ? TIER.exact : pos === 0 || short ? TIER.start : TIER.inside;
        } else if (p.tag === 'syn') tier = term.kind === 'e' ? TIER.employerInside : TIER.related;
        else tier = ftype === 'p' ? (term.kind === 'e' ? TIER.employerHomophone : TIER.homophone) : null;
        if (tier === null) continue;
        const had = best.get(termId);
        if (had === undefined || tier < had) best.set(termId, tier);
      }
    }
    const out: MemoryRankedTerm[] = [];
    for (const [id, tier] of best) {
      const t = this.terms[id]!;
      if (t.postings.n > 0 && t.label) out.push({ id, kind: t.kind, key: t.key, label: t.label, tier, count: t.postings.n });
    }
    out.sort((x, y) => x.tier - y.tier || y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return out.slice(0, MAX_TERMS);
  }

  /**
   * The newest live documents of the terms in rank order, each once, until `needed` are found:
   * a broad prefix reads the first entries of its best terms' postings, never all its matches.
   */
  candidates(terms: { id: number }[], needed: number, now: number): number[] {
    const out: number[] = [];
    const seen = new Set<number>();
    for (const t of terms) {
      const p = this.terms[t.id]!.postings;
      for (let i = 0; i < p.n && out.length < needed; i++) {
        const o = p.a[i]!;
        if (this.expires[o]! <= now || seen.has(o)) continue;
        seen.add(o);
        out.push(o);
      }
      if (out.length >= needed) break;
    }
    return out;
  }

  /**
   * The first `perTerm` live documents of the empty query and of every term, commonest terms first,
   * each once, at most `max` ids: what as-you-type pages show most (prefetched into the document
   * cache after a load, docs/adr/0163).
   */
  firstPages(perTerm: number, max: number, now: number): string[] {
    const out: string[] = [];
    const seen = new Set<number>();
    const take = (ordinals: number[]) => {
      for (const o of ordinals) if (!seen.has(o) && out.length < max) (seen.add(o), out.push(this.idOf(o)));
    };
    take(this.newest(perTerm, now));
    const byUse = this.terms.map((t, id) => ({ id, n: t.postings.n })).sort((a, b) => b.n - a.n);
    for (const t of byUse) {
      if (out.length >= max) break;
      take(this.candidates([t], perTerm, now));
    }
    return out;
  }

  /** The newest live documents (the empty query). */
  newest(needed: number, now: number): number[] {
    const out: number[] = [];
    const p = this.all;
    for (let i = 0; i < p.n && out.length < needed; i++) {
      const o = p.a[i]!;
      if (this.expires[o]! > now) out.push(o);
    }
    return out;
  }
}

/**
 * A minimal in-memory BM25 index over short documents (occupation and skill labels).
 * Labels are 1–6 words, so an inverted index with per-term postings is all it takes to
 * score a query in well under a millisecond.
 */
export interface Hit { doc: number; score: number; matchedIdf: number }

export class Bm25 {
  private postings = new Map<string, number[]>();
  private lengths: number[] = [];
  private idfCache = new Map<string, number>();
  private avgLen = 1;

  constructor(private readonly k1 = 1.2, private readonly b = 0.5) {}

  add(tokens: string[]): number {
    const id = this.lengths.length;
    this.lengths.push(tokens.length);
    for (const t of new Set(tokens)) {
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push(id);
    }
    return id;
  }

  /** Call once after the last add(). */
  finish(): void {
    const n = this.lengths.length || 1;
    this.avgLen = this.lengths.reduce((a, b) => a + b, 0) / n || 1;
    for (const [t, list] of this.postings) {
      this.idfCache.set(t, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
    }
  }

  idf(term: string): number {
    // Unknown terms are as informative as the rarest known term.
    return this.idfCache.get(term) ?? Math.log(1 + (this.lengths.length + 0.5) / 0.5);
  }

  docLength(doc: number): number {
    return this.lengths[doc];
  }

  /** Scores every document sharing a term with the query (term frequency taken as 1). */
  search(query: string[]): Map<number, Hit> {
    const hits = new Map<number, Hit>();
    for (const term of new Set(query)) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const doc of list) {
        const norm = 1 - this.b + (this.b * this.lengths[doc]) / this.avgLen;
        const s = (idf * (this.k1 + 1)) / (1 + this.k1 * norm);
        const h = hits.get(doc);
        if (h) {
          h.score += s;
          h.matchedIdf += idf;
        } else hits.set(doc, { doc, score: s, matchedIdf: idf });
      }
    }
    return hits;
  }
}

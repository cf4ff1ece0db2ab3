/**
 * The search port. Everything that indexes or queries goes through this interface, so the
 * Meilisearch adapter (production) and the Postgres adapter (default) are interchangeable.
 * The search issue grows this port; the foundation needs only health.
 */
export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Throws when the engine cannot serve queries. */
  health(): Promise<void>;
  close(): Promise<void>;
}

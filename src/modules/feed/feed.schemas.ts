import { Type } from '@sinclair/typebox';
import { PublicVacancy } from '../../search/search.schemas.js';

export const FeedQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page; resume exactly after it' }),
    ),
    updatedAfter: Type.Optional(
      Type.String({ format: 'date-time', description: 'first call only: start with changes made after this time (ISO 8601). Omit both to replay from the beginning.' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  },
  { additionalProperties: false },
);

export const REMOVAL_REASONS = ['closed', 'filled', 'expired', 'unpublished', 'deleted'] as const;

export const FeedItem = Type.Object({
  id: Type.String({ format: 'uuid', description: 'vacancy id' }),
  change: Type.Union([Type.Literal('upsert'), Type.Literal('removal')], {
    description: 'upsert: the vacancy is public now, `vacancy` holds its current public fields; removal: it is no longer public (drop it)',
  }),
  changedAt: Type.String({ format: 'date-time', description: 'when the change was made (the start of its transaction)' }),
  vacancy: Type.Optional(PublicVacancy),
  reason: Type.Optional(
    Type.Union(REMOVAL_REASONS.map((r) => Type.Literal(r)), { description: 'why a removed vacancy left: closed, filled, expired, unpublished (back to draft or review) or deleted' }),
  ),
});

export const FeedResponse = Type.Object({
  items: Type.Array(FeedItem),
  nextCursor: Type.String({ description: 'pass as `cursor` on the next call (also when `hasMore` is false: poll with it later)' }),
  hasMore: Type.Boolean({ description: 'true: more changes are ready now, call again at once; false: caught up, poll again in a minute or so' }),
});

export const FEED_DESCRIPTION = `Every change to public vacancies, in a stable order, for partner systems (provincial and
national platforms, mini-programs, agencies) that keep their own copy.

Each item carries the vacancy's **current** public fields (\`change: "upsert"\`) or says it is no
longer public (\`change: "removal"\`: closed, filled, expired, unpublished or deleted). Apply items
in order: upsert replaces your copy, removal deletes it. A vacancy changed several times appears
once, at its latest change. Replaying from the start (no \`cursor\`, no \`updatedAfter\`) gives the
whole published set; afterwards follow \`nextCursor\`, which never skips a change, even one whose
transaction commits while you are paging. \`updatedAfter\` is only a starting point for a first call
(around that instant it may repeat or, for a transaction still running then, miss a change:
prefer a stored cursor). Rate-limited per client IP (429 with a retry time above it).

Example client loop (JavaScript):

\`\`\`js
let cursor = await store.get('cursor');            // undefined on the very first run
for (;;) {
  const url = new URL('/public/feed/vacancies', BASE);
  if (cursor) url.searchParams.set('cursor', cursor);
  url.searchParams.set('limit', '500');
  const res = await fetch(url);
  if (res.status === 429) { await sleep(Number(res.headers.get('retry-after') ?? 60) * 1000); continue; }
  if (!res.ok) throw new Error(\`feed: HTTP \${res.status}\`);
  const page = await res.json();
  for (const item of page.items) {
    if (item.change === 'upsert') await store.put(item.id, item.vacancy);
    else await store.remove(item.id);
  }
  cursor = page.nextCursor;
  await store.set('cursor', cursor);                // after applying the page: at-least-once, idempotent
  if (!page.hasMore) await sleep(60_000);           // caught up: poll once a minute
}
\`\`\``;

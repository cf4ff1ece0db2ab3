import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';
import { employers } from '../employers/employers.table.js';
import { seekers } from '../seekers/seekers.table.js';

export const savedSearchKindEnum = pgEnum('saved_search_kind', ['vacancies', 'seekers']);

/**
 * A saved query: a job seeker's (saved by staff) for new vacancies, or an employer's for new
 * candidate profiles. The alerts worker runs each one and records every new item once.
 */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: id(),
    kind: savedSearchKindEnum('kind').notNull(),
    seekerId: uuid('seeker_id').references(() => seekers.id),
    employerId: uuid('employer_id').references(() => employers.id),
    createdByKeyId: uuid('created_by_key_id'),
    name: text('name').notNull(),
    query: jsonb('query').notNull(),
    channel: text('channel').notNull().default('sms'),
    active: boolean('active').notNull().default(true),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('saved_searches_employer_idx').on(t.employerId)],
);

export const searchAlerts = pgTable(
  'search_alerts',
  {
    id: id(),
    savedSearchId: uuid('saved_search_id')
      .notNull()
      .references(() => savedSearches.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').notNull(),
    title: text('title').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  // Each item is alerted once per saved search, however often the worker runs.
  (t) => [unique('search_alerts_once_uq').on(t.savedSearchId, t.itemId)],
);

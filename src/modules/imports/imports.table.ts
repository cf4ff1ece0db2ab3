import { boolean, customType, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from '../../db/columns.js';
import { fairs } from '../fairs/fairs.table.js';
import { offices } from '../offices/offices.table.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const importStatusEnum = pgEnum('import_status', ['queued', 'running', 'completed', 'failed']);

/** A bulk vacancy upload. The file is kept with the row so the import job can (re)run from Postgres alone. */
export const vacancyImports = pgTable('vacancy_imports', {
  id: id(),
  fairId: uuid('fair_id').references(() => fairs.id),
  officeId: uuid('office_id')
    .notNull()
    .references(() => offices.id),
  createdByKeyId: uuid('created_by_key_id'),
  /** The uploader's principal (role, office, employer): the job writes with exactly their rights. */
  uploadedBy: jsonb('uploaded_by'),
  filename: text('filename').notNull(),
  format: text('format').notNull(),
  content: bytea('content').notNull(),
  allowCreateEmployers: boolean('allow_create_employers').notNull().default(false),
  publish: boolean('publish').notNull().default(true),
  status: importStatusEnum('status').notNull().default('queued'),
  totalRows: integer('total_rows'),
  processedRows: integer('processed_rows').notNull().default(0),
  inserted: integer('inserted').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  failedRows: integer('failed_rows').notNull().default(0),
  /** [{row, field, message}] capped at a few thousand entries. */
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  fatalError: text('fatal_error'),
  createdAt: createdAt(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

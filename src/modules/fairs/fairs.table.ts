import { index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { FAIR_KIND_VALUES } from '../../vocabulary/index.js';
import { employers } from '../employers/employers.table.js';
import { districts, offices } from '../offices/offices.table.js';

export const fairKindEnum = pgEnum('fair_kind', FAIR_KIND_VALUES);
export const fairStatusEnum = pgEnum('fair_status', ['planned', 'open', 'closed', 'cancelled']);

export const fairs = pgTable(
  'fairs',
  {
    id: id(),
    name: text('name').notNull(),
    kind: fairKindEnum('kind').notNull(),
    /** For special campaigns: e.g. 春风行动 (Spring Breeze), 就业援助月 (Employment Assistance Month). */
    campaign: text('campaign'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    venue: text('venue').notNull(),
    districtCode: text('district_code').references(() => districts.code),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    status: fairStatusEnum('status').notNull().default('planned'),
    attendance: integer('attendance'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('fairs_starts_idx').on(t.startsAt)],
);

export const fairBooths = pgTable(
  'fair_booths',
  {
    id: id(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    boothNo: text('booth_no').notNull(),
    /** 达成意向: intentions reached at this booth, reported after the fair. */
    intentionsReached: integer('intentions_reached'),
    createdAt: createdAt(),
  },
  (t) => [unique('fair_booths_employer_uq').on(t.fairId, t.employerId), unique('fair_booths_no_uq').on(t.fairId, t.boothNo)],
);

import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { districts, offices } from '../offices/offices.table.js';

/** GB/T 4754-2017 industry sections A–T. */
export const INDUSTRY_SECTIONS = 'ABCDEFGHIJKLMNOPQRST'.split('');
export const sizeBandEnum = pgEnum('size_band', ['micro', 'small', 'medium', 'large']);

export const employers = pgTable(
  'employers',
  {
    id: id(),
    name: text('name').notNull(),
    /** 统一社会信用代码, 18 characters, checksum per GB 32100-2015. */
    creditCode: text('credit_code').notNull().unique(),
    industry: text('industry').notNull(),
    sizeBand: sizeBandEnum('size_band').notNull(),
    districtCode: text('district_code').references(() => districts.code),
    address: text('address'),
    /** Personal data of the contact person: never in public or search responses. */
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    /**
     * True only after office staff (or an admin) checked the company; recruiters of an
     * unverified employer cannot publish vacancies or see candidates.
     */
    verified: boolean('verified').notNull().default(false),
    /** Personal data of the contact person, like the phone. */
    contactEmail: text('contact_email'),
    /** Registered by the company itself (self-registration) rather than by an office. */
    selfRegistered: boolean('self_registered').notNull().default(false),
    /** Why staff rejected the registration; cleared when verified. */
    rejectionReason: text('rejection_reason'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** 用人单位性质 (state_owned, private, foreign, public_institution, ...): grouped in the quarterly analysis. */
    ownership: text('ownership'),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('employers_name_idx').on(t.name)],
);

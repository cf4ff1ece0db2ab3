import { date, index, integer, numeric, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { REFERRAL_OUTCOME_VALUES } from '../../vocabulary/index.js';
import { employers } from '../employers/employers.table.js';
import { offices } from '../offices/offices.table.js';
import { seekers } from '../seekers/seekers.table.js';
import { vacancies } from '../vacancies/vacancies.table.js';

export const referralOutcomeEnum = pgEnum('referral_outcome', REFERRAL_OUTCOME_VALUES);

/** 职业介绍: a seeker referred to a vacancy. Releases the seeker's contact to that employer only. */
export const referrals = pgTable(
  'referrals',
  {
    id: id(),
    seekerId: uuid('seeker_id')
      .notNull()
      .references(() => seekers.id),
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    referredByKeyId: uuid('referred_by_key_id'),
    outcome: referralOutcomeEnum('outcome').notNull().default('pending'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('referrals_pair_uq').on(t.seekerId, t.vacancyId),
    index('referrals_vacancy_idx').on(t.vacancyId),
    index('referrals_created_idx').on(t.createdAt),
  ],
);

/** 就业登记: a recorded placement, usually from a hired referral. */
export const placements = pgTable(
  'placements',
  {
    id: id(),
    referralId: uuid('referral_id')
      .unique()
      .references(() => referrals.id),
    seekerId: uuid('seeker_id')
      .notNull()
      .references(() => seekers.id),
    vacancyId: uuid('vacancy_id').references(() => vacancies.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    contractStart: date('contract_start').notNull(),
    contractMonths: integer('contract_months'),
    monthlyWage: numeric('monthly_wage', { mode: 'number' }).notNull(),
    /** 管理岗位等级 (senior, middle, junior, staff) and 技术等级 of the job taken: wage guidance breakdowns. */
    managementGrade: text('management_grade'),
    skillGrade: text('skill_grade'),
    createdAt: createdAt(),
  },
  (t) => [index('placements_start_idx').on(t.contractStart)],
);

export const referralRequestStatusEnum = pgEnum('referral_request_status', ['requested', 'referred', 'declined']);

/**
 * 推荐申请: a recruiter asks the office to refer one of the vacancy's proposed candidates. The
 * recruiter never sees the person's contact through it; staff decide, and "refer" creates the
 * referral through the referral service (same checks: consent, status, welfare posts).
 */
export const referralRequests = pgTable(
  'referral_requests',
  {
    id: id(),
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    seekerId: uuid('seeker_id')
      .notNull()
      .references(() => seekers.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    /** The vacancy's office when asked: whose staff decide. */
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    requestedByName: text('requested_by_name').notNull(),
    requestedByPersonId: uuid('requested_by_person_id'),
    note: text('note'),
    status: referralRequestStatusEnum('status').notNull().default('requested'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByName: text('decided_by_name'),
    decisionReason: text('decision_reason'),
    referralId: uuid('referral_id').references(() => referrals.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('referral_requests_pair_uq').on(t.vacancyId, t.seekerId), index('referral_requests_office_idx').on(t.officeId, t.status)],
);

import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { CONTRACT_TYPE_VALUES, EDUCATION, PAY_UNIT_VALUES, VACANCY_STATUS_VALUES } from '../../vocabulary/index.js';
import { employers } from '../employers/employers.table.js';
import { fairs } from '../fairs/fairs.table.js';
import { districts, offices } from '../offices/offices.table.js';
import { occupationSystemEnum } from '../occupations/occupations.table.js';

// Enum values come from the vocabulary (one definition; order = Postgres enum order).
export const wageUnitEnum = pgEnum('wage_unit', PAY_UNIT_VALUES);
export const educationEnum = pgEnum('education', EDUCATION);
export const contractTypeEnum = pgEnum('contract_type', CONTRACT_TYPE_VALUES);
export const vacancyStatusEnum = pgEnum('vacancy_status', VACANCY_STATUS_VALUES);
export const screeningOutcomeEnum = pgEnum('screening_outcome', ['pass', 'review', 'block']);

export const vacancies = pgTable(
  'vacancies',
  {
    id: id(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    fairId: uuid('fair_id').references(() => fairs.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    requirements: text('requirements').notNull().default(''),
    howToApply: text('how_to_apply').notNull().default(''),
    occupationSystem: occupationSystemEnum('occupation_system'),
    occupationCode: text('occupation_code'),
    /** ISCO-08 unit group derived from the occupation code (for matching and statistics). */
    iscoUnit: text('isco_unit'),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    headcount: integer('headcount').notNull().default(1),
    wageMin: numeric('wage_min', { mode: 'number' }),
    wageMax: numeric('wage_max', { mode: 'number' }),
    wageUnit: wageUnitEnum('wage_unit').notNull().default('month'),
    /** Normalised CNY per month: day × 21.75, hour × 8 × 21.75, year ÷ 12; null for piece rates. */
    wageMonthlyMin: numeric('wage_monthly_min', { mode: 'number' }),
    wageMonthlyMax: numeric('wage_monthly_max', { mode: 'number' }),
    educationMin: educationEnum('education_min').notNull().default('none'),
    experienceMinYears: integer('experience_min_years').notNull().default(0),
    contractType: contractTypeEnum('contract_type').notNull().default('full_time'),
    /** 技术等级 asked for (vq5..vq1, technician, engineer, senior_engineer); null = no requirement. */
    skillGradeRequired: text('skill_grade_required'),
    districtCode: text('district_code').references(() => districts.code),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** 公益性岗位: proposed only to people in a priority group. */
    publicWelfare: boolean('public_welfare').notNull().default(false),
    status: vacancyStatusEnum('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    screeningOutcome: screeningOutcomeEnum('screening_outcome'),
    screeningFindings: jsonb('screening_findings').notNull().default(sql`'[]'::jsonb`),
    /** Legal-basis codes an organiser attached to otherwise flagged requirements. */
    justifications: jsonb('justifications').notNull().default(sql`'[]'::jsonb`),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    source: text('source').notNull().default('api'),
    /** The importer's own id for this row: re-importing the same file updates, never duplicates. */
    externalRef: text('external_ref'),
    /** Bumped on every change; search sync and matching compare it to skip stale work. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('vacancies_external_ref_uq').on(t.employerId, t.externalRef).where(sql`external_ref is not null`),
    index('vacancies_status_idx').on(t.status, t.publishedAt),
    index('vacancies_fair_idx').on(t.fairId),
    index('vacancies_employer_idx').on(t.employerId),
    index('vacancies_isco_idx').on(t.iscoUnit),
  ],
);

import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { seekers } from '../seekers/seekers.table.js';
import { vacancies } from '../vacancies/vacancies.table.js';

/**
 * What the matcher knows about a job seeker, derived from `seekers` by the matching worker.
 * Only score inputs live here (no name, sex, birth date, ethnicity, hukou, phone or ID), so
 * the scorer cannot read a protected attribute even by mistake. `eligibleWelfare` is the one
 * policy flag: it gates 公益性岗位 candidacy and is never a score input.
 * `group_keys` holds ISCO unit/minor/sub-major keys (and unit/major × district) for GIN
 * candidate generation, so a vacancy never scans every seeker.
 */
export const matchSeekerFeatures = pgTable(
  'match_seeker_features',
  {
    seekerId: uuid('seeker_id')
      .primaryKey()
      .references(() => seekers.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    active: boolean('active').notNull(),
    eligibleWelfare: boolean('eligible_welfare').notNull().default(false),
    iscoUnits: text('isco_units').array().notNull().default(sql`'{}'::text[]`),
    groupKeys: text('group_keys').array().notNull().default(sql`'{}'::text[]`),
    skillKeys: text('skill_keys').array().notNull().default(sql`'{}'::text[]`),
    skillLabels: text('skill_labels').array().notNull().default(sql`'{}'::text[]`),
    districtCode: text('district_code'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    educationRank: integer('education_rank').notNull().default(0),
    experienceYears: integer('experience_years').notNull().default(0),
    desiredWageMin: numeric('desired_wage_min', { mode: 'number' }),
    availability: text('availability').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('msf_group_keys_gin').using('gin', t.groupKeys).where(sql`active`),
    index('msf_skill_keys_gin').using('gin', t.skillKeys).where(sql`active`),
  ],
);

/** Same for vacancies: required skills as keys (stated, or implied by the occupation). */
export const matchVacancyFeatures = pgTable(
  'match_vacancy_features',
  {
    vacancyId: uuid('vacancy_id')
      .primaryKey()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    open: boolean('open').notNull(),
    publicWelfare: boolean('public_welfare').notNull().default(false),
    iscoUnit: text('isco_unit'),
    groupKeys: text('group_keys').array().notNull().default(sql`'{}'::text[]`),
    skillKeys: text('skill_keys').array().notNull().default(sql`'{}'::text[]`),
    skillLabels: text('skill_labels').array().notNull().default(sql`'{}'::text[]`),
    skillsImplied: boolean('skills_implied').notNull().default(false),
    districtCode: text('district_code'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    wageMax: numeric('wage_max', { mode: 'number' }),
    educationRank: integer('education_rank').notNull().default(0),
    experienceMinYears: integer('experience_min_years').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mvf_group_keys_gin').using('gin', t.groupKeys).where(sql`open`),
    index('mvf_skill_keys_gin').using('gin', t.skillKeys),
  ],
);

/**
 * Stored matches. `direction` says whose list the row belongs to: 'vacancy' rows are a
 * vacancy's best candidates, 'seeker' rows a seeker's best vacancies; a recompute replaces
 * exactly one list in one transaction, so the two never delete each other's rows.
 */
export const matches = pgTable(
  'matches',
  {
    direction: text('direction', { enum: ['vacancy', 'seeker'] }).notNull(),
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id, { onDelete: 'cascade' }),
    seekerId: uuid('seeker_id')
      .notNull()
      .references(() => seekers.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    components: jsonb('components').notNull(),
    reasons: jsonb('reasons').notNull(),
    vacancyVersion: integer('vacancy_version').notNull(),
    seekerVersion: integer('seeker_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.direction, t.vacancyId, t.seekerId] }),
    index('matches_vacancy_score_idx').on(t.vacancyId, t.direction, t.score),
    index('matches_seeker_score_idx').on(t.seekerId, t.direction, t.score),
  ],
);

/** The version each list was last computed for: a job for an already-computed version is skipped. */
export const matchRuns = pgTable(
  'match_runs',
  {
    subject: text('subject', { enum: ['vacancy', 'seeker'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    version: integer('version').notNull(),
    candidates: integer('candidates').notNull().default(0),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.subjectId] })],
);

/**
 * 公益性岗位 opened to everyone under the configured rule (no eligible candidate N days after
 * publication). One row per vacancy: the record of when and why the priority-first rule was
 * relaxed, so the decision can be audited.
 */
export const welfareOpenings = pgTable('welfare_openings', {
  vacancyId: uuid('vacancy_id')
    .primaryKey()
    .references(() => vacancies.id, { onDelete: 'cascade' }),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
  /** The rule that applied, e.g. 'no_eligible_candidate_after_days:30'. */
  rule: text('rule').notNull(),
  /** Days since publication at the time, and eligible candidates found (0 by the rule). */
  daysPublished: integer('days_published').notNull(),
  eligibleCandidates: integer('eligible_candidates').notNull(),
});

import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.js';
import { PRIORITY_GROUP_VALUES, SEEKER_STATUS_VALUES } from '../../vocabulary/index.js';
import { districts, offices } from '../offices/offices.table.js';
import { educationEnum } from '../vacancies/vacancies.table.js';

export const registrationKindEnum = pgEnum('registration_kind', ['unemployment', 'job_seeking']);
export const sexEnum = pgEnum('sex', ['male', 'female']);
export const hukouEnum = pgEnum('hukou_type', ['urban_local', 'urban_nonlocal', 'rural_local', 'rural_nonlocal']);
export const availabilityEnum = pgEnum('availability', ['immediate', 'within_month', 'later', 'employed_looking']);
export const seekerStatusEnum = pgEnum('seeker_status', SEEKER_STATUS_VALUES);

/** 就业困难人员 and other priority groups (the vocabulary's list). Used only for policy (public welfare posts) and statistics. */
export const PRIORITY_GROUPS = PRIORITY_GROUP_VALUES;

/** Certificates staff can record as seen (eligibility evidence for priority groups). */
export const PRIORITY_DOCUMENTS = [
  'disability_certificate',
  'minimum_living_allowance_certificate',
  'zero_employment_household_certificate',
  'land_requisition_certificate',
  'graduation_certificate',
  'veteran_certificate',
] as const;

/**
 * 求职者. Personal data (name, phone, national ID, address, birth date, sex, ethnicity,
 * hukou, priority groups) lives only here and is never copied into search documents.
 * The national ID is stored as a keyed hash (de-duplication) and its last 4 characters.
 */
export const seekers = pgTable(
  'seekers',
  {
    id: id(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    registrationKind: registrationKindEnum('registration_kind').notNull(),
    name: text('name').notNull(),
    nationalIdHash: text('national_id_hash').notNull().unique(),
    nationalIdLast4: text('national_id_last4').notNull(),
    phone: text('phone'),
    birthDate: date('birth_date').notNull(),
    sex: sexEnum('sex').notNull(),
    ethnicity: text('ethnicity'),
    hukouType: hukouEnum('hukou_type'),
    address: text('address'),
    districtCode: text('district_code').references(() => districts.code),
    lat: numeric('lat', { mode: 'number' }),
    lon: numeric('lon', { mode: 'number' }),
    education: educationEnum('education').notNull().default('none'),
    experienceYears: integer('experience_years').notNull().default(0),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    /** [{system, code}] occupations the person wants. */
    desiredOccupations: jsonb('desired_occupations').notNull().default(sql`'[]'::jsonb`),
    desiredWageMin: numeric('desired_wage_min', { mode: 'number' }),
    availability: availabilityEnum('availability').notNull().default('immediate'),
    /** Work history and what the person is looking for, in their words (no personal data). */
    profileText: text('profile_text').notNull().default(''),
    priorityGroups: text('priority_groups').array().notNull().default(sql`'{}'::text[]`),
    unemployedSince: date('unemployed_since'),
    /** The one occupation the person asks for first at the counter (occupations code, e.g. cn2022 6-31-01-03); the form's picker. */
    desiredOccupation: text('desired_occupation'),
    /** 可到岗日期: the first day the person can start. */
    availableFrom: date('available_from'),
    /** Certificates seen at the counter that back a priority group (残疾证, 低保证, ...): what eligibility checks read. */
    priorityDocuments: text('priority_documents').array().notNull().default(sql`'{}'::text[]`),
    /** 求职人员类别 (MOHRSS quarterly analysis): new_youth_graduate, employed_to_unemployed, nonlocal, ... */
    seekerCategory: text('seeker_category'),
    /** 技术等级 held: vq5..vq1 (职业资格/技能等级五级…一级), technician, engineer, senior_engineer, none. */
    skillGrade: text('skill_grade'),
    consentSearchable: boolean('consent_searchable').notNull().default(false),
    consentContactViaReferral: boolean('consent_contact_via_referral').notNull().default(true),
    // The current state of each consent purpose; the records and their history are in
    // seeker_consents (src/modules/privacy). These columns are what the read paths check.
    /** PIPL art. 24: the person may refuse automated ranking and be served by staff only. */
    consentAutomatedMatching: boolean('consent_automated_matching').notNull().default(true),
    /** PIPL art. 29: separate consent for sensitive categories (disability, health, 低保, ...). */
    consentSensitive: boolean('consent_sensitive').notNull().default(false),
    /** Why priority groups may be held: the person's own consent, or the public-service basis (docs/privacy.md). */
    sensitiveBasis: text('sensitive_basis'),
    /** Set once identifying data was removed (on request or by retention); the row keeps statistics facts only. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    status: seekerStatusEnum('status').notNull().default('active'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('seekers_status_idx').on(t.status, t.registeredAt), index('seekers_office_idx').on(t.officeId)],
);

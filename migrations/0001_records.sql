CREATE TYPE "public"."office_level" AS ENUM('city', 'district', 'street', 'community');--> statement-breakpoint
CREATE TYPE "public"."size_band" AS ENUM('micro', 'small', 'medium', 'large');--> statement-breakpoint
CREATE TYPE "public"."fair_kind" AS ENUM('city_theme_monthly', 'weekly_saturday', 'county_weekly', 'street_fortnightly', 'campus', 'online', 'special_campaign');--> statement-breakpoint
CREATE TYPE "public"."fair_status" AS ENUM('planned', 'open', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."occupation_system" AS ENUM('isco', 'esco', 'cn2022');--> statement-breakpoint
CREATE TYPE "public"."contract_type" AS ENUM('full_time', 'part_time', 'temporary', 'internship', 'flexible');--> statement-breakpoint
CREATE TYPE "public"."education" AS ENUM('none', 'primary', 'junior_secondary', 'senior_secondary', 'vocational', 'associate', 'bachelor', 'master', 'doctorate');--> statement-breakpoint
CREATE TYPE "public"."screening_outcome" AS ENUM('pass', 'review', 'block');--> statement-breakpoint
CREATE TYPE "public"."vacancy_status" AS ENUM('draft', 'pending_review', 'published', 'closed', 'filled', 'expired', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."wage_unit" AS ENUM('month', 'day', 'hour', 'year', 'piece');--> statement-breakpoint
CREATE TYPE "public"."availability" AS ENUM('immediate', 'within_month', 'later', 'employed_looking');--> statement-breakpoint
CREATE TYPE "public"."hukou_type" AS ENUM('urban_local', 'urban_nonlocal', 'rural_local', 'rural_nonlocal');--> statement-breakpoint
CREATE TYPE "public"."registration_kind" AS ENUM('unemployment', 'job_seeking');--> statement-breakpoint
CREATE TYPE "public"."seeker_status" AS ENUM('active', 'placed', 'inactive');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('male', 'female');--> statement-breakpoint
CREATE TYPE "public"."referral_outcome" AS ENUM('pending', 'interviewed', 'hired', 'rejected', 'declined', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('queued', 'running', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "districts" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"parent_code" text,
	"lat" double precision,
	"lon" double precision
);
--> statement-breakpoint
CREATE TABLE "offices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"level" "office_level" NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"district_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offices_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"industry" text NOT NULL,
	"size_band" "size_band" NOT NULL,
	"district_code" text,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"verified" boolean DEFAULT false NOT NULL,
	"office_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employers_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "fair_booths" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid NOT NULL,
	"employer_id" uuid NOT NULL,
	"booth_no" text NOT NULL,
	"intentions_reached" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fair_booths_employer_uq" UNIQUE("fair_id","employer_id"),
	CONSTRAINT "fair_booths_no_uq" UNIQUE("fair_id","booth_no")
);
--> statement-breakpoint
CREATE TABLE "fairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "fair_kind" NOT NULL,
	"campaign" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text NOT NULL,
	"district_code" text,
	"office_id" uuid NOT NULL,
	"status" "fair_status" DEFAULT 'planned' NOT NULL,
	"attendance" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupations" (
	"system" "occupation_system" NOT NULL,
	"code" text NOT NULL,
	"label_en" text,
	"label_zh" text,
	"level" integer NOT NULL,
	"parent_code" text,
	"isco_unit" text,
	CONSTRAINT "occupations_system_code_pk" PRIMARY KEY("system","code")
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"fair_id" uuid,
	"office_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"requirements" text DEFAULT '' NOT NULL,
	"how_to_apply" text DEFAULT '' NOT NULL,
	"occupation_system" "occupation_system",
	"occupation_code" text,
	"isco_unit" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"headcount" integer DEFAULT 1 NOT NULL,
	"wage_min" numeric,
	"wage_max" numeric,
	"wage_unit" "wage_unit" DEFAULT 'month' NOT NULL,
	"wage_monthly_min" numeric,
	"wage_monthly_max" numeric,
	"education_min" "education" DEFAULT 'none' NOT NULL,
	"experience_min_years" integer DEFAULT 0 NOT NULL,
	"contract_type" "contract_type" DEFAULT 'full_time' NOT NULL,
	"district_code" text,
	"lat" double precision,
	"lon" double precision,
	"public_welfare" boolean DEFAULT false NOT NULL,
	"status" "vacancy_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"screening_outcome" "screening_outcome",
	"screening_findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"justifications" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"source" text DEFAULT 'api' NOT NULL,
	"external_ref" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seekers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"office_id" uuid NOT NULL,
	"registration_kind" "registration_kind" NOT NULL,
	"name" text NOT NULL,
	"national_id_hash" text NOT NULL,
	"national_id_last4" text NOT NULL,
	"phone" text,
	"birth_date" date NOT NULL,
	"sex" "sex" NOT NULL,
	"ethnicity" text,
	"hukou_type" "hukou_type",
	"address" text,
	"district_code" text,
	"lat" numeric,
	"lon" numeric,
	"education" "education" DEFAULT 'none' NOT NULL,
	"experience_years" integer DEFAULT 0 NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"desired_occupations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"desired_wage_min" numeric,
	"availability" "availability" DEFAULT 'immediate' NOT NULL,
	"profile_text" text DEFAULT '' NOT NULL,
	"priority_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"unemployed_since" date,
	"consent_searchable" boolean DEFAULT false NOT NULL,
	"consent_contact_via_referral" boolean DEFAULT true NOT NULL,
	"status" "seeker_status" DEFAULT 'active' NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seekers_national_id_hash_unique" UNIQUE("national_id_hash")
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid,
	"seeker_id" uuid NOT NULL,
	"vacancy_id" uuid,
	"employer_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"contract_start" date NOT NULL,
	"contract_months" integer,
	"monthly_wage" numeric NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_referral_id_unique" UNIQUE("referral_id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seeker_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"office_id" uuid NOT NULL,
	"referred_by_key_id" uuid,
	"outcome" "referral_outcome" DEFAULT 'pending' NOT NULL,
	"outcome_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_pair_uq" UNIQUE("seeker_id","vacancy_id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_key_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"reason" text NOT NULL,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "vacancy_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fair_id" uuid,
	"office_id" uuid NOT NULL,
	"created_by_key_id" uuid,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"content" "bytea" NOT NULL,
	"allow_create_employers" boolean DEFAULT false NOT NULL,
	"publish" boolean DEFAULT true NOT NULL,
	"status" "import_status" DEFAULT 'queued' NOT NULL,
	"total_rows" integer,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fatal_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_parent_id_offices_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offices" ADD CONSTRAINT "offices_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fair_booths" ADD CONSTRAINT "fair_booths_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fairs" ADD CONSTRAINT "fairs_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seekers" ADD CONSTRAINT "seekers_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seekers" ADD CONSTRAINT "seekers_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_imports" ADD CONSTRAINT "vacancy_imports_fair_id_fairs_id_fk" FOREIGN KEY ("fair_id") REFERENCES "public"."fairs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancy_imports" ADD CONSTRAINT "vacancy_imports_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offices_path_idx" ON "offices" USING btree ("path");--> statement-breakpoint
CREATE INDEX "employers_name_idx" ON "employers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "fairs_starts_idx" ON "fairs" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "occupations_parent_idx" ON "occupations" USING btree ("system","parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "vacancies_external_ref_uq" ON "vacancies" USING btree ("employer_id","external_ref") WHERE external_ref is not null;--> statement-breakpoint
CREATE INDEX "vacancies_status_idx" ON "vacancies" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "vacancies_fair_idx" ON "vacancies" USING btree ("fair_id");--> statement-breakpoint
CREATE INDEX "vacancies_employer_idx" ON "vacancies" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "vacancies_isco_idx" ON "vacancies" USING btree ("isco_unit");--> statement-breakpoint
CREATE INDEX "seekers_status_idx" ON "seekers" USING btree ("status","registered_at");--> statement-breakpoint
CREATE INDEX "seekers_office_idx" ON "seekers" USING btree ("office_id");--> statement-breakpoint
CREATE INDEX "placements_start_idx" ON "placements" USING btree ("contract_start");--> statement-breakpoint
CREATE INDEX "referrals_vacancy_idx" ON "referrals" USING btree ("vacancy_id");--> statement-breakpoint
CREATE INDEX "referrals_created_idx" ON "referrals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("created_at");
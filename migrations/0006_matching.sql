CREATE TABLE "match_runs" (
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"candidates" integer DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_runs_subject_subject_id_pk" PRIMARY KEY("subject","subject_id")
);
--> statement-breakpoint
CREATE TABLE "match_seeker_features" (
	"seeker_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"active" boolean NOT NULL,
	"eligible_welfare" boolean DEFAULT false NOT NULL,
	"isco_units" text[] DEFAULT '{}'::text[] NOT NULL,
	"group_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"district_code" text,
	"lat" double precision,
	"lon" double precision,
	"education_rank" integer DEFAULT 0 NOT NULL,
	"experience_years" integer DEFAULT 0 NOT NULL,
	"desired_wage_min" numeric,
	"availability" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_vacancy_features" (
	"vacancy_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"open" boolean NOT NULL,
	"public_welfare" boolean DEFAULT false NOT NULL,
	"isco_unit" text,
	"group_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_labels" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills_implied" boolean DEFAULT false NOT NULL,
	"district_code" text,
	"lat" double precision,
	"lon" double precision,
	"wage_max" numeric,
	"education_rank" integer DEFAULT 0 NOT NULL,
	"experience_min_years" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"direction" text NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"seeker_id" uuid NOT NULL,
	"score" real NOT NULL,
	"components" jsonb NOT NULL,
	"reasons" jsonb NOT NULL,
	"vacancy_version" integer NOT NULL,
	"seeker_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_direction_vacancy_id_seeker_id_pk" PRIMARY KEY("direction","vacancy_id","seeker_id")
);
--> statement-breakpoint
ALTER TABLE "match_seeker_features" ADD CONSTRAINT "match_seeker_features_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_vacancy_features" ADD CONSTRAINT "match_vacancy_features_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "msf_group_keys_gin" ON "match_seeker_features" USING gin ("group_keys") WHERE active;--> statement-breakpoint
CREATE INDEX "msf_skill_keys_gin" ON "match_seeker_features" USING gin ("skill_keys") WHERE active;--> statement-breakpoint
CREATE INDEX "mvf_group_keys_gin" ON "match_vacancy_features" USING gin ("group_keys") WHERE open;--> statement-breakpoint
CREATE INDEX "mvf_skill_keys_gin" ON "match_vacancy_features" USING gin ("skill_keys");--> statement-breakpoint
CREATE INDEX "matches_vacancy_score_idx" ON "matches" USING btree ("vacancy_id","direction","score");--> statement-breakpoint
CREATE INDEX "matches_seeker_score_idx" ON "matches" USING btree ("seeker_id","direction","score");
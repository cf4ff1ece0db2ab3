CREATE TYPE "public"."consent_channel" AS ENUM('person_kiosk', 'person_online', 'staff_counter');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('recruiter_search', 'contact_release', 'sensitive_categories', 'automated_matching');--> statement-breakpoint
CREATE TABLE "audit_chain_checkpoints" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"removed_rows" bigint NOT NULL,
	"removed_before" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"rules" jsonb NOT NULL,
	"anonymised_seekers" integer DEFAULT 0 NOT NULL,
	"pruned_audit_rows" integer DEFAULT 0 NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seeker_consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seeker_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"granted" boolean NOT NULL,
	"notice_version" text NOT NULL,
	"channel" "consent_channel" NOT NULL,
	"actor_key_id" uuid,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "subject_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "consent_automated_matching" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "consent_sensitive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "sensitive_basis" text;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "seeker_consents" ADD CONSTRAINT "seeker_consents_seeker_id_seekers_id_fk" FOREIGN KEY ("seeker_id") REFERENCES "public"."seekers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seeker_consents_seeker_idx" ON "seeker_consents" USING btree ("seeker_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_seq_uq" ON "audit_log" USING btree ("seq");
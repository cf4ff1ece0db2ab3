CREATE TABLE "wage_guidance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"region_code" text NOT NULL,
	"system" text NOT NULL,
	"level" integer NOT NULL,
	"code" text NOT NULL,
	"source" text NOT NULL,
	"observations" bigint NOT NULL,
	"records" integer NOT NULL,
	"employers" integer NOT NULL,
	"top_employer_share" numeric NOT NULL,
	"p10" numeric NOT NULL,
	"p25" numeric NOT NULL,
	"p50" numeric NOT NULL,
	"p75" numeric NOT NULL,
	"p90" numeric NOT NULL,
	"mean" numeric NOT NULL,
	"suppressed" boolean NOT NULL,
	"suppression_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wage_guidance_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_kind" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"region_code" text NOT NULL,
	"window_from" timestamp with time zone NOT NULL,
	"window_to" timestamp with time zone NOT NULL,
	"vacancies" integer NOT NULL,
	"positions" bigint NOT NULL,
	"placements" integer NOT NULL,
	"cells" integer NOT NULL,
	"suppressed_cells" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"trigger" text DEFAULT 'job' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wage_guidance" ADD CONSTRAINT "wage_guidance_run_id_wage_guidance_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."wage_guidance_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wage_guidance_cell_uq" ON "wage_guidance" USING btree ("period_kind","period_start","region_code","system","code","source");--> statement-breakpoint
CREATE INDEX "wage_guidance_lookup_idx" ON "wage_guidance" USING btree ("system","code","source","region_code","period_kind");--> statement-breakpoint
CREATE INDEX "wage_guidance_runs_period_idx" ON "wage_guidance_runs" USING btree ("period_kind","period_start","region_code","created_at");
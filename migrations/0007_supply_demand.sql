CREATE TABLE "supply_demand_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iso_year" integer NOT NULL,
	"iso_week" integer NOT NULL,
	"region_code" text NOT NULL,
	"week_start" timestamp with time zone NOT NULL,
	"week_end" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL,
	"html_zh" text NOT NULL,
	"html_en" text NOT NULL,
	"csv" jsonb NOT NULL,
	"compile_ms" integer NOT NULL,
	"compiled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_demand_reports_week_region_uq" UNIQUE("iso_year","iso_week","region_code")
);
--> statement-breakpoint
CREATE TABLE "supply_demand_rows" (
	"report_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"figures" jsonb NOT NULL,
	CONSTRAINT "supply_demand_rows_report_id_dimension_key_pk" PRIMARY KEY("report_id","dimension","key")
);
--> statement-breakpoint
ALTER TABLE "supply_demand_rows" ADD CONSTRAINT "supply_demand_rows_report_id_supply_demand_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."supply_demand_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supply_demand_reports_region_idx" ON "supply_demand_reports" USING btree ("region_code","iso_year","iso_week");
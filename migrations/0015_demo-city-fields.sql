CREATE TABLE "welfare_openings" (
	"vacancy_id" uuid PRIMARY KEY NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"rule" text NOT NULL,
	"days_published" integer NOT NULL,
	"eligible_candidates" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "ownership" text;--> statement-breakpoint
ALTER TABLE "vacancies" ADD COLUMN "skill_grade_required" text;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "seeker_category" text;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "skill_grade" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "management_grade" text;--> statement-breakpoint
ALTER TABLE "placements" ADD COLUMN "skill_grade" text;--> statement-breakpoint
ALTER TABLE "welfare_openings" ADD CONSTRAINT "welfare_openings_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;
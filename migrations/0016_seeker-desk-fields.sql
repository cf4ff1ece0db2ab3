ALTER TABLE "seekers" ADD COLUMN "desired_occupation" text;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "available_from" date;--> statement-breakpoint
ALTER TABLE "seekers" ADD COLUMN "priority_documents" text[] DEFAULT '{}'::text[] NOT NULL;
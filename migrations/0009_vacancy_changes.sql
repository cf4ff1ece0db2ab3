CREATE TABLE "vacancy_changes" (
	"vacancy_id" uuid PRIMARY KEY NOT NULL,
	"txid" "xid8" NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "vacancy_changes_position_idx" ON "vacancy_changes" USING btree ("txid","vacancy_id");--> statement-breakpoint
CREATE INDEX "vacancy_changes_changed_at_idx" ON "vacancy_changes" USING btree ("changed_at");
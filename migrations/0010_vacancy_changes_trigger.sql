-- Custom migration (hand-written): the triggers that write the vacancy change feed's log
-- (table vacancy_changes, migration 0009). Statement-level triggers with transition tables:
-- one INSERT ... SELECT per statement, so a 1,000-row bulk import costs one extra statement,
-- not 1,000. Only vacancies that are or were published are logged: a draft edited ten times
-- never appears in the public feed, not even as an id. See docs/adr/0233-vacancy-change-feed.md.
CREATE OR REPLACE FUNCTION vacancy_changes_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO vacancy_changes (vacancy_id, txid, changed_at)
    SELECT n.id, pg_current_xact_id(), now() FROM new_rows n WHERE n.status = 'published'
    ON CONFLICT (vacancy_id) DO UPDATE SET txid = excluded.txid, changed_at = excluded.changed_at;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO vacancy_changes (vacancy_id, txid, changed_at)
    SELECT n.id, pg_current_xact_id(), now()
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status = 'published' OR o.status = 'published'
    ON CONFLICT (vacancy_id) DO UPDATE SET txid = excluded.txid, changed_at = excluded.changed_at;
  ELSE
    INSERT INTO vacancy_changes (vacancy_id, txid, changed_at)
    SELECT o.id, pg_current_xact_id(), now() FROM old_rows o WHERE o.status = 'published'
    ON CONFLICT (vacancy_id) DO UPDATE SET txid = excluded.txid, changed_at = excluded.changed_at;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER vacancy_changes_on_insert AFTER INSERT ON vacancies
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vacancy_changes_log();
--> statement-breakpoint
CREATE TRIGGER vacancy_changes_on_update AFTER UPDATE ON vacancies
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vacancy_changes_log();
--> statement-breakpoint
CREATE TRIGGER vacancy_changes_on_delete AFTER DELETE ON vacancies
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vacancy_changes_log();
--> statement-breakpoint
-- Backfill: every vacancy published before the feed existed, at this migration's position,
-- stamped with its last update so that `updatedAfter` finds it about where it belongs.
INSERT INTO vacancy_changes (vacancy_id, txid, changed_at)
SELECT id, pg_current_xact_id(), updated_at FROM vacancies WHERE status = 'published'
ON CONFLICT (vacancy_id) DO NOTHING;

-- Search as people type, in process (issue 16, docs/adr/0161). Every API process keeps the
-- vacancy term index and the postings (which documents carry which title, employer and
-- occupation, newest first) in memory, and reads only the page's documents from Postgres. To
-- stay exact with several processes, every write statement on the live vacancy documents takes
-- the next number of a per-index clock and logs the ids it touched under that number:
--   * the clock row is locked until commit, so numbers become visible in commit order, gap-free;
--   * a process that has applied the log up to N and sees the clock at M > N (the clock is read in
--     the same statement as the page's documents) applies N+1..M before answering: a committed
--     write is never missed, whichever process made it;
--   * NOTIFY search_vacancy_log carries the number, so processes apply writes as they happen;
--   * a statement touching more than 5,000 live documents (bulk loads) and a generation swap log
--     one "reload" entry instead of every id.
-- Nothing lives only in a process: a process that dies loses nothing, and a new one loads from here.
CREATE TABLE search_change_clock (
	index_name text PRIMARY KEY,
	version bigint NOT NULL DEFAULT 0
);
--> statement-breakpoint
INSERT INTO search_change_clock (index_name, version) VALUES ('vacancies', 0);
--> statement-breakpoint
CREATE TABLE search_change_log (
	index_name text NOT NULL,
	version bigint NOT NULL,
	-- null: reload everything (bulk statement, generation swap)
	id uuid,
	at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX search_change_log_version_idx ON search_change_log (index_name, version);
--> statement-breakpoint
CREATE FUNCTION search_log_change(p_index text, p_ids uuid[], p_reload boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
	UPDATE search_change_clock SET version = version + 1 WHERE index_name = p_index RETURNING version INTO v;
	IF p_reload THEN
		INSERT INTO search_change_log (index_name, version, id) VALUES (p_index, v, NULL);
	ELSE
		INSERT INTO search_change_log (index_name, version, id) SELECT p_index, v, i FROM unnest(p_ids) AS i;
	END IF;
	-- Keep about a day: a process that fell further behind reloads everything.
	IF v % 1000 = 0 THEN
		DELETE FROM search_change_log WHERE index_name = p_index AND at < now() - interval '1 day';
	END IF;
	PERFORM pg_notify('search_vacancy_log', v::text);
	RETURN v;
END $$;
--> statement-breakpoint
-- Fires before the term-count triggers (triggers of one event fire in name order): every writer
-- takes the clock first, so the clock and the term counters are always locked in the same order.
CREATE FUNCTION search_vacancy_log_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	ids uuid[];
	live text;
BEGIN
	SELECT generation INTO live FROM search_generations WHERE index_name = 'vacancies' AND state = 'live';
	IF TG_OP = 'DELETE' THEN
		SELECT array_agg(id) INTO ids FROM old_rows WHERE generation = live;
	ELSIF TG_OP = 'INSERT' THEN
		SELECT array_agg(id) INTO ids FROM new_rows WHERE generation = live;
	ELSE
		SELECT array_agg(id) INTO ids FROM (SELECT id FROM new_rows WHERE generation = live UNION SELECT id FROM old_rows WHERE generation = live) x;
	END IF;
	IF ids IS NULL THEN
		RETURN NULL;
	END IF;
	PERFORM search_log_change('vacancies', ids, cardinality(ids) > 5000);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_vacancy_a_log_ins AFTER INSERT ON search_vacancy_docs REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_vacancy_log_changes();
--> statement-breakpoint
CREATE TRIGGER search_vacancy_a_log_upd AFTER UPDATE ON search_vacancy_docs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_vacancy_log_changes();
--> statement-breakpoint
CREATE TRIGGER search_vacancy_a_log_del AFTER DELETE ON search_vacancy_docs REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_vacancy_log_changes();
--> statement-breakpoint
-- A generation swap (reindex) replaces every document: processes reload.
CREATE FUNCTION search_generation_swapped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.index_name = 'vacancies' AND NEW.state = 'live' AND OLD.state IS DISTINCT FROM 'live' THEN
		PERFORM search_log_change('vacancies', NULL, true);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_generation_swapped AFTER UPDATE ON search_generations
	FOR EACH ROW EXECUTE FUNCTION search_generation_swapped();

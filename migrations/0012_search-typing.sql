-- Search that keeps up with typing (issue 16, docs/adr/0160). A small term index beside the
-- documents: every distinct vacancy title, employer and occupation, and every seeker skill, with
-- its document count per index generation, and its spellings (characters, full pinyin, initials)
-- from every word or syllable start. A keystroke looks up the terms (a few index range scans),
-- then reads the newest documents of the best terms only, so the work is bounded by the page,
-- not by how many documents a broad word matches. Counts are kept by statement triggers in the
-- same transaction as the document write: a committed document is counted and searchable at once.
ALTER TABLE search_vacancy_docs ADD COLUMN title_key text;
--> statement-breakpoint
ALTER TABLE search_seeker_docs ADD COLUMN skill_keys text[] NOT NULL DEFAULT '{}';
--> statement-breakpoint
CREATE INDEX search_vacancy_title_key_idx ON search_vacancy_docs (generation, title_key, published_at DESC);
--> statement-breakpoint
CREATE INDEX search_vacancy_employer_idx ON search_vacancy_docs (generation, employer_id, published_at DESC);
--> statement-breakpoint
CREATE INDEX search_vacancy_isco_idx ON search_vacancy_docs (generation, isco_unit, published_at DESC);
--> statement-breakpoint
CREATE INDEX search_seeker_updated_idx ON search_seeker_docs (generation, updated_at DESC);
--> statement-breakpoint
-- kind: t = vacancy title, e = employer (key = employer id), o = occupation (key = ISCO unit), s = seeker skill.
-- The forms do not depend on the generation: they are a pure function of the label.
CREATE TABLE search_term_forms (
	kind "char" NOT NULL,
	key text NOT NULL,
	label text NOT NULL,
	-- c = characters (from each character, or each word start in Latin text), p = full pinyin, i = initials
	ftype "char" NOT NULL,
	-- 0 = from the start of the label; n = from the n-th character, syllable or initial
	pos smallint NOT NULL,
	form text COLLATE "C" NOT NULL,
	PRIMARY KEY (kind, key, ftype, pos)
);
--> statement-breakpoint
CREATE INDEX search_term_forms_form_idx ON search_term_forms (form) INCLUDE (kind, key, ftype, pos);
--> statement-breakpoint
CREATE INDEX search_term_forms_start_idx ON search_term_forms (form) INCLUDE (kind, key, ftype) WHERE pos = 0;
--> statement-breakpoint
CREATE TABLE search_terms (
	generation text NOT NULL,
	kind "char" NOT NULL,
	key text NOT NULL,
	doc_count integer NOT NULL DEFAULT 0,
	-- seekers: how many of the documents are consenting (what an employer may see)
	consent_count integer NOT NULL DEFAULT 0,
	PRIMARY KEY (generation, kind, key)
);
--> statement-breakpoint
-- A seeker has several skills: one posting row per (skill, seeker), newest first per skill.
CREATE TABLE search_seeker_postings (
	generation text NOT NULL,
	key text NOT NULL,
	id uuid NOT NULL,
	updated_at timestamptz NOT NULL,
	consent_searchable boolean NOT NULL,
	PRIMARY KEY (generation, key, id)
);
--> statement-breakpoint
CREATE INDEX search_seeker_postings_recent_idx ON search_seeker_postings (generation, key, updated_at DESC) INCLUDE (id, consent_searchable);
--> statement-breakpoint
CREATE INDEX search_seeker_postings_consent_idx ON search_seeker_postings (generation, key, updated_at DESC) INCLUDE (id) WHERE consent_searchable;
--> statement-breakpoint
CREATE INDEX search_seeker_postings_doc_idx ON search_seeker_postings (generation, id);
--> statement-breakpoint
-- Deltas are summed per term and applied in key order (two writers never lock the same counters
-- in opposite orders); an update that keeps a document's terms nets to zero and writes nothing.
CREATE FUNCTION search_vacancy_terms_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO search_terms (generation, kind, key, doc_count)
		SELECT generation, kind, key, sum(d)::int FROM (
			SELECT generation, 't'::"char" AS kind, title_key AS key, 1 AS d FROM new_rows WHERE title_key IS NOT NULL
			UNION ALL SELECT generation, 'e', employer_id::text, 1 FROM new_rows
			UNION ALL SELECT generation, 'o', isco_unit, 1 FROM new_rows WHERE isco_unit IS NOT NULL
		) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (generation, kind, key) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO search_terms (generation, kind, key, doc_count)
		SELECT generation, kind, key, sum(d)::int FROM (
			SELECT generation, 't'::"char" AS kind, title_key AS key, -1 AS d FROM old_rows WHERE title_key IS NOT NULL
			UNION ALL SELECT generation, 'e', employer_id::text, -1 FROM old_rows
			UNION ALL SELECT generation, 'o', isco_unit, -1 FROM old_rows WHERE isco_unit IS NOT NULL
		) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (generation, kind, key) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count;
	ELSE
		INSERT INTO search_terms (generation, kind, key, doc_count)
		SELECT generation, kind, key, sum(d)::int FROM (
			SELECT generation, 't'::"char" AS kind, title_key AS key, 1 AS d FROM new_rows WHERE title_key IS NOT NULL
			UNION ALL SELECT generation, 'e', employer_id::text, 1 FROM new_rows
			UNION ALL SELECT generation, 'o', isco_unit, 1 FROM new_rows WHERE isco_unit IS NOT NULL
			UNION ALL SELECT generation, 't'::"char", title_key, -1 FROM old_rows WHERE title_key IS NOT NULL
			UNION ALL SELECT generation, 'e', employer_id::text, -1 FROM old_rows
			UNION ALL SELECT generation, 'o', isco_unit, -1 FROM old_rows WHERE isco_unit IS NOT NULL
		) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
		ON CONFLICT (generation, kind, key) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_vacancy_terms_ins AFTER INSERT ON search_vacancy_docs REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_vacancy_terms_count();
--> statement-breakpoint
CREATE TRIGGER search_vacancy_terms_upd AFTER UPDATE ON search_vacancy_docs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_vacancy_terms_count();
--> statement-breakpoint
CREATE TRIGGER search_vacancy_terms_del AFTER DELETE ON search_vacancy_docs REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_vacancy_terms_count();
--> statement-breakpoint
-- Seekers: postings follow the document (delete the old rows' postings, add the new rows'), then
-- the counts (all and consenting) move by the same deltas.
CREATE FUNCTION search_seeker_terms_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM search_seeker_postings p USING old_rows o WHERE p.generation = o.generation AND p.id = o.id;
	END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		INSERT INTO search_seeker_postings (generation, key, id, updated_at, consent_searchable)
		SELECT DISTINCT ON (n.generation, k.key, n.id) n.generation, k.key, n.id, n.updated_at, n.consent_searchable
		FROM new_rows n CROSS JOIN LATERAL unnest(n.skill_keys) AS k(key)
		ON CONFLICT DO NOTHING;
	END IF;
	IF TG_OP = 'INSERT' THEN
		INSERT INTO search_terms (generation, kind, key, doc_count, consent_count)
		SELECT generation, 's', key, count(*)::int, count(*) FILTER (WHERE consent_searchable)::int
		FROM (SELECT DISTINCT n.generation, k.key, n.id, n.consent_searchable FROM new_rows n CROSS JOIN LATERAL unnest(n.skill_keys) AS k(key)) x
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (generation, kind, key) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count,
			consent_count = search_terms.consent_count + excluded.consent_count;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO search_terms (generation, kind, key, doc_count, consent_count)
		SELECT generation, 's', key, -count(*)::int, -(count(*) FILTER (WHERE consent_searchable))::int
		FROM (SELECT DISTINCT o.generation, k.key, o.id, o.consent_searchable FROM old_rows o CROSS JOIN LATERAL unnest(o.skill_keys) AS k(key)) x
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (generation, kind, key) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count,
			consent_count = search_terms.consent_count + excluded.consent_count;
	ELSE
		INSERT INTO search_terms (generation, kind, key, doc_count, consent_count)
		SELECT generation, 's', key, sum(d)::int, sum(c)::int FROM (
			SELECT DISTINCT n.generation, k.key, n.id, 1 AS d, CASE WHEN n.consent_searchable THEN 1 ELSE 0 END AS c
			FROM new_rows n CROSS JOIN LATERAL unnest(n.skill_keys) AS k(key)
			UNION ALL
			SELECT DISTINCT o.generation, k.key, o.id, -1, CASE WHEN o.consent_searchable THEN -1 ELSE 0 END
			FROM old_rows o CROSS JOIN LATERAL unnest(o.skill_keys) AS k(key)
		) x GROUP BY 1, 2, 3 HAVING sum(d) <> 0 OR sum(c) <> 0 ORDER BY 1, 2, 3
		ON CONFLICT (generation, kind, key) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count,
			consent_count = search_terms.consent_count + excluded.consent_count;
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER search_seeker_terms_ins AFTER INSERT ON search_seeker_docs REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_seeker_terms_count();
--> statement-breakpoint
CREATE TRIGGER search_seeker_terms_upd AFTER UPDATE ON search_seeker_docs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_seeker_terms_count();
--> statement-breakpoint
CREATE TRIGGER search_seeker_terms_del AFTER DELETE ON search_seeker_docs REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION search_seeker_terms_count();

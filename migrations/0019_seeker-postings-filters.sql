-- Recruiter search at a million seekers (issue 16, docs/adr/0162). A filtered recruiter query
-- (district, education, experience, wage, availability, occupation group) used to join every
-- posting of the matched skills to its document to test the filter: a short prefix with a district
-- read a skill's whole posting list through the join, and the capped count joined up to the whole
-- table (1-4 s at 1,000,000 seekers). The filter columns now travel on the posting row, kept by the
-- same statement trigger in the same transaction as the document (invariant 1: a committed change,
-- a new district included, is searchable at once), and the indexes carry them, so a filter is
-- tested inside an index-only scan:
--   * recent: (generation, key, updated_at desc) + filter columns: a skill's newest postings (no
--     district or education filter; the others are tested in the index);
--   * education: (generation, key, education_rank, updated_at desc): a skill's newest at one education level;
--   * district: (generation, key, district_code, education_rank, updated_at desc): the same within a district.
-- A query walks one (skill, district, level) range at a time (levels are a short vocabulary), so
-- every range it reads is newest first and holds only postings that pass district and education.
-- Browsing without words gets the same two shapes on the documents.
ALTER TABLE search_seeker_postings ADD COLUMN district_code text;
--> statement-breakpoint
ALTER TABLE search_seeker_postings ADD COLUMN education_rank smallint;
--> statement-breakpoint
ALTER TABLE search_seeker_postings ADD COLUMN experience_years integer;
--> statement-breakpoint
ALTER TABLE search_seeker_postings ADD COLUMN desired_wage_min numeric;
--> statement-breakpoint
ALTER TABLE search_seeker_postings ADD COLUMN availability text;
--> statement-breakpoint
ALTER TABLE search_seeker_postings ADD COLUMN isco_units text[];
--> statement-breakpoint
DROP INDEX IF EXISTS search_seeker_postings_recent_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS search_seeker_postings_consent_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS search_seeker_updated_idx;
--> statement-breakpoint
UPDATE search_seeker_postings p SET district_code = d.district_code, education_rank = d.education_rank, experience_years = d.experience_years,
	desired_wage_min = d.desired_wage_min, availability = d.availability, isco_units = d.isco_units
FROM search_seeker_docs d WHERE d.generation = p.generation AND d.id = p.id;
--> statement-breakpoint
CREATE INDEX search_seeker_postings_recent_idx ON search_seeker_postings (generation, key, updated_at DESC)
	INCLUDE (id, consent_searchable, district_code, education_rank, experience_years, availability, desired_wage_min);
--> statement-breakpoint
CREATE INDEX search_seeker_postings_education_idx ON search_seeker_postings (generation, key, education_rank, updated_at DESC)
	INCLUDE (id, consent_searchable, experience_years, availability, desired_wage_min);
--> statement-breakpoint
CREATE INDEX search_seeker_postings_district_idx ON search_seeker_postings (generation, key, district_code, education_rank, updated_at DESC)
	INCLUDE (id, consent_searchable, experience_years, availability, desired_wage_min);
--> statement-breakpoint
CREATE INDEX search_seeker_browse_idx ON search_seeker_docs (generation, updated_at DESC, id)
	INCLUDE (consent_searchable, district_code, education_rank, experience_years, availability, desired_wage_min);
--> statement-breakpoint
CREATE INDEX search_seeker_browse_district_idx ON search_seeker_docs (generation, district_code, updated_at DESC, id)
	INCLUDE (consent_searchable, education_rank, experience_years, availability, desired_wage_min);
--> statement-breakpoint
-- As in 0012, with the filter columns copied onto each posting.
CREATE OR REPLACE FUNCTION search_seeker_terms_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		DELETE FROM search_seeker_postings p USING old_rows o WHERE p.generation = o.generation AND p.id = o.id;
	END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') THEN
		INSERT INTO search_seeker_postings (generation, key, id, updated_at, consent_searchable, district_code, education_rank, experience_years,
			desired_wage_min, availability, isco_units)
		SELECT DISTINCT ON (n.generation, k.key, n.id) n.generation, k.key, n.id, n.updated_at, n.consent_searchable, n.district_code, n.education_rank,
			n.experience_years, n.desired_wage_min, n.availability, n.isco_units
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

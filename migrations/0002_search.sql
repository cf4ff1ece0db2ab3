-- Postgres search engine (the default when MEILI_URL is unset). Not part of the drizzle
-- schema: these tables belong to the search adapter and are rebuilt from the records.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- A logical index ("vacancies", "seekers") points at one live generation; reindex builds a
-- new generation beside it and swaps the pointer in one transaction (zero downtime).
CREATE TABLE search_generations (
	generation text PRIMARY KEY,
	index_name text NOT NULL,
	state text NOT NULL CHECK (state IN ('building', 'live', 'retired')),
	created_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE UNIQUE INDEX search_generations_live_uq ON search_generations (index_name) WHERE state = 'live';
--> statement-breakpoint
INSERT INTO search_generations (generation, index_name, state) VALUES ('vacancies_1', 'vacancies', 'live'), ('seekers_1', 'seekers', 'live');
--> statement-breakpoint
CREATE TABLE search_vacancy_docs (
	generation text NOT NULL,
	id uuid NOT NULL,
	doc jsonb NOT NULL,
	content_hash text NOT NULL,
	tsv tsvector NOT NULL,
	search_text text NOT NULL,
	employer_id uuid NOT NULL,
	district_code text,
	isco_unit text,
	wage_min numeric,
	wage_max numeric,
	education_rank smallint NOT NULL,
	contract_type text NOT NULL,
	fair_id uuid,
	public_welfare boolean NOT NULL,
	published_at timestamptz NOT NULL,
	expires_at timestamptz,
	lat double precision,
	lon double precision,
	PRIMARY KEY (generation, id)
);
--> statement-breakpoint
CREATE INDEX search_vacancy_tsv_idx ON search_vacancy_docs USING gin (tsv);
--> statement-breakpoint
CREATE INDEX search_vacancy_trgm_idx ON search_vacancy_docs USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX search_vacancy_published_idx ON search_vacancy_docs (generation, published_at DESC);
--> statement-breakpoint
CREATE INDEX search_vacancy_district_idx ON search_vacancy_docs (generation, district_code);
--> statement-breakpoint
CREATE INDEX search_vacancy_fair_idx ON search_vacancy_docs (generation, fair_id) WHERE fair_id IS NOT NULL;
--> statement-breakpoint
CREATE TABLE search_seeker_docs (
	generation text NOT NULL,
	id uuid NOT NULL,
	doc jsonb NOT NULL,
	content_hash text NOT NULL,
	tsv tsvector NOT NULL,
	search_text text NOT NULL,
	consent_searchable boolean NOT NULL,
	district_code text,
	education_rank smallint NOT NULL,
	experience_years integer NOT NULL,
	desired_wage_min numeric,
	availability text NOT NULL,
	isco_units text[] NOT NULL,
	updated_at timestamptz NOT NULL,
	PRIMARY KEY (generation, id)
);
--> statement-breakpoint
CREATE INDEX search_seeker_tsv_idx ON search_seeker_docs USING gin (tsv);
--> statement-breakpoint
CREATE INDEX search_seeker_trgm_idx ON search_seeker_docs USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX search_seeker_isco_idx ON search_seeker_docs USING gin (isco_units);

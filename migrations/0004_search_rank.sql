-- Ranking reads a small title-and-employer tsvector instead of the full document vector:
-- ts_rank over a few tokens is cheap, over hundreds of body tokens per match it is not.
ALTER TABLE search_vacancy_docs ADD COLUMN title_tsv tsvector NOT NULL DEFAULT ''::tsvector;
--> statement-breakpoint
-- Existing documents: their title and employer lexemes are the A- and B-weighted ones.
UPDATE search_vacancy_docs SET title_tsv = ts_filter(tsv, '{a,b}');

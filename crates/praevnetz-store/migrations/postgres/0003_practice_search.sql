-- Search for the pages. Meaning identical to ../sqlite/0003_practice_search.sql; the means
-- differ where the backends do.
--
-- Practices: full-text search over title, summary, approach and outcome with German stemming,
-- by PostgreSQL's 'german' text search configuration (Snowball German and its stop words). The
-- title weighs more than the rest.
alter table practice add column search tsvector generated always as (
    setweight(to_tsvector('german', title), 'A')
    || setweight(to_tsvector('german', coalesce(summary, '') || ' ' || coalesce(approach, '')
        || ' ' || coalesce(outcome, '')), 'B')
) stored;
create index practice_search on practice using gin (search);

-- Persons and organisations: keys written by the store with every change. sort_key orders names
-- as text::sort_key does, compared as bytes (collation "C", as SQLite does), so that pages can be
-- cut in the database; search_key is the folded text a search matches (case ignored, umlauts as
-- plain vowels, punctuation as spaces): a person's names, an organisation's name, short name and
-- aliases, a membership's function.
alter table person add column sort_key text collate "C";
alter table person add column search_key text;
create index person_sort_key on person (sort_key, person_id);

alter table organisation add column sort_key text collate "C";
alter table organisation add column search_key text;
create index organisation_sort_key on organisation (sort_key, organisation_id);

alter table membership add column search_key text;

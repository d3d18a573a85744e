-- Search for the pages. Meaning identical to ../postgres/0003_practice_search.sql; the means
-- differ where the backends do.
--
-- Practices: full-text search over title, summary, approach and outcome with German stemming.
-- SQLite has no German stemmer, so the store writes a stemmed copy of the text with every
-- practice (search_title; search_body for summary, approach and outcome: Snowball German, the
-- stop words of PostgreSQL's 'german' configuration dropped), and an FTS5 index over the copy,
-- kept in step by triggers, so that rows written by any path (restore, reset) are indexed too.
-- Rows of an older schema get their copy when the store opens the database.
alter table practice add column search_title text;
alter table practice add column search_body text;

create virtual table practice_fts using fts5 (
    search_title, search_body,
    content = 'practice', content_rowid = 'practice_id',
    tokenize = 'unicode61 remove_diacritics 2'
);
create trigger practice_fts_insert after insert on practice
begin
    insert into practice_fts (rowid, search_title, search_body)
        values (new.practice_id, new.search_title, new.search_body);
end;
create trigger practice_fts_delete after delete on practice
begin
    insert into practice_fts (practice_fts, rowid, search_title, search_body)
        values ('delete', old.practice_id, old.search_title, old.search_body);
end;
create trigger practice_fts_update after update on practice
begin
    insert into practice_fts (practice_fts, rowid, search_title, search_body)
        values ('delete', old.practice_id, old.search_title, old.search_body);
    insert into practice_fts (rowid, search_title, search_body)
        values (new.practice_id, new.search_title, new.search_body);
end;

-- Persons and organisations: keys written by the store with every change. sort_key orders names
-- as text::sort_key does (compared as bytes, as PostgreSQL's "C" collation does), so that pages
-- can be cut in the database; search_key is the folded text a search matches (case ignored,
-- umlauts as plain vowels, punctuation as spaces): a person's names, an organisation's name,
-- short name and aliases, a membership's function.
alter table person add column sort_key text;
alter table person add column search_key text;
create index person_sort_key on person (sort_key, person_id);

alter table organisation add column sort_key text;
alter table organisation add column search_key text;
create index organisation_sort_key on organisation (sort_key, organisation_id);

alter table membership add column search_key text;

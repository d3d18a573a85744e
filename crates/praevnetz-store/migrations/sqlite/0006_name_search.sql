-- Name search through trigram indexes. Meaning identical to ../postgres/0006_name_search.sql;
-- the means differ where the backends do.
--
-- Persons, organisations and memberships are searched by `search_key like '%term%'` (migration
-- 0003). Without an index that scans every row; an FTS5 table with the trigram tokenizer over
-- each search key answers the same `like` pattern from its index when the pattern holds at
-- least three characters between wildcards (shorter ones scan the index, still correctly). The
-- tables hold no text of their own (external content) and are kept in step by triggers, so
-- rows written by any path (imports, restore, reset) are indexed too.

create virtual table person_trigram using fts5 (
    search_key, content = 'person', content_rowid = 'person_id', tokenize = 'trigram'
);
create trigger person_trigram_insert after insert on person
begin
    insert into person_trigram (rowid, search_key) values (new.person_id, new.search_key);
end;
create trigger person_trigram_delete after delete on person
begin
    insert into person_trigram (person_trigram, rowid, search_key)
        values ('delete', old.person_id, old.search_key);
end;
create trigger person_trigram_update after update of search_key on person
begin
    insert into person_trigram (person_trigram, rowid, search_key)
        values ('delete', old.person_id, old.search_key);
    insert into person_trigram (rowid, search_key) values (new.person_id, new.search_key);
end;
insert into person_trigram (person_trigram) values ('rebuild');

create virtual table organisation_trigram using fts5 (
    search_key, content = 'organisation', content_rowid = 'organisation_id', tokenize = 'trigram'
);
create trigger organisation_trigram_insert after insert on organisation
begin
    insert into organisation_trigram (rowid, search_key) values (new.organisation_id, new.search_key);
end;
create trigger organisation_trigram_delete after delete on organisation
begin
    insert into organisation_trigram (organisation_trigram, rowid, search_key)
        values ('delete', old.organisation_id, old.search_key);
end;
create trigger organisation_trigram_update after update of search_key on organisation
begin
    insert into organisation_trigram (organisation_trigram, rowid, search_key)
        values ('delete', old.organisation_id, old.search_key);
    insert into organisation_trigram (rowid, search_key) values (new.organisation_id, new.search_key);
end;
insert into organisation_trigram (organisation_trigram) values ('rebuild');

create virtual table membership_trigram using fts5 (
    search_key, content = 'membership', content_rowid = 'membership_id', tokenize = 'trigram'
);
create trigger membership_trigram_insert after insert on membership
begin
    insert into membership_trigram (rowid, search_key) values (new.membership_id, new.search_key);
end;
create trigger membership_trigram_delete after delete on membership
begin
    insert into membership_trigram (membership_trigram, rowid, search_key)
        values ('delete', old.membership_id, old.search_key);
end;
create trigger membership_trigram_update after update of search_key on membership
begin
    insert into membership_trigram (membership_trigram, rowid, search_key)
        values ('delete', old.membership_id, old.search_key);
    insert into membership_trigram (rowid, search_key) values (new.membership_id, new.search_key);
end;
insert into membership_trigram (membership_trigram) values ('rebuild');

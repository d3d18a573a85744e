-- Name search through trigram indexes. Meaning identical to ../sqlite/0006_name_search.sql;
-- the means differ where the backends do.
--
-- Persons, organisations and memberships are searched by `search_key like '%term%'` (migration
-- 0003). pg_trgm's GIN operator class answers such patterns from an index when they hold at
-- least three characters between wildcards. The extension is trusted (PostgreSQL 13+), so the
-- database's owner may create it; it goes into `public` so that schemas dropped later (one per
-- test, say) do not take it with them. Two first migrations running at once may both try to
-- create it; the loser finds it there.
do $$
begin
    create extension if not exists pg_trgm with schema public;
exception
    when unique_violation or duplicate_object then null;
end
$$;
create index person_search_key_trigram on person using gin (search_key public.gin_trgm_ops);
create index organisation_search_key_trigram on organisation
    using gin (search_key public.gin_trgm_ops);
create index membership_search_key_trigram on membership
    using gin (search_key public.gin_trgm_ops);

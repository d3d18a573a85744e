-- Ties of kind "met at meeting" follow from attendance: the store keeps one per pair of persons
-- who attended a held meeting, carrying the meeting's id, and replaces them whenever the
-- meeting's participations, status or start change. Meaning identical to
-- ../sqlite/0008_meeting_ties.sql.
--
-- Two meetings on the same day make two such ties between the same pair (one per meeting), so
-- the key of one tie per pair, kind and start date holds for the other kinds only, and a
-- "met at meeting" tie is unique per meeting and pair instead.
drop index tie_unique;
create unique index tie_unique on tie
    (source_actor_id, target_actor_id, kind, coalesce(since, '-infinity'::date))
    where kind <> 'met_at_meeting';
create unique index tie_met_at_meeting on tie (meeting_id, source_actor_id, target_actor_id)
    where kind = 'met_at_meeting';

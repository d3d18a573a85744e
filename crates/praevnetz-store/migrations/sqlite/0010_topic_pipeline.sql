-- The topic pipeline: members vote for the topics they want discussed (one vote per account and
-- topic, withdrawn by deleting it), and every change of a topic's status is kept with its
-- reason, so that a topic's page shows how it moved.
create table topic_vote (
    topic_id integer not null references topic (topic_id) on delete cascade,
    account_id integer not null references account (account_id) on delete cascade,
    voted_at text not null check (julianday(voted_at) is not null),
    primary key (topic_id, account_id)
) strict;
create index topic_vote_account on topic_vote (account_id);

create table topic_status_change (
    topic_status_change_id integer primary key,
    topic_id integer not null references topic (topic_id) on delete cascade,
    from_status text not null check (from_status in ('raised', 'scheduled', 'discussed',
        'follow_up', 'closed')),
    to_status text not null check (to_status in ('raised', 'scheduled', 'discussed',
        'follow_up', 'closed')),
    changed_at text not null check (julianday(changed_at) is not null),
    -- who, while the account exists (the audit log keeps who for good)
    account_id integer references account (account_id) on delete set null,
    note text,
    check (from_status <> to_status)
) strict;
create index topic_status_change_topic on topic_status_change (topic_id, changed_at);

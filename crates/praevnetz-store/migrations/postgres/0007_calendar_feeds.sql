-- Personal calendar feeds: a secret address per account that calendar programs subscribe to.
-- Only the SHA-256 of its token is kept. A new address replaces the old one; revoking deletes
-- it, and the address then answers "not found".
create table calendar_feed (
    account_id bigint primary key references account (account_id) on delete cascade,
    feed_key text not null unique check (length(feed_key) = 64),
    created_at timestamptz not null
);

-- Links to set a password, issued by an administrator for a new account or a forgotten
-- password. The link carries a random token; only its SHA-256 is kept. A link works once, until
-- it expires; issuing a new one for the account voids the older ones.
create table password_link (
    link_key text primary key check (length(link_key) = 64),
    account_id integer not null references account (account_id) on delete cascade,
    issued_by integer references account (account_id) on delete set null,
    created_at text not null check (julianday(created_at) is not null),
    expires_at text not null check (julianday(expires_at) > julianday(created_at)),
    used_at text check (used_at is null or julianday(used_at) is not null)
) strict;
create index password_link_account on password_link (account_id);

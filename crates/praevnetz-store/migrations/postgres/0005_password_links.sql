-- Links to set a password, issued by an administrator for a new account or a forgotten
-- password. The link carries a random token; only its SHA-256 is kept. A link works once, until
-- it expires; issuing a new one for the account voids the older ones.
create table password_link (
    link_key text primary key check (length(link_key) = 64),
    account_id bigint not null references account (account_id) on delete cascade,
    issued_by bigint references account (account_id) on delete set null,
    created_at timestamptz not null,
    expires_at timestamptz not null check (expires_at > created_at),
    used_at timestamptz
);
create index password_link_account on password_link (account_id);

-- Server-side login sessions. The cookie carries a random token; only its SHA-256 is kept, so a
-- copy of the database does not let anyone take over a session.
create table session (
    session_key text primary key check (length(session_key) = 64),
    account_id bigint not null references account (account_id) on delete cascade,
    -- the token every form of this session must carry back
    csrf_token text not null check (length(csrf_token) >= 32),
    created_at timestamptz not null,
    expires_at timestamptz not null check (expires_at > created_at)
);
create index session_account on session (account_id);
create index session_expires on session (expires_at);

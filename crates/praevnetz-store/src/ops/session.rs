//! Login sessions (table `session`). The web layer makes the tokens; the store keeps only their
//! hashes, with the account and the form token of each session. Sessions are not changes of the
//! network's data and do not go to the audit log; logins and logouts are logged by the server.

use jiff::Timestamp;
use praevnetz_domain::ids::UserId;

use super::{Pool, sql_ts, user::get_user};
use crate::LoginSession;
use crate::error::StoreError;

/// Stores a new session.
pub(crate) async fn create_session(
    pool: &Pool,
    key: &str,
    user: UserId,
    csrf_token: &str,
    created_at: Timestamp,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into session (session_key, account_id, csrf_token, created_at, expires_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(key)
    .bind(user.get())
    .bind(csrf_token)
    .bind(sql_ts(created_at))
    .bind(sql_ts(expires_at))
    .execute(pool)
    .await?;
    Ok(())
}

/// The session with this key if it has not expired at `now` and its account is active.
pub(crate) async fn get_session(
    pool: &Pool,
    key: &str,
    now: Timestamp,
) -> Result<Option<LoginSession>, StoreError> {
    let row: Option<(i64, String, jiff_sqlx::Timestamp)> = sqlx::query_as(
        "select s.account_id, s.csrf_token, s.expires_at from session s \
         join account a on a.account_id = s.account_id \
         where s.session_key = $1 and s.expires_at > $2 and a.active",
    )
    .bind(key)
    .bind(sql_ts(now))
    .fetch_optional(pool)
    .await?;
    let Some((account, csrf_token, expires_at)) = row else {
        return Ok(None);
    };
    let Some(user) = get_user(pool, UserId::new(account)).await? else {
        return Ok(None);
    };
    Ok(Some(LoginSession {
        user,
        csrf_token,
        expires_at: expires_at.to_jiff(),
    }))
}

/// Ends one session (logout).
pub(crate) async fn delete_session(pool: &Pool, key: &str) -> Result<(), StoreError> {
    sqlx::query("delete from session where session_key = $1")
        .bind(key)
        .execute(pool)
        .await?;
    Ok(())
}

/// Ends every session of an account (password set, account changed); returns how many.
pub(crate) async fn delete_sessions_of(pool: &Pool, user: UserId) -> Result<u64, StoreError> {
    let result = sqlx::query("delete from session where account_id = $1")
        .bind(user.get())
        .execute(pool)
        .await?;
    Ok(result.rows_affected())
}

/// Removes sessions that expired before `now`; returns how many.
pub(crate) async fn purge_sessions(pool: &Pool, now: Timestamp) -> Result<u64, StoreError> {
    let result = sqlx::query("delete from session where expires_at <= $1")
        .bind(sql_ts(now))
        .execute(pool)
        .await?;
    Ok(result.rows_affected())
}

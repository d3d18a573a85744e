//! Set-password links (table `password_link`). The web layer makes the tokens; the store keeps
//! only their hashes. Issuing a link and using it are changes of the account and go to the
//! audit log; the token never does.

use jiff::Timestamp;
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::ids::UserId;
use praevnetz_domain::user::User;

use super::{Pool, audit, begin, sql_ts, user::get_user};
use crate::error::StoreError;

/// Stores a link under `key` (the hash of its token) for an account, valid until `expires_at`;
/// the account's unused older links stop working.
pub(crate) async fn create_password_link(
    pool: &Pool,
    ctx: &ChangeContext,
    key: &str,
    user: UserId,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    super::user::account_exists(&mut tx, user).await?;
    sqlx::query("delete from password_link where account_id = $1 and used_at is null")
        .bind(user.get())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into password_link (link_key, account_id, issued_by, created_at, expires_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(key)
    .bind(user.get())
    .bind(ctx.user_id.map(UserId::get))
    .bind(sql_ts(ctx.at))
    .bind(sql_ts(expires_at))
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::User,
        Some(user.get()),
        "set-password link issued",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The account a link under `key` would set the password of: `None` unless the link is unused,
/// has not expired at `now`, and its account is active.
pub(crate) async fn password_link_user(
    pool: &Pool,
    key: &str,
    now: Timestamp,
) -> Result<Option<User>, StoreError> {
    let account: Option<i64> = sqlx::query_scalar(
        "select l.account_id from password_link l join account a on a.account_id = l.account_id \
         where l.link_key = $1 and l.used_at is null and l.expires_at > $2 and a.active",
    )
    .bind(key)
    .bind(sql_ts(now))
    .fetch_optional(pool)
    .await?;
    match account {
        Some(id) => get_user(pool, UserId::new(id)).await,
        None => Ok(None),
    }
}

/// Uses the link under `key` at `ctx.at`: sets the account's password hash, marks the link
/// used and ends the account's sessions, all at once. Returns the account, or `None` (and
/// changes nothing) if the link is used, expired, unknown or its account inactive.
pub(crate) async fn redeem_password_link(
    pool: &Pool,
    ctx: &ChangeContext,
    key: &str,
    password_hash: &str,
) -> Result<Option<UserId>, StoreError> {
    let mut tx = begin(pool).await?;
    let account: Option<i64> = sqlx::query_scalar(
        "update password_link set used_at = $2 \
         where link_key = $1 and used_at is null and expires_at > $2 \
           and account_id in (select account_id from account where active) \
         returning account_id",
    )
    .bind(key)
    .bind(sql_ts(ctx.at))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(account) = account else {
        return Ok(None);
    };
    sqlx::query("update account set password_hash = $2 where account_id = $1")
        .bind(account)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
    sqlx::query("delete from session where account_id = $1")
        .bind(account)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::User,
        Some(account),
        "password set by link",
    )
    .await?;
    tx.commit().await?;
    Ok(Some(UserId::new(account)))
}

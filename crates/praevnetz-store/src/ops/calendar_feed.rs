//! Personal calendar feeds (table `calendar_feed`): one secret address per account. The web
//! layer makes the tokens; the store keeps only their hashes. Creating and revoking a feed are
//! changes of the account and go to the audit log; the token never does.

use jiff::Timestamp;
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::ids::UserId;
use praevnetz_domain::user::User;

use super::{Pool, audit, begin, sql_ts, user::get_user};
use crate::error::StoreError;

/// Stores the feed of an account under `key` (the hash of its token), replacing the account's
/// earlier feed.
pub(crate) async fn set_calendar_feed(
    pool: &Pool,
    ctx: &ChangeContext,
    key: &str,
    user: UserId,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    super::user::account_exists(&mut tx, user).await?;
    sqlx::query("delete from calendar_feed where account_id = $1")
        .bind(user.get())
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into calendar_feed (account_id, feed_key, created_at) values ($1, $2, $3)")
        .bind(user.get())
        .bind(key)
        .bind(sql_ts(ctx.at))
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::User,
        Some(user.get()),
        "calendar feed created",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Revokes the feed of an account; whether it had one.
pub(crate) async fn revoke_calendar_feed(
    pool: &Pool,
    ctx: &ChangeContext,
    user: UserId,
) -> Result<bool, StoreError> {
    let mut tx = begin(pool).await?;
    let removed = sqlx::query("delete from calendar_feed where account_id = $1")
        .bind(user.get())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed > 0 {
        audit::record(
            &mut tx,
            ctx,
            AuditAction::Update,
            EntityKind::User,
            Some(user.get()),
            "calendar feed revoked",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(removed > 0)
}

/// When the account's current feed was created, if it has one.
pub(crate) async fn calendar_feed_since(
    pool: &Pool,
    user: UserId,
) -> Result<Option<Timestamp>, StoreError> {
    let created: Option<jiff_sqlx::Timestamp> =
        sqlx::query_scalar("select created_at from calendar_feed where account_id = $1")
            .bind(user.get())
            .fetch_optional(pool)
            .await?;
    Ok(created.map(jiff_sqlx::Timestamp::to_jiff))
}

/// The account whose feed is stored under `key`, if it exists and the account is active.
pub(crate) async fn calendar_feed_user(pool: &Pool, key: &str) -> Result<Option<User>, StoreError> {
    let account: Option<i64> = sqlx::query_scalar(
        "select f.account_id from calendar_feed f join account a on a.account_id = f.account_id \
         where f.feed_key = $1 and a.active",
    )
    .bind(key)
    .fetch_optional(pool)
    .await?;
    match account {
        Some(id) => get_user(pool, UserId::new(id)).await,
        None => Ok(None),
    }
}

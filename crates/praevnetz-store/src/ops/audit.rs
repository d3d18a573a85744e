//! Writing and reading the audit log.

use praevnetz_domain::audit::{AuditAction, AuditEvent, ChangeContext, EntityKind};
use praevnetz_domain::ids::{AuditEventId, UserId};

use super::{Conn, Pool, Reader, sql_ts};
use crate::error::StoreError;

/// Appends an entry; called inside the transaction of the change it records.
pub(crate) async fn record(
    conn: &mut Conn,
    ctx: &ChangeContext,
    action: AuditAction,
    entity: EntityKind,
    entity_id: Option<i64>,
    summary: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "insert into audit_event (occurred_at, account_id, account_email, channel, action, \
         entity, entity_id, summary) \
         values ($1, $2, (select email from account where account_id = $2), $3, $4, $5, $6, $7)",
    )
    .bind(sql_ts(ctx.at))
    .bind(ctx.user_id.map(UserId::get))
    .bind(ctx.channel.code())
    .bind(action.code())
    .bind(entity.code())
    .bind(entity_id)
    .bind(summary)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

use crate::AuditFilter;

/// The condition of [`AuditFilter`]; its parameters are `$1` to `$6`, bound by `bind_filter!`.
const FILTER: &str = "where ($1 is null or entity = $1) and ($2 is null or entity_id = $2) \
     and ($3 is null or account_id = $3) and ($4 is null or action = $4) \
     and ($5 is null or occurred_at >= $5) and ($6 is null or occurred_at < $6)";

/// Binds the parameters of [`FILTER`] to a query or a typed query.
macro_rules! bind_filter {
    ($query:expr, $filter:expr) => {
        $query
            .bind($filter.entity.map(EntityKind::code))
            .bind($filter.entity_id)
            .bind($filter.user_id.map(UserId::get))
            .bind($filter.action.map(AuditAction::code))
            .bind($filter.since.map(sql_ts))
            .bind($filter.until.map(sql_ts))
    };
}

/// The newest entries first, `filter.offset` of them skipped.
pub(crate) async fn list(pool: &Pool, filter: &AuditFilter) -> Result<Vec<AuditEvent>, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!(
        "select audit_event_id, occurred_at, account_id, account_email, channel, action, entity, \
         entity_id, summary from audit_event {FILTER} \
         order by audit_event_id desc limit $7 offset $8"
    ));
    let rows = bind_filter!(sqlx::query(sql), filter)
        .bind(i64::from(filter.limit))
        .bind(i64::from(filter.offset))
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|row| {
            let r = Reader::new(row, "audit_event", "audit_event_id")?;
            Ok(AuditEvent {
                id: AuditEventId::new(r.id()),
                at: r.timestamp("occurred_at")?,
                user_id: r.opt_i64("account_id")?.map(UserId::new),
                user_email: r.opt_email("account_email")?,
                channel: r.code("channel")?,
                action: r.code("action")?,
                entity: r.code("entity")?,
                entity_id: r.opt_i64("entity_id")?,
                summary: r.string("summary")?,
            })
        })
        .collect()
}

/// How many entries match (limit and offset aside).
pub(crate) async fn count(pool: &Pool, filter: &AuditFilter) -> Result<u64, StoreError> {
    let sql = sqlx::AssertSqlSafe(format!("select count(*) from audit_event {FILTER}"));
    let n: i64 = bind_filter!(sqlx::query_scalar(sql), filter)
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// The newest entry's id: changes whenever anything is written (caches compare it).
pub(crate) async fn latest_id(pool: &Pool) -> Result<Option<AuditEventId>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar("select max(audit_event_id) from audit_event")
        .fetch_one(pool)
        .await?;
    Ok(id.map(AuditEventId::new))
}

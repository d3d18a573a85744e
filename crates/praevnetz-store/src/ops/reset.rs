//! Emptying the database of all user data (`demo --force`), keeping the schema and the seeded
//! reference data (states, problem categories).

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};

use super::{BACKEND, Conn, Pool, audit, begin};
use crate::Backend;
use crate::error::StoreError;

/// Tables with user data, children before parents.
pub(crate) const TABLES: &[&str] = &[
    "audit_event",
    "account_scope",
    "action_item",
    "decision",
    "agenda_item",
    "topic_municipality",
    "topic_category",
    "topic",
    "participation",
    "tie",
    "meeting_host",
    "meeting",
    "meeting_series",
    "practice_partner",
    "practice_category",
    "practice",
    "problem_actor",
    "problem",
    "body_member",
    "body_alias",
    "body",
    "membership",
    "organisation_area",
    "organisation_pillar",
    "organisation_alias",
    "person",
    "organisation",
    "actor",
    "account",
    "milestone",
    "region_district",
    "region",
    "municipality",
    "district",
];

/// The append-only guard of the audit log, per backend: statements to lift and to restore it.
fn audit_guard() -> (&'static [&'static str], &'static [&'static str]) {
    match BACKEND {
        Backend::Sqlite => (
            &[
                "drop trigger audit_event_no_update",
                "drop trigger audit_event_no_delete",
            ],
            &[
                "create trigger audit_event_no_update before update on audit_event \
                 begin select raise(abort, 'audit_event is append-only'); end",
                "create trigger audit_event_no_delete before delete on audit_event \
                 begin select raise(abort, 'audit_event is append-only'); end",
            ],
        ),
        Backend::Postgres => (
            &[
                "drop trigger audit_event_no_update on audit_event",
                "drop trigger audit_event_no_delete on audit_event",
            ],
            &[
                "create trigger audit_event_no_update before update on audit_event \
                 for each row execute function audit_event_append_only()",
                "create trigger audit_event_no_delete before delete on audit_event \
                 for each row execute function audit_event_append_only()",
            ],
        ),
    }
}

/// Drops the triggers that keep the audit log append-only; only inside a transaction that
/// restores them with [`restore_audit_guard`] before it commits.
pub(crate) async fn lift_audit_guard(conn: &mut Conn) -> Result<(), StoreError> {
    for sql in audit_guard().0 {
        sqlx::query(*sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Recreates the triggers dropped by [`lift_audit_guard`].
pub(crate) async fn restore_audit_guard(conn: &mut Conn) -> Result<(), StoreError> {
    for sql in audit_guard().1 {
        sqlx::query(*sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Deletes the rows of every user-data table (the audit guard must be lifted).
pub(crate) async fn delete_all(conn: &mut Conn) -> Result<(), StoreError> {
    // Working groups restrict the deletion of their council; SQLite checks `restrict` row by
    // row, within one statement, so the links go first.
    sqlx::query("update body set parent_body_id = null where parent_body_id is not null")
        .execute(&mut *conn)
        .await?;
    for table in TABLES {
        let sql = sqlx::AssertSqlSafe(format!("delete from {table}"));
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Deletes all user data inside `conn`'s transaction and records the reset; the caller commits.
pub(crate) async fn clear(conn: &mut Conn, ctx: &ChangeContext) -> Result<(), StoreError> {
    lift_audit_guard(conn).await?;
    delete_all(conn).await?;
    restore_audit_guard(conn).await?;
    audit::record(
        conn,
        ctx,
        AuditAction::Reset,
        EntityKind::Database,
        None,
        "all data removed",
    )
    .await
}

/// Empties the database in one transaction.
pub(crate) async fn reset(pool: &Pool, ctx: &ChangeContext) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    clear(&mut tx, ctx).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_table_of_the_schema_is_reset_or_reference_data() {
        let schema = crate::migrate::MIGRATIONS
            .iter()
            .map(|m| m.sqlite)
            .collect::<Vec<_>>()
            .join("\n");
        let created: Vec<&str> = schema
            .lines()
            .filter_map(|l| l.strip_prefix("create table "))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        for table in &created {
            assert!(
                super::TABLES.contains(table) || ["state", "problem_category"].contains(table),
                "table {table} is neither reset nor reference data"
            );
        }
        assert_eq!(super::TABLES.len() + 2, created.len());
    }
}

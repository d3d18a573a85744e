//! Emptying the database of all user data (`demo --force`), keeping the schema, the seeded
//! reference data (states, problem categories) and the audit log.

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};

use super::{Conn, Pool, audit, begin};
use crate::error::StoreError;

/// Tables with user data, children before parents. The audit log is not among them: it is
/// append-only, and a reset appends to it.
pub(crate) const TABLES: &[&str] = &[
    "calendar_feed",
    "password_link",
    "session",
    "account_scope",
    "action_item",
    "decision",
    "agenda_item",
    "topic_vote",
    "topic_status_change",
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
    "municipality_boundary",
    "municipality",
    "district",
];

/// Settings administrators change, children before parents: a reset keeps them (a new demo
/// should not lose the round-table templates), a restore replaces them with the backup's.
#[allow(
    dead_code,
    reason = "only restore reads it, and restore is SQLite only"
)]
pub(crate) const SETTINGS: &[&str] = &["round_table_role", "round_table_template"];

/// Deletes the rows of every user-data table; the audit log stays.
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
    delete_all(conn).await?;
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
    use super::SETTINGS;

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
                super::TABLES.contains(table)
                    || SETTINGS.contains(table)
                    || ["state", "problem_category", "audit_event"].contains(table),
                "table {table} is neither reset, nor reference data, nor the audit log"
            );
        }
        assert_eq!(super::TABLES.len() + SETTINGS.len() + 3, created.len());
    }
}

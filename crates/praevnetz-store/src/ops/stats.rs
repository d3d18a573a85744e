//! Counts of every kind of record.

use super::{Conn, Pool, Reader};
use crate::Counts;
use crate::error::StoreError;

pub(crate) async fn counts(pool: &Pool) -> Result<Counts, StoreError> {
    let row = sqlx::query(
        "select \
           (select count(*) from district) as districts, \
           (select count(*) from municipality) as municipalities, \
           (select count(*) from region) as regions, \
           (select count(*) from milestone) as milestones, \
           (select count(*) from organisation) as organisations, \
           (select count(*) from person) as persons, \
           (select count(*) from membership) as memberships, \
           (select count(*) from body) as bodies, \
           (select count(*) from body_member) as body_members, \
           (select count(*) from tie) as ties, \
           (select count(*) from problem_category) as problem_categories, \
           (select count(*) from problem) as problems, \
           (select count(distinct municipality_id) from problem) as municipalities_with_problems, \
           (select count(*) from practice) as practices, \
           (select count(*) from meeting_series) as meeting_series, \
           (select count(*) from meeting) as meetings, \
           (select count(*) from participation) as participations, \
           (select count(*) from agenda_item) as agenda_items, \
           (select count(*) from decision) as decisions, \
           (select count(*) from action_item) as action_items, \
           (select count(*) from topic) as topics, \
           (select count(*) from account) as users, \
           (select count(*) from audit_event) as audit_events",
    )
    .fetch_one(pool)
    .await?;
    let r = Reader::new(&row, "stats", "districts")?;
    Ok(Counts {
        districts: r.i64("districts")?,
        municipalities: r.i64("municipalities")?,
        regions: r.i64("regions")?,
        milestones: r.i64("milestones")?,
        organisations: r.i64("organisations")?,
        persons: r.i64("persons")?,
        memberships: r.i64("memberships")?,
        bodies: r.i64("bodies")?,
        body_members: r.i64("body_members")?,
        ties: r.i64("ties")?,
        problem_categories: r.i64("problem_categories")?,
        problems: r.i64("problems")?,
        municipalities_with_problems: r.i64("municipalities_with_problems")?,
        practices: r.i64("practices")?,
        meeting_series: r.i64("meeting_series")?,
        meetings: r.i64("meetings")?,
        participations: r.i64("participations")?,
        agenda_items: r.i64("agenda_items")?,
        decisions: r.i64("decisions")?,
        action_items: r.i64("action_items")?,
        topics: r.i64("topics")?,
        users: r.i64("users")?,
        audit_events: r.i64("audit_events")?,
    })
}

/// Whether the database holds any data of its users: a row in any table that a reset empties.
/// Reference data seeded by the migrations (states, problem categories) does not count, nor does
/// the audit log, which records changes rather than holding data (after a reset it holds the
/// reset).
pub(crate) async fn is_empty(pool: &Pool) -> Result<bool, StoreError> {
    let mut conn = pool.acquire().await?;
    is_empty_on(&mut conn).await
}

/// [`is_empty`] on a connection, inside its transaction.
pub(crate) async fn is_empty_on(conn: &mut Conn) -> Result<bool, StoreError> {
    let probes: Vec<String> = super::reset::TABLES
        .iter()
        .filter(|table| **table != "audit_event")
        .map(|table| format!("exists (select 1 from {table})"))
        .collect();
    let sql = sqlx::AssertSqlSafe(format!("select {}", probes.join(" or ")));
    let used: bool = sqlx::query_scalar(sql).fetch_one(&mut *conn).await?;
    Ok(!used)
}

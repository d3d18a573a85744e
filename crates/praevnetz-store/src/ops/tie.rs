//! Ties between two persons or two organisations, and the ties of kind "met at meeting" that
//! follow from attendance ([`sync_meeting_ties`]); those are never written by hand.

use std::collections::HashMap;

use praevnetz_domain::actor::ActorKind;
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::ids::{ActorId, MeetingId, PersonId, TieId};
use praevnetz_domain::meeting::{MeetingStatus, ParticipationStatus};
use praevnetz_domain::text::Text;
use praevnetz_domain::tie::{Strength, Tie, TieData, TieKind, TieSpec, met_at_meeting};
use praevnetz_domain::time::Period;

use super::{
    Conn, DbRow, Origin, Pool, Reader, audit, begin, exists, found, push_id_list, sql_date,
    unknown_reference,
};
use crate::error::{StoreError, Violation, map_delete};

macro_rules! tie_columns {
    () => {
        "tie_id, actor_kind, source_actor_id, target_actor_id, kind, directed, strength, since, \
         until, source_note, meeting_id"
    };
}

fn tie(row: &DbRow) -> Result<Tie, StoreError> {
    let r = Reader::new(row, "tie", "tie_id")?;
    let kind: ActorKind = r.code("actor_kind")?;
    let data = r.check(
        "tie",
        TieData::new(TieSpec {
            source: ActorId::from_parts(kind, r.i64("source_actor_id")?),
            target: ActorId::from_parts(kind, r.i64("target_actor_id")?),
            kind: r.code("kind")?,
            directed: r.bool("directed")?,
            strength: r.check("strength", Strength::new(i64::from(r.i32("strength")?)))?,
            period: r.check(
                "period",
                Period::new(r.opt_date("since")?, r.opt_date("until")?),
            )?,
            source_note: r.opt_text("source_note")?,
            meeting_id: r.opt_i64("meeting_id")?.map(MeetingId::new),
        }),
    )?;
    Ok(Tie {
        id: TieId::new(r.id()),
        data,
    })
}

fn tie_violation(data: &TieData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        // A duplicate is told by its start date, a missing actor by its id.
        let duplicate = e
            .as_database_error()
            .is_some_and(|db| db.kind() == sqlx::error::ErrorKind::UniqueViolation);
        let key = if duplicate {
            data.period()
                .since()
                .map(|since| since.to_string())
                .unwrap_or_default()
        } else {
            data.target().get().to_string()
        };
        Violation {
            reference: Field::Target,
            unique: Field::Since,
            key: &key,
        }
        .map(e)
    }
}

/// Checks the meeting and the source of a tie (an actor of the tie's kind), so that a failing
/// reference left is the target.
async fn check_tie(conn: &mut Conn, data: &TieData) -> Result<(), StoreError> {
    if let Some(meeting) = data.meeting_id() {
        let sql = "select 1 from meeting where meeting_id = $1";
        if !exists(conn, sql, meeting.get()).await? {
            return Err(unknown_reference(Field::Meeting, meeting));
        }
    }
    let source = data.source();
    let found = sqlx::query("select 1 from actor where actor_id = $1 and kind = $2")
        .bind(source.get())
        .bind(source.kind().code())
        .fetch_optional(&mut *conn)
        .await?;
    if found.is_none() {
        return Err(unknown_reference(Field::Source, source.get()));
    }
    Ok(())
}

/// Inserts a tie; `audited: false` when an import records one event for the whole file.
pub(crate) async fn insert_tie(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &TieData,
    origin: Origin,
) -> Result<TieId, StoreError> {
    if origin.checks_references() {
        check_tie(conn, data).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "insert into tie (actor_kind, source_actor_id, target_actor_id, kind, directed, strength, \
         since, until, source_note, meeting_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         returning tie_id",
    )
    .bind(data.source().kind().code())
    .bind(data.source().get())
    .bind(data.target().get())
    .bind(data.kind().code())
    .bind(data.directed())
    .bind(i32::from(data.strength().get()))
    .bind(sql_date(data.period().since()))
    .bind(sql_date(data.period().until()))
    .bind(data.source_note().map(Text::as_str))
    .bind(data.meeting_id().map(MeetingId::get))
    .fetch_one(&mut *conn)
    .await
    .map_err(tie_violation(data))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Tie,
            Some(id),
            data.kind().code(),
        )
        .await?;
    }
    Ok(TieId::new(id))
}

/// Rows per statement when importing ties: well below the parameter limits of both backends
/// (SQLite 32,766, PostgreSQL 65,535; ten per tie).
const BATCH: usize = 500;

/// Inserts `ties` (at most [`BATCH`]) in one multi-row statement.
async fn insert_rows(conn: &mut Conn, ties: &[TieData]) -> Result<(), sqlx::Error> {
    let mut insert = sqlx::QueryBuilder::<super::Db>::new(
        "insert into tie (actor_kind, source_actor_id, target_actor_id, kind, directed, \
         strength, since, until, source_note, meeting_id) ",
    );
    insert.push_values(ties, |mut row, tie| {
        row.push_bind(tie.source().kind().code())
            .push_bind(tie.source().get())
            .push_bind(tie.target().get())
            .push_bind(tie.kind().code())
            .push_bind(tie.directed())
            .push_bind(i32::from(tie.strength().get()))
            .push_bind(sql_date(tie.period().since()))
            .push_bind(sql_date(tie.period().until()))
            .push_bind(tie.source_note().map(|t| t.as_str().to_owned()))
            .push_bind(tie.meeting_id().map(MeetingId::get));
    });
    insert.build().execute(&mut *conn).await.map(drop)
}

/// Inserts imported ties in multi-row statements of [`BATCH`] ties: one round trip per batch
/// instead of per tie. Each batch runs in a savepoint; if the database refuses it, the batch is
/// undone and its ties are inserted one by one, so that the error names the tie (by its index in
/// `ties`).
pub(crate) async fn insert_imported_ties(
    conn: &mut Conn,
    ctx: &ChangeContext,
    ties: &[TieData],
    progress: &dyn crate::ImportProgress,
) -> Result<(), (usize, StoreError)> {
    use sqlx::Connection as _;
    let at = |index: usize| move |e: sqlx::Error| (index, StoreError::from(e));
    for (number, chunk) in ties.chunks(BATCH).enumerate() {
        let first = number * BATCH;
        let mut savepoint = conn.begin().await.map_err(at(first))?;
        let result = insert_rows(&mut savepoint, chunk).await;
        if result.is_ok() {
            savepoint.commit().await.map_err(at(first))?;
        } else {
            savepoint.rollback().await.map_err(at(first))?;
            for (offset, tie) in chunk.iter().enumerate() {
                insert_tie(conn, ctx, tie, Origin::Import)
                    .await
                    .map_err(|e| (first + offset, e))?;
            }
        }
        progress.advance(chunk.len() as u64);
    }
    Ok(())
}

/// Refuses a kind of tie that is not recorded by hand ("met at meeting").
fn by_hand(kind: TieKind) -> Result<(), StoreError> {
    kind.by_hand()
        .map(drop)
        .map_err(|rule| StoreError::invalid(Field::Kind, rule))
}

/// The kind of a stored tie, if it exists.
async fn stored_kind(conn: &mut Conn, id: TieId) -> Result<Option<TieKind>, StoreError> {
    let kind: Option<String> = sqlx::query_scalar("select kind from tie where tie_id = $1")
        .bind(id.get())
        .fetch_optional(&mut *conn)
        .await?;
    kind.map(|k| {
        TieKind::from_code(&k).ok_or_else(|| StoreError::Corrupt {
            entity: "tie",
            id: id.get(),
            problem: format!("kind: unknown code {k}"),
        })
    })
    .transpose()
}

pub(crate) async fn create_tie(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &TieData,
) -> Result<TieId, StoreError> {
    by_hand(data.kind())?;
    let mut tx = begin(pool).await?;
    let id = insert_tie(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_tie(
    pool: &Pool,
    ctx: &ChangeContext,
    id: TieId,
    data: &TieData,
) -> Result<(), StoreError> {
    by_hand(data.kind())?;
    let mut tx = begin(pool).await?;
    // Nor does a tie that follows from attendance become one recorded by hand.
    if let Some(kind) = stored_kind(&mut tx, id).await? {
        by_hand(kind)?;
    }
    check_tie(&mut tx, data).await?;
    let result = sqlx::query(
        "update tie set actor_kind = $2, source_actor_id = $3, target_actor_id = $4, kind = $5, \
         directed = $6, strength = $7, since = $8, until = $9, source_note = $10, \
         meeting_id = $11 where tie_id = $1",
    )
    .bind(id.get())
    .bind(data.source().kind().code())
    .bind(data.source().get())
    .bind(data.target().get())
    .bind(data.kind().code())
    .bind(data.directed())
    .bind(i32::from(data.strength().get()))
    .bind(sql_date(data.period().since()))
    .bind(sql_date(data.period().until()))
    .bind(data.source_note().map(Text::as_str))
    .bind(data.meeting_id().map(MeetingId::get))
    .execute(&mut *tx)
    .await
    .map_err(tie_violation(data))?;
    found(result.rows_affected(), EntityKind::Tie, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Tie,
        Some(id.get()),
        data.kind().code(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_tie(pool: &Pool, id: TieId) -> Result<Option<Tie>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        tie_columns!(),
        " from tie where tie_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(tie).transpose()
}

/// Ties of one actor (either end), or all ties of one kind of actor, in id order.
pub(crate) async fn list_ties(
    pool: &Pool,
    actor: Option<ActorId>,
    level: Option<ActorKind>,
) -> Result<Vec<Tie>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        tie_columns!(),
        " from tie where ($1 is null or source_actor_id = $1 or target_actor_id = $1) \
           and ($2 is null or actor_kind = $2) order by tie_id"
    ))
    .bind(actor.map(ActorId::get))
    .bind(level.map(ActorKind::code))
    .fetch_all(pool)
    .await?;
    rows.iter().map(tie).collect()
}

/// Deletes a tie recorded by hand; one that follows from attendance is refused.
pub(crate) async fn delete_tie(
    pool: &Pool,
    ctx: &ChangeContext,
    id: TieId,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    match stored_kind(&mut tx, id).await? {
        None => {
            return Err(StoreError::NotFound {
                entity: EntityKind::Tie,
                id: id.get(),
            });
        }
        Some(kind) => by_hand(kind)?,
    }
    sqlx::query("delete from tie where tie_id = $1")
        .bind(id.get())
        .execute(&mut *tx)
        .await
        .map_err(|e| map_delete(e, Field::Target))?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Delete,
        EntityKind::Tie,
        Some(id.get()),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Ties between two of the given actors (both ends among them: the network the actors form), in
/// id order. Found through the index on the source, a chunk of actors at a time.
pub(crate) async fn ties_of_actors(
    pool: &Pool,
    actors: &[ActorId],
) -> Result<Vec<Tie>, StoreError> {
    let ids: std::collections::HashSet<i64> = actors.iter().map(|a| a.get()).collect();
    let mut sorted: Vec<i64> = ids.iter().copied().collect();
    sorted.sort_unstable();
    let mut ties = Vec::new();
    for chunk in sorted.chunks(500) {
        let mut query = sqlx::QueryBuilder::<super::Db>::new(concat!(
            "select ",
            tie_columns!(),
            " from tie where source_actor_id"
        ));
        push_id_list(&mut query, chunk);
        for row in query.build().fetch_all(pool).await? {
            let tie = tie(&row)?;
            if ids.contains(&tie.data.target().get()) {
                ties.push(tie);
            }
        }
    }
    ties.sort_by_key(|tie| tie.id.get());
    Ok(ties)
}

// ---------------------------------------------------------------- met at meeting

/// What bringing a meeting's ties in line with its attendance changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Synced {
    /// Ties inserted.
    pub created: u64,
    /// Ties deleted.
    pub deleted: u64,
}

impl Synced {
    pub(crate) fn add(&mut self, other: Synced) {
        self.created += other.created;
        self.deleted += other.deleted;
    }

    pub(crate) fn changed(self) -> bool {
        self.created + self.deleted > 0
    }
}

/// Brings the ties of kind "met at meeting" of `meeting` in line with its status, start and
/// attendance, in the caller's transaction: the ties [`met_at_meeting`] makes of the persons who
/// attended are what the meeting should have; stored ones that differ from them are deleted, the
/// missing ones inserted (so ties that stay keep their ids). Ties of other kinds are never
/// touched. A meeting that does not exist (any more) has none. Writes no audit entry: see
/// [`sync_meeting_ties_audited`] and the import.
pub(crate) async fn sync_meeting_ties(
    conn: &mut Conn,
    meeting: MeetingId,
) -> Result<Synced, StoreError> {
    let row =
        sqlx::query("select meeting_id, status, starts_at from meeting where meeting_id = $1")
            .bind(meeting.get())
            .fetch_optional(&mut *conn)
            .await?;
    let wanted = match &row {
        None => Vec::new(),
        Some(row) => {
            let r = Reader::new(row, "meeting", "meeting_id")?;
            let status: MeetingStatus = r.code("status")?;
            let attended: Vec<PersonId> = sqlx::query_scalar(
                "select person_id from participation where meeting_id = $1 and status = $2",
            )
            .bind(meeting.get())
            .bind(ParticipationStatus::Attended.code())
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(PersonId::new)
            .collect();
            met_at_meeting(meeting, status, r.timestamp("starts_at")?, &attended)
        }
    };
    let mut missing: HashMap<(i64, i64), &TieData> = wanted
        .iter()
        .map(|t| ((t.source().get(), t.target().get()), t))
        .collect();
    let stored = sqlx::query(concat!(
        "select ",
        tie_columns!(),
        " from tie where meeting_id = $1 and kind = $2"
    ))
    .bind(meeting.get())
    .bind(TieKind::MetAtMeeting.code())
    .fetch_all(&mut *conn)
    .await?;
    let mut stale = Vec::new();
    for row in &stored {
        let tie = tie(row)?;
        let key = (tie.data.source().get(), tie.data.target().get());
        if missing.get(&key) == Some(&&tie.data) {
            missing.remove(&key);
        } else {
            stale.push(tie.id.get());
        }
    }
    for chunk in stale.chunks(BATCH) {
        let mut delete = sqlx::QueryBuilder::<super::Db>::new("delete from tie where tie_id");
        push_id_list(&mut delete, chunk);
        delete.build().execute(&mut *conn).await?;
    }
    // In the order `met_at_meeting` made them, so that ids follow the pairs.
    let inserts: Vec<TieData> = wanted
        .iter()
        .filter(|t| missing.contains_key(&(t.source().get(), t.target().get())))
        .cloned()
        .collect();
    for chunk in inserts.chunks(BATCH) {
        insert_rows(conn, chunk).await?;
    }
    Ok(Synced {
        created: inserts.len() as u64,
        deleted: stale.len() as u64,
    })
}

/// [`sync_meeting_ties`] with one audit entry telling what changed (none if nothing did).
pub(crate) async fn sync_meeting_ties_audited(
    conn: &mut Conn,
    ctx: &ChangeContext,
    meeting: MeetingId,
) -> Result<Synced, StoreError> {
    let synced = sync_meeting_ties(conn, meeting).await?;
    record_sync(
        conn,
        ctx,
        AuditAction::Update,
        &format!("meeting {meeting}"),
        synced,
    )
    .await?;
    Ok(synced)
}

/// The audit entry of a sync of "met at meeting" ties (`of`: whose), if it changed anything.
pub(crate) async fn record_sync(
    conn: &mut Conn,
    ctx: &ChangeContext,
    action: AuditAction,
    of: &str,
    synced: Synced,
) -> Result<(), StoreError> {
    if !synced.changed() {
        return Ok(());
    }
    audit::record(
        conn,
        ctx,
        action,
        EntityKind::Tie,
        None,
        &format!(
            "{} ({of}): {} created, {} deleted",
            TieKind::MetAtMeeting.code(),
            synced.created,
            synced.deleted
        ),
    )
    .await
}

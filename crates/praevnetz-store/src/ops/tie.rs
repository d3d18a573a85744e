//! Ties between two persons or two organisations.

use praevnetz_domain::actor::ActorKind;
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::ids::{ActorId, MeetingId, TieId};
use praevnetz_domain::text::Text;
use praevnetz_domain::tie::{Strength, Tie, TieData, TieSpec};
use praevnetz_domain::time::Period;

use super::{
    Conn, DbRow, Origin, Pool, Reader, audit, begin, delete_audited, exists, found, sql_date,
    unknown_reference,
};
use crate::error::{StoreError, Violation};

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
        let mut insert = sqlx::QueryBuilder::<super::Db>::new(
            "insert into tie (actor_kind, source_actor_id, target_actor_id, kind, directed, \
             strength, since, until, source_note, meeting_id) ",
        );
        insert.push_values(chunk, |mut row, tie| {
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
        let result = insert.build().execute(&mut *savepoint).await;
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

pub(crate) async fn create_tie(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &TieData,
) -> Result<TieId, StoreError> {
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
    let mut tx = begin(pool).await?;
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

pub(crate) async fn delete_tie(
    pool: &Pool,
    ctx: &ChangeContext,
    id: TieId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from tie where tie_id = $1",
        EntityKind::Tie,
        id.get(),
        Field::Target,
    )
    .await
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
        super::push_id_list(&mut query, chunk);
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

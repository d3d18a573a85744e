//! A meeting's record as planners edit it on the meeting's page: agenda items placed at a
//! position with the others moved so that the agenda stays numbered 1, 2, 3 … without gaps,
//! and the minutes.
//!
//! Positions are unique per meeting (the schema's key), so a new order cannot be written item
//! by item in place: [`renumber`] first moves the items that change to positions no item holds
//! and then to their new ones.

use std::collections::{HashMap, HashSet};

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{AgendaItemId, MeetingId, PersonId, TopicId};
use praevnetz_domain::meeting::{AgendaItemData, MAX_COUNT};
use praevnetz_domain::text::Text;

use super::meeting::{check_agenda_item, insert_agenda_item};
use super::{Conn, Origin, Pool, Reader, audit, begin};
use crate::error::StoreError;

/// Takes the lock of the meeting's row (PostgreSQL; SQLite's write lock is taken by `begin`),
/// so that two changes of one agenda are made one after the other, each on the agenda as the
/// other left it.
async fn lock_meeting(conn: &mut Conn, meeting: MeetingId) -> Result<(), StoreError> {
    sqlx::query("update meeting set title = title where meeting_id = $1")
        .bind(meeting.get())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The agenda of a meeting as (item, position), by position.
async fn agenda_of(conn: &mut Conn, meeting: MeetingId) -> Result<Vec<(i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "select agenda_item_id, position from agenda_item where meeting_id = $1 \
         order by position",
    )
    .bind(meeting.get())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|row| {
            let r = Reader::new(row, "agenda_item", "agenda_item_id")?;
            Ok((r.id(), i64::from(r.i32("position")?)))
        })
        .collect()
}

async fn set_position(conn: &mut Conn, item: i64, position: i64) -> Result<(), StoreError> {
    let position = i32::try_from(position).map_err(|_| {
        StoreError::invalid(
            Field::Position,
            Rule::OutOfRange {
                min: "1".to_owned(),
                max: MAX_COUNT.to_string(),
                found: position.to_string(),
            },
        )
    })?;
    sqlx::query("update agenda_item set position = $2 where agenda_item_id = $1")
        .bind(item)
        .bind(position)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Numbers the agenda of `meeting` 1, 2, 3 … in the order of `order` (every item of the
/// agenda, each once), moving only the items whose position changes.
async fn renumber(conn: &mut Conn, meeting: MeetingId, order: &[i64]) -> Result<(), StoreError> {
    let current = agenda_of(conn, meeting).await?;
    let target: HashMap<i64, i64> = order
        .iter()
        .zip(1_i64..)
        .map(|(item, position)| (*item, position))
        .collect();
    let moving: Vec<i64> = current
        .iter()
        .filter(|(item, position)| target.get(item) != Some(position))
        .map(|(item, _)| *item)
        .collect();
    // Out of the way first, to positions above the new numbers that no item holds; then each
    // new number is free: its holder, if any, is moving too.
    let held: HashSet<i64> = current.iter().map(|(_, position)| *position).collect();
    let above = i64::try_from(order.len())
        .unwrap_or(i64::MAX)
        .saturating_add(1);
    let spare = (above..).filter(|p| !held.contains(p));
    for (item, position) in moving.iter().zip(spare) {
        set_position(conn, *item, position).await?;
    }
    for item in &moving {
        if let Some(position) = target.get(item) {
            set_position(conn, *item, *position).await?;
        }
    }
    Ok(())
}

/// The index in an agenda of `len` items (`len` + 1 places for a new one) that `position`
/// asks for; a field error on the position otherwise.
fn place(position: u32, places: usize) -> Result<usize, StoreError> {
    usize::try_from(position)
        .ok()
        .filter(|p| (1..=places).contains(p))
        .map(|p| p - 1)
        .ok_or_else(|| {
            StoreError::invalid(
                Field::Position,
                Rule::OutOfRange {
                    min: "1".to_owned(),
                    max: places.to_string(),
                    found: position.to_string(),
                },
            )
        })
}

/// Adds an agenda item (`id` none) or changes one of `data.meeting_id`'s, placing it at
/// `data.position` and moving the others so that the agenda stays numbered from 1 without gaps:
/// a new item may go anywhere from 1 to one after the last, a changed one from 1 to the last.
/// One audit event for the item; the positions of the others follow from it.
pub(crate) async fn place_agenda_item(
    pool: &Pool,
    ctx: &ChangeContext,
    id: Option<AgendaItemId>,
    data: &AgendaItemData,
) -> Result<AgendaItemId, StoreError> {
    let mut tx = begin(pool).await?;
    check_agenda_item(&mut tx, data).await?;
    lock_meeting(&mut tx, data.meeting_id).await?;
    let agenda = agenda_of(&mut tx, data.meeting_id).await?;
    let mut order: Vec<i64> = agenda.iter().map(|(item, _)| *item).collect();
    let item = if let Some(id) = id {
        if !order.contains(&id.get()) {
            return Err(StoreError::NotFound {
                entity: EntityKind::AgendaItem,
                id: id.get(),
            });
        }
        order.retain(|item| *item != id.get());
        let index = place(data.position, order.len() + 1)?;
        update_fields(&mut tx, ctx, id, data).await?;
        order.insert(index, id.get());
        id
    } else {
        let index = place(data.position, order.len() + 1)?;
        // Written above the last item first; `renumber` puts it in its place.
        let last = agenda.iter().map(|(_, p)| *p).max().unwrap_or(0);
        let free = u32::try_from(last + 1).unwrap_or(u32::MAX);
        let added = AgendaItemData {
            position: free,
            ..data.clone()
        };
        let id = insert_agenda_item(&mut tx, ctx, &added, Origin::Change).await?;
        order.insert(index, id.get());
        id
    };
    renumber(&mut tx, data.meeting_id, &order).await?;
    tx.commit().await?;
    Ok(item)
}

/// Writes everything of an agenda item but its meeting and position, with its audit event.
async fn update_fields(
    conn: &mut Conn,
    ctx: &ChangeContext,
    id: AgendaItemId,
    data: &AgendaItemData,
) -> Result<(), StoreError> {
    sqlx::query(
        "update agenda_item set title = $2, duration_minutes = $3, presenter_person_id = $4, \
         topic_id = $5, notes = $6 where agenda_item_id = $1",
    )
    .bind(id.get())
    .bind(data.title.as_str())
    .bind(data.duration_minutes.map(i64::from))
    .bind(data.presenter_id.map(PersonId::get))
    .bind(data.topic_id.map(TopicId::get))
    .bind(data.notes.as_ref().map(Text::as_str))
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        ctx,
        AuditAction::Update,
        EntityKind::AgendaItem,
        Some(id.get()),
        data.title.as_str(),
    )
    .await
}

/// Removes an agenda item of `meeting` and closes the gap it leaves; decisions taken under it
/// stay, without it. An item of another meeting is [`StoreError::NotFound`].
pub(crate) async fn remove_agenda_item(
    pool: &Pool,
    ctx: &ChangeContext,
    meeting: MeetingId,
    id: AgendaItemId,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    lock_meeting(&mut tx, meeting).await?;
    let title: Option<String> = sqlx::query_scalar(
        "delete from agenda_item where agenda_item_id = $1 and meeting_id = $2 returning title",
    )
    .bind(id.get())
    .bind(meeting.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(title) = title else {
        return Err(StoreError::NotFound {
            entity: EntityKind::AgendaItem,
            id: id.get(),
        });
    };
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Delete,
        EntityKind::AgendaItem,
        Some(id.get()),
        &title,
    )
    .await?;
    let order: Vec<i64> = agenda_of(&mut tx, meeting)
        .await?
        .into_iter()
        .map(|(item, _)| item)
        .collect();
    renumber(&mut tx, meeting, &order).await?;
    tx.commit().await?;
    Ok(())
}

/// Replaces a meeting's minutes (Markdown), nothing else of it.
pub(crate) async fn set_meeting_minutes(
    pool: &Pool,
    ctx: &ChangeContext,
    meeting: MeetingId,
    minutes: Option<&Text>,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let title: Option<String> =
        sqlx::query_scalar("update meeting set minutes = $2 where meeting_id = $1 returning title")
            .bind(meeting.get())
            .bind(minutes.map(Text::as_str))
            .fetch_optional(&mut *tx)
            .await?;
    let Some(title) = title else {
        return Err(StoreError::NotFound {
            entity: EntityKind::Meeting,
            id: meeting.get(),
        });
    };
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Meeting,
        Some(meeting.get()),
        &title,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

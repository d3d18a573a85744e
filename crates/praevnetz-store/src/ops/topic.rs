//! Topics with the problem categories they touch and the municipalities they concern.

use std::collections::HashMap;

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::ids::{
    MeetingId, MeetingSeriesId, MunicipalityId, PersonId, TopicId, UserId,
};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::text::{ExternalRef, Text};
use praevnetz_domain::topic::{Topic, TopicData, TopicStatus, TopicStatusChange};

use super::{
    Conn, DbRow, Origin, Parents, Pool, Reader, Reference, audit, begin, check_references,
    child_lists, delete_audited, exists_sql, found, replace_list, row_ids, sql_date, sql_ts,
};
use crate::error::map_delete;
use crate::error::{StoreError, Violation};
use crate::{TopicFilter, TopicVotes};

macro_rules! topic_columns {
    () => {
        "topic_id, external_ref, title, description, status, meeting_series_id, \
         raised_by_person_id, raised_at_meeting_id, raised_on"
    };
}

#[derive(Default)]
struct Children {
    categories: HashMap<i64, Vec<CategoryCode>>,
    municipalities: HashMap<i64, Vec<MunicipalityId>>,
}

async fn children(pool: &Pool, parents: Parents<'_>) -> Result<Children, StoreError> {
    Ok(Children {
        categories: child_lists(
            pool,
            "select topic_id as parent, category_code from topic_category \
             where topic_id",
            "order by topic_id, category_code",
            "topic",
            parents,
            |r| r.with("category_code", CategoryCode::parse),
        )
        .await?,
        municipalities: child_lists(
            pool,
            "select topic_id as parent, municipality_id from topic_municipality \
             where topic_id",
            "order by topic_id, municipality_id",
            "topic",
            parents,
            |r| Ok(MunicipalityId::new(r.i64("municipality_id")?)),
        )
        .await?,
    })
}

fn topic(row: &DbRow, children: &mut Children) -> Result<Topic, StoreError> {
    let r = Reader::new(row, "topic", "topic_id")?;
    Ok(Topic {
        id: TopicId::new(r.id()),
        data: TopicData {
            external_ref: r.opt_ref("external_ref")?,
            title: r.name("title")?,
            description: r.opt_text("description")?,
            status: r.code("status")?,
            series_id: r.opt_i64("meeting_series_id")?.map(MeetingSeriesId::new),
            raised_by_id: r.opt_i64("raised_by_person_id")?.map(PersonId::new),
            raised_at_id: r.opt_i64("raised_at_meeting_id")?.map(MeetingId::new),
            raised_on: r.date("raised_on")?,
            categories: children.categories.remove(&r.id()).unwrap_or_default(),
            municipalities: children.municipalities.remove(&r.id()).unwrap_or_default(),
        },
    })
}

async fn check_topic(conn: &mut Conn, data: &TopicData) -> Result<(), StoreError> {
    check_references(
        conn,
        &[
            Reference {
                field: Field::Series,
                exists: exists_sql!("meeting_series"),
                id: data.series_id.map(MeetingSeriesId::get),
            },
            Reference {
                field: Field::RaisedBy,
                exists: exists_sql!("person"),
                id: data.raised_by_id.map(PersonId::get),
            },
            Reference {
                field: Field::Meeting,
                exists: exists_sql!("meeting"),
                id: data.raised_at_id.map(MeetingId::get),
            },
        ],
    )
    .await
}

fn topic_violation(data: &TopicData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        Violation {
            reference: Field::Series,
            unique: Field::Ref,
            key: data.external_ref.as_ref().map_or("", ExternalRef::as_str),
        }
        .map(e)
    }
}

/// Replaces categories and municipalities; both are kept as sets (read back in order of code and
/// id, repetitions dropped).
async fn write_children(conn: &mut Conn, id: i64, data: &TopicData) -> Result<(), StoreError> {
    replace_list(
        conn,
        "delete from topic_category where topic_id = $1",
        "insert into topic_category (topic_id, category_code) values ($1, $2) \
         on conflict do nothing",
        id,
        data.categories.iter().map(CategoryCode::as_str).collect(),
        Field::Categories,
    )
    .await?;
    replace_list(
        conn,
        "delete from topic_municipality where topic_id = $1",
        "insert into topic_municipality (topic_id, municipality_id) values ($1, $2) \
         on conflict do nothing",
        id,
        data.municipalities.iter().map(|m| m.get()).collect(),
        Field::Municipalities,
    )
    .await
}

pub(crate) async fn insert_topic(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &TopicData,
    origin: Origin,
) -> Result<TopicId, StoreError> {
    check_topic(conn, data).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into topic (external_ref, title, description, status, meeting_series_id, \
         raised_by_person_id, raised_at_meeting_id, raised_on) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning topic_id",
    )
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.title.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(data.status.code())
    .bind(data.series_id.map(MeetingSeriesId::get))
    .bind(data.raised_by_id.map(PersonId::get))
    .bind(data.raised_at_id.map(MeetingId::get))
    .bind(sql_date(Some(data.raised_on)))
    .fetch_one(&mut *conn)
    .await
    .map_err(topic_violation(data))?;
    write_children(conn, id, data).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Topic,
            Some(id),
            data.title.as_str(),
        )
        .await?;
    }
    Ok(TopicId::new(id))
}

pub(crate) async fn create_topic(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &TopicData,
) -> Result<TopicId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_topic(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_topic(
    pool: &Pool,
    ctx: &ChangeContext,
    id: TopicId,
    data: &TopicData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_topic(&mut tx, data).await?;
    let result = sqlx::query(
        "update topic set external_ref = $2, title = $3, description = $4, status = $5, \
         meeting_series_id = $6, raised_by_person_id = $7, raised_at_meeting_id = $8, \
         raised_on = $9 where topic_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.title.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(data.status.code())
    .bind(data.series_id.map(MeetingSeriesId::get))
    .bind(data.raised_by_id.map(PersonId::get))
    .bind(data.raised_at_id.map(MeetingId::get))
    .bind(sql_date(Some(data.raised_on)))
    .execute(&mut *tx)
    .await
    .map_err(topic_violation(data))?;
    found(result.rows_affected(), EntityKind::Topic, id.get())?;
    write_children(&mut tx, id.get(), data).await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Topic,
        Some(id.get()),
        data.title.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_topic(pool: &Pool, id: TopicId) -> Result<Option<Topic>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        topic_columns!(),
        " from topic where topic_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut children = children(pool, Parents::One(id.get())).await?;
    topic(&row, &mut children).map(Some)
}

pub(crate) async fn topic_by_ref(
    pool: &Pool,
    external_ref: &ExternalRef,
) -> Result<Option<Topic>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        topic_columns!(),
        " from topic where external_ref = $1"
    ))
    .bind(external_ref.as_str())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id = Reader::new(&row, "topic", "topic_id")?.id();
    let mut children = children(pool, Parents::One(id)).await?;
    topic(&row, &mut children).map(Some)
}

/// Topics, filtered, the longest-standing first.
pub(crate) async fn list_topics(
    pool: &Pool,
    filter: &TopicFilter,
) -> Result<Vec<Topic>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        topic_columns!(),
        " from topic t where ($1 is null or meeting_series_id = $1) \
           and ($2 is null or status = $2) \
           and ($3 is null or exists (select 1 from topic_municipality tm \
                where tm.topic_id = t.topic_id and tm.municipality_id = $3)) \
           and ($4 is null or exists (select 1 from topic_category tc \
                where tc.topic_id = t.topic_id and tc.category_code = $4)) \
         order by raised_on, topic_id"
    ))
    .bind(filter.series.map(MeetingSeriesId::get))
    .bind(filter.status.map(TopicStatus::code))
    .bind(filter.municipality.map(MunicipalityId::get))
    .bind(filter.category.as_ref().map(CategoryCode::as_str))
    .fetch_all(pool)
    .await?;
    let ids = row_ids(&rows, "topic_id")?;
    let filtered = filter.series.is_some()
        || filter.status.is_some()
        || filter.municipality.is_some()
        || filter.category.is_some();
    let mut children = children(pool, Parents::of_list(filtered, &ids)).await?;
    rows.iter().map(|row| topic(row, &mut children)).collect()
}

/// Deletes a topic with its categories and municipalities; agenda items that took it up stay,
/// without it.
pub(crate) async fn delete_topic(
    pool: &Pool,
    ctx: &ChangeContext,
    id: TopicId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from topic where topic_id = $1",
        EntityKind::Topic,
        id.get(),
        Field::Topic,
    )
    .await
}

// ---------------------------------------------------------------- votes

/// Gives (`vote`) or withdraws the vote of `account` for `topic`; one vote per account and
/// topic. Returns whether anything changed (a second vote, or withdrawing none, changes
/// nothing and writes no audit event).
pub(crate) async fn vote_topic(
    pool: &Pool,
    ctx: &ChangeContext,
    topic: TopicId,
    account: UserId,
    vote: bool,
) -> Result<bool, StoreError> {
    let mut tx = begin(pool).await?;
    let title: Option<String> = sqlx::query_scalar("select title from topic where topic_id = $1")
        .bind(topic.get())
        .fetch_optional(&mut *tx)
        .await?;
    let Some(title) = title else {
        return Err(StoreError::NotFound {
            entity: EntityKind::Topic,
            id: topic.get(),
        });
    };
    super::user::account_exists(&mut tx, account).await?;
    let result = if vote {
        sqlx::query(
            "insert into topic_vote (topic_id, account_id, voted_at) values ($1, $2, $3) \
             on conflict do nothing",
        )
        .bind(topic.get())
        .bind(account.get())
        .bind(sql_ts(ctx.at))
        .execute(&mut *tx)
        .await?
    } else {
        sqlx::query("delete from topic_vote where topic_id = $1 and account_id = $2")
            .bind(topic.get())
            .bind(account.get())
            .execute(&mut *tx)
            .await
            .map_err(|e| map_delete(e, Field::Topic))?
    };
    let changed = result.rows_affected() > 0;
    if changed {
        let action = if vote {
            AuditAction::Create
        } else {
            AuditAction::Delete
        };
        // A vote has no id of its own; the entry names the topic.
        audit::record(
            &mut tx,
            ctx,
            action,
            EntityKind::TopicVote,
            Some(topic.get()),
            &title,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// The votes of every topic that has any, by topic id, each with whether `account` is among
/// the voters.
pub(crate) async fn topic_votes(
    pool: &Pool,
    account: Option<UserId>,
) -> Result<Vec<TopicVotes>, StoreError> {
    let rows = sqlx::query(
        "select topic_id, count(*) as votes, \
           sum(case when account_id = $1 then 1 else 0 end) as mine \
         from topic_vote group by topic_id order by topic_id",
    )
    .bind(account.map(UserId::get))
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let r = Reader::new(row, "topic_vote", "topic_id")?;
            Ok(TopicVotes {
                topic: TopicId::new(r.id()),
                count: r.check("votes", u32::try_from(r.i64("votes")?))?,
                mine: r.i64("mine")? > 0,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- status

/// Moves a topic to status `to` if the pipeline allows it from where the topic stands now
/// ([`TopicStatus::check_move`], else a field error on the status naming both), and keeps the
/// change with its `note` in the topic's history; one audit event. Returns the status before.
pub(crate) async fn set_topic_status(
    pool: &Pool,
    ctx: &ChangeContext,
    id: TopicId,
    to: TopicStatus,
    note: Option<&Text>,
) -> Result<TopicStatus, StoreError> {
    let mut tx = begin(pool).await?;
    // An update that changes nothing takes the row's lock first (PostgreSQL; SQLite's write
    // lock is taken by `begin`), so that the status checked is the one changed.
    let row = sqlx::query(
        "update topic set status = status where topic_id = $1 returning topic_id, status, title",
    )
    .bind(id.get())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Err(StoreError::NotFound {
            entity: EntityKind::Topic,
            id: id.get(),
        });
    };
    let r = Reader::new(&row, "topic", "topic_id")?;
    let from: TopicStatus = r.code("status")?;
    let title = r.string("title")?;
    from.check_move(to)?;
    sqlx::query("update topic set status = $2 where topic_id = $1")
        .bind(id.get())
        .bind(to.code())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into topic_status_change (topic_id, from_status, to_status, changed_at, \
         account_id, note) values ($1, $2, $3, $4, \
         (select account_id from account where account_id = $5), $6)",
    )
    .bind(id.get())
    .bind(from.code())
    .bind(to.code())
    .bind(sql_ts(ctx.at))
    .bind(ctx.user_id.map(UserId::get))
    .bind(note.map(Text::as_str))
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Topic,
        Some(id.get()),
        &format!("{title}: {} → {}", from.code(), to.code()),
    )
    .await?;
    tx.commit().await?;
    Ok(from)
}

/// The status changes of a topic, the earliest first.
pub(crate) async fn topic_status_changes(
    pool: &Pool,
    id: TopicId,
) -> Result<Vec<TopicStatusChange>, StoreError> {
    let rows = sqlx::query(
        "select topic_status_change_id, topic_id, from_status, to_status, changed_at, note \
         from topic_status_change where topic_id = $1 \
         order by changed_at, topic_status_change_id",
    )
    .bind(id.get())
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let r = Reader::new(row, "topic_status_change", "topic_status_change_id")?;
            Ok(TopicStatusChange {
                topic_id: TopicId::new(r.i64("topic_id")?),
                from: r.code("from_status")?,
                to: r.code("to_status")?,
                at: r.timestamp("changed_at")?,
                note: r.opt_text("note")?,
            })
        })
        .collect()
}

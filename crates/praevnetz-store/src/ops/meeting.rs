//! Meeting series, meetings with their hosts, participations, agenda items, decisions and action
//! items.
//!
//! References are checked before each write (see [`check_references`]) so that a missing one is
//! named on its own field; an agenda item a decision is taken under, and the decision an action
//! item implements, must belong to the same meeting, which the schema alone does not ensure.

use std::collections::HashMap;

use jiff::{RoundMode, Timestamp, TimestampRound, Unit};
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{
    ActionItemId, AgendaItemId, DecisionId, MeetingId, MeetingSeriesId, MunicipalityId,
    OrganisationId, ParticipationId, PersonId, RegionId, TopicId,
};
use praevnetz_domain::meeting::{
    ActionItem, ActionItemData, ActionStatus, AgendaItem, AgendaItemData, Decision, DecisionData,
    Meeting, MeetingData, MeetingSeries, MeetingSeriesData, MeetingStatus, Participation,
    ParticipationData, ParticipationStatus, TimeSpan, Venue,
};
use praevnetz_domain::territory::GeoPoint;
use praevnetz_domain::text::{ExternalRef, Name, Text};

use super::{
    Conn, DbRow, Origin, Parents, Pool, Reader, Reference, audit, begin, by_name, check_references,
    child_lists, delete_audited, exists_sql, found, replace_list, row_ids, sql_date, sql_ts, tie,
};
use crate::error::{StoreError, Violation, map_delete};
use crate::{ActionItemFilter, MeetingFilter};

fn ref_violation(field: Field, external_ref: Option<&ExternalRef>) -> Violation<'_> {
    Violation {
        reference: field,
        unique: Field::Ref,
        key: external_ref.map_or("", ExternalRef::as_str),
    }
}

/// Checks that the record `id` of the table queried by `sql` (`$1` the record, `$2` the meeting)
/// belongs to `meeting`.
async fn check_in_meeting(
    conn: &mut Conn,
    field: Field,
    sql: &'static str,
    id: i64,
    meeting: i64,
) -> Result<(), StoreError> {
    let belongs: bool = sqlx::query_scalar(sql)
        .bind(id)
        .bind(meeting)
        .fetch_one(&mut *conn)
        .await?;
    if belongs {
        Ok(())
    } else {
        Err(StoreError::invalid(
            field,
            Rule::UnknownReference {
                key: id.to_string(),
            },
        ))
    }
}

/// The start of a long text, for the audit log.
fn summary(text: &str) -> String {
    const MAX: usize = 80;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

// ---------------------------------------------------------------- series

macro_rules! series_columns {
    () => {
        "meeting_series_id, external_ref, name, description, region_id, organiser_id"
    };
}

fn series(row: &DbRow) -> Result<MeetingSeries, StoreError> {
    let r = Reader::new(row, "meeting_series", "meeting_series_id")?;
    Ok(MeetingSeries {
        id: MeetingSeriesId::new(r.id()),
        data: MeetingSeriesData {
            external_ref: r.opt_ref("external_ref")?,
            name: r.name("name")?,
            description: r.opt_text("description")?,
            region_id: r.opt_i64("region_id")?.map(RegionId::new),
            organiser_id: r.opt_i64("organiser_id")?.map(OrganisationId::new),
        },
    })
}

async fn check_series_references(
    conn: &mut Conn,
    data: &MeetingSeriesData,
) -> Result<(), StoreError> {
    check_references(
        conn,
        &[
            Reference {
                field: Field::Region,
                exists: exists_sql!("region"),
                id: data.region_id.map(RegionId::get),
            },
            Reference {
                field: Field::Organiser,
                exists: exists_sql!("organisation"),
                id: data.organiser_id.map(OrganisationId::get),
            },
        ],
    )
    .await
}

pub(crate) async fn insert_series(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &MeetingSeriesData,
    origin: Origin,
) -> Result<MeetingSeriesId, StoreError> {
    check_series_references(conn, data).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into meeting_series (external_ref, name, description, region_id, organiser_id) \
         values ($1, $2, $3, $4, $5) returning meeting_series_id",
    )
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.name.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(data.region_id.map(RegionId::get))
    .bind(data.organiser_id.map(OrganisationId::get))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| ref_violation(Field::Organiser, data.external_ref.as_ref()).map(e))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::MeetingSeries,
            Some(id),
            data.name.as_str(),
        )
        .await?;
    }
    Ok(MeetingSeriesId::new(id))
}

pub(crate) async fn create_series(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &MeetingSeriesData,
) -> Result<MeetingSeriesId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_series(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_series(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MeetingSeriesId,
    data: &MeetingSeriesData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_series_references(&mut tx, data).await?;
    let result = sqlx::query(
        "update meeting_series set external_ref = $2, name = $3, description = $4, \
         region_id = $5, organiser_id = $6 where meeting_series_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.name.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(data.region_id.map(RegionId::get))
    .bind(data.organiser_id.map(OrganisationId::get))
    .execute(&mut *tx)
    .await
    .map_err(|e| ref_violation(Field::Organiser, data.external_ref.as_ref()).map(e))?;
    found(result.rows_affected(), EntityKind::MeetingSeries, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::MeetingSeries,
        Some(id.get()),
        data.name.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_series(
    pool: &Pool,
    id: MeetingSeriesId,
) -> Result<Option<MeetingSeries>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        series_columns!(),
        " from meeting_series where meeting_series_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(series).transpose()
}

pub(crate) async fn series_by_ref(
    pool: &Pool,
    external_ref: &ExternalRef,
) -> Result<Option<MeetingSeries>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        series_columns!(),
        " from meeting_series where external_ref = $1"
    ))
    .bind(external_ref.as_str())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(series).transpose()
}

/// Series of a region, or all, by name.
pub(crate) async fn list_series(
    pool: &Pool,
    region: Option<RegionId>,
) -> Result<Vec<MeetingSeries>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        series_columns!(),
        " from meeting_series where ($1 is null or region_id = $1) \
         order by meeting_series_id"
    ))
    .bind(region.map(RegionId::get))
    .fetch_all(pool)
    .await?;
    by_name(rows.iter().map(series).collect(), |s| {
        s.data.name.to_string()
    })
}

/// Deletes a series; refused while meetings belong to it (its topics stay, without series).
pub(crate) async fn delete_series(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MeetingSeriesId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from meeting_series where meeting_series_id = $1",
        EntityKind::MeetingSeries,
        id.get(),
        Field::Series,
    )
    .await
}

// ---------------------------------------------------------------- meetings

macro_rules! meeting_columns {
    () => {
        "meeting_id, external_ref, meeting_series_id, title, starts_at, ends_at, format, status, \
         venue_name, venue_address, venue_municipality_id, venue_latitude, venue_longitude, \
         capacity, description, minutes"
    };
}

async fn hosts(
    pool: &Pool,
    parents: Parents<'_>,
) -> Result<HashMap<i64, Vec<OrganisationId>>, StoreError> {
    child_lists(
        pool,
        "select meeting_id as parent, organisation_id from meeting_host \
         where meeting_id",
        "order by meeting_id, organisation_id",
        "meeting",
        parents,
        |r| Ok(OrganisationId::new(r.i64("organisation_id")?)),
    )
    .await
}

fn meeting(
    row: &DbRow,
    hosts: &mut HashMap<i64, Vec<OrganisationId>>,
) -> Result<Meeting, StoreError> {
    let r = Reader::new(row, "meeting", "meeting_id")?;
    Ok(Meeting {
        id: MeetingId::new(r.id()),
        data: MeetingData {
            external_ref: r.opt_ref("external_ref")?,
            series_id: r.opt_i64("meeting_series_id")?.map(MeetingSeriesId::new),
            title: r.name("title")?,
            time: r.check(
                "time",
                TimeSpan::new(r.timestamp("starts_at")?, r.timestamp("ends_at")?),
            )?,
            format: r.code("format")?,
            status: r.code("status")?,
            venue: Venue {
                name: r.opt_name("venue_name")?,
                address: r.opt_text("venue_address")?,
                municipality_id: r.opt_i64("venue_municipality_id")?.map(MunicipalityId::new),
                location: r.check(
                    "venue",
                    GeoPoint::from_optional(
                        r.opt_f64("venue_latitude")?,
                        r.opt_f64("venue_longitude")?,
                    ),
                )?,
            },
            capacity: r.opt_u32("capacity")?,
            description: r.opt_text("description")?,
            minutes: r.opt_text("minutes")?,
            hosts: hosts.remove(&r.id()).unwrap_or_default(),
        },
    })
}

async fn check_meeting(conn: &mut Conn, data: &MeetingData) -> Result<(), StoreError> {
    data.validate()?;
    check_references(
        conn,
        &[
            Reference {
                field: Field::Series,
                exists: exists_sql!("meeting_series"),
                id: data.series_id.map(MeetingSeriesId::get),
            },
            Reference {
                field: Field::Municipality,
                exists: exists_sql!("municipality"),
                id: data.venue.municipality_id.map(MunicipalityId::get),
            },
        ],
    )
    .await
}

/// Replaces the hosts; they are kept as a set (read back by id, repetitions dropped).
async fn write_hosts(conn: &mut Conn, id: i64, data: &MeetingData) -> Result<(), StoreError> {
    replace_list(
        conn,
        "delete from meeting_host where meeting_id = $1",
        "insert into meeting_host (meeting_id, organisation_id) values ($1, $2) \
         on conflict do nothing",
        id,
        data.hosts.iter().map(|h| h.get()).collect(),
        Field::Hosts,
    )
    .await
}

pub(crate) async fn insert_meeting(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &MeetingData,
    origin: Origin,
) -> Result<MeetingId, StoreError> {
    check_meeting(conn, data).await?;
    let venue = &data.venue;
    let id: i64 = sqlx::query_scalar(
        "insert into meeting (external_ref, meeting_series_id, title, starts_at, ends_at, format, \
         status, venue_name, venue_address, venue_municipality_id, venue_latitude, \
         venue_longitude, capacity, description, minutes) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         returning meeting_id",
    )
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.series_id.map(MeetingSeriesId::get))
    .bind(data.title.as_str())
    .bind(sql_ts(data.time.starts_at()))
    .bind(sql_ts(data.time.ends_at()))
    .bind(data.format.code())
    .bind(data.status.code())
    .bind(venue.name.as_ref().map(Name::as_str))
    .bind(venue.address.as_ref().map(Text::as_str))
    .bind(venue.municipality_id.map(MunicipalityId::get))
    .bind(venue.location.map(|p| p.lat()))
    .bind(venue.location.map(|p| p.lon()))
    .bind(data.capacity.map(i64::from))
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(data.minutes.as_ref().map(Text::as_str))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| ref_violation(Field::Series, data.external_ref.as_ref()).map(e))?;
    write_hosts(conn, id, data).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Meeting,
            Some(id),
            data.title.as_str(),
        )
        .await?;
    }
    Ok(MeetingId::new(id))
}

pub(crate) async fn create_meeting(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &MeetingData,
) -> Result<MeetingId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_meeting(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_meeting(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MeetingId,
    data: &MeetingData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_meeting(&mut tx, data).await?;
    let venue = &data.venue;
    let result = sqlx::query(
        "update meeting set external_ref = $2, meeting_series_id = $3, title = $4, \
         starts_at = $5, ends_at = $6, format = $7, status = $8, venue_name = $9, \
         venue_address = $10, venue_municipality_id = $11, venue_latitude = $12, \
         venue_longitude = $13, capacity = $14, description = $15, minutes = $16 \
         where meeting_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.series_id.map(MeetingSeriesId::get))
    .bind(data.title.as_str())
    .bind(sql_ts(data.time.starts_at()))
    .bind(sql_ts(data.time.ends_at()))
    .bind(data.format.code())
    .bind(data.status.code())
    .bind(venue.name.as_ref().map(Name::as_str))
    .bind(venue.address.as_ref().map(Text::as_str))
    .bind(venue.municipality_id.map(MunicipalityId::get))
    .bind(venue.location.map(|p| p.lat()))
    .bind(venue.location.map(|p| p.lon()))
    .bind(data.capacity.map(i64::from))
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(data.minutes.as_ref().map(Text::as_str))
    .execute(&mut *tx)
    .await
    .map_err(|e| ref_violation(Field::Series, data.external_ref.as_ref()).map(e))?;
    found(result.rows_affected(), EntityKind::Meeting, id.get())?;
    write_hosts(&mut tx, id.get(), data).await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Meeting,
        Some(id.get()),
        data.title.as_str(),
    )
    .await?;
    // Status and start decide the ties of those who attended.
    tie::sync_meeting_ties_audited(&mut tx, ctx, id).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_meeting(pool: &Pool, id: MeetingId) -> Result<Option<Meeting>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        meeting_columns!(),
        " from meeting where meeting_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut hosts = hosts(pool, Parents::One(id.get())).await?;
    meeting(&row, &mut hosts).map(Some)
}

pub(crate) async fn meeting_by_ref(
    pool: &Pool,
    external_ref: &ExternalRef,
) -> Result<Option<Meeting>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        meeting_columns!(),
        " from meeting where external_ref = $1"
    ))
    .bind(external_ref.as_str())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = Reader::new(&row, "meeting", "meeting_id")?.id();
    let mut hosts = hosts(pool, Parents::One(id)).await?;
    meeting(&row, &mut hosts).map(Some)
}

/// A time bound rounded up to a whole second. Stored meeting times are whole seconds (see
/// [`TimeSpan::new`]), so `>=` and `<` against the rounded bound select exactly what they would
/// against the bound itself, and in SQLite, where times are compared as RFC 3339 text, stored
/// value and bound then have the same form.
fn time_bound(ts: Timestamp) -> jiff_sqlx::Timestamp {
    let rounded = ts.round(
        TimestampRound::new()
            .smallest(Unit::Second)
            .mode(RoundMode::Ceil),
    );
    // only the very last representable instant cannot be rounded up; nothing starts after it
    sql_ts(rounded.unwrap_or(ts))
}

/// Meetings, filtered, by start.
pub(crate) async fn list_meetings(
    pool: &Pool,
    filter: &MeetingFilter,
) -> Result<Vec<Meeting>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        meeting_columns!(),
        " from meeting m where ($1 is null or meeting_series_id = $1) \
           and ($2 is null or exists (select 1 from meeting_host h \
                where h.meeting_id = m.meeting_id and h.organisation_id = $2)) \
           and ($3 is null or venue_municipality_id = $3) and ($4 is null or status = $4) \
           and ($5 is null or starts_at >= $5) and ($6 is null or starts_at < $6) \
         order by starts_at, meeting_id"
    ))
    .bind(filter.series.map(MeetingSeriesId::get))
    .bind(filter.host.map(OrganisationId::get))
    .bind(filter.municipality.map(MunicipalityId::get))
    .bind(filter.status.map(MeetingStatus::code))
    .bind(filter.starts_from.map(time_bound))
    .bind(filter.starts_before.map(time_bound))
    .fetch_all(pool)
    .await?;
    let ids = row_ids(&rows, "meeting_id")?;
    let filtered = filter.series.is_some()
        || filter.host.is_some()
        || filter.municipality.is_some()
        || filter.status.is_some()
        || filter.starts_from.is_some()
        || filter.starts_before.is_some();
    let mut hosts = hosts(pool, Parents::of_list(filtered, &ids)).await?;
    rows.iter().map(|row| meeting(row, &mut hosts)).collect()
}

/// Deletes a meeting with its hosts, participations, agenda, decisions, action items and the
/// ties it created; topics raised at it stay, without the meeting.
pub(crate) async fn delete_meeting(
    pool: &Pool,
    ctx: &ChangeContext,
    id: MeetingId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from meeting where meeting_id = $1",
        EntityKind::Meeting,
        id.get(),
        Field::Meeting,
    )
    .await
}

// ---------------------------------------------------------------- participations

macro_rules! participation_columns {
    () => {
        "participation_id, meeting_id, person_id, organisation_id, status, note"
    };
}

fn participation(row: &DbRow) -> Result<Participation, StoreError> {
    let r = Reader::new(row, "participation", "participation_id")?;
    Ok(Participation {
        id: ParticipationId::new(r.id()),
        data: ParticipationData {
            meeting_id: MeetingId::new(r.i64("meeting_id")?),
            person_id: PersonId::new(r.i64("person_id")?),
            organisation_id: r.opt_i64("organisation_id")?.map(OrganisationId::new),
            status: r.code("status")?,
            note: r.opt_text("note")?,
        },
    })
}

async fn check_participation(conn: &mut Conn, data: &ParticipationData) -> Result<(), StoreError> {
    check_references(
        conn,
        &[
            Reference {
                field: Field::Meeting,
                exists: exists_sql!("meeting"),
                id: Some(data.meeting_id.get()),
            },
            Reference {
                field: Field::Person,
                exists: exists_sql!("person"),
                id: Some(data.person_id.get()),
            },
            Reference {
                field: Field::Organisation,
                exists: exists_sql!("organisation"),
                id: data.organisation_id.map(OrganisationId::get),
            },
        ],
    )
    .await
}

/// A person takes part in a meeting once.
fn participation_violation(data: &ParticipationData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        Violation {
            reference: Field::Meeting,
            unique: Field::Person,
            key: &data.person_id.to_string(),
        }
        .map(e)
    }
}

pub(crate) async fn insert_participation(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &ParticipationData,
    origin: Origin,
) -> Result<ParticipationId, StoreError> {
    if origin.checks_references() {
        check_participation(conn, data).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "insert into participation (meeting_id, person_id, organisation_id, status, note) \
         values ($1, $2, $3, $4, $5) returning participation_id",
    )
    .bind(data.meeting_id.get())
    .bind(data.person_id.get())
    .bind(data.organisation_id.map(OrganisationId::get))
    .bind(data.status.code())
    .bind(data.note.as_ref().map(Text::as_str))
    .fetch_one(&mut *conn)
    .await
    .map_err(participation_violation(data))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Participation,
            Some(id),
            data.status.code(),
        )
        .await?;
    }
    Ok(ParticipationId::new(id))
}

pub(crate) async fn create_participation(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &ParticipationData,
) -> Result<ParticipationId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_participation(&mut tx, ctx, data, Origin::Change).await?;
    tie::sync_meeting_ties_audited(&mut tx, ctx, data.meeting_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Invites persons to a meeting in one transaction: each one not yet listed gets a
/// participation with status "invited" (with the organisation given) and its audit event;
/// those already listed keep theirs. A missing meeting, person or organisation refuses the
/// whole list, naming its field. Returns the persons newly invited, in the order given.
pub(crate) async fn invite_persons(
    pool: &Pool,
    ctx: &ChangeContext,
    meeting: MeetingId,
    invitees: &[(PersonId, Option<OrganisationId>)],
) -> Result<Vec<PersonId>, StoreError> {
    let mut tx = begin(pool).await?;
    let mut invited = Vec::new();
    for &(person, organisation) in invitees {
        let data = ParticipationData {
            meeting_id: meeting,
            person_id: person,
            organisation_id: organisation,
            status: ParticipationStatus::Invited,
            note: None,
        };
        check_participation(&mut tx, &data).await?;
        // No row comes back for a person already listed (or named twice): nothing changes.
        let id: Option<i64> = sqlx::query_scalar(
            "insert into participation (meeting_id, person_id, organisation_id, status) \
             values ($1, $2, $3, $4) on conflict (meeting_id, person_id) do nothing \
             returning participation_id",
        )
        .bind(meeting.get())
        .bind(person.get())
        .bind(organisation.map(OrganisationId::get))
        .bind(data.status.code())
        .fetch_optional(&mut *tx)
        .await
        .map_err(participation_violation(&data))?;
        if let Some(id) = id {
            audit::record(
                &mut tx,
                ctx,
                AuditAction::Create,
                EntityKind::Participation,
                Some(id),
                data.status.code(),
            )
            .await?;
            invited.push(person);
        }
    }
    tx.commit().await?;
    Ok(invited)
}

pub(crate) async fn update_participation(
    pool: &Pool,
    ctx: &ChangeContext,
    id: ParticipationId,
    data: &ParticipationData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_participation(&mut tx, data).await?;
    let moved_from: Option<i64> =
        sqlx::query_scalar("select meeting_id from participation where participation_id = $1")
            .bind(id.get())
            .fetch_optional(&mut *tx)
            .await?;
    let result = sqlx::query(
        "update participation set meeting_id = $2, person_id = $3, organisation_id = $4, \
         status = $5, note = $6 where participation_id = $1",
    )
    .bind(id.get())
    .bind(data.meeting_id.get())
    .bind(data.person_id.get())
    .bind(data.organisation_id.map(OrganisationId::get))
    .bind(data.status.code())
    .bind(data.note.as_ref().map(Text::as_str))
    .execute(&mut *tx)
    .await
    .map_err(participation_violation(data))?;
    found(result.rows_affected(), EntityKind::Participation, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Participation,
        Some(id.get()),
        data.status.code(),
    )
    .await?;
    tie::sync_meeting_ties_audited(&mut tx, ctx, data.meeting_id).await?;
    if let Some(before) = moved_from.filter(|m| *m != data.meeting_id.get()) {
        tie::sync_meeting_ties_audited(&mut tx, ctx, MeetingId::new(before)).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_participation(
    pool: &Pool,
    id: ParticipationId,
) -> Result<Option<Participation>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        participation_columns!(),
        " from participation where participation_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(participation).transpose()
}

/// Participations in a meeting and/or of a person.
pub(crate) async fn list_participations(
    pool: &Pool,
    meeting_id: Option<MeetingId>,
    person: Option<PersonId>,
) -> Result<Vec<Participation>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        participation_columns!(),
        " from participation where ($1 is null or meeting_id = $1) \
           and ($2 is null or person_id = $2) order by meeting_id, participation_id"
    ))
    .bind(meeting_id.map(MeetingId::get))
    .bind(person.map(PersonId::get))
    .fetch_all(pool)
    .await?;
    rows.iter().map(participation).collect()
}

pub(crate) async fn delete_participation(
    pool: &Pool,
    ctx: &ChangeContext,
    id: ParticipationId,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let meeting: Option<i64> = sqlx::query_scalar(
        "delete from participation where participation_id = $1 returning meeting_id",
    )
    .bind(id.get())
    .fetch_optional(&mut *tx)
    .await
    .map_err(|e| map_delete(e, Field::Person))?;
    let Some(meeting) = meeting else {
        return Err(StoreError::NotFound {
            entity: EntityKind::Participation,
            id: id.get(),
        });
    };
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Delete,
        EntityKind::Participation,
        Some(id.get()),
        "",
    )
    .await?;
    tie::sync_meeting_ties_audited(&mut tx, ctx, MeetingId::new(meeting)).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- agenda items

// Qualified: the list joins `meeting`, which has columns of the same names.
macro_rules! agenda_columns {
    () => {
        "a.agenda_item_id, a.meeting_id, a.position, a.title, a.duration_minutes, \
         a.presenter_person_id, a.topic_id, a.notes"
    };
}

fn agenda_item(row: &DbRow) -> Result<AgendaItem, StoreError> {
    let r = Reader::new(row, "agenda_item", "agenda_item_id")?;
    Ok(AgendaItem {
        id: AgendaItemId::new(r.id()),
        data: AgendaItemData {
            meeting_id: MeetingId::new(r.i64("meeting_id")?),
            position: r.u32("position")?,
            title: r.name("title")?,
            duration_minutes: r.opt_u32("duration_minutes")?,
            presenter_id: r.opt_i64("presenter_person_id")?.map(PersonId::new),
            topic_id: r.opt_i64("topic_id")?.map(TopicId::new),
            notes: r.opt_text("notes")?,
        },
    })
}

pub(crate) async fn check_agenda_item(
    conn: &mut Conn,
    data: &AgendaItemData,
) -> Result<(), StoreError> {
    data.validate()?;
    check_references(
        conn,
        &[
            Reference {
                field: Field::Meeting,
                exists: exists_sql!("meeting"),
                id: Some(data.meeting_id.get()),
            },
            Reference {
                field: Field::Presenter,
                exists: exists_sql!("person"),
                id: data.presenter_id.map(PersonId::get),
            },
            Reference {
                field: Field::Topic,
                exists: exists_sql!("topic"),
                id: data.topic_id.map(TopicId::get),
            },
        ],
    )
    .await
}

/// Each position of an agenda is taken once.
fn agenda_violation(data: &AgendaItemData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        Violation {
            reference: Field::Meeting,
            unique: Field::Position,
            key: &data.position.to_string(),
        }
        .map(e)
    }
}

pub(crate) async fn insert_agenda_item(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &AgendaItemData,
    origin: Origin,
) -> Result<AgendaItemId, StoreError> {
    check_agenda_item(conn, data).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into agenda_item (meeting_id, position, title, duration_minutes, \
         presenter_person_id, topic_id, notes) values ($1, $2, $3, $4, $5, $6, $7) \
         returning agenda_item_id",
    )
    .bind(data.meeting_id.get())
    .bind(i64::from(data.position))
    .bind(data.title.as_str())
    .bind(data.duration_minutes.map(i64::from))
    .bind(data.presenter_id.map(PersonId::get))
    .bind(data.topic_id.map(TopicId::get))
    .bind(data.notes.as_ref().map(Text::as_str))
    .fetch_one(&mut *conn)
    .await
    .map_err(agenda_violation(data))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::AgendaItem,
            Some(id),
            data.title.as_str(),
        )
        .await?;
    }
    Ok(AgendaItemId::new(id))
}

pub(crate) async fn create_agenda_item(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &AgendaItemData,
) -> Result<AgendaItemId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_agenda_item(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_agenda_item(
    pool: &Pool,
    ctx: &ChangeContext,
    id: AgendaItemId,
    data: &AgendaItemData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_agenda_item(&mut tx, data).await?;
    let result = sqlx::query(
        "update agenda_item set meeting_id = $2, position = $3, title = $4, \
         duration_minutes = $5, presenter_person_id = $6, topic_id = $7, notes = $8 \
         where agenda_item_id = $1",
    )
    .bind(id.get())
    .bind(data.meeting_id.get())
    .bind(i64::from(data.position))
    .bind(data.title.as_str())
    .bind(data.duration_minutes.map(i64::from))
    .bind(data.presenter_id.map(PersonId::get))
    .bind(data.topic_id.map(TopicId::get))
    .bind(data.notes.as_ref().map(Text::as_str))
    .execute(&mut *tx)
    .await
    .map_err(agenda_violation(data))?;
    found(result.rows_affected(), EntityKind::AgendaItem, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::AgendaItem,
        Some(id.get()),
        data.title.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_agenda_item(
    pool: &Pool,
    id: AgendaItemId,
) -> Result<Option<AgendaItem>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        agenda_columns!(),
        " from agenda_item a where a.agenda_item_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(agenda_item).transpose()
}

/// Agenda items of a meeting and/or taking up a topic, by the meeting's start and position.
pub(crate) async fn list_agenda_items(
    pool: &Pool,
    meeting_id: Option<MeetingId>,
    topic: Option<TopicId>,
) -> Result<Vec<AgendaItem>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        agenda_columns!(),
        " from agenda_item a join meeting m on m.meeting_id = a.meeting_id \
         where ($1 is null or a.meeting_id = $1) and ($2 is null or a.topic_id = $2) \
         order by m.starts_at, a.meeting_id, a.position"
    ))
    .bind(meeting_id.map(MeetingId::get))
    .bind(topic.map(TopicId::get))
    .fetch_all(pool)
    .await?;
    rows.iter().map(agenda_item).collect()
}

/// Deletes an agenda item; decisions taken under it stay, without it.
pub(crate) async fn delete_agenda_item(
    pool: &Pool,
    ctx: &ChangeContext,
    id: AgendaItemId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from agenda_item where agenda_item_id = $1",
        EntityKind::AgendaItem,
        id.get(),
        Field::AgendaItem,
    )
    .await
}

// ---------------------------------------------------------------- decisions

macro_rules! decision_columns {
    () => {
        "decision_id, meeting_id, agenda_item_id, text"
    };
}

fn decision(row: &DbRow) -> Result<Decision, StoreError> {
    let r = Reader::new(row, "decision", "decision_id")?;
    Ok(Decision {
        id: DecisionId::new(r.id()),
        data: DecisionData {
            meeting_id: MeetingId::new(r.i64("meeting_id")?),
            agenda_item_id: r.opt_i64("agenda_item_id")?.map(AgendaItemId::new),
            text: r.text("text")?,
        },
    })
}

async fn check_decision(conn: &mut Conn, data: &DecisionData) -> Result<(), StoreError> {
    check_references(
        conn,
        &[Reference {
            field: Field::Meeting,
            exists: exists_sql!("meeting"),
            id: Some(data.meeting_id.get()),
        }],
    )
    .await?;
    if let Some(item) = data.agenda_item_id {
        check_in_meeting(
            conn,
            Field::AgendaItem,
            "select exists (select 1 from agenda_item where agenda_item_id = $1 \
             and meeting_id = $2)",
            item.get(),
            data.meeting_id.get(),
        )
        .await?;
    }
    Ok(())
}

fn decision_violation(e: sqlx::Error) -> StoreError {
    Violation {
        reference: Field::Meeting,
        unique: Field::Text,
        key: "",
    }
    .map(e)
}

pub(crate) async fn insert_decision(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &DecisionData,
    origin: Origin,
) -> Result<DecisionId, StoreError> {
    check_decision(conn, data).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into decision (meeting_id, agenda_item_id, text) values ($1, $2, $3) \
         returning decision_id",
    )
    .bind(data.meeting_id.get())
    .bind(data.agenda_item_id.map(AgendaItemId::get))
    .bind(data.text.as_str())
    .fetch_one(&mut *conn)
    .await
    .map_err(decision_violation)?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Decision,
            Some(id),
            &summary(data.text.as_str()),
        )
        .await?;
    }
    Ok(DecisionId::new(id))
}

pub(crate) async fn create_decision(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &DecisionData,
) -> Result<DecisionId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_decision(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_decision(
    pool: &Pool,
    ctx: &ChangeContext,
    id: DecisionId,
    data: &DecisionData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_decision(&mut tx, data).await?;
    let result = sqlx::query(
        "update decision set meeting_id = $2, agenda_item_id = $3, text = $4 \
         where decision_id = $1",
    )
    .bind(id.get())
    .bind(data.meeting_id.get())
    .bind(data.agenda_item_id.map(AgendaItemId::get))
    .bind(data.text.as_str())
    .execute(&mut *tx)
    .await
    .map_err(decision_violation)?;
    found(result.rows_affected(), EntityKind::Decision, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Decision,
        Some(id.get()),
        &summary(data.text.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_decision(
    pool: &Pool,
    id: DecisionId,
) -> Result<Option<Decision>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        decision_columns!(),
        " from decision where decision_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(decision).transpose()
}

/// Decisions of a meeting, or all, in the order they were recorded.
pub(crate) async fn list_decisions(
    pool: &Pool,
    meeting_id: Option<MeetingId>,
) -> Result<Vec<Decision>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        decision_columns!(),
        " from decision where ($1 is null or meeting_id = $1) order by meeting_id, decision_id"
    ))
    .bind(meeting_id.map(MeetingId::get))
    .fetch_all(pool)
    .await?;
    rows.iter().map(decision).collect()
}

/// Deletes a decision; action items implementing it stay, without it.
pub(crate) async fn delete_decision(
    pool: &Pool,
    ctx: &ChangeContext,
    id: DecisionId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from decision where decision_id = $1",
        EntityKind::Decision,
        id.get(),
        Field::Decision,
    )
    .await
}

// ---------------------------------------------------------------- action items

macro_rules! action_columns {
    () => {
        "action_item_id, meeting_id, decision_id, title, owner_person_id, due_on, status, \
         completed_on"
    };
}

fn action_item(row: &DbRow) -> Result<ActionItem, StoreError> {
    let r = Reader::new(row, "action_item", "action_item_id")?;
    Ok(ActionItem {
        id: ActionItemId::new(r.id()),
        data: ActionItemData {
            meeting_id: r.opt_i64("meeting_id")?.map(MeetingId::new),
            decision_id: r.opt_i64("decision_id")?.map(DecisionId::new),
            title: r.name("title")?,
            owner_id: r.opt_i64("owner_person_id")?.map(PersonId::new),
            due_on: r.opt_date("due_on")?,
            status: r.code("status")?,
            completed_on: r.opt_date("completed_on")?,
        },
    })
}

async fn check_action_item(conn: &mut Conn, data: &ActionItemData) -> Result<(), StoreError> {
    data.validate()?;
    let meeting_id = data.meeting_id.map(MeetingId::get);
    let decision = data.decision_id.map(DecisionId::get);
    check_references(
        conn,
        &[
            Reference {
                field: Field::Meeting,
                exists: exists_sql!("meeting"),
                id: meeting_id,
            },
            Reference {
                field: Field::Decision,
                exists: exists_sql!("decision"),
                id: decision,
            },
            Reference {
                field: Field::Owner,
                exists: exists_sql!("person"),
                id: data.owner_id.map(PersonId::get),
            },
        ],
    )
    .await?;
    if let (Some(decision), Some(meeting_id)) = (decision, meeting_id) {
        check_in_meeting(
            conn,
            Field::Decision,
            "select exists (select 1 from decision where decision_id = $1 and meeting_id = $2)",
            decision,
            meeting_id,
        )
        .await?;
    }
    Ok(())
}

fn action_violation(e: sqlx::Error) -> StoreError {
    Violation {
        reference: Field::Meeting,
        unique: Field::Title,
        key: "",
    }
    .map(e)
}

pub(crate) async fn insert_action_item(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &ActionItemData,
    origin: Origin,
) -> Result<ActionItemId, StoreError> {
    check_action_item(conn, data).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into action_item (meeting_id, decision_id, title, owner_person_id, due_on, \
         status, completed_on) values ($1, $2, $3, $4, $5, $6, $7) returning action_item_id",
    )
    .bind(data.meeting_id.map(MeetingId::get))
    .bind(data.decision_id.map(DecisionId::get))
    .bind(data.title.as_str())
    .bind(data.owner_id.map(PersonId::get))
    .bind(sql_date(data.due_on))
    .bind(data.status.code())
    .bind(sql_date(data.completed_on))
    .fetch_one(&mut *conn)
    .await
    .map_err(action_violation)?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::ActionItem,
            Some(id),
            data.title.as_str(),
        )
        .await?;
    }
    Ok(ActionItemId::new(id))
}

pub(crate) async fn create_action_item(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &ActionItemData,
) -> Result<ActionItemId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_action_item(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_action_item(
    pool: &Pool,
    ctx: &ChangeContext,
    id: ActionItemId,
    data: &ActionItemData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_action_item(&mut tx, data).await?;
    let result = sqlx::query(
        "update action_item set meeting_id = $2, decision_id = $3, title = $4, \
         owner_person_id = $5, due_on = $6, status = $7, completed_on = $8 \
         where action_item_id = $1",
    )
    .bind(id.get())
    .bind(data.meeting_id.map(MeetingId::get))
    .bind(data.decision_id.map(DecisionId::get))
    .bind(data.title.as_str())
    .bind(data.owner_id.map(PersonId::get))
    .bind(sql_date(data.due_on))
    .bind(data.status.code())
    .bind(sql_date(data.completed_on))
    .execute(&mut *tx)
    .await
    .map_err(action_violation)?;
    found(result.rows_affected(), EntityKind::ActionItem, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::ActionItem,
        Some(id.get()),
        data.title.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_action_item(
    pool: &Pool,
    id: ActionItemId,
) -> Result<Option<ActionItem>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        action_columns!(),
        " from action_item where action_item_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(action_item).transpose()
}

/// Action items, filtered, the soonest due first and those without a due date last.
pub(crate) async fn list_action_items(
    pool: &Pool,
    filter: &ActionItemFilter,
) -> Result<Vec<ActionItem>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        action_columns!(),
        " from action_item where ($1 is null or meeting_id = $1) \
           and ($2 is null or owner_person_id = $2) and ($3 is null or status = $3) \
         order by case when due_on is null then 1 else 0 end, due_on, action_item_id"
    ))
    .bind(filter.meeting.map(MeetingId::get))
    .bind(filter.owner.map(PersonId::get))
    .bind(filter.status.map(ActionStatus::code))
    .fetch_all(pool)
    .await?;
    rows.iter().map(action_item).collect()
}

pub(crate) async fn delete_action_item(
    pool: &Pool,
    ctx: &ChangeContext,
    id: ActionItemId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from action_item where action_item_id = $1",
        EntityKind::ActionItem,
        id.get(),
        Field::Title,
    )
    .await
}

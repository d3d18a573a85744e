//! Bodies (prevention councils, steering and working groups) and their members.

use std::collections::HashMap;

use praevnetz_domain::actor::Home;
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::body::{Body, BodyData, BodyMember, BodyMemberData};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{
    BodyId, BodyMemberId, DistrictId, MunicipalityId, OrganisationId, PersonId,
};
use praevnetz_domain::text::{ExternalRef, Name, Text};
use praevnetz_domain::time::Period;

use super::{
    Conn, DbRow, Origin, Parents, Pool, Reader, audit, begin, by_name, child_lists, delete_audited,
    exists, found, replace_list, row_ids, sql_date, unknown_reference,
};
use crate::error::{StoreError, Violation};

macro_rules! body_columns {
    () => {
        "body_id, external_ref, name, kind, district_id, municipality_id, parent_body_id, \
         founded_on, dissolved_on, description"
    };
}

async fn aliases(pool: &Pool, parents: Parents<'_>) -> Result<HashMap<i64, Vec<Name>>, StoreError> {
    let mut map = child_lists(
        pool,
        "select body_id as parent, alias from body_alias where body_id",
        "",
        "body",
        parents,
        |r| r.name("alias"),
    )
    .await?;
    // Sorted here rather than by the database, whose collation may differ between servers.
    for aliases in map.values_mut() {
        aliases.sort();
    }
    Ok(map)
}

fn body(row: &DbRow, aliases: &mut HashMap<i64, Vec<Name>>) -> Result<Body, StoreError> {
    let r = Reader::new(row, "body", "body_id")?;
    Ok(Body {
        id: BodyId::new(r.id()),
        data: BodyData {
            external_ref: r.opt_ref("external_ref")?,
            name: r.name("name")?,
            aliases: aliases.remove(&r.id()).unwrap_or_default(),
            kind: r.code("kind")?,
            home: r.check(
                "home",
                Home::from_columns(
                    r.opt_i64("district_id")?.map(DistrictId::new),
                    r.opt_i64("municipality_id")?.map(MunicipalityId::new),
                ),
            )?,
            parent_id: r.opt_i64("parent_body_id")?.map(BodyId::new),
            period: r.check(
                "period",
                Period::new(r.opt_date("founded_on")?, r.opt_date("dissolved_on")?),
            )?,
            description: r.opt_text("description")?,
        },
    })
}

/// Checks the parent body, so that a failing reference left is the home.
async fn check_parent(conn: &mut Conn, data: &BodyData) -> Result<(), StoreError> {
    let Some(parent) = data.parent_id else {
        return Ok(());
    };
    if exists(conn, "select 1 from body where body_id = $1", parent.get()).await? {
        Ok(())
    } else {
        Err(unknown_reference(Field::ParentBody, parent))
    }
}

/// Refuses a parent that is the body itself or lies below it: walking up from the new parent must
/// not reach the body (a cycle would make both undeletable and every walk up endless).
async fn check_no_cycle(conn: &mut Conn, id: BodyId, data: &BodyData) -> Result<(), StoreError> {
    let Some(parent) = data.parent_id else {
        return Ok(());
    };
    let cycle: bool = sqlx::query_scalar(
        "with recursive up (body_id) as ( \
           select cast($1 as bigint) \
           union \
           select b.parent_body_id from body b join up on b.body_id = up.body_id \
           where b.parent_body_id is not null) \
         select exists (select 1 from up where body_id = $2)",
    )
    .bind(parent.get())
    .bind(id.get())
    .fetch_one(&mut *conn)
    .await?;
    if cycle {
        Err(StoreError::invalid(Field::ParentBody, Rule::ParentCycle))
    } else {
        Ok(())
    }
}

fn body_violation(data: &BodyData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        Violation {
            reference: match data.home {
                Home::District(_) => Field::District,
                Home::State | Home::Municipality(_) => Field::Municipality,
            },
            unique: Field::Ref,
            key: data.external_ref.as_ref().map_or("", ExternalRef::as_str),
        }
        .map(e)
    }
}

async fn write_aliases(conn: &mut Conn, id: i64, data: &BodyData) -> Result<(), StoreError> {
    replace_list(
        conn,
        "delete from body_alias where body_id = $1",
        "insert into body_alias (body_id, alias) values ($1, $2) on conflict do nothing",
        id,
        data.aliases.iter().map(Name::as_str).collect(),
        Field::Aliases,
    )
    .await
}

pub(crate) async fn insert_body(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &BodyData,
    origin: Origin,
) -> Result<BodyId, StoreError> {
    check_parent(conn, data).await?;
    let (district, municipality) = data.home.columns();
    let id: i64 = sqlx::query_scalar(
        "insert into body (external_ref, name, kind, district_id, municipality_id, \
         parent_body_id, founded_on, dissolved_on, description) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning body_id",
    )
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.name.as_str())
    .bind(data.kind.code())
    .bind(district.map(DistrictId::get))
    .bind(municipality.map(MunicipalityId::get))
    .bind(data.parent_id.map(BodyId::get))
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .bind(data.description.as_ref().map(Text::as_str))
    .fetch_one(&mut *conn)
    .await
    .map_err(body_violation(data))?;
    write_aliases(conn, id, data).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Body,
            Some(id),
            data.name.as_str(),
        )
        .await?;
    }
    Ok(BodyId::new(id))
}

pub(crate) async fn create_body(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &BodyData,
) -> Result<BodyId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_body(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_body(
    pool: &Pool,
    ctx: &ChangeContext,
    id: BodyId,
    data: &BodyData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_parent(&mut tx, data).await?;
    check_no_cycle(&mut tx, id, data).await?;
    let (district, municipality) = data.home.columns();
    let result = sqlx::query(
        "update body set external_ref = $2, name = $3, kind = $4, district_id = $5, \
         municipality_id = $6, parent_body_id = $7, founded_on = $8, dissolved_on = $9, \
         description = $10 where body_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.name.as_str())
    .bind(data.kind.code())
    .bind(district.map(DistrictId::get))
    .bind(municipality.map(MunicipalityId::get))
    .bind(data.parent_id.map(BodyId::get))
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .bind(data.description.as_ref().map(Text::as_str))
    .execute(&mut *tx)
    .await
    .map_err(body_violation(data))?;
    found(result.rows_affected(), EntityKind::Body, id.get())?;
    write_aliases(&mut tx, id.get(), data).await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Body,
        Some(id.get()),
        data.name.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_body(pool: &Pool, id: BodyId) -> Result<Option<Body>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        body_columns!(),
        " from body where body_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut aliases = aliases(pool, Parents::One(id.get())).await?;
    body(&row, &mut aliases).map(Some)
}

/// Bodies of a municipality, or all, by name.
pub(crate) async fn list_bodies(
    pool: &Pool,
    municipality: Option<MunicipalityId>,
) -> Result<Vec<Body>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        body_columns!(),
        " from body where ($1 is null or municipality_id = $1) order by body_id"
    ))
    .bind(municipality.map(MunicipalityId::get))
    .fetch_all(pool)
    .await?;
    let ids = row_ids(&rows, "body_id")?;
    let parents = Parents::of_list(municipality.is_some(), &ids);
    let mut aliases = aliases(pool, parents).await?;
    by_name(
        rows.iter().map(|row| body(row, &mut aliases)).collect(),
        |b| b.data.name.to_string(),
    )
}

/// Deletes a body with its seats; refused while working groups still belong to it.
pub(crate) async fn delete_body(
    pool: &Pool,
    ctx: &ChangeContext,
    id: BodyId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from body where body_id = $1",
        EntityKind::Body,
        id.get(),
        Field::Body,
    )
    .await
}

// ---------------------------------------------------------------- members

macro_rules! member_columns {
    () => {
        "body_member_id, body_id, person_id, organisation_id, role, since, until"
    };
}

fn member(row: &DbRow) -> Result<BodyMember, StoreError> {
    let r = Reader::new(row, "body_member", "body_member_id")?;
    Ok(BodyMember {
        id: BodyMemberId::new(r.id()),
        data: BodyMemberData {
            body_id: BodyId::new(r.i64("body_id")?),
            person_id: PersonId::new(r.i64("person_id")?),
            organisation_id: r.opt_i64("organisation_id")?.map(OrganisationId::new),
            role: r.code("role")?,
            period: r.check(
                "period",
                Period::new(r.opt_date("since")?, r.opt_date("until")?),
            )?,
        },
    })
}

fn member_violation(data: &BodyMemberData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        let key = data
            .organisation_id
            .map(|o| o.to_string())
            .unwrap_or_default();
        Violation {
            reference: Field::Organisation,
            unique: Field::Person,
            key: &key,
        }
        .map(e)
    }
}

/// Checks the body and the person of a seat, so that a failing reference left is the
/// organisation.
async fn check_member(conn: &mut Conn, data: &BodyMemberData) -> Result<(), StoreError> {
    if !exists(
        conn,
        "select 1 from body where body_id = $1",
        data.body_id.get(),
    )
    .await?
    {
        return Err(unknown_reference(Field::Body, data.body_id));
    }
    let sql = "select 1 from person where person_id = $1";
    if !exists(conn, sql, data.person_id.get()).await? {
        return Err(unknown_reference(Field::Person, data.person_id));
    }
    Ok(())
}

pub(crate) async fn insert_member(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &BodyMemberData,
    origin: Origin,
) -> Result<BodyMemberId, StoreError> {
    if origin.checks_references() {
        check_member(conn, data).await?;
    }
    let id: i64 = sqlx::query_scalar(
        "insert into body_member (body_id, person_id, organisation_id, role, since, until) \
         values ($1, $2, $3, $4, $5, $6) returning body_member_id",
    )
    .bind(data.body_id.get())
    .bind(data.person_id.get())
    .bind(data.organisation_id.map(OrganisationId::get))
    .bind(data.role.code())
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .fetch_one(&mut *conn)
    .await
    .map_err(member_violation(data))?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::BodyMember,
            Some(id),
            "",
        )
        .await?;
    }
    Ok(BodyMemberId::new(id))
}

pub(crate) async fn create_member(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &BodyMemberData,
) -> Result<BodyMemberId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_member(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_member(
    pool: &Pool,
    ctx: &ChangeContext,
    id: BodyMemberId,
    data: &BodyMemberData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_member(&mut tx, data).await?;
    let result = sqlx::query(
        "update body_member set body_id = $2, person_id = $3, organisation_id = $4, role = $5, \
         since = $6, until = $7 where body_member_id = $1",
    )
    .bind(id.get())
    .bind(data.body_id.get())
    .bind(data.person_id.get())
    .bind(data.organisation_id.map(OrganisationId::get))
    .bind(data.role.code())
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .execute(&mut *tx)
    .await
    .map_err(member_violation(data))?;
    found(result.rows_affected(), EntityKind::BodyMember, id.get())?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::BodyMember,
        Some(id.get()),
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_member(
    pool: &Pool,
    id: BodyMemberId,
) -> Result<Option<BodyMember>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        member_columns!(),
        " from body_member where body_member_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(member).transpose()
}

/// Seats of a body and/or of a person, by body, then by rank (the order of
/// [`praevnetz_domain::body::BodyRole`]).
pub(crate) async fn list_members(
    pool: &Pool,
    body_id: Option<BodyId>,
    person: Option<PersonId>,
) -> Result<Vec<BodyMember>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        member_columns!(),
        " from body_member where ($1 is null or body_id = $1) and ($2 is null or person_id = $2) \
         order by body_id, case role when 'chair' then 1 when 'deputy_chair' then 2 \
           when 'coordinator' then 3 when 'member' then 4 when 'advisory' then 5 else 6 end, \
           body_member_id"
    ))
    .bind(body_id.map(BodyId::get))
    .bind(person.map(PersonId::get))
    .fetch_all(pool)
    .await?;
    rows.iter().map(member).collect()
}

pub(crate) async fn delete_member(
    pool: &Pool,
    ctx: &ChangeContext,
    id: BodyMemberId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from body_member where body_member_id = $1",
        EntityKind::BodyMember,
        id.get(),
        Field::Person,
    )
    .await
}

//! Practices: what municipalities tried, on which problem categories, with which partners.

use std::collections::HashMap;

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::ids::{MunicipalityId, OrganisationId, PersonId, PracticeId};
use praevnetz_domain::practice::{Practice, PracticeData};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::text::{ExternalRef, Text};
use praevnetz_domain::time::Period;

use super::{
    Conn, DbRow, Origin, Pool, Reader, audit, begin, by_name, child_lists, delete_audited, exists,
    found, replace_list, sql_date, unknown_reference,
};
use crate::error::{StoreError, Violation};

macro_rules! practice_columns {
    () => {
        "practice_id, external_ref, municipality_id, title, summary, approach, outcome, \
         contact_person_id, started_on, ended_on"
    };
}

#[derive(Default)]
struct Children {
    categories: HashMap<i64, Vec<CategoryCode>>,
    partners: HashMap<i64, Vec<OrganisationId>>,
}

async fn children(pool: &Pool, only: Option<i64>) -> Result<Children, StoreError> {
    Ok(Children {
        categories: child_lists(
            pool,
            "select practice_id as parent, category_code from practice_category \
             where ($1 is null or practice_id = $1) order by practice_id, category_code",
            "practice",
            only,
            |r| r.with("category_code", CategoryCode::parse),
        )
        .await?,
        partners: child_lists(
            pool,
            "select practice_id as parent, organisation_id from practice_partner \
             where ($1 is null or practice_id = $1) order by practice_id, organisation_id",
            "practice",
            only,
            |r| Ok(OrganisationId::new(r.i64("organisation_id")?)),
        )
        .await?,
    })
}

fn practice(row: &DbRow, children: &mut Children) -> Result<Practice, StoreError> {
    let r = Reader::new(row, "practice", "practice_id")?;
    Ok(Practice {
        id: PracticeId::new(r.id()),
        data: PracticeData {
            external_ref: r.opt_ref("external_ref")?,
            municipality_id: MunicipalityId::new(r.i64("municipality_id")?),
            title: r.name("title")?,
            summary: r.opt_text("summary")?,
            approach: r.opt_text("approach")?,
            outcome: r.opt_text("outcome")?,
            categories: children.categories.remove(&r.id()).unwrap_or_default(),
            partners: children.partners.remove(&r.id()).unwrap_or_default(),
            contact_person_id: r.opt_i64("contact_person_id")?.map(PersonId::new),
            period: r.check(
                "period",
                Period::new(r.opt_date("started_on")?, r.opt_date("ended_on")?),
            )?,
        },
    })
}

fn practice_violation(data: &PracticeData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        let duplicate = e
            .as_database_error()
            .is_some_and(|db| db.kind() == sqlx::error::ErrorKind::UniqueViolation);
        let key = if duplicate {
            data.external_ref
                .as_ref()
                .map_or_else(String::new, |r| r.as_str().to_owned())
        } else {
            data.municipality_id.to_string()
        };
        Violation {
            reference: Field::Municipality,
            unique: Field::Ref,
            key: &key,
        }
        .map(e)
    }
}

/// Checks the contact person, so that a failing reference left is the municipality.
async fn check_contact(conn: &mut Conn, data: &PracticeData) -> Result<(), StoreError> {
    let Some(person) = data.contact_person_id else {
        return Ok(());
    };
    if exists(
        conn,
        "select 1 from person where person_id = $1",
        person.get(),
    )
    .await?
    {
        Ok(())
    } else {
        Err(unknown_reference(Field::ContactPerson, person))
    }
}

async fn write_children(conn: &mut Conn, id: i64, data: &PracticeData) -> Result<(), StoreError> {
    replace_list(
        conn,
        "delete from practice_category where practice_id = $1",
        "insert into practice_category (practice_id, category_code) values ($1, $2) \
         on conflict do nothing",
        id,
        data.categories.iter().map(CategoryCode::as_str).collect(),
        Field::Categories,
    )
    .await?;
    replace_list(
        conn,
        "delete from practice_partner where practice_id = $1",
        "insert into practice_partner (practice_id, organisation_id) values ($1, $2) \
         on conflict do nothing",
        id,
        data.partners.iter().map(|p| p.get()).collect(),
        Field::Partners,
    )
    .await
}

pub(crate) async fn insert_practice(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &PracticeData,
    origin: Origin,
) -> Result<PracticeId, StoreError> {
    check_contact(conn, data).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into practice (external_ref, municipality_id, title, summary, approach, outcome, \
         contact_person_id, started_on, ended_on) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         returning practice_id",
    )
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.municipality_id.get())
    .bind(data.title.as_str())
    .bind(data.summary.as_ref().map(Text::as_str))
    .bind(data.approach.as_ref().map(Text::as_str))
    .bind(data.outcome.as_ref().map(Text::as_str))
    .bind(data.contact_person_id.map(PersonId::get))
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .fetch_one(&mut *conn)
    .await
    .map_err(practice_violation(data))?;
    write_children(conn, id, data).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Practice,
            Some(id),
            data.title.as_str(),
        )
        .await?;
    }
    Ok(PracticeId::new(id))
}

pub(crate) async fn create_practice(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &PracticeData,
) -> Result<PracticeId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_practice(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_practice(
    pool: &Pool,
    ctx: &ChangeContext,
    id: PracticeId,
    data: &PracticeData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_contact(&mut tx, data).await?;
    let result = sqlx::query(
        "update practice set external_ref = $2, municipality_id = $3, title = $4, summary = $5, \
         approach = $6, outcome = $7, contact_person_id = $8, started_on = $9, ended_on = $10 \
         where practice_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.municipality_id.get())
    .bind(data.title.as_str())
    .bind(data.summary.as_ref().map(Text::as_str))
    .bind(data.approach.as_ref().map(Text::as_str))
    .bind(data.outcome.as_ref().map(Text::as_str))
    .bind(data.contact_person_id.map(PersonId::get))
    .bind(sql_date(data.period.since()))
    .bind(sql_date(data.period.until()))
    .execute(&mut *tx)
    .await
    .map_err(practice_violation(data))?;
    found(result.rows_affected(), EntityKind::Practice, id.get())?;
    write_children(&mut tx, id.get(), data).await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Practice,
        Some(id.get()),
        data.title.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_practice(
    pool: &Pool,
    id: PracticeId,
) -> Result<Option<Practice>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        practice_columns!(),
        " from practice where practice_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut children = children(pool, Some(id.get())).await?;
    practice(&row, &mut children).map(Some)
}

/// Practices of a municipality and/or on a category, by title.
pub(crate) async fn list_practices(
    pool: &Pool,
    municipality: Option<MunicipalityId>,
    category: Option<&CategoryCode>,
) -> Result<Vec<Practice>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        practice_columns!(),
        " from practice p where ($1 is null or municipality_id = $1) \
           and ($2 is null or exists (select 1 from practice_category c \
                where c.practice_id = p.practice_id and c.category_code = $2)) \
         order by practice_id"
    ))
    .bind(municipality.map(MunicipalityId::get))
    .bind(category.map(CategoryCode::as_str))
    .fetch_all(pool)
    .await?;
    let mut children = children(pool, None).await?;
    by_name(
        rows.iter()
            .map(|row| practice(row, &mut children))
            .collect(),
        |p| p.data.title.to_string(),
    )
}

pub(crate) async fn delete_practice(
    pool: &Pool,
    ctx: &ChangeContext,
    id: PracticeId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from practice where practice_id = $1",
        EntityKind::Practice,
        id.get(),
        Field::Ref,
    )
    .await
}

//! Practices: what municipalities tried, on which problem categories, with which partners.

use std::collections::HashMap;

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::ids::{MunicipalityId, OrganisationId, PersonId, PracticeId};
use praevnetz_domain::practice::{Practice, PracticeData};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::text::{ExternalRef, Text, sort_key};
use praevnetz_domain::time::Period;

use super::{
    Conn, DbRow, Origin, Parents, Pool, Reader, audit, begin, by_name, child_lists, delete_audited,
    exists, found, push_id_list, replace_list, row_ids, sql_date, unknown_reference,
};
use crate::error::{StoreError, Violation};
use crate::search::{Terms, stemmed};
use crate::{PracticeHit, PracticeSearch};

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

async fn children(pool: &Pool, parents: Parents<'_>) -> Result<Children, StoreError> {
    Ok(Children {
        categories: child_lists(
            pool,
            "select practice_id as parent, category_code from practice_category \
             where practice_id",
            "order by practice_id, category_code",
            "practice",
            parents,
            |r| r.with("category_code", CategoryCode::parse),
        )
        .await?,
        partners: child_lists(
            pool,
            "select practice_id as parent, organisation_id from practice_partner \
             where practice_id",
            "order by practice_id, organisation_id",
            "practice",
            parents,
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

/// The stemmed copy of a practice's text for the full-text index, where the store writes it
/// (SQLite; migration 0003 explains why). Title, then summary, approach and outcome.
fn stemmed_text(
    title: &str,
    summary: Option<&str>,
    approach: Option<&str>,
    outcome: Option<&str>,
) -> (String, String) {
    let body = [summary, approach, outcome]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    (stemmed(title), stemmed(&body))
}

/// Writes the stemmed copy of a practice's text (SQLite only); the index follows by trigger.
async fn index_practice(conn: &mut Conn, id: i64, data: &PracticeData) -> Result<(), StoreError> {
    if !super::super::STEMMED_PRACTICE_INDEX {
        return Ok(());
    }
    let (title, body) = stemmed_text(
        data.title.as_str(),
        data.summary.as_ref().map(Text::as_str),
        data.approach.as_ref().map(Text::as_str),
        data.outcome.as_ref().map(Text::as_str),
    );
    sqlx::query("update practice set search_title = $2, search_body = $3 where practice_id = $1")
        .bind(id)
        .bind(title)
        .bind(body)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Writes the stemmed copy for practices that have none (SQLite only): rows of a database
/// migrated from an older schema, or restored from an older backup.
pub(crate) async fn index_unindexed(pool: &Pool) -> Result<(), StoreError> {
    if !super::super::STEMMED_PRACTICE_INDEX {
        return Ok(());
    }
    let rows = sqlx::query(
        "select practice_id, title, summary, approach, outcome from practice \
         where search_title is null",
    )
    .fetch_all(pool)
    .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut tx = begin(pool).await?;
    for row in &rows {
        let r = Reader::new(row, "practice", "practice_id")?;
        let summary: Option<String> = r.opt_string("summary")?;
        let approach: Option<String> = r.opt_string("approach")?;
        let outcome: Option<String> = r.opt_string("outcome")?;
        let (title, body) = stemmed_text(
            &r.string("title")?,
            summary.as_deref(),
            approach.as_deref(),
            outcome.as_deref(),
        );
        sqlx::query(
            "update practice set search_title = $2, search_body = $3 where practice_id = $1",
        )
        .bind(r.id())
        .bind(title)
        .bind(body)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
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
    index_practice(conn, id, data).await?;
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
    index_practice(&mut tx, id.get(), data).await?;
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
    let mut children = children(pool, Parents::One(id.get())).await?;
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
    let ids = row_ids(&rows, "practice_id")?;
    let parents = Parents::of_list(municipality.is_some() || category.is_some(), &ids);
    let mut children = children(pool, parents).await?;
    by_name(
        rows.iter()
            .map(|row| practice(row, &mut children))
            .collect(),
        |p| p.data.title.to_string(),
    )
}

/// Practices matching a search, best first (then by title).
pub(crate) async fn search_practices(
    pool: &Pool,
    search: &PracticeSearch,
) -> Result<Vec<PracticeHit>, StoreError> {
    if search.limit == 0 || search.municipalities.as_ref().is_some_and(Vec::is_empty) {
        return Ok(Vec::new());
    }
    let terms = search
        .text
        .as_deref()
        .map(Terms::parse)
        .filter(|terms| !terms.is_empty());
    let mut query = sqlx::QueryBuilder::<super::Db>::new(
        "select p.practice_id, p.external_ref, p.municipality_id, p.title, p.summary, \
         p.approach, p.outcome, p.contact_person_id, p.started_on, p.ended_on, ",
    );
    match &terms {
        // The backends' own full-text search (migration 0003); the query text holds nothing
        // but letters, digits and the operators written here.
        Some(terms) if super::super::STEMMED_PRACTICE_INDEX => {
            query
                .push(
                    "-bm25(practice_fts, 10.0, 1.0) as hit_rank from practice_fts \
                     join practice p on p.practice_id = practice_fts.rowid \
                     where practice_fts match ",
                )
                .push_bind(terms.fts5());
        }
        Some(terms) => {
            query
                .push("cast(ts_rank(p.search, to_tsquery('german', ")
                .push_bind(terms.tsquery())
                .push(")) as double precision) as hit_rank from practice p where p.search @@ to_tsquery('german', ")
                .push_bind(terms.tsquery())
                .push(")");
        }
        None => {
            query.push("cast(0 as double precision) as hit_rank from practice p where 1 = 1");
        }
    }
    if let Some(category) = &search.category {
        query
            .push(
                " and exists (select 1 from practice_category c \
                 where c.practice_id = p.practice_id and c.category_code = ",
            )
            .push_bind(category.as_str())
            .push(")");
    }
    if let Some(municipalities) = &search.municipalities {
        let ids: Vec<i64> = municipalities.iter().map(|m| m.get()).collect();
        query.push(" and p.municipality_id");
        push_id_list(&mut query, &ids);
    }
    if terms.is_some() {
        query
            .push(" order by hit_rank desc, p.practice_id limit ")
            .push_bind(i64::from(search.limit));
    }
    let rows = query.build().fetch_all(pool).await?;
    let ids = row_ids(&rows, "practice_id")?;
    let mut children = children(pool, Parents::Ids(&ids)).await?;
    let mut hits = rows
        .iter()
        .map(|row| {
            let rank = Reader::new(row, "practice", "practice_id")?
                .opt_f64("hit_rank")?
                .unwrap_or(0.0);
            Ok(PracticeHit {
                practice: practice(row, &mut children)?,
                rank,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    // Best first, then by title in German index order (see `by_name`).
    hits.sort_by_cached_key(|hit| {
        (
            std::cmp::Reverse(OrderedRank(hit.rank)),
            sort_key(hit.practice.data.title.as_str()),
        )
    });
    hits.truncate(usize::try_from(search.limit).unwrap_or(usize::MAX));
    Ok(hits)
}

/// A rank that sorts (ranks are finite; `total_cmp` orders any value).
#[derive(Clone, Copy, PartialEq)]
struct OrderedRank(f64);

impl Eq for OrderedRank {}

impl PartialOrd for OrderedRank {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedRank {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
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

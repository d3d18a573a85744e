//! The problem taxonomy and the problems of municipalities.

use std::collections::HashMap;

use praevnetz_domain::actor::ActorKind;
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::ids::{ActorId, MunicipalityId, ProblemId};
use praevnetz_domain::problem::{
    CategoryCode, Hotspot, Problem, ProblemCategory, ProblemData, Severity, Visibility,
};
use praevnetz_domain::territory::GeoPoint;
use praevnetz_domain::text::{ExternalRef, Text};

use super::{
    Conn, DbRow, Origin, Parents, Pool, Reader, audit, begin, delete_audited, found, push_id_list,
    row_ids, sql_date, unknown_reference,
};
use crate::error::{StoreError, Violation};
use sqlx::Row as _;

// ---------------------------------------------------------------- categories

fn category(row: &DbRow) -> Result<ProblemCategory, StoreError> {
    let r = Reader::new(row, "problem_category", "position")?;
    Ok(ProblemCategory {
        code: r.with("code", CategoryCode::parse)?,
        label_de: r.string("label_de")?,
        label_en: r.string("label_en")?,
        description_de: r.string("description_de")?,
        description_en: r.string("description_en")?,
    })
}

/// The taxonomy, in its order.
pub(crate) async fn list_categories(pool: &Pool) -> Result<Vec<ProblemCategory>, StoreError> {
    let rows = sqlx::query(
        "select code, cast(position as bigint) as position, label_de, label_en, description_de, \
         description_en from problem_category order by position",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(category).collect()
}

// ---------------------------------------------------------------- problems

macro_rules! problem_columns {
    () => {
        "problem_id, external_ref, municipality_id, category_code, title, description, severity, \
         trend, status, visibility, hotspot_name, hotspot_latitude, hotspot_longitude, \
         observed_since"
    };
}

type ActorLists = HashMap<i64, (Vec<ActorId>, Vec<ActorId>)>;

async fn problem_actors(pool: &Pool, parents: Parents<'_>) -> Result<ActorLists, StoreError> {
    let mut map = ActorLists::new();
    let chunks: Vec<&[i64]> = match parents {
        Parents::Ids(ids) => ids.chunks(500).collect(),
        Parents::One(_) | Parents::All => vec![&[]],
    };
    for chunk in chunks {
        let mut query = sqlx::QueryBuilder::<super::Db>::new(
            "select pa.problem_id, pa.actor_id, pa.role, a.kind from problem_actor pa \
             join actor a on a.actor_id = pa.actor_id where pa.problem_id",
        );
        match parents {
            Parents::One(id) => {
                query.push(" = ").push_bind(id);
            }
            Parents::All => {
                query.push(" is not null");
            }
            Parents::Ids(_) => push_id_list(&mut query, chunk),
        }
        query.push(" order by pa.problem_id, pa.actor_id");
        for row in &query.build().fetch_all(pool).await? {
            let r = Reader::new(row, "problem", "problem_id")?;
            let kind: ActorKind = r.code("kind")?;
            let actor = ActorId::from_parts(kind, r.i64("actor_id")?);
            let lists = map.entry(r.id()).or_default();
            if r.string("role")? == "responsible" {
                lists.0.push(actor);
            } else {
                lists.1.push(actor);
            }
        }
    }
    Ok(map)
}

fn problem(row: &DbRow, actors: &mut ActorLists) -> Result<Problem, StoreError> {
    let r = Reader::new(row, "problem", "problem_id")?;
    let location = r.check(
        "hotspot",
        GeoPoint::from_optional(
            r.opt_f64("hotspot_latitude")?,
            r.opt_f64("hotspot_longitude")?,
        ),
    )?;
    let hotspot = r
        .opt_name("hotspot_name")?
        .map(|name| Hotspot { name, location });
    let (responsible, affected) = actors.remove(&r.id()).unwrap_or_default();
    Ok(Problem {
        id: ProblemId::new(r.id()),
        data: ProblemData {
            external_ref: r.opt_ref("external_ref")?,
            municipality_id: MunicipalityId::new(r.i64("municipality_id")?),
            category: r.with("category_code", CategoryCode::parse)?,
            title: r.name("title")?,
            description: r.opt_text("description")?,
            severity: r.check("severity", Severity::new(i64::from(r.i32("severity")?)))?,
            trend: r.code("trend")?,
            status: r.code("status")?,
            visibility: r.code("visibility")?,
            hotspot,
            observed_since: r.opt_date("observed_since")?,
            responsible,
            affected,
        },
    })
}

fn problem_violation(data: &ProblemData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
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

/// Checks the category, so that a failing reference left is the municipality.
async fn check_category(conn: &mut Conn, data: &ProblemData) -> Result<(), StoreError> {
    let found = sqlx::query("select 1 from problem_category where code = $1")
        .bind(data.category.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    if found.is_some() {
        Ok(())
    } else {
        Err(unknown_reference(Field::Category, &data.category))
    }
}

async fn write_actors(conn: &mut Conn, id: i64, data: &ProblemData) -> Result<(), StoreError> {
    sqlx::query("delete from problem_actor where problem_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let lists = [
        ("responsible", &data.responsible),
        ("affected", &data.affected),
    ];
    for (role, actors) in lists {
        let field = if role == "responsible" {
            Field::Responsible
        } else {
            Field::Affected
        };
        for actor in actors {
            // Only an actor of the kind the id claims: a person's id passed as an organisation's
            // would otherwise be stored and read back as a person.
            let inserted = sqlx::query(
                "insert into problem_actor (problem_id, actor_id, role) \
                 select $1, actor_id, $3 from actor where actor_id = $2 and kind = $4 \
                 on conflict do nothing",
            )
            .bind(id)
            .bind(actor.get())
            .bind(role)
            .bind(actor.kind().code())
            .execute(&mut *conn)
            .await?;
            if inserted.rows_affected() == 0 {
                // Nothing inserted: a repetition in the list, or no such actor.
                let found = sqlx::query("select 1 from actor where actor_id = $1 and kind = $2")
                    .bind(actor.get())
                    .bind(actor.kind().code())
                    .fetch_optional(&mut *conn)
                    .await?;
                if found.is_none() {
                    return Err(unknown_reference(field, actor.get()));
                }
            }
        }
    }
    Ok(())
}

pub(crate) async fn insert_problem(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &ProblemData,
    origin: Origin,
) -> Result<ProblemId, StoreError> {
    let hotspot = data.hotspot.as_ref();
    let location = hotspot.and_then(|h| h.location);
    check_category(conn, data).await?;
    let id: i64 = sqlx::query_scalar(
        "insert into problem (external_ref, municipality_id, category_code, title, description, \
         severity, trend, status, visibility, hotspot_name, hotspot_latitude, hotspot_longitude, \
         observed_since) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         returning problem_id",
    )
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.municipality_id.get())
    .bind(data.category.as_str())
    .bind(data.title.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(i32::from(data.severity.get()))
    .bind(data.trend.code())
    .bind(data.status.code())
    .bind(data.visibility.code())
    .bind(hotspot.map(|h| h.name.as_str()))
    .bind(location.map(|p| p.lat()))
    .bind(location.map(|p| p.lon()))
    .bind(sql_date(data.observed_since))
    .fetch_one(&mut *conn)
    .await
    .map_err(problem_violation(data))?;
    write_actors(conn, id, data).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::Problem,
            Some(id),
            data.title.as_str(),
        )
        .await?;
    }
    Ok(ProblemId::new(id))
}

pub(crate) async fn create_problem(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &ProblemData,
) -> Result<ProblemId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_problem(&mut tx, ctx, data, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn update_problem(
    pool: &Pool,
    ctx: &ChangeContext,
    id: ProblemId,
    data: &ProblemData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    check_category(&mut tx, data).await?;
    let hotspot = data.hotspot.as_ref();
    let location = hotspot.and_then(|h| h.location);
    let result = sqlx::query(
        "update problem set external_ref = $2, municipality_id = $3, category_code = $4, \
         title = $5, description = $6, severity = $7, trend = $8, status = $9, visibility = $10, \
         hotspot_name = $11, hotspot_latitude = $12, hotspot_longitude = $13, \
         observed_since = $14 where problem_id = $1",
    )
    .bind(id.get())
    .bind(data.external_ref.as_ref().map(ExternalRef::as_str))
    .bind(data.municipality_id.get())
    .bind(data.category.as_str())
    .bind(data.title.as_str())
    .bind(data.description.as_ref().map(Text::as_str))
    .bind(i32::from(data.severity.get()))
    .bind(data.trend.code())
    .bind(data.status.code())
    .bind(data.visibility.code())
    .bind(hotspot.map(|h| h.name.as_str()))
    .bind(location.map(|p| p.lat()))
    .bind(location.map(|p| p.lon()))
    .bind(sql_date(data.observed_since))
    .execute(&mut *tx)
    .await
    .map_err(problem_violation(data))?;
    found(result.rows_affected(), EntityKind::Problem, id.get())?;
    write_actors(&mut tx, id.get(), data).await?;
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::Problem,
        Some(id.get()),
        data.title.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn get_problem(pool: &Pool, id: ProblemId) -> Result<Option<Problem>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        problem_columns!(),
        " from problem where problem_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut actors = problem_actors(pool, Parents::One(id.get())).await?;
    problem(&row, &mut actors).map(Some)
}

use crate::{ProblemFilter, VisibleProblems};

/// Problems, filtered, by municipality and severity (most severe first).
pub(crate) async fn list_problems(
    pool: &Pool,
    filter: &ProblemFilter,
) -> Result<Vec<Problem>, StoreError> {
    if filter.municipalities.as_ref().is_some_and(Vec::is_empty) {
        return Ok(Vec::new());
    }
    // Only the conditions given, so that SQLite can use an index for them (it cannot for
    // `$1 is null or column = $1`).
    let mut query = sqlx::QueryBuilder::<super::Db>::new(concat!(
        "select ",
        problem_columns!(),
        " from problem where 1 = 1"
    ));
    let mut filtered = false;
    if let Some(municipality) = filter.municipality {
        query
            .push(" and municipality_id = ")
            .push_bind(municipality.get());
        filtered = true;
    }
    if let Some(municipalities) = &filter.municipalities {
        let ids: Vec<i64> = municipalities.iter().map(|m| m.get()).collect();
        query.push(" and municipality_id");
        push_id_list(&mut query, &ids);
        filtered = true;
    }
    if let Some(district) = filter.district {
        query
            .push(
                " and municipality_id in (select mu.municipality_id from municipality mu \
                 join district di on di.ags = mu.district_ags where di.district_id = ",
            )
            .push_bind(district.get())
            .push(")");
        filtered = true;
    }
    if let Some(category) = &filter.category {
        query
            .push(" and category_code = ")
            .push_bind(category.as_str());
        filtered = true;
    }
    if let Some(status) = filter.status {
        query.push(" and status = ").push_bind(status.code());
        filtered = true;
    }
    query.push(" order by municipality_id, severity desc, problem_id");
    let rows = query.build().fetch_all(pool).await?;
    let ids = row_ids(&rows, "problem_id")?;
    let mut actors = problem_actors(pool, Parents::of_list(filtered, &ids)).await?;
    rows.iter().map(|row| problem(row, &mut actors)).collect()
}

/// How many problems of each category the user may see (`visible`), in the taxonomy's order;
/// categories without problems are left out.
pub(crate) async fn counts_by_category(
    pool: &Pool,
    visible: &VisibleProblems,
) -> Result<Vec<(CategoryCode, u64)>, StoreError> {
    let levels = [
        (Visibility::Municipality, &visible.municipality),
        (Visibility::Region, &visible.region),
        (Visibility::Network, &visible.network),
    ];
    if levels.iter().all(|(_, ids)| ids.is_empty()) {
        return Ok(Vec::new());
    }
    let mut query = sqlx::QueryBuilder::<super::Db>::new(
        "select p.category_code, count(*) as problems from problem p \
         join problem_category c on c.code = p.category_code where 1 = 0",
    );
    for (visibility, municipalities) in levels {
        if municipalities.is_empty() {
            continue;
        }
        let ids: Vec<i64> = municipalities.iter().map(|m| m.get()).collect();
        query
            .push(" or (p.visibility = ")
            .push_bind(visibility.code())
            .push(" and p.municipality_id");
        push_id_list(&mut query, &ids);
        query.push(")");
    }
    query.push(" group by p.category_code, c.position order by c.position");
    let rows = query.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let code: String = row.try_get("category_code")?;
            let count: i64 = row.try_get("problems")?;
            let code = CategoryCode::parse(&code).map_err(|e| StoreError::Corrupt {
                entity: "problem",
                id: 0,
                problem: format!("category_code: {e}"),
            })?;
            Ok((code, u64::try_from(count).unwrap_or_default()))
        })
        .collect()
}

pub(crate) async fn delete_problem(
    pool: &Pool,
    ctx: &ChangeContext,
    id: ProblemId,
) -> Result<(), StoreError> {
    delete_audited(
        pool,
        ctx,
        "delete from problem where problem_id = $1",
        EntityKind::Problem,
        id.get(),
        Field::Ref,
    )
    .await
}

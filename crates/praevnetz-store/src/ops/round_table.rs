//! Round-table role templates (tables `round_table_template`, `round_table_role`): per problem
//! category, the roles a round table needs and whether it should span the four pillars.
//! Shipped with the schema; administrators replace or remove them, audited.

use std::collections::BTreeMap;

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::Field;
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::roundtable::{RoleTemplate, TableRole};
use sqlx::Row as _;

use super::{Pool, audit, begin, unknown_reference};
use crate::error::StoreError;

fn corrupt(code: &str, problem: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        entity: "round_table_template",
        id: 0,
        problem: format!("{code}: {problem}"),
    }
}

/// Every template, by category code; or the one of `only`.
async fn read(pool: &Pool, only: Option<&CategoryCode>) -> Result<Vec<RoleTemplate>, StoreError> {
    let rows = sqlx::query(
        "select t.category_code, t.all_pillars, r.role from round_table_template t \
         left join round_table_role r on r.category_code = t.category_code \
         where $1 is null or t.category_code = $1 order by t.category_code, r.role",
    )
    .bind(only.map(CategoryCode::as_str))
    .fetch_all(pool)
    .await?;
    let mut templates: BTreeMap<String, (bool, Vec<TableRole>)> = BTreeMap::new();
    for row in &rows {
        let code: String = row.try_get("category_code")?;
        let all_pillars: bool = row.try_get("all_pillars")?;
        let role: Option<String> = row.try_get("role")?;
        let entry = templates
            .entry(code.clone())
            .or_insert((all_pillars, Vec::new()));
        if let Some(role) = role {
            entry
                .1
                .push(TableRole::from_code(&role).ok_or_else(|| corrupt(&code, &role))?);
        }
    }
    templates
        .into_iter()
        .map(|(code, (all_pillars, roles))| {
            let category = CategoryCode::parse(&code).map_err(|e| corrupt(&code, e))?;
            RoleTemplate::new(category, roles, all_pillars).map_err(|e| corrupt(&code, e))
        })
        .collect()
}

/// Every template, by category code.
pub(crate) async fn list_templates(pool: &Pool) -> Result<Vec<RoleTemplate>, StoreError> {
    read(pool, None).await
}

/// The template of a category, if it has one.
pub(crate) async fn get_template(
    pool: &Pool,
    category: &CategoryCode,
) -> Result<Option<RoleTemplate>, StoreError> {
    Ok(read(pool, Some(category)).await?.pop())
}

/// Stores the template of its category, replacing an earlier one.
pub(crate) async fn set_template(
    pool: &Pool,
    ctx: &ChangeContext,
    template: &RoleTemplate,
) -> Result<(), StoreError> {
    let code = template.category.as_str();
    let mut tx = begin(pool).await?;
    let known: Option<String> =
        sqlx::query_scalar("select code from problem_category where code = $1")
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?;
    if known.is_none() {
        return Err(unknown_reference(Field::Category, code));
    }
    sqlx::query(
        "insert into round_table_template (category_code, all_pillars) values ($1, $2) \
         on conflict (category_code) do update set all_pillars = excluded.all_pillars",
    )
    .bind(code)
    .bind(template.all_pillars)
    .execute(&mut *tx)
    .await?;
    sqlx::query("delete from round_table_role where category_code = $1")
        .bind(code)
        .execute(&mut *tx)
        .await?;
    for role in template.roles() {
        sqlx::query("insert into round_table_role (category_code, role) values ($1, $2)")
            .bind(code)
            .bind(role.code())
            .execute(&mut *tx)
            .await?;
    }
    let roles: Vec<&str> = template.roles().iter().map(|r| r.code()).collect();
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::RoundTableTemplate,
        None,
        &format!(
            "{code}: {}{}",
            roles.join(", "),
            if template.all_pillars {
                "; all pillars"
            } else {
                ""
            }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the template of a category; whether it had one.
pub(crate) async fn delete_template(
    pool: &Pool,
    ctx: &ChangeContext,
    category: &CategoryCode,
) -> Result<bool, StoreError> {
    let mut tx = begin(pool).await?;
    let removed = sqlx::query("delete from round_table_template where category_code = $1")
        .bind(category.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed > 0 {
        audit::record(
            &mut tx,
            ctx,
            AuditAction::Delete,
            EntityKind::RoundTableTemplate,
            None,
            category.as_str(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(removed > 0)
}

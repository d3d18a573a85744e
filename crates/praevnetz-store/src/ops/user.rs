//! User accounts (table `account`) and their scopes. Logins are unique regardless of case: the
//! store keeps the fully lower-cased address in `email_key`, which carries the unique key. The
//! password hash is written and read apart from the account's data and never leaves the store
//! except through [`password_hash`].

use std::collections::HashMap;
use std::fmt::Write as _;

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::ids::{DistrictId, MunicipalityId, PersonId, RegionId, UserId};
use praevnetz_domain::text::Email;
use praevnetz_domain::user::{Role, Scope, User, UserData};

use super::{
    Conn, DbRow, Origin, Parents, Pool, Reader, audit, begin, by_name, child_lists, found, sql_ts,
};
use crate::error::{StoreError, Violation, map_delete};

macro_rules! user_columns {
    () => {
        "account_id, email, display_name, role, language, active, person_id"
    };
}

/// The stored language code.
fn parse_language(code: &str) -> Result<Lang, &'static str> {
    Lang::ALL
        .into_iter()
        .find(|lang| lang.code() == code)
        .ok_or("unknown language")
}

/// Scopes of one account, or of all, in the order they were written.
async fn scopes(pool: &Pool, parents: Parents<'_>) -> Result<HashMap<i64, Vec<Scope>>, StoreError> {
    child_lists(
        pool,
        "select account_id as parent, region_id, district_id, municipality_id from account_scope \
         where account_id",
        "order by account_id, account_scope_id",
        "user",
        parents,
        |r| match (
            r.opt_i64("region_id")?,
            r.opt_i64("district_id")?,
            r.opt_i64("municipality_id")?,
        ) {
            (Some(region), None, None) => Ok(Scope::Region(RegionId::new(region))),
            (None, Some(district), None) => Ok(Scope::District(DistrictId::new(district))),
            (None, None, Some(municipality)) => {
                Ok(Scope::Municipality(MunicipalityId::new(municipality)))
            }
            _ => Err(r.corrupt_row("scope without exactly one level")),
        },
    )
    .await
}

fn user(row: &DbRow, scopes: &mut HashMap<i64, Vec<Scope>>) -> Result<User, StoreError> {
    let r = Reader::new(row, "user", "account_id")?;
    Ok(User {
        id: UserId::new(r.id()),
        data: UserData {
            email: r.email("email")?,
            display_name: r.name("display_name")?,
            role: r.code("role")?,
            scopes: scopes.remove(&r.id()).unwrap_or_default(),
            language: r.with("language", parse_language)?,
            active: r.bool("active")?,
            person_id: r.opt_i64("person_id")?.map(PersonId::new),
        },
    })
}

fn user_violation(data: &UserData) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |e| {
        Violation {
            reference: Field::Person,
            unique: Field::Email,
            key: data.email.as_str(),
        }
        .map(e)
    }
}

/// Replaces the account's scopes by `data.scopes` (repetitions are stored once).
async fn write_scopes(conn: &mut Conn, id: i64, data: &UserData) -> Result<(), StoreError> {
    sqlx::query("delete from account_scope where account_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for scope in &data.scopes {
        let (region, district, municipality, key) = match scope {
            Scope::Region(r) => (Some(r.get()), None, None, format!("region {r}")),
            Scope::District(d) => (None, Some(d.get()), None, format!("district {d}")),
            Scope::Municipality(m) => (None, None, Some(m.get()), format!("municipality {m}")),
        };
        sqlx::query(
            "insert into account_scope (account_id, region_id, district_id, municipality_id) \
             values ($1, $2, $3, $4) on conflict do nothing",
        )
        .bind(id)
        .bind(region)
        .bind(district)
        .bind(municipality)
        .execute(&mut *conn)
        .await
        .map_err(|e| {
            Violation {
                reference: Field::Scope,
                unique: Field::Scope,
                key: &key,
            }
            .map(e)
        })?;
    }
    Ok(())
}

/// Inserts an account with an optional password hash (hashing happens outside the store);
/// `audited: false` when an import records one event for the whole file.
pub(crate) async fn insert_user(
    conn: &mut Conn,
    ctx: &ChangeContext,
    data: &UserData,
    password_hash: Option<&str>,
    origin: Origin,
) -> Result<UserId, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "insert into account (email, email_key, display_name, password_hash, role, language, \
         active, person_id, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         returning account_id",
    )
    .bind(data.email.as_str())
    .bind(data.email.normalized())
    .bind(data.display_name.as_str())
    .bind(password_hash)
    .bind(data.role.code())
    .bind(data.language.code())
    .bind(data.active)
    .bind(data.person_id.map(PersonId::get))
    .bind(sql_ts(ctx.at))
    .fetch_one(&mut *conn)
    .await
    .map_err(user_violation(data))?;
    write_scopes(conn, id, data).await?;
    if origin.audited() {
        audit::record(
            conn,
            ctx,
            AuditAction::Create,
            EntityKind::User,
            Some(id),
            data.display_name.as_str(),
        )
        .await?;
    }
    Ok(UserId::new(id))
}

pub(crate) async fn create_user(
    pool: &Pool,
    ctx: &ChangeContext,
    data: &UserData,
    password_hash: Option<&str>,
) -> Result<UserId, StoreError> {
    let mut tx = begin(pool).await?;
    let id = insert_user(&mut tx, ctx, data, password_hash, Origin::Change).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces an account's data and scopes; the password hash stays as it is.
pub(crate) async fn update_user(
    pool: &Pool,
    ctx: &ChangeContext,
    id: UserId,
    data: &UserData,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let before: Option<(String, bool)> =
        sqlx::query_as("select role, active from account where account_id = $1")
            .bind(id.get())
            .fetch_optional(&mut *tx)
            .await?;
    let scopes_before: Vec<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "select region_id, district_id, municipality_id from account_scope \
         where account_id = $1 order by account_scope_id",
    )
    .bind(id.get())
    .fetch_all(&mut *tx)
    .await?;
    let result = sqlx::query(
        "update account set email = $2, email_key = $3, display_name = $4, role = $5, \
         language = $6, active = $7, person_id = $8 where account_id = $1",
    )
    .bind(id.get())
    .bind(data.email.as_str())
    .bind(data.email.normalized())
    .bind(data.display_name.as_str())
    .bind(data.role.code())
    .bind(data.language.code())
    .bind(data.active)
    .bind(data.person_id.map(PersonId::get))
    .execute(&mut *tx)
    .await
    .map_err(user_violation(data))?;
    found(result.rows_affected(), EntityKind::User, id.get())?;
    write_scopes(&mut tx, id.get(), data).await?;
    // A session carries the rights the account had at login; when they change, or the account
    // is deactivated, its sessions end and the user logs in again.
    let scopes_after: Vec<(Option<i64>, Option<i64>, Option<i64>)> = sqlx::query_as(
        "select region_id, district_id, municipality_id from account_scope \
         where account_id = $1 order by account_scope_id",
    )
    .bind(id.get())
    .fetch_all(&mut *tx)
    .await?;
    // Somebody must be able to administer: the last active administrator stays one.
    let was_admin = before
        .as_ref()
        .is_some_and(|(role, active)| *active && role == Role::Admin.code());
    if was_admin {
        let admins: i64 =
            sqlx::query_scalar("select count(*) from account where role = $1 and active")
                .bind(Role::Admin.code())
                .fetch_one(&mut *tx)
                .await?;
        if admins == 0 {
            return Err(StoreError::invalid(Field::Role, Rule::LastAdmin));
        }
    }
    // What changed in the rights, before → after, for the log.
    let summary = rights_summary(data, before.as_ref(), &scopes_before, &scopes_after);
    let rights_changed = before.is_none_or(|(role, active)| {
        role != data.role.code() || active != data.active || !data.active
    }) || scopes_before != scopes_after;
    if rights_changed {
        sqlx::query("delete from session where account_id = $1")
            .bind(id.get())
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::User,
        Some(id.get()),
        &summary,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A scope row as the log tells it: `region 3`, `district 5`, `municipality 17`.
fn scope_row_text(row: &(Option<i64>, Option<i64>, Option<i64>)) -> String {
    match *row {
        (Some(id), _, _) => format!("region {id}"),
        (_, Some(id), _) => format!("district {id}"),
        (_, _, Some(id)) => format!("municipality {id}"),
        _ => String::new(),
    }
}

/// The log's summary of an account update: its name, and role, activity and scopes before →
/// after where they changed.
fn rights_summary(
    data: &UserData,
    before: Option<&(String, bool)>,
    scopes_before: &[(Option<i64>, Option<i64>, Option<i64>)],
    scopes_after: &[(Option<i64>, Option<i64>, Option<i64>)],
) -> String {
    let mut summary = data.display_name.to_string();
    if let Some((role, active)) = before {
        if role != data.role.code() {
            let _ = write!(summary, "; role {role} → {}", data.role.code());
        }
        if *active != data.active {
            let _ = write!(summary, "; active {active} → {}", data.active);
        }
    }
    if scopes_before != scopes_after {
        let list = |rows: &[(Option<i64>, Option<i64>, Option<i64>)]| {
            rows.iter()
                .map(scope_row_text)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = write!(
            summary,
            "; scopes [{}] → [{}]",
            list(scopes_before),
            list(scopes_after)
        );
    }
    summary
}

/// Sets or replaces an account's password hash.
pub(crate) async fn set_password_hash(
    pool: &Pool,
    ctx: &ChangeContext,
    id: UserId,
    password_hash: &str,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let result = sqlx::query("update account set password_hash = $2 where account_id = $1")
        .bind(id.get())
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
    found(result.rows_affected(), EntityKind::User, id.get())?;
    // The hash itself never goes into the log.
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Update,
        EntityKind::User,
        Some(id.get()),
        "password",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The password hash of an account: `None` if none was set, [`StoreError::NotFound`] if the
/// account does not exist.
pub(crate) async fn password_hash(pool: &Pool, id: UserId) -> Result<Option<String>, StoreError> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("select password_hash from account where account_id = $1")
            .bind(id.get())
            .fetch_optional(pool)
            .await?;
    row.ok_or(StoreError::NotFound {
        entity: EntityKind::User,
        id: id.get(),
    })
}

pub(crate) async fn get_user(pool: &Pool, id: UserId) -> Result<Option<User>, StoreError> {
    let row = sqlx::query(concat!(
        "select ",
        user_columns!(),
        " from account where account_id = $1"
    ))
    .bind(id.get())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut scopes = scopes(pool, Parents::One(id.get())).await?;
    user(&row, &mut scopes).map(Some)
}

/// The account with this login, regardless of case.
pub(crate) async fn user_by_email(pool: &Pool, email: &Email) -> Result<Option<User>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar("select account_id from account where email_key = $1")
        .bind(email.normalized())
        .fetch_optional(pool)
        .await?;
    match id {
        Some(id) => get_user(pool, UserId::new(id)).await,
        None => Ok(None),
    }
}

/// All accounts, by display name.
pub(crate) async fn list_users(pool: &Pool) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query(concat!(
        "select ",
        user_columns!(),
        " from account order by account_id"
    ))
    .fetch_all(pool)
    .await?;
    let mut scopes = scopes(pool, Parents::All).await?;
    by_name(
        rows.iter().map(|row| user(row, &mut scopes)).collect(),
        |u| u.data.display_name.to_string(),
    )
}

/// Deletes an account with its scopes. Refused (on [`Field::Email`], the login) once the
/// account has made changes: users with a history are deactivated, never deleted.
pub(crate) async fn delete_user(
    pool: &Pool,
    ctx: &ChangeContext,
    id: UserId,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    // Recorded first, so that users deleting their own account have a history by then and are
    // refused like everybody with one.
    audit::record(
        &mut tx,
        ctx,
        AuditAction::Delete,
        EntityKind::User,
        Some(id.get()),
        "",
    )
    .await?;
    // Users who made changes are deactivated, not deleted: their entries in the audit log
    // should keep pointing at an account that can be looked up.
    let history: bool =
        sqlx::query_scalar("select exists (select 1 from audit_event where account_id = $1)")
            .bind(id.get())
            .fetch_one(&mut *tx)
            .await?;
    if history {
        return Err(StoreError::invalid(Field::Email, Rule::InUse));
    }
    let result = sqlx::query("delete from account where account_id = $1")
        .bind(id.get())
        .execute(&mut *tx)
        .await
        .map_err(|e| map_delete(e, Field::Email))?;
    found(result.rows_affected(), EntityKind::User, id.get())?;
    tx.commit().await?;
    Ok(())
}

/// [`StoreError::NotFound`] unless the account exists (checked inside the caller's
/// transaction, before it writes rows that refer to the account).
pub(crate) async fn account_exists(conn: &mut Conn, user: UserId) -> Result<(), StoreError> {
    let exists: Option<i64> =
        sqlx::query_scalar("select account_id from account where account_id = $1")
            .bind(user.get())
            .fetch_optional(&mut *conn)
            .await?;
    found(u64::from(exists.is_some()), EntityKind::User, user.get())
}

//! Store operations, written once and compiled once per backend.
//!
//! This file is included twice (`crate::sqlite::ops` and `crate::postgres::ops`, see `sqlite.rs`
//! and `postgres.rs`);
//! `super::Db` is `sqlx::Sqlite` in one copy and `sqlx::Postgres` in the other. The SQL is the
//! common subset both understand (`$1` parameters, `returning`, `on conflict`); where the
//! backends differ, they do so in constants of `sqlite.rs` and `postgres.rs` (`BEGIN_WRITE`).

pub(crate) mod actor;
pub(crate) mod audit;
pub(crate) mod body;
pub(crate) mod boundary;
pub(crate) mod calendar_feed;
pub(crate) mod import;
pub(crate) mod meeting;
pub(crate) mod password_link;
pub(crate) mod practice;
pub(crate) mod problem;
pub(crate) mod record;
pub(crate) mod reset;
pub(crate) mod round_table;
pub(crate) mod session;
pub(crate) mod stats;
pub(crate) mod territory;
pub(crate) mod tie;
pub(crate) mod topic;
pub(crate) mod user;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff_sqlx::ToSqlx;
use praevnetz_domain::Code;
use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::text::{Email, ExternalRef, Name, Phone, Text, Url, sort_key};
use sqlx::Row as _;

use crate::error::{StoreError, map_delete};

pub(crate) type Db = super::Db;
pub(crate) type Pool = sqlx::Pool<Db>;
pub(crate) type Conn = <Db as sqlx::Database>::Connection;
pub(crate) type DbRow = <Db as sqlx::Database>::Row;

/// Writes the search keys and stemmed texts that rows written before migration 0003 lack.
pub(crate) async fn fill_search_keys(pool: &Pool) -> Result<(), StoreError> {
    practice::index_unindexed(pool).await?;
    actor::key_unkeyed(pool).await
}

/// Begins the transaction of a writing operation. Every write goes through this rather than
/// `pool.begin()`: on SQLite it takes the write lock first (see `BEGIN_WRITE` in `sqlite.rs`), so
/// an operation may check references before it writes.
pub(crate) async fn begin(pool: &Pool) -> Result<sqlx::Transaction<'static, Db>, StoreError> {
    Ok(pool.begin_with(super::BEGIN_WRITE).await?)
}

/// Where a record being inserted comes from, which decides what the insert checks and records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A single change: each insert checks its references (to name the field of a missing one)
    /// and writes its own audit event.
    Change,
    /// A row of an import: the importer resolved every reference from the keys of the same
    /// transaction, so inserts skip the checks that only confirm references exist, and the
    /// import writes one audit event per file.
    Import,
}

impl Origin {
    /// Whether the insert writes an audit event of its own.
    pub(crate) fn audited(self) -> bool {
        self == Origin::Change
    }

    /// Whether references must be confirmed before the insert.
    pub(crate) fn checks_references(self) -> bool {
        self == Origin::Change
    }
}

/// A date for binding.
pub(crate) fn sql_date(date: Option<Date>) -> Option<jiff_sqlx::Date> {
    date.map(ToSqlx::to_sqlx)
}

/// A point in time for binding.
pub(crate) fn sql_ts(ts: Timestamp) -> jiff_sqlx::Timestamp {
    ts.to_sqlx()
}

/// Reads a stored row back into domain types, re-checking every value: a row edited by hand or
/// by another tool yields [`StoreError::Corrupt`] naming the record instead of a panic or a
/// silently invalid value.
pub(crate) struct Reader<'a> {
    row: &'a DbRow,
    entity: &'static str,
    id: i64,
}

impl<'a> Reader<'a> {
    /// Reads the record's id first: every later problem is reported with it.
    pub(crate) fn new(
        row: &'a DbRow,
        entity: &'static str,
        id_column: &str,
    ) -> Result<Self, StoreError> {
        let id = row.try_get::<i64, _>(id_column)?;
        Ok(Reader { row, entity, id })
    }

    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    /// An error about this row that is not about one column.
    pub(crate) fn corrupt_row(&self, problem: &str) -> StoreError {
        StoreError::Corrupt {
            entity: self.entity,
            id: self.id,
            problem: problem.to_owned(),
        }
    }

    fn corrupt(&self, column: &str, problem: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt {
            entity: self.entity,
            id: self.id,
            problem: format!("{column}: {problem}"),
        }
    }

    pub(crate) fn i64(&self, column: &str) -> Result<i64, StoreError> {
        Ok(self.row.try_get(column)?)
    }

    pub(crate) fn opt_i64(&self, column: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.row.try_get(column)?)
    }

    pub(crate) fn i32(&self, column: &str) -> Result<i32, StoreError> {
        Ok(self.row.try_get(column)?)
    }

    pub(crate) fn u32(&self, column: &str) -> Result<u32, StoreError> {
        let value: i32 = self.row.try_get(column)?;
        u32::try_from(value).map_err(|e| self.corrupt(column, e))
    }

    pub(crate) fn opt_u32(&self, column: &str) -> Result<Option<u32>, StoreError> {
        let value: Option<i32> = self.row.try_get(column)?;
        value
            .map(|v| u32::try_from(v).map_err(|e| self.corrupt(column, e)))
            .transpose()
    }

    pub(crate) fn opt_f64(&self, column: &str) -> Result<Option<f64>, StoreError> {
        Ok(self.row.try_get(column)?)
    }

    pub(crate) fn bool(&self, column: &str) -> Result<bool, StoreError> {
        Ok(self.row.try_get(column)?)
    }

    pub(crate) fn string(&self, column: &str) -> Result<String, StoreError> {
        Ok(self.row.try_get(column)?)
    }

    pub(crate) fn opt_string(&self, column: &str) -> Result<Option<String>, StoreError> {
        Ok(self.row.try_get(column)?)
    }

    fn parsed<T, E: std::fmt::Display>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, StoreError> {
        let raw: String = self.row.try_get(column)?;
        parse(&raw).map_err(|e| self.corrupt(column, e))
    }

    fn opt_parsed<T, E: std::fmt::Display>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, StoreError> {
        let raw: Option<String> = self.row.try_get(column)?;
        raw.map(|raw| parse(&raw).map_err(|e| self.corrupt(column, e)))
            .transpose()
    }

    pub(crate) fn name(&self, column: &str) -> Result<Name, StoreError> {
        self.parsed(column, Name::parse)
    }

    pub(crate) fn opt_name(&self, column: &str) -> Result<Option<Name>, StoreError> {
        self.opt_parsed(column, Name::parse)
    }

    pub(crate) fn text(&self, column: &str) -> Result<Text, StoreError> {
        self.parsed(column, Text::parse)
    }

    pub(crate) fn opt_text(&self, column: &str) -> Result<Option<Text>, StoreError> {
        self.opt_parsed(column, Text::parse)
    }

    pub(crate) fn email(&self, column: &str) -> Result<Email, StoreError> {
        self.parsed(column, Email::parse)
    }

    pub(crate) fn opt_email(&self, column: &str) -> Result<Option<Email>, StoreError> {
        self.opt_parsed(column, Email::parse)
    }

    pub(crate) fn opt_phone(&self, column: &str) -> Result<Option<Phone>, StoreError> {
        self.opt_parsed(column, Phone::parse)
    }

    pub(crate) fn opt_url(&self, column: &str) -> Result<Option<Url>, StoreError> {
        self.opt_parsed(column, Url::parse)
    }

    pub(crate) fn opt_ref(&self, column: &str) -> Result<Option<ExternalRef>, StoreError> {
        self.opt_parsed(column, ExternalRef::parse)
    }

    pub(crate) fn with<T, E: std::fmt::Display>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, StoreError> {
        self.parsed(column, parse)
    }

    pub(crate) fn code<T: Code>(&self, column: &str) -> Result<T, StoreError> {
        self.parsed(column, |raw| T::from_code(raw).ok_or("unknown code"))
    }

    pub(crate) fn date(&self, column: &str) -> Result<Date, StoreError> {
        let value: jiff_sqlx::Date = self.row.try_get(column)?;
        Ok(value.to_jiff())
    }

    pub(crate) fn opt_date(&self, column: &str) -> Result<Option<Date>, StoreError> {
        let value: Option<jiff_sqlx::Date> = self.row.try_get(column)?;
        Ok(value.map(jiff_sqlx::Date::to_jiff))
    }

    pub(crate) fn timestamp(&self, column: &str) -> Result<Timestamp, StoreError> {
        let value: jiff_sqlx::Timestamp = self.row.try_get(column)?;
        Ok(value.to_jiff())
    }

    /// A domain constructor's error on stored data.
    pub(crate) fn check<T, E: std::fmt::Display>(
        &self,
        what: &str,
        result: Result<T, E>,
    ) -> Result<T, StoreError> {
        result.map_err(|e| self.corrupt(what, e))
    }
}

/// Sorts records by a name in German index order ([`sort_key`]); records with equal names keep
/// the order they came in (by id). Done here, not by the database, so that both backends list
/// alike whatever the server's collation.
pub(crate) fn by_name<T>(
    records: Result<Vec<T>, StoreError>,
    name: impl Fn(&T) -> String,
) -> Result<Vec<T>, StoreError> {
    let mut records = records?;
    records.sort_by_cached_key(|record| sort_key(&name(record)));
    Ok(records)
}

/// Turns "no row" into [`StoreError::NotFound`].
pub(crate) fn found(affected: u64, entity: EntityKind, id: i64) -> Result<(), StoreError> {
    if affected == 0 {
        Err(StoreError::NotFound { entity, id })
    } else {
        Ok(())
    }
}

/// A reference from a record about to be written to another record.
pub(crate) struct Reference {
    /// The field that holds it, named in the error.
    pub field: Field,
    /// `select 1 from … where … = $1` with the referenced id as `$1` (see [`exists`]).
    pub exists: &'static str,
    /// The referenced id, if any.
    pub id: Option<i64>,
}

/// `select 1 from <table> where <table>_id = $1`, for [`exists`].
macro_rules! exists_sql {
    ($table:literal) => {
        concat!("select 1 from ", $table, " where ", $table, "_id = $1")
    };
}
pub(crate) use exists_sql;

/// Checks that every given reference exists, in the transaction of the write.
///
/// The database would refuse a missing reference too, but its error does not say which of a
/// record's references failed (SQLite) and ends the transaction (PostgreSQL), so the field could
/// not be named. The foreign keys remain the guard against concurrent deletes. On SQLite, begin
/// the transaction with [`begin`], as this reads before the write.
pub(crate) async fn check_references(
    conn: &mut Conn,
    references: &[Reference],
) -> Result<(), StoreError> {
    for reference in references {
        let Some(id) = reference.id else { continue };
        if !exists(conn, reference.exists, id).await? {
            return Err(StoreError::invalid(
                reference.field,
                Rule::UnknownReference {
                    key: id.to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// Whose child lists to read (see [`child_lists`]).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Parents<'a> {
    /// One record's.
    One(i64),
    /// Every record's (an unfiltered list).
    All,
    /// These records' (a filtered list: only what it shows).
    Ids(&'a [i64]),
}

impl<'a> Parents<'a> {
    /// The records of a list just read: all of them if the list was not filtered, else
    /// exactly `ids`.
    pub(crate) fn of_list(filtered: bool, ids: &'a [i64]) -> Parents<'a> {
        if filtered {
            Parents::Ids(ids)
        } else {
            Parents::All
        }
    }
}

/// The ids in column `column` of `rows`, to read only their child lists.
pub(crate) fn row_ids(rows: &[DbRow], column: &str) -> Result<Vec<i64>, StoreError> {
    rows.iter()
        .map(|row| Ok(row.try_get::<i64, _>(column)?))
        .collect()
}

/// Ids per statement when reading child lists of a filtered list: well below the parameter
/// limits of both backends.
const IDS_PER_QUERY: usize = 500;

/// Lists hanging off records (aliases, categories, hosts, scopes …), by the id of their record,
/// for the `parents` asked for. `select` selects the record's id as `parent` plus what `item`
/// reads and ends in `where <parent column>`, to which the condition on `parents` is appended
/// (`= $1`, `in (…)`, or nothing but `is not null` for all, so that an index on the parent
/// column serves one record); `order` follows (`order by …`, or empty), the order the lists
/// keep.
pub(crate) async fn child_lists<T>(
    pool: &Pool,
    select: &'static str,
    order: &'static str,
    entity: &'static str,
    parents: Parents<'_>,
    item: impl Fn(&Reader<'_>) -> Result<T, StoreError>,
) -> Result<std::collections::HashMap<i64, Vec<T>>, StoreError> {
    let mut lists: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
    let chunks: Vec<&[i64]> = match parents {
        Parents::Ids(ids) => ids.chunks(IDS_PER_QUERY).collect(),
        Parents::One(_) | Parents::All => vec![&[]],
    };
    for chunk in chunks {
        let mut query = sqlx::QueryBuilder::<Db>::new(select);
        match parents {
            Parents::One(id) => {
                query.push(" = ").push_bind(id);
            }
            Parents::All => {
                query.push(" is not null");
            }
            Parents::Ids(_) => {
                push_id_list(&mut query, chunk);
            }
        }
        query.push(" ").push(order);
        let rows = query.build().fetch_all(pool).await?;
        for row in &rows {
            let r = Reader::new(row, entity, "parent")?;
            lists.entry(r.id()).or_default().push(item(&r)?);
        }
    }
    Ok(lists)
}

/// Appends ` in ($a, $b, …)` to `query`; an empty list appends a condition no row meets.
pub(crate) fn push_id_list(query: &mut sqlx::QueryBuilder<Db>, ids: &[i64]) {
    if ids.is_empty() {
        // `in ()` is not valid PostgreSQL
        query.push(" in (select 0 where false)");
        return;
    }
    query.push(" in (");
    let mut separated = query.separated(", ");
    for id in ids {
        separated.push_bind(*id);
    }
    query.push(")");
}

/// Replaces a record's list (aliases, categories, hosts …): deletes the old entries with
/// `delete` (`$1` the record), then inserts each item with `insert` (`$1` the record, `$2` the
/// item; `on conflict do nothing` keeps the list a set). An item the database refuses (a missing
/// reference) becomes a field error on `field` naming the item.
pub(crate) async fn replace_list<T>(
    conn: &mut Conn,
    delete: &'static str,
    insert: &'static str,
    id: i64,
    items: Vec<T>,
    field: Field,
) -> Result<(), StoreError>
where
    T: for<'e> sqlx::Encode<'e, Db> + sqlx::Type<Db> + std::fmt::Display + Send,
{
    sqlx::query(delete).bind(id).execute(&mut *conn).await?;
    for item in items {
        let key = item.to_string();
        sqlx::query(insert)
            .bind(id)
            .bind(item)
            .execute(&mut *conn)
            .await
            .map_err(|e| {
                crate::error::Violation {
                    reference: field,
                    unique: field,
                    key: &key,
                }
                .map(e)
            })?;
    }
    Ok(())
}

/// Deletes one row by id with `sql` (`$1` the id) and records it; a restricting reference is
/// reported as [`Rule::InUse`] on `field`.
pub(crate) async fn delete_audited(
    pool: &Pool,
    ctx: &ChangeContext,
    sql: &'static str,
    entity: EntityKind,
    id: i64,
    field: Field,
) -> Result<(), StoreError> {
    let mut tx = begin(pool).await?;
    let result = sqlx::query(sql)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(|e| map_delete(e, field))?;
    found(result.rows_affected(), entity, id)?;
    audit::record(&mut tx, ctx, AuditAction::Delete, entity, Some(id), "").await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the row that `sql` looks for exists; `sql` selects anything `where key = $1`.
///
/// Writes check secondary references with this before the statement that could fail on them:
/// SQLite does not say which foreign key failed, and a failed statement aborts a PostgreSQL
/// transaction, so the error cannot be told apart afterwards.
pub(crate) async fn exists(
    conn: &mut Conn,
    sql: &'static str,
    key: i64,
) -> Result<bool, StoreError> {
    let row = sqlx::query(sql)
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.is_some())
}

/// A reference to a record that does not exist, as a field error.
pub(crate) fn unknown_reference(field: Field, key: impl std::fmt::Display) -> StoreError {
    StoreError::invalid(
        field,
        Rule::UnknownReference {
            key: key.to_string(),
        },
    )
}

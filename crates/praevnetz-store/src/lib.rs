//! praevnetz storage: one API over an embedded SQLite file (the default) and PostgreSQL.
//!
//! [`Store::open`] picks the backend from the URL scheme and brings the schema up to date with
//! the embedded migrations. Every writing operation takes a [`ChangeContext`] and records an
//! audit event in the same transaction; every multi-row write is one transaction.
//!
//! The SQL lives in `src/ops/`, written once and compiled once per backend (see
//! `ops/mod.rs`), so the two backends cannot drift apart in what they do.

/// Declares public store methods; each calls the operation of the same name on whichever
/// backend the store runs on.
macro_rules! store_api {
    ($(
        $(#[$meta:meta])*
        fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty => $module:ident :: $function:ident;
    )*) => {
        impl $crate::Store {
            $(
                $(#[$meta])*
                pub async fn $name(&self, $($arg: $ty),*) -> Result<$ret, $crate::StoreError> {
                    match &self.pool {
                        $crate::Pool::Sqlite(pool) => {
                            $crate::sqlite::ops::$module::$function(pool, $($arg),*).await
                        }
                        $crate::Pool::Postgres(pool) => {
                            $crate::postgres::ops::$module::$function(pool, $($arg),*).await
                        }
                    }
                }
            )*
        }
    };
}

mod api;
mod backup;
mod connect;
mod error;
mod migrate;
mod search;
mod url;

mod postgres;
mod sqlite;

use jiff::Timestamp;
use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::ids::UserId;
use praevnetz_domain::import::ImportKind;
use serde::Serialize;

pub use crate::backup::{BackupInfo, BackupProblem};
pub use crate::connect::Open;
pub use crate::error::{STORE_SOURCES, StoreError, catalog};
pub use crate::url::{Backend, DatabaseUrl};

/// A connection pool to one backend.
#[derive(Clone, Debug)]
enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// The store: cheap to clone, shared by all requests.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    url: DatabaseUrl,
}

/// A live login session.
#[derive(Clone, Debug, PartialEq)]
pub struct LoginSession {
    /// The account, as it is now (role and scopes are read fresh for every request).
    pub user: praevnetz_domain::user::User,
    /// The token every form of this session must carry back.
    pub csrf_token: String,
    /// When the session ends.
    pub expires_at: Timestamp,
}

/// Counts of every kind of record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub districts: i64,
    pub municipalities: i64,
    pub regions: i64,
    pub milestones: i64,
    pub organisations: i64,
    pub persons: i64,
    pub memberships: i64,
    pub bodies: i64,
    pub body_members: i64,
    pub ties: i64,
    pub problem_categories: i64,
    pub problems: i64,
    pub municipalities_with_problems: i64,
    pub practices: i64,
    pub meeting_series: i64,
    pub meetings: i64,
    pub participations: i64,
    pub agenda_items: i64,
    pub decisions: i64,
    pub action_items: i64,
    pub topics: i64,
    pub users: i64,
    pub audit_events: i64,
}

/// What an import did, per file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// One entry per file, in the order imported.
    pub tables: Vec<TableSummary>,
}

/// What an import did with one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableSummary {
    /// Kind of records.
    pub kind: ImportKind,
    /// File name.
    pub file: String,
    /// Records created.
    pub created: u64,
    /// Records updated (districts, municipalities and regions are matched by key).
    pub updated: u64,
}

impl Default for TableSummary {
    fn default() -> Self {
        TableSummary {
            kind: ImportKind::Districts,
            file: String::new(),
            created: 0,
            updated: 0,
        }
    }
}

/// How to import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check everything, keep nothing.
    pub dry_run: bool,
    /// Remove all existing data first, in the same transaction (`demo --force`).
    pub replace: bool,
    /// Refuse a database that holds data already ([`StoreError::NotEmpty`]), checked in the
    /// same transaction (`demo` without `--force`).
    pub require_empty: bool,
}

/// Receives progress of a long import (the command line shows it as a progress bar).
pub trait ImportProgress: Send + Sync {
    /// A file of `total` records begins.
    fn start(&self, kind: ImportKind, total: u64);
    /// `done` more records are through.
    fn advance(&self, done: u64);
    /// The file is done.
    fn finish(&self);
}

/// Progress nobody watches.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl ImportProgress for NoProgress {
    fn start(&self, _: ImportKind, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// Which problems to list.
#[derive(Clone, Debug, Default)]
pub struct ProblemFilter {
    /// Only of this municipality.
    pub municipality: Option<praevnetz_domain::ids::MunicipalityId>,
    /// Only of these municipalities; `None` for all.
    pub municipalities: Option<Vec<praevnetz_domain::ids::MunicipalityId>>,
    /// Only of municipalities in this district.
    pub district: Option<praevnetz_domain::ids::DistrictId>,
    /// Only of this category.
    pub category: Option<praevnetz_domain::problem::CategoryCode>,
    /// Only with this status.
    pub status: Option<praevnetz_domain::problem::ProblemStatus>,
}

/// One page of a longer list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page<T> {
    /// The records of this page.
    pub items: Vec<T>,
    /// How many records the whole list holds.
    pub total: u64,
}

/// A search of the persons, a page at a time, by name (family name, then given name).
#[derive(Clone, Debug)]
pub struct PersonSearch {
    /// Words as a user typed them: each must occur, case and umlauts ignored, anywhere in the
    /// person's names, the function of one of their memberships or the name (short name, alias)
    /// of an organisation they belong to. Other characters than letters and digits are ignored.
    pub text: Option<String>,
    /// Only members (past or present) of this organisation.
    pub organisation: Option<praevnetz_domain::ids::OrganisationId>,
    /// Only members (past or present) of an organisation at home in this municipality.
    pub municipality: Option<praevnetz_domain::ids::MunicipalityId>,
    /// Only members (past or present) of an organisation at home in this district or in one of
    /// its municipalities.
    pub district: Option<praevnetz_domain::ids::DistrictId>,
    /// At most this many persons.
    pub limit: u32,
    /// Skipping this many.
    pub offset: u32,
}

impl Default for PersonSearch {
    fn default() -> Self {
        PersonSearch {
            text: None,
            organisation: None,
            municipality: None,
            district: None,
            limit: 50,
            offset: 0,
        }
    }
}

/// A search of the organisations, a page at a time, by name.
#[derive(Clone, Debug)]
pub struct OrganisationSearch {
    /// Words as a user typed them: each must occur, case and umlauts ignored, anywhere in the
    /// name, short name or an alias.
    pub text: Option<String>,
    /// Only of this kind.
    pub kind: Option<praevnetz_domain::actor::OrganisationKind>,
    /// Only with this pillar, primary or secondary.
    pub pillar: Option<praevnetz_domain::actor::Pillar>,
    /// Only at home in this municipality.
    pub municipality: Option<praevnetz_domain::ids::MunicipalityId>,
    /// Only at home in this district or in one of its municipalities.
    pub district: Option<praevnetz_domain::ids::DistrictId>,
    /// At most this many organisations.
    pub limit: u32,
    /// Skipping this many.
    pub offset: u32,
}

impl Default for OrganisationSearch {
    fn default() -> Self {
        OrganisationSearch {
            text: None,
            kind: None,
            pillar: None,
            municipality: None,
            district: None,
            limit: 50,
            offset: 0,
        }
    }
}

/// Which problems a user may see, by visibility: a problem counts if its municipality is in
/// the list for its visibility (the caller's policy decides the lists).
#[derive(Clone, Debug, Default)]
pub struct VisibleProblems {
    /// Municipalities whose problems of visibility "own municipality" may be seen.
    pub municipality: Vec<praevnetz_domain::ids::MunicipalityId>,
    /// Municipalities whose problems of visibility "region" may be seen.
    pub region: Vec<praevnetz_domain::ids::MunicipalityId>,
    /// Municipalities whose problems of visibility "whole network" may be seen.
    pub network: Vec<praevnetz_domain::ids::MunicipalityId>,
}

/// A search of the practices (the good-practice knowledge base).
#[derive(Clone, Debug)]
pub struct PracticeSearch {
    /// Words as a user typed them: every word must occur (German stemming: "Konflikte" finds
    /// "Konflikt"), the last one also as the start of a word. Quotes, operators and other
    /// characters than letters and digits are ignored; `None`, or text without a usable word,
    /// lists by title.
    pub text: Option<String>,
    /// Only on this problem category (among others).
    pub category: Option<praevnetz_domain::problem::CategoryCode>,
    /// Only of these municipalities; `None` for all.
    pub municipalities: Option<Vec<praevnetz_domain::ids::MunicipalityId>>,
    /// At most this many hits.
    pub limit: u32,
}

impl Default for PracticeSearch {
    fn default() -> Self {
        PracticeSearch {
            text: None,
            category: None,
            municipalities: None,
            limit: 50,
        }
    }
}

/// A practice found by a search.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PracticeHit {
    /// The practice.
    pub practice: praevnetz_domain::practice::Practice,
    /// How well it matches, higher is better; comparable within one search and one backend
    /// only (SQLite's BM25, PostgreSQL's `ts_rank`); 0 without search text.
    pub rank: f64,
}

/// Which meetings to list. Time bounds compare the start: a meeting is listed when
/// `starts_from <= start < starts_before`.
#[derive(Clone, Debug, Default)]
pub struct MeetingFilter {
    /// Only of this series.
    pub series: Option<praevnetz_domain::ids::MeetingSeriesId>,
    /// Only hosted (among others) by this organisation.
    pub host: Option<praevnetz_domain::ids::OrganisationId>,
    /// Only with a venue in this municipality.
    pub municipality: Option<praevnetz_domain::ids::MunicipalityId>,
    /// Only with this status.
    pub status: Option<praevnetz_domain::meeting::MeetingStatus>,
    /// Only starting at or after this instant.
    pub starts_from: Option<Timestamp>,
    /// Only starting before this instant.
    pub starts_before: Option<Timestamp>,
}

/// Which action items to list.
#[derive(Clone, Debug, Default)]
pub struct ActionItemFilter {
    /// Only agreed at this meeting.
    pub meeting: Option<praevnetz_domain::ids::MeetingId>,
    /// Only owned by this person.
    pub owner: Option<praevnetz_domain::ids::PersonId>,
    /// Only with this status.
    pub status: Option<praevnetz_domain::meeting::ActionStatus>,
}

/// Which topics to list.
#[derive(Clone, Debug, Default)]
pub struct TopicFilter {
    /// Only carried by this series.
    pub series: Option<praevnetz_domain::ids::MeetingSeriesId>,
    /// Only with this status.
    pub status: Option<praevnetz_domain::topic::TopicStatus>,
    /// Only concerning this municipality (among others).
    pub municipality: Option<praevnetz_domain::ids::MunicipalityId>,
    /// Only touching this problem category (among others).
    pub category: Option<praevnetz_domain::problem::CategoryCode>,
}

/// The votes for one topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TopicVotes {
    /// The topic.
    pub topic: praevnetz_domain::ids::TopicId,
    /// How many accounts voted for it.
    pub count: u32,
    /// Whether the account asked about is among them.
    pub mine: bool,
}

/// Which audit entries to read.
#[derive(Clone, Debug)]
pub struct AuditFilter {
    /// Only this kind of record.
    pub entity: Option<EntityKind>,
    /// Only this record.
    pub entity_id: Option<i64>,
    /// Only changes by this user.
    pub user_id: Option<UserId>,
    /// Only this kind of change.
    pub action: Option<AuditAction>,
    /// Only changes at or after this moment.
    pub since: Option<Timestamp>,
    /// Only changes before this moment.
    pub until: Option<Timestamp>,
    /// At most this many entries.
    pub limit: u32,
    /// Skipping this many of the newest matching entries (for paging).
    pub offset: u32,
}

impl Default for AuditFilter {
    fn default() -> Self {
        AuditFilter {
            entity: None,
            entity_id: None,
            user_id: None,
            action: None,
            since: None,
            until: None,
            limit: 100,
            offset: 0,
        }
    }
}

impl Store {
    /// Opens the database at `url`, creating the SQLite file if `open` allows, and applies any
    /// pending migrations.
    pub async fn open(url: &DatabaseUrl, open: Open) -> Result<Store, StoreError> {
        let pool = match url.backend() {
            Backend::Sqlite => Pool::Sqlite(connect::sqlite(url, open).await?),
            Backend::Postgres => Pool::Postgres(connect::postgres(url).await?),
        };
        let store = Store {
            pool,
            url: url.clone(),
        };
        store.migrate().await?;
        store.fill_search_keys().await?;
        Ok(store)
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.url.backend()
    }

    /// The URL (display it; it prints without password).
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = sqlx::migrate::Migrator::new(migrate::Source(self.backend()))
            .await
            .map_err(StoreError::Migrate)?;
        let result = match &self.pool {
            Pool::Sqlite(pool) => migrator.run(pool).await,
            Pool::Postgres(pool) => migrator.run(pool).await,
        };
        match result {
            Ok(()) => Ok(()),
            Err(sqlx::migrate::MigrateError::VersionMissing(found)) => {
                Err(StoreError::SchemaTooNew {
                    found,
                    known: migrate::latest_version(),
                })
            }
            Err(other) => Err(StoreError::Migrate(other)),
        }
    }

    /// Writes the search keys and the stemmed practice text that rows of an older schema lack
    /// (migration 0003 adds them; SQL alone cannot compute them). Quick when there are none.
    async fn fill_search_keys(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => sqlite::ops::fill_search_keys(pool).await,
            Pool::Postgres(pool) => postgres::ops::fill_search_keys(pool).await,
        }
    }

    /// The highest applied schema version.
    pub async fn schema_version(&self) -> Result<i64, StoreError> {
        let sql = "select coalesce(max(version), 0) from _sqlx_migrations where success";
        let version = match &self.pool {
            Pool::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
            Pool::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
        };
        Ok(version)
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => sqlx::query("select 1").execute(pool).await.map(drop)?,
            Pool::Postgres(pool) => sqlx::query("select 1").execute(pool).await.map(drop)?,
        }
        Ok(())
    }

    /// For SQLite, the settings of `connections` pool connections held at once: journal mode,
    /// whether foreign keys are enforced, busy timeout in milliseconds. Empty for PostgreSQL.
    /// A diagnostic: every connection must use WAL, foreign keys and a busy timeout.
    pub async fn sqlite_connection_settings(
        &self,
        connections: usize,
    ) -> Result<Vec<(String, bool, i64)>, StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Ok(Vec::new());
        };
        let mut held = Vec::with_capacity(connections);
        let mut settings = Vec::with_capacity(connections);
        for _ in 0..connections {
            let mut conn = pool.acquire().await?;
            let journal: String = sqlx::query_scalar("pragma journal_mode")
                .fetch_one(&mut *conn)
                .await?;
            let foreign_keys: bool = sqlx::query_scalar("pragma foreign_keys")
                .fetch_one(&mut *conn)
                .await?;
            let busy: i64 = sqlx::query_scalar("pragma busy_timeout")
                .fetch_one(&mut *conn)
                .await?;
            settings.push((journal, foreign_keys, busy));
            held.push(conn);
        }
        Ok(settings)
    }

    /// Closes all connections (waits for running queries).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

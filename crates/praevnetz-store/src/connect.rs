//! Opening connection pools, with the settings every connection needs.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection as _;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::error::StoreError;
use crate::url::DatabaseUrl;

/// Whether opening may create a missing SQLite file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    /// Create the file if it is missing (`init`, `demo`, `import`, `serve`, `restore`).
    CreateIfMissing,
    /// The database must exist already (`stats`, `backup`).
    MustExist,
}

/// How long a connection waits for a lock held by another writer before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the first connection to a server may take.
const FIRST_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long to wait for a connection (server unreachable, pool exhausted).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) async fn sqlite(url: &DatabaseUrl, open: Open) -> Result<sqlx::SqlitePool, StoreError> {
    let path = url
        .sqlite_path()
        .ok_or_else(|| StoreError::UnsupportedUrl {
            url: url.redacted(),
        })?;
    if open == Open::MustExist && !path.exists() {
        return Err(StoreError::Missing { path });
    }
    let connect_error = |source| StoreError::Connect {
        backend: url.backend(),
        url: url.redacted(),
        source,
    };
    // Set on every connection the pool opens: write-ahead log so readers never block the
    // writer, enforced foreign keys, and a busy timeout instead of immediate "database is locked".
    let options = SqliteConnectOptions::from_str(url.expose())
        .map_err(connect_error)?
        .filename(&path)
        .create_if_missing(open == Open::CreateIfMissing)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(connect_error)
}

pub(crate) async fn postgres(url: &DatabaseUrl) -> Result<sqlx::PgPool, StoreError> {
    let connect_error = |source| StoreError::Connect {
        backend: url.backend(),
        url: url.redacted(),
        source,
    };
    let options = PgConnectOptions::from_str(url.expose()).map_err(connect_error)?;
    // One plain connection first: the pool would retry a refused connection until its acquire
    // timeout, and a user who mistyped a host should hear so at once.
    let first = tokio::time::timeout(FIRST_CONNECT_TIMEOUT, PgConnection::connect_with(&options))
        .await
        .map_err(|_| connect_error(sqlx::Error::PoolTimedOut))?
        .map_err(connect_error)?;
    first.close().await.map_err(connect_error)?;
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(connect_error)
}

//! Runs each storage test against SQLite always and against PostgreSQL when
//! `PRAEVNETZ_TEST_POSTGRES_URL` is set, each in a database of its own that is removed afterwards
//! (a temporary SQLite file; a PostgreSQL schema dropped at the end, also when the test fails).

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};

use praevnetz_domain::audit::ChangeContext;
use praevnetz_store::{Backend, DatabaseUrl, Open, Store};
use sqlx::Connection as _;

pub const POSTGRES_ENV: &str = "PRAEVNETZ_TEST_POSTGRES_URL";

/// A store under test and the URL it runs on.
pub struct TestDb {
    pub store: Store,
    pub url: DatabaseUrl,
    raw_url: String,
    at: jiff::Timestamp,
}

/// The time all test changes are made at.
const TEST_TIME: &str = "2024-05-06T07:08:09Z";

impl TestDb {
    /// The change context of the tests: command line, a fixed time.
    pub fn ctx(&self) -> ChangeContext {
        ChangeContext::cli(self.at)
    }

    /// Runs SQL past the store's API, straight on a fresh connection, to test the database's
    /// own constraints. Returns the database's error message on failure.
    pub async fn raw(&self, sql: &str) -> Result<u64, String> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self.url.backend() {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.raw_url)
                    .await
                    .unwrap();
                // the store sets this pragma on every connection; so does this one
                sqlx::query("pragma foreign_keys = on")
                    .execute(&mut conn)
                    .await
                    .unwrap();
                sqlx::query(sql)
                    .execute(&mut conn)
                    .await
                    .map(|r| r.rows_affected())
                    .map_err(|e| e.to_string())
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.raw_url).await.unwrap();
                sqlx::query(sql)
                    .execute(&mut conn)
                    .await
                    .map(|r| r.rows_affected())
                    .map_err(|e| e.to_string())
            }
        }
    }

    /// A single number from raw SQL.
    pub async fn raw_count(&self, sql: &str) -> i64 {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self.url.backend() {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.raw_url)
                    .await
                    .unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.raw_url).await.unwrap();
                sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
            }
        }
    }
}

pub async fn run_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    let raw_url = format!("sqlite://{}", dir.path().join("test.db").display());
    let url = DatabaseUrl::parse(&raw_url).unwrap();
    let store = Store::open(&url, Open::CreateIfMissing).await.unwrap();
    test(TestDb {
        store,
        url,
        raw_url,
        at: TEST_TIME.parse().unwrap(),
    })
    .await;
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub async fn run_postgres<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Ok(base) = std::env::var(POSTGRES_ENV) else {
        eprintln!("skipped: {POSTGRES_ENV} is not set");
        return;
    };
    let schema = format!(
        "test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut admin = sqlx::PgConnection::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_ENV}={base} is set but unreachable: {e}"));
    sqlx::query(sqlx::AssertSqlSafe(format!("create schema {schema}")))
        .execute(&mut admin)
        .await
        .unwrap();
    let separator = if base.contains('?') { '&' } else { '?' };
    let raw_url = format!("{base}{separator}options[search_path]={schema}");
    let url = DatabaseUrl::parse(&raw_url).unwrap();
    let outcome = match Store::open(&url, Open::CreateIfMissing).await {
        Ok(store) => {
            let db = TestDb {
                store: store.clone(),
                url,
                raw_url,
                at: TEST_TIME.parse().unwrap(),
            };
            // Run on its own task so that a failing test still reaches the clean-up below.
            let result = tokio::spawn(test(db)).await;
            store.close().await;
            result
        }
        Err(error) => {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("drop schema {schema} cascade")))
                .execute(&mut admin)
                .await;
            panic!("opening the store in schema {schema} failed: {error:?}");
        }
    };
    sqlx::query(sqlx::AssertSqlSafe(format!("drop schema {schema} cascade")))
        .execute(&mut admin)
        .await
        .unwrap();
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

/// Declares tests that run once per backend: `backend_tests!(a, b)` for
/// `async fn a(db: TestDb)` makes `a::sqlite` and `a::postgres`.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $crate::harness::run_sqlite(super::$name).await;
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    $crate::harness::run_postgres(super::$name).await;
                }
            }
        )*
    };
}

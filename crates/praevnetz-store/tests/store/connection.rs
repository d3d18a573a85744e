use praevnetz_store::{Backend, DatabaseUrl, Open, Store, StoreError};

use crate::backend_tests;
use crate::harness::TestDb;

backend_tests!(
    opening_twice_applies_nothing_new,
    the_migrations_seed_states_and_problem_categories,
    a_new_database_is_empty,
);

async fn opening_twice_applies_nothing_new(db: TestDb) {
    let version = db.store.schema_version().await.unwrap();
    assert!(version >= 1);
    // Versions need not be contiguous (migrations are written on branches in parallel), so the
    // applied ones are counted rather than compared with the highest.
    let applied = db.raw_count("select count(*) from _sqlx_migrations").await;
    let again = Store::open(&db.url, Open::MustExist).await.unwrap();
    assert_eq!(again.schema_version().await.unwrap(), version);
    assert_eq!(
        db.raw_count("select count(*) from _sqlx_migrations").await,
        applied
    );
    again.close().await;
}

async fn the_migrations_seed_states_and_problem_categories(db: TestDb) {
    assert_eq!(db.raw_count("select count(*) from state").await, 16);
    let counts = db.store.counts().await.unwrap();
    assert_eq!(counts.problem_categories, 21);
}

async fn a_new_database_is_empty(db: TestDb) {
    assert!(db.store.is_empty().await.unwrap());
    let counts = db.store.counts().await.unwrap();
    assert_eq!(counts.districts, 0);
    assert_eq!(counts.persons, 0);
    assert_eq!(counts.audit_events, 0);
}

#[tokio::test]
async fn every_sqlite_connection_uses_wal_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let url =
        DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("p.db").display())).unwrap();
    let store = Store::open(&url, Open::CreateIfMissing).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    // Hold several connections at once so the check covers more than the first one.
    let settings = store.sqlite_connection_settings(4).await.unwrap();
    assert_eq!(settings.len(), 4);
    for (journal, foreign_keys, busy_ms) in settings {
        assert_eq!(journal, "wal");
        assert!(foreign_keys);
        assert!(busy_ms >= 5_000, "{busy_ms}");
    }
}

#[tokio::test]
async fn a_missing_sqlite_file_is_not_created_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.db");
    let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
    let error = Store::open(&url, Open::MustExist).await.unwrap_err();
    assert!(matches!(error, StoreError::Missing { .. }), "{error:?}");
    assert!(!path.exists());
}

#[tokio::test]
async fn an_unreachable_server_gives_a_clear_error() {
    // Port 9 (discard) on loopback: nothing listens there.
    let url = DatabaseUrl::parse("postgres://postgres:secret@127.0.0.1:9/test").unwrap();
    let error = Store::open(&url, Open::CreateIfMissing).await.unwrap_err();
    assert!(matches!(error, StoreError::Connect { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("cannot connect to the postgres database"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
}

#[tokio::test]
async fn a_database_from_a_newer_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let raw = format!("sqlite://{}", dir.path().join("new.db").display());
    let url = DatabaseUrl::parse(&raw).unwrap();
    Store::open(&url, Open::CreateIfMissing)
        .await
        .unwrap()
        .close()
        .await;
    {
        use sqlx::Connection as _;
        let mut conn = sqlx::SqliteConnection::connect(&raw).await.unwrap();
        sqlx::query(
            "insert into _sqlx_migrations (version, description, success, checksum, execution_time) \
             values (999, 'future', true, x'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
    }
    let error = Store::open(&url, Open::MustExist).await.unwrap_err();
    assert!(
        matches!(error, StoreError::SchemaTooNew { found: 999, .. }),
        "{error:?}"
    );
}

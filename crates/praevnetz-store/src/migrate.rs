//! Migrations, embedded in the binary. Each migration exists once per backend under the same
//! name; this list is the one place that pairs them, and a test checks it against the folders.

use std::borrow::Cow;

use futures_core::future::BoxFuture;
use sqlx::SqlSafeStr;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType};

use crate::url::Backend;

/// One migration: version, name, and its SQL for each backend.
pub(crate) struct Embedded {
    pub version: i64,
    pub name: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// All migrations in order. Applied migrations are never edited; changes come as new entries.
pub(crate) const MIGRATIONS: &[Embedded] = &[
    Embedded {
        version: 1,
        name: "initial",
        sqlite: include_str!("../migrations/sqlite/0001_initial.sql"),
        postgres: include_str!("../migrations/postgres/0001_initial.sql"),
    },
    Embedded {
        version: 2,
        name: "sessions",
        sqlite: include_str!("../migrations/sqlite/0002_sessions.sql"),
        postgres: include_str!("../migrations/postgres/0002_sessions.sql"),
    },
    Embedded {
        version: 3,
        name: "practice_search",
        sqlite: include_str!("../migrations/sqlite/0003_practice_search.sql"),
        postgres: include_str!("../migrations/postgres/0003_practice_search.sql"),
    },
    Embedded {
        version: 4,
        name: "boundaries",
        sqlite: include_str!("../migrations/sqlite/0004_boundaries.sql"),
        postgres: include_str!("../migrations/postgres/0004_boundaries.sql"),
    },
    Embedded {
        version: 5,
        name: "password_links",
        sqlite: include_str!("../migrations/sqlite/0005_password_links.sql"),
        postgres: include_str!("../migrations/postgres/0005_password_links.sql"),
    },
    Embedded {
        version: 6,
        name: "name_search",
        sqlite: include_str!("../migrations/sqlite/0006_name_search.sql"),
        postgres: include_str!("../migrations/postgres/0006_name_search.sql"),
    },
    Embedded {
        version: 7,
        name: "calendar_feeds",
        sqlite: include_str!("../migrations/sqlite/0007_calendar_feeds.sql"),
        postgres: include_str!("../migrations/postgres/0007_calendar_feeds.sql"),
    },
    Embedded {
        version: 8,
        name: "round_tables",
        sqlite: include_str!("../migrations/sqlite/0008_round_tables.sql"),
        postgres: include_str!("../migrations/postgres/0008_round_tables.sql"),
    },
    Embedded {
        version: 9,
        name: "meeting_ties",
        sqlite: include_str!("../migrations/sqlite/0009_meeting_ties.sql"),
        postgres: include_str!("../migrations/postgres/0009_meeting_ties.sql"),
    },
    Embedded {
        version: 10,
        name: "topic_pipeline",
        sqlite: include_str!("../migrations/sqlite/0010_topic_pipeline.sql"),
        postgres: include_str!("../migrations/postgres/0010_topic_pipeline.sql"),
    },
];

/// The migrations of one backend, as sqlx wants them.
#[derive(Debug)]
pub(crate) struct Source(pub Backend);

impl MigrationSource<'static> for Source {
    fn resolve(self) -> BoxFuture<'static, Result<Vec<Migration>, BoxDynError>> {
        let migrations = MIGRATIONS
            .iter()
            .map(|m| {
                let sql = match self.0 {
                    Backend::Sqlite => m.sqlite,
                    Backend::Postgres => m.postgres,
                };
                Migration::new(
                    m.version,
                    Cow::Borrowed(m.name),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect();
        Box::pin(async move { Ok(migrations) })
    }
}

/// Version and checksum of every SQLite migration (backups are SQLite files), to recognise a
/// praevnetz database.
pub(crate) fn checksums() -> Vec<(i64, Vec<u8>)> {
    MIGRATIONS
        .iter()
        .map(|m| {
            let migration = Migration::new(
                m.version,
                Cow::Borrowed(m.name),
                MigrationType::Simple,
                m.sqlite.into_sql_str(),
                false,
            );
            (m.version, migration.checksum.into_owned())
        })
        .collect()
}

/// The highest version this program knows.
pub(crate) fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(backend: &str) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(backend);
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn both_backends_have_the_same_migration_names() {
        assert_eq!(names("sqlite"), names("postgres"));
    }

    #[test]
    fn every_migration_file_is_embedded_in_order() {
        let embedded: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{:04}_{}.sql", m.version, m.name))
            .collect();
        assert_eq!(names("sqlite"), embedded);
        assert!(MIGRATIONS.windows(2).all(|w| w[0].version < w[1].version));
    }
}

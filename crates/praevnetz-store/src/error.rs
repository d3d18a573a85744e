//! The store's one error type.

use std::path::PathBuf;
use std::sync::LazyLock;

use praevnetz_domain::audit::EntityKind;
use praevnetz_domain::error::{Field, Rule, ValidationError};
use praevnetz_domain::i18n::{Args, Catalog, DOMAIN_SOURCES, Lang, Localize};
use praevnetz_domain::import::ImportErrors;

use crate::backup::BackupProblem;
use crate::url::Backend;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL's scheme names no supported backend.
    #[error(
        "unsupported database URL '{url}': use sqlite://PATH (for example sqlite://praevnetz.db) \
         or postgres://USER@HOST/DATABASE"
    )]
    UnsupportedUrl {
        /// The URL without password.
        url: String,
    },
    /// The SQLite file does not exist and the command may not create it.
    #[error("there is no database at {path}; create it with `praevnetz init`")]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// The server cannot be reached or refused the login.
    #[error("cannot connect to the {backend} database at {url}")]
    Connect {
        /// Backend.
        backend: Backend,
        /// The URL without password.
        url: String,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// Applying migrations failed.
    #[error("cannot bring the database schema up to date")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    /// The database holds migrations this program does not know: it was written by a newer
    /// praevnetz.
    #[error(
        "the database was written by a newer version of praevnetz (schema version {found}, \
         this program knows up to {known}); use the newer version"
    )]
    SchemaTooNew {
        /// Highest applied version.
        found: i64,
        /// Highest known version.
        known: i64,
    },
    /// A record to update or delete does not exist.
    #[error("{} {id} does not exist", entity.code())]
    NotFound {
        /// Kind.
        entity: EntityKind,
        /// Id.
        id: i64,
    },
    /// The database refused the change because a rule was broken (unique key, reference,
    /// check), told as a field error.
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    /// A stored value does not fit the domain's rules (edited by hand or by a foreign tool).
    #[error("stored {entity} {id} is invalid: {problem}")]
    Corrupt {
        /// Kind.
        entity: &'static str,
        /// Id.
        id: i64,
        /// What is wrong.
        problem: String,
    },
    /// The database holds data, and the operation wants an empty one.
    #[error("the database holds data already")]
    NotEmpty,
    /// An import was refused; nothing was written.
    #[error("{0}")]
    Import(ImportErrors),
    /// A backup or restore could not be carried out.
    #[error("{}", backup_message(.0, Lang::En))]
    Backup(BackupProblem),
    /// A file could not be read or written.
    #[error("cannot access {}", .0.display())]
    Io(PathBuf, #[source] std::io::Error),
    /// Any other database failure.
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl StoreError {
    /// A field error.
    pub fn invalid(field: Field, rule: Rule) -> StoreError {
        StoreError::Invalid(rule.at(field))
    }

    /// Whether the error is the user's (bad input) rather than the system's.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::UnsupportedUrl { .. }
                | StoreError::Missing { .. }
                | StoreError::NotFound { .. }
                | StoreError::Invalid(_)
                | StoreError::Import(_)
                | StoreError::NotEmpty
                | StoreError::Backup(_)
                | StoreError::Io(..)
        )
    }
}

/// The store's Fluent sources, for catalogues of the crates above.
pub const STORE_SOURCES: [(Lang, &str); 2] = [
    (Lang::De, include_str!("../i18n/de.ftl")),
    (Lang::En, include_str!("../i18n/en.ftl")),
];

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let [domain_de, domain_en] = DOMAIN_SOURCES;
    let [store_de, store_en] = STORE_SOURCES;
    Catalog::from_sources(&[domain_de, domain_en, store_de, store_en])
});

/// The catalogue of domain and store messages.
pub fn catalog() -> &'static Catalog {
    &CATALOG
}

impl Localize for StoreError {
    fn localize(&self, lang: Lang) -> String {
        let cat = catalog();
        match self {
            StoreError::Invalid(error) => error.localize(lang),
            StoreError::UnsupportedUrl { url } => cat.message(
                lang,
                "store-unsupported-url",
                &Args::new().text("url", url.clone()),
            ),
            StoreError::Missing { path } => cat.message(
                lang,
                "store-missing",
                &Args::new().text("path", path.display().to_string()),
            ),
            StoreError::Connect { backend, url, .. } => cat.message(
                lang,
                "store-connect",
                &Args::new()
                    .text("backend", backend.name())
                    .text("url", url.clone()),
            ),
            StoreError::Migrate(_) => cat.message(lang, "store-migrate", &Args::new()),
            StoreError::SchemaTooNew { found, known } => cat.message(
                lang,
                "store-schema-too-new",
                &Args::new()
                    .text("found", found.to_string())
                    .text("known", known.to_string()),
            ),
            StoreError::NotFound { entity, id } => cat.message(
                lang,
                "store-not-found",
                &Args::new()
                    .text("entity", entity.label(lang))
                    .text("id", id.to_string()),
            ),
            StoreError::Corrupt {
                entity,
                id,
                problem,
            } => cat.message(
                lang,
                "store-corrupt",
                &Args::new()
                    .text("entity", *entity)
                    .text("id", id.to_string())
                    .text("problem", problem.clone()),
            ),
            StoreError::Import(errors) => errors.localize(lang),
            StoreError::NotEmpty => cat.message(lang, "store-not-empty", &Args::new()),
            StoreError::Backup(problem) => backup_message(problem, lang),
            StoreError::Io(path, error) => cat.message(
                lang,
                "store-io",
                &Args::new()
                    .text("path", path.display().to_string())
                    .text("reason", error.to_string()),
            ),
            StoreError::Database(_) => cat.message(lang, "store-database", &Args::new()),
        }
    }
}

fn backup_message(problem: &BackupProblem, lang: Lang) -> String {
    let path = |p: &std::path::Path| p.display().to_string();
    let (id, args) = match problem {
        BackupProblem::TargetExists(p) => {
            ("store-backup-exists", Args::new().text("path", path(p)))
        }
        BackupProblem::SameFile(p) => ("store-backup-same-file", Args::new().text("path", path(p))),
        BackupProblem::SourceMissing(p) => {
            ("store-restore-missing", Args::new().text("path", path(p)))
        }
        BackupProblem::NotSqlite(p) => (
            "store-restore-not-sqlite",
            Args::new().text("path", path(p)),
        ),
        BackupProblem::Damaged(p, detail) => (
            "store-restore-damaged",
            Args::new()
                .text("path", path(p))
                .text("detail", detail.clone()),
        ),
        BackupProblem::NotPraevnetz(p) => (
            "store-restore-not-praevnetz",
            Args::new().text("path", path(p)),
        ),
        BackupProblem::PostgresBackup { target, file } => (
            "store-backup-postgres",
            pg_args(target).text("path", path(file)),
        ),
        BackupProblem::PostgresRestore { target, file } => (
            "store-restore-postgres",
            pg_args(target).text("path", path(file)),
        ),
        BackupProblem::NoDirectory(p) => (
            "store-backup-no-directory",
            Args::new().text("path", path(p)),
        ),
    };
    let text = catalog().message(lang, id, &args);
    match problem {
        BackupProblem::PostgresBackup { target, .. }
        | BackupProblem::PostgresRestore { target, .. }
            if target.password =>
        {
            let note = catalog().message(lang, "store-pg-password", &Args::new());
            format!("{text} {note}")
        }
        _ => text,
    }
}

/// The arguments of the messages that point to PostgreSQL's tools.
fn pg_args(target: &crate::backup::PgTarget) -> Args<'static> {
    let schema = target
        .schema
        .as_ref()
        .map(|s| format!(" --schema={s}"))
        .unwrap_or_default();
    Args::new()
        .text("url", target.url.clone())
        .text("schema", schema)
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::Database(error)
    }
}

/// How a failed write maps to a field error: which field a broken reference or a duplicate key
/// concerns, and the key's value for the message.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Violation<'a> {
    /// Field for a foreign-key violation (a referenced record is missing).
    pub reference: Field,
    /// Field for a unique violation.
    pub unique: Field,
    /// The value named in the message.
    pub key: &'a str,
}

/// Whether the database refused a write because a referenced row is missing or a referencing
/// row restricts a delete. SQLite reports restricting deletes as a trigger constraint, so the
/// message is checked as well as the kind.
pub(crate) fn is_foreign_key_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().is_some_and(|db| {
        db.kind() == sqlx::error::ErrorKind::ForeignKeyViolation
            || db.message().contains("FOREIGN KEY constraint failed")
    })
}

impl Violation<'_> {
    /// Maps database constraint errors to field errors; passes anything else on.
    pub(crate) fn map(self, error: sqlx::Error) -> StoreError {
        let Some(db) = error.as_database_error() else {
            return StoreError::Database(error);
        };
        let key = self.key.to_owned();
        if db.kind() == sqlx::error::ErrorKind::UniqueViolation {
            StoreError::invalid(self.unique, Rule::AlreadyExists { key })
        } else if is_foreign_key_violation(&error) {
            StoreError::invalid(self.reference, Rule::UnknownReference { key })
        } else {
            StoreError::Database(error)
        }
    }
}

/// Maps a failed delete: a restricting reference means the record is still in use.
pub(crate) fn map_delete(error: sqlx::Error, field: Field) -> StoreError {
    if is_foreign_key_violation(&error) {
        StoreError::invalid(field, Rule::InUse)
    } else {
        StoreError::Database(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_messages_exist_in_both_languages() {
        let cat = catalog();
        assert!(cat.problems().is_empty(), "{:?}", cat.problems());
        assert_eq!(cat.ids(Lang::De), cat.ids(Lang::En));
        let samples = [
            StoreError::UnsupportedUrl { url: "x".into() },
            StoreError::Missing {
                path: "x.db".into(),
            },
            StoreError::SchemaTooNew { found: 9, known: 1 },
            StoreError::NotFound {
                entity: EntityKind::Person,
                id: 7,
            },
            StoreError::Corrupt {
                entity: "person",
                id: 7,
                problem: "x".into(),
            },
            StoreError::Database(sqlx::Error::PoolClosed),
        ];
        for error in samples {
            for lang in Lang::ALL {
                let text = error.localize(lang);
                assert!(!text.starts_with('[') && !text.contains("{ $"), "{text}");
            }
        }
        assert_eq!(
            StoreError::NotFound {
                entity: EntityKind::Person,
                id: 7
            }
            .localize(Lang::De),
            "Person 7 existiert nicht"
        );
    }
}

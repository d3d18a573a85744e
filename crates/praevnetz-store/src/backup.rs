//! Backups of the embedded SQLite database: a consistent copy while the database is in use
//! (`VACUUM INTO`), and restoring such a copy after checking it. PostgreSQL databases are backed
//! up with PostgreSQL's own tools; the store says how instead of pretending.

use std::path::{Path, PathBuf};

use praevnetz_domain::audit::{AuditAction, ChangeContext, EntityKind};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection as _, SqliteConnection};

use crate::error::StoreError;
use crate::{Open, Pool, Store, migrate};

/// Why a backup or restore cannot be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "built once per failed command; boxing would only add noise"
)]
pub enum BackupProblem {
    /// The target file exists and overwriting was not asked for.
    TargetExists(PathBuf),
    /// The target is the database itself.
    SameFile(PathBuf),
    /// The backup file does not exist.
    SourceMissing(PathBuf),
    /// The file is not a SQLite database.
    NotSqlite(PathBuf),
    /// The file is a damaged SQLite database.
    Damaged(PathBuf, String),
    /// The file is a SQLite database, but not one of praevnetz.
    NotPraevnetz(PathBuf),
    /// The database runs on PostgreSQL: use `pg_dump`.
    PostgresBackup { target: PgTarget, file: PathBuf },
    /// The database runs on PostgreSQL: use `pg_restore`.
    PostgresRestore { target: PgTarget, file: PathBuf },
    /// The directory for the backup does not exist.
    NoDirectory(PathBuf),
}

/// What PostgreSQL's own tools need to reach the database: the URL in libpq's form (without the
/// password and without sqlx's own `options[…]` parameters), the schema if one was chosen, and
/// whether a password was given (the tools take it from `PGPASSWORD` or `~/.pgpass`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PgTarget {
    /// `postgres://user@host:port/database` with libpq parameters only.
    pub url: String,
    /// The schema of `options[search_path]=…` or `options=-c search_path=…`.
    pub schema: Option<String>,
    /// Whether the URL carried a password.
    pub password: bool,
}

impl PgTarget {
    /// Derives the tools' target from praevnetz's database URL.
    pub fn from_url(raw: &str) -> PgTarget {
        let Ok(mut url) = url::Url::parse(raw) else {
            return PgTarget {
                url: "postgres://…".to_owned(),
                schema: None,
                password: false,
            };
        };
        let mut password = url.password().is_some();
        let _ = url.set_password(None);
        let mut schema = None;
        let mut kept = Vec::new();
        for (key, value) in url.query_pairs() {
            let key_lower = key.to_ascii_lowercase();
            if key_lower == "options[search_path]" {
                schema = Some(value.into_owned());
            } else if key_lower == "options" {
                if let Some(rest) = value.split("search_path=").nth(1) {
                    schema = rest.split_whitespace().next().map(str::to_owned);
                }
            } else if key_lower.starts_with("options[") {
                // Other sqlx connection options mean nothing to pg_dump.
            } else if key_lower == "password" {
                password = true;
            } else {
                kept.push((key.into_owned(), value.into_owned()));
            }
        }
        if kept.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(kept);
        }
        PgTarget {
            url: url.to_string(),
            schema,
            password,
        }
    }
}

/// What a backup wrote.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BackupInfo {
    /// The file.
    pub file: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The schema version it holds.
    pub schema_version: i64,
}

fn backup_error(problem: BackupProblem) -> StoreError {
    StoreError::Backup(problem)
}

impl Store {
    /// Writes a consistent copy of the database to `target` while it may be in use.
    pub async fn backup(&self, target: &Path, overwrite: bool) -> Result<BackupInfo, StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(backup_error(BackupProblem::PostgresBackup {
                target: PgTarget::from_url(self.url.expose()),
                file: target.to_owned(),
            }));
        };
        if let Some(own) = self.url.sqlite_path()
            && same_file(&own, target)
        {
            return Err(backup_error(BackupProblem::SameFile(target.to_owned())));
        }
        if target.exists() && !overwrite {
            return Err(backup_error(BackupProblem::TargetExists(target.to_owned())));
        }
        let directory = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        if !directory.is_dir() {
            return Err(backup_error(BackupProblem::NoDirectory(
                directory.to_owned(),
            )));
        }
        // Written to a fresh file beside the target and renamed at the end, so that an
        // interrupted backup never leaves a half-written file under the target's name. The
        // name is new (process and time), and only that file is ever removed.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let partial = directory.join(format!(
            ".praevnetz-backup-{}-{nanos}.partial",
            std::process::id()
        ));
        let written = sqlx::query("vacuum into $1")
            .bind(partial.to_string_lossy().into_owned())
            .execute(pool)
            .await;
        if let Err(error) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(error.into());
        }
        std::fs::rename(&partial, target).map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            StoreError::Io(target.to_owned(), e)
        })?;
        let bytes = std::fs::metadata(target)
            .map_err(|e| StoreError::Io(target.to_owned(), e))?
            .len();
        Ok(BackupInfo {
            file: target.to_owned(),
            bytes,
            schema_version: self.schema_version().await?,
        })
    }

    /// Replaces all data with the contents of a backup written by [`Store::backup`]. The backup
    /// is checked first (a SQLite file, intact, written by praevnetz with a schema this program
    /// knows); an older schema is brought up to date on a copy. Everything happens in one
    /// transaction, so the database is never half restored.
    pub async fn restore(&self, ctx: &ChangeContext, source: &Path) -> Result<i64, StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(backup_error(BackupProblem::PostgresRestore {
                target: PgTarget::from_url(self.url.expose()),
                file: source.to_owned(),
            }));
        };
        let version = check_backup(source).await?;
        let workdir = tempdir_near(self.url.sqlite_path().as_deref())?;
        let copy = workdir.join("restore.db");
        std::fs::copy(source, &copy).map_err(|e| StoreError::Io(source.to_owned(), e))?;
        if version < migrate::latest_version() {
            let url = crate::DatabaseUrl::parse(&format!("sqlite://{}", copy.display()))?;
            Store::open(&url, Open::MustExist).await?.close().await;
        }
        let result = copy_into(pool, ctx, &copy, source).await;
        let _ = std::fs::remove_dir_all(&workdir);
        result?;
        self.schema_version().await
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A fresh directory beside the database (same file system) for the working copy.
fn tempdir_near(database: Option<&Path>) -> Result<PathBuf, StoreError> {
    let base = database
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(std::env::temp_dir, Path::to_path_buf);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = base.join(format!(".praevnetz-restore-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::Io(dir.clone(), e))?;
    Ok(dir)
}

/// Checks that `source` is an intact praevnetz database and returns its schema version.
async fn check_backup(source: &Path) -> Result<i64, StoreError> {
    if !source.is_file() {
        return Err(backup_error(BackupProblem::SourceMissing(
            source.to_owned(),
        )));
    }
    let options = SqliteConnectOptions::new()
        .filename(source)
        .read_only(true)
        .create_if_missing(false);
    let not_sqlite = || backup_error(BackupProblem::NotSqlite(source.to_owned()));
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|_| not_sqlite())?;
    let integrity: String = sqlx::query_scalar("pragma integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|_| not_sqlite())?;
    if integrity != "ok" {
        return Err(backup_error(BackupProblem::Damaged(
            source.to_owned(),
            integrity,
        )));
    }
    let applied: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "select version, checksum from _sqlx_migrations where success order by version",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(|_| backup_error(BackupProblem::NotPraevnetz(source.to_owned())))?;
    conn.close().await?;
    let known = migrate::checksums();
    for (version, checksum) in &applied {
        match known.iter().find(|(v, _)| v == version) {
            Some((_, ours)) if ours == checksum => {}
            Some(_) => return Err(backup_error(BackupProblem::NotPraevnetz(source.to_owned()))),
            None => {
                return Err(StoreError::SchemaTooNew {
                    found: *version,
                    known: migrate::latest_version(),
                });
            }
        }
    }
    applied
        .last()
        .map(|(v, _)| *v)
        .ok_or_else(|| backup_error(BackupProblem::NotPraevnetz(source.to_owned())))
}

/// Replaces the data of `pool`'s database with those of the database file `copy`.
async fn copy_into(
    pool: &sqlx::SqlitePool,
    ctx: &ChangeContext,
    copy: &Path,
    source: &Path,
) -> Result<(), StoreError> {
    let mut conn = pool.acquire().await?;
    sqlx::query("attach database $1 as backup")
        .bind(copy.to_string_lossy().into_owned())
        .execute(&mut *conn)
        .await?;
    let result = async {
        use crate::sqlite::ops::{audit, reset};
        let mut tx = conn.begin().await?;
        reset::delete_all(&mut tx).await?;
        for table in reset::SETTINGS {
            let sql = sqlx::AssertSqlSafe(format!("delete from main.{table}"));
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        // Parents before children, the reverse of the deletion order.
        for table in reset::SETTINGS.iter().chain(reset::TABLES).rev() {
            let sql = sqlx::AssertSqlSafe(format!(
                "insert into main.{table} select * from backup.{table}"
            ));
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        // The audit log is append-only: it keeps its own history. A database that has none yet
        // (a new installation restoring its backup) takes over the backup's.
        let own: bool = sqlx::query_scalar("select exists (select 1 from main.audit_event)")
            .fetch_one(&mut *tx)
            .await?;
        if !own {
            sqlx::query("insert into main.audit_event select * from backup.audit_event")
                .execute(&mut *tx)
                .await?;
        }
        audit::record(
            &mut tx,
            ctx,
            AuditAction::Restore,
            EntityKind::Database,
            None,
            &format!("restored from {}", source.display()),
        )
        .await?;
        tx.commit().await?;
        Ok::<(), StoreError>(())
    }
    .await;
    sqlx::query("detach database backup")
        .execute(&mut *conn)
        .await?;
    result
}

#[cfg(test)]
mod tests {
    use super::PgTarget;

    #[test]
    fn the_postgres_tools_get_a_url_they_understand() {
        let target = PgTarget::from_url(
            "postgres://praevnetz:geheim@db.example:5433/land?options[search_path]=sachsen&sslmode=require",
        );
        assert_eq!(
            target.url,
            "postgres://praevnetz@db.example:5433/land?sslmode=require"
        );
        assert_eq!(target.schema.as_deref(), Some("sachsen"));
        assert!(target.password);
        let plain = PgTarget::from_url("postgres://postgres@127.0.0.1/test");
        assert_eq!(plain.url, "postgres://postgres@127.0.0.1/test");
        assert_eq!((plain.schema, plain.password), (None, false));
        let libpq =
            PgTarget::from_url("postgres://u@h/d?options=-c%20search_path%3Dkreis&password=x");
        assert_eq!(libpq.schema.as_deref(), Some("kreis"));
        assert!(libpq.password);
        assert!(!libpq.url.contains('x') || !libpq.url.contains("password"));
    }
}

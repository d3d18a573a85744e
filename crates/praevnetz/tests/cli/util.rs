//! Running the binary and looking at what it did.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary working directory with its own database.
pub struct Dir {
    pub dir: tempfile::TempDir,
    pub database: String,
}

impl Dir {
    pub fn new() -> Dir {
        let dir = tempfile::tempdir().unwrap();
        let database = format!("sqlite://{}", dir.path().join("praevnetz.db").display());
        Dir { dir, database }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Runs `praevnetz --database <own> <args>` in German.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(&self.database, "de", args)
    }

    /// Runs with another database URL and language.
    pub fn run_in(&self, database: &str, lang: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
            .current_dir(self.dir.path())
            .env_remove("PRAEVNETZ_DATABASE_URL")
            .env_remove("PRAEVNETZ_CONFIG")
            .env_remove("PRAEVNETZ_BIND")
            .env("PRAEVNETZ_LANG", lang)
            .env("LANG", "C.UTF-8")
            .arg("--database")
            .arg(database)
            .args(args)
            .output()
            .unwrap();
        Run::from(args, &output)
    }

    /// `stats --format json` of the own database.
    pub fn stats(&self) -> serde_json::Value {
        self.run(&["stats", "--format", "json"]).ok().json()
    }
}

/// What a run printed and returned.
pub struct Run {
    pub args: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(args: &[&str], output: &Output) -> Run {
        Run {
            args: args.join(" "),
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn describe(&self) -> String {
        format!(
            "praevnetz {}\nexit code {}\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }

    /// Asserts success.
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "{}", self.describe());
        self
    }

    /// Asserts the exit code.
    pub fn code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "{}", self.describe());
        self
    }

    /// Asserts that standard error contains every fragment.
    pub fn stderr_has(self, fragments: &[&str]) -> Run {
        for fragment in fragments {
            assert!(
                self.stderr.contains(fragment),
                "missing {fragment:?} in\n{}",
                self.describe()
            );
        }
        self
    }

    /// Asserts that standard output contains every fragment.
    pub fn stdout_has(self, fragments: &[&str]) -> Run {
        for fragment in fragments {
            assert!(
                self.stdout.contains(fragment),
                "missing {fragment:?} in\n{}",
                self.describe()
            );
        }
        self
    }

    /// Standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.describe()))
    }
}

/// The repository's data directory.
pub fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(path)
}

/// A PostgreSQL schema of its own for one test, dropped at the end (also when the test fails).
pub struct PgSchema {
    base: String,
    schema: String,
    pub url: String,
}

impl PgSchema {
    /// `None` (and a note on stderr) when `PRAEVNETZ_TEST_POSTGRES_URL` is not set.
    pub fn new(name: &str) -> Option<PgSchema> {
        let Ok(base) = std::env::var("PRAEVNETZ_TEST_POSTGRES_URL") else {
            eprintln!("skipped: PRAEVNETZ_TEST_POSTGRES_URL is not set");
            return None;
        };
        let schema = format!("cli_{name}_{}", std::process::id());
        psql(
            &base,
            &format!("drop schema if exists {schema} cascade; create schema {schema}"),
        );
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{separator}options[search_path]={schema}");
        Some(PgSchema { base, schema, url })
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        psql(
            &self.base,
            &format!("drop schema if exists {} cascade", self.schema),
        );
    }
}

fn psql(url: &str, sql: &str) {
    let status = Command::new("psql")
        .args([url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .env("PGOPTIONS", "--client-min-messages=warning")
        .status()
        .expect("psql must be installed to run the PostgreSQL tests (scripts/test installs it)");
    assert!(status.success(), "psql failed: {sql}");
}

//! Database URLs: the scheme picks the backend; anything else is an error, never a silently
//! created file.

use std::fmt;
use std::path::PathBuf;

use crate::error::StoreError;

/// The database systems praevnetz runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// Embedded SQLite file (the default).
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Backend {
    /// Lower-case name.
    pub const fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A parsed database URL.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    backend: Backend,
    url: String,
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    /// Shows the URL without its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl DatabaseUrl {
    /// The URL used when none is given: `praevnetz.db` in the working directory.
    pub const DEFAULT: &'static str = "sqlite://praevnetz.db";

    /// Reads `sqlite://PATH`, `sqlite:PATH`, `postgres://…` or `postgresql://…`.
    pub fn parse(input: &str) -> Result<DatabaseUrl, StoreError> {
        let url = input.trim();
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let backend = match scheme.as_deref() {
            Some("sqlite") => Backend::Sqlite,
            Some("postgres" | "postgresql") => Backend::Postgres,
            _ => {
                return Err(StoreError::UnsupportedUrl { url: redact(url) });
            }
        };
        let parsed = DatabaseUrl {
            backend,
            url: url.to_owned(),
        };
        if backend == Backend::Sqlite && parsed.sqlite_path().is_none() {
            return Err(StoreError::UnsupportedUrl { url: redact(url) });
        }
        Ok(parsed)
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The full URL, password included: only for connecting.
    pub(crate) fn expose(&self) -> &str {
        &self.url
    }

    /// The URL without password, for messages and logs.
    pub fn redacted(&self) -> String {
        redact(&self.url)
    }

    /// For SQLite, the file path (`None` for `sqlite::memory:`, which praevnetz refuses because
    /// each pool connection would see its own empty database).
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = self.url.split_once(':').map_or("", |(_, r)| r);
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next().unwrap_or_default();
        if path.is_empty() || path == ":memory:" {
            None
        } else {
            Some(PathBuf::from(path))
        }
    }
}

/// Query parameters that carry secrets in PostgreSQL URLs (libpq and sqlx spellings).
const SECRET_PARAMETERS: [&str; 3] = ["password", "sslpassword", "passfile"];

/// The URL without secrets: the password of the user part and any password parameter are
/// replaced by `***`. Of a URL that does not parse, everything up to the last `@` (where a user
/// and password would be) is hidden.
fn redact(input: &str) -> String {
    let Ok(mut url) = url::Url::parse(input) else {
        return match input.rsplit_once('@') {
            Some((_, host)) => format!("***@{host}"),
            None => input.to_owned(),
        };
    };
    if url.password().is_some() {
        // Setting a password fails only for URLs that cannot have one, which have none.
        let _ = url.set_password(Some("***"));
    }
    let secret = |key: &str| SECRET_PARAMETERS.contains(&key.to_ascii_lowercase().as_str());
    if url.query_pairs().any(|(key, _)| secret(&key)) {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(key, value)| {
                let value = if secret(&key) {
                    "***".to_owned()
                } else {
                    value.into_owned()
                };
                (key.into_owned(), value)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string().replace("%2A%2A%2A", "***")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db").unwrap().backend(),
            Backend::Sqlite
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://postgres@127.0.0.1/test")
                .unwrap()
                .backend(),
            Backend::Postgres
        );
    }

    #[test]
    fn sqlite_paths_are_absolute_or_relative() {
        let path = |u: &str| DatabaseUrl::parse(u).unwrap().sqlite_path().unwrap();
        assert_eq!(path("sqlite:///tmp/x.db"), PathBuf::from("/tmp/x.db"));
        assert_eq!(path("sqlite://praevnetz.db"), PathBuf::from("praevnetz.db"));
        assert_eq!(
            path("sqlite:data/p.db?mode=rwc"),
            PathBuf::from("data/p.db")
        );
    }

    #[test]
    fn unknown_schemes_and_memory_databases_are_refused() {
        for bad in [
            "mysql://root@localhost/x",
            "/tmp/x.db",
            "x.db",
            "",
            "sqlite::memory:",
        ] {
            assert!(
                matches!(
                    DatabaseUrl::parse(bad),
                    Err(StoreError::UnsupportedUrl { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn passwords_never_reach_messages() {
        let url = DatabaseUrl::parse("postgres://praevnetz:geheim@db.example/praevnetz").unwrap();
        assert_eq!(
            url.to_string(),
            "postgres://praevnetz:***@db.example/praevnetz"
        );
        let error = DatabaseUrl::parse("mysql://root:geheim@localhost/x").unwrap_err();
        assert!(!error.to_string().contains("geheim"));
    }
}

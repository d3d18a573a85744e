//! Settings, layered: built-in defaults, then the configuration file, then `PRAEVNETZ_*`
//! environment variables, then command-line flags (clap merges the last two).

use std::net::SocketAddr;
use std::path::Path;

use praevnetz_domain::i18n::{Args, Lang};
use praevnetz_store::DatabaseUrl;
use serde::Deserialize;

use crate::cli::{Cli, Command};
use crate::messages;
use crate::report::UserError;

/// Where the server listens unless told otherwise: only this machine.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// The configuration file's contents. Unknown keys are errors, so a typo cannot silently fall
/// back to a default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database: Option<String>,
    lang: Option<String>,
    log: Option<String>,
    #[serde(default)]
    server: FileServer,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileServer {
    bind: Option<SocketAddr>,
    secure_cookies: Option<bool>,
    session_hours: Option<u32>,
    exact_limit: Option<u64>,
}

/// Resolved settings.
#[derive(Debug)]
pub struct Settings {
    /// The database.
    pub database: DatabaseUrl,
    /// The server's address.
    pub bind: SocketAddr,
    /// The web application's settings.
    pub web: praevnetz_web::WebSettings,
    /// Log filter (`PRAEVNETZ_LOG` or the file's `log`).
    pub log: Option<String>,
    /// Language of messages.
    pub lang: Lang,
}

impl Settings {
    pub fn resolve(cli: &Cli) -> anyhow::Result<Settings> {
        // Messages about the file itself are told in the language known before reading it.
        let early = language(cli.lang.as_deref(), None);
        let file = match &cli.config {
            Some(path) => read_file(path, early)?,
            None => FileSettings::default(),
        };
        let database = cli
            .database
            .clone()
            .or(file.database)
            .unwrap_or_else(|| DatabaseUrl::DEFAULT.to_owned());
        let database = DatabaseUrl::parse(&database)?;
        let flag_bind = match &cli.command {
            Command::Serve { bind, .. } => *bind,
            _ => None,
        };
        let default_bind: SocketAddr = DEFAULT_BIND.parse()?;
        let bind = flag_bind.or(file.server.bind).unwrap_or(default_bind);
        let log = std::env::var("PRAEVNETZ_LOG").ok().or(file.log);
        let file_lang = file
            .lang
            .as_deref()
            .map(|tag| {
                Lang::from_tag(tag).ok_or_else(|| UserError {
                    message: messages::text_with(
                        early,
                        "cli-config-lang",
                        &Args::new().text("found", tag),
                    ),
                })
            })
            .transpose()?;
        let defaults = praevnetz_web::WebSettings::default();
        let web = praevnetz_web::WebSettings {
            secure_cookies: file
                .server
                .secure_cookies
                .unwrap_or(defaults.secure_cookies),
            session_hours: file
                .server
                .session_hours
                .unwrap_or(defaults.session_hours)
                .clamp(1, 24 * 30),
            exact_limit: file.server.exact_limit.unwrap_or(defaults.exact_limit),
        };
        Ok(Settings {
            database,
            bind,
            web,
            log,
            lang: language(cli.lang.as_deref(), file_lang),
        })
    }
}

fn read_file(path: &Path, lang: Lang) -> Result<FileSettings, UserError> {
    let problem = |id: &str, detail: String| UserError {
        message: messages::text_with(
            lang,
            id,
            &Args::new()
                .text("path", path.display().to_string())
                .text("detail", detail),
        ),
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| problem("cli-config-unreadable", e.to_string()))?;
    toml::from_str(&text).map_err(|e| problem("cli-config-invalid", e.to_string()))
}

/// The language of messages: `--lang`/`PRAEVNETZ_LANG`, else the configuration file's, else
/// the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) if it is German or English, else German.
pub fn language(flag: Option<&str>, file: Option<Lang>) -> Lang {
    if let Some(lang) = flag.and_then(Lang::from_tag).or(file) {
        return lang;
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::from_tag(&value))
        .unwrap_or_default()
}

/// Logs go to standard error; the server logs requests at `info`, other commands only warnings.
pub fn init_logging(command: &Command, filter: Option<&str>) {
    let default = match command {
        Command::Serve { .. } => "info",
        _ => "warn",
    };
    let filter = tracing_subscriber::EnvFilter::try_new(filter.unwrap_or(default))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_configuration_names_every_key_and_parses() {
        let text = include_str!("../../../docs/praevnetz.example.toml");
        let file: FileSettings = toml::from_str(text).unwrap();
        assert!(file.database.is_some() && file.lang.is_some() && file.log.is_some());
        assert!(file.server.bind.is_some());
        assert_eq!(file.server.secure_cookies, Some(true));
        assert_eq!(file.server.session_hours, Some(12));
        assert_eq!(
            file.server.exact_limit,
            Some(praevnetz_domain::network::analysis::EXACT_LIMIT)
        );
    }
}

//! Command-line arguments.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// praevnetz – the working platform of municipal crime-prevention networks.
///
/// Data live in a SQLite file (default `praevnetz.db` in the working directory) or in
/// PostgreSQL. German is the default language; `--lang en` or `LANG=en_…` switch to English.
#[derive(Debug, Parser)]
#[command(name = "praevnetz", version, max_term_width = 100)]
pub struct Cli {
    #[arg(
        long,
        global = true,
        env = "PRAEVNETZ_DATABASE_URL",
        value_name = "URL",
        help = "Database: sqlite://PATH (default sqlite://praevnetz.db) or \
                postgres://USER@HOST/DATABASE"
    )]
    pub database: Option<String>,

    /// Output format where a command prints data
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Language of messages: de or en
    #[arg(long, global = true, env = "PRAEVNETZ_LANG", value_name = "LANG")]
    pub lang: Option<String>,

    /// Configuration file (TOML); see docs/praevnetz.example.toml
    #[arg(long, global = true, env = "PRAEVNETZ_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// How data are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Text,
    /// JSON for programs.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database or bring its schema up to date (running it twice changes nothing)
    Init,
    /// Count the records of every kind
    Stats,
    /// Serve the web application
    Serve {
        /// Address to listen on
        #[arg(long, env = "PRAEVNETZ_BIND", value_name = "ADDR")]
        bind: Option<SocketAddr>,
    },
}

//! Command-line arguments.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use praevnetz_domain::import::ImportKind;

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

    /// Output format where a command prints data (text, json; csv for tables; graphml, gexf
    /// for exports)
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,

    /// Language of messages: de or en
    #[arg(
        long,
        global = true,
        env = "PRAEVNETZ_LANG",
        value_name = "LANG",
        value_parser = ["de", "en"]
    )]
    pub lang: Option<String>,

    /// Configuration file (TOML); see docs/praevnetz.example.toml
    #[arg(long, global = true, env = "PRAEVNETZ_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// The word for importing a whole directory.
pub const DIRECTORY: &str = "directory";

/// The word for importing municipality boundaries (GeoJSON).
pub const BOUNDARIES: &str = "boundaries";

fn import_kinds() -> clap::builder::PossibleValuesParser {
    let mut values: Vec<&'static str> = ImportKind::ALL.iter().map(|k| k.code()).collect();
    values.push(DIRECTORY);
    values.push(BOUNDARIES);
    clap::builder::PossibleValuesParser::new(values)
}

/// How data are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Text,
    /// JSON for programs.
    Json,
    /// CSV for spreadsheets, where a command prints a table (analyze, stats).
    Csv,
    /// GraphML, for Gephi, NetworkX, yEd (export).
    Graphml,
    /// GEXF, Gephi's own format (export).
    Gexf,
}

/// What `praevnetz analyze` is asked.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalyzeArgs {
    /// Analyse this network file instead of the stored network
    #[arg(long, value_name = "FILE")]
    pub graph: Option<PathBuf>,
    /// Read the file's edges as directed (CSV files are undirected without this)
    #[arg(long, requires = "graph")]
    pub directed: bool,
    /// The edge attribute (CSV: column) holding weights, used as lengths by path measures
    /// and as strengths by the others; without it every edge counts 1
    #[arg(long, value_name = "ATTR", requires = "graph")]
    pub weight: Option<String>,
    #[arg(
        long,
        value_name = "LIST",
        help = "Only these measures, comma-separated (degree, betweenness, closeness, \
                harmonic, pagerank, eigenvector, clustering, constraint, effective_size, \
                core, community, articulation_point, bridges)"
    )]
    pub metrics: Option<String>,
    /// Seed of the community search and of estimates (the same seed gives the same
    /// result)
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Compute betweenness exactly also on large networks, where it is otherwise estimated
    /// from sampled paths with a stated error bound (this can take minutes)
    #[arg(long)]
    pub exact: bool,
    /// Compare the stored network of --at with that of this earlier day (YYYY-MM-DD): ties
    /// begun and ended, actors joined and left, each node's measures on both days
    #[arg(long, value_name = "DATE", conflicts_with = "graph")]
    pub compare: Option<String>,
    /// The effect of this meeting (its number) on the working ties among those who attended:
    /// the day before and 3, 6 and 12 months after
    #[arg(long, value_name = "ID", conflicts_with_all = ["graph", "compare", "series"])]
    pub meeting: Option<i64>,
    /// The effect of this meeting series (its number): all its held meetings together, and
    /// each of them
    #[arg(long, value_name = "ID", conflicts_with_all = ["graph", "compare"])]
    pub series: Option<i64>,
    #[command(flatten)]
    pub network: NetworkArgs,
}

/// Which stored network: scope, level and day (analyze, export).
#[derive(Debug, Clone, clap::Args)]
pub struct NetworkArgs {
    /// all, region:SLUG, district:AGS (5 digits) or municipality:AGS (8 digits)
    #[arg(long, value_name = "SCOPE", default_value = "all")]
    pub scope: String,
    /// What a node stands for: person, organisation or municipality
    #[arg(long, value_name = "LEVEL", default_value = "person", value_parser = ["person", "organisation", "municipality"])]
    pub level: String,
    /// The day whose ties count (YYYY-MM-DD; default today)
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
    /// Leave out the ties of kind "met at meeting"
    #[arg(long)]
    pub without_meeting_ties: bool,
}

/// What `praevnetz roundtable` is asked.
#[derive(Debug, Clone, clap::Args)]
pub struct RoundTableArgs {
    /// The municipality (AGS, 8 digits)
    #[arg(
        long,
        value_name = "AGS",
        required_unless_present = "problem",
        conflicts_with = "problem"
    )]
    pub municipality: Option<String>,
    /// The problem category (code such as DRG)
    #[arg(
        long,
        value_name = "CODE",
        required_unless_present = "problem",
        conflicts_with = "problem"
    )]
    pub category: Option<String>,
    /// A recorded problem (its number): its municipality, category and responsible actors
    #[arg(long, value_name = "ID")]
    pub problem: Option<i64>,
    /// How many people (1 to 30)
    #[arg(long, value_name = "K", default_value_t = 8)]
    pub seats: usize,
    /// Persons who must sit at the table (their numbers)
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub include: Vec<i64>,
    /// Persons who must not (their numbers)
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub exclude: Vec<i64>,
    /// The day whose network counts (YYYY-MM-DD; default today)
    #[arg(long, value_name = "DATE")]
    pub at: Option<String>,
}

/// What can be exported.
#[derive(Debug, Subcommand)]
pub enum Export {
    /// The stored network with its attributes (pillar, kind, municipality; tie kinds,
    /// strength, dates), as GraphML (default) or GEXF, on standard output
    Network {
        #[command(flatten)]
        network: NetworkArgs,
    },
}

impl Command {
    /// The output formats the command offers; the first is its default.
    pub fn formats(&self) -> &'static [Format] {
        match self {
            Command::Stats | Command::Analyze(_) => &[Format::Text, Format::Json, Format::Csv],
            Command::Export { .. } => &[Format::Graphml, Format::Gexf],
            _ => &[Format::Text, Format::Json],
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database or bring its schema up to date (running it twice changes nothing)
    Init,
    /// Load the demo data set (Saxony's real districts and municipalities, an invented network in
    /// Chemnitz · Erzgebirge · Mittelsachsen, the Flöha networking meeting)
    Demo {
        /// Replace all data of a database that is not empty
        #[arg(long)]
        force: bool,
        /// Instead of the demo, generate a synthetic network of N persons (1 to 1,000,000) over
        /// Saxony
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        synthetic: Option<u32>,
        /// Seed of the synthetic network (the same seed gives the same data)
        #[arg(long, value_name = "S", default_value_t = 1, requires = "synthetic")]
        seed: u64,
    },
    /// Import a CSV file, every known file of a directory, or municipality boundaries from a
    /// GeoJSON file (formats: docs/import.md). One transaction: on any error nothing is written
    Import {
        /// What the file holds, `directory` for a folder of files named after their kind, or
        /// `boundaries` for a GeoJSON file of municipality boundaries
        #[arg(value_parser = import_kinds())]
        kind: String,
        /// The file or directory
        path: PathBuf,
        /// Check everything, then write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a consistent copy of the database while it may be in use (SQLite)
    Backup {
        /// Target file (must not exist unless --force)
        file: PathBuf,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
    /// Replace the database's contents with a backup, after checking it
    Restore {
        /// Backup file written by `praevnetz backup`
        file: PathBuf,
    },
    /// Count the records of every kind
    Stats,
    /// Analyse a network: the stored one, or a GraphML, GEXF or CSV edge-list file
    /// (measures and conventions: docs/analysis.md)
    Analyze(AnalyzeArgs),
    /// Propose who should sit at a round table on a municipality's problem: people who
    /// together cover the roles the category needs, the local responsibilities and the
    /// pillars, and who know each other (objective and weights: docs/roundtable.md)
    Roundtable(RoundTableArgs),
    /// Write data for other programs
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// Serve the web application
    Serve {
        /// Address to listen on
        #[arg(long, env = "PRAEVNETZ_BIND", value_name = "ADDR")]
        bind: Option<SocketAddr>,
        /// Load the demo data first if the database is empty
        #[arg(long)]
        demo: bool,
    },
}

//! The operations compiled for PostgreSQL.

pub(crate) type Db = sqlx::Postgres;

/// How a writing transaction begins (PostgreSQL locks rows, not the database).
pub(crate) const BEGIN_WRITE: &str = "begin";

#[path = "ops/mod.rs"]
#[allow(
    clippy::duplicate_mod,
    reason = "the operations are compiled once per backend on purpose (see ops/mod.rs)"
)]
pub(crate) mod ops;

/// Whether the store writes the stemmed copy of a practice's text that the full-text index
/// reads (SQLite has no German stemmer; PostgreSQL stems itself, see migration 0003).
pub(crate) const STEMMED_PRACTICE_INDEX: bool = false;

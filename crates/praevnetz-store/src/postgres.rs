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

/// Subqueries giving the ids of the persons, organisations and memberships whose search key
/// matches a `like` pattern (bound right after), answered by the trigram indexes of migration
/// 0006: on PostgreSQL the tables themselves, through their `pg_trgm` GIN indexes.
pub(crate) const PERSON_KEYS_LIKE: &str = "select person_id from person where search_key like ";
pub(crate) const ORGANISATION_KEYS_LIKE: &str =
    "select organisation_id from organisation where search_key like ";
pub(crate) const MEMBERSHIP_KEYS_LIKE: &str =
    "select membership_id from membership where search_key like ";

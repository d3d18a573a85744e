//! The operations compiled for SQLite.

pub(crate) type Db = sqlx::Sqlite;

/// How a writing transaction begins: `immediate` takes the write lock at once, waiting for it
/// under the busy timeout. A deferred transaction that reads before it writes would instead fail
/// with "database is locked" at its first write whenever another connection holds the lock
/// (SQLite cannot wait there without risking a deadlock).
pub(crate) const BEGIN_WRITE: &str = "begin immediate";

#[path = "ops/mod.rs"]
#[allow(
    clippy::duplicate_mod,
    reason = "the operations are compiled once per backend on purpose (see ops/mod.rs)"
)]
pub(crate) mod ops;

/// Whether the store writes the stemmed copy of a practice's text that the full-text index
/// reads (SQLite has no German stemmer; PostgreSQL stems itself, see migration 0003).
pub(crate) const STEMMED_PRACTICE_INDEX: bool = true;

/// Subqueries giving the ids of the persons, organisations and memberships whose search key
/// matches a `like` pattern (bound right after), answered by the trigram indexes of migration
/// 0006: on SQLite the FTS5 trigram tables.
pub(crate) const PERSON_KEYS_LIKE: &str = "select rowid from person_trigram where search_key like ";
pub(crate) const ORGANISATION_KEYS_LIKE: &str =
    "select rowid from organisation_trigram where search_key like ";
pub(crate) const MEMBERSHIP_KEYS_LIKE: &str =
    "select rowid from membership_trigram where search_key like ";

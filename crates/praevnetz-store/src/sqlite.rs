//! The operations compiled for SQLite.

pub(crate) type Db = sqlx::Sqlite;

#[path = "ops/mod.rs"]
#[allow(
    clippy::duplicate_mod,
    reason = "the operations are compiled once per backend on purpose (see ops/mod.rs)"
)]
pub(crate) mod ops;

//! The operations compiled for PostgreSQL.

pub(crate) type Db = sqlx::Postgres;

#[path = "ops/mod.rs"]
#[allow(
    clippy::duplicate_mod,
    reason = "the operations are compiled once per backend on purpose (see ops/mod.rs)"
)]
pub(crate) mod ops;

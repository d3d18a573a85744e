//! Storage tests: every operation and every constraint, on SQLite and PostgreSQL.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    clippy::float_cmp,
    reason = "tests report failure by panicking, say on stderr what they skip, and check \
              that stored floats come back bit for bit"
)]

mod harness;

mod actor;
mod body;
mod boundary;
mod connection;
mod fixtures;
mod import;
mod meeting;
mod meeting_ties;
mod problem;
mod record;
mod round_table;
mod search;
mod session;
mod territory;
mod tie;
mod topic;
mod topic_pipeline;
mod user;

//! The store's public operations, by area. Each file declares methods on [`crate::Store`].

mod actor;
mod body;
mod boundary;
mod import;
mod meeting;
mod problem;
mod record;
mod round_table;
mod session;
mod stats;
mod territory;
mod tie;
mod topic;
mod user;

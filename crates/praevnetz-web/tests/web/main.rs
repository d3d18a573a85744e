//! The server as a client sees it: the real app on a free port, over plain HTTP.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    reason = "tests report failure by panicking and say on stderr what they skip"
)]

mod harness;

mod access;
mod account;
mod admin;
mod health;
mod hostile;
mod map;
mod meeting_record;
mod meetings;
mod network;
mod people;
mod practices;
mod problems;
mod roundtable;
mod territory;
mod topics;

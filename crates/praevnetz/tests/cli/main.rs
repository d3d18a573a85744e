//! The command line as users run it: the real binary in a temporary directory.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    reason = "tests report failure by panicking and say on stderr what they skip"
)]

mod analyze;
mod backup;
mod bad_input;
mod boundaries;
mod demo;
mod network;
mod roundtable;
mod util;

mod basics;

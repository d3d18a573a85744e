//! The application in a real browser: headless Chromium driven over WebDriver (chromedriver),
//! the pages checked with axe-core, screenshots of the main pages kept in
//! `target/screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` and axe-core's `axe.min.js`; `scripts/test`
//! installs them. Without them the tests say SKIPPED on stderr, except in CI (`CI=true`),
//! where a missing tool fails the run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr,
    reason = "tests report failure by panicking and say on stderr what they skip"
)]

#[path = "../web/harness.rs"]
#[allow(dead_code, reason = "the browser tests use part of the shared harness")]
mod harness;

mod browser;
mod scenarios;

//! The praevnetz domain: validated types in the users' own terms.
//!
//! Every value that enters the system is parsed into a type here that cannot hold an invalid
//! value (an [`territory::Ags`] has eight digits, a [`tie::Strength`] lies in 1–5, a
//! [`tie::TieData`] never connects an actor to itself). Errors name the field and the rule, in
//! German and English ([`error::ValidationError`], [`i18n`]).
//!
//! The crate also reads the import formats ([`import`]) and builds the synthetic networks used
//! for benchmarks ([`synthetic`]). It does no I/O of its own beyond reading what it is handed.

pub mod actor;
pub mod audit;
pub mod body;
mod codes;
pub use codes::Code;
pub mod coverage;
pub mod demo;
pub mod error;
pub mod geo;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod meeting;
pub mod network;
pub mod number;
pub mod practice;
pub mod problem;
pub mod programme;
pub mod roundtable;
pub mod shared;
pub mod synthetic;
pub mod territory;
pub mod text;
pub mod tie;
pub mod time;
pub mod topic;
pub mod user;

#[cfg(test)]
mod catalog_tests;

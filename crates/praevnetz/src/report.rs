//! Reporting a failed command: the message once, its causes below, and an exit code that tells
//! bad input (2) from a failure of the system (1).

#![allow(
    clippy::print_stderr,
    reason = "reporting errors on standard error is this module's job"
)]

use std::process::ExitCode;

use praevnetz_domain::i18n::{Args, Lang, Localize};
use praevnetz_store::StoreError;
use praevnetz_web::ServeError;

use crate::messages;

/// An error caused by what the user asked for or supplied (bad input, refused operation), as
/// opposed to a failure of the system. Exits with 2.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UserError {
    pub message: String,
}

/// Prints `error` and returns the exit code.
pub fn failure(error: &anyhow::Error, lang: Lang) -> ExitCode {
    eprintln!(
        "{}: {}",
        messages::text(lang, "cli-error"),
        describe(error, lang)
    );
    // A user error of the store is told completely by its localized message; the causes of
    // everything else (connection, database, configuration) help to find what went wrong.
    let complete = error
        .downcast_ref::<StoreError>()
        .is_some_and(StoreError::is_user_error);
    if !complete {
        for cause in error.chain().skip(1) {
            eprintln!("  {}: {cause}", messages::text(lang, "cli-cause"));
        }
    }
    let user_error = is_user_error(error)
        || error
            .chain()
            .any(|cause| cause.downcast_ref::<UserError>().is_some());
    if user_error {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

fn describe(error: &anyhow::Error, lang: Lang) -> String {
    if let Some(store) = error.downcast_ref::<StoreError>() {
        return store.localize(lang);
    }
    if let Some(serve) = error.downcast_ref::<ServeError>() {
        return match serve {
            ServeError::Bind { addr, source } => messages::text_with(
                lang,
                "cli-serve-bind",
                &Args::new()
                    .text("addr", addr.to_string())
                    .text("reason", source.to_string()),
            ),
            ServeError::Io(source) => messages::text_with(
                lang,
                "cli-serve-failed",
                &Args::new().text("reason", source.to_string()),
            ),
        };
    }
    error.to_string()
}

fn is_user_error(error: &anyhow::Error) -> bool {
    error.downcast_ref::<UserError>().is_some()
        || error
            .downcast_ref::<StoreError>()
            .is_some_and(StoreError::is_user_error)
}

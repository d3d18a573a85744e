//! `praevnetz demo`: the demo data set, or a synthetic network, loaded through the import.
//!
//! The demo consists of files in the import formats (docs/import.md), embedded in the program so
//! that it works from any directory: the real districts, municipalities and network regions of
//! Saxony (`data/sachsen/`) and the invented network of `data/demo/`. They are read and written
//! by the same code as `praevnetz import`.

use praevnetz_domain::demo::{demo_batch, synthetic_batch};
use praevnetz_domain::i18n::Args;
use praevnetz_domain::synthetic::SyntheticSpec;
use praevnetz_store::{ImportOptions, Open, StoreError};

use super::Env;
use super::import::print_summary;
use super::progress::Bar;
use crate::messages;
use crate::report::UserError;

pub async fn run(env: &Env, force: bool, synthetic: Option<u32>, seed: u64) -> anyhow::Result<()> {
    let store = env.store(Open::CreateIfMissing).await?;
    let batch = match synthetic {
        Some(persons) => {
            let spinner = Bar::spinner(messages::text(env.lang, "cli-demo-generating"));
            let persons = usize::try_from(persons)?;
            let batch = synthetic_batch(SyntheticSpec { persons, seed }).map_err(|e| match e {
                praevnetz_domain::demo::DemoError::Import(e) => {
                    anyhow::Error::from(StoreError::Import(e))
                }
                praevnetz_domain::demo::DemoError::Synthetic(e) => anyhow::Error::from(e),
            });
            spinner.finish_and_clear();
            batch?
        }
        None => demo_batch().map_err(StoreError::Import)?,
    };
    let bar = Bar::new(env.lang);
    let options = ImportOptions {
        dry_run: false,
        replace: force,
        require_empty: true,
    };
    let result = store.import(&env.change(), &batch, &bar, &options).await;
    bar.clear();
    let summary = match result {
        Err(StoreError::NotEmpty) => {
            let counts = store.counts().await?;
            store.close().await;
            return Err(UserError {
                message: messages::text_with(
                    env.lang,
                    "cli-demo-not-empty",
                    &Args::new()
                        .text("url", store.url().to_string())
                        .number("municipalities", counts.municipalities as f64)
                        .number("persons", counts.persons as f64),
                ),
            }
            .into());
        }
        other => other?,
    };
    let logins = praevnetz_web::demo::create_demo_logins(&store, &env.change()).await?;
    let counts = store.counts().await?;
    store.close().await;
    print_summary(env, &summary, false)?;
    if env.format == crate::cli::Format::Text {
        println!(
            "{}",
            messages::text_with(
                env.lang,
                "cli-demo-done",
                &Args::new()
                    .text("url", store.url().to_string())
                    .number("municipalities", counts.municipalities as f64)
                    .number("organisations", counts.organisations as f64)
                    .number("persons", counts.persons as f64)
                    .number("ties", counts.ties as f64),
            )
        );
        print_logins(env, &logins);
    }
    Ok(())
}

/// Lists the demo logins and their password.
pub fn print_logins(env: &Env, logins: &[&praevnetz_domain::demo::DemoLogin]) {
    if logins.is_empty() {
        return;
    }
    println!(
        "{}",
        messages::text_with(
            env.lang,
            "cli-demo-logins",
            &Args::new().text("password", praevnetz_domain::demo::DEMO_PASSWORD)
        )
    );
    for login in logins {
        println!("  {:<28} {}", login.email, login.role.label(env.lang));
    }
}

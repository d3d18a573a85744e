//! `praevnetz serve`: the web application.

use std::sync::Arc;

use praevnetz_domain::i18n::Args;
use praevnetz_domain::time::SystemClock;
use praevnetz_store::{ImportOptions, Open, StoreError};
use praevnetz_web::{App, AppState, ServerSettings};

use super::Env;
use super::progress::Bar;
use crate::messages;

pub async fn run(env: &Env, demo: bool) -> anyhow::Result<()> {
    let store = env.store(Open::CreateIfMissing).await?;
    let mut logins = Vec::new();
    if demo && store.is_empty().await? {
        let bar = Bar::new(env.lang);
        let options = ImportOptions {
            require_empty: true,
            ..ImportOptions::default()
        };
        let result = store
            .import(
                &env.change(),
                &praevnetz_domain::demo::demo_batch().map_err(StoreError::Import)?,
                &bar,
                &options,
            )
            .await;
        bar.clear();
        match result {
            Ok(_) => {
                println!("{}", messages::text(env.lang, "cli-serve-demo-loaded"));
                logins = praevnetz_web::demo::create_demo_logins(&store, &env.change()).await?;
            }
            // Something was written between the check and the import: serve what is there.
            Err(StoreError::NotEmpty) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let state = AppState::new(
        store.clone(),
        Arc::new(SystemClock),
        env.settings.web.clone(),
    );
    let app = App::build(
        &ServerSettings {
            bind: env.settings.bind,
        },
        state,
    )
    .await?;
    let addr = app.local_addr()?;
    println!(
        "{}",
        messages::text_with(
            env.lang,
            "cli-serve-listening",
            &Args::new().text("url", format!("http://{addr}/"))
        )
    );
    super::demo::print_logins(env, &logins);
    let lang = env.lang;
    app.run(async move {
        shutdown_signal().await;
        println!("{}", messages::text(lang, "cli-serve-stopping"));
    })
    .await?;
    store.close().await;
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM (how service managers stop a program).
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for SIGTERM; stop with Ctrl-C");
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

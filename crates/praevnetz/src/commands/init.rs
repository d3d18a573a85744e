//! `praevnetz init`: create the database or bring its schema up to date.

use praevnetz_domain::i18n::Args;
use praevnetz_store::Open;
use serde_json::json;

use super::Env;
use crate::cli::Format;
use crate::messages;

pub async fn run(env: &Env) -> anyhow::Result<()> {
    let store = env.store(Open::CreateIfMissing).await?;
    let version = store.schema_version().await?;
    match env.format {
        Format::Json => println!(
            "{}",
            json!({
                "database": store.url().to_string(),
                "backend": store.backend(),
                "schema_version": version,
            })
        ),
        Format::Text | Format::Csv | Format::Graphml | Format::Gexf => println!(
            "{}",
            messages::text_with(
                env.lang,
                "cli-init-done",
                &Args::new()
                    .text("url", store.url().to_string())
                    .text("version", version.to_string()),
            )
        ),
    }
    store.close().await;
    Ok(())
}

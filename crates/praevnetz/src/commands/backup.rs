//! `praevnetz backup FILE` and `praevnetz restore FILE`.

use std::path::Path;

use praevnetz_domain::i18n::Args;
use praevnetz_store::Open;
use serde_json::json;

use super::Env;
use crate::cli::Format;
use crate::messages;

pub async fn backup(env: &Env, file: &Path, force: bool) -> anyhow::Result<()> {
    let store = env.store(Open::MustExist).await?;
    let result = store.backup(file, force).await;
    store.close().await;
    let info = result?;
    match env.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&info)?),
        Format::Text | Format::Csv | Format::Graphml | Format::Gexf => println!(
            "{}",
            messages::text_with(
                env.lang,
                "cli-backup-done",
                &Args::new()
                    .text("path", info.file.display().to_string())
                    .number("bytes", info.bytes as f64)
                    .text("version", info.schema_version.to_string()),
            )
        ),
    }
    Ok(())
}

pub async fn restore(env: &Env, file: &Path) -> anyhow::Result<()> {
    let store = env.store(Open::CreateIfMissing).await?;
    let result = store.restore(&env.change(), file).await;
    let counts = store.counts().await;
    store.close().await;
    let version = result?;
    let counts = counts?;
    match env.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "restored_from": file.display().to_string(),
                "schema_version": version,
                "counts": counts,
            }))?
        ),
        Format::Text | Format::Csv | Format::Graphml | Format::Gexf => println!(
            "{}",
            messages::text_with(
                env.lang,
                "cli-restore-done",
                &Args::new()
                    .text("path", file.display().to_string())
                    .number("municipalities", counts.municipalities as f64)
                    .number("persons", counts.persons as f64)
                    .number("ties", counts.ties as f64),
            )
        ),
    }
    Ok(())
}

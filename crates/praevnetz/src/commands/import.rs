//! `praevnetz import KIND FILE` and `praevnetz import directory DIR`.

use std::path::Path;

use praevnetz_domain::i18n::Args;
use praevnetz_domain::import::{
    BoundaryFile, ImportBatch, ImportError, ImportErrors, ImportKind, ImportProblem, ImportTable,
};
use praevnetz_store::{ImportOptions, ImportSummary, Open, StoreError};

use super::Env;
use super::progress::Bar;
use crate::cli::{BOUNDARIES, DIRECTORY, Format};
use crate::messages;
use crate::report::UserError;

/// Reads a file's bytes; a failure is an import error naming the file.
fn read_bytes(path: &Path) -> Result<(String, Vec<u8>), ImportErrors> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        ImportErrors::one(ImportError::file(
            &label,
            ImportProblem::Unreadable {
                reason: e.to_string(),
            },
        ))
    })?;
    Ok((label, bytes))
}

/// Reads a file into a batch table; any problem is an import error naming the file.
pub fn read_file(kind: ImportKind, path: &Path) -> Result<ImportTable, ImportErrors> {
    let (label, bytes) = read_bytes(path)?;
    kind.read(&label, &bytes)
}

/// `praevnetz import boundaries FILE.geojson`.
async fn run_boundaries(env: &Env, path: &Path, dry_run: bool) -> anyhow::Result<()> {
    let file = read_bytes(path)
        .and_then(|(label, bytes)| BoundaryFile::read(&label, &bytes))
        .map_err(StoreError::Import)?;
    let store = env.store(Open::CreateIfMissing).await?;
    let result = store.import_boundaries(&env.change(), &file, dry_run).await;
    store.close().await;
    let count = result?;
    let points: usize = file.features.iter().map(|f| f.boundary.point_count()).sum();
    match env.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "dry_run": dry_run,
                "file": file.file,
                "boundaries": count,
                "points": points,
            }))?
        ),
        Format::Text | Format::Csv | Format::Graphml | Format::Gexf => {
            println!(
                "{}",
                messages::text_with(
                    env.lang,
                    "cli-import-boundaries",
                    &Args::new()
                        .text("file", file.file.clone())
                        .number("count", count as f64)
                        .number("points", points as f64),
                )
            );
            if dry_run {
                println!("{}", messages::text(env.lang, "cli-import-dry-run"));
            }
        }
    }
    Ok(())
}

/// Reads every known file of `dir`; errors of all files are reported together.
pub fn read_directory(dir: &Path) -> Result<ImportBatch, ImportErrors> {
    let label = dir.display().to_string();
    if !dir.is_dir() {
        return Err(ImportErrors::one(ImportError::file(
            &label,
            ImportProblem::NotADirectory,
        )));
    }
    let mut batch = ImportBatch::new();
    let mut errors = ImportErrors::new();
    for kind in ImportKind::ALL {
        let path = dir.join(kind.file_name());
        if path.exists() {
            match read_file(*kind, &path) {
                Ok(table) => batch.push(table),
                Err(e) => errors.extend(e),
            }
        }
    }
    if errors.is_empty() && batch.tables().is_empty() {
        errors.push(ImportError::file(
            &label,
            ImportProblem::NoKnownFiles {
                expected: ImportKind::ALL
                    .iter()
                    .map(|k| k.file_name())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        ));
    }
    errors.into_result(batch)
}

pub async fn run(env: &Env, kind: &str, path: &Path, dry_run: bool) -> anyhow::Result<()> {
    if kind == BOUNDARIES {
        return run_boundaries(env, path, dry_run).await;
    }
    let batch = if kind == DIRECTORY {
        read_directory(path)
    } else {
        let kind = ImportKind::from_code(kind).ok_or_else(|| UserError {
            message: messages::text_with(
                env.lang,
                "cli-import-unknown-kind",
                &Args::new().text("kind", kind),
            ),
        })?;
        read_file(kind, path).map(|table| {
            let mut batch = ImportBatch::new();
            batch.push(table);
            batch
        })
    };
    let batch = batch.map_err(StoreError::Import)?;
    let store = env.store(Open::CreateIfMissing).await?;
    let bar = Bar::new(env.lang);
    let options = ImportOptions {
        dry_run,
        ..ImportOptions::default()
    };
    let result = store.import(&env.change(), &batch, &bar, &options).await;
    bar.clear();
    store.close().await;
    print_summary(env, &result?, dry_run)
}

/// Prints what an import did.
pub fn print_summary(env: &Env, summary: &ImportSummary, dry_run: bool) -> anyhow::Result<()> {
    match env.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "dry_run": dry_run,
                "tables": summary.tables,
            }))?
        ),
        Format::Text | Format::Csv | Format::Graphml | Format::Gexf => {
            for table in &summary.tables {
                println!(
                    "{}",
                    messages::text_with(
                        env.lang,
                        "cli-import-table",
                        &Args::new()
                            .text("file", table.file.clone())
                            .text("kind", table.kind.label(env.lang))
                            .number("created", table.created as f64)
                            .number("updated", table.updated as f64),
                    )
                );
            }
            if dry_run {
                println!("{}", messages::text(env.lang, "cli-import-dry-run"));
            }
        }
    }
    Ok(())
}

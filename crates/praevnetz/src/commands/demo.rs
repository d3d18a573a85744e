//! `praevnetz demo`: the demo data set, or a synthetic network, loaded through the import.
//!
//! The demo consists of files in the import formats (docs/import.md), embedded in the program so
//! that it works from any directory: the real districts, municipalities and network regions of
//! Saxony (`data/sachsen/`) and the invented network of `data/demo/`. They are read and written
//! by the same code as `praevnetz import`.

use praevnetz_domain::i18n::Args;
use praevnetz_domain::import::{ImportBatch, ImportKind, Rows};
use praevnetz_domain::synthetic::{SyntheticSpec, generate};
use praevnetz_store::{ImportOptions, Open, StoreError};

use super::Env;
use super::import::print_summary;
use super::progress::Bar;
use crate::messages;
use crate::report::UserError;

type Embedded = (ImportKind, &'static str, &'static [u8]);

/// Saxony's real base data.
const SAXONY: [Embedded; 3] = [
    (
        ImportKind::Districts,
        "data/sachsen/districts.csv",
        include_bytes!("../../../../data/sachsen/districts.csv"),
    ),
    (
        ImportKind::Municipalities,
        "data/sachsen/municipalities.csv",
        include_bytes!("../../../../data/sachsen/municipalities.csv"),
    ),
    (
        ImportKind::Regions,
        "data/sachsen/regions.csv",
        include_bytes!("../../../../data/sachsen/regions.csv"),
    ),
];

/// The invented network of the demo.
const DEMO: [Embedded; 16] = [
    (
        ImportKind::Milestones,
        "data/demo/milestones.csv",
        include_bytes!("../../../../data/demo/milestones.csv"),
    ),
    (
        ImportKind::Organisations,
        "data/demo/organisations.csv",
        include_bytes!("../../../../data/demo/organisations.csv"),
    ),
    (
        ImportKind::Persons,
        "data/demo/persons.csv",
        include_bytes!("../../../../data/demo/persons.csv"),
    ),
    (
        ImportKind::Memberships,
        "data/demo/memberships.csv",
        include_bytes!("../../../../data/demo/memberships.csv"),
    ),
    (
        ImportKind::Bodies,
        "data/demo/bodies.csv",
        include_bytes!("../../../../data/demo/bodies.csv"),
    ),
    (
        ImportKind::BodyMembers,
        "data/demo/body_members.csv",
        include_bytes!("../../../../data/demo/body_members.csv"),
    ),
    (
        ImportKind::MeetingSeries,
        "data/demo/meeting_series.csv",
        include_bytes!("../../../../data/demo/meeting_series.csv"),
    ),
    (
        ImportKind::Meetings,
        "data/demo/meetings.csv",
        include_bytes!("../../../../data/demo/meetings.csv"),
    ),
    (
        ImportKind::Ties,
        "data/demo/ties.csv",
        include_bytes!("../../../../data/demo/ties.csv"),
    ),
    (
        ImportKind::Problems,
        "data/demo/problems.csv",
        include_bytes!("../../../../data/demo/problems.csv"),
    ),
    (
        ImportKind::Practices,
        "data/demo/practices.csv",
        include_bytes!("../../../../data/demo/practices.csv"),
    ),
    (
        ImportKind::Participations,
        "data/demo/participations.csv",
        include_bytes!("../../../../data/demo/participations.csv"),
    ),
    (
        ImportKind::Topics,
        "data/demo/topics.csv",
        include_bytes!("../../../../data/demo/topics.csv"),
    ),
    (
        ImportKind::AgendaItems,
        "data/demo/agenda_items.csv",
        include_bytes!("../../../../data/demo/agenda_items.csv"),
    ),
    (
        ImportKind::Decisions,
        "data/demo/decisions.csv",
        include_bytes!("../../../../data/demo/decisions.csv"),
    ),
    (
        ImportKind::ActionItems,
        "data/demo/action_items.csv",
        include_bytes!("../../../../data/demo/action_items.csv"),
    ),
];

fn read(files: &[Embedded], batch: &mut ImportBatch) -> Result<(), StoreError> {
    for (kind, file, bytes) in files {
        batch.push(kind.read(file, bytes).map_err(StoreError::Import)?);
    }
    Ok(())
}

/// The demo as an import batch.
pub fn demo_batch() -> Result<ImportBatch, StoreError> {
    let mut batch = ImportBatch::new();
    read(&SAXONY, &mut batch)?;
    read(&DEMO, &mut batch)?;
    Ok(batch)
}

/// Saxony's base data plus a synthetic network over its municipalities.
pub fn synthetic_batch(spec: SyntheticSpec) -> anyhow::Result<ImportBatch> {
    let mut batch = ImportBatch::new();
    read(&SAXONY, &mut batch)?;
    let mut municipalities = Vec::new();
    let mut regions = Vec::new();
    for table in batch.tables() {
        match &table.rows {
            Rows::Municipalities(rows) => {
                municipalities.extend(rows.iter().map(|l| l.record.clone()));
            }
            Rows::Regions(rows) => {
                regions.extend(rows.iter().map(|l| l.record.clone()));
            }
            _ => {}
        }
    }
    let generated = generate(spec, &municipalities, &regions)?;
    for table in generated.tables() {
        batch.push(table.clone());
    }
    Ok(batch)
}

pub async fn run(env: &Env, force: bool, synthetic: Option<u32>, seed: u64) -> anyhow::Result<()> {
    let store = env.store(Open::CreateIfMissing).await?;
    let batch = match synthetic {
        Some(persons) => {
            let spinner = Bar::spinner(messages::text(env.lang, "cli-demo-generating"));
            let persons = usize::try_from(persons)?;
            let batch = synthetic_batch(SyntheticSpec { persons, seed });
            spinner.finish_and_clear();
            batch?
        }
        None => demo_batch()?,
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
    }
    Ok(())
}

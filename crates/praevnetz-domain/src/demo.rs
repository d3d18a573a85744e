//! The demo shipped with the program: Saxony's real base data (`data/sachsen/`) and the
//! invented network of `data/demo/`, embedded so that `praevnetz demo` works from any
//! directory, and the demo logins. Everything is read by the same code as a user's import.

use crate::error::ValidationError;
use crate::import::{ImportBatch, ImportErrors, ImportKind, Rows};
use crate::synthetic::{SyntheticSpec, generate};
use crate::user::Role;

type Embedded = (ImportKind, &'static str, &'static [u8]);

/// Saxony's real base data.
const SAXONY: [Embedded; 3] = [
    (
        ImportKind::Districts,
        "data/sachsen/districts.csv",
        include_bytes!("../../../data/sachsen/districts.csv"),
    ),
    (
        ImportKind::Municipalities,
        "data/sachsen/municipalities.csv",
        include_bytes!("../../../data/sachsen/municipalities.csv"),
    ),
    (
        ImportKind::Regions,
        "data/sachsen/regions.csv",
        include_bytes!("../../../data/sachsen/regions.csv"),
    ),
];

/// The invented network of the demo.
const DEMO: [Embedded; 16] = [
    (
        ImportKind::Milestones,
        "data/demo/milestones.csv",
        include_bytes!("../../../data/demo/milestones.csv"),
    ),
    (
        ImportKind::Organisations,
        "data/demo/organisations.csv",
        include_bytes!("../../../data/demo/organisations.csv"),
    ),
    (
        ImportKind::Persons,
        "data/demo/persons.csv",
        include_bytes!("../../../data/demo/persons.csv"),
    ),
    (
        ImportKind::Memberships,
        "data/demo/memberships.csv",
        include_bytes!("../../../data/demo/memberships.csv"),
    ),
    (
        ImportKind::Bodies,
        "data/demo/bodies.csv",
        include_bytes!("../../../data/demo/bodies.csv"),
    ),
    (
        ImportKind::BodyMembers,
        "data/demo/body_members.csv",
        include_bytes!("../../../data/demo/body_members.csv"),
    ),
    (
        ImportKind::MeetingSeries,
        "data/demo/meeting_series.csv",
        include_bytes!("../../../data/demo/meeting_series.csv"),
    ),
    (
        ImportKind::Meetings,
        "data/demo/meetings.csv",
        include_bytes!("../../../data/demo/meetings.csv"),
    ),
    (
        ImportKind::Ties,
        "data/demo/ties.csv",
        include_bytes!("../../../data/demo/ties.csv"),
    ),
    (
        ImportKind::Problems,
        "data/demo/problems.csv",
        include_bytes!("../../../data/demo/problems.csv"),
    ),
    (
        ImportKind::Practices,
        "data/demo/practices.csv",
        include_bytes!("../../../data/demo/practices.csv"),
    ),
    (
        ImportKind::Participations,
        "data/demo/participations.csv",
        include_bytes!("../../../data/demo/participations.csv"),
    ),
    (
        ImportKind::Topics,
        "data/demo/topics.csv",
        include_bytes!("../../../data/demo/topics.csv"),
    ),
    (
        ImportKind::AgendaItems,
        "data/demo/agenda_items.csv",
        include_bytes!("../../../data/demo/agenda_items.csv"),
    ),
    (
        ImportKind::Decisions,
        "data/demo/decisions.csv",
        include_bytes!("../../../data/demo/decisions.csv"),
    ),
    (
        ImportKind::ActionItems,
        "data/demo/action_items.csv",
        include_bytes!("../../../data/demo/action_items.csv"),
    ),
];

fn read(files: &[Embedded], batch: &mut ImportBatch) -> Result<(), ImportErrors> {
    for (kind, file, bytes) in files {
        batch.push(kind.read(file, bytes)?);
    }
    Ok(())
}

/// The demo as an import batch.
pub fn demo_batch() -> Result<ImportBatch, ImportErrors> {
    let mut batch = ImportBatch::new();
    read(&SAXONY, &mut batch)?;
    read(&DEMO, &mut batch)?;
    Ok(batch)
}

/// Saxony's base data plus a synthetic network over its municipalities.
pub fn synthetic_batch(spec: SyntheticSpec) -> Result<ImportBatch, DemoError> {
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

/// Why a demo batch could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// An embedded file does not read (a broken build).
    #[error("{0}")]
    Import(#[from] ImportErrors),
    /// The generator refused its input.
    #[error("{0}")]
    Synthetic(#[from] ValidationError),
}

/// The password of every demo login (the README lists them).
pub const DEMO_PASSWORD: &str = "praevnetz-demo";

/// The part of the network a demo login's role applies to, by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoScope {
    /// A network region by its slug.
    Region(&'static str),
    /// A district by its AGS.
    District(&'static str),
    /// A municipality by its AGS.
    Municipality(&'static str),
}

/// A demo login.
#[derive(Clone, Copy, Debug)]
pub struct DemoLogin {
    /// E-mail (login).
    pub email: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Role.
    pub role: Role,
    /// Scopes.
    pub scopes: &'static [DemoScope],
}

/// The demo logins, one per role and typical scope.
pub const DEMO_LOGINS: &[DemoLogin] = &[
    DemoLogin {
        email: "admin@demo.invalid",
        name: "Demo Administration",
        role: Role::Admin,
        scopes: &[],
    },
    DemoLogin {
        email: "koordination@demo.invalid",
        name: "Demo Regionalkoordination",
        role: Role::Coordinator,
        scopes: &[DemoScope::Region("chemnitz-erzgebirge-mittelsachsen")],
    },
    DemoLogin {
        email: "floeha@demo.invalid",
        name: "Demo Präventionskoordination Flöha",
        role: Role::Member,
        scopes: &[DemoScope::Municipality("14522140")],
    },
    DemoLogin {
        email: "polizei@demo.invalid",
        name: "Demo Polizeiliche Prävention",
        role: Role::Member,
        scopes: &[
            DemoScope::District("14511"),
            DemoScope::District("14521"),
            DemoScope::District("14522"),
        ],
    },
    DemoLogin {
        email: "gast@demo.invalid",
        name: "Demo Gast",
        role: Role::Viewer,
        scopes: &[DemoScope::Region("chemnitz-erzgebirge-mittelsachsen")],
    },
];

//! Import formats: CSV files as users keep them in spreadsheets, read into records whose
//! references (AGS keys, external references, region keys) the store resolves.
//!
//! Each kind of record has its own file format ([`ImportKind`], documented in
//! `docs/import.md`). Reading a file checks everything that can be checked without the
//! database: encoding, columns, every value's rules, duplicate keys within the file. Errors name
//! the file, the line, the column and the rule, in German or English ([`ImportErrors`]).

mod boundaries;
mod error;
mod records;
mod table;

pub use boundaries::{BoundaryFeature, BoundaryFile, SIMPLIFY_TOLERANCE_METRES};
pub use error::{ImportError, ImportErrors, ImportProblem, JsonKind, MAX_ERRORS};
use records::read;
pub use records::*;
pub use table::{Row, Table};

use crate::codes::code_enum;

code_enum! {
    /// The kinds of import files, in the order a directory import reads them (each may refer
    /// to the ones before).
    pub enum ImportKind: "import-kind" {
        Districts = "districts",
        Municipalities = "municipalities",
        Regions = "regions",
        Milestones = "milestones",
        Organisations = "organisations",
        Persons = "persons",
        Memberships = "memberships",
        Bodies = "bodies",
        BodyMembers = "body_members",
        MeetingSeries = "meeting_series",
        Meetings = "meetings",
        Ties = "ties",
        Problems = "problems",
        Practices = "practices",
        Participations = "participations",
        Topics = "topics",
        AgendaItems = "agenda_items",
        Decisions = "decisions",
        ActionItems = "action_items",
    }
}

impl ImportKind {
    /// The file name a directory import looks for.
    pub fn file_name(self) -> String {
        format!("{}.csv", self.code())
    }

    /// Reads one file of this kind.
    pub fn read(self, file: &str, bytes: &[u8]) -> Result<ImportTable, ImportErrors> {
        read(self, file, bytes)
    }
}

/// A record and the line it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Line<T> {
    /// Line number in the file (the header is line 1); 0 for generated records.
    pub line: u64,
    /// The record.
    pub record: T,
}

/// The records of one file.
#[derive(Clone, Debug)]
pub struct ImportTable {
    /// File name for messages.
    pub file: String,
    /// The records.
    pub rows: Rows,
}

impl ImportTable {
    /// The kind of records.
    pub fn kind(&self) -> ImportKind {
        self.rows.kind()
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Files imported together, in one transaction, in the order of [`ImportKind`].
#[derive(Clone, Debug, Default)]
pub struct ImportBatch {
    tables: Vec<ImportTable>,
}

impl ImportBatch {
    /// An empty batch.
    pub fn new() -> Self {
        ImportBatch::default()
    }

    /// Adds a table, keeping the tables in dependency order.
    pub fn push(&mut self, table: ImportTable) {
        self.tables.push(table);
        self.tables.sort_by_key(ImportTable::kind);
    }

    /// The tables in dependency order.
    pub fn tables(&self) -> &[ImportTable] {
        &self.tables
    }

    /// Total number of records.
    pub fn len(&self) -> usize {
        self.tables.iter().map(ImportTable::len).sum()
    }

    /// Whether the batch holds no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

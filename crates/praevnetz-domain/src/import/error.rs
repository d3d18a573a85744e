//! Import errors: where (file, line, column) and what (the rule broken).

use std::fmt;

use crate::codes::code_enum;
use crate::error::ValidationError;
use crate::i18n::{Args, Lang, Localize, catalog};

code_enum! {
    /// The kinds of JSON values, named when a file holds another kind than expected.
    pub enum JsonKind: "json-kind" {
        Object = "object",
        Array = "array",
        String = "string",
        Number = "number",
    }
}

/// At most this many errors are reported for one import; the rest are counted.
pub const MAX_ERRORS: usize = 50;

/// What is wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportProblem {
    /// The file is not valid UTF-8.
    NotUtf8,
    /// The file is empty (not even a header line).
    Empty,
    /// The file has a header but no records.
    NoRows,
    /// The CSV structure is broken (e.g. a line with more cells than the header).
    Malformed {
        /// What the CSV reader found.
        detail: String,
    },
    /// A line has another number of cells than the header.
    CellCount {
        /// Cells in the header.
        expected: u64,
        /// Cells in the line.
        found: u64,
    },
    /// A required column is missing from the header.
    MissingColumn {
        /// The column.
        column: String,
    },
    /// The header names a column this kind of file does not have.
    UnknownColumn {
        /// The column.
        column: String,
        /// The columns the file may have.
        known: String,
    },
    /// The header names a column twice.
    DuplicateColumn {
        /// The column.
        column: String,
    },
    /// A value breaks a rule.
    Invalid(ValidationError),
    /// A key appears twice in the file.
    DuplicateKey {
        /// The key.
        key: String,
        /// Where it appeared first.
        first_line: u64,
    },
    /// The file cannot be read.
    Unreadable {
        /// Why.
        reason: String,
    },
    /// A directory import was given something that is not a directory.
    NotADirectory,
    /// A directory import found no file it knows.
    NoKnownFiles {
        /// The file names it looks for.
        expected: String,
    },
    /// The file is not JSON (the error's line gives the line).
    InvalidJson {
        /// Column of the line.
        column: u64,
        /// What the JSON reader found.
        detail: String,
    },
    /// A JSON value has another kind than the format requires.
    JsonKind {
        /// What the format requires.
        expected: JsonKind,
    },
    /// A member the format requires is missing from a JSON object.
    MissingMember {
        /// The member's name.
        member: String,
    },
    /// The GeoJSON file is not a `FeatureCollection`.
    NotFeatureCollection {
        /// Its `type`.
        found: String,
    },
    /// The `FeatureCollection` holds no features.
    NoFeatures,
    /// The GeoJSON file names a coordinate reference system other than WGS 84.
    UnsupportedCrs {
        /// The name it gives.
        name: String,
    },
    /// A geometry that cannot be a boundary.
    UnsupportedGeometry {
        /// Its `type`.
        found: String,
    },
    /// A feature names no municipality (neither `AGS` nor `ARS`).
    MissingAgs,
}

/// One error of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportError {
    /// The file.
    pub file: String,
    /// The line (1 is the header), if the error concerns one.
    pub line: Option<u64>,
    /// The column as written in the header, if the error concerns one.
    pub column: Option<String>,
    /// The place in a JSON file (`features[3].geometry`), if the error concerns one.
    pub path: Option<String>,
    /// What is wrong (boxed: errors travel in `Result`s of every row parser and should stay
    /// small).
    pub problem: Box<ImportProblem>,
}

impl ImportError {
    /// An error at a place of a file.
    pub fn new(
        file: &str,
        line: Option<u64>,
        column: Option<&str>,
        problem: ImportProblem,
    ) -> ImportError {
        ImportError {
            file: file.to_owned(),
            line,
            column: column.map(str::to_owned),
            path: None,
            problem: Box::new(problem),
        }
    }

    /// An error about a place in a JSON file, such as `features[3].properties.AGS`.
    pub fn json(file: &str, path: &str, problem: ImportProblem) -> ImportError {
        ImportError {
            path: Some(path.to_owned()),
            ..ImportError::file(file, problem)
        }
    }

    /// An error about the whole file.
    pub fn file(file: &str, problem: ImportProblem) -> ImportError {
        ImportError::new(file, None, None, problem)
    }

    /// An error about a cell.
    pub fn cell(file: &str, line: u64, column: &str, problem: ImportProblem) -> ImportError {
        ImportError::new(file, Some(line), Some(column), problem)
    }

    fn problem_text(&self, lang: Lang) -> String {
        let cat = catalog();
        match self.problem.as_ref() {
            ImportProblem::NotUtf8 => cat.message(lang, "import-not-utf8", &Args::new()),
            ImportProblem::Empty => cat.message(lang, "import-empty", &Args::new()),
            ImportProblem::NoRows => cat.message(lang, "import-no-rows", &Args::new()),
            ImportProblem::Malformed { detail } => cat.message(
                lang,
                "import-malformed",
                &Args::new().text("detail", detail.clone()),
            ),
            ImportProblem::CellCount { expected, found } => cat.message(
                lang,
                "import-cell-count",
                &Args::new()
                    .text("expected", expected.to_string())
                    .text("found", found.to_string()),
            ),
            ImportProblem::MissingColumn { column } => cat.message(
                lang,
                "import-missing-column",
                &Args::new().text("column", column.clone()),
            ),
            ImportProblem::UnknownColumn { column, known } => cat.message(
                lang,
                "import-unknown-column",
                &Args::new()
                    .text("column", column.clone())
                    .text("known", known.clone()),
            ),
            ImportProblem::DuplicateColumn { column } => cat.message(
                lang,
                "import-duplicate-column",
                &Args::new().text("column", column.clone()),
            ),
            ImportProblem::Invalid(error) => error.localize(lang),
            ImportProblem::DuplicateKey { key, first_line } => cat.message(
                lang,
                "import-duplicate-key",
                &Args::new()
                    .text("key", key.clone())
                    .text("first", first_line.to_string()),
            ),
            ImportProblem::Unreadable { reason } => cat.message(
                lang,
                "import-unreadable",
                &Args::new().text("reason", reason.clone()),
            ),
            ImportProblem::NotADirectory => {
                cat.message(lang, "import-not-a-directory", &Args::new())
            }
            ImportProblem::NoKnownFiles { expected } => cat.message(
                lang,
                "import-no-known-files",
                &Args::new().text("expected", expected.clone()),
            ),
            ImportProblem::InvalidJson { column, detail } => cat.message(
                lang,
                "import-invalid-json",
                &Args::new()
                    .text("column", column.to_string())
                    .text("detail", detail.clone()),
            ),
            ImportProblem::JsonKind { expected } => cat.message(
                lang,
                "import-json-kind",
                &Args::new().text("expected", expected.label(lang)),
            ),
            ImportProblem::MissingMember { member } => cat.message(
                lang,
                "import-missing-member",
                &Args::new().text("member", member.clone()),
            ),
            ImportProblem::NotFeatureCollection { found } => cat.message(
                lang,
                "import-not-feature-collection",
                &Args::new().text("found", found.clone()),
            ),
            ImportProblem::NoFeatures => cat.message(lang, "import-no-features", &Args::new()),
            ImportProblem::UnsupportedCrs { name } => cat.message(
                lang,
                "import-unsupported-crs",
                &Args::new().text("name", name.clone()),
            ),
            ImportProblem::UnsupportedGeometry { found } => cat.message(
                lang,
                "import-unsupported-geometry",
                &Args::new().text("found", found.clone()),
            ),
            ImportProblem::MissingAgs => cat.message(lang, "import-missing-ags", &Args::new()),
        }
    }
}

impl Localize for ImportError {
    fn localize(&self, lang: Lang) -> String {
        let problem = self.problem_text(lang);
        let args = Args::new()
            .text("file", self.file.clone())
            .text("problem", problem);
        if let Some(path) = &self.path {
            return catalog().message(lang, "import-at-path", &args.text("path", path.clone()));
        }
        match (self.line, &self.column) {
            (Some(line), Some(column)) => catalog().message(
                lang,
                "import-at-cell",
                &args
                    .text("line", line.to_string())
                    .text("column", column.clone()),
            ),
            (Some(line), None) => {
                catalog().message(lang, "import-at-line", &args.text("line", line.to_string()))
            }
            _ => catalog().message(lang, "import-at-file", &args),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

/// All errors of an import (at most [`MAX_ERRORS`], and how many more there were).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportErrors {
    errors: Vec<ImportError>,
    more: usize,
}

impl ImportErrors {
    /// No errors yet.
    pub fn new() -> Self {
        ImportErrors::default()
    }

    /// One error.
    pub fn one(error: ImportError) -> Self {
        let mut errors = ImportErrors::new();
        errors.push(error);
        errors
    }

    /// Records an error (counting it only, beyond [`MAX_ERRORS`]).
    pub fn push(&mut self, error: ImportError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        } else {
            self.more += 1;
        }
    }

    /// Adds all errors of `other`.
    pub fn extend(&mut self, other: ImportErrors) {
        self.more += other.more;
        for error in other.errors {
            self.push(error);
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors kept.
    pub fn errors(&self) -> &[ImportError] {
        &self.errors
    }

    /// How many errors were counted beyond those kept.
    pub fn more(&self) -> usize {
        self.more
    }

    /// `Ok(value)` if there are no errors.
    pub fn into_result<T>(self, value: T) -> Result<T, ImportErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl Localize for ImportErrors {
    fn localize(&self, lang: Lang) -> String {
        let mut lines: Vec<String> = self.errors.iter().map(|e| e.localize(lang)).collect();
        if self.more > 0 {
            lines.push(catalog().message(
                lang,
                "import-more-errors",
                &Args::new().number("count", self.more as f64),
            ));
        }
        lines.join("\n")
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for ImportErrors {}

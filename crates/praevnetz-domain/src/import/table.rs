//! Reading a CSV file as spreadsheets write it: UTF-8 with or without byte-order mark, comma,
//! semicolon (German Excel) or tab as separator, a header line naming the columns.

use std::collections::HashMap;

use super::error::{ImportError, ImportErrors, ImportProblem};
use crate::error::{Field, Rule};

/// A column a kind of file may have.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// Canonical name (lower case).
    pub name: &'static str,
    /// Whether the header must name it.
    pub required: bool,
    /// Other names accepted in the header.
    pub aliases: &'static [&'static str],
}

impl Column {
    /// A required column.
    pub const fn required(name: &'static str) -> Column {
        Column {
            name,
            required: true,
            aliases: &[],
        }
    }

    /// An optional column.
    pub const fn optional(name: &'static str) -> Column {
        Column {
            name,
            required: false,
            aliases: &[],
        }
    }

    /// The same column under further names.
    pub const fn or(self, aliases: &'static [&'static str]) -> Column {
        Column { aliases, ..self }
    }
}

/// Separator of items within one cell (aliases, lists of references).
pub const LIST_SEPARATOR: char = '|';

/// A read file: header and records with their line numbers.
#[derive(Debug)]
pub struct Table {
    file: String,
    /// Canonical column name → (index, header text as written).
    index: HashMap<&'static str, (usize, String)>,
    records: Vec<(u64, csv::StringRecord)>,
}

fn detect_delimiter(header: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, count)| *count)
        .filter(|(_, count)| *count > 0)
        .map_or(b',', |(d, _)| *d)
}

/// Physical line numbers of byte offsets: lines end at `\n`, `\r\n` or a lone `\r` (old Mac
/// files), and blank lines count, so a number always matches what an editor shows.
struct Lines<'a> {
    bytes: &'a [u8],
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Lines<'a> {
        let mut starts = vec![0];
        for (i, byte) in bytes.iter().enumerate() {
            let ends_line = *byte == b'\n' || (*byte == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends_line {
                starts.push(i + 1);
            }
        }
        Lines { bytes, starts }
    }

    /// The 1-based line holding byte `offset`.
    fn of(&self, offset: u64) -> u64 {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        self.starts.partition_point(|start| *start <= offset) as u64
    }

    /// The line where the record reported at `offset` begins. The CSV reader reports the place
    /// where it began to read, before the blank lines it skips; the record starts after them.
    fn of_record(&self, offset: u64) -> u64 {
        let mut at = usize::try_from(offset).unwrap_or(usize::MAX);
        while matches!(self.bytes.get(at), Some(b'\n' | b'\r')) {
            at += 1;
        }
        self.of(at as u64)
    }
}

impl Table {
    /// Reads `bytes` as a file named `file` with the given columns.
    pub fn read(file: &str, bytes: &[u8], columns: &[Column]) -> Result<Table, ImportErrors> {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let line = Lines::new(bytes).of(error.valid_up_to() as u64);
                return Err(ImportErrors::one(ImportError::new(
                    file,
                    Some(line),
                    None,
                    ImportProblem::NotUtf8,
                )));
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = Lines::new(text.as_bytes());
        if text.trim().is_empty() {
            return Err(ImportErrors::one(ImportError::file(
                file,
                ImportProblem::Empty,
            )));
        }
        let header_line = text.lines().next().unwrap_or_default();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(detect_delimiter(header_line))
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| {
            ImportErrors::one(ImportError::new(
                file,
                Some(1),
                None,
                ImportProblem::Malformed {
                    detail: e.to_string(),
                },
            ))
        })?;
        let index = Self::check_header(file, headers, columns)?;

        let mut errors = ImportErrors::new();
        let mut records = Vec::new();
        for result in reader.records() {
            match result {
                Ok(record) => {
                    // Spreadsheets leave rows of empty cells behind; they carry nothing.
                    if record.iter().all(|cell| cell.trim().is_empty()) {
                        continue;
                    }
                    let line = record.position().map_or(0, |p| lines.of_record(p.byte()));
                    records.push((line, record));
                }
                Err(error) => {
                    let problem = match error.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => ImportProblem::CellCount {
                            expected: *expected_len,
                            found: *len,
                        },
                        _ => ImportProblem::Malformed {
                            detail: error.to_string(),
                        },
                    };
                    let line = error.position().map(|p| lines.of_record(p.byte()));
                    errors.push(ImportError::new(file, line, None, problem));
                }
            }
        }
        if errors.is_empty() && records.is_empty() {
            errors.push(ImportError::file(file, ImportProblem::NoRows));
        }
        errors.into_result(Table {
            file: file.to_owned(),
            index,
            records,
        })
    }

    fn check_header(
        file: &str,
        headers: &csv::StringRecord,
        columns: &[Column],
    ) -> Result<HashMap<&'static str, (usize, String)>, ImportErrors> {
        let mut errors = ImportErrors::new();
        let mut index: HashMap<&'static str, (usize, String)> = HashMap::new();
        let header_error =
            |column: &str, problem| ImportError::new(file, Some(1), Some(column), problem);
        for (position, written) in headers.iter().enumerate() {
            let name = written.trim().trim_start_matches('\u{feff}').to_lowercase();
            if name.is_empty() {
                // An unnamed trailing column is what spreadsheets add after the last one.
                continue;
            }
            let Some(column) = columns
                .iter()
                .find(|c| c.name == name || c.aliases.contains(&name.as_str()))
            else {
                errors.push(header_error(
                    written,
                    ImportProblem::UnknownColumn {
                        column: written.trim().to_owned(),
                        known: columns
                            .iter()
                            .map(|c| c.name)
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                ));
                continue;
            };
            if index
                .insert(column.name, (position, written.trim().to_owned()))
                .is_some()
            {
                errors.push(header_error(
                    written,
                    ImportProblem::DuplicateColumn {
                        column: written.trim().to_owned(),
                    },
                ));
            }
        }
        for column in columns.iter().filter(|c| c.required) {
            if !index.contains_key(column.name) {
                errors.push(ImportError::new(
                    file,
                    Some(1),
                    None,
                    ImportProblem::MissingColumn {
                        column: column.name.to_owned(),
                    },
                ));
            }
        }
        errors.into_result(index)
    }

    /// The file name.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The records.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().map(|(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// One record of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a Table,
    line: u64,
    record: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    /// The line in the file.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The column's header text as written (the canonical name if the column is absent).
    pub fn column_label(&self, column: &'static str) -> String {
        self.table
            .index
            .get(column)
            .map_or_else(|| column.to_owned(), |(_, written)| written.clone())
    }

    /// The trimmed cell, or `None` if the column is absent or the cell empty.
    pub fn get(&self, column: &'static str) -> Option<&'a str> {
        let (position, _) = self.table.index.get(column)?;
        let cell = self.record.get(*position)?.trim();
        (!cell.is_empty()).then_some(cell)
    }

    /// An error about this row's cell in `column`.
    pub fn error(&self, column: &'static str, problem: ImportProblem) -> ImportError {
        ImportError::cell(
            &self.table.file,
            self.line,
            &self.column_label(column),
            problem,
        )
    }

    /// An error about this row's cell in `column` breaking `rule` of `field`.
    pub fn invalid(&self, column: &'static str, field: Field, rule: Rule) -> ImportError {
        self.error(column, ImportProblem::Invalid(rule.at(field)))
    }

    /// Parses the cell if given.
    pub fn optional<T>(
        &self,
        column: &'static str,
        field: Field,
        parse: impl FnOnce(&str) -> Result<T, Rule>,
    ) -> Result<Option<T>, ImportError> {
        self.get(column)
            .map(|cell| parse(cell).map_err(|rule| self.invalid(column, field, rule)))
            .transpose()
    }

    /// Parses the cell, which must be given.
    pub fn required<T>(
        &self,
        column: &'static str,
        field: Field,
        parse: impl FnOnce(&str) -> Result<T, Rule>,
    ) -> Result<T, ImportError> {
        self.optional(column, field, parse)?
            .ok_or_else(|| self.invalid(column, field, Rule::Required))
    }

    /// Parses each item of a `|`-separated list; an empty cell is an empty list.
    pub fn list<T>(
        &self,
        column: &'static str,
        field: Field,
        mut parse: impl FnMut(&str) -> Result<T, Rule>,
    ) -> Result<Vec<T>, ImportError> {
        let Some(cell) = self.get(column) else {
            return Ok(Vec::new());
        };
        cell.split(LIST_SEPARATOR)
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| parse(item).map_err(|rule| self.invalid(column, field, rule)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::required("ags"),
        Column::required("name"),
        Column::optional("population").or(&["einwohner"]),
    ];

    fn read(text: &str) -> Result<Table, ImportErrors> {
        Table::read("test.csv", text.as_bytes(), COLUMNS)
    }

    #[test]
    fn reads_commas_semicolons_tabs_and_a_byte_order_mark() {
        for text in [
            "ags,name\n14522140,\"Flöha, Stadt\"\n",
            "\u{feff}AGS;Name\n14522140;Flöha, Stadt\n",
            "ags\tname\n14522140\tFlöha, Stadt\n",
        ] {
            let table = read(text).unwrap();
            let row = table.rows().next().unwrap();
            assert_eq!(row.get("name"), Some("Flöha, Stadt"), "{text:?}");
            assert_eq!(row.line(), 2);
        }
    }

    #[test]
    fn header_aliases_and_rows_of_empty_cells() {
        let table = read("ags;name;Einwohner;\n14522140;Flöha;11143;\n;;;\n").unwrap();
        assert_eq!(table.len(), 1);
        let row = table.rows().next().unwrap();
        assert_eq!(row.get("population"), Some("11143"));
        assert_eq!(row.column_label("population"), "Einwohner");
    }

    #[test]
    fn bad_files_are_refused_with_their_place() {
        let not_utf8 = Table::read("x.csv", b"ags,name\n1452214\xf6,x\n", COLUMNS).unwrap_err();
        assert_eq!(*not_utf8.errors()[0].problem, ImportProblem::NotUtf8);
        assert_eq!(not_utf8.errors()[0].line, Some(2));

        assert_eq!(
            *read("").unwrap_err().errors()[0].problem,
            ImportProblem::Empty
        );
        assert_eq!(
            *read("  \n").unwrap_err().errors()[0].problem,
            ImportProblem::Empty
        );
        assert_eq!(
            *read("ags,name\n").unwrap_err().errors()[0].problem,
            ImportProblem::NoRows
        );

        let missing = read("ags\n14522140\n").unwrap_err();
        assert_eq!(
            *missing.errors()[0].problem,
            ImportProblem::MissingColumn {
                column: "name".into()
            }
        );
        let unknown = read("ags,name,kreis\n1,2,3\n").unwrap_err();
        assert!(matches!(
        *unknown.errors()[0].problem,
                    ImportProblem::UnknownColumn { ref column, .. } if column == "kreis"
                ));
        let twice = read("ags,name,Name\n1,2,3\n").unwrap_err();
        assert!(matches!(
            *twice.errors()[0].problem,
            ImportProblem::DuplicateColumn { .. }
        ));
        let ragged = read("ags,name\n1,2\n3,4,5\n").unwrap_err();
        assert_eq!(ragged.errors()[0].line, Some(3));
        assert_eq!(
            *ragged.errors()[0].problem,
            ImportProblem::CellCount {
                expected: 2,
                found: 3
            }
        );
    }

    #[test]
    fn line_numbers_count_blank_lines_and_every_kind_of_line_end() {
        let lines =
            |text: &str| -> Vec<u64> { read(text).unwrap().rows().map(|r| r.line()).collect() };
        assert_eq!(lines("ags,name\n1,a\n\n\n2,b\n"), [2, 5]);
        assert_eq!(lines("ags,name\r\n1,a\r\n\r\n2,b\r\n"), [2, 4]);
        assert_eq!(lines("ags,name\r1,a\r2,b\r"), [2, 3]);
        // A quoted cell spanning lines: the record starts where it starts.
        assert_eq!(lines("ags,name\n1,\"a\nb\"\n2,c\n"), [2, 4]);
        let error = read("ags,name\n1,a\n\n3,b,c\n").unwrap_err();
        assert_eq!(error.errors()[0].line, Some(4));
        let not_utf8 = Table::read("x.csv", b"ags,name\r1,a\r2,\xf6\r", COLUMNS).unwrap_err();
        assert_eq!(not_utf8.errors()[0].line, Some(3));
    }

    #[test]
    fn lists_are_separated_by_pipes() {
        let table = read("ags,name\n1, a | b ||c \n").unwrap();
        let row = table.rows().next().unwrap();
        let items = row
            .list("name", Field::Name, |s| Ok::<_, Rule>(s.to_owned()))
            .unwrap();
        assert_eq!(items, ["a", "b", "c"]);
    }
}

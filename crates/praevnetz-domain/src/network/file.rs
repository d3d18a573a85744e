//! Network files as Gephi and NetworkX users exchange them: GraphML, GEXF and CSV edge lists.
//!
//! Reading checks the whole file before anything is analysed and names the line of the first
//! problem. Two things are normalised rather than refused, and counted in [`FileNetwork`] so
//! that the output can say so: self-loops are dropped (the measures assume simple graphs), and
//! an edge given twice is kept once with the weight given last (as NetworkX's `Graph` does when
//! an edge is added again). For undirected files `a–b` and `b–a` are the same edge.
//!
//! Weights are read only when asked for (`weight`): without it every edge counts 1, as
//! NetworkX's measures with `weight=None`. A weight must be a finite number above zero.

use std::collections::HashMap;

use praevnetz_graph::{Direction, Graph};
use quick_xml::escape::unescape;
use quick_xml::events::{BytesStart, Event};

use crate::i18n::{Args, Lang, Localize, catalog};

/// The formats read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// GraphML (`http://graphml.graphdrawing.org/xmlns`), as `networkx.write_graphml` and
    /// Gephi write it.
    GraphMl,
    /// GEXF 1.2/1.3 (`http://gexf.net`), Gephi's own format.
    Gexf,
    /// A CSV edge list with the header `source,target[,weight…]`.
    Csv,
}

impl FileFormat {
    /// The format a file name's extension names (`.graphml`, `.gexf`, `.csv`).
    pub fn from_extension(name: &str) -> Option<FileFormat> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "graphml" | "xml" => Some(FileFormat::GraphMl),
            "gexf" => Some(FileFormat::Gexf),
            "csv" | "txt" => Some(FileFormat::Csv),
            _ => None,
        }
    }

    /// The format of a file's contents: XML by its root element, otherwise CSV.
    pub fn sniff(text: &str) -> FileFormat {
        let head: String = text.chars().take(4096).collect();
        if head.contains("<graphml") {
            FileFormat::GraphMl
        } else if head.contains("<gexf") {
            FileFormat::Gexf
        } else {
            FileFormat::Csv
        }
    }
}

/// How to read a file.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions<'a> {
    /// Read edges as directed even where the file declares them undirected (CSV files declare
    /// nothing and are undirected without this).
    pub directed: bool,
    /// The edge attribute (CSV: the column) that holds the weight; `None` reads no weights.
    pub weight: Option<&'a str>,
}

/// A network read from a file: node ids in file order, and the graph over their indices.
#[derive(Clone, Debug)]
pub struct FileNetwork {
    /// The node ids as the file gives them; node `i` of [`FileNetwork::graph`] is `ids[i]`.
    pub ids: Vec<String>,
    /// The graph, weighted if weights were asked for.
    pub graph: Graph,
    /// Self-loops dropped.
    pub self_loops: usize,
    /// Edges given more than once and kept once.
    pub duplicates: usize,
}

/// What is wrong with a network file.
#[derive(Clone, Debug, PartialEq)]
pub enum FileProblem {
    /// The file is not UTF-8.
    NotUtf8,
    /// The XML is not well-formed (the parser's message).
    Xml(String),
    /// The CSV is not readable (the parser's message).
    Csv(String),
    /// The root element is not the format's.
    NotThisFormat(FileFormat),
    /// An element lacks a required attribute.
    MissingAttribute {
        element: String,
        attribute: &'static str,
    },
    /// An attribute has a value outside the format's choices.
    BadAttribute {
        attribute: &'static str,
        value: String,
    },
    /// Two nodes with the same id.
    DuplicateNode(String),
    /// A node id that is empty.
    EmptyId,
    /// An edge names a node the file does not declare.
    UnknownNode(String),
    /// The requested weight attribute is not declared for edges (or is no CSV column).
    UnknownWeight(String),
    /// An edge has no value for the weight and the attribute no default.
    MissingWeight(String),
    /// A weight that is not a number.
    WeightNotNumber(String),
    /// A weight that is zero, negative, NaN or infinite.
    WeightNotPositive(String),
    /// The CSV header is not `source,target[,…]`.
    CsvHeader(String),
    /// The file declares no nodes (or, for CSV, no edges).
    Empty,
    /// More than 2³² − 1 nodes.
    TooLarge,
}

/// A problem and where: the line (counted from 1) when it is known.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// The line of the element or record.
    pub line: Option<u64>,
    /// What is wrong.
    pub problem: FileProblem,
}

impl FileError {
    fn at(line: u64, problem: FileProblem) -> FileError {
        FileError {
            line: Some(line),
            problem,
        }
    }

    fn whole(problem: FileProblem) -> FileError {
        FileError {
            line: None,
            problem,
        }
    }

    fn problem_text(&self, lang: Lang) -> String {
        let (id, args) = match &self.problem {
            FileProblem::NotUtf8 => ("netfile-not-utf8", Args::new()),
            FileProblem::Xml(reason) => ("netfile-xml", Args::new().text("reason", reason.clone())),
            FileProblem::Csv(reason) => ("netfile-csv", Args::new().text("reason", reason.clone())),
            FileProblem::NotThisFormat(format) => (
                "netfile-not-format",
                Args::new().text(
                    "format",
                    match format {
                        FileFormat::GraphMl => "GraphML",
                        FileFormat::Gexf => "GEXF",
                        FileFormat::Csv => "CSV",
                    },
                ),
            ),
            FileProblem::MissingAttribute { element, attribute } => (
                "netfile-missing-attribute",
                Args::new()
                    .text("element", element.clone())
                    .text("attribute", *attribute),
            ),
            FileProblem::BadAttribute { attribute, value } => (
                "netfile-bad-attribute",
                Args::new()
                    .text("attribute", *attribute)
                    .text("value", value.clone()),
            ),
            FileProblem::DuplicateNode(id) => {
                ("netfile-duplicate-node", Args::new().text("id", id.clone()))
            }
            FileProblem::EmptyId => ("netfile-empty-id", Args::new()),
            FileProblem::UnknownNode(id) => {
                ("netfile-unknown-node", Args::new().text("id", id.clone()))
            }
            FileProblem::UnknownWeight(name) => (
                "netfile-unknown-weight",
                Args::new().text("name", name.clone()),
            ),
            FileProblem::MissingWeight(name) => (
                "netfile-missing-weight",
                Args::new().text("name", name.clone()),
            ),
            FileProblem::WeightNotNumber(value) => (
                "netfile-weight-not-number",
                Args::new().text("value", value.clone()),
            ),
            FileProblem::WeightNotPositive(value) => (
                "netfile-weight-not-positive",
                Args::new().text("value", value.clone()),
            ),
            FileProblem::CsvHeader(found) => (
                "netfile-csv-header",
                Args::new().text("found", found.clone()),
            ),
            FileProblem::Empty => ("netfile-empty", Args::new()),
            FileProblem::TooLarge => ("netfile-too-large", Args::new()),
        };
        catalog().message(lang, id, &args)
    }
}

impl Localize for FileError {
    fn localize(&self, lang: Lang) -> String {
        let problem = self.problem_text(lang);
        match self.line {
            Some(line) => catalog().message(
                lang,
                "netfile-at-line",
                &Args::new()
                    .text("line", line.to_string())
                    .text("problem", problem),
            ),
            None => problem,
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for FileError {}

/// Reads a network file of the given format from its bytes.
///
/// ```
/// use praevnetz_domain::network::file::{read, FileFormat, ReadOptions};
/// let csv = b"source,target,weight\nA,B,2\nB,C,1\nC,C,1\n";
/// let options = ReadOptions { directed: false, weight: Some("weight") };
/// let network = read(csv, FileFormat::Csv, options)?;
/// assert_eq!(network.ids, ["A", "B", "C"]);
/// assert_eq!(network.graph.edge_count(), 2);
/// assert_eq!(network.self_loops, 1);
/// # Ok::<(), praevnetz_domain::network::file::FileError>(())
/// ```
pub fn read(
    bytes: &[u8],
    format: FileFormat,
    options: ReadOptions<'_>,
) -> Result<FileNetwork, FileError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = Lines::of(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]))
            .0
            .len() as u64
            + 1;
        FileError::at(line, FileProblem::NotUtf8)
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let collected = match format {
        FileFormat::GraphMl => read_xml(text, &GRAPHML, options)?,
        FileFormat::Gexf => read_xml(text, &GEXF, options)?,
        FileFormat::Csv => read_csv(text, options)?,
    };
    collected.finish()
}

/// Nodes and edges as read, before normalisation.
struct Collected {
    ids: Vec<String>,
    index: HashMap<String, usize>,
    /// (source, target, weight) by node index.
    edges: Vec<(usize, usize, f64)>,
    directed: bool,
    weighted: bool,
}

impl Collected {
    fn new(directed: bool, weighted: bool) -> Collected {
        Collected {
            ids: Vec::new(),
            index: HashMap::new(),
            edges: Vec::new(),
            directed,
            weighted,
        }
    }

    /// Adds a node; `false` if the id is taken.
    fn add_node(&mut self, id: &str) -> bool {
        if self.index.contains_key(id) {
            return false;
        }
        self.index.insert(id.to_owned(), self.ids.len());
        self.ids.push(id.to_owned());
        true
    }

    /// The index of a node, adding it if `declare` (CSV declares nodes by their edges).
    fn node(&mut self, id: &str, declare: bool) -> Option<usize> {
        if let Some(&i) = self.index.get(id) {
            return Some(i);
        }
        if declare {
            self.add_node(id);
            return self.index.get(id).copied();
        }
        None
    }

    fn finish(self) -> Result<FileNetwork, FileError> {
        if self.ids.is_empty() {
            return Err(FileError::whole(FileProblem::Empty));
        }
        if u32::try_from(self.ids.len()).is_err() {
            return Err(FileError::whole(FileProblem::TooLarge));
        }
        let direction = if self.directed {
            Direction::Directed
        } else {
            Direction::Undirected
        };
        let self_loops = self.edges.iter().filter(|(a, b, _)| a == b).count();
        let mut pairs: Vec<(usize, usize)> = self
            .edges
            .iter()
            .filter(|(a, b, _)| a != b)
            .map(|&(a, b, _)| {
                if self.directed {
                    (a, b)
                } else {
                    (a.min(b), a.max(b))
                }
            })
            .collect();
        let given = pairs.len();
        pairs.sort_unstable();
        pairs.dedup();
        let duplicates = given - pairs.len();
        let n = self.ids.len();
        // Indices come from the collected nodes and weights were checked as they were read.
        let graph = if self.weighted {
            Graph::from_weighted_edges(n, &self.edges, direction)
                .map_err(|e| FileError::whole(FileProblem::WeightNotPositive(e.to_string())))?
        } else {
            Graph::from_edges(n, &pairs, direction)
                .map_err(|e| FileError::whole(FileProblem::UnknownNode(e.to_string())))?
        };
        Ok(FileNetwork {
            ids: self.ids,
            graph,
            self_loops,
            duplicates,
        })
    }
}

/// A weight as written, checked.
fn weight(value: &str, line: u64) -> Result<f64, FileError> {
    let trimmed = value.trim();
    let parsed: f64 = trimmed
        .parse()
        .map_err(|_| FileError::at(line, FileProblem::WeightNotNumber(trimmed.to_owned())))?;
    if parsed.is_finite() && parsed > 0.0 {
        Ok(parsed)
    } else {
        Err(FileError::at(
            line,
            FileProblem::WeightNotPositive(trimmed.to_owned()),
        ))
    }
}

fn read_csv(text: &str, options: ReadOptions<'_>) -> Result<Collected, FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let csv_error = |e: &csv::Error| {
        let line = e.position().map_or(1, csv::Position::line);
        FileError::at(line, FileProblem::Csv(e.to_string()))
    };
    let headers = reader.headers().map_err(|e| csv_error(&e))?.clone();
    let names: Vec<String> = headers.iter().map(str::to_lowercase).collect();
    if names.len() < 2 || names[0] != "source" || names[1] != "target" {
        return Err(FileError::at(
            1,
            FileProblem::CsvHeader(headers.iter().collect::<Vec<_>>().join(",")),
        ));
    }
    let weight_column = match options.weight {
        None => None,
        Some(name) => Some(
            names
                .iter()
                .position(|h| *h == name.to_lowercase())
                .filter(|&i| i >= 2)
                .ok_or_else(|| FileError::at(1, FileProblem::UnknownWeight(name.to_owned())))?,
        ),
    };
    let mut collected = Collected::new(options.directed, weight_column.is_some());
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(1, csv::Position::line);
        let mut ends = [0; 2];
        for (end, field) in ends.iter_mut().zip([0, 1]) {
            let id = record.get(field).unwrap_or("");
            if id.is_empty() {
                return Err(FileError::at(line, FileProblem::EmptyId));
            }
            *end = collected
                .node(id, true)
                .ok_or_else(|| FileError::at(line, FileProblem::UnknownNode(id.to_owned())))?;
        }
        let w = match weight_column {
            Some(column) => {
                let Some(value) = record.get(column).filter(|v| !v.is_empty()) else {
                    let name = options.weight.unwrap_or("weight").to_owned();
                    return Err(FileError::at(line, FileProblem::MissingWeight(name)));
                };
                weight(value, line)?
            }
            None => 1.0,
        };
        collected.edges.push((ends[0], ends[1], w));
    }
    if collected.edges.is_empty() {
        return Err(FileError::whole(FileProblem::Empty));
    }
    Ok(collected)
}

/// The element and attribute names of one XML format.
struct XmlFormat {
    format: FileFormat,
    root: &'static str,
    /// The element declaring an attribute (GraphML `key`, GEXF `attribute`).
    declaration: &'static str,
    /// The attribute of the declaration that names it for humans.
    title: &'static str,
    /// The element carrying an attribute value (GraphML `data`, GEXF `attvalue`).
    value: &'static str,
    /// Its attribute that refers to the declaration.
    value_key: &'static str,
    /// The graph element's attribute giving the default edge direction.
    edge_default: &'static str,
}

const GRAPHML: XmlFormat = XmlFormat {
    format: FileFormat::GraphMl,
    root: "graphml",
    declaration: "key",
    title: "attr.name",
    value: "data",
    value_key: "key",
    edge_default: "edgedefault",
};

const GEXF: XmlFormat = XmlFormat {
    format: FileFormat::Gexf,
    root: "gexf",
    declaration: "attribute",
    title: "title",
    value: "attvalue",
    value_key: "for",
    edge_default: "defaultedgetype",
};

/// Line numbers of byte offsets.
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    fn line(&self, offset: u64) -> u64 {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        self.0.partition_point(|&newline| newline < offset) as u64 + 1
    }
}

/// An attribute's value, unescaped.
fn attribute(element: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    match element.try_get_attribute(name) {
        Ok(Some(a)) => a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| Some(v.into_owned()))
            .map_err(|e| e.to_string()),
        Ok(None) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// An edge being read: its ends, line and weight so far.
struct PendingEdge {
    source: usize,
    target: usize,
    line: u64,
    weight: Option<String>,
}

/// A declaration element being read (its `<default>` child may follow).
struct PendingDeclaration {
    id: String,
    for_edges: bool,
    title: Option<String>,
    /// Its `<default>` value.
    default: Option<String>,
}

/// What an XML reader has seen so far.
struct XmlState<'o> {
    format: &'static XmlFormat,
    options: ReadOptions<'o>,
    collected: Collected,
    /// The declared edge attribute that holds the weight: its key and default.
    weight_key: Option<String>,
    weight_default: Option<String>,
    declaration: Option<PendingDeclaration>,
    edge: Option<PendingEdge>,
    /// Which element's text is being collected.
    collecting: Collecting,
    text: String,
    seen_root: bool,
    seen_graph: bool,
}

fn read_xml(
    text: &str,
    format: &'static XmlFormat,
    options: ReadOptions<'_>,
) -> Result<Collected, FileError> {
    let lines = Lines::of(text);
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut state = XmlState {
        format,
        options,
        collected: Collected::new(options.directed, options.weight.is_some()),
        weight_key: None,
        weight_default: None,
        declaration: None,
        edge: None,
        collecting: Collecting::Nothing,
        text: String::new(),
        seen_root: false,
        seen_graph: false,
    };
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            FileError::at(
                lines.line(reader.error_position()),
                FileProblem::Xml(e.to_string()),
            )
        })?;
        let line = lines.line(position);
        let collecting = state.collecting != Collecting::Nothing;
        match event {
            Event::Start(element) if state.start(&element, line)? == Skip::Element => {
                reader
                    .read_to_end(element.name())
                    .map_err(|e| FileError::at(line, FileProblem::Xml(e.to_string())))?;
            }
            Event::Text(t) if collecting => state.text.push_str(&t.xml10_content()),
            Event::CData(t) if collecting => state.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if collecting => {
                let raw = format!("&{};", r.xml10_content());
                let resolved = unescape(&raw)
                    .map_err(|e| FileError::at(line, FileProblem::Xml(e.to_string())))?;
                state.text.push_str(&resolved);
            }
            Event::End(element) => state.end(element.local_name().as_ref())?,
            Event::Eof => break,
            _ => {}
        }
    }
    if !state.seen_root {
        return Err(FileError::whole(FileProblem::NotThisFormat(format.format)));
    }
    Ok(state.collected)
}

/// Whose text the reader collects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Collecting {
    Nothing,
    /// A declaration's `<default>`.
    Default,
    /// The weight's value element of an edge.
    Weight,
}

/// Whether to read an element's contents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    Nothing,
    Element,
}

impl XmlState<'_> {
    fn start(&mut self, element: &BytesStart<'_>, line: u64) -> Result<Skip, FileError> {
        let local = element.local_name();
        let name = local.as_ref();
        let format = self.format;
        let xml = |e: String| FileError::at(line, FileProblem::Xml(e));
        if !self.seen_root {
            if name != format.root {
                return Err(FileError::at(
                    line,
                    FileProblem::NotThisFormat(format.format),
                ));
            }
            self.seen_root = true;
            return Ok(Skip::Nothing);
        }
        let required = |attr: &'static str| -> Result<String, FileError> {
            attribute(element, attr).map_err(xml)?.ok_or_else(|| {
                FileError::at(
                    line,
                    FileProblem::MissingAttribute {
                        element: name.to_owned(),
                        attribute: attr,
                    },
                )
            })
        };
        let unsupported = |attribute: &'static str, value: &str| {
            FileError::at(
                line,
                FileProblem::BadAttribute {
                    attribute,
                    value: value.to_owned(),
                },
            )
        };
        match name {
            "graph" => self.start_graph(element, line)?,
            "hyperedge" => return Err(unsupported("hyperedge", "hyperedge")),
            // GEXF groups declarations by class; edge ones are the only ones read.
            "attributes"
                if format.format == FileFormat::Gexf
                    && attribute(element, "class").map_err(xml)?.as_deref() != Some("edge") =>
            {
                return Ok(Skip::Element);
            }
            "default" => {
                if self.declaration.is_some() {
                    self.collecting = Collecting::Default;
                }
                self.text.clear();
            }
            "node" => {
                let id = required("id")?;
                if id.is_empty() {
                    return Err(FileError::at(line, FileProblem::EmptyId));
                }
                if !self.collected.add_node(&id) {
                    return Err(FileError::at(line, FileProblem::DuplicateNode(id)));
                }
            }
            "edge" => self.start_edge(element, line, required)?,
            _ if name == format.declaration => {
                let scope = match format.format {
                    FileFormat::Gexf => None,
                    _ => attribute(element, "for").map_err(xml)?,
                };
                self.declaration = Some(PendingDeclaration {
                    id: required("id")?,
                    for_edges: scope.is_none_or(|s| s == "edge" || s == "all"),
                    title: attribute(element, format.title).map_err(xml)?,
                    default: None,
                });
            }
            _ if name == format.value && self.edge.is_some() => {
                let key = required(format.value_key)?;
                let holds_weight = self.weight_key.as_deref() == Some(key.as_str());
                if holds_weight && format.format == FileFormat::Gexf {
                    let value = required("value")?;
                    if let Some(pending) = self.edge.as_mut() {
                        pending.weight = Some(value);
                    }
                } else {
                    if holds_weight {
                        self.collecting = Collecting::Weight;
                    }
                    self.text.clear();
                }
            }
            _ => {}
        }
        Ok(Skip::Nothing)
    }

    fn start_graph(&mut self, element: &BytesStart<'_>, line: u64) -> Result<(), FileError> {
        let unsupported = |attribute: &'static str, value: &str| {
            FileError::at(
                line,
                FileProblem::BadAttribute {
                    attribute,
                    value: value.to_owned(),
                },
            )
        };
        if self.seen_graph {
            // Nested graphs (GraphML subgraphs) are not read.
            return Err(unsupported("graph", "nested"));
        }
        self.seen_graph = true;
        let declared = attribute(element, self.format.edge_default)
            .map_err(|e| FileError::at(line, FileProblem::Xml(e)))?;
        if let Some(kind) = declared {
            match kind.as_str() {
                "directed" => self.collected.directed = true,
                "undirected" | "mutual" => {}
                _ => return Err(unsupported(self.format.edge_default, &kind)),
            }
        }
        Ok(())
    }

    fn start_edge(
        &mut self,
        element: &BytesStart<'_>,
        line: u64,
        required: impl Fn(&'static str) -> Result<String, FileError>,
    ) -> Result<(), FileError> {
        // GEXF carries its weight as an attribute of the edge itself.
        let own = self.format.format == FileFormat::Gexf && self.options.weight == Some("weight");
        if let Some(wanted) = self.options.weight
            && self.weight_key.is_none()
            && !own
        {
            // Declarations precede the graph, so none will follow.
            return Err(FileError::at(
                line,
                FileProblem::UnknownWeight(wanted.to_owned()),
            ));
        }
        let mut ends = [0; 2];
        for (end, attr) in ends.iter_mut().zip(["source", "target"]) {
            let id = required(attr)?;
            *end = self
                .collected
                .node(&id, false)
                .ok_or_else(|| FileError::at(line, FileProblem::UnknownNode(id)))?;
        }
        let weight = if own {
            Some(
                attribute(element, "weight")
                    .map_err(|e| FileError::at(line, FileProblem::Xml(e)))?
                    .unwrap_or_else(|| "1".to_owned()),
            )
        } else {
            None
        };
        self.edge = Some(PendingEdge {
            source: ends[0],
            target: ends[1],
            line,
            weight,
        });
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), FileError> {
        if name == "default" && self.collecting == Collecting::Default {
            self.collecting = Collecting::Nothing;
            if let Some(d) = self.declaration.as_mut() {
                d.default = Some(self.text.clone());
            }
        } else if name == self.format.declaration {
            if let (Some(d), Some(wanted)) = (self.declaration.take(), self.options.weight)
                && d.for_edges
                && d.title.as_deref().unwrap_or(&d.id) == wanted
            {
                self.weight_key = Some(d.id);
                self.weight_default = d.default;
            }
        } else if name == self.format.value && self.collecting == Collecting::Weight {
            self.collecting = Collecting::Nothing;
            if let Some(pending) = self.edge.as_mut() {
                pending.weight = Some(self.text.clone());
            }
        } else if name == "edge"
            && let Some(pending) = self.edge.take()
        {
            let w = match self.options.weight {
                None => 1.0,
                Some(wanted) => {
                    let Some(value) = pending.weight.or_else(|| self.weight_default.clone()) else {
                        return Err(FileError::at(
                            pending.line,
                            FileProblem::MissingWeight(wanted.to_owned()),
                        ));
                    };
                    weight(&value, pending.line)?
                }
            };
            self.collected
                .edges
                .push((pending.source, pending.target, w));
        }
        Ok(())
    }
}

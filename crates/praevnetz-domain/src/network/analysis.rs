//! The analysis report: the measures of `praevnetz-graph` for every node of a network, with
//! the whole graph's figures, as the command line prints them (JSON or CSV) and the network
//! pages show them.
//!
//! Conventions are NetworkX's (see `praevnetz_graph`); power iterations run until they settle
//! ([`Convergence::TIGHT`]) rather than stopping at NetworkX's looser default. Values a measure
//! does not define (the constraint of an isolated node) are `null` in JSON and empty in CSV.

use std::borrow::Cow;

use praevnetz_graph::Graph;
use praevnetz_graph::centrality::{
    self, Accuracy, Convergence, Threads, betweenness, betweenness_sampled, closeness,
    closeness_and_harmonic, eigenvector_to, harmonic, pagerank_to,
};
use praevnetz_graph::community::louvain;
use praevnetz_graph::holes::{constraint, effective_size};
use praevnetz_graph::structure::{
    clustering, connected_components, core_numbers, cut_sets, transitivity,
};
use serde::Serialize;

use crate::i18n::{Args, Lang, Localize, catalog};

/// One measure that can be asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    Degree,
    Betweenness,
    Closeness,
    Harmonic,
    PageRank,
    Eigenvector,
    Clustering,
    Constraint,
    EffectiveSize,
    Core,
    Community,
    ArticulationPoint,
    Bridges,
}

impl Metric {
    /// Every measure, in output order.
    pub const ALL: [Metric; 13] = [
        Metric::Degree,
        Metric::Betweenness,
        Metric::Closeness,
        Metric::Harmonic,
        Metric::PageRank,
        Metric::Eigenvector,
        Metric::Clustering,
        Metric::Constraint,
        Metric::EffectiveSize,
        Metric::Core,
        Metric::Community,
        Metric::ArticulationPoint,
        Metric::Bridges,
    ];

    /// The name used in `--metrics`, in JSON keys and in CSV headers.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::Harmonic => "harmonic",
            Metric::PageRank => "pagerank",
            Metric::Eigenvector => "eigenvector",
            Metric::Clustering => "clustering",
            Metric::Constraint => "constraint",
            Metric::EffectiveSize => "effective_size",
            Metric::Core => "core",
            Metric::Community => "community",
            Metric::ArticulationPoint => "articulation_point",
            Metric::Bridges => "bridges",
        }
    }

    /// The measure of a name.
    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// A set of measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Metrics(u16);

impl Metrics {
    /// All measures.
    pub const ALL: Metrics = Metrics((1 << Metric::ALL.len()) - 1);

    /// The set of `metrics`.
    ///
    /// ```
    /// use praevnetz_domain::network::analysis::{Metric, Metrics};
    /// let m = Metrics::of(&[Metric::Degree, Metric::Betweenness]);
    /// assert!(m.has(Metric::Degree) && !m.has(Metric::Core));
    /// ```
    pub const fn of(metrics: &[Metric]) -> Metrics {
        let mut bits = 0;
        let mut k = 0;
        while k < metrics.len() {
            bits |= 1 << metrics[k] as u16;
            k += 1;
        }
        Metrics(bits)
    }

    /// Whether `metric` is in the set.
    pub fn has(self, metric: Metric) -> bool {
        self.0 & (1 << metric as u16) != 0
    }

    /// The set of the comma-separated names in `list` (`"betweenness,closeness"`).
    ///
    /// ```
    /// use praevnetz_domain::network::analysis::{Metric, Metrics};
    /// let m = Metrics::parse("betweenness, core")?;
    /// assert!(m.has(Metric::Core) && !m.has(Metric::Degree));
    /// assert!(Metrics::parse("betweeness").is_err());
    /// # Ok::<(), praevnetz_domain::network::analysis::UnknownMetric>(())
    /// ```
    pub fn parse(list: &str) -> Result<Metrics, UnknownMetric> {
        let mut bits = 0;
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let metric = Metric::from_name(name).ok_or_else(|| UnknownMetric(name.to_owned()))?;
            bits |= 1 << metric as u16;
        }
        if bits == 0 {
            return Err(UnknownMetric(list.to_owned()));
        }
        Ok(Metrics(bits))
    }
}

/// A name in `--metrics` that is no measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownMetric(pub String);

impl Localize for UnknownMetric {
    fn localize(&self, lang: Lang) -> String {
        let known: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
        catalog().message(
            lang,
            "analysis-unknown-metric",
            &Args::new()
                .text("name", self.0.clone())
                .text("known", known.join(", ")),
        )
    }
}

impl std::fmt::Display for UnknownMetric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for UnknownMetric {}

/// What the weights of a graph mean to the path measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lengths {
    /// Weights are lengths (a file analysed with `--weight`, as NetworkX's `weight=`).
    Weights,
    /// Every tie has length 1; weights, if any, are strengths only (the stored network, whose
    /// tie strength would make strong ties long).
    Steps,
}

/// How to analyse.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The measures to compute.
    pub metrics: Metrics,
    /// Threads for the path measures.
    pub threads: Threads,
    /// What weights mean to path measures.
    pub lengths: Lengths,
    /// Seed of the community search and of sampled estimates.
    pub seed: u64,
    /// Whether path measures may be estimated on large graphs.
    pub exactness: Exactness,
}

/// Exact values, or estimates where exact ones would take long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exactness {
    /// Exact up to [`EXACT_LIMIT`], estimated with [`ESTIMATE_ACCURACY`] above it.
    Auto,
    /// Exact up to the given size (as [`path_size`]), estimated above it: a server's own limit.
    Above(u64),
    /// Always exact, however long it takes.
    Exact,
}

impl Exactness {
    /// Whether the betweenness of an unweighted graph of `size` ([`path_size`]) is estimated.
    ///
    /// ```
    /// use praevnetz_domain::network::analysis::{EXACT_LIMIT, Exactness};
    /// assert!(Exactness::Auto.estimates(EXACT_LIMIT + 1));
    /// assert!(!Exactness::Above(1_000).estimates(1_000));
    /// assert!(!Exactness::Exact.estimates(u64::MAX));
    /// ```
    pub fn estimates(self, size: u64) -> bool {
        match self {
            Exactness::Auto => size > EXACT_LIMIT,
            Exactness::Above(limit) => size > limit,
            Exactness::Exact => false,
        }
    }
}

/// The size that decides how long exact betweenness takes: nodes × edge ends (n · 2m for an
/// undirected graph), the work of one breadth-first search per node.
pub fn path_size(graph: &Graph) -> u64 {
    graph.node_count() as u64 * graph.neighbors_total() as u64
}

/// The largest graph, as nodes × edge ends (n · 2m for undirected graphs), whose betweenness
/// is computed exactly unless asked: about two seconds on this project's two-core reference
/// machine (docs/benchmarks.md). The demo network lies far below it, the state-wide synthetic
/// one (25,000 persons, 139,000 ties) far above.
pub const EXACT_LIMIT: u64 = 600_000_000;

/// The guarantee of estimated betweenness: every node within 0.01 on the normalised scale with
/// probability at least 90 %.
pub const ESTIMATE_ACCURACY: (f64, f64) = (0.01, 0.1);

/// A node's key in the report: the id in a file, or a stored actor's id.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum NodeKey {
    /// An id as written in a file.
    Text(String),
    /// A stored record's id.
    Number(i64),
}

impl std::fmt::Display for NodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NodeKey::Text(t) => f.write_str(t),
            NodeKey::Number(n) => write!(f, "{n}"),
        }
    }
}

/// The figures of the whole graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GraphFigures {
    pub nodes: usize,
    pub edges: usize,
    pub directed: bool,
    pub weighted: bool,
    pub density: f64,
    /// Connected components (weak ones for directed graphs).
    pub components: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transitivity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modularity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub communities: Option<usize>,
}

/// The measures of one node; those not asked for are absent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeFigures {
    pub id: NodeKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A stored actor's pillar (its code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pillar: Option<&'static str>,
    /// A stored actor's home municipality (AGS).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub degree: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub betweenness: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closeness: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harmonic: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagerank: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eigenvector: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clustering: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraint: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_size: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub core: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub community: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articulation_point: Option<bool>,
}

/// A value that a measure may leave undefined (serialised as `null`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Value(pub Option<f64>);

impl Value {
    fn of(x: f64) -> Value {
        Value(x.is_finite().then_some(x))
    }
}

/// Something the reader of a report must know: a normalisation of the input, or a measure
/// that could not be computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// Self-loops in the input were dropped.
    SelfLoopsDropped { count: usize },
    /// Edges given more than once were kept once (the last weight given).
    DuplicateEdgesMerged { count: usize },
    /// A power iteration did not settle; its values are `null`.
    NotConverged {
        metric: &'static str,
        iterations: usize,
    },
    /// Betweenness was estimated from sampled shortest paths: every value lies within
    /// `epsilon` of the exact one with probability at least 1 − `delta`.
    Estimated {
        metric: &'static str,
        samples: usize,
        epsilon: f64,
        delta: f64,
    },
}

impl Localize for Note {
    fn localize(&self, lang: Lang) -> String {
        match self {
            Note::SelfLoopsDropped { count } => catalog().message(
                lang,
                "analysis-note-self-loops",
                &Args::new().number("count", *count as f64),
            ),
            Note::DuplicateEdgesMerged { count } => catalog().message(
                lang,
                "analysis-note-duplicates",
                &Args::new().number("count", *count as f64),
            ),
            Note::Estimated {
                metric,
                samples,
                epsilon,
                delta,
            } => catalog().message(
                lang,
                "analysis-note-estimated",
                &Args::new()
                    .text("metric", *metric)
                    .number("samples", *samples as f64)
                    .text("epsilon", format!("{epsilon:.4}"))
                    .text("confidence", format!("{:.0}", (1.0 - delta) * 100.0)),
            ),
            Note::NotConverged { metric, iterations } => catalog().message(
                lang,
                "analysis-note-not-converged",
                &Args::new()
                    .text("metric", *metric)
                    .number("iterations", *iterations as f64),
            ),
        }
    }
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub graph: GraphFigures,
    pub nodes: Vec<NodeFigures>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bridges: Option<Vec<[NodeKey; 2]>>,
    pub notes: Vec<Note>,
}

/// Betweenness (estimated above [`EXACT_LIMIT`] unless exactness is asked for), closeness
/// and harmonic centrality, those of them asked for.
fn path_measures(paths: &Graph, options: Options, notes: &mut Vec<Note>) -> [Option<Vec<f64>>; 3] {
    let want = |m: Metric| options.metrics.has(m);
    let threads = options.threads;
    let per_node = |on: bool, f: &dyn Fn() -> Vec<f64>| on.then(f);
    let estimate = want(Metric::Betweenness)
        && !paths.is_weighted()
        && options.exactness.estimates(path_size(paths));
    let between = if estimate {
        let (epsilon, delta) = ESTIMATE_ACCURACY;
        let accuracy = Accuracy {
            epsilon,
            delta,
            seed: options.seed,
        };
        let e = betweenness_sampled(paths, accuracy, threads);
        notes.push(Note::Estimated {
            metric: Metric::Betweenness.name(),
            samples: e.samples,
            epsilon: e.epsilon,
            delta: e.delta,
        });
        Some(e.values)
    } else {
        per_node(want(Metric::Betweenness), &|| betweenness(paths, threads))
    };
    let (close, harmonic_values) = match (want(Metric::Closeness), want(Metric::Harmonic)) {
        (true, true) => {
            let (c, h) = closeness_and_harmonic(paths, threads);
            (Some(c), Some(h))
        }
        (c, h) => (
            per_node(c, &|| closeness(paths, threads)),
            per_node(h, &|| harmonic(paths, threads)),
        ),
    };
    [between, close, harmonic_values]
}

/// Analyses `graph`, whose node `i` is `keys[i]` (with `names[i]` where known).
///
/// ```
/// use praevnetz_domain::network::analysis::{analyze, Exactness, Lengths, Metrics, NodeKey, Options};
/// use praevnetz_graph::{Direction, Graph, centrality::Threads};
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)], Direction::Undirected)?;
/// let keys: Vec<NodeKey> = ["a", "b", "c"].map(|k| NodeKey::Text(k.into())).into();
/// let options = Options {
///     metrics: Metrics::parse("betweenness,articulation_point,bridges")?,
///     threads: Threads::ONE,
///     lengths: Lengths::Weights,
///     seed: 1,
///     exactness: Exactness::Auto,
/// };
/// let report = analyze(&g, &keys, None, options);
/// assert_eq!(report.nodes[1].betweenness, Some(1.0));
/// assert_eq!(report.nodes[1].articulation_point, Some(true));
/// assert_eq!(report.bridges.map(|b| b.len()), Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn analyze(
    graph: &Graph,
    keys: &[NodeKey],
    names: Option<&[String]>,
    options: Options,
) -> Report {
    let n = graph.node_count();
    let want = |m: Metric| options.metrics.has(m);
    let paths: Cow<'_, Graph> = match options.lengths {
        Lengths::Steps if graph.is_weighted() => Cow::Owned(graph.unweighted()),
        Lengths::Weights | Lengths::Steps => Cow::Borrowed(graph),
    };
    let mut notes = Vec::new();
    let [between, close, harmonic_values] = path_measures(&paths, options, &mut notes);
    let mut power =
        |metric: Metric, run: &dyn Fn() -> Result<Vec<f64>, centrality::NotConverged>| {
            if !want(metric) {
                return None;
            }
            match run() {
                Ok(values) => Some(values.into_iter().map(Value::of).collect::<Vec<_>>()),
                Err(e) => {
                    notes.push(Note::NotConverged {
                        metric: metric.name(),
                        iterations: e.iterations,
                    });
                    Some(vec![Value(None); n])
                }
            }
        };
    let rank = power(Metric::PageRank, &|| {
        pagerank_to(graph, 0.85, Convergence::TIGHT)
    });
    let eigen = power(Metric::Eigenvector, &|| {
        eigenvector_to(graph, Convergence::TIGHT)
    });
    let clustering_values = want(Metric::Clustering).then(|| clustering(graph));
    let constraint_values = want(Metric::Constraint).then(|| constraint(graph));
    let effective = want(Metric::EffectiveSize).then(|| effective_size(graph));
    let cores = want(Metric::Core).then(|| core_numbers(graph));
    let partition = want(Metric::Community).then(|| louvain(graph, options.seed));
    let cuts = (want(Metric::ArticulationPoint) || want(Metric::Bridges)).then(|| cut_sets(graph));
    let mut articulation = vec![false; n];
    if let Some(cuts) = &cuts {
        for &v in &cuts.articulation_points {
            articulation[v] = true;
        }
    }
    let rows = (0..n)
        .map(|v| NodeFigures {
            id: keys[v].clone(),
            name: names.and_then(|names| names.get(v).cloned()),
            pillar: None,
            municipality: None,
            degree: want(Metric::Degree).then(|| graph.degree(v)),
            betweenness: between.as_ref().map(|b| b[v]),
            closeness: close.as_ref().map(|c| c[v]),
            harmonic: harmonic_values.as_ref().map(|h| h[v]),
            pagerank: rank.as_ref().map(|r| r[v]),
            eigenvector: eigen.as_ref().map(|e| e[v]),
            clustering: clustering_values.as_ref().map(|c| c[v]),
            constraint: constraint_values.as_ref().map(|c| Value::of(c[v])),
            effective_size: effective.as_ref().map(|e| Value::of(e[v])),
            core: cores.as_ref().map(|c| c[v]),
            community: partition.as_ref().map(|p| p.labels[v]),
            articulation_point: cuts
                .as_ref()
                .and(want(Metric::ArticulationPoint).then_some(articulation[v])),
        })
        .collect();
    let bridges = cuts.filter(|_| want(Metric::Bridges)).map(|cuts| {
        cuts.bridges
            .iter()
            .map(|&(a, b)| [keys[a].clone(), keys[b].clone()])
            .collect()
    });
    Report {
        graph: GraphFigures {
            nodes: n,
            edges: graph.edge_count(),
            directed: graph.direction() == praevnetz_graph::Direction::Directed,
            weighted: graph.is_weighted(),
            density: graph.density(),
            components: connected_components(graph).count,
            transitivity: want(Metric::Clustering).then(|| transitivity(graph)),
            modularity: partition.as_ref().map(|p| p.modularity),
            communities: partition.as_ref().map(|p| p.count),
        },
        nodes: rows,
        bridges,
        notes,
    }
}

/// The CSV columns of a node, in output order.
pub const COLUMNS: [&str; 16] = [
    "id",
    "name",
    "pillar",
    "municipality",
    "degree",
    "betweenness",
    "closeness",
    "harmonic",
    "pagerank",
    "eigenvector",
    "clustering",
    "constraint",
    "effective_size",
    "core",
    "community",
    "articulation_point",
];

impl NodeFigures {
    /// The fields present, in output order, as CSV cells (undefined values empty).
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        fn number(x: f64) -> String {
            if x.is_finite() {
                x.to_string()
            } else {
                String::new()
            }
        }
        let value = |v: &Value| v.0.map(number).unwrap_or_default();
        let mut cells = vec![("id", self.id.to_string())];
        let labels = [
            ("name", self.name.clone()),
            ("pillar", self.pillar.map(str::to_owned)),
            ("municipality", self.municipality.clone()),
        ];
        cells.extend(labels.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
        let floats = [
            ("betweenness", self.betweenness),
            ("closeness", self.closeness),
            ("harmonic", self.harmonic),
        ];
        if let Some(d) = self.degree {
            cells.push(("degree", d.to_string()));
        }
        cells.extend(
            floats
                .iter()
                .filter_map(|(k, v)| v.map(|v| (*k, number(v)))),
        );
        let values = [
            ("pagerank", &self.pagerank),
            ("eigenvector", &self.eigenvector),
        ];
        cells.extend(
            values
                .iter()
                .filter_map(|(k, v)| v.as_ref().map(|v| (*k, value(v)))),
        );
        if let Some(c) = self.clustering {
            cells.push(("clustering", number(c)));
        }
        let holes = [
            ("constraint", &self.constraint),
            ("effective_size", &self.effective_size),
        ];
        cells.extend(
            holes
                .iter()
                .filter_map(|(k, v)| v.as_ref().map(|v| (*k, value(v)))),
        );
        let counts = [("core", self.core), ("community", self.community)];
        cells.extend(
            counts
                .iter()
                .filter_map(|(k, v)| v.map(|v| (*k, v.to_string()))),
        );
        if let Some(a) = self.articulation_point {
            cells.push(("articulation_point", a.to_string()));
        }
        cells
    }
}

impl Report {
    /// The node table as CSV: a header of `id` (and `name`) and the measures asked for, one
    /// row per node; undefined values are empty. Bridges and graph figures are not part of it.
    pub fn to_csv(&self) -> Result<String, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let rows: Vec<Vec<(&'static str, String)>> =
            self.nodes.iter().map(NodeFigures::cells).collect();
        // Every column any row has, in the order the rows give them (labels such as a pillar
        // may be missing from some rows).
        let mut header: Vec<&str> = vec!["id"];
        for row in &rows {
            for (k, _) in row {
                if !header.contains(k) {
                    let at = header
                        .iter()
                        .position(|h| {
                            COLUMNS.iter().position(|c| c == h)
                                > COLUMNS.iter().position(|c| c == k)
                        })
                        .unwrap_or(header.len());
                    header.insert(at, k);
                }
            }
        }
        writer.write_record(&header)?;
        for row in &rows {
            writer.write_record(header.iter().map(|h| {
                row.iter()
                    .find(|(k, _)| k == h)
                    .map_or("", |(_, v)| v.as_str())
            }))?;
        }
        let bytes = writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

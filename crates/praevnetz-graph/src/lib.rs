//! Network analysis for praevnetz on a compact graph: no I/O, no database, no HTTP.
//!
//! [`Graph`] stores adjacency in compressed sparse row form (one offset array, one neighbour
//! array), which keeps a state-wide network of 25,000 actors and 150,000 ties in a few
//! megabytes and makes neighbourhood scans cache-friendly. Algorithms are free functions in topic
//! modules ([`structure`], [`centrality`], [`holes`], [`groups`], [`links`], [`paths`], [`community`]); conventions follow NetworkX unless documented otherwise.

#![deny(missing_docs)]

pub mod centrality;
pub mod community;
pub mod groups;
pub mod holes;
pub mod layout;
pub mod links;
pub mod paths;
mod random;
pub mod structure;

use std::fmt;

/// Whether ties have a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `a – b` is the same tie as `b – a`.
    Undirected,
    /// `a → b` differs from `b → a`.
    Directed,
}

/// A node index outside `0..nodes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeOutOfRange {
    /// The offending index.
    pub node: usize,
    /// The number of nodes.
    pub nodes: usize,
}

impl fmt::Display for NodeOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "node {} does not exist (the graph has {} nodes)",
            self.node, self.nodes
        )
    }
}

impl std::error::Error for NodeOutOfRange {}

/// An edge list that cannot become a graph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EdgeError {
    /// An edge names a node outside the graph.
    Node(NodeOutOfRange),
    /// The weight of edge number `edge` (counted from 0 in the list given) is not a finite
    /// positive number.
    Weight {
        /// Position of the edge in the list.
        edge: usize,
        /// Its weight.
        weight: f64,
    },
}

impl fmt::Display for EdgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EdgeError::Node(e) => e.fmt(f),
            EdgeError::Weight { edge, weight } => write!(
                f,
                "edge {edge} has the weight {weight}; weights must be finite and greater than 0"
            ),
        }
    }
}

impl std::error::Error for EdgeError {}

impl From<NodeOutOfRange> for EdgeError {
    fn from(e: NodeOutOfRange) -> Self {
        EdgeError::Node(e)
    }
}

/// A simple graph (no parallel edges, no self-loops) over nodes `0..n`, in CSR form.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    direction: Direction,
    /// `out[v]..out[v + 1]` indexes `targets` for node `v`.
    out: Vec<usize>,
    targets: Vec<usize>,
    /// For directed graphs, the same for incoming edges; empty for undirected ones.
    into: Vec<usize>,
    sources: Vec<usize>,
    /// Edge weights parallel to `targets` and to `sources`; empty for unweighted graphs.
    target_weights: Vec<f64>,
    source_weights: Vec<f64>,
    weighted: bool,
    edges: usize,
}

fn compress(nodes: usize, pairs: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
    let mut offsets = vec![0; nodes + 1];
    for (from, _) in pairs {
        offsets[from + 1] += 1;
    }
    for v in 0..nodes {
        offsets[v + 1] += offsets[v];
    }
    let mut fill = offsets.clone();
    let mut targets = vec![0; pairs.len()];
    for (from, to) in pairs {
        targets[fill[*from]] = *to;
        fill[*from] += 1;
    }
    (offsets, targets)
}

impl Graph {
    /// Builds a graph with `nodes` nodes from an edge list. Repeated edges count once (for
    /// undirected graphs `(a, b)` repeats `(b, a)`), self-loops are dropped: praevnetz never
    /// ties an actor to itself, and the measures built on this graph assume simple graphs.
    ///
    /// Complexity O(n + m log m).
    ///
    /// ```
    /// use praevnetz_graph::{Direction, Graph};
    /// let g = Graph::from_edges(4, &[(0, 1), (1, 0), (1, 2), (2, 2)], Direction::Undirected)?;
    /// assert_eq!(g.node_count(), 4);
    /// assert_eq!(g.edge_count(), 2);
    /// assert_eq!(g.neighbors(1), &[0, 2]);
    /// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
    /// ```
    pub fn from_edges(
        nodes: usize,
        edges: &[(usize, usize)],
        direction: Direction,
    ) -> Result<Graph, NodeOutOfRange> {
        let mut unique: Vec<(usize, usize)> = Vec::with_capacity(edges.len());
        for &(a, b) in edges {
            for node in [a, b] {
                if node >= nodes {
                    return Err(NodeOutOfRange { node, nodes });
                }
            }
            if a == b {
                continue;
            }
            unique.push(match direction {
                Direction::Undirected => (a.min(b), a.max(b)),
                Direction::Directed => (a, b),
            });
        }
        unique.sort_unstable();
        unique.dedup();
        let count = unique.len();
        let (outgoing, incoming) = match direction {
            Direction::Undirected => {
                let both: Vec<(usize, usize)> =
                    unique.iter().flat_map(|&(a, b)| [(a, b), (b, a)]).collect();
                (both, Vec::new())
            }
            Direction::Directed => {
                let reversed = unique.iter().map(|&(a, b)| (b, a)).collect();
                (unique, reversed)
            }
        };
        let (out, mut targets) = compress(nodes, &outgoing);
        for v in 0..nodes {
            targets[out[v]..out[v + 1]].sort_unstable();
        }
        let (into, sources) = if direction == Direction::Directed {
            let (into, mut sources) = compress(nodes, &incoming);
            for v in 0..nodes {
                sources[into[v]..into[v + 1]].sort_unstable();
            }
            (into, sources)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Graph {
            direction,
            out,
            targets,
            into,
            sources,
            target_weights: Vec::new(),
            source_weights: Vec::new(),
            weighted: false,
            edges: count,
        })
    }

    /// A graph of `nodes` nodes without edges.
    ///
    /// ```
    /// use praevnetz_graph::{Direction, Graph};
    /// let g = Graph::empty(3, Direction::Directed);
    /// assert_eq!((g.node_count(), g.edge_count()), (3, 0));
    /// ```
    pub fn empty(nodes: usize, direction: Direction) -> Graph {
        let into = match direction {
            Direction::Undirected => Vec::new(),
            Direction::Directed => vec![0; nodes + 1],
        };
        Graph {
            direction,
            out: vec![0; nodes + 1],
            targets: Vec::new(),
            into,
            sources: Vec::new(),
            target_weights: Vec::new(),
            source_weights: Vec::new(),
            weighted: false,
            edges: 0,
        }
    }

    /// Builds a weighted graph from `(a, b, weight)` triples. Weights must be finite and
    /// positive (tie strengths, or lengths for path measures); an edge given more than once
    /// keeps the weight given last, as `networkx.Graph.add_edges_from` does; self-loops are
    /// dropped, as in [`Graph::from_edges`]. O(n + m log m).
    ///
    /// ```
    /// use praevnetz_graph::{Direction, Graph};
    /// let g = Graph::from_weighted_edges(
    ///     3,
    ///     &[(0, 1, 2.0), (1, 2, 1.0), (1, 0, 5.0)],
    ///     Direction::Undirected,
    /// )?;
    /// assert_eq!(g.edge_count(), 2);
    /// assert_eq!(g.neighbor_weights(1), Some(&[5.0, 1.0][..]));
    /// assert_eq!(g.strength(1), 6.0);
    /// assert!(Graph::from_weighted_edges(2, &[(0, 1, f64::NAN)], Direction::Undirected).is_err());
    /// # Ok::<(), praevnetz_graph::EdgeError>(())
    /// ```
    ///
    /// # Errors
    /// [`EdgeError::Node`] for a node outside `0..nodes`, [`EdgeError::Weight`] for a weight
    /// that is not finite and positive.
    pub fn from_weighted_edges(
        nodes: usize,
        edges: &[(usize, usize, f64)],
        direction: Direction,
    ) -> Result<Graph, EdgeError> {
        let mut keyed: Vec<((usize, usize), usize, f64)> = Vec::with_capacity(edges.len());
        for (i, &(a, b, weight)) in edges.iter().enumerate() {
            for node in [a, b] {
                if node >= nodes {
                    return Err(EdgeError::Node(NodeOutOfRange { node, nodes }));
                }
            }
            if !(weight.is_finite() && weight > 0.0) {
                return Err(EdgeError::Weight { edge: i, weight });
            }
            if a == b {
                continue;
            }
            let key = match direction {
                Direction::Undirected => (a.min(b), a.max(b)),
                Direction::Directed => (a, b),
            };
            keyed.push((key, i, weight));
        }
        // The last weight given for a pair wins.
        keyed.sort_unstable_by_key(|&(key, i, _)| (key, std::cmp::Reverse(i)));
        keyed.dedup_by_key(|&mut (key, _, _)| key);
        let unique: Vec<(usize, usize)> = keyed.iter().map(|&(key, _, _)| key).collect();
        let mut graph = Graph::from_edges(nodes, &unique, direction)?;
        let weight_of: std::collections::HashMap<(usize, usize), f64> =
            keyed.iter().map(|&(key, _, w)| (key, w)).collect();
        let lookup = |a: usize, b: usize| {
            let key = match direction {
                Direction::Undirected => (a.min(b), a.max(b)),
                Direction::Directed => (a, b),
            };
            weight_of.get(&key).copied().unwrap_or(1.0)
        };
        let mut target_weights = Vec::with_capacity(graph.targets.len());
        for v in 0..nodes {
            for &w in graph.neighbors(v) {
                target_weights.push(lookup(v, w));
            }
        }
        let mut source_weights = Vec::with_capacity(graph.sources.len());
        if direction == Direction::Directed {
            for v in 0..nodes {
                for &u in graph.predecessors(v) {
                    source_weights.push(lookup(u, v));
                }
            }
        }
        graph.target_weights = target_weights;
        graph.source_weights = source_weights;
        graph.weighted = true;
        Ok(graph)
    }

    /// The same graph without its weights, for measures counted in steps on a graph whose
    /// weights are strengths (path measures read weights as lengths).
    ///
    /// ```
    /// use praevnetz_graph::{Direction, Graph};
    /// let g = Graph::from_weighted_edges(2, &[(0, 1, 3.0)], Direction::Undirected)?;
    /// assert!(!g.unweighted().is_weighted());
    /// assert_eq!(g.unweighted().neighbors(0), &[1]);
    /// # Ok::<(), praevnetz_graph::EdgeError>(())
    /// ```
    #[must_use]
    pub fn unweighted(&self) -> Graph {
        Graph {
            target_weights: Vec::new(),
            source_weights: Vec::new(),
            weighted: false,
            ..self.clone()
        }
    }

    /// The edges as `(a, b, weight)`, each once (`a < b` for undirected graphs), ascending;
    /// weight 1 for unweighted graphs.
    pub fn weighted_edges(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        let directed = self.direction == Direction::Directed;
        (0..self.node_count()).flat_map(move |v| {
            let weights = self.neighbor_weights(v);
            self.neighbors(v)
                .iter()
                .enumerate()
                .filter(move |&(_, &w)| directed || v < w)
                .map(move |(k, &w)| (v, w, weights.map_or(1.0, |ws| ws[k])))
        })
    }

    /// Whether edges carry weights.
    pub fn is_weighted(&self) -> bool {
        self.weighted
    }

    /// The weights of the edges to [`Graph::neighbors`], in the same order; `None` for an
    /// unweighted graph.
    pub fn neighbor_weights(&self, v: usize) -> Option<&[f64]> {
        self.is_weighted()
            .then(|| &self.target_weights[self.out[v]..self.out[v + 1]])
    }

    /// The weights of the edges from [`Graph::predecessors`], in the same order; `None` for an
    /// unweighted graph.
    pub fn predecessor_weights(&self, v: usize) -> Option<&[f64]> {
        match self.direction {
            Direction::Undirected => self.neighbor_weights(v),
            Direction::Directed => self
                .is_weighted()
                .then(|| &self.source_weights[self.into[v]..self.into[v + 1]]),
        }
    }

    /// Out-degree of `v` (the degree for undirected graphs).
    pub fn out_degree(&self, v: usize) -> usize {
        self.neighbors(v).len()
    }

    /// In-degree of `v` (the degree for undirected graphs).
    pub fn in_degree(&self, v: usize) -> usize {
        self.predecessors(v).len()
    }

    /// Sum of the weights of `v`'s out-edges (all edges for undirected graphs); the out-degree
    /// for unweighted graphs.
    #[allow(clippy::cast_precision_loss, reason = "degrees far below 2^52")]
    pub fn out_strength(&self, v: usize) -> f64 {
        self.neighbor_weights(v)
            .map_or(self.out_degree(v) as f64, |w| w.iter().sum())
    }

    /// Sum of the weights of `v`'s in-edges (all edges for undirected graphs); the in-degree
    /// for unweighted graphs.
    #[allow(clippy::cast_precision_loss, reason = "degrees far below 2^52")]
    pub fn in_strength(&self, v: usize) -> f64 {
        self.predecessor_weights(v)
            .map_or(self.in_degree(v) as f64, |w| w.iter().sum())
    }

    /// Strength of `v`, as `networkx.Graph.degree(weight=...)`: the sum of the weights of its
    /// edges, in and out for directed graphs; the degree for unweighted graphs.
    pub fn strength(&self, v: usize) -> f64 {
        match self.direction {
            Direction::Undirected => self.out_strength(v),
            Direction::Directed => self.out_strength(v) + self.in_strength(v),
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.out.len().saturating_sub(1)
    }

    /// Entries in the successor lists: the number of edges, twice for undirected graphs (each
    /// edge is listed from both ends). Path searches visit each once per source.
    pub fn neighbors_total(&self) -> usize {
        self.targets.len()
    }

    /// Number of edges (an undirected edge counts once).
    pub fn edge_count(&self) -> usize {
        self.edges
    }

    /// Whether edges have a direction.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// Successors of `v` (all neighbours for undirected graphs), ascending.
    ///
    /// # Panics
    /// If `v >= node_count()`: node indices come from the code that built the graph, never from
    /// user input, so an index outside the graph is a programming error.
    pub fn neighbors(&self, v: usize) -> &[usize] {
        &self.targets[self.out[v]..self.out[v + 1]]
    }

    /// Predecessors of `v` (all neighbours for undirected graphs), ascending.
    pub fn predecessors(&self, v: usize) -> &[usize] {
        match self.direction {
            Direction::Undirected => self.neighbors(v),
            Direction::Directed => &self.sources[self.into[v]..self.into[v + 1]],
        }
    }

    /// Degree of `v`: number of neighbours; for directed graphs in-degree plus out-degree (as
    /// `networkx.DiGraph.degree`).
    ///
    /// ```
    /// use praevnetz_graph::{Direction, Graph};
    /// let g = Graph::from_edges(3, &[(0, 1), (2, 1)], Direction::Directed)?;
    /// assert_eq!((g.degree(0), g.degree(1), g.degree(2)), (1, 2, 1));
    /// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
    /// ```
    pub fn degree(&self, v: usize) -> usize {
        match self.direction {
            Direction::Undirected => self.neighbors(v).len(),
            Direction::Directed => self.neighbors(v).len() + self.predecessors(v).len(),
        }
    }

    /// Share of possible edges present, as `networkx.density`: `m / (n (n − 1) / 2)` for
    /// undirected, `m / (n (n − 1))` for directed graphs; 0 for fewer than two nodes.
    ///
    /// ```
    /// use praevnetz_graph::{Direction, Graph};
    /// let triangle = Graph::from_edges(3, &[(0, 1), (1, 2), (2, 0)], Direction::Undirected)?;
    /// assert_eq!(triangle.density(), 1.0);
    /// let path = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 3)], Direction::Undirected)?;
    /// assert_eq!(path.density(), 0.5);
    /// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
    /// ```
    #[allow(
        clippy::cast_precision_loss,
        reason = "node and edge counts far below 2^52"
    )]
    pub fn density(&self) -> f64 {
        let n = self.node_count() as f64;
        if n < 2.0 {
            return 0.0;
        }
        let possible = match self.direction {
            Direction::Undirected => n * (n - 1.0) / 2.0,
            Direction::Directed => n * (n - 1.0),
        };
        self.edges as f64 / possible
    }
}

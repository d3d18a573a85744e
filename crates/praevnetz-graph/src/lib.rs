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
pub mod links;
pub mod paths;
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

/// A simple graph (no parallel edges, no self-loops) over nodes `0..n`, in CSR form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph {
    direction: Direction,
    /// `out[v]..out[v + 1]` indexes `targets` for node `v`.
    out: Vec<usize>,
    targets: Vec<usize>,
    /// For directed graphs, the same for incoming edges; empty for undirected ones.
    into: Vec<usize>,
    sources: Vec<usize>,
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
            edges: count,
        })
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.out.len().saturating_sub(1)
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

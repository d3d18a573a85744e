//! Ties within and between groups (pillars, municipalities): the mixing matrix and the E-I
//! index. A node's group is an index `0..groups`, given by the caller.

use crate::{Direction, Graph};

/// Nodes and group labels that do not fit together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupError {
    /// The label list is not one label per node.
    WrongLength {
        /// Labels given.
        labels: usize,
        /// Nodes in the graph.
        nodes: usize,
    },
    /// A label is not below the number of groups.
    UnknownGroup {
        /// The node.
        node: usize,
        /// Its label.
        group: usize,
    },
}

impl std::fmt::Display for GroupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GroupError::WrongLength { labels, nodes } => {
                write!(f, "{labels} group labels for {nodes} nodes")
            }
            GroupError::UnknownGroup { node, group } => {
                write!(f, "node {node} has group {group}, which does not exist")
            }
        }
    }
}

impl std::error::Error for GroupError {}

fn check(graph: &Graph, labels: &[usize], groups: usize) -> Result<(), GroupError> {
    if labels.len() != graph.node_count() {
        return Err(GroupError::WrongLength {
            labels: labels.len(),
            nodes: graph.node_count(),
        });
    }
    match labels.iter().position(|&g| g >= groups) {
        Some(node) => Err(GroupError::UnknownGroup {
            node,
            group: labels[node],
        }),
        None => Ok(()),
    }
}

/// The mixing matrix, as `networkx.attribute_mixing_matrix(G, attr, normalized=False)`: entry
/// (a, b) counts the edges from a node of group a to a node of group b; an undirected edge
/// counts in both directions, so the matrix of an undirected graph is symmetric and sums to
/// twice the number of edges. O(n + m + groups²).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, groups::mixing_matrix};
/// // Police (0) and town hall (1): one tie inside the police, one across.
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)], Direction::Undirected)?;
/// let m = mixing_matrix(&g, &[0, 0, 1], 2)?;
/// assert_eq!(m, vec![vec![2, 1], vec![1, 0]]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`GroupError`] if `labels` is not one label below `groups` per node.
pub fn mixing_matrix(
    graph: &Graph,
    labels: &[usize],
    groups: usize,
) -> Result<Vec<Vec<u64>>, GroupError> {
    check(graph, labels, groups)?;
    let mut matrix = vec![vec![0; groups]; groups];
    for v in 0..graph.node_count() {
        for &w in graph.neighbors(v) {
            matrix[labels[v]][labels[w]] += 1;
        }
    }
    Ok(matrix)
}

/// The E-I index of Krackhardt & Stern (1988, "Informal networks and organizational crises",
/// Social Psychology Quarterly 51(2)): (E − I) / (E + I) over all ties, with E the ties
/// between groups and I those within, from −1 (all ties inside groups) to +1 (all ties across);
/// and the same per node over its own ties. 0 for a graph (NaN for a node) without ties. Each
/// tie counts once, in either direction.
#[derive(Clone, Debug, PartialEq)]
pub struct EiIndex {
    /// For the whole graph.
    pub graph: f64,
    /// For each node.
    pub nodes: Vec<f64>,
}

/// Computes the [`EiIndex`]. O(n + m).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, groups::ei_index};
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)], Direction::Undirected)?;
/// let ei = ei_index(&g, &[0, 0, 1], 2)?;
/// assert_eq!(ei.graph, 0.0);
/// assert_eq!(ei.nodes, vec![-1.0, 0.0, 1.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`GroupError`] if `labels` is not one label below `groups` per node.
#[allow(clippy::cast_precision_loss, reason = "tie counts far below 2^52")]
pub fn ei_index(graph: &Graph, labels: &[usize], groups: usize) -> Result<EiIndex, GroupError> {
    check(graph, labels, groups)?;
    let n = graph.node_count();
    let mut external = vec![0_u64; n];
    let mut internal = vec![0_u64; n];
    let (mut e, mut i) = (0_u64, 0_u64);
    for v in 0..n {
        for &w in graph.neighbors(v) {
            let across = labels[v] != labels[w];
            // Undirected ties appear from both ends; count each once for the graph.
            let once = graph.direction() == Direction::Directed || v < w;
            if once {
                if across {
                    e += 1;
                } else {
                    i += 1;
                }
            }
            // A node's own ties: an undirected tie is seen from each end in turn, a directed
            // one only from its source, so its target is counted here too.
            if across {
                external[v] += 1;
            } else {
                internal[v] += 1;
            }
            if graph.direction() == Direction::Directed {
                if across {
                    external[w] += 1;
                } else {
                    internal[w] += 1;
                }
            }
        }
    }
    let ratio = |e: u64, i: u64| (e as f64 - i as f64) / (e + i) as f64;
    Ok(EiIndex {
        graph: if e + i == 0 { 0.0 } else { ratio(e, i) },
        nodes: (0..n).map(|v| ratio(external[v], internal[v])).collect(),
    })
}

/// How often a node brokers between others, by the five roles of Gould & Fernandez (1989,
/// "Structures of mediation: a formal approach to brokerage in transaction networks",
/// Sociological Methodology 19). A node b brokers on every two-step path a → b → c where a
/// and c are different and a has no tie to c; the role depends on the groups of a, b and c.
/// For undirected graphs every tie runs both ways, so the representative and gatekeeper counts
/// are equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Brokerage {
    /// a, b and c in one group (brokering inside the group).
    pub coordinator: u64,
    /// a and c in one group, b in another (an outsider who connects two members).
    pub itinerant: u64,
    /// b and c in one group, a in another (b lets an outsider in).
    pub gatekeeper: u64,
    /// a and b in one group, c in another (b speaks for its group to an outsider).
    pub representative: u64,
    /// All three in different groups.
    pub liaison: u64,
}

impl Brokerage {
    /// All brokering, whatever the role.
    pub fn total(&self) -> u64 {
        self.coordinator + self.itinerant + self.gatekeeper + self.representative + self.liaison
    }
}

/// The [`Brokerage`] of every node. O(Σ in-degree · out-degree · log deg).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, groups::brokerage};
/// // The town hall (1) links the police (0) and a youth club (2), who have no tie.
/// let g = Graph::from_edges(3, &[(0, 1), (1, 2)], Direction::Directed)?;
/// let b = brokerage(&g, &[0, 1, 2], 3)?;
/// assert_eq!(b[1].liaison, 1);
/// let same_group = brokerage(&g, &[0, 1, 1], 2)?;
/// assert_eq!(same_group[1].gatekeeper, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`GroupError`] if `labels` is not one label below `groups` per node.
pub fn brokerage(
    graph: &Graph,
    labels: &[usize],
    groups: usize,
) -> Result<Vec<Brokerage>, GroupError> {
    check(graph, labels, groups)?;
    Ok((0..graph.node_count())
        .map(|b| {
            let mut roles = Brokerage::default();
            for &a in graph.predecessors(b) {
                for &c in graph.neighbors(b) {
                    if a == c || graph.neighbors(a).binary_search(&c).is_ok() {
                        continue;
                    }
                    let (ga, gb, gc) = (labels[a], labels[b], labels[c]);
                    let role = match (ga == gb, gb == gc, ga == gc) {
                        (true, true, _) => &mut roles.coordinator,
                        (false, false, true) => &mut roles.itinerant,
                        (false, true, _) => &mut roles.gatekeeper,
                        (true, false, _) => &mut roles.representative,
                        (false, false, false) => &mut roles.liaison,
                    };
                    *role += 1;
                }
            }
            roles
        })
        .collect())
}

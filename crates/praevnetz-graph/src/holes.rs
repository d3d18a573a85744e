//! Structural holes after Burt (1992, *Structural Holes*, Harvard University Press): whether an
//! actor's contacts are tied among themselves (a closed, redundant circle) or only through the
//! actor (who then brokers between them).
//!
//! As NetworkX: a tie's weight (1 on unweighted graphs) is its strength; on a directed graph a
//! pair's "mutual weight" is the sum of its weights in both directions; the proportional
//! strength p(u, v) is u's mutual weight with v over the sum of u's mutual weights. An isolated
//! node has no value (NaN).

use std::borrow::Cow;

use crate::structure::undirected;
use crate::{Direction, Graph};

/// The contacts of `a` and `b` they share, as (node, index in `a`, index in `b`), by merging
/// the sorted lists.
fn shared<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some((a[i - 1], i - 1, j - 1));
                }
            }
        }
        None
    })
}

/// The undirected graph of mutual weights.
fn mutual(graph: &Graph) -> Cow<'_, Graph> {
    if graph.direction() == Direction::Directed && !graph.is_weighted() {
        // Each direction of a tie counts 1, so a reciprocated tie weighs 2.
        let edges: Vec<(usize, usize, f64)> = graph.weighted_edges().collect();
        if let Ok(weighted) =
            Graph::from_weighted_edges(graph.node_count(), &edges, Direction::Directed)
        {
            return Cow::Owned(undirected(&weighted).into_owned());
        }
    }
    undirected(graph)
}

/// The weight of `v`'s `k`-th edge (1 when unweighted).
fn weight(g: &Graph, v: usize, k: usize) -> f64 {
    g.neighbor_weights(v).map_or(1.0, |ws| ws[k])
}

/// Burt's constraint, as `networkx.constraint` (with `weight=` on a weighted graph): for node
/// u with contacts N(u), the sum over v in N(u) of (p(u, v) + Σ p(u, w) · p(w, v))², the
/// inner sum over the contacts w of u tied to v. High when the contacts are tied to each other
/// (little room to broker), low for a broker between separate groups. NaN for isolated nodes.
/// O(Σ deg²).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, holes::constraint};
/// // A star: the centre's contacts know nobody else; each leaf depends on the centre alone.
/// let star = Graph::from_edges(4, &[(0, 1), (0, 2), (0, 3)], Direction::Undirected)?;
/// let c = constraint(&star);
/// assert!((c[0] - 1.0 / 3.0).abs() < 1e-12);
/// assert_eq!(c[1], 1.0);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
pub fn constraint(graph: &Graph) -> Vec<f64> {
    let g = mutual(graph);
    let strength: Vec<f64> = (0..g.node_count()).map(|v| g.strength(v)).collect();
    (0..g.node_count())
        .map(|u| {
            let contacts = g.neighbors(u);
            if contacts.is_empty() {
                return f64::NAN;
            }
            let p = |k: usize| weight(&g, u, k) / strength[u];
            contacts
                .iter()
                .enumerate()
                .map(|(kv, &v)| {
                    let indirect: f64 = shared(contacts, g.neighbors(v))
                        .map(|(w, kw, kvw)| p(kw) * weight(&g, v, kvw) / strength[w])
                        .sum();
                    (p(kv) + indirect).powi(2)
                })
                .sum()
        })
        .collect()
}

/// Burt's effective size, as `networkx.effective_size` (with `weight=` on a weighted graph):
/// for node u, the sum over its contacts v of 1 − Σ p(u, w) · m(v, w), the inner sum over the
/// contacts w of u tied to v, with m(v, w) v's mutual weight with w over v's largest mutual
/// weight. Unweighted this is n − 2t / n for n contacts with t ties among them. NaN for
/// isolated nodes. O(Σ deg²).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, holes::effective_size};
/// // A triangle with a tail at node 2: of 2's three contacts, two know each other.
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], Direction::Undirected)?;
/// let e = effective_size(&g);
/// assert!((e[2] - (3.0 - 2.0 / 3.0)).abs() < 1e-12);
/// assert_eq!(e[3], 1.0);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
pub fn effective_size(graph: &Graph) -> Vec<f64> {
    let g = mutual(graph);
    let strength: Vec<f64> = (0..g.node_count()).map(|v| g.strength(v)).collect();
    let strongest: Vec<f64> = (0..g.node_count())
        .map(|v| {
            (0..g.neighbors(v).len())
                .map(|k| weight(&g, v, k))
                .fold(0.0, f64::max)
        })
        .collect();
    (0..g.node_count())
        .map(|u| {
            let contacts = g.neighbors(u);
            if contacts.is_empty() {
                return f64::NAN;
            }
            contacts
                .iter()
                .map(|&v| {
                    let redundancy: f64 = shared(contacts, g.neighbors(v))
                        .map(|(_, kw, kvw)| {
                            weight(&g, u, kw) / strength[u] * weight(&g, v, kvw) / strongest[v]
                        })
                        .sum();
                    1.0 - redundancy
                })
                .sum()
        })
        .collect()
}

/// Burt's efficiency: effective size divided by the number of contacts, between 1 / n (all
/// contacts tied to each other) and 1 (none are). NaN for isolated nodes.
///
/// ```
/// use praevnetz_graph::{Direction, Graph, holes::efficiency};
/// let star = Graph::from_edges(4, &[(0, 1), (0, 2), (0, 3)], Direction::Undirected)?;
/// assert_eq!(efficiency(&star)[0], 1.0);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
#[allow(clippy::cast_precision_loss, reason = "degrees far below 2^52")]
pub fn efficiency(graph: &Graph) -> Vec<f64> {
    let g = undirected(graph);
    effective_size(graph)
        .into_iter()
        .enumerate()
        .map(|(v, size)| size / g.neighbors(v).len() as f64)
        .collect()
}

//! Structural holes after Burt (1992, *Structural Holes*, Harvard University Press): whether an
//! actor's contacts are tied among themselves (a closed, redundant circle) or only through the
//! actor (who then brokers between them).
//!
//! Unweighted, with directions ignored (as NetworkX on `G.to_undirected()`); an isolated node
//! has no value (NaN), as in NetworkX.

use crate::Graph;
use crate::structure::undirected;

/// The neighbours `a` and `b` share, by merging their sorted lists.
fn shared<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(a[i - 1]);
                }
            }
        }
        None
    })
}

/// Burt's constraint, as `networkx.constraint`: for node u with contacts N(u) and
/// p(u, v) = 1 / deg(u), the sum over v in N(u) of (p(u, v) + Σ p(u, w) · p(w, v))², the
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
#[allow(clippy::cast_precision_loss, reason = "degrees far below 2^52")]
pub fn constraint(graph: &Graph) -> Vec<f64> {
    let g = undirected(graph);
    let degree = |v: usize| g.neighbors(v).len() as f64;
    (0..g.node_count())
        .map(|u| {
            let contacts = g.neighbors(u);
            if contacts.is_empty() {
                return f64::NAN;
            }
            let direct = 1.0 / degree(u);
            contacts
                .iter()
                .map(|&v| {
                    let indirect: f64 = shared(contacts, g.neighbors(v))
                        .map(|w| direct / degree(w))
                        .sum();
                    (direct + indirect).powi(2)
                })
                .sum()
        })
        .collect()
}

/// Burt's effective size, as `networkx.effective_size` for unweighted graphs: the number of
/// contacts minus their redundancy, n − 2t / n for n contacts with t ties among them. NaN for
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
#[allow(clippy::cast_precision_loss, reason = "counts far below 2^52")]
pub fn effective_size(graph: &Graph) -> Vec<f64> {
    let g = undirected(graph);
    (0..g.node_count())
        .map(|u| {
            let contacts = g.neighbors(u);
            if contacts.is_empty() {
                return f64::NAN;
            }
            let n = contacts.len() as f64;
            // Each tie among the contacts is seen from both its ends.
            let seen: usize = contacts
                .iter()
                .map(|&v| shared(contacts, g.neighbors(v)).count())
                .sum();
            n - seen as f64 / n
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
    effective_size(&g)
        .into_iter()
        .enumerate()
        .map(|(v, size)| size / g.neighbors(v).len() as f64)
        .collect()
}

//! The same network on two days side by side: which ties began and which ended between them,
//! which actors joined or left, and how the figures of the whole network changed. Nodes are
//! matched by [`Node::key`] (the actor id or the municipality's AGS), edges by the keys of
//! their two ends, so the two networks may list their nodes in any order.
//!
//! A network built for an earlier and a later day of the same scope and level is the usual
//! input (`/netzwerk` with a comparison day); nothing here assumes that `before` is earlier.

use std::collections::HashMap;

use praevnetz_graph::structure::connected_components;

use super::analysis::Report;
use super::stored::{Edge, Network};

/// What an edge may join across.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Across {
    /// Two pillars.
    Pillars,
    /// Two home municipalities.
    Municipalities,
}

/// Whether `edge` of `network` joins two nodes that differ in `what` (both known).
pub fn joins(network: &Network, edge: &Edge, what: Across) -> bool {
    let (a, b) = (&network.nodes[edge.a], &network.nodes[edge.b]);
    match what {
        Across::Pillars => matches!((a.pillar, b.pillar), (Some(x), Some(y)) if x != y),
        Across::Municipalities => {
            matches!((&a.municipality, &b.municipality), (Some(x), Some(y)) if x != y)
        }
    }
}

/// The figures of one side.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub nodes: usize,
    pub edges: usize,
    /// Connected components, isolated nodes included.
    pub components: usize,
    /// Nodes without an edge.
    pub isolated: usize,
    /// Edges between nodes of two different pillars (both known).
    pub across_pillars: usize,
    /// Edges between nodes of two different home municipalities (both known).
    pub across_municipalities: usize,
    /// Edges ÷ possible edges; 0 below two nodes.
    pub density: f64,
}

impl Summary {
    /// The figures of `network`.
    pub fn of(network: &Network) -> Summary {
        let n = network.nodes.len();
        let across = |what| {
            network
                .edges
                .iter()
                .filter(|e| joins(network, e, what))
                .count()
        };
        let across_pillars = across(Across::Pillars);
        let across_municipalities = across(Across::Municipalities);
        let pairs = n.saturating_sub(1) * n / 2;
        Summary {
            nodes: n,
            edges: network.edges.len(),
            components: connected_components(&network.graph).count,
            isolated: (0..n).filter(|&i| network.graph.degree(i) == 0).count(),
            across_pillars,
            across_municipalities,
            density: if pairs == 0 {
                0.0
            } else {
                network.edges.len() as f64 / pairs as f64
            },
        }
    }
}

/// A node of either side: its index in the earlier network, in the later one, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Matched {
    pub before: Option<usize>,
    pub after: Option<usize>,
}

/// What changed between two networks.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub before: Summary,
    pub after: Summary,
    /// Edges of the later network whose pair of ends has no edge in the earlier one (indices
    /// into the later network's edges), in the later network's edge order.
    pub new_edges: Vec<usize>,
    /// Edges of the earlier network whose pair has no edge in the later one (indices into
    /// the earlier network's edges).
    pub ended_edges: Vec<usize>,
    /// Edges present on both days whose weight (sum of tie strengths) changed, as indices
    /// `(before, after)`.
    pub changed_edges: Vec<(usize, usize)>,
    /// Every node of either side, in the order of their keys.
    pub nodes: Vec<Matched>,
}

/// A node whose ties or betweenness changed: its indices, and its degree and betweenness on
/// each day (`None` where it was not in that network; betweenness 0 where not measured).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Move {
    pub node: Matched,
    pub degree: (Option<usize>, Option<usize>),
    pub betweenness: (f64, f64),
}

impl Move {
    /// The change of betweenness.
    pub fn shift(&self) -> f64 {
        self.betweenness.1 - self.betweenness.0
    }

    /// The change of the number of ties, as a magnitude.
    pub fn steps(&self) -> usize {
        self.degree
            .1
            .unwrap_or(0)
            .abs_diff(self.degree.0.unwrap_or(0))
    }
}

impl Comparison {
    /// The nodes whose degree changed or whose betweenness changed by more than `noise`,
    /// largest change of betweenness first — or, with `ties_first` (when betweenness is
    /// estimated on a day and small changes may be sampling error), largest change of ties
    /// first. `before` and `after` are the reports of the two networks compared.
    pub fn movers(
        &self,
        before: &Report,
        after: &Report,
        noise: f64,
        ties_first: bool,
    ) -> Vec<Move> {
        let mut moved: Vec<Move> = self
            .nodes
            .iter()
            .map(|&node| {
                let b = node.before.map(|i| &before.nodes[i]);
                let a = node.after.map(|i| &after.nodes[i]);
                let between = |f: Option<&super::analysis::NodeFigures>| {
                    f.and_then(|f| f.betweenness).unwrap_or(0.0)
                };
                Move {
                    node,
                    degree: (
                        b.map(|f| f.degree.unwrap_or(0)),
                        a.map(|f| f.degree.unwrap_or(0)),
                    ),
                    betweenness: (between(b), between(a)),
                }
            })
            .filter(|m| m.degree.0 != m.degree.1 || m.shift().abs() > noise)
            .collect();
        moved.sort_by(|x, y| {
            let by_shift = y.shift().abs().total_cmp(&x.shift().abs());
            let by_steps = y.steps().cmp(&x.steps());
            if ties_first {
                by_steps.then(by_shift)
            } else {
                by_shift.then(by_steps)
            }
        });
        moved
    }

    /// Nodes only in the later network (indices into it).
    pub fn joined(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .filter(|m| m.before.is_none())
            .filter_map(|m| m.after)
    }

    /// Nodes only in the earlier network (indices into it).
    pub fn left(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .filter(|m| m.after.is_none())
            .filter_map(|m| m.before)
    }
}

/// The key of an edge: its ends' keys, the smaller first.
fn edge_key(network: &Network, a: usize, b: usize) -> (&str, &str) {
    let (x, y) = (network.nodes[a].key.as_str(), network.nodes[b].key.as_str());
    if x <= y { (x, y) } else { (y, x) }
}

/// Compares `before` with `after`. O((n + m) log(n + m)) for the two networks' sizes.
///
/// ```
/// use praevnetz_domain::network::compare::compare;
/// use praevnetz_domain::network::stored::{Edge, Network, Node};
/// use praevnetz_graph::{Direction, Graph};
/// let node = |key: &str| Node { key: key.into(), ..Node::default() };
/// let net = |pairs: &[(usize, usize)]| -> Result<Network, praevnetz_graph::EdgeError> {
///     Ok(Network {
///         nodes: vec![node("a"), node("b"), node("c")],
///         edges: pairs.iter().map(|&(a, b)| Edge { a, b, weight: 1.0, ties: 1, ..Edge::default() }).collect(),
///         graph: Graph::from_edges(3, pairs, Direction::Undirected)?,
///     })
/// };
/// // a–b ends, b–c begins.
/// let c = compare(&net(&[(0, 1)])?, &net(&[(1, 2)])?);
/// assert_eq!((c.new_edges, c.ended_edges), (vec![0], vec![0]));
/// assert_eq!((c.before.components, c.after.components), (2, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compare(before: &Network, after: &Network) -> Comparison {
    let mut keys: Vec<(&str, Matched)> = Vec::with_capacity(before.nodes.len());
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, node) in before.nodes.iter().enumerate() {
        at.insert(node.key.as_str(), keys.len());
        keys.push((
            node.key.as_str(),
            Matched {
                before: Some(i),
                after: None,
            },
        ));
    }
    for (i, node) in after.nodes.iter().enumerate() {
        match at.get(node.key.as_str()) {
            Some(&k) => keys[k].1.after = Some(i),
            None => keys.push((
                node.key.as_str(),
                Matched {
                    before: None,
                    after: Some(i),
                },
            )),
        }
    }
    keys.sort_by(|x, y| x.0.cmp(y.0));
    let earlier: HashMap<(&str, &str), usize> = before
        .edges
        .iter()
        .enumerate()
        .map(|(k, e)| (edge_key(before, e.a, e.b), k))
        .collect();
    let mut kept = vec![false; before.edges.len()];
    let mut new_edges = Vec::new();
    let mut changed_edges = Vec::new();
    for (k, e) in after.edges.iter().enumerate() {
        match earlier.get(&edge_key(after, e.a, e.b)) {
            Some(&old) => {
                kept[old] = true;
                if (before.edges[old].weight - e.weight).abs() > f64::EPSILON {
                    changed_edges.push((old, k));
                }
            }
            None => new_edges.push(k),
        }
    }
    let ended_edges = (0..before.edges.len()).filter(|&k| !kept[k]).collect();
    Comparison {
        before: Summary::of(before),
        after: Summary::of(after),
        new_edges,
        ended_edges,
        changed_edges,
        nodes: keys.into_iter().map(|(_, m)| m).collect(),
    }
}

#[cfg(test)]
mod tests {
    use praevnetz_graph::{Direction, Graph};

    use super::*;
    use crate::actor::Pillar;
    use crate::network::stored::Node;

    fn node(key: &str, pillar: Pillar, place: &str) -> Node {
        Node {
            key: key.to_owned(),
            pillar: Some(pillar),
            municipality: Some(place.to_owned()),
            ..Node::default()
        }
    }

    fn net(nodes: Vec<Node>, edges: &[(usize, usize, f64)]) -> Network {
        let graph = Graph::from_weighted_edges(nodes.len(), edges, Direction::Undirected).unwrap();
        Network {
            nodes,
            edges: edges
                .iter()
                .map(|&(a, b, weight)| Edge {
                    a,
                    b,
                    weight,
                    ties: 1,
                    ..Edge::default()
                })
                .collect(),
            graph,
        }
    }

    #[test]
    fn nodes_and_edges_are_matched_by_key_in_any_order() {
        let before = net(
            vec![
                node("1", Pillar::StatePolice, "A"),
                node("2", Pillar::Municipality, "A"),
                node("3", Pillar::Civic, "B"),
            ],
            &[(0, 1, 2.0), (1, 2, 1.0)],
        );
        // The later network lists the nodes in another order, loses 3 and gains 4.
        let after = net(
            vec![
                node("4", Pillar::Support, "B"),
                node("2", Pillar::Municipality, "A"),
                node("1", Pillar::StatePolice, "A"),
            ],
            &[(2, 1, 3.0), (0, 2, 1.0)],
        );
        let c = compare(&before, &after);
        assert_eq!(c.new_edges, vec![1]);
        assert_eq!(c.ended_edges, vec![1]);
        assert_eq!(c.changed_edges, vec![(0, 0)]);
        assert_eq!(c.joined().collect::<Vec<_>>(), vec![0]);
        assert_eq!(c.left().collect::<Vec<_>>(), vec![2]);
        let keys: Vec<(Option<usize>, Option<usize>)> =
            c.nodes.iter().map(|m| (m.before, m.after)).collect();
        assert_eq!(
            keys,
            vec![
                (Some(0), Some(2)),
                (Some(1), Some(1)),
                (Some(2), None),
                (None, Some(0))
            ]
        );
    }

    #[test]
    fn summary_counts_ties_across_pillars_and_places() {
        let network = net(
            vec![
                node("1", Pillar::StatePolice, "A"),
                node("2", Pillar::Municipality, "A"),
                node("3", Pillar::Municipality, "B"),
                node("4", Pillar::Civic, "B"),
                Node {
                    key: "5".to_owned(),
                    ..Node::default()
                },
            ],
            &[(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)],
        );
        let s = Summary::of(&network);
        assert_eq!((s.nodes, s.edges, s.components, s.isolated), (5, 4, 1, 0));
        // 1–2 and 3–4 cross pillars; 2–3 crosses places; 4–5 has an unknown end.
        assert_eq!((s.across_pillars, s.across_municipalities), (2, 1));
        assert!((s.density - 0.4).abs() < 1e-12);
    }

    /// A network over some of the keys "0".."11" in a shuffled order, with random edges.
    fn random_network(seed: &mut u64) -> Network {
        let mut next = move || {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            *seed >> 33
        };
        let mut keys: Vec<usize> = (0..12).filter(|_| next() % 4 != 0).collect();
        for i in (1..keys.len()).rev() {
            keys.swap(i, usize::try_from(next()).unwrap() % (i + 1));
        }
        let nodes: Vec<Node> = keys
            .iter()
            .map(|k| {
                node(
                    &k.to_string(),
                    Pillar::ALL[k % 4],
                    if k % 3 == 0 { "A" } else { "B" },
                )
            })
            .collect();
        let mut edges = Vec::new();
        for a in 0..nodes.len() {
            for b in a + 1..nodes.len() {
                if next() % 3 == 0 {
                    edges.push((a, b, f64::from(u32::try_from(next() % 5 + 1).unwrap())));
                }
            }
        }
        net(nodes, &edges)
    }

    /// The pairs of keys an edge list joins, with weights.
    fn pairs(n: &Network) -> std::collections::BTreeMap<(String, String), f64> {
        n.edges
            .iter()
            .map(|e| {
                let (a, b) = (n.nodes[e.a].key.clone(), n.nodes[e.b].key.clone());
                (if a <= b { (a, b) } else { (b, a) }, e.weight)
            })
            .collect()
    }

    #[test]
    fn new_ended_and_changed_ties_and_nodes_agree_with_set_differences() {
        let mut seed = 7;
        for _ in 0..300 {
            let (before, after) = (random_network(&mut seed), random_network(&mut seed));
            let c = compare(&before, &after);
            let (old, new) = (pairs(&before), pairs(&after));
            let begun: Vec<_> = c.new_edges.iter().map(|&k| pairs_of(&after, k)).collect();
            let ended: Vec<_> = c
                .ended_edges
                .iter()
                .map(|&k| pairs_of(&before, k))
                .collect();
            let expect_begun: Vec<_> = new
                .keys()
                .filter(|p| !old.contains_key(*p))
                .cloned()
                .collect();
            let expect_ended: Vec<_> = old
                .keys()
                .filter(|p| !new.contains_key(*p))
                .cloned()
                .collect();
            assert_eq!(sorted(begun), expect_begun);
            assert_eq!(sorted(ended), expect_ended);
            let changed = new
                .iter()
                .filter(|(p, w)| old.get(*p).is_some_and(|v| (v - *w).abs() > 0.5))
                .count();
            assert_eq!(c.changed_edges.len(), changed);
            let keys = |n: &Network| -> std::collections::BTreeSet<String> {
                n.nodes.iter().map(|x| x.key.clone()).collect()
            };
            let (kb, ka) = (keys(&before), keys(&after));
            let joined: std::collections::BTreeSet<String> =
                c.joined().map(|i| after.nodes[i].key.clone()).collect();
            let left: std::collections::BTreeSet<String> =
                c.left().map(|i| before.nodes[i].key.clone()).collect();
            assert_eq!(joined, ka.difference(&kb).cloned().collect());
            assert_eq!(left, kb.difference(&ka).cloned().collect());
            assert_eq!(c.nodes.len(), kb.union(&ka).count());
            assert_eq!((c.before.edges, c.after.edges), (old.len(), new.len()));
        }
    }

    fn pairs_of(n: &Network, k: usize) -> (String, String) {
        let (a, b) = (
            n.nodes[n.edges[k].a].key.clone(),
            n.nodes[n.edges[k].b].key.clone(),
        );
        if a <= b { (a, b) } else { (b, a) }
    }

    fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
        v.sort();
        v
    }

    #[test]
    fn empty_networks_compare_to_nothing() {
        let empty = net(Vec::new(), &[]);
        let c = compare(&empty, &empty);
        assert_eq!(c.before, Summary::default());
        assert!(c.nodes.is_empty() && c.new_edges.is_empty() && c.ended_edges.is_empty());
    }
}

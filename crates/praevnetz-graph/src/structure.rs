//! Structure: which parts of a network hang together.

use crate::Graph;

/// A partition of the nodes into connected components.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Components {
    /// Component of each node, numbered `0..count` in order of each component's smallest node.
    pub labels: Vec<usize>,
    /// Number of components.
    pub count: usize,
}

impl Components {
    /// Sizes of the components, indexed by component.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.count];
        for label in &self.labels {
            sizes[*label] += 1;
        }
        sizes
    }

    /// Size of the largest component (0 for an empty graph).
    pub fn largest(&self) -> usize {
        self.sizes().into_iter().max().unwrap_or(0)
    }
}

/// Connected components; for directed graphs the weakly connected ones (direction ignored), as
/// `networkx.connected_components` / `networkx.weakly_connected_components`. An isolated node is
/// a component of its own.
///
/// Breadth-first search over successors and predecessors; O(n + m).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, structure::connected_components};
/// // Police and town hall of one municipality, and an isolated youth club.
/// let g = Graph::from_edges(5, &[(0, 1), (1, 2), (3, 4)], Direction::Directed)?;
/// let c = connected_components(&g);
/// assert_eq!(c.count, 2);
/// assert_eq!(c.labels, vec![0, 0, 0, 1, 1]);
/// assert_eq!(c.largest(), 3);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
pub fn connected_components(graph: &Graph) -> Components {
    let n = graph.node_count();
    let mut labels = vec![usize::MAX; n];
    let mut count = 0;
    let mut queue = std::collections::VecDeque::new();
    for start in 0..n {
        if labels[start] != usize::MAX {
            continue;
        }
        labels[start] = count;
        queue.push_back(start);
        while let Some(v) = queue.pop_front() {
            for &w in graph.neighbors(v).iter().chain(graph.predecessors(v)) {
                if labels[w] == usize::MAX {
                    labels[w] = count;
                    queue.push_back(w);
                }
            }
        }
        count += 1;
    }
    Components { labels, count }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Direction, NodeOutOfRange};

    /// A small deterministic generator, so the property tests need no dependency.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            usize::try_from((self.0 >> 33) % n as u64).unwrap()
        }
    }

    /// Components by repeated merging of labels: slow, obviously right.
    fn brute_force(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
        let mut label: Vec<usize> = (0..n).collect();
        loop {
            let mut changed = false;
            for &(a, b) in edges {
                let low = label[a].min(label[b]);
                for x in [a, b] {
                    if label[x] != low {
                        let old = label[x];
                        for l in &mut label {
                            if *l == old {
                                *l = low;
                            }
                        }
                        changed = true;
                    }
                }
            }
            if !changed {
                return label;
            }
        }
    }

    #[test]
    fn components_agree_with_brute_force_on_random_graphs() {
        let mut rng = Lcg(42);
        for round in 0..200 {
            let n = 1 + rng.below(30);
            let m = rng.below(2 * n);
            let edges: Vec<(usize, usize)> = (0..m).map(|_| (rng.below(n), rng.below(n))).collect();
            for direction in [Direction::Undirected, Direction::Directed] {
                let g = Graph::from_edges(n, &edges, direction).unwrap();
                let ours = connected_components(&g);
                let reference = brute_force(n, &edges);
                // Same partition: two nodes share a label in one iff they do in the other.
                for a in 0..n {
                    for b in 0..n {
                        assert_eq!(
                            ours.labels[a] == ours.labels[b],
                            reference[a] == reference[b],
                            "round {round}, {direction:?}, nodes {a} {b}"
                        );
                    }
                }
                let distinct: std::collections::HashSet<_> = reference.iter().collect();
                assert_eq!(ours.count, distinct.len());
                assert_eq!(ours.sizes().iter().sum::<usize>(), n);
            }
        }
    }

    #[test]
    fn degrees_sum_to_twice_the_edges() {
        let mut rng = Lcg(7);
        for _ in 0..50 {
            let n = 2 + rng.below(40);
            let edges: Vec<(usize, usize)> =
                (0..3 * n).map(|_| (rng.below(n), rng.below(n))).collect();
            for direction in [Direction::Undirected, Direction::Directed] {
                let g = Graph::from_edges(n, &edges, direction).unwrap();
                let total: usize = (0..n).map(|v| g.degree(v)).sum();
                assert_eq!(total, 2 * g.edge_count());
                assert!((0.0..=1.0).contains(&g.density()));
            }
        }
    }

    #[test]
    fn nodes_outside_the_graph_are_refused() {
        assert_eq!(
            Graph::from_edges(2, &[(0, 2)], Direction::Undirected),
            Err(NodeOutOfRange { node: 2, nodes: 2 })
        );
    }

    #[test]
    fn an_empty_graph_has_no_components_and_no_density() {
        let g = Graph::from_edges(0, &[], Direction::Undirected).unwrap();
        let c = connected_components(&g);
        assert_eq!((c.count, c.largest(), g.density()), (0, 0, 0.0));
    }
}

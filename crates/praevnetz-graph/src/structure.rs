//! Structure: which parts of a network hang together.

use crate::{Direction, Graph};

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

/// Strongly connected components, as `networkx.strongly_connected_components`: nodes that
/// reach each other along directed edges. For undirected graphs these are the connected
/// components. Tarjan's algorithm (1972, "Depth-first search and linear graph algorithms",
/// SIAM J. Comput. 1(2)), iterative; O(n + m). Labels are renumbered in order of each
/// component's smallest node, as [`connected_components`].
///
/// ```
/// use praevnetz_graph::{Direction, Graph, structure::strong_components};
/// // A cycle 0 → 1 → 2 → 0 and a node 3 that only receives.
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], Direction::Directed)?;
/// let c = strong_components(&g);
/// assert_eq!((c.count, c.labels), (2, vec![0, 0, 0, 1]));
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
pub fn strong_components(graph: &Graph) -> Components {
    if graph.direction() == Direction::Undirected {
        return connected_components(graph);
    }
    let n = graph.node_count();
    let mut order = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut raw = vec![usize::MAX; n];
    let mut found = 0;
    let mut counter = 0;
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if order[root] != usize::MAX {
            continue;
        }
        calls.push((root, 0));
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut next)) = calls.last_mut() {
            if let Some(&w) = graph.neighbors(v).get(*next) {
                *next += 1;
                if order[w] == usize::MAX {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
            } else {
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == order[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        raw[w] = found;
                        if w == v {
                            break;
                        }
                    }
                    found += 1;
                }
            }
        }
    }
    // Renumber by smallest node.
    let mut renumber = vec![usize::MAX; found];
    let mut count = 0;
    let labels = raw
        .iter()
        .map(|&r| {
            if renumber[r] == usize::MAX {
                renumber[r] = count;
                count += 1;
            }
            renumber[r]
        })
        .collect();
    Components { labels, count }
}

/// The graph with directions dropped (`networkx.Graph.to_undirected`): the same graph if it is
/// undirected, else one edge for every pair tied in either direction. Weights are kept; a pair
/// tied both ways gets the sum of the two weights (NetworkX keeps one of them; the sum is the
/// "mutual weight" its structural-hole measures use).
pub fn undirected(graph: &Graph) -> std::borrow::Cow<'_, Graph> {
    if graph.direction() == Direction::Undirected {
        return std::borrow::Cow::Borrowed(graph);
    }
    let n = graph.node_count();
    let built = if graph.is_weighted() {
        // A tie given in both directions carries the sum of both weights, Burt's "mutual
        // weight" (as `networkx.constraint` reads a directed graph).
        let mut pairs: Vec<(usize, usize, f64)> = graph
            .weighted_edges()
            .map(|(a, b, w)| (a.min(b), a.max(b), w))
            .collect();
        pairs.sort_unstable_by_key(|&(a, b, _)| (a, b));
        let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(pairs.len());
        for (a, b, w) in pairs {
            match merged.last_mut() {
                Some(last) if (last.0, last.1) == (a, b) => last.2 += w,
                _ => merged.push((a, b, w)),
            }
        }
        Graph::from_weighted_edges(n, &merged, Direction::Undirected).ok()
    } else {
        let edges: Vec<(usize, usize)> = graph.weighted_edges().map(|(a, b, _)| (a, b)).collect();
        Graph::from_edges(n, &edges, Direction::Undirected).ok()
    };
    // The edges come from the graph itself, so every node exists and every weight is valid.
    built.map_or(std::borrow::Cow::Borrowed(graph), std::borrow::Cow::Owned)
}

/// Single points of failure: articulation points (cut vertices), whose removal splits their
/// component, and bridges, edges whose removal does. Directions are ignored (as
/// `networkx.articulation_points` and `networkx.bridges` on `G.to_undirected()`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CutSets {
    /// Articulation points, ascending.
    pub articulation_points: Vec<usize>,
    /// Bridges as `(a, b)` with `a < b`, ascending.
    pub bridges: Vec<(usize, usize)>,
}

/// Articulation points and bridges by one depth-first search with low points (Hopcroft &
/// Tarjan 1973, "Efficient algorithms for graph manipulation", CACM 16(6)); iterative, so deep
/// chains cannot overflow the stack. O(n + m).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, structure::cut_sets};
/// // Two triangles joined by the edge 2–3: nodes 2 and 3 hold them together.
/// let g = Graph::from_edges(
///     6,
///     &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3)],
///     Direction::Undirected,
/// )?;
/// let cuts = cut_sets(&g);
/// assert_eq!(cuts.articulation_points, vec![2, 3]);
/// assert_eq!(cuts.bridges, vec![(2, 3)]);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
pub fn cut_sets(graph: &Graph) -> CutSets {
    let g = undirected(graph);
    let n = g.node_count();
    let mut order = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut cut = vec![false; n];
    let mut bridges = Vec::new();
    let mut counter = 0;
    // (node, parent, index of the next neighbour to look at)
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    for root in 0..n {
        if order[root] != usize::MAX {
            continue;
        }
        order[root] = counter;
        low[root] = counter;
        counter += 1;
        let mut root_children = 0;
        stack.push((root, usize::MAX, 0));
        while let Some(&mut (v, parent, ref mut next)) = stack.last_mut() {
            let neighbours = g.neighbors(v);
            if let Some(&w) = neighbours.get(*next) {
                *next += 1;
                if w == parent {
                    continue;
                }
                if order[w] == usize::MAX {
                    order[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, v, 0));
                } else {
                    low[v] = low[v].min(order[w]);
                }
            } else {
                stack.pop();
                if parent != usize::MAX {
                    low[parent] = low[parent].min(low[v]);
                    if low[v] > order[parent] {
                        bridges.push((parent.min(v), parent.max(v)));
                    }
                    if parent != root && low[v] >= order[parent] {
                        cut[parent] = true;
                    }
                }
            }
        }
        if root_children > 1 {
            cut[root] = true;
        }
    }
    bridges.sort_unstable();
    CutSets {
        articulation_points: (0..n).filter(|&v| cut[v]).collect(),
        bridges,
    }
}

/// Core number of each node: the largest k such that the node belongs to a subgraph in which
/// every node has at least k neighbours (`networkx.core_number`), by the bucket algorithm of
/// Batagelj & Zaveršnik (2003), "An O(m) algorithm for cores decomposition of networks".
/// Directions are ignored. O(n + m).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, structure::core_numbers};
/// // A triangle with a tail: the triangle is the 2-core.
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], Direction::Undirected)?;
/// assert_eq!(core_numbers(&g), vec![2, 2, 2, 1]);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
pub fn core_numbers(graph: &Graph) -> Vec<usize> {
    let g = undirected(graph);
    let n = g.node_count();
    let mut degree: Vec<usize> = (0..n).map(|v| g.neighbors(v).len()).collect();
    let max = degree.iter().copied().max().unwrap_or(0);
    // Nodes sorted by degree, with the start of each degree's bucket.
    let mut start = vec![0; max + 2];
    for &d in &degree {
        start[d + 1] += 1;
    }
    for d in 0..=max {
        start[d + 1] += start[d];
    }
    let mut fill = start.clone();
    let mut sorted = vec![0; n];
    let mut position = vec![0; n];
    for v in 0..n {
        position[v] = fill[degree[v]];
        sorted[position[v]] = v;
        fill[degree[v]] += 1;
    }
    for i in 0..n {
        let v = sorted[i];
        for &w in g.neighbors(v) {
            if degree[w] > degree[v] {
                // Move w to the front of its bucket, then shrink the bucket by one.
                let dw = degree[w];
                let front = start[dw];
                let u = sorted[front];
                if u != w {
                    sorted.swap(position[w], front);
                    position[u] = position[w];
                    position[w] = front;
                }
                start[dw] += 1;
                degree[w] -= 1;
            }
        }
    }
    degree
}

/// Local clustering coefficient of each node, as `networkx.clustering` for undirected graphs:
/// the share of pairs of its neighbours that are tied themselves, 0 for fewer than two
/// neighbours. Directions are ignored. O(Σ deg²) with sorted neighbour lists.
///
/// ```
/// use praevnetz_graph::{Direction, Graph, structure::clustering};
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], Direction::Undirected)?;
/// let c = clustering(&g);
/// assert_eq!(c[0], 1.0);
/// assert!((c[2] - 1.0 / 3.0).abs() < 1e-12);
/// assert_eq!(c[3], 0.0);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
#[allow(clippy::cast_precision_loss, reason = "counts far below 2^52")]
pub fn clustering(graph: &Graph) -> Vec<f64> {
    let g = undirected(graph);
    (0..g.node_count())
        .map(|v| {
            let d = g.neighbors(v).len();
            if d < 2 {
                return 0.0;
            }
            2.0 * triangles_at(&g, v) as f64 / (d * (d - 1)) as f64
        })
        .collect()
}

/// Transitivity, as `networkx.transitivity`: three times the number of triangles over the
/// number of connected triples (paths of two edges); 0 without triangles. Directions are
/// ignored.
///
/// ```
/// use praevnetz_graph::{Direction, Graph, structure::transitivity};
/// let g = Graph::from_edges(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], Direction::Undirected)?;
/// assert!((transitivity(&g) - 0.6).abs() < 1e-12);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
#[allow(clippy::cast_precision_loss, reason = "counts far below 2^52")]
pub fn transitivity(graph: &Graph) -> f64 {
    let g = undirected(graph);
    let mut closed = 0;
    let mut triples = 0;
    for v in 0..g.node_count() {
        let d = g.neighbors(v).len();
        closed += triangles_at(&g, v);
        triples += d * d.saturating_sub(1) / 2;
    }
    if closed == 0 {
        0.0
    } else {
        closed as f64 / triples as f64
    }
}

/// The number of triangles through `v` in an undirected graph: ties among its neighbours,
/// counted by merging sorted neighbour lists.
fn triangles_at(g: &Graph, v: usize) -> usize {
    let mine = g.neighbors(v);
    let mut count = 0;
    for &w in mine {
        let theirs = g.neighbors(w);
        let (mut i, mut j) = (0, 0);
        while i < mine.len() && j < theirs.len() {
            match mine[i].cmp(&theirs[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    count += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    // Each triangle v–w–x was found from w and from x.
    count / 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NodeOutOfRange;

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

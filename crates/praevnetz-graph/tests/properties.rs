//! The measures against brute-force versions on many small random graphs, directed and
//! undirected, connected or not: shortest paths found by listing every simple path.

#![allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    reason = "tests report failure by panicking; tiny counts"
)]

use praevnetz_graph::centrality::{
    Threads, betweenness, closeness, edge_betweenness, harmonic, pagerank,
};
use praevnetz_graph::community::{louvain, modularity};
use praevnetz_graph::groups::{GroupError, brokerage, ei_index, mixing_matrix};
use praevnetz_graph::holes::{constraint, efficiency};
use praevnetz_graph::paths::{ego_nodes, shortest_path};
use praevnetz_graph::structure::{
    clustering, connected_components, core_numbers, cut_sets, strong_components,
};
use praevnetz_graph::{Direction, EdgeError, Graph, NodeOutOfRange};

/// A small deterministic generator (`SplitMix64`), so that failures can be repeated.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random graph on 1–8 nodes with an edge probability between 0.1 and 0.6.
fn random_graph(seed: u64, direction: Direction) -> (usize, Vec<(usize, usize)>) {
    let mut r = Random(seed);
    let n = usize::try_from(r.below(8) + 1).unwrap();
    let p = 10 + r.below(51);
    let mut edges = Vec::new();
    for a in 0..n {
        for b in 0..n {
            let pair = direction == Direction::Directed || a < b;
            if a != b && pair && r.below(100) < p {
                edges.push((a, b));
            }
        }
    }
    (n, edges)
}

/// Every simple path from `s` to `t`, as node lists.
fn simple_paths(g: &Graph, s: usize, t: usize) -> Vec<Vec<usize>> {
    fn walk(g: &Graph, path: &mut Vec<usize>, t: usize, out: &mut Vec<Vec<usize>>) {
        let v = *path.last().unwrap();
        if v == t {
            out.push(path.clone());
            return;
        }
        for &w in g.neighbors(v) {
            if !path.contains(&w) {
                path.push(w);
                walk(g, path, t, out);
                path.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(g, &mut vec![s], t, &mut out);
    out
}

/// The length of a path: its number of edges, or the sum of their weights.
fn length(g: &Graph, path: &[usize]) -> f64 {
    path.windows(2)
        .map(|e| {
            let k = g.neighbors(e[0]).binary_search(&e[1]).unwrap();
            g.neighbor_weights(e[0]).map_or(1.0, |ws| ws[k])
        })
        .sum()
}

/// Shortest paths from `s` to `t` and their length, by listing all simple paths.
fn shortest(g: &Graph, s: usize, t: usize) -> (Option<f64>, Vec<Vec<usize>>) {
    let paths = simple_paths(g, s, t);
    let Some(best) = paths.iter().map(|p| length(g, p)).min_by(f64::total_cmp) else {
        return (None, Vec::new());
    };
    // Lengths are sums of small integers, so equal lengths compare exactly.
    let shortest: Vec<Vec<usize>> = paths
        .into_iter()
        .filter(|p| (length(g, p) - best).abs() < 1e-9)
        .collect();
    (Some(best), shortest)
}

struct Brute {
    betweenness: Vec<f64>,
    closeness: Vec<f64>,
    harmonic: Vec<f64>,
}

fn brute(g: &Graph) -> Brute {
    let n = g.node_count();
    let mut between = vec![0.0; n];
    let mut incoming = vec![Vec::new(); n];
    for s in 0..n {
        for (t, reaching) in incoming.iter_mut().enumerate() {
            if s == t {
                continue;
            }
            let (length, paths) = shortest(g, s, t);
            if let Some(d) = length {
                reaching.push(d);
            }
            for path in &paths {
                for &v in &path[1..path.len() - 1] {
                    between[v] += 1.0 / paths.len() as f64;
                }
            }
        }
    }
    // Ordered pairs for both kinds: an undirected pair was counted from both ends, and
    // NetworkX divides by (n − 1)(n − 2) / 2 unordered pairs, which comes to the same.
    let pairs = ((n.max(2) - 1) * (n.max(2) - 2)) as f64;
    for b in &mut between {
        *b = if n > 2 { *b / pairs } else { 0.0 };
    }
    let closeness = incoming
        .iter()
        .map(|ds| {
            let total: f64 = ds.iter().sum();
            if total == 0.0 {
                0.0
            } else {
                let r = ds.len() as f64;
                (r / total) * (r / (n - 1) as f64)
            }
        })
        .collect();
    let harmonic = incoming
        .iter()
        .map(|ds| ds.iter().map(|&d| 1.0 / d).sum())
        .collect();
    Brute {
        betweenness: between,
        closeness,
        harmonic,
    }
}

fn assert_same(what: &str, seed: u64, expected: &[f64], ours: &[f64]) {
    for (node, (e, o)) in expected.iter().zip(ours).enumerate() {
        assert!(
            (e - o).abs() < 1e-9,
            "{what}, seed {seed}, node {node}: brute force {e}, ours {o}"
        );
    }
}

#[test]
fn path_based_centralities_equal_brute_force_on_random_graphs() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..300 {
            let (n, edges) = random_graph(seed, direction);
            let g = Graph::from_edges(n, &edges, direction).unwrap();
            let b = brute(&g);
            for threads in [Threads::ONE, Threads::new(3)] {
                assert_same(
                    "betweenness",
                    seed,
                    &b.betweenness,
                    &betweenness(&g, threads),
                );
                assert_same("closeness", seed, &b.closeness, &closeness(&g, threads));
                assert_same("harmonic", seed, &b.harmonic, &harmonic(&g, threads));
            }
        }
    }
}

#[test]
fn weighted_path_centralities_equal_brute_force_on_random_graphs() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..300 {
            let (n, edges) = random_graph(seed, direction);
            // Small integer lengths, so that routes of different hop counts tie.
            let mut r = Random(seed ^ 0xABCD);
            let weighted: Vec<(usize, usize, f64)> = edges
                .iter()
                .map(|&(a, b)| (a, b, (r.below(3) + 1) as f64))
                .collect();
            let g = Graph::from_weighted_edges(n, &weighted, direction).unwrap();
            let b = brute(&g);
            for threads in [Threads::ONE, Threads::new(3)] {
                let what = format!("weighted betweenness {direction:?}");
                assert_same(&what, seed, &b.betweenness, &betweenness(&g, threads));
                assert_same(
                    "weighted closeness",
                    seed,
                    &b.closeness,
                    &closeness(&g, threads),
                );
                assert_same(
                    "weighted harmonic",
                    seed,
                    &b.harmonic,
                    &harmonic(&g, threads),
                );
            }
        }
    }
}

#[test]
fn sequential_and_parallel_runs_agree_and_repeat_exactly() {
    for seed in 0..50 {
        let (n, edges) = random_graph(1000 + seed, Direction::Undirected);
        let g = Graph::from_edges(n, &edges, Direction::Undirected).unwrap();
        let one = betweenness(&g, Threads::ONE);
        let two = betweenness(&g, Threads::new(2));
        assert_same("betweenness 1 vs 2 threads", seed, &one, &two);
        assert_eq!(two, betweenness(&g, Threads::new(2)));
    }
}

/// The number of components of the graph without `node` (if given) and `edge` (if given),
/// counting only the remaining nodes.
fn components_without(
    n: usize,
    edges: &[(usize, usize)],
    node: Option<usize>,
    edge: Option<(usize, usize)>,
) -> usize {
    let kept: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| Some(a) != node && Some(b) != node)
        .filter(|&(a, b)| Some((a.min(b), a.max(b))) != edge)
        .collect();
    let g = Graph::from_edges(n, &kept, Direction::Undirected).unwrap();
    let c = connected_components(&g);
    c.count - usize::from(node.is_some())
}

#[test]
fn cut_sets_core_numbers_and_clustering_equal_brute_force() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..300 {
            let (n, edges) = random_graph(5000 + seed, direction);
            let g = Graph::from_edges(n, &edges, direction).unwrap();
            let undirected: Vec<(usize, usize)> =
                edges.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
            let base = components_without(n, &undirected, None, None);
            let cuts = cut_sets(&g);
            let points: Vec<usize> = (0..n)
                .filter(|&v| components_without(n, &undirected, Some(v), None) > base)
                .collect();
            assert_eq!(
                cuts.articulation_points, points,
                "seed {seed} {direction:?}"
            );
            let mut distinct = undirected.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let bridges: Vec<(usize, usize)> = distinct
                .iter()
                .copied()
                .filter(|&e| components_without(n, &undirected, None, Some(e)) > base)
                .collect();
            assert_eq!(cuts.bridges, bridges, "seed {seed} {direction:?}");

            // Core numbers by peeling: the k-core keeps removing nodes of degree below k.
            let neighbours = |v: usize| -> Vec<usize> {
                let mut ns: Vec<usize> = distinct
                    .iter()
                    .filter_map(|&(a, b)| match (a == v, b == v) {
                        (true, _) => Some(b),
                        (_, true) => Some(a),
                        _ => None,
                    })
                    .collect();
                ns.sort_unstable();
                ns
            };
            let mut core = vec![0; n];
            for k in 1..=n {
                let mut alive = vec![true; n];
                loop {
                    let drop: Vec<usize> = (0..n)
                        .filter(|&v| {
                            alive[v] && neighbours(v).iter().filter(|&&w| alive[w]).count() < k
                        })
                        .collect();
                    if drop.is_empty() {
                        break;
                    }
                    for v in drop {
                        alive[v] = false;
                    }
                }
                for v in 0..n {
                    if alive[v] {
                        core[v] = k;
                    }
                }
            }
            assert_eq!(core_numbers(&g), core, "seed {seed} {direction:?}");

            // Clustering: tied pairs among the neighbours.
            for (v, &value) in clustering(&g).iter().enumerate() {
                let ns = neighbours(v);
                let d = ns.len();
                let tied = ns
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &a)| ns[i + 1..].iter().map(move |&b| (a, b)))
                    .filter(|p| distinct.contains(p))
                    .count();
                let expected = if d < 2 {
                    0.0
                } else {
                    2.0 * tied as f64 / (d * (d - 1)) as f64
                };
                assert!((value - expected).abs() < 1e-12, "seed {seed} node {v}");
            }
        }
    }
}

#[test]
fn pagerank_is_a_distribution_also_with_dangling_nodes() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..200 {
            let (n, edges) = random_graph(9000 + seed, direction);
            let g = Graph::from_edges(n, &edges, direction).unwrap();
            let pr = pagerank(&g, 0.85).unwrap();
            assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9, "seed {seed}");
            // Every node gets at least the share of random jumps.
            let floor = 0.15 / n as f64;
            assert!(
                pr.iter().all(|&p| p >= floor - 1e-12),
                "seed {seed}: {pr:?}"
            );
        }
    }
}

#[test]
#[allow(
    clippy::needless_range_loop,
    reason = "a reachability matrix reads best by index"
)]
fn strong_components_are_the_classes_of_mutual_reachability() {
    for seed in 0..300 {
        let (n, edges) = random_graph(20_000 + seed, Direction::Directed);
        let g = Graph::from_edges(n, &edges, Direction::Directed).unwrap();
        // Reachability by closing the relation.
        let mut reach = vec![vec![false; n]; n];
        for (v, row) in reach.iter_mut().enumerate() {
            row[v] = true;
        }
        for &(a, b) in &edges {
            reach[a][b] = true;
        }
        for k in 0..n {
            for i in 0..n {
                if reach[i][k] {
                    for j in 0..n {
                        if reach[k][j] {
                            reach[i][j] = true;
                        }
                    }
                }
            }
        }
        let c = strong_components(&g);
        for a in 0..n {
            for b in 0..n {
                assert_eq!(
                    c.labels[a] == c.labels[b],
                    reach[a][b] && reach[b][a],
                    "seed {seed}, nodes {a} {b}"
                );
            }
        }
        let mut seen = Vec::new();
        for &l in &c.labels {
            if !seen.contains(&l) {
                assert_eq!(l, seen.len(), "labels in order of smallest node");
                seen.push(l);
            }
        }
        assert_eq!(seen.len(), c.count);
    }
}

#[test]
fn efficiency_lies_between_one_over_the_degree_and_one_and_isolated_nodes_have_none() {
    for seed in 0..200 {
        let (n, edges) = random_graph(30_000 + seed, Direction::Undirected);
        let g = Graph::from_edges(n, &edges, Direction::Undirected).unwrap();
        let eff = efficiency(&g);
        let con = constraint(&g);
        for v in 0..n {
            let degree = g.neighbors(v).len();
            if degree == 0 {
                assert!(eff[v].is_nan() && con[v].is_nan(), "seed {seed} node {v}");
            } else {
                let low = 1.0 / degree as f64;
                assert!(
                    eff[v] >= low - 1e-12 && eff[v] <= 1.0 + 1e-12,
                    "seed {seed} node {v}"
                );
                // With no ties among the contacts, constraint is Σ (1/d)² = 1/d.
                if (eff[v] - 1.0).abs() < 1e-12 {
                    assert!((con[v] - low).abs() < 1e-12, "seed {seed} node {v}");
                }
            }
        }
    }
}

#[test]
fn the_mixing_matrix_counts_every_tie_and_the_ei_index_follows_from_it() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..200 {
            let (n, edges) = random_graph(40_000 + seed, direction);
            let g = Graph::from_edges(n, &edges, direction).unwrap();
            let labels: Vec<usize> = (0..n).map(|v| (v * 7 + 3) % 3).collect();
            let matrix = mixing_matrix(&g, &labels, 3).unwrap();
            let total: u64 = matrix.iter().flatten().sum();
            let ends = if direction == Direction::Undirected {
                2
            } else {
                1
            };
            assert_eq!(total, ends * g.edge_count() as u64, "seed {seed}");
            let inside: u64 = (0..3).map(|k| matrix[k][k]).sum();
            let across = total - inside;
            let ei = ei_index(&g, &labels, 3).unwrap();
            let expected = if total == 0 {
                0.0
            } else {
                (across as f64 - inside as f64) / total as f64
            };
            assert!((ei.graph - expected).abs() < 1e-12, "seed {seed}");
            for (v, value) in ei.nodes.iter().enumerate() {
                assert!(value.is_nan() == (g.degree(v) == 0), "seed {seed} node {v}");
            }
        }
    }
    let g = Graph::from_edges(2, &[(0, 1)], Direction::Undirected).unwrap();
    assert_eq!(
        mixing_matrix(&g, &[0], 2),
        Err(GroupError::WrongLength {
            labels: 1,
            nodes: 2
        })
    );
    assert_eq!(
        ei_index(&g, &[0, 5], 2),
        Err(GroupError::UnknownGroup { node: 1, group: 5 })
    );
}

#[test]
fn shortest_paths_and_ego_networks_follow_the_distances() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..200 {
            let (n, edges) = random_graph(50_000 + seed, direction);
            let g = Graph::from_edges(n, &edges, direction).unwrap();
            for s in 0..n {
                for t in 0..n {
                    let (length, _) = shortest(&g, s, t);
                    let length = if s == t { Some(0.0) } else { length };
                    let path = shortest_path(&g, s, t).unwrap();
                    assert_eq!(
                        path.as_ref().map(|p| (p.len() - 1) as f64),
                        length,
                        "seed {seed}"
                    );
                    if let Some(path) = path {
                        assert_eq!((path[0], path[path.len() - 1]), (s, t));
                        assert!(path.windows(2).all(|w| g.neighbors(w[0]).contains(&w[1])));
                    }
                }
                for radius in 0..3 {
                    let expected: Vec<usize> = (0..n)
                        .filter(|&t| {
                            t == s || shortest(&g, s, t).0.is_some_and(|d| d <= radius as f64)
                        })
                        .collect();
                    assert_eq!(ego_nodes(&g, s, radius).unwrap(), expected, "seed {seed}");
                }
            }
            assert!(shortest_path(&g, 0, n).is_err());
            assert!(ego_nodes(&g, n, 1).is_err());
        }
    }
}

#[test]
fn louvain_beats_the_trivial_partitions_and_repeats_for_a_seed() {
    for seed in 0..200 {
        let (n, edges) = random_graph(60_000 + seed, Direction::Undirected);
        let g = Graph::from_edges(n, &edges, Direction::Undirected).unwrap();
        let p = louvain(&g, seed);
        let one = modularity(&g, &vec![0; n]).unwrap();
        let singletons: Vec<usize> = (0..n).collect();
        let alone = modularity(&g, &singletons).unwrap();
        assert!(p.modularity >= one - 1e-12, "seed {seed}");
        assert!(p.modularity >= alone - 1e-12, "seed {seed}");
        assert_eq!(louvain(&g, seed), p);
        assert_eq!(p.labels.len(), n);
        assert!(p.labels.iter().all(|&l| l < p.count.max(1)));
    }
    let g = Graph::from_edges(2, &[(0, 1)], Direction::Undirected).unwrap();
    assert!(modularity(&g, &[0]).is_err());
}

#[test]
fn brokerage_counts_every_open_two_step_path_once_by_role() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..200 {
            let (n, edges) = random_graph(70_000 + seed, direction);
            let g = Graph::from_edges(n, &edges, direction).unwrap();
            let labels: Vec<usize> = (0..n).map(|v| (v * 5 + 1) % 3).collect();
            let roles = brokerage(&g, &labels, 3).unwrap();
            let tied = |a: usize, b: usize| g.neighbors(a).contains(&b);
            for b in 0..n {
                let mut expected = [0_u64; 5];
                for a in 0..n {
                    for c in 0..n {
                        if a == b || b == c || a == c || !tied(a, b) || !tied(b, c) || tied(a, c) {
                            continue;
                        }
                        let (ga, gb, gc) = (labels[a], labels[b], labels[c]);
                        let k = if ga == gb && gb == gc {
                            0
                        } else if ga == gc {
                            1
                        } else if gb == gc {
                            2
                        } else if ga == gb {
                            3
                        } else {
                            4
                        };
                        expected[k] += 1;
                    }
                }
                let r = roles[b];
                assert_eq!(
                    [
                        r.coordinator,
                        r.itinerant,
                        r.gatekeeper,
                        r.representative,
                        r.liaison
                    ],
                    expected,
                    "seed {seed} node {b} {direction:?}"
                );
                assert_eq!(r.total(), expected.iter().sum::<u64>());
                if direction == Direction::Undirected {
                    assert_eq!(r.gatekeeper, r.representative);
                }
            }
        }
    }
}

#[test]
fn edge_betweenness_equals_brute_force_on_random_graphs() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..300 {
            let (n, edges) = random_graph(80_000 + seed, direction);
            let g = Graph::from_edges(n, &edges, direction).unwrap();
            let mut expected: std::collections::BTreeMap<(usize, usize), f64> = (0..n)
                .flat_map(|v| g.neighbors(v).iter().map(move |&w| (v, w)))
                .filter(|&(v, w)| direction == Direction::Directed || v < w)
                .map(|e| (e, 0.0))
                .collect();
            for s in 0..n {
                for t in 0..n {
                    if s == t {
                        continue;
                    }
                    let (_, paths) = shortest(&g, s, t);
                    for path in &paths {
                        for step in path.windows(2) {
                            let key = if direction == Direction::Directed {
                                (step[0], step[1])
                            } else {
                                (step[0].min(step[1]), step[0].max(step[1]))
                            };
                            *expected.get_mut(&key).unwrap() += 1.0 / paths.len() as f64;
                        }
                    }
                }
            }
            let scale = if n > 1 {
                1.0 / (n * (n - 1)) as f64
            } else {
                0.0
            };
            let ours = edge_betweenness(&g, Threads::new(2));
            assert_eq!(ours.len(), expected.len(), "seed {seed}");
            for ((edge, value), (key, raw)) in ours.iter().zip(&expected) {
                assert_eq!(edge, key, "seed {seed}");
                assert!((value - raw * scale).abs() < 1e-9, "seed {seed} {edge:?}");
            }
        }
    }
}

#[test]
fn weighted_graphs_keep_the_last_weight_and_sum_strengths() {
    for direction in [Direction::Undirected, Direction::Directed] {
        for seed in 0..200 {
            let (n, edges) = random_graph(90_000 + seed, direction);
            let mut random = Random(seed);
            // Every edge twice, the second weight counting; and a self-loop, dropped.
            let mut weighted: Vec<(usize, usize, f64)> = Vec::new();
            for &(a, b) in &edges {
                weighted.push((a, b, 9.0));
            }
            let mut last = std::collections::HashMap::new();
            for &(a, b) in &edges {
                let weight = 0.5 + random.below(10) as f64;
                let (x, y) = if direction == Direction::Undirected && random.below(2) == 0 {
                    (b, a)
                } else {
                    (a, b)
                };
                weighted.push((x, y, weight));
                let key = if direction == Direction::Undirected {
                    (a.min(b), a.max(b))
                } else {
                    (a, b)
                };
                last.insert(key, weight);
            }
            weighted.push((0, 0, 3.0));
            let g = Graph::from_weighted_edges(n, &weighted, direction).unwrap();
            assert!(g.is_weighted());
            assert_eq!(g.edge_count(), last.len(), "seed {seed}");
            for v in 0..n {
                let touching = |pick: fn(&(usize, usize)) -> usize| -> f64 {
                    last.iter()
                        .filter(|(k, _)| pick(k) == v)
                        .map(|(_, w)| *w)
                        .sum()
                };
                let out = if direction == Direction::Undirected {
                    touching(|k| k.0) + touching(|k| k.1)
                } else {
                    touching(|k| k.0)
                };
                let inward = if direction == Direction::Undirected {
                    out
                } else {
                    touching(|k| k.1)
                };
                assert!(
                    (g.out_strength(v) - out).abs() < 1e-9,
                    "seed {seed} node {v}"
                );
                assert!(
                    (g.in_strength(v) - inward).abs() < 1e-9,
                    "seed {seed} node {v}"
                );
                let both = if direction == Direction::Undirected {
                    out
                } else {
                    out + inward
                };
                assert!((g.strength(v) - both).abs() < 1e-9, "seed {seed} node {v}");
            }
        }
    }
    // Bad weights name the edge; unweighted graphs have degrees as strengths.
    for bad in [0.0, -1.0, f64::INFINITY, f64::NAN] {
        let result =
            Graph::from_weighted_edges(3, &[(0, 1, 1.0), (1, 2, bad)], Direction::Directed);
        assert!(
            matches!(result, Err(EdgeError::Weight { edge: 1, .. })),
            "{bad}"
        );
    }
    assert_eq!(
        Graph::from_weighted_edges(2, &[(0, 2, 1.0)], Direction::Undirected),
        Err(EdgeError::Node(NodeOutOfRange { node: 2, nodes: 2 }))
    );
    let plain = Graph::from_edges(3, &[(0, 1), (1, 2)], Direction::Directed).unwrap();
    assert!(!plain.is_weighted());
    assert_eq!(
        (
            plain.strength(1),
            plain.in_strength(1),
            plain.out_strength(1)
        ),
        (2.0, 1.0, 1.0)
    );
    assert_eq!(plain.neighbor_weights(0), None);
}

/// Incoming distances to `u` by a plain breadth-first search along predecessors.
fn incoming_distances(g: &Graph, u: usize) -> Vec<Option<usize>> {
    let mut distance = vec![None; g.node_count()];
    distance[u] = Some(0);
    let mut queue = std::collections::VecDeque::from([u]);
    while let Some(v) = queue.pop_front() {
        let d = distance[v].unwrap();
        for &w in g.predecessors(v) {
            if distance[w].is_none() {
                distance[w] = Some(d + 1);
                queue.push_back(w);
            }
        }
    }
    distance
}

#[test]
fn closeness_and_harmonic_of_many_searches_at_once_equal_one_search_per_node() {
    // Graphs of several batches of 64 sources, sparse enough to have far and unreachable nodes.
    for (seed, direction) in [
        (1, Direction::Directed),
        (2, Direction::Undirected),
        (3, Direction::Directed),
    ] {
        let mut r = Random(seed);
        let n = 150 + usize::try_from(r.below(100)).unwrap();
        let edges: Vec<(usize, usize)> = (0..n * 2)
            .map(|_| {
                let a = usize::try_from(r.below(n as u64)).unwrap();
                let b = usize::try_from(r.below(n as u64)).unwrap();
                (a, b)
            })
            .collect();
        let g = Graph::from_edges(n, &edges, direction).unwrap();
        let (mut close, mut harm) = (Vec::new(), Vec::new());
        for u in 0..n {
            let ds: Vec<usize> = incoming_distances(&g, u)
                .into_iter()
                .flatten()
                .filter(|&d| d > 0)
                .collect();
            let total: usize = ds.iter().sum();
            let reached = ds.len() as f64;
            close.push(if total == 0 {
                0.0
            } else {
                (reached / total as f64) * (reached / (n - 1) as f64)
            });
            harm.push(ds.iter().map(|&d| 1.0 / d as f64).sum::<f64>());
        }
        for threads in [Threads::ONE, Threads::new(2)] {
            assert_same("closeness", seed, &close, &closeness(&g, threads));
            assert_same("harmonic", seed, &harm, &harmonic(&g, threads));
        }
    }
}

#[test]
fn the_layout_is_deterministic_finite_and_keeps_groups_together() {
    use praevnetz_graph::layout::{Layout, force_atlas2};
    // Three groups of 200, dense inside, a few ties between: more than the 500 nodes above
    // which the repulsion is approximated (Barnes–Hut), and an isolated node.
    let mut r = Random(17);
    let (groups, size) = (3, 200);
    let n = groups * size + 1;
    let mut edges = Vec::new();
    for g in 0..groups {
        for _ in 0..size * 4 {
            let a = g * size + usize::try_from(r.below(size as u64)).unwrap();
            let b = g * size + usize::try_from(r.below(size as u64)).unwrap();
            edges.push((a, b));
        }
    }
    for _ in 0..6 {
        let a = usize::try_from(r.below((groups * size) as u64)).unwrap();
        let b = usize::try_from(r.below((groups * size) as u64)).unwrap();
        edges.push((a, b));
    }
    let g = Graph::from_edges(n, &edges, Direction::Undirected).unwrap();
    for theta in [1.2, 0.0] {
        let layout = Layout {
            theta,
            ..Layout::default()
        };
        let p = force_atlas2(&g, layout);
        assert_eq!(p, force_atlas2(&g, layout), "theta {theta}");
        assert!(p.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
        let distance = |a: usize, b: usize| (p[a].0 - p[b].0).hypot(p[a].1 - p[b].1);
        let (mut inside, mut across) = ((0.0, 0), (0.0, 0));
        for a in (0..groups * size).step_by(7) {
            for b in (0..groups * size).step_by(11) {
                let pair = if a / size == b / size {
                    &mut inside
                } else {
                    &mut across
                };
                pair.0 += distance(a, b);
                pair.1 += 1;
            }
        }
        let (inside, across) = (
            inside.0 / f64::from(inside.1),
            across.0 / f64::from(across.1),
        );
        assert!(inside * 2.0 < across, "theta {theta}: {inside} vs {across}");
        // Strong gravity keeps the isolated node within sight of the rest.
        let centre = (0..groups * size)
            .map(|v| p[v].0.hypot(p[v].1))
            .fold(0.0, f64::max);
        assert!(p[n - 1].0.hypot(p[n - 1].1) < 2.0 * centre);
    }
}

#[test]
fn watched_betweenness_counts_every_search_and_gives_the_same_values() {
    use praevnetz_graph::centrality::{Progress, betweenness_watched};
    for seed in 0..50 {
        let (n, edges) = random_graph(seed, Direction::Undirected);
        let g = Graph::from_edges(n, &edges, Direction::Undirected).unwrap();
        for threads in [Threads::ONE, Threads::new(3)] {
            let progress = Progress::default();
            let watched = betweenness_watched(&g, threads, &progress).unwrap();
            assert_eq!(watched, betweenness(&g, threads));
            assert_eq!((progress.done(), progress.total()), (n, n));
        }
        // Stopped before it starts: nothing is computed, nothing is returned.
        let stopped = Progress::default();
        stopped.stop();
        assert_eq!(betweenness_watched(&g, Threads::new(2), &stopped), None);
        assert_eq!(stopped.done(), 0);
    }
}

//! Criterion benchmarks of the analysis on one deterministic graph: a preferential-attachment
//! graph of 2,000 nodes, each new node tied to 4 earlier ones chosen in proportion to their
//! degree (Barabási & Albert 1999), 7,984 edges. Small enough that the whole suite runs in
//! well under a minute with `--quick`; for comparisons with other tools on larger graphs see
//! `scripts/bench-graph`.
//!
//!     cargo bench -p praevnetz-graph --bench graph            # full statistics
//!     cargo bench -p praevnetz-graph --bench graph -- --quick  # a rough figure per measure

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion};
use praevnetz_graph::centrality::{
    Accuracy, Threads, betweenness, betweenness_sampled, closeness, pagerank,
};
use praevnetz_graph::community::louvain;
use praevnetz_graph::holes::constraint;
use praevnetz_graph::layout::{Layout, force_atlas2};
use praevnetz_graph::structure::{core_numbers, cut_sets};
use praevnetz_graph::{Direction, Graph, NodeOutOfRange};

const NODES: usize = 2_000;
const TIES_PER_NODE: usize = 4;

/// `SplitMix64` (Steele, Lea & Flood 2014): the same graph on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`, by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from((u128::from(self.next()) * n as u128) >> 64).unwrap_or(0)
    }
}

/// Node 0 tied to nodes `1..=per_node`; every later node tied to `per_node` distinct earlier
/// ones, each drawn from the list of edge ends (so in proportion to its degree).
fn preferential_attachment(
    nodes: usize,
    per_node: usize,
    seed: u64,
) -> Result<Graph, NodeOutOfRange> {
    let mut random = SplitMix(seed);
    let mut edges = Vec::with_capacity(nodes * per_node);
    let mut ends = Vec::with_capacity(2 * nodes * per_node);
    for v in 1..=per_node.min(nodes.saturating_sub(1)) {
        edges.push((0, v));
        ends.extend([0, v]);
    }
    let mut chosen = Vec::with_capacity(per_node);
    for v in per_node + 1..nodes {
        chosen.clear();
        while chosen.len() < per_node {
            let target = ends[random.below(ends.len())];
            if !chosen.contains(&target) {
                chosen.push(target);
            }
        }
        for &target in &chosen {
            edges.push((v, target));
            ends.extend([v, target]);
        }
    }
    Graph::from_edges(nodes, &edges, Direction::Undirected)
}

/// The path measures: a few dozen milliseconds per run, so fewer samples.
fn paths(c: &mut Criterion, graph: &Graph) {
    let mut group = c.benchmark_group("paths");
    group.sample_size(10);
    for threads in [1, 2] {
        let id = BenchmarkId::new("betweenness_exact_threads", threads);
        group.bench_function(id, |b| {
            b.iter(|| betweenness(black_box(graph), Threads::new(threads)));
        });
    }
    let accuracy = Accuracy {
        epsilon: 0.01,
        delta: 0.1,
        seed: 1,
    };
    group.bench_function("betweenness_sampled_2_threads", |b| {
        b.iter(|| betweenness_sampled(black_box(graph), accuracy, Threads::new(2)));
    });
    group.bench_function("closeness_2_threads", |b| {
        b.iter(|| closeness(black_box(graph), Threads::new(2)));
    });
    group.finish();
}

/// The measures linear or nearly linear in the size of the graph.
fn linear(c: &mut Criterion, graph: &Graph) {
    let mut group = c.benchmark_group("linear");
    group.bench_function("pagerank", |b| {
        b.iter(|| pagerank(black_box(graph), 0.85));
    });
    group.bench_function("louvain", |b| b.iter(|| louvain(black_box(graph), 1)));
    group.bench_function("constraint", |b| b.iter(|| constraint(black_box(graph))));
    group.bench_function("core_numbers", |b| {
        b.iter(|| core_numbers(black_box(graph)));
    });
    group.bench_function("cut_sets", |b| b.iter(|| cut_sets(black_box(graph))));
    group.finish();
}

/// [`force_atlas2`] with the default 300 iterations and Barnes–Hut, as the network page draws.
fn layout(c: &mut Criterion, graph: &Graph) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("force_atlas2", |b| {
        b.iter(|| force_atlas2(black_box(graph), Layout::default()));
    });
    group.finish();
}

// Our own `main` instead of `criterion_main!`: the graph is built once, and an error building
// it is returned rather than unwrapped (the workspace denies `unwrap` outside tests).
fn main() -> Result<(), NodeOutOfRange> {
    let graph = preferential_attachment(NODES, TIES_PER_NODE, 1)?;
    let mut criterion = Criterion::default().configure_from_args();
    paths(&mut criterion, &graph);
    linear(&mut criterion, &graph);
    layout(&mut criterion, &graph);
    criterion.final_summary();
    Ok(())
}

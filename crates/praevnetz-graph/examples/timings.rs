//! Times the library's algorithms on an edge list, for `scripts/bench-graph`, which runs
//! NetworkX, igraph and rustworkx on the same file in the same run.
//!
//!     cargo run --release -p praevnetz-graph --example timings -- EDGES [ALGORITHM…]
//!
//! EDGES holds one undirected edge per line as two node numbers separated by white space (the
//! format of `networkx.write_edgelist(G, path, data=False)`). Prints one JSON object per
//! algorithm: its name, the median of the runs in seconds, the runs, and a checksum of the
//! result to compare with the other tools'. RUNS sets the runs (3); the algorithms named in
//! ONCE (separated by spaces) run once. Louvain also reports its modularity; sampled
//! betweenness its sample size, its bound ε and, when exact betweenness ran before it in the
//! same call, its largest error against the exact values.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::cast_precision_loss,
    reason = "a measuring tool that reports on standard output"
)]

use std::time::Instant;

use praevnetz_graph::centrality::{
    Accuracy, Threads, betweenness, betweenness_sampled, closeness, harmonic, pagerank,
};
use praevnetz_graph::community::louvain;
use praevnetz_graph::holes::constraint;
use praevnetz_graph::structure::{core_numbers, cut_sets};
use praevnetz_graph::{Direction, Graph};

fn read(path: &str) -> Result<Graph, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut edges = Vec::new();
    let mut nodes = 0;
    for (i, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let (Some(a), Some(b)) = (fields.next(), fields.next()) else {
            continue;
        };
        let parse = |f: &str| {
            f.parse::<usize>()
                .map_err(|e| format!("{path}:{}: {e}", i + 1))
        };
        let (a, b) = (parse(a)?, parse(b)?);
        nodes = nodes.max(a + 1).max(b + 1);
        edges.push((a, b));
    }
    Graph::from_edges(nodes, &edges, Direction::Undirected).map_err(|e| e.to_string())
}

/// Sampled betweenness (ε = 0.01, δ = 0.1, seed 1): the sum of the estimates, and as JSON
/// fields the sample size, the bound and, given the exact values, the largest error.
fn sampled(graph: &Graph, threads: Threads, exact: Option<&[f64]>) -> (f64, String) {
    let accuracy = Accuracy {
        epsilon: 0.01,
        delta: 0.1,
        seed: 1,
    };
    let estimate = betweenness_sampled(graph, accuracy, threads);
    let error = exact.map_or_else(String::new, |exact| {
        let max = estimate
            .values
            .iter()
            .zip(exact)
            .map(|(e, x)| (e - x).abs())
            .fold(0.0, f64::max);
        format!(", \"max_error\": {max}")
    });
    let fields = format!(
        ", \"samples\": {}, \"bound\": {}{error}",
        estimate.samples, estimate.epsilon
    );
    (estimate.values.iter().sum(), fields)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: timings EDGES [ALGORITHM…]");
        std::process::exit(2);
    };
    let graph = match read(path) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let all = [
        "betweenness",
        "betweenness_1thread",
        "betweenness_sampled",
        "closeness",
        "harmonic",
        "pagerank",
        "louvain",
        "constraint",
        "core",
        "cut_sets",
    ];
    let chosen: Vec<&str> = if args.len() > 1 {
        args[1..].iter().map(String::as_str).collect()
    } else {
        all.to_vec()
    };
    let once = std::env::var("ONCE").unwrap_or_default();
    let threads = Threads::available();
    // The exact betweenness of the last run, to measure the sampled estimate's error.
    let mut exact: Option<Vec<f64>> = None;
    for name in chosen {
        let mut extra = String::new();
        let mut run = || -> f64 {
            match name {
                "betweenness" => {
                    let values = betweenness(&graph, threads);
                    let sum = values.iter().sum();
                    exact = Some(values);
                    sum
                }
                "betweenness_1thread" => betweenness(&graph, Threads::ONE).iter().sum(),
                "betweenness_sampled" => {
                    let (sum, fields) = sampled(&graph, threads, exact.as_deref());
                    extra = fields;
                    sum
                }
                "closeness" => closeness(&graph, threads).iter().sum(),
                "harmonic" => harmonic(&graph, threads).iter().sum(),
                "pagerank" => pagerank(&graph, 0.85).map_or(f64::NAN, |p| p.iter().sum()),
                "louvain" => {
                    let modularity = louvain(&graph, 1).modularity;
                    extra = format!(", \"modularity\": {modularity}");
                    modularity
                }
                "constraint" => constraint(&graph).iter().filter(|c| c.is_finite()).sum(),
                "core" => core_numbers(&graph).iter().sum::<usize>() as f64,
                "cut_sets" => cut_sets(&graph).articulation_points.len() as f64,
                _ => f64::NAN,
            }
        };
        let runs = if once.split_whitespace().any(|o| o == name) {
            1
        } else {
            runs
        };
        let mut times = Vec::new();
        let mut check = 0.0;
        for _ in 0..runs {
            let start = Instant::now();
            check = run();
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "{{\"tool\": \"praevnetz\", \"algorithm\": \"{name}\", \"median\": {median}, \"runs\": {runs}, \"check\": {check}, \"nodes\": {}, \"edges\": {}{extra}}}",
            graph.node_count(),
            graph.edge_count()
        );
    }
}

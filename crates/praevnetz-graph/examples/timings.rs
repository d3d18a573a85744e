//! Times the library's algorithms on an edge list, for `scripts/bench-graph`, which runs
//! NetworkX, igraph and rustworkx on the same file in the same run.
//!
//!     cargo run --release -p praevnetz-graph --example timings -- EDGES [ALGORITHM…]
//!
//! EDGES holds one undirected edge per line as two node numbers separated by white space (the
//! format of `networkx.write_edgelist(G, path, data=False)`). Prints one JSON object per
//! algorithm: its name, the median of the runs in seconds, the runs, and a checksum of the
//! result to compare with the other tools'.

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
    let threads = Threads::available();
    for name in chosen {
        let run = || -> f64 {
            match name {
                "betweenness" => betweenness(&graph, threads).iter().sum(),
                "betweenness_1thread" => betweenness(&graph, Threads::ONE).iter().sum(),
                "betweenness_sampled" => {
                    let accuracy = Accuracy {
                        epsilon: 0.01,
                        delta: 0.1,
                        seed: 1,
                    };
                    betweenness_sampled(&graph, accuracy, threads)
                        .values
                        .iter()
                        .sum()
                }
                "closeness" => closeness(&graph, threads).iter().sum(),
                "harmonic" => harmonic(&graph, threads).iter().sum(),
                "pagerank" => pagerank(&graph, 0.85).map_or(f64::NAN, |p| p.iter().sum()),
                "louvain" => louvain(&graph, 1).modularity,
                "constraint" => constraint(&graph).iter().filter(|c| c.is_finite()).sum(),
                "core" => core_numbers(&graph).iter().sum::<usize>() as f64,
                "cut_sets" => cut_sets(&graph).articulation_points.len() as f64,
                _ => f64::NAN,
            }
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
            "{{\"tool\": \"praevnetz\", \"algorithm\": \"{name}\", \"median\": {median}, \"runs\": {runs}, \"check\": {check}, \"nodes\": {}, \"edges\": {}}}",
            graph.node_count(),
            graph.edge_count()
        );
    }
}

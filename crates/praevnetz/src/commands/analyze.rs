//! `praevnetz analyze`: the measures of a network, printed as text, JSON or CSV.

use std::path::PathBuf;

use praevnetz_domain::i18n::{Args, Localize};
use praevnetz_domain::network::analysis::{
    Lengths, Metrics, NodeKey, Note, Options, Report, analyze,
};
use praevnetz_domain::network::file::{self, FileFormat, ReadOptions};
use praevnetz_graph::centrality::Threads;

use super::Env;
use crate::cli::Format;
use crate::messages;
use crate::report::UserError;

/// What was asked for.
pub struct Request {
    pub graph: Option<PathBuf>,
    pub directed: bool,
    pub weight: Option<String>,
    pub metrics: Option<String>,
    pub seed: u64,
}

pub async fn run(env: &Env, request: &Request) -> anyhow::Result<()> {
    let user_error = |message: String| anyhow::Error::new(UserError { message });
    let metrics = match &request.metrics {
        Some(list) => Metrics::parse(list).map_err(|e| user_error(e.localize(env.lang)))?,
        None => Metrics::ALL,
    };
    let Some(path) = &request.graph else {
        return Err(user_error(messages::text(
            env.lang,
            "cli-analyze-need-graph",
        )));
    };
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        user_error(messages::text_with(
            env.lang,
            "cli-analyze-unreadable",
            &Args::new()
                .text("path", label.clone())
                .text("reason", e.to_string()),
        ))
    })?;
    let format = FileFormat::from_extension(&label)
        .unwrap_or_else(|| FileFormat::sniff(&String::from_utf8_lossy(&bytes)));
    let options = ReadOptions {
        directed: request.directed,
        weight: request.weight.as_deref(),
    };
    let network = file::read(&bytes, format, options).map_err(|e| {
        user_error(messages::text_with(
            env.lang,
            "cli-analyze-file",
            &Args::new()
                .text("path", label.clone())
                .text("problem", e.localize(env.lang)),
        ))
    })?;
    let keys: Vec<NodeKey> = network.ids.iter().cloned().map(NodeKey::Text).collect();
    let options = Options {
        metrics,
        threads: Threads::available(),
        lengths: Lengths::Weights,
        seed: request.seed,
    };
    let graph = network.graph;
    let mut report =
        tokio::task::spawn_blocking(move || analyze(&graph, &keys, None, options)).await?;
    let mut normalised = Vec::new();
    if network.self_loops > 0 {
        normalised.push(Note::SelfLoopsDropped {
            count: network.self_loops,
        });
    }
    if network.duplicates > 0 {
        normalised.push(Note::DuplicateEdgesMerged {
            count: network.duplicates,
        });
    }
    report.notes.splice(0..0, normalised);
    print(env, &report)
}

#[allow(
    clippy::print_stderr,
    reason = "notes about the input go to standard error so that the data on standard output stay clean"
)]
fn print(env: &Env, report: &Report) -> anyhow::Result<()> {
    match env.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(report)?),
        Format::Csv => {
            for note in &report.notes {
                eprintln!("{}", note.localize(env.lang));
            }
            print!("{}", report.to_csv()?);
        }
        Format::Text => {
            let g = &report.graph;
            let kind = if g.directed {
                "cli-analyze-directed"
            } else {
                "cli-analyze-undirected"
            };
            println!(
                "{}",
                messages::text_with(
                    env.lang,
                    "cli-analyze-summary",
                    &Args::new()
                        .number("nodes", g.nodes as f64)
                        .number("edges", g.edges as f64)
                        .text("kind", messages::text(env.lang, kind))
                        .text("density", format!("{:.4}", g.density))
                        .number("components", g.components as f64),
                )
            );
            for note in &report.notes {
                println!("{}", note.localize(env.lang));
            }
            let mut brokers: Vec<(&NodeKey, f64)> = report
                .nodes
                .iter()
                .filter_map(|n| n.betweenness.map(|b| (&n.id, b)))
                .filter(|&(_, b)| b > 0.0)
                .collect();
            brokers.sort_by(|a, b| b.1.total_cmp(&a.1));
            if !brokers.is_empty() {
                println!("{}", messages::text(env.lang, "cli-analyze-top"));
                for (id, b) in brokers.iter().take(10) {
                    println!("  {b:>10.6}  {id}");
                }
            }
            println!("{}", messages::text(env.lang, "cli-analyze-more"));
        }
    }
    Ok(())
}

//! `praevnetz analyze --compare DATE`: the stored network on an earlier and a later day side by
//! side, as JSON, CSV (one row per node with each measure before and after) or text.

use std::fmt::Write as _;

use jiff::civil::Date;
use praevnetz_domain::i18n::{Args, Localize};
use praevnetz_domain::network::analysis::{
    COLUMNS, GraphFigures, NodeFigures, NodeKey, Note, Report,
};
use praevnetz_domain::network::compare::{Move, Summary, compare};
use praevnetz_domain::network::stored::Network;
use serde::Serialize;

use super::{Env, emit};
use crate::cli::Format;
use crate::messages;

/// One day of the comparison.
#[derive(Serialize)]
struct Side<'a> {
    day: String,
    summary: Summary,
    graph: &'a GraphFigures,
    notes: &'a [Note],
}

/// A node of either day with its measures on each (absent where it was not in the network).
#[derive(Serialize)]
struct NodeChange<'a> {
    id: &'a NodeKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    before: Option<&'a NodeFigures>,
    after: Option<&'a NodeFigures>,
}

/// The whole comparison.
#[derive(Serialize)]
struct Output<'a> {
    before: Side<'a>,
    after: Side<'a>,
    new_ties: Vec<[&'a NodeKey; 2]>,
    ended_ties: Vec<[&'a NodeKey; 2]>,
    joined: Vec<&'a NodeKey>,
    left: Vec<&'a NodeKey>,
    nodes: Vec<NodeChange<'a>>,
}

/// The keys of an edge's two ends.
fn ends<'a>(report: &'a Report, net: &Network, k: usize) -> [&'a NodeKey; 2] {
    let e = &net.edges[k];
    [&report.nodes[e.a].id, &report.nodes[e.b].id]
}

/// Prints the comparison of `networks` (earlier, later) with their days and reports.
pub fn print(
    env: &Env,
    networks: [&Network; 2],
    sides: &[(Date, Report); 2],
) -> anyhow::Result<()> {
    let [before, after] = networks;
    let [(before_day, before_report), (after_day, after_report)] = sides;
    let c = compare(before, after);
    let output = Output {
        before: Side {
            day: before_day.to_string(),
            summary: c.before,
            graph: &before_report.graph,
            notes: &before_report.notes,
        },
        after: Side {
            day: after_day.to_string(),
            summary: c.after,
            graph: &after_report.graph,
            notes: &after_report.notes,
        },
        new_ties: c
            .new_edges
            .iter()
            .map(|&k| ends(after_report, after, k))
            .collect(),
        ended_ties: c
            .ended_edges
            .iter()
            .map(|&k| ends(before_report, before, k))
            .collect(),
        joined: c.joined().map(|i| &after_report.nodes[i].id).collect(),
        left: c.left().map(|i| &before_report.nodes[i].id).collect(),
        nodes: c
            .nodes
            .iter()
            .filter_map(|m| {
                let b = m.before.map(|i| &before_report.nodes[i]);
                let a = m.after.map(|i| &after_report.nodes[i]);
                let any = a.or(b)?;
                Some(NodeChange {
                    id: &any.id,
                    name: any.name.as_deref(),
                    before: b,
                    after: a,
                })
            })
            .collect(),
    };
    match env.format {
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(&output)?)),
        Format::Csv => {
            // As plain analyze: notes about the figures go to standard error, the data stay
            // clean.
            #[allow(
                clippy::print_stderr,
                reason = "notes go to standard error so that the CSV on standard output stays clean"
            )]
            for note in before_report.notes.iter().chain(&after_report.notes) {
                eprintln!("{}", note.localize(env.lang));
            }
            emit(&csv(&output)?)
        }
        Format::Text | Format::Graphml | Format::Gexf => {
            let sampled = |r: &Report| r.notes.iter().any(|n| matches!(n, Note::Estimated { .. }));
            let estimated = sampled(before_report) || sampled(after_report);
            let movers = c.movers(before_report, after_report, 1e-9, estimated);
            emit(&text(env, &output, &movers, [before_report, after_report]))
        }
    }
}

/// A node's CSV cells (column, value).
type Cells = Vec<(&'static str, String)>;

/// One row per node: id, name, then each measure before and after.
fn csv(output: &Output<'_>) -> anyhow::Result<String> {
    let cells = |f: Option<&NodeFigures>| f.map(NodeFigures::cells).unwrap_or_default();
    let rows: Vec<(Cells, Cells)> = output
        .nodes
        .iter()
        .map(|n| (cells(n.before), cells(n.after)))
        .collect();
    // The measures present on either day, in the order of the analysis' columns.
    let measures: Vec<&str> = COLUMNS
        .iter()
        .skip(4)
        .copied()
        .filter(|m| {
            rows.iter()
                .any(|(b, a)| b.iter().chain(a).any(|(k, _)| k == m))
        })
        .collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id".to_owned(), "name".to_owned()];
    for m in &measures {
        header.push(format!("{m}_before"));
        header.push(format!("{m}_after"));
    }
    writer.write_record(&header)?;
    for (node, (b, a)) in output.nodes.iter().zip(&rows) {
        let get = |row: &[(&str, String)], m: &str| {
            row.iter()
                .find(|(k, _)| *k == m)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let mut record = vec![node.id.to_string(), node.name.unwrap_or("").to_owned()];
        for m in &measures {
            record.push(get(b, m));
            record.push(get(a, m));
        }
        writer.write_record(&record)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// The figures of both days, the counts of changes and the largest changes of betweenness
/// and ties.
fn text(env: &Env, output: &Output<'_>, movers: &[Move], [before, after]: [&Report; 2]) -> String {
    let lang = env.lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        messages::text_with(
            lang,
            "cli-compare-heading",
            &Args::new()
                .text("before", output.before.day.clone())
                .text("after", output.after.day.clone()),
        )
    );
    let (b, a) = (&output.before.summary, &output.after.summary);
    let rows = [
        ("cli-compare-nodes", b.nodes, a.nodes),
        ("cli-compare-edges", b.edges, a.edges),
        (
            "cli-compare-across-pillars",
            b.across_pillars,
            a.across_pillars,
        ),
        (
            "cli-compare-across-places",
            b.across_municipalities,
            a.across_municipalities,
        ),
        ("cli-compare-components", b.components, a.components),
        ("cli-compare-isolated", b.isolated, a.isolated),
    ];
    for (id, before, after) in rows {
        let change = i128::try_from(after).unwrap_or(0) - i128::try_from(before).unwrap_or(0);
        let _ = writeln!(
            out,
            "  {:<40} {before:>8} {after:>8} {change:>+8}",
            messages::text(lang, id)
        );
    }
    for note in output.before.notes.iter().chain(output.after.notes) {
        let _ = writeln!(out, "{}", note.localize(lang));
    }
    let _ = writeln!(
        out,
        "{}",
        messages::text_with(
            lang,
            "cli-compare-counts",
            &Args::new()
                .number("new", output.new_ties.len() as f64)
                .number("ended", output.ended_ties.len() as f64)
                .number("joined", output.joined.len() as f64)
                .number("left", output.left.len() as f64),
        )
    );
    if !movers.is_empty() {
        let _ = writeln!(out, "{}", messages::text(lang, "cli-compare-movers"));
        for m in movers.iter().take(10) {
            let node = m.node.after.map_or_else(
                || m.node.before.map(|i| &before.nodes[i]),
                |i| Some(&after.nodes[i]),
            );
            let label = node.map_or_else(String::new, |n| match &n.name {
                Some(name) => format!("{name} ({})", n.id),
                None => n.id.to_string(),
            });
            let ties = i128::try_from(m.degree.1.unwrap_or(0)).unwrap_or(0)
                - i128::try_from(m.degree.0.unwrap_or(0)).unwrap_or(0);
            let _ = writeln!(out, "  {:>+10.6} {ties:>+5}  {label}", m.shift());
        }
    }
    let _ = writeln!(out, "{}", messages::text(lang, "cli-analyze-more"));
    out
}

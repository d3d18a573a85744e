//! `praevnetz analyze`: the measures of a network, printed as text, JSON or CSV.

use std::fmt::Write as _;

use praevnetz_domain::actor::{Membership, Organisation, Person};
use praevnetz_domain::i18n::{Args, Localize};
use praevnetz_domain::network::analysis::{
    Exactness, Lengths, Metrics, NodeKey, Note, Options, Report, analyze,
};
use praevnetz_domain::network::file::{self, FileFormat, ReadOptions};
use praevnetz_domain::network::stored::{Level, Network, Records, Scope, Selection, network};
use praevnetz_domain::territory::{District, Municipality, Region};
use praevnetz_domain::tie::Tie;
use praevnetz_domain::time::{Clock as _, parse_date};
use praevnetz_graph::centrality::Threads;
use praevnetz_store::{Open, Store, StoreError};

use super::{Env, emit};
use crate::cli::{AnalyzeArgs, Format, NetworkArgs};
use crate::messages;
use crate::report::UserError;

/// The records of the stored network and the selection the arguments name, read from the
/// database.
async fn stored_selection(env: &Env, args: &NetworkArgs) -> anyhow::Result<(Loaded, Selection)> {
    let user_error = |id: &str, args: Args<'_>| {
        anyhow::Error::new(UserError {
            message: messages::text_with(env.lang, id, &args),
        })
    };
    let level = Level::from_code(&args.level).ok_or_else(|| {
        user_error(
            "cli-analyze-bad-scope",
            Args::new().text("scope", args.level.clone()),
        )
    })?;
    let at = match &args.at {
        Some(text) => parse_date(text).map_err(|_| {
            user_error(
                "cli-analyze-bad-date",
                Args::new().text("date", text.clone()),
            )
        })?,
        None => env.clock.today(),
    };
    let store = env.store(Open::MustExist).await?;
    let loaded = Loaded::read(&store).await;
    store.close().await;
    let loaded = loaded?;
    let unknown = || {
        user_error(
            "cli-analyze-unknown-scope",
            Args::new().text("scope", args.scope.clone()),
        )
    };
    let scope = match args.scope.split_once(':') {
        None if args.scope == "all" => Scope::All,
        Some(("region", slug)) => {
            let region = loaded
                .regions
                .iter()
                .find(|r| r.data.slug.as_str() == slug)
                .ok_or_else(unknown)?;
            Scope::Districts(
                loaded
                    .districts
                    .iter()
                    .filter(|d| region.data.districts.contains(&d.data.ags))
                    .map(|d| d.id)
                    .collect(),
            )
        }
        Some(("district", code)) => Scope::Districts(vec![
            loaded
                .districts
                .iter()
                .find(|d| d.data.ags.as_str() == code)
                .ok_or_else(unknown)?
                .id,
        ]),
        Some(("municipality", code)) => Scope::Municipality(
            loaded
                .municipalities
                .iter()
                .find(|m| m.data.ags.as_str() == code)
                .ok_or_else(unknown)?
                .id,
        ),
        _ => {
            return Err(user_error(
                "cli-analyze-bad-scope",
                Args::new().text("scope", args.scope.clone()),
            ));
        }
    };
    let selection = Selection {
        scope,
        level,
        at,
        meeting_ties: !args.without_meeting_ties,
    };
    Ok((loaded, selection))
}

/// The stored network the arguments name.
async fn stored_network(env: &Env, args: &NetworkArgs) -> anyhow::Result<(Network, Level)> {
    let (loaded, selection) = stored_selection(env, args).await?;
    Ok((network(loaded.records(), &selection), selection.level))
}

/// Everything the stored network is made of.
pub(super) struct Loaded {
    pub(super) districts: Vec<District>,
    pub(super) municipalities: Vec<Municipality>,
    pub(super) regions: Vec<Region>,
    pub(super) organisations: Vec<Organisation>,
    pub(super) persons: Vec<Person>,
    pub(super) memberships: Vec<Membership>,
    pub(super) ties: Vec<Tie>,
}

impl Loaded {
    pub(super) async fn read(store: &Store) -> Result<Loaded, StoreError> {
        Ok(Loaded {
            districts: store.districts().await?,
            municipalities: store.municipalities(None).await?,
            regions: store.regions().await?,
            organisations: store.organisations(None).await?,
            persons: store.persons(None).await?,
            memberships: store.memberships(None, None).await?,
            ties: store.ties(None, None).await?,
        })
    }

    pub(super) fn records(&self) -> Records<'_> {
        Records {
            districts: &self.districts,
            municipalities: &self.municipalities,
            organisations: &self.organisations,
            persons: &self.persons,
            memberships: &self.memberships,
            ties: &self.ties,
        }
    }
}

/// The report of a stored network, with each node's pillar and municipality.
async fn measure(
    network: &Network,
    level: Level,
    request: &AnalyzeArgs,
    metrics: Metrics,
) -> anyhow::Result<Report> {
    let keys: Vec<NodeKey> = network
        .nodes
        .iter()
        .map(|n| match level {
            Level::Municipality => NodeKey::Text(n.key.clone()),
            Level::Person | Level::Organisation => NodeKey::Number(n.id),
        })
        .collect();
    let names: Vec<String> = network.nodes.iter().map(|n| n.name.clone()).collect();
    let options = Options {
        metrics,
        threads: Threads::available(),
        lengths: Lengths::Steps,
        seed: request.seed,
        exactness: if request.exact {
            Exactness::Exact
        } else {
            Exactness::Auto
        },
    };
    let graph = network.graph.clone();
    let mut report =
        tokio::task::spawn_blocking(move || analyze(&graph, &keys, Some(&names), options)).await?;
    for (figures, node) in report.nodes.iter_mut().zip(&network.nodes) {
        figures.pillar = node.pillar.map(praevnetz_domain::actor::Pillar::code);
        if level != Level::Municipality {
            figures.municipality.clone_from(&node.municipality);
        }
    }
    Ok(report)
}

/// `praevnetz analyze` of the stored network, or `--compare` of two of its days.
async fn run_stored(env: &Env, request: &AnalyzeArgs, metrics: Metrics) -> anyhow::Result<()> {
    let (loaded, selection) = stored_selection(env, &request.network).await?;
    let level = selection.level;
    let after = network(loaded.records(), &selection);
    let Some(text) = &request.compare else {
        let report = measure(&after, level, request, metrics).await?;
        return print(env, &report);
    };
    let before_day = parse_date(text).map_err(|_| {
        anyhow::Error::new(UserError {
            message: messages::text_with(
                env.lang,
                "cli-analyze-bad-date",
                &Args::new().text("date", text.clone()),
            ),
        })
    })?;
    let before = network(
        loaded.records(),
        &Selection {
            at: before_day,
            ..selection.clone()
        },
    );
    let sides = [
        (before_day, measure(&before, level, request, metrics).await?),
        (
            selection.at,
            measure(&after, level, request, metrics).await?,
        ),
    ];
    super::compare::print(env, [&before, &after], &sides)
}

/// `praevnetz export network`.
pub async fn export(env: &Env, args: &NetworkArgs) -> anyhow::Result<()> {
    let (network, _) = stored_network(env, args).await?;
    match env.format {
        Format::Gexf => emit(&praevnetz_domain::network::export::gexf(&network)),
        _ => emit(&praevnetz_domain::network::export::graphml(&network)),
    }
}

pub async fn run(env: &Env, request: &AnalyzeArgs) -> anyhow::Result<()> {
    let user_error = |message: String| anyhow::Error::new(UserError { message });
    let metrics = match &request.metrics {
        Some(list) => Metrics::parse(list).map_err(|e| user_error(e.localize(env.lang)))?,
        None => Metrics::ALL,
    };
    if request.meeting.is_some() || request.series.is_some() {
        if request.network.scope != "all" || request.network.level != "person" {
            return Err(user_error(messages::text(env.lang, "cli-impact-graph")));
        }
        return match (request.meeting, request.series) {
            (Some(id), _) => super::impact::meeting(env, id).await,
            (None, Some(id)) => super::impact::series(env, id).await,
            (None, None) => Ok(()),
        };
    }
    let Some(path) = &request.graph else {
        return run_stored(env, request, metrics).await;
    };
    let network_args = &request.network;
    if network_args.scope != "all"
        || network_args.level != "person"
        || network_args.at.is_some()
        || network_args.without_meeting_ties
    {
        return Err(user_error(messages::text(
            env.lang,
            "cli-analyze-graph-and-scope",
        )));
    }
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
        exactness: if request.exact {
            Exactness::Exact
        } else {
            Exactness::Auto
        },
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
        Format::Json => emit(&format!("{}\n", serde_json::to_string_pretty(report)?))?,
        Format::Csv => {
            for note in &report.notes {
                eprintln!("{}", note.localize(env.lang));
            }
            emit(&report.to_csv()?)?;
        }
        Format::Text | Format::Graphml | Format::Gexf => {
            let mut text = String::new();
            let g = &report.graph;
            let kind = if g.directed {
                "cli-analyze-directed"
            } else {
                "cli-analyze-undirected"
            };
            let _ = writeln!(
                text,
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
                let _ = writeln!(text, "{}", note.localize(env.lang));
            }
            let mut brokers: Vec<(String, f64)> = report
                .nodes
                .iter()
                .filter_map(|n| {
                    let label = match &n.name {
                        Some(name) => format!("{name} ({})", n.id),
                        None => n.id.to_string(),
                    };
                    n.betweenness.map(|b| (label, b))
                })
                .filter(|&(_, b)| b > 0.0)
                .collect();
            brokers.sort_by(|a, b| b.1.total_cmp(&a.1));
            if !brokers.is_empty() {
                let _ = writeln!(text, "{}", messages::text(env.lang, "cli-analyze-top"));
                for (id, b) in brokers.iter().take(10) {
                    let _ = writeln!(text, "  {b:>10.6}  {id}");
                }
            }
            let _ = writeln!(text, "{}", messages::text(env.lang, "cli-analyze-more"));
            emit(&text)?;
        }
    }
    Ok(())
}

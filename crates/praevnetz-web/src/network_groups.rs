//! Groups on `/netzwerk`: the communities Louvain finds, with their size, pillars, ties to the
//! rest and best-connected members; the pairs of groups with no tie between them ("which groups
//! never talk"); and the ties between and within the four pillars.

use std::collections::BTreeMap;

use praevnetz_domain::actor::Pillar;
use praevnetz_domain::i18n::Args;
use praevnetz_domain::network::analysis::Report;
use praevnetz_domain::network::stored::{Level, Network, Node};
use praevnetz_graph::groups::mixing_matrix;

use crate::context::Ctx;

/// Groups listed (the largest).
const LISTED_GROUPS: usize = 12;
/// Members named per group.
const LEADING: usize = 3;
/// Pairs of groups without a tie named.
const LISTED_APART: usize = 10;
/// Groups smaller than this are not named as "apart": small groups are apart by nature.
const APART_SIZE: usize = 3;

/// A community as listed.
pub(crate) struct GroupRow {
    pub(crate) number: usize,
    pub(crate) size: usize,
    pub(crate) pillars: String,
    pub(crate) inside: u64,
    pub(crate) outside: u64,
    pub(crate) leading: Vec<(String, String)>,
}

/// A row of the table of ties between pillars.
pub(crate) struct PillarRow {
    pub(crate) pillar: String,
    pub(crate) ties: Vec<u64>,
}

/// The groups section.
pub(crate) struct Groups {
    pub(crate) rows: Vec<GroupRow>,
    pub(crate) more: String,
    pub(crate) apart: Vec<(usize, usize)>,
    pub(crate) pillar_heads: Vec<String>,
    pub(crate) pillar_rows: Vec<PillarRow>,
}

/// The groups of `net` by the communities of `report`; `None` without communities.
pub(crate) fn groups(
    ctx: &Ctx,
    level: Level,
    net: &Network,
    report: &Report,
    link: fn(Level, &Node) -> (String, String),
) -> Option<Groups> {
    let lang = ctx.lang;
    let labels: Vec<usize> = report
        .nodes
        .iter()
        .map(|f| f.community)
        .collect::<Option<Vec<usize>>>()?;
    let count = labels.iter().max().map_or(0, |m| m + 1);
    let matrix = mixing_matrix(&net.graph, &labels, count).ok()?;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &c) in labels.iter().enumerate() {
        members[c].push(i);
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| members[b].len().cmp(&members[a].len()).then(a.cmp(&b)));
    let rows: Vec<GroupRow> = order
        .iter()
        .take(LISTED_GROUPS)
        .map(|&c| {
            let mut by_pillar: BTreeMap<String, usize> = BTreeMap::new();
            for &i in &members[c] {
                let name = net.nodes[i].pillar.map_or_else(
                    || ctx.t("network-pillar-none").to_owned(),
                    |p| p.label(lang),
                );
                *by_pillar.entry(name).or_default() += 1;
            }
            let mut leading = members[c].clone();
            leading.sort_by(|&a, &b| {
                net.graph
                    .degree(b)
                    .cmp(&net.graph.degree(a))
                    .then(net.nodes[a].name.cmp(&net.nodes[b].name))
            });
            GroupRow {
                number: c + 1,
                size: members[c].len(),
                pillars: by_pillar
                    .iter()
                    .map(|(p, k)| format!("{p} {k}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                // Ties inside are seen from both ends.
                inside: matrix[c][c] / 2,
                outside: (0..count).filter(|&d| d != c).map(|d| matrix[c][d]).sum(),
                leading: leading
                    .into_iter()
                    .take(LEADING)
                    .map(|i| link(level, &net.nodes[i]))
                    .collect(),
            }
        })
        .collect();
    let rest: Vec<usize> = order.iter().skip(LISTED_GROUPS).copied().collect();
    let more = if rest.is_empty() {
        String::new()
    } else {
        ctx.texts().format(
            lang,
            "network-groups-more",
            &Args::new().number("groups", rest.len() as f64).number(
                "actors",
                rest.iter().map(|&c| members[c].len()).sum::<usize>() as f64,
            ),
        )
    };
    let sizable: Vec<usize> = order
        .iter()
        .take(LISTED_GROUPS)
        .copied()
        .filter(|&c| members[c].len() >= APART_SIZE)
        .collect();
    let mut apart = Vec::new();
    for (k, &a) in sizable.iter().enumerate() {
        for &b in &sizable[k + 1..] {
            if matrix[a][b] == 0 && apart.len() < LISTED_APART {
                apart.push((a + 1, b + 1));
            }
        }
    }
    // Municipalities have no pillar: the table would hold one cell.
    let (pillar_heads, pillar_rows) = if level == Level::Municipality {
        (Vec::new(), Vec::new())
    } else {
        pillar_table(ctx, net)?
    };
    Some(Groups {
        rows,
        more,
        apart,
        pillar_heads,
        pillar_rows,
    })
}

/// The ties between each two pillars (and within each), actors without a pillar last.
fn pillar_table(ctx: &Ctx, net: &Network) -> Option<(Vec<String>, Vec<PillarRow>)> {
    let lang = ctx.lang;
    let none = Pillar::ALL.len();
    let labels: Vec<usize> = net
        .nodes
        .iter()
        .map(|n| {
            n.pillar
                .and_then(|p| Pillar::ALL.iter().position(|q| *q == p))
                .unwrap_or(none)
        })
        .collect();
    let matrix = mixing_matrix(&net.graph, &labels, none + 1).ok()?;
    let names: Vec<String> = Pillar::ALL
        .iter()
        .map(|p| p.label(lang))
        .chain(std::iter::once(ctx.t("network-pillar-none").to_owned()))
        .collect();
    let rows = (0..=none)
        .map(|a| PillarRow {
            pillar: names[a].clone(),
            ties: (0..=none)
                .map(|b| {
                    if a == b {
                        matrix[a][b] / 2
                    } else {
                        matrix[a][b]
                    }
                })
                .collect(),
        })
        .collect();
    Some((names, rows))
}

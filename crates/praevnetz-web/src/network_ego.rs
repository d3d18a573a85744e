//! A person's or organisation's ego network, shown on their page: the actor, their direct
//! contacts in the network today (persons at the person level, organisations at the
//! organisation level, as on `/netzwerk`) and the ties among those contacts, drawn and listed.
//!
//! Only contacts the user may read are part of it; the measures are those of the ego network
//! as shown (Burt defined constraint and effective size on ego-network data), so they never
//! reveal actors the user may not see.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use praevnetz_domain::actor::Pillar;
use praevnetz_domain::i18n::Args;
use praevnetz_domain::ids::{ActorId, OrganisationId, PersonId};
use praevnetz_domain::network::stored::{Level, Network, Scope, Selection, network};
use praevnetz_graph::holes::{constraint, effective_size};
use praevnetz_graph::{Direction, Graph};

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::network::{picture, records};
use crate::network_svg::DrawnNode;
use crate::people::can_read_actor;
use crate::policy::Principal;

/// Contacts whose names are written in the picture.
const LABELLED: usize = 15;
/// Contacts drawn (the strongest ties); the table lists all.
const DRAWN: usize = 60;

/// A contact as the table lists it.
pub(crate) struct Alter {
    pub(crate) href: String,
    pub(crate) name: String,
    pub(crate) pillar: String,
    /// A person's organisation, an organisation's municipality.
    pub(crate) context: String,
    /// The sum of the strengths of the ties (1–5 each) between the actor and the contact.
    pub(crate) weight: String,
    /// Other contacts of the actor this contact is tied to.
    pub(crate) shared: usize,
}

/// The ego network as the page shows it.
pub(crate) struct Ego {
    pub(crate) svg: String,
    pub(crate) summary: String,
    pub(crate) holes: String,
    pub(crate) missing: String,
    pub(crate) alters: Vec<Alter>,
}

/// The whole network at `level` on `day`, kept per snapshot.
async fn whole(
    state: &AppState,
    ctx: &Ctx,
    level: Level,
    day: Date,
) -> Result<std::sync::Arc<Network>, WebError> {
    let data = &ctx.data;
    if let Some(kept) = data.network_today.get(&(level, day)) {
        return Ok(kept);
    }
    let read = records(state, data).await?;
    let snapshot = data.clone();
    let net = std::sync::Arc::new(
        state
            .analyse(move || {
                network(
                    read.with(&snapshot),
                    &Selection {
                        scope: Scope::All,
                        level,
                        at: day,
                        meeting_ties: true,
                    },
                )
            })
            .await?,
    );
    data.network_today.insert((level, day), net.clone());
    Ok(net)
}

fn actor_of(level: Level, id: i64) -> ActorId {
    match level {
        Level::Organisation => ActorId::Organisation(OrganisationId::new(id)),
        _ => ActorId::Person(PersonId::new(id)),
    }
}

/// The ego network of `actor` today, or `None` if the actor has no tie in the network today.
pub(crate) async fn ego(
    state: &AppState,
    ctx: &Ctx,
    principal: &Principal,
    actor: ActorId,
) -> Result<Option<Ego>, WebError> {
    let level = match actor {
        ActorId::Person(_) => Level::Person,
        ActorId::Organisation(_) => Level::Organisation,
    };
    let net = whole(state, ctx, level, state.clock.today()).await?;
    let Some(centre) = net.nodes.iter().position(|n| n.id == actor.get()) else {
        return Ok(None);
    };
    // The centre first, then the contacts the user may read, strongest tie first.
    let neighbours = net.graph.neighbors(centre);
    let weight_to: HashMap<usize, f64> = match net.graph.neighbor_weights(centre) {
        Some(weights) => neighbours
            .iter()
            .copied()
            .zip(weights.iter().copied())
            .collect(),
        None => neighbours.iter().map(|&w| (w, 1.0)).collect(),
    };
    let mut members: Vec<usize> = neighbours
        .iter()
        .copied()
        .filter(|&i| can_read_actor(principal, &ctx.data, actor_of(level, net.nodes[i].id)))
        .collect();
    if members.is_empty() {
        return Ok(None);
    }
    let weight = |i: &usize| weight_to.get(i).copied().unwrap_or(0.0);
    members.sort_by(|a, b| {
        weight(b)
            .total_cmp(&weight(a))
            .then(net.nodes[*a].name.cmp(&net.nodes[*b].name))
    });
    members.insert(0, centre);
    let edges = net.edges_among(&members);
    let graph = Graph::from_weighted_edges(members.len(), &edges, Direction::Undirected)
        .unwrap_or_else(|_| Graph::empty(members.len(), Direction::Undirected));
    Ok(Some(describe(
        ctx, level, &net, &members, &graph, &weight_to,
    )))
}

/// The page's view of the ego network whose nodes are `members` (centre first) of `net`.
fn describe(
    ctx: &Ctx,
    level: Level,
    net: &Network,
    members: &[usize],
    graph: &Graph,
    weight_to: &HashMap<usize, f64>,
) -> Ego {
    let lang = ctx.lang;
    let texts = ctx.texts();
    let contacts = members.len() - 1;
    // Every contact is tied to the centre; the other edges join two contacts.
    let among = graph.edge_count().saturating_sub(contacts);
    let pairs = contacts * contacts.saturating_sub(1) / 2;
    let pillars: BTreeSet<Pillar> = members[1..]
        .iter()
        .filter_map(|&i| net.nodes[i].pillar)
        .collect();
    let summary = texts.format(
        lang,
        "ego-summary",
        &Args::new()
            .number("contacts", contacts as f64)
            .number("pillars", pillars.len() as f64)
            .number("among", among as f64)
            .number("pairs", pairs as f64),
    );
    let (c, e) = (constraint(graph)[0], effective_size(graph)[0]);
    let holes = texts.format(
        lang,
        "ego-holes",
        &Args::new()
            .text("effective", format!("{e:.1}"))
            .number("contacts", contacts as f64)
            .text("constraint", format!("{c:.2}"))
            .number("open", pairs.saturating_sub(among) as f64),
    );
    let missing: Vec<String> = Pillar::ALL
        .iter()
        .filter(|p| !pillars.contains(p))
        .map(|p| p.label(lang))
        .collect();
    let degree_among = |k: usize| graph.degree(k).saturating_sub(1);
    let alters = members
        .iter()
        .enumerate()
        .skip(1)
        .map(|(k, &i)| {
            let node = &net.nodes[i];
            let (href, name) = crate::network::link(level, node);
            Alter {
                href,
                name,
                pillar: node.pillar.map(|p| p.label(lang)).unwrap_or_default(),
                context: node.organisation.clone().unwrap_or_else(|| {
                    node.municipality
                        .as_deref()
                        .and_then(|a| praevnetz_domain::territory::Ags::parse(a).ok())
                        .and_then(|a| ctx.data.atlas.municipality_by_ags(&a))
                        .map(|m| m.data.display_name().to_owned())
                        .unwrap_or_default()
                }),
                weight: weight_to
                    .get(&i)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                shared: degree_among(k),
            }
        })
        .collect();
    let svg = sketch(ctx, net, &members[..members.len().min(DRAWN + 1)]);
    Ego {
        svg,
        summary,
        holes,
        missing: missing.join(", "),
        alters,
    }
}

/// The picture of the ego network: the centre largest, the contacts by how many of the other
/// contacts they know.
fn sketch(ctx: &Ctx, net: &Network, members: &[usize]) -> String {
    let (lang, texts) = (ctx.lang, ctx.texts());
    let contacts = members.len() - 1;
    let edges = net.edges_among(members);
    let mut degree = vec![0_usize; members.len()];
    for &(a, b, _) in &edges {
        degree[a] += 1;
        degree[b] += 1;
    }
    // Every contact is tied to the centre; how many of the other contacts they know.
    let degree_among = |k: usize| degree[k].saturating_sub(1);
    let strongest = (1..members.len())
        .map(degree_among)
        .max()
        .unwrap_or(0)
        .max(1);
    let nodes = members
        .iter()
        .enumerate()
        .map(|(k, &i)| DrawnNode {
            position: (0.0, 0.0),
            name: net.nodes[i].name.clone(),
            pillar: net.nodes[i].pillar,
            size: if k == 0 {
                1.0
            } else {
                0.2 + 0.6 * degree_among(k) as f64 / strongest as f64
            },
            labelled: k <= LABELLED,
            cut: false,
        })
        .collect();
    let centre = &net.nodes[members[0]];
    picture(
        ctx,
        "ego",
        texts.format(
            lang,
            "ego-svg-title",
            &Args::new().text("name", centre.name.clone()),
        ),
        texts.format(
            lang,
            "ego-svg-desc",
            &Args::new()
                .number("contacts", contacts as f64)
                .number("edges", edges.len() as f64),
        ),
        nodes,
        &edges,
    )
}

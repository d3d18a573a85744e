//! Netzwerk (`/netzwerk`): the network of an area on a day, at the level of persons,
//! organisations or municipalities — a picture drawn on the server, the structural risks
//! (single points of failure, isolated actors, municipalities where administration and police
//! have no tie, missing pillars), the brokers between pillars and between municipalities,
//! suggested new ties, and every node's measures in a table with a plain explanation of each.
//!
//! The network is built by [`praevnetz_domain::network::stored`] and measured by
//! [`praevnetz_domain::network::analysis`], as `praevnetz analyze` does. Who may see it: every
//! role that reads the whole network (admins, coordinators, members) any area; viewers only the
//! areas wholly inside their own (a whole district needs the district in their scope), so the
//! page never shows a person the person list would hide from them.
//!
//! The rendered body is kept per snapshot and choice; persons and ties are read from the store
//! once per snapshot.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Response;
use jiff::civil::Date;
use praevnetz_domain::actor::{Membership, Person, Pillar};
use praevnetz_domain::i18n::{Args, Lang};
use praevnetz_domain::ids::{DistrictId, MunicipalityId, RegionId};
use praevnetz_domain::network::analysis::{
    Exactness, Lengths, Metric, Metrics, NodeFigures, Note, Options, Report, analyze,
};
use praevnetz_domain::network::stored::{Level, Network, Records, Scope, Selection, network};
use praevnetz_domain::territory::Ags;
use praevnetz_domain::tie::Tie;
use praevnetz_domain::user::Role;
use praevnetz_graph::centrality::Threads;
use praevnetz_graph::groups::brokerage;
use praevnetz_graph::layout::{Layout, force_atlas2};
use praevnetz_graph::links::{Score, suggest};
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::Choice;
use crate::network_compare::{Anchor, Changes, Sides, anchors, changes};
use crate::network_groups::{Groups, groups};
use crate::network_jobs::{Offer, offer};
use crate::network_svg::{DrawnNode, NetworkDrawing, draw};
use crate::page::{Chrome, render};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/netzwerk", Gate::LoggedIn, network_show)
}

/// Persons, memberships and ties as the network is built from them, read once per snapshot.
#[derive(Debug)]
pub(crate) struct NetworkRecords {
    persons: Vec<Person>,
    memberships: Vec<Membership>,
    ties: Vec<Tie>,
}

impl NetworkRecords {
    /// Every person.
    pub(crate) fn persons(&self) -> &[Person] {
        &self.persons
    }

    /// What the network is built from: these records and the snapshot's territory and
    /// organisations.
    pub(crate) fn with<'a>(&'a self, data: &'a Snapshot) -> Records<'a> {
        Records {
            districts: &data.atlas.districts,
            municipalities: &data.atlas.municipalities,
            organisations: &data.organisations,
            persons: &self.persons,
            memberships: &self.memberships,
            ties: &self.ties,
        }
    }
}

/// At most this many nodes are drawn (the strongest by the chosen measure); the table lists
/// at most this many rows. Larger networks are told so.
const DRAWN: usize = 400;
const LISTED: usize = 300;
/// Names written in the picture.
const LABELLED: usize = 12;
/// Entries of the risk and broker lists.
const LISTED_RISKS: usize = 20;

/// Whose network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Area {
    All,
    Region(RegionId),
    District(DistrictId),
    Municipality(MunicipalityId),
}

impl Area {
    /// The area of a query value: `alle`, `region:SLUG`, `kreis:AGS`, `gemeinde:AGS`.
    pub(crate) fn parse(raw: &str, data: &Snapshot) -> Option<Area> {
        if raw == "alle" {
            return Some(Area::All);
        }
        let (kind, key) = raw.split_once(':')?;
        match kind {
            "region" => data.atlas.region_by_slug(key).map(|r| Area::Region(r.id)),
            "kreis" => data
                .atlas
                .district_by_ags(key)
                .map(|d| Area::District(d.id)),
            "gemeinde" => Ags::parse(key)
                .ok()
                .and_then(|ags| data.atlas.municipality_by_ags(&ags))
                .map(|m| Area::Municipality(m.id)),
            _ => None,
        }
    }

    pub(crate) fn value(self, data: &Snapshot) -> String {
        match self {
            Area::All => "alle".to_owned(),
            Area::Region(id) => data
                .atlas
                .region(id)
                .map_or_else(String::new, |r| format!("region:{}", r.data.slug.as_str())),
            Area::District(id) => data
                .atlas
                .district(id)
                .map_or_else(String::new, |d| format!("kreis:{}", d.data.ags.as_str())),
            Area::Municipality(id) => data
                .atlas
                .municipality(id)
                .map_or_else(String::new, |m| format!("gemeinde:{}", m.data.ags.as_str())),
        }
    }

    pub(crate) fn label(self, data: &Snapshot, ctx: &Ctx) -> String {
        match self {
            Area::All => ctx.t("network-area-all").to_owned(),
            Area::Region(id) => data
                .atlas
                .region(id)
                .map_or_else(String::new, |r| r.data.name.to_string()),
            Area::District(id) => data
                .atlas
                .district(id)
                .map_or_else(String::new, |d| d.data.display_name().clone()),
            Area::Municipality(id) => data
                .atlas
                .municipality(id)
                .map_or_else(String::new, |m| m.data.display_name().to_owned()),
        }
    }

    pub(crate) fn scope(self, data: &Snapshot) -> Scope {
        match self {
            Area::All => Scope::All,
            Area::Region(id) => Scope::Districts(data.atlas.region_districts(id).to_vec()),
            Area::District(id) => Scope::Districts(vec![id]),
            Area::Municipality(id) => Scope::Municipality(id),
        }
    }

    /// Whether a municipality lies in the area.
    pub(crate) fn holds(self, data: &Snapshot, municipality: MunicipalityId) -> bool {
        let district = || data.atlas.municipality(municipality).map(|m| m.district_id);
        match self {
            Area::All => true,
            Area::Region(id) => {
                district().is_some_and(|d| data.atlas.region_districts(id).contains(&d))
            }
            Area::District(id) => district() == Some(id),
            Area::Municipality(id) => id == municipality,
        }
    }

    /// Whether the user may see this area's network.
    pub(crate) fn readable(self, data: &Snapshot, principal: &Principal) -> bool {
        match self {
            Area::All => principal.reads_everywhere(),
            Area::Region(id) => principal.reads_all_of(data.atlas.region_districts(id), &[]),
            Area::District(id) => principal.reads_all_of(&[id], &[]),
            Area::Municipality(id) => data
                .atlas
                .municipality(id)
                .is_some_and(|m| principal.reads_all_of(&[], &[(m.id, m.district_id)])),
        }
    }
}

/// The areas the user may choose, in the order of the choice: the whole network, regions,
/// districts, and the municipalities of the user's own scope (viewers) or the one asked for.
pub(crate) fn area_choices(
    data: &Snapshot,
    ctx: &Ctx,
    principal: &Principal,
    current: Area,
) -> Vec<Choice> {
    let mut areas = vec![Area::All];
    areas.extend(data.atlas.regions.iter().map(|r| Area::Region(r.id)));
    areas.extend(data.atlas.districts.iter().map(|d| Area::District(d.id)));
    if let Area::Municipality(_) = current {
        areas.push(current);
    }
    for scope in &principal.user.data.scopes {
        if let praevnetz_domain::user::Scope::Municipality(m) = scope
            && !areas.contains(&Area::Municipality(*m))
        {
            areas.push(Area::Municipality(*m));
        }
    }
    let current = current.value(data);
    areas
        .into_iter()
        .filter(|a| a.readable(data, principal))
        .map(|a| Choice::new(a.value(data), a.label(data, ctx), &current))
        .collect()
}

/// The area shown when none is asked for: the whole network, or a viewer's first own area.
pub(crate) fn default_area(data: &Snapshot, principal: &Principal) -> Option<Area> {
    if principal.reads_everywhere() {
        return Some(Area::All);
    }
    principal
        .user
        .data
        .scopes
        .iter()
        .map(|s| match *s {
            praevnetz_domain::user::Scope::Region(r) => Area::Region(r),
            praevnetz_domain::user::Scope::District(d) => Area::District(d),
            praevnetz_domain::user::Scope::Municipality(m) => Area::Municipality(m),
        })
        .find(|a| a.readable(data, principal))
}

pub(crate) fn level_value(level: Level) -> &'static str {
    match level {
        Level::Person => "personen",
        Level::Organisation => "organisationen",
        Level::Municipality => "kommunen",
    }
}

/// The message id of a level's name.
pub(crate) fn level_label(level: Level) -> &'static str {
    match level {
        Level::Person => "network-level-person",
        Level::Organisation => "network-level-organisation",
        Level::Municipality => "network-level-municipality",
    }
}

pub(crate) fn level_of(value: &str) -> Option<Level> {
    [Level::Person, Level::Organisation, Level::Municipality]
        .into_iter()
        .find(|l| level_value(*l) == value)
}

/// Whether ties of kind "met at meeting" count, by the query value `treffen`: `mit` (or
/// nothing: the default, as on the command line) or `ohne`.
pub(crate) fn meeting_ties_of(value: &str) -> Option<bool> {
    match value.trim() {
        "" | "mit" => Some(true),
        "ohne" => Some(false),
        _ => None,
    }
}

/// The query part that keeps the choice about ties of kind "met at meeting" in a link (empty
/// for the default).
pub(crate) fn meeting_ties_param(meeting_ties: bool) -> &'static str {
    if meeting_ties { "" } else { "&treffen=ohne" }
}

/// Whose network at which level, and whether ties of kind "met at meeting" count.
#[derive(Clone, Copy, Debug)]
struct Which {
    area: Area,
    level: Level,
    meeting_ties: bool,
}

/// The measures a picture can be sized by, with their message ids.
const SIZES: [(&str, &str); 5] = [
    ("betweenness", "network-m-betweenness"),
    ("degree", "network-m-degree"),
    ("pagerank", "network-m-pagerank"),
    ("eigenvector", "network-m-eigenvector"),
    ("closeness", "network-m-closeness"),
];

fn size_of(figures: &NodeFigures, measure: &str) -> f64 {
    let value = match measure {
        "degree" => figures.degree.map(|d| d as f64),
        "pagerank" => figures.pagerank.and_then(|v| v.0),
        "eigenvector" => figures.eigenvector.and_then(|v| v.0),
        "closeness" => figures.closeness,
        _ => figures.betweenness,
    };
    value.unwrap_or(0.0)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NetworkQuery {
    #[serde(default)]
    bereich: Option<String>,
    #[serde(default)]
    ebene: Option<String>,
    #[serde(default)]
    stichtag: Option<String>,
    #[serde(default)]
    groesse: Option<String>,
    /// The day to compare with.
    #[serde(default)]
    vergleich: Option<String>,
    /// `ohne` to leave out ties of kind "met at meeting".
    #[serde(default)]
    treffen: Option<String>,
}

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage<'a> {
    c: Chrome<'a>,
    areas: Vec<Choice>,
    levels: Vec<Choice>,
    sizes: Vec<Choice>,
    meeting_choices: Vec<Choice>,
    /// The value of `treffen` for the form that starts an exact computation.
    meeting_value: &'static str,
    day: String,
    compare_day: String,
    anchors: Vec<Anchor>,
    view: Option<Arc<NetworkView>>,
    offer: Option<Offer>,
    area_value: String,
    level_value: &'static str,
    problems: Vec<&'static str>,
}

/// What decides a body: role and scopes, area, level and whether ties of kind "met at
/// meeting" count, day, comparison day and whether exact values are at hand, size measure,
/// language.
pub(crate) type ViewKey = (
    Role,
    Vec<praevnetz_domain::user::Scope>,
    String,
    (Level, bool),
    (Date, Option<Date>, bool),
    String,
    Lang,
);

/// A rendered body and whether its betweenness is estimated.
#[derive(Debug)]
pub(crate) struct NetworkView {
    body: String,
    estimated: bool,
}

/// What the query asks for, with the problems found in it (each replaced by a default).
struct Chosen {
    area: Option<Area>,
    level: Level,
    day: Date,
    compare_day: Option<Date>,
    size: String,
    meeting_ties: bool,
    problems: Vec<&'static str>,
}

impl Chosen {
    fn of(query: &NetworkQuery, data: &Snapshot, principal: &Principal, today: Date) -> Chosen {
        let text = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_owned();
        let mut problems = Vec::new();
        let asked_area = text(&query.bereich);
        let area = if asked_area.is_empty() {
            default_area(data, principal)
        } else {
            match Area::parse(&asked_area, data) {
                // An area the user may not see does not exist for them.
                Some(a) if a.readable(data, principal) => Some(a),
                _ => {
                    problems.push("network-unknown-area");
                    default_area(data, principal)
                }
            }
        };
        let level = match text(&query.ebene).as_str() {
            "" => Level::Person,
            other => level_of(other).unwrap_or_else(|| {
                problems.push("network-unknown-level");
                Level::Person
            }),
        };
        let day = match text(&query.stichtag).as_str() {
            "" => today,
            other => praevnetz_domain::time::parse_date(other).unwrap_or_else(|_| {
                problems.push("network-bad-day");
                today
            }),
        };
        let compare_day = match text(&query.vergleich).as_str() {
            "" => None,
            other => praevnetz_domain::time::parse_date(other).map_or_else(
                |_| {
                    problems.push("network-bad-compare");
                    None
                },
                Some,
            ),
        };
        let size = match text(&query.groesse).as_str() {
            "" => "betweenness".to_owned(),
            other if SIZES.iter().any(|(m, _)| *m == other) => other.to_owned(),
            _ => {
                problems.push("network-unknown-size");
                "betweenness".to_owned()
            }
        };
        let meeting_ties = meeting_ties_of(&text(&query.treffen)).unwrap_or_else(|| {
            problems.push("network-unknown-meeting-ties");
            true
        });
        Chosen {
            area,
            level,
            day,
            compare_day,
            size,
            meeting_ties,
            problems,
        }
    }
}

async fn network_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<NetworkQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let today = state.clock.today();
    let Chosen {
        area,
        level,
        day,
        compare_day,
        size,
        meeting_ties,
        problems,
    } = Chosen::of(&query, data, principal, today);
    let shown = match area {
        None => None,
        Some(area) => {
            let which = Which {
                area,
                level,
                meeting_ties,
            };
            Some(network_view(&state, &ctx, which, (day, compare_day), &size).await?)
        }
    };
    let offer = match (area, &shown) {
        (Some(a), Some(view)) if view.estimated => Some(offer(
            &state,
            &ctx,
            principal,
            &a.value(data),
            level,
            day,
            meeting_ties,
        )),
        _ => None,
    };
    let current_area = area.map(|a| a.value(data)).unwrap_or_default();
    let mut areas = area_choices(data, &ctx, principal, area.unwrap_or(Area::All));
    for a in &mut areas {
        a.selected = a.value == current_area;
    }
    let levels = [Level::Person, Level::Organisation, Level::Municipality]
        .into_iter()
        .map(|l| Choice::new(level_value(l), ctx.t(level_label(l)), level_value(level)))
        .collect();
    let sizes = SIZES
        .iter()
        .map(|(m, id)| Choice::new(*m, ctx.t(id), &size))
        .collect();
    let meeting_value = if meeting_ties { "mit" } else { "ohne" };
    let meeting_choices = [
        ("mit", "network-meeting-ties-with"),
        ("ohne", "network-meeting-ties-without"),
    ]
    .into_iter()
    .map(|(value, id)| Choice::new(value, ctx.t(id), meeting_value))
    .collect();
    let anchors = area.map_or_else(Vec::new, |a| {
        let base = format!(
            "/netzwerk?bereich={}&ebene={}&groesse={size}{}",
            a.value(data),
            level_value(level),
            meeting_ties_param(meeting_ties)
        );
        anchors(&ctx, |m| a.holds(data, m), &base, today)
    });
    render(&NetworkPage {
        c: Chrome::new(&ctx, ctx.t("network-title"), "/netzwerk"),
        areas,
        levels,
        sizes,
        meeting_choices,
        meeting_value,
        day: day.to_string(),
        compare_day: compare_day.map(|d| d.to_string()).unwrap_or_default(),
        anchors,
        view: shown,
        offer,
        area_value: area.map(|a| a.value(data)).unwrap_or_default(),
        level_value: level_value(level),
        problems,
    })
}

/// The rendered body of a choice, from the snapshot's memo or computed on a blocking thread.
async fn network_view(
    state: &Arc<AppState>,
    ctx: &Arc<Ctx>,
    which: Which,
    (day, compare_day): (Date, Option<Date>),
    size: &str,
) -> Result<Arc<NetworkView>, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let area = which.area.value(data);
    let exact = state
        .jobs
        .exact(data, &area, which.level, day, which.meeting_ties);
    let key: ViewKey = (
        principal.role(),
        principal.user.data.scopes.clone(),
        area,
        (which.level, which.meeting_ties),
        (day, compare_day, exact.is_some()),
        size.to_owned(),
        ctx.lang,
    );
    if let Some(view) = data.network_views.get(&key) {
        return Ok(view);
    }
    let records = records(state, data).await?;
    let calc = Calc {
        limit: state.settings.exact_limit,
        exact,
    };
    let (ctx, size) = (ctx.clone(), size.to_owned());
    let view = state
        .analyse(move || -> Result<NetworkView, askama::Error> {
            let body = view(&ctx, &records, which, (day, compare_day), &size, &calc);
            Ok(NetworkView {
                estimated: body.estimated,
                body: body.render()?,
            })
        })
        .await??;
    let view = Arc::new(view);
    data.network_views.insert(key, view.clone());
    Ok(view)
}

pub(crate) async fn records(
    state: &AppState,
    data: &Snapshot,
) -> Result<Arc<NetworkRecords>, WebError> {
    if let Some(kept) = data.network_records.get(&()) {
        return Ok(kept);
    }
    // The snapshot holds the memberships already; in id order, as the store lists them.
    let mut memberships: Vec<Membership> = data.all_memberships().cloned().collect();
    memberships.sort_by_key(|m| m.id);
    let read = Arc::new(NetworkRecords {
        persons: state.store.persons(None).await?,
        memberships,
        ties: state.store.ties(None, None).await?,
    });
    data.network_records.insert((), read.clone());
    Ok(read)
}

/// A node as the page lists it.
struct Row {
    href: String,
    name: String,
    pillar: String,
    municipality: String,
    degree: String,
    betweenness: String,
    closeness: String,
    pagerank: String,
    constraint: String,
    core: String,
    community: String,
    cut: bool,
}

/// A broker with their counts.
struct Broker {
    href: String,
    name: String,
    pillar: String,
    between: u64,
}

/// A suggested tie.
struct Suggested {
    a: (String, String),
    b: (String, String),
    shared: usize,
    across: bool,
}

/// A municipality's gap.
struct Gap {
    ags: String,
    name: String,
    missing: String,
}

/// The part of the page that depends only on the data, the choice and the language.
#[derive(Template)]
#[template(path = "network_body.html")]
struct NetworkBody {
    c: crate::map::Labels,
    summary: String,
    notes: Vec<String>,
    svg: String,
    drawn_note: String,
    rows: Vec<Row>,
    listed_note: String,
    cuts: Vec<(String, String)>,
    bridges: Vec<((String, String), (String, String))>,
    isolated: Vec<(String, String)>,
    unlinked: Vec<(String, String)>,
    gaps: Vec<Gap>,
    pillar_brokers: Vec<Broker>,
    place_brokers: Vec<Broker>,
    suggestions: Vec<Suggested>,
    changes: Option<Changes>,
    groups: Option<Groups>,
    estimated: bool,
    empty: bool,
    level_municipality: bool,
}

/// A node's link and name.
pub(crate) fn link(
    level: Level,
    node: &praevnetz_domain::network::stored::Node,
) -> (String, String) {
    let href = match level {
        Level::Person => format!("/personen/{}", node.id),
        Level::Organisation => format!("/organisationen/{}", node.id),
        Level::Municipality => format!("/kommunen/{}", node.key),
    };
    (href, node.name.clone())
}

fn figure(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(String::new, |v| format!("{v:.digits$}"))
}

#[allow(
    clippy::too_many_lines,
    reason = "one section of the page after the other"
)]
fn view(
    ctx: &Ctx,
    records: &NetworkRecords,
    which: Which,
    (day, compare_day): (Date, Option<Date>),
    size: &str,
    calc: &Calc,
) -> NetworkBody {
    let Which { area, level, .. } = which;
    let data = &ctx.data;
    let lang = ctx.lang;
    let texts = ctx.texts();
    let exactness = Exactness::Above(calc.limit);
    let (net, mut report) = measured(ctx, records, which, day, Metrics::ALL, exactness);
    let mut estimated = report
        .notes
        .iter()
        .any(|n| matches!(n, Note::Estimated { .. }));
    let mut exact_note = None;
    if let Some(values) = calc.exact.as_deref().filter(|v| v.len() == net.nodes.len()) {
        // The exact values of a finished background computation on the same data.
        for (figures, value) in report.nodes.iter_mut().zip(values) {
            figures.betweenness = Some(*value);
        }
        report
            .notes
            .retain(|n| !matches!(n, Note::Estimated { .. }));
        estimated = false;
        exact_note = Some(ctx.t("network-exact-note").to_owned());
    }
    let changes = compare_day.map(|before_day| {
        // The earlier day needs only the measures the comparison shows.
        let measures = Metrics::of(&[Metric::Degree, Metric::Betweenness]);
        let (before, before_report) =
            measured(ctx, records, which, before_day, measures, exactness);
        let sampled = |r: &Report| r.notes.iter().any(|n| matches!(n, Note::Estimated { .. }));
        changes(
            ctx,
            level,
            &Sides {
                before_day,
                before: (&before, &before_report),
                after_day: day,
                after: (&net, &report),
                estimated: estimated || sampled(&before_report),
            },
            link,
        )
    });
    let n = net.nodes.len();
    let summary = texts.format(
        lang,
        "network-summary",
        &Args::new()
            .number("nodes", n as f64)
            .number("edges", net.edges.len() as f64)
            .number("components", report.graph.components as f64)
            .number("communities", report.graph.communities.unwrap_or(0) as f64)
            .text("density", format!("{:.3}", report.graph.density))
            .text("day", day.to_string()),
    );
    let notes = report
        .notes
        .iter()
        .map(|note| match note {
            Note::Estimated { epsilon, delta, .. } => texts.format(
                lang,
                "network-estimated",
                &Args::new()
                    .text("epsilon", format!("{epsilon:.3}"))
                    .text("confidence", format!("{:.0}", (1.0 - delta) * 100.0)),
            ),
            other => praevnetz_domain::i18n::Localize::localize(other, lang),
        })
        .chain(exact_note)
        .chain((!which.meeting_ties).then(|| ctx.t("network-meeting-ties-left-out").to_owned()))
        .collect();
    let pillar_label = |p: Option<Pillar>| p.map(|p| p.label(lang)).unwrap_or_default();
    let municipality_name = |ags: &Option<String>| {
        ags.as_ref()
            .and_then(|a| Ags::parse(a).ok())
            .and_then(|a| data.atlas.municipality_by_ags(&a))
            .map(|m| m.data.display_name().to_owned())
            .unwrap_or_default()
    };
    // The strongest nodes by the chosen measure, for the picture and the table.
    let mut ranked: Vec<usize> = (0..n).collect();
    ranked.sort_by(|&a, &b| {
        size_of(&report.nodes[b], size)
            .total_cmp(&size_of(&report.nodes[a], size))
            .then(net.nodes[a].name.cmp(&net.nodes[b].name))
    });
    let svg = drawing(ctx, &net, &report, &ranked, size, area, data);
    let part = |id: &str, shown: usize, name: &'static str| {
        if n > shown {
            texts.format(
                lang,
                id,
                &Args::new()
                    .number(name, shown as f64)
                    .number("total", n as f64),
            )
        } else {
            String::new()
        }
    };
    let drawn_note = part("network-drawn-part", DRAWN, "drawn");
    let listed_note = part("network-listed-part", LISTED, "listed");
    let rows = ranked
        .iter()
        .take(LISTED)
        .map(|&i| {
            let node = &net.nodes[i];
            let f = &report.nodes[i];
            let (href, name) = link(level, node);
            Row {
                href,
                name,
                pillar: pillar_label(node.pillar),
                municipality: municipality_name(&node.municipality),
                degree: f.degree.map(|d| d.to_string()).unwrap_or_default(),
                betweenness: figure(f.betweenness, 3),
                closeness: figure(f.closeness, 3),
                pagerank: figure(f.pagerank.and_then(|v| v.0), 4),
                constraint: figure(f.constraint.and_then(|v| v.0), 2),
                core: f.core.map(|c| c.to_string()).unwrap_or_default(),
                community: f.community.map(|c| (c + 1).to_string()).unwrap_or_default(),
                cut: f.articulation_point == Some(true),
            }
        })
        .collect();
    let named = |i: usize| link(level, &net.nodes[i]);
    let cuts = ranked
        .iter()
        .copied()
        .filter(|&i| report.nodes[i].articulation_point == Some(true))
        .take(LISTED_RISKS)
        .map(named)
        .collect();
    let index: HashMap<i64, usize> = net
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id, i))
        .collect();
    let key_index = |k: &praevnetz_domain::network::analysis::NodeKey| match k {
        praevnetz_domain::network::analysis::NodeKey::Number(id) => index.get(id).copied(),
        praevnetz_domain::network::analysis::NodeKey::Text(_) => None,
    };
    let bridges = report
        .bridges
        .iter()
        .flatten()
        .filter_map(|[a, b]| Some((named(key_index(a)?), named(key_index(b)?))))
        .take(LISTED_RISKS)
        .collect();
    let isolated = (0..n)
        .filter(|&i| net.graph.degree(i) == 0)
        .take(LISTED_RISKS)
        .map(named)
        .collect();
    let (unlinked, gaps) = if level == Level::Municipality {
        (Vec::new(), Vec::new())
    } else {
        coverage(ctx, &net)
    };
    let pillar_brokers = brokers(&net, level, lang, |node| node.pillar.map(|p| p as usize));
    let mut places: BTreeMap<String, usize> = BTreeMap::new();
    for node in &net.nodes {
        if let Some(m) = &node.municipality {
            let number = places.len();
            places.entry(m.clone()).or_insert(number);
        }
    }
    let place_brokers = if level == Level::Municipality {
        Vec::new()
    } else {
        brokers(&net, level, lang, |node| {
            node.municipality
                .as_ref()
                .and_then(|m| places.get(m).copied())
        })
    };
    let suggestions = suggest(&net.graph, Score::ResourceAllocation, 200)
        .into_iter()
        .filter(|s| {
            // Across pillars first: those connect what the programme wants connected.
            let (a, b) = (&net.nodes[s.pair.0], &net.nodes[s.pair.1]);
            level != Level::Person || a.pillar != b.pillar
        })
        .take(10)
        .map(|s| {
            let (a, b) = (&net.nodes[s.pair.0], &net.nodes[s.pair.1]);
            Suggested {
                a: link(level, a),
                b: link(level, b),
                shared: s.shared,
                across: a.pillar != b.pillar,
            }
        })
        .collect();
    NetworkBody {
        c: crate::map::Labels(lang),
        summary,
        notes,
        svg,
        drawn_note,
        rows,
        listed_note,
        cuts,
        bridges,
        isolated,
        unlinked,
        gaps,
        pillar_brokers,
        place_brokers,
        suggestions,
        changes,
        groups: groups(ctx, level, &net, &report, link),
        estimated,
        empty: n == 0,
        level_municipality: level == Level::Municipality,
    }
}

/// How betweenness is computed: the size above which it is estimated, and the exact values
/// of a finished background computation for this choice, if any.
struct Calc {
    limit: u64,
    exact: Option<Arc<Vec<f64>>>,
}

/// The network of the area on `day` and its measures.
fn measured(
    ctx: &Ctx,
    records: &NetworkRecords,
    which: Which,
    day: Date,
    metrics: Metrics,
    exactness: Exactness,
) -> (Network, Report) {
    let data = &ctx.data;
    let selection = Selection {
        scope: which.area.scope(data),
        level: which.level,
        at: day,
        meeting_ties: which.meeting_ties,
    };
    let net = network(records.with(data), &selection);
    let keys: Vec<_> = net
        .nodes
        .iter()
        .map(|n| praevnetz_domain::network::analysis::NodeKey::Number(n.id))
        .collect();
    let report = analyze(
        &net.graph,
        &keys,
        None,
        Options {
            metrics,
            threads: Threads::available(),
            lengths: Lengths::Steps,
            seed: 1,
            exactness,
        },
    );
    (net, report)
}

/// The picture of the strongest nodes.
fn drawing(
    ctx: &Ctx,
    net: &Network,
    report: &Report,
    ranked: &[usize],
    size: &str,
    area: Area,
    data: &Snapshot,
) -> String {
    let lang = ctx.lang;
    let texts = ctx.texts();
    let shown: Vec<usize> = ranked.iter().take(DRAWN).copied().collect();
    if shown.is_empty() {
        return String::new();
    }
    let edges = net.edges_among(&shown);
    let largest = shown
        .iter()
        .map(|&i| size_of(&report.nodes[i], size))
        .fold(0.0, f64::max);
    let nodes = shown
        .iter()
        .enumerate()
        .map(|(k, &i)| DrawnNode {
            position: (0.0, 0.0),
            name: net.nodes[i].name.clone(),
            pillar: net.nodes[i].pillar,
            size: if largest > 0.0 {
                size_of(&report.nodes[i], size) / largest
            } else {
                0.0
            },
            labelled: k < LABELLED,
            cut: report.nodes[i].articulation_point == Some(true),
        })
        .collect();
    picture(
        ctx,
        "netz",
        texts.format(
            lang,
            "network-svg-title",
            &Args::new().text("area", area.label(data, ctx)),
        ),
        texts.format(
            lang,
            "network-svg-desc",
            &Args::new()
                .number("nodes", shown.len() as f64)
                .number("edges", edges.len() as f64),
        ),
        nodes,
        &edges,
    )
}

/// Lays `nodes` out by `ForceAtlas2` over `edges` (node indices and strengths) and draws them
/// with the pillar legend; the nodes' positions are set here.
pub(crate) fn picture(
    ctx: &Ctx,
    id: &str,
    title: String,
    description: String,
    mut nodes: Vec<DrawnNode>,
    edges: &[(usize, usize, f64)],
) -> String {
    let n = nodes.len();
    let sub = praevnetz_graph::Graph::from_weighted_edges(
        n,
        edges,
        praevnetz_graph::Direction::Undirected,
    )
    .unwrap_or_else(|_| praevnetz_graph::Graph::empty(n, praevnetz_graph::Direction::Undirected));
    for (node, position) in nodes.iter_mut().zip(force_atlas2(&sub, Layout::default())) {
        node.position = position;
    }
    let strongest = edges.iter().map(|e| e.2).fold(1.0, f64::max);
    let legend = Pillar::ALL
        .iter()
        .map(|p| (Some(*p), p.label(ctx.lang)))
        .chain(std::iter::once((
            None,
            ctx.t("network-pillar-none").to_owned(),
        )))
        .collect();
    draw(&NetworkDrawing {
        id: id.to_owned(),
        title,
        description,
        nodes,
        edges: edges
            .iter()
            .map(|&(a, b, w)| (a, b, w / strongest))
            .collect(),
        legend,
        cut_label: ctx.t("network-legend-cut").to_owned(),
    })
}

/// Municipalities of the network without a tie between administration and police, and those
/// missing a pillar among their actors.
fn coverage(ctx: &Ctx, net: &Network) -> (Vec<(String, String)>, Vec<Gap>) {
    let data = &ctx.data;
    let lang = ctx.lang;
    let mut present: BTreeMap<&str, HashSet<Pillar>> = BTreeMap::new();
    for node in &net.nodes {
        if let (Some(m), Some(p)) = (&node.municipality, node.pillar)
            && !node.partner
        {
            present.entry(m.as_str()).or_default().insert(p);
        }
    }
    // A municipality is linked when one of its administration's actors has a tie to police.
    let mut linked: HashSet<&str> = HashSet::new();
    for e in &net.edges {
        let (a, b) = (&net.nodes[e.a], &net.nodes[e.b]);
        for (x, y) in [(a, b), (b, a)] {
            if x.pillar == Some(Pillar::Municipality)
                && y.pillar == Some(Pillar::StatePolice)
                && let Some(m) = &x.municipality
            {
                linked.insert(m.as_str());
            }
        }
    }
    let name = |ags: &str| {
        Ags::parse(ags)
            .ok()
            .and_then(|a| data.atlas.municipality_by_ags(&a))
            .map_or_else(|| ags.to_owned(), |m| m.data.display_name().to_owned())
    };
    let unlinked = present
        .iter()
        .filter(|(m, pillars)| pillars.contains(&Pillar::Municipality) && !linked.contains(*m))
        .take(LISTED_RISKS)
        .map(|(m, _)| ((*m).to_owned(), name(m)))
        .collect();
    let gaps = present
        .iter()
        .filter_map(|(m, pillars)| {
            let missing: Vec<String> = Pillar::ALL
                .iter()
                .filter(|p| !pillars.contains(p))
                .map(|p| p.label(lang))
                .collect();
            (!missing.is_empty()).then(|| Gap {
                ags: (*m).to_owned(),
                name: name(m),
                missing: missing.join(", "),
            })
        })
        .take(LISTED_RISKS)
        .collect();
    (unlinked, gaps)
}

/// The nodes that most often stand between two others of different groups (Gould–Fernandez:
/// gatekeepers, representatives, itinerants and liaisons; coordinators broker inside a group).
fn brokers(
    net: &Network,
    level: Level,
    lang: Lang,
    group: impl Fn(&praevnetz_domain::network::stored::Node) -> Option<usize>,
) -> Vec<Broker> {
    let raw: Vec<Option<usize>> = net.nodes.iter().map(&group).collect();
    // Nodes without a group form one more group of their own.
    let groups = raw.iter().flatten().max().map_or(1, |m| m + 2);
    let labels: Vec<usize> = raw.iter().map(|g| g.unwrap_or(groups - 1)).collect();
    let Ok(roles) = brokerage(&net.graph, &labels, groups) else {
        return Vec::new();
    };
    let mut ranked: Vec<(usize, u64)> = roles
        .iter()
        .enumerate()
        .map(|(i, r)| (i, r.total() - r.coordinator))
        .filter(|&(_, b)| b > 0)
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(10)
        .map(|(i, between)| {
            let (href, name) = link(level, &net.nodes[i]);
            Broker {
                href,
                name,
                pillar: net.nodes[i]
                    .pillar
                    .map(|p| p.label(lang))
                    .unwrap_or_default(),
                between,
            }
        })
        .collect()
}

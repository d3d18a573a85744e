//! The comparison of two days on `/netzwerk`: the ties that began and ended between them, the
//! actors who joined or left, the figures of the whole network on both days, and the actors
//! whose measures changed most. Held meetings of the area are offered as comparison points
//! (the day before the meeting against twelve months later), which is how a networking
//! meeting's effect on the network becomes visible.

use jiff::ToSpan;
use jiff::civil::Date;
use praevnetz_domain::i18n::{Args, Lang};
use praevnetz_domain::meeting::MeetingStatus;
use praevnetz_domain::network::analysis::Report;
use praevnetz_domain::network::compare::{Across, Comparison, Summary, compare, joins};
use praevnetz_domain::network::stored::{Edge, Level, Network, Node};

use crate::context::Ctx;

/// Entries of the lists of ties and actors, and of the table of changed measures.
const LISTED_CHANGES: usize = 30;
/// Meetings offered as comparison points.
const ANCHORS: usize = 5;
/// How long after a meeting its effect is looked at.
const EFFECT_MONTHS: i8 = 12;

/// A row of the figures table.
pub(crate) struct FigureRow {
    pub(crate) label: &'static str,
    pub(crate) before: String,
    pub(crate) after: String,
    pub(crate) change: String,
}

/// A tie that began or ended.
pub(crate) struct TieRow {
    pub(crate) a: (String, String),
    pub(crate) b: (String, String),
    pub(crate) kinds: String,
    pub(crate) period: String,
}

/// An actor whose measures changed.
pub(crate) struct Mover {
    pub(crate) href: String,
    pub(crate) name: String,
    pub(crate) degree: (String, String),
    pub(crate) betweenness: (String, String),
    pub(crate) change: String,
}

/// What changed between the comparison day and the day shown.
pub(crate) struct Changes {
    pub(crate) heading: String,
    pub(crate) figures: Vec<FigureRow>,
    pub(crate) new_ties: Vec<TieRow>,
    /// How many new ties there are, and how many of them join pillars and municipalities.
    pub(crate) new_count: String,
    pub(crate) new_note: String,
    pub(crate) ended_ties: Vec<TieRow>,
    pub(crate) ended_note: String,
    pub(crate) joined: Vec<(String, String)>,
    pub(crate) left: Vec<(String, String)>,
    pub(crate) movers: Vec<Mover>,
    /// Said when betweenness is estimated on a day of the comparison.
    pub(crate) movers_note: &'static str,
}

/// A meeting offered as a comparison point, with the link that compares around it.
pub(crate) struct Anchor {
    pub(crate) href: String,
    pub(crate) label: String,
}

/// Signed change with the given digits; empty when nothing changed.
fn delta(before: f64, after: f64, digits: usize) -> String {
    let d = after - before;
    if d.abs() < 0.5 * 10f64.powi(-i32::try_from(digits).unwrap_or(0)) {
        String::new()
    } else {
        format!("{d:+.digits$}")
    }
}

fn kinds(edge: &Edge, lang: Lang) -> String {
    edge.kinds
        .iter()
        .map(|k| k.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn period(edge: &Edge) -> String {
    let day = |d: Option<Date>| d.map(crate::problems::format_date).unwrap_or_default();
    match (edge.since, edge.until) {
        (None, None) => String::new(),
        (since, None) => format!("{} –", day(since)),
        (since, until) => format!("{} – {}", day(since), day(until)),
    }
}

/// The measures side by side, for the rows of the figures table.
fn figure_rows(before: &Summary, after: &Summary) -> Vec<FigureRow> {
    let count = |label, b: usize, a: usize| FigureRow {
        label,
        before: b.to_string(),
        after: a.to_string(),
        change: delta(b as f64, a as f64, 0),
    };
    vec![
        count("network-cmp-nodes", before.nodes, after.nodes),
        count("network-cmp-edges", before.edges, after.edges),
        count(
            "network-cmp-across-pillars",
            before.across_pillars,
            after.across_pillars,
        ),
        count(
            "network-cmp-across-places",
            before.across_municipalities,
            after.across_municipalities,
        ),
        count(
            "network-cmp-components",
            before.components,
            after.components,
        ),
        count("network-cmp-isolated", before.isolated, after.isolated),
        FigureRow {
            label: "network-cmp-density",
            before: format!("{:.3}", before.density),
            after: format!("{:.3}", after.density),
            change: delta(before.density, after.density, 3),
        },
    ]
}

/// A node's address and name.
type Link = fn(Level, &Node) -> (String, String);

/// The two sides: network and report of each day.
pub(crate) struct Sides<'a> {
    pub(crate) before_day: Date,
    pub(crate) before: (&'a Network, &'a Report),
    pub(crate) after_day: Date,
    pub(crate) after: (&'a Network, &'a Report),
    /// Whether betweenness is estimated on either day (or exact on one only), so that its
    /// changes may be noise.
    pub(crate) estimated: bool,
}

/// What changed from `sides.before` to `sides.after`; `link` gives a node's address and name.
pub(crate) fn changes(ctx: &Ctx, level: Level, sides: &Sides<'_>, link: Link) -> Changes {
    let lang = ctx.lang;
    let texts = ctx.texts();
    let (before, _) = sides.before;
    let (after, _) = sides.after;
    let c: Comparison = compare(before, after);
    let tie = |net: &Network, e: &Edge| TieRow {
        a: link(level, &net.nodes[e.a]),
        b: link(level, &net.nodes[e.b]),
        kinds: kinds(e, lang),
        period: period(e),
    };
    // The strongest new and ended ties first.
    let mut new_edges = c.new_edges.clone();
    new_edges.sort_by(|&x, &y| after.edges[y].weight.total_cmp(&after.edges[x].weight));
    let mut ended_edges = c.ended_edges.clone();
    ended_edges.sort_by(|&x, &y| before.edges[y].weight.total_cmp(&before.edges[x].weight));
    let across = |what| {
        new_edges
            .iter()
            .filter(|&&k| joins(after, &after.edges[k], what))
            .count() as f64
    };
    let new_count = texts.format(
        lang,
        "network-cmp-new-count",
        &Args::new()
            .number("count", new_edges.len() as f64)
            .number("pillars", across(Across::Pillars))
            .number("places", across(Across::Municipalities)),
    );
    let part = |shown: usize, total: usize| {
        if total > shown {
            texts.format(
                lang,
                "network-cmp-part",
                &Args::new()
                    .number("shown", shown as f64)
                    .number("total", total as f64),
            )
        } else {
            String::new()
        }
    };
    let movers = movers(level, sides, &c, link);
    Changes {
        heading: texts.format(
            lang,
            "network-cmp-heading",
            &Args::new()
                .text("before", crate::problems::format_date(sides.before_day))
                .text("after", crate::problems::format_date(sides.after_day)),
        ),
        figures: figure_rows(&c.before, &c.after),
        new_count,
        new_note: part(LISTED_CHANGES, new_edges.len()),
        new_ties: new_edges
            .iter()
            .take(LISTED_CHANGES)
            .map(|&k| tie(after, &after.edges[k]))
            .collect(),
        ended_note: part(LISTED_CHANGES, ended_edges.len()),
        ended_ties: ended_edges
            .iter()
            .take(LISTED_CHANGES)
            .map(|&k| tie(before, &before.edges[k]))
            .collect(),
        joined: c
            .joined()
            .take(LISTED_CHANGES)
            .map(|i| link(level, &after.nodes[i]))
            .collect(),
        left: c
            .left()
            .take(LISTED_CHANGES)
            .map(|i| link(level, &before.nodes[i]))
            .collect(),
        movers,
        movers_note: if sides.estimated {
            "network-cmp-estimated"
        } else {
            ""
        },
    }
}

/// The actors whose betweenness or number of ties changed most, largest change first.
fn movers(level: Level, sides: &Sides<'_>, c: &Comparison, link: Link) -> Vec<Mover> {
    let (before, before_report) = sides.before;
    let (after, after_report) = sides.after;
    c.movers(before_report, after_report, 0.0005, sides.estimated)
        .into_iter()
        .take(LISTED_CHANGES)
        .map(|m| {
            let (href, name) = match (m.node.after, m.node.before) {
                (Some(i), _) => link(level, &after.nodes[i]),
                (None, Some(i)) => link(level, &before.nodes[i]),
                (None, None) => (String::new(), String::new()),
            };
            let shown = |present: Option<usize>, v: String| {
                if present.is_some() {
                    v
                } else {
                    "–".to_owned()
                }
            };
            let (bb, ba) = m.betweenness;
            Mover {
                href,
                name,
                degree: (
                    shown(m.degree.0, m.degree.0.unwrap_or(0).to_string()),
                    shown(m.degree.1, m.degree.1.unwrap_or(0).to_string()),
                ),
                betweenness: (
                    shown(m.degree.0, format!("{bb:.3}")),
                    shown(m.degree.1, format!("{ba:.3}")),
                ),
                change: delta(bb, ba, 3),
            }
        })
        .collect()
}

/// The held meetings in the area (by their venue; meetings without a venue municipality, such
/// as online ones, count everywhere), latest first, each with the link comparing the day before
/// it with twelve months later (or today, if that is earlier).
pub(crate) fn anchors(
    ctx: &Ctx,
    in_area: impl Fn(praevnetz_domain::ids::MunicipalityId) -> bool,
    base: &str,
    today: Date,
) -> Vec<Anchor> {
    let zone = praevnetz_domain::time::home_zone();
    ctx.data
        .meetings
        .iter()
        .rev()
        .filter(|m| m.data.status == MeetingStatus::Held)
        .filter(|m| m.data.venue.municipality_id.is_none_or(&in_area))
        .filter_map(|m| {
            let day = m.data.time.starts_at().to_zoned(zone.clone()).date();
            let before = day.yesterday().ok()?;
            let later = day
                .checked_add(i32::from(EFFECT_MONTHS).months())
                .ok()?
                .min(today);
            (later > day).then(|| Anchor {
                href: format!("{base}&stichtag={later}&vergleich={before}#h-changes"),
                label: ctx.texts().format(
                    ctx.lang,
                    "network-cmp-anchor",
                    &Args::new()
                        .text("meeting", m.data.title.to_string())
                        .text("day", crate::problems::format_date(day))
                        .text("before", crate::problems::format_date(before))
                        .text("after", crate::problems::format_date(later)),
                ),
            })
        })
        .take(ANCHORS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed_and_empty_when_nothing_changed() {
        assert_eq!(delta(3.0, 5.0, 0), "+2");
        assert_eq!(delta(5.0, 3.0, 0), "-2");
        assert_eq!(delta(2.0, 2.0, 0), "");
        assert_eq!(delta(0.1, 0.1004, 3), "");
        assert_eq!(delta(0.1, 0.125, 3), "+0.025");
    }

    #[test]
    fn the_figures_table_lists_every_measure_of_both_days() {
        let before = Summary {
            nodes: 10,
            edges: 12,
            components: 2,
            isolated: 1,
            across_pillars: 4,
            across_municipalities: 3,
            density: 12.0 / 45.0,
        };
        let after = Summary {
            edges: 20,
            across_pillars: 9,
            components: 1,
            isolated: 0,
            density: 20.0 / 45.0,
            ..before
        };
        let rows = figure_rows(&before, &after);
        let row = |label: &str| rows.iter().find(|r| r.label == label).unwrap();
        assert_eq!(row("network-cmp-edges").change, "+8");
        assert_eq!(row("network-cmp-across-pillars").change, "+5");
        assert_eq!(row("network-cmp-components").change, "-1");
        assert_eq!(row("network-cmp-nodes").change, "");
        assert_eq!(row("network-cmp-density").after, "0.444");
        assert_eq!(rows.len(), 7);
    }
}

//! The network picture as SVG, drawn on the server from `ForceAtlas2` positions
//! ([`praevnetz_graph::layout`]).
//!
//! [`draw`] is a pure function of its input: the same input gives the same bytes. Each pillar
//! has a colour *and* a shape (circle, square, triangle, diamond), so the picture does not rely
//! on colour alone; the legend repeats both. Nodes are sized by the chosen measure; the names of
//! the largest are written beside them, every node carries a `<title>` with its name, and the
//! page's table gives the same data for screen readers (the picture is one labelled image).

use std::fmt::Write as _;

use askama::filters::{Html, escape};
use praevnetz_domain::actor::Pillar;

/// A node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnNode {
    /// Layout position (any scale; the drawing fits them in).
    pub position: (f64, f64),
    /// Name, for the label and the title.
    pub name: String,
    /// The pillar, if known (unknown ones are drawn grey circles).
    pub pillar: Option<Pillar>,
    /// Size between 0 and 1 (the chosen measure, scaled to the largest).
    pub size: f64,
    /// Whether the name is written beside the node.
    pub labelled: bool,
    /// Whether it is a single point of failure (drawn with a heavy outline).
    pub cut: bool,
}

/// What [`draw`] needs.
#[derive(Clone, Debug)]
pub struct NetworkDrawing {
    pub id: String,
    pub title: String,
    pub description: String,
    pub nodes: Vec<DrawnNode>,
    /// Edges as node indices, with a width between 0 and 1.
    pub edges: Vec<(usize, usize, f64)>,
    /// The legend's entries: pillar and its name.
    pub legend: Vec<(Option<Pillar>, String)>,
    /// The legend's line for heavy outlines.
    pub cut_label: String,
}

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 640.0;
const MARGIN: f64 = 24.0;
const LEGEND_WIDTH: f64 = 190.0;
const MIN_RADIUS: f64 = 3.0;
const MAX_RADIUS: f64 = 14.0;

/// The fill of a pillar (colour-blind safe, after Okabe & Ito 2008).
fn fill(pillar: Option<Pillar>) -> &'static str {
    match pillar {
        Some(Pillar::StatePolice) => "#0072b2",
        Some(Pillar::Municipality) => "#d55e00",
        Some(Pillar::Civic) => "#009e73",
        Some(Pillar::Support) => "#cc79a7",
        None => "#999999",
    }
}

/// The shape of a node at `(x, y)` with radius `r`, as an SVG element without its closing.
fn shape(out: &mut String, pillar: Option<Pillar>, x: f64, y: f64, r: f64) -> &'static str {
    match pillar {
        Some(Pillar::StatePolice) => {
            let side = r * 1.8;
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{side:.1}\" height=\"{side:.1}\"",
                x - side / 2.0,
                y - side / 2.0
            );
            "rect"
        }
        Some(Pillar::Civic) => {
            let h = r * 1.2;
            let _ = write!(
                out,
                "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\"",
                x,
                y - h * 1.2,
                x - h * 1.1,
                y + h * 0.8,
                x + h * 1.1,
                y + h * 0.8
            );
            "polygon"
        }
        Some(Pillar::Support) => {
            let d = r * 1.3;
            let _ = write!(
                out,
                "<polygon points=\"{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}\"",
                y - d,
                x + d,
                y + d,
                x - d
            );
            "polygon"
        }
        Some(Pillar::Municipality) | None => {
            let _ = write!(out, "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"");
            "circle"
        }
    }
}

fn text(s: &str) -> String {
    escape(s, Html).map(|e| e.to_string()).unwrap_or_default()
}

/// The picture: edges, nodes (small ones first), labels, legend.
#[allow(
    clippy::too_many_lines,
    reason = "one layer of the picture after the other"
)]
pub fn draw(input: &NetworkDrawing) -> String {
    let mut out = String::new();
    let id = text(&input.id);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        text(&input.title),
        text(&input.description)
    );
    // Fit the positions into the drawing area left of the legend.
    let (mut lo, mut hi) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
    for n in &input.nodes {
        lo = (lo.0.min(n.position.0), lo.1.min(n.position.1));
        hi = (hi.0.max(n.position.0), hi.1.max(n.position.1));
    }
    let area = (WIDTH - LEGEND_WIDTH - 2.0 * MARGIN, HEIGHT - 2.0 * MARGIN);
    let span = ((hi.0 - lo.0).max(1e-9), (hi.1 - lo.1).max(1e-9));
    let scale = (area.0 / span.0).min(area.1 / span.1);
    let offset = (
        MARGIN + (area.0 - span.0 * scale) / 2.0,
        MARGIN + (area.1 - span.1 * scale) / 2.0,
    );
    let at: Vec<(f64, f64)> = input
        .nodes
        .iter()
        .map(|n| {
            (
                offset.0 + (n.position.0 - lo.0) * scale,
                offset.1 + (n.position.1 - lo.1) * scale,
            )
        })
        .collect();
    out.push_str("<g class=\"edges\" stroke=\"#8a8a8a\" stroke-opacity=\"0.55\">");
    for &(a, b, width) in &input.edges {
        let _ = write!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{:.2}\"/>",
            at[a].0,
            at[a].1,
            at[b].0,
            at[b].1,
            0.6 + 2.4 * width
        );
    }
    out.push_str("</g><g class=\"nodes\">");
    // Small nodes first, so large ones stay on top.
    let mut order: Vec<usize> = (0..input.nodes.len()).collect();
    order.sort_by(|&a, &b| {
        input.nodes[a]
            .size
            .total_cmp(&input.nodes[b].size)
            .then(a.cmp(&b))
    });
    for &i in &order {
        let node = &input.nodes[i];
        let r = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * node.size.clamp(0.0, 1.0).sqrt();
        let (x, y) = at[i];
        let element = shape(&mut out, node.pillar, x, y, r);
        let (stroke, width) = if node.cut {
            ("#000000", 2.5)
        } else {
            ("#ffffff", 1.0)
        };
        let _ = write!(
            out,
            " fill=\"{}\" stroke=\"{stroke}\" stroke-width=\"{width}\"><title>{}</title></{element}>",
            fill(node.pillar),
            text(&node.name)
        );
    }
    out.push_str("</g><g class=\"labels\" font-size=\"11\" fill=\"#1a1a1a\">");
    for (i, node) in input.nodes.iter().enumerate() {
        if node.labelled {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\">{}</text>",
                at[i].0 + MAX_RADIUS * 0.6,
                at[i].1 - MAX_RADIUS * 0.6,
                text(&node.name)
            );
        }
    }
    out.push_str("</g>");
    // The legend: one line per pillar, then the outline.
    let left = WIDTH - LEGEND_WIDTH + 8.0;
    let _ = write!(
        out,
        "<g class=\"legend\" font-size=\"12\" fill=\"#1a1a1a\">"
    );
    for (k, (pillar, label)) in input.legend.iter().enumerate() {
        let y = MARGIN + 22.0 * k as f64;
        let element = shape(&mut out, *pillar, left + 8.0, y, 6.0);
        let _ = write!(
            out,
            " fill=\"{}\" stroke=\"#ffffff\"></{element}><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            fill(*pillar),
            left + 22.0,
            y + 4.0,
            text(label)
        );
    }
    let y = MARGIN + 22.0 * input.legend.len() as f64;
    let _ = write!(
        out,
        "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"2.5\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\">{}</text></g></svg>",
        left + 8.0,
        left + 22.0,
        y + 4.0,
        text(&input.cut_label)
    );
    out
}

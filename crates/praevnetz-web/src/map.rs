//! Karte (`/karte`): the municipalities the user may read on a map drawn on the server
//! ([`crate::map_svg`]), one layer at a time: a prevention council, a programme building
//! block, or open problems of one category. Filters by district and network region.
//!
//! What the map shows never exceeds the lists: only readable municipalities appear, and a
//! problem layer counts only the problems the user may see ([`Snapshot::visible_problems`]), so
//! a municipality's marker tells nothing its page does not. Every place is also a row of the
//! table below the map, and municipalities without a location are listed beside it.
//!
//! Imported boundaries (`praevnetz import boundaries`) are drawn as areas; they are read from
//! the store once per snapshot and kept projected in its memo.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Response;
use jiff::civil::Date;
use praevnetz_domain::geo::{Projected, project};
use praevnetz_domain::i18n::{Args, Lang};
use praevnetz_domain::ids::{DistrictId, MunicipalityId};
use praevnetz_domain::number::format_count;
use praevnetz_domain::problem::{CategoryCode, ProblemStatus};
use praevnetz_domain::programme::MilestoneKind;
use praevnetz_domain::territory::{Municipality, short_name};
use praevnetz_domain::user::{Role, Scope};
use praevnetz_store::Store;
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::Choice;
use crate::map_svg::{DistrictLabel, Legend, MapInput, MapPlace, PlaceShape, Rings, draw};
use crate::page::{Chrome, render};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;
use crate::territory::{
    Filter, category_choices, district_choices, readable_municipalities, region_choices,
};

pub(crate) fn routes() -> Routes {
    Routes::new().get("/karte", Gate::LoggedIn, map_show)
}

/// The projected boundaries by municipality.
pub(crate) type Boundaries = HashMap<MunicipalityId, Rings>;

/// The id prefix of the map inside the page.
const MAP_ID: &str = "karte";
/// The drawing's size in user units (the page scales it to its width).
const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 760.0;

/// What the map shows.
#[derive(Clone, Debug, PartialEq)]
enum Layer {
    /// A prevention council exists (body or milestone).
    Council,
    /// The building block was reached.
    Block(MilestoneKind),
    /// Open problems of the category the user may see.
    Problem(CategoryCode),
}

impl Layer {
    /// The layer named by the query value (`praeventionsrat`, `baustein-<code>`,
    /// `problem-<CODE>`); `None` for anything else.
    fn parse(raw: &str, data: &Snapshot) -> Option<Layer> {
        if raw == "praeventionsrat" {
            return Some(Layer::Council);
        }
        if let Some(code) = raw.strip_prefix("baustein-") {
            return MilestoneKind::from_code(code).map(Layer::Block);
        }
        let code = CategoryCode::parse(raw.strip_prefix("problem-")?).ok()?;
        data.categories
            .iter()
            .any(|c| c.code == code)
            .then_some(Layer::Problem(code))
    }

    fn value(&self) -> String {
        match self {
            Layer::Council => "praeventionsrat".to_owned(),
            Layer::Block(kind) => format!("baustein-{}", kind.code()),
            Layer::Problem(code) => format!("problem-{}", code.as_str()),
        }
    }

    /// Its name in the layer switch and the map's title.
    fn name(&self, data: &Snapshot, ctx: &Ctx) -> String {
        match self {
            Layer::Council => ctx.t("map-layer-council").to_owned(),
            Layer::Block(kind) => kind.label(ctx.lang),
            Layer::Problem(code) => data.category_label(code, ctx.lang).to_owned(),
        }
    }

    /// The legend in the user's language.
    fn legend(&self, data: &Snapshot, ctx: &Ctx, markers: bool) -> Legend {
        let texts = ctx.texts();
        let lang = ctx.lang;
        let with = |id: &str, name: &str, value: String| {
            texts.format(lang, id, &Args::new().text(name, value))
        };
        let (on, off, secondary) = match self {
            Layer::Council => (
                ctx.t("map-council-on").to_owned(),
                ctx.t("map-council-off").to_owned(),
                None,
            ),
            Layer::Block(kind) => (
                with("map-block-on", "block", kind.label(lang)),
                with("map-block-off", "block", kind.label(lang)),
                None,
            ),
            Layer::Problem(code) => {
                let label = data.category_label(code, lang).to_owned();
                (
                    with("map-problem-on", "category", label.clone()),
                    with("map-problem-off", "category", label),
                    Some(ctx.t("map-problem-count").to_owned()),
                )
            }
        };
        Legend {
            on,
            off,
            secondary,
            size: markers.then(|| ctx.t("map-size").to_owned()),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct MapQuery {
    #[serde(default)]
    ebene: Option<String>,
    #[serde(default)]
    kreis: Option<String>,
    #[serde(default)]
    region: Option<String>,
}

/// A group of the layer switch.
struct LayerGroup {
    label: &'static str,
    choices: Vec<Choice>,
}

/// A municipality as the table beside the map shows it.
struct PlaceRow {
    ags: String,
    name: String,
    district: String,
    population: String,
    on: bool,
    /// The layer's count, if it has one.
    count: Option<u32>,
    located: bool,
}

#[derive(Template)]
#[template(path = "map.html")]
struct MapPage<'a> {
    c: Chrome<'a>,
    layers: Vec<LayerGroup>,
    districts: Vec<Choice>,
    regions: Vec<Choice>,
    /// The map, its table and the places without location, rendered ([`MapBody`]).
    body: Arc<String>,
    unknown_layer: bool,
    unknown_filter: bool,
}

/// Labels in one language, for a fragment rendered apart from its page.
pub(crate) struct Labels(pub(crate) Lang);

impl Labels {
    pub(crate) fn t(&self, id: &'static str) -> &'static str {
        crate::i18n::texts().get(self.0, id)
    }
}

/// The part of the map page that depends only on the data, the user's rights, the choice and
/// the language, so it is kept in the snapshot's memo and shared by everybody with the same
/// role and scope.
#[derive(Template)]
#[template(path = "map_body.html")]
struct MapBody {
    c: Labels,
    /// The map, drawn; empty when no municipality is shown.
    svg: String,
    summary: String,
    legend_on: String,
    legend_off: String,
    count_heading: String,
    rows: Vec<PlaceRow>,
    unlocated: usize,
    areas: bool,
}

impl MapBody {
    fn unlocated_rows(&self) -> impl Iterator<Item = &PlaceRow> {
        self.rows.iter().filter(|r| !r.located)
    }
}

/// What decides a [`MapBody`]: role and scopes (what may be seen), the layer, the filters, the
/// language and the day (councils are those active that day).
pub(crate) type ViewKey = (Role, Vec<Scope>, String, String, String, Lang, Date);

async fn map_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<MapQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let text = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_owned();
    let (ebene, kreis, region) = (text(&query.ebene), text(&query.kreis), text(&query.region));

    let parsed = if ebene.is_empty() {
        Some(Layer::Council)
    } else {
        Layer::parse(&ebene, data)
    };
    let unknown_layer = parsed.is_none();
    let layer = parsed.unwrap_or(Layer::Council);

    let filters = Filters::resolve(data, &kreis, &region);
    let today = state.clock.today();
    let key: ViewKey = (
        principal.role(),
        principal.user.data.scopes.clone(),
        layer.value(),
        kreis.clone(),
        region.clone(),
        lang,
        today,
    );
    let body = if let Some(body) = data.map_views.get(&key) {
        body
    } else {
        let boundaries = boundaries(&state.store, data).await?;
        let shown = filters.shown(data, principal);
        let body =
            Arc::new(map_body(&ctx, principal, &layer, &shown, &boundaries, today).render()?);
        data.map_views.insert(key, body.clone());
        body
    };
    render(&MapPage {
        c: Chrome::new(&ctx, ctx.t("map-title"), "/karte"),
        layers: layer_groups(data, lang, &layer.value()),
        districts: district_choices(data, principal, &kreis),
        regions: region_choices(data, principal, &region),
        body,
        unknown_layer,
        unknown_filter: filters.unknown(),
    })
}

/// Draws the map and builds its table.
fn map_body(
    ctx: &Ctx,
    principal: &Principal,
    layer: &Layer,
    shown: &[&Municipality],
    boundaries: &Boundaries,
    today: Date,
) -> MapBody {
    let data = &ctx.data;
    let lang = ctx.lang;
    let (places, rows) = places_and_rows(data, principal, layer, shown, boundaries, today, lang);
    let markers = places
        .iter()
        .any(|p| matches!(p.shape, PlaceShape::Point(_)));
    let areas = places
        .iter()
        .any(|p| matches!(p.shape, PlaceShape::Area(_)));
    let legend = layer.legend(data, ctx, markers);
    let layer_name = layer.name(data, ctx);
    let texts = ctx.texts();
    let on_count = rows.iter().filter(|r| r.on).count();
    let summary = texts.format(
        lang,
        "map-summary",
        &Args::new()
            .number("on", on_count as f64)
            .number("total", rows.len() as f64)
            .text("state", legend.on.clone()),
    );
    let svg = if places.is_empty() {
        String::new()
    } else {
        draw(&MapInput {
            id: MAP_ID.to_owned(),
            title: texts.format(
                lang,
                "map-svg-title",
                &Args::new().text("layer", layer_name),
            ),
            description: texts.format(
                lang,
                "map-svg-desc",
                &Args::new().number("count", places.len() as f64),
            ),
            width: WIDTH,
            height: HEIGHT,
            districts: district_labels(data, &places, shown),
            places,
            legend: legend.clone(),
        })
    };
    MapBody {
        c: Labels(lang),
        svg,
        summary,
        legend_on: legend.on,
        legend_off: legend.off,
        count_heading: legend.secondary.unwrap_or_default(),
        unlocated: rows.iter().filter(|r| !r.located).count(),
        rows,
        areas,
    }
}

/// The places to draw and the rows of the table, in the order of `shown`.
fn places_and_rows(
    data: &Snapshot,
    principal: &Principal,
    layer: &Layer,
    shown: &[&Municipality],
    boundaries: &Boundaries,
    today: Date,
    lang: Lang,
) -> (Vec<MapPlace>, Vec<PlaceRow>) {
    let counts = layer_counts(data, principal, layer);
    let mut places = Vec::new();
    let mut rows = Vec::new();
    for m in shown {
        let count = counts.as_ref().map(|c| c.get(&m.id).copied().unwrap_or(0));
        let on = match layer {
            Layer::Council => data.has_council(m.id, today),
            Layer::Block(kind) => data.reached(m.id, *kind),
            Layer::Problem(_) => count.unwrap_or(0) > 0,
        };
        let shape = match boundaries.get(&m.id) {
            Some(rings) => Some(PlaceShape::Area(rings.clone())),
            None => m
                .data
                .location
                .map(|p| PlaceShape::Point(project(p.lon(), p.lat()))),
        };
        let located = shape.is_some();
        if let Some(shape) = shape {
            places.push(MapPlace {
                ags: m.data.ags.clone(),
                name: m.data.display_name().to_owned(),
                shape,
                population: m.data.seat_population,
                on,
                secondary: count.filter(|&n| n > 0),
            });
        }
        rows.push(PlaceRow {
            ags: m.data.ags.as_str().to_owned(),
            name: m.data.display_name().to_owned(),
            district: data
                .atlas
                .district(m.district_id)
                .map(|d| d.data.display_name())
                .unwrap_or_default(),
            population: m
                .data
                .seat_population
                .map(|p| format_count(p, lang))
                .unwrap_or_default(),
            on,
            count,
            located,
        });
    }

    (places, rows)
}

/// The district and region filters of the map, resolved; a value naming nothing shows
/// nothing, as in the lists.
struct Filters {
    district: Filter<DistrictId>,
    region: Filter<Vec<DistrictId>>,
}

impl Filters {
    fn resolve(data: &Snapshot, kreis: &str, region: &str) -> Filters {
        Filters {
            district: Filter::of(kreis, |raw| data.atlas.district_by_ags(raw).map(|d| d.id)),
            region: Filter::of(region, |raw| {
                data.atlas
                    .region_by_slug(raw)
                    .map(|r| data.atlas.region_districts(r.id).to_vec())
            }),
        }
    }

    fn unknown(&self) -> bool {
        self.district.is_unknown() || self.region.is_unknown()
    }

    /// The readable municipalities the filters accept.
    fn shown<'a>(&self, data: &'a Snapshot, principal: &'a Principal) -> Vec<&'a Municipality> {
        readable_municipalities(data, principal)
            .filter(|m| self.district.accepts(|d| m.district_id == *d))
            .filter(|m| self.region.accepts(|ds| ds.contains(&m.district_id)))
            .collect()
    }
}

/// For a problem layer, the open problems of its category the user may see, by municipality.
fn layer_counts(
    data: &Snapshot,
    principal: &Principal,
    layer: &Layer,
) -> Option<HashMap<MunicipalityId, u32>> {
    let Layer::Problem(code) = layer else {
        return None;
    };
    let mut counts = HashMap::new();
    for problem in data.visible_problems(principal) {
        if &problem.data.category == code && problem.data.status != ProblemStatus::Resolved {
            *counts.entry(problem.data.municipality_id).or_insert(0) += 1;
        }
    }
    Some(counts)
}

/// The layer switch: the council, the building blocks, the problem categories.
fn layer_groups(data: &Snapshot, lang: Lang, current: &str) -> Vec<LayerGroup> {
    let texts = crate::i18n::texts();
    let council = Choice::new(
        "praeventionsrat",
        texts.get(lang, "map-layer-council"),
        current,
    );
    let blocks = MilestoneKind::ALL
        .iter()
        .map(|k| Choice::new(format!("baustein-{}", k.code()), k.label(lang), current))
        .collect();
    let problems = category_choices(data, lang, "")
        .into_iter()
        .map(|c| Choice::new(format!("problem-{}", c.value), c.label, current))
        .collect();
    vec![
        LayerGroup {
            label: texts.get(lang, "map-layer-group-council"),
            choices: vec![council],
        },
        LayerGroup {
            label: texts.get(lang, "map-layer-group-blocks"),
            choices: blocks,
        },
        LayerGroup {
            label: texts.get(lang, "map-layer-group-problems"),
            choices: problems,
        },
    ]
}

/// A label for every district with more than one place on the map, at the mean of its places'
/// centres.
fn district_labels(
    data: &Snapshot,
    places: &[MapPlace],
    shown: &[&Municipality],
) -> Vec<DistrictLabel> {
    let district_of: HashMap<&str, _> = shown
        .iter()
        .map(|m| (m.data.ags.as_str(), m.district_id))
        .collect();
    let mut sums: HashMap<_, (f64, f64, f64)> = HashMap::new();
    for place in places {
        let (Some(&district), Some(c)) =
            (district_of.get(place.ags.as_str()), place.shape.centre())
        else {
            continue;
        };
        let sum = sums.entry(district).or_insert((0.0, 0.0, 0.0));
        sum.0 += c.easting;
        sum.1 += c.northing;
        sum.2 += 1.0;
    }
    // A district of one place (a city) is named by that place already; the others are named
    // short ("Mittelsachsen"), so labels crowd the map less.
    let mut labels: Vec<DistrictLabel> = sums
        .into_iter()
        .filter(|(_, (_, _, count))| *count > 1.0)
        .filter_map(|(id, (e, n, count))| {
            let district = data.atlas.district(id)?;
            Some(DistrictLabel {
                name: short_name(district.data.name.as_str()).to_owned(),
                anchor: Projected {
                    easting: e / count,
                    northing: n / count,
                },
            })
        })
        .collect();
    labels.sort_by(|a, b| a.name.cmp(&b.name));
    labels
}

/// The projected boundaries, from the snapshot's memo or read now.
async fn boundaries(store: &Store, data: &Snapshot) -> Result<Arc<Boundaries>, WebError> {
    if let Some(kept) = data.boundaries.get(&()) {
        return Ok(kept);
    }
    let read: HashMap<_, _> = store
        .boundaries()
        .await?
        .into_iter()
        .map(|(id, boundary)| (id, Arc::new(boundary.projected())))
        .collect();
    let read = Arc::new(read);
    data.boundaries.insert((), read.clone());
    Ok(read)
}

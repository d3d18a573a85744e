//! The map of municipalities as SVG, drawn on the server from projected coordinates
//! ([`praevnetz_domain::geo`]).
//!
//! [`draw`] is a pure function of its input: the same input gives the same bytes (places in a
//! fixed order, coordinates with one decimal), so pages can be tested by comparison. All text is
//! escaped with askama's HTML escaper, which is also correct for XML text and attributes.
//!
//! Accessibility: the root names its `<title>` and `<desc>` through `aria-labelledby`; every
//! municipality is a link with a `<title>` naming it and its state in the layer; a layer's
//! state is told by shape (a filled marker with a white centre dot, or a hatched area) as well
//! as by colour; the legend repeats the same shapes. The root carries the class `map` so our
//! script can pan and zoom by changing the `viewBox`.

use std::fmt::Write as _;
use std::sync::Arc;

use askama::filters::{Html, escape};
use praevnetz_domain::geo::{BoundingBox, Fit, Projected};
use praevnetz_domain::territory::Ags;

/// Smallest marker radius in user units: small places stay visible and clickable.
pub const MIN_RADIUS: f64 = 4.0;
/// Free space around the drawing, in user units.
const MARGIN: f64 = 12.0;
/// Height of one legend line, in user units.
const LEGEND_LINE: f64 = 20.0;

const ON_FILL: &str = "#1f4e79";
const OFF_FILL: &str = "#ffffff";
const OFF_STROKE: &str = "#6b8fb5";
const AREA_OFF_FILL: &str = "#e8eef5";
const AREA_STROKE: &str = "#4a4a4a";

/// How a place is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaceShape {
    /// A marker at the main place.
    Point(Projected),
    /// The municipality's area: rings in projected metres, outer rings and holes alike (shared,
    /// as boundaries are kept between requests).
    Area(Rings),
}

impl PlaceShape {
    /// The centre of the place as drawn: the marker, or the middle of the area's bounding box
    /// (`None` for an area without points).
    pub fn centre(&self) -> Option<Projected> {
        match self {
            PlaceShape::Point(p) => Some(*p),
            PlaceShape::Area(rings) => {
                BoundingBox::around(rings.iter().flatten().copied()).map(|b| Projected {
                    easting: f64::midpoint(b.min_x, b.max_x),
                    northing: f64::midpoint(b.min_y, b.max_y),
                })
            }
        }
    }
}

/// A municipality's rings in projected metres, shared between requests.
pub type Rings = Arc<Vec<Vec<Projected>>>;

/// A municipality on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPlace {
    /// Its key: the link goes to `/kommunen/{ags}`.
    pub ags: Ags,
    /// The name people use.
    pub name: String,
    /// Where.
    pub shape: PlaceShape,
    /// Population; a marker's area is proportional to it (places without get the smallest).
    pub population: Option<i64>,
    /// Whether the shown layer is "on" for this place (e.g. a prevention council exists).
    pub on: bool,
    /// A second figure shown beside the place (e.g. the number of meetings), if any.
    pub secondary: Option<u32>,
}

/// A district's name, written at an anchor point.
#[derive(Clone, Debug, PartialEq)]
pub struct DistrictLabel {
    /// The name.
    pub name: String,
    /// Where the label's centre goes.
    pub anchor: Projected,
}

/// The texts of the legend, in the user's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    /// Places where the layer is on ("Präventionsrat gegründet").
    pub on: String,
    /// Places where it is off ("noch kein Präventionsrat").
    pub off: String,
    /// What the second figure counts ("Treffen"), if places carry one.
    pub secondary: Option<String>,
    /// What a marker's size means ("Fläche nach Einwohnerzahl"), if markers are drawn.
    pub size: Option<String>,
}

/// Everything the map shows.
#[derive(Clone, Debug, PartialEq)]
pub struct MapInput {
    /// Prefix of the ids inside the SVG, unique on the page (`karte`).
    pub id: String,
    /// The picture's title (its accessible name).
    pub title: String,
    /// Its description (what it shows, where the table of the same data is).
    pub description: String,
    /// Width of the viewport in user units.
    pub width: f64,
    /// Height of the viewport in user units (the legend takes its lower lines).
    pub height: f64,
    /// The municipalities.
    pub places: Vec<MapPlace>,
    /// District names.
    pub districts: Vec<DistrictLabel>,
    /// The legend's texts.
    pub legend: Legend,
}

/// Escaped text for XML content and attributes.
fn esc(text: &str) -> String {
    match escape(text, Html) {
        Ok(safe) => safe.to_string(),
        Err(never) => match never {},
    }
}

/// A number with one decimal, without a negative zero.
fn num(value: f64) -> String {
    let text = format!("{value:.1}");
    if text == "-0.0" {
        "0.0".to_owned()
    } else {
        text
    }
}

/// Marker radius: area proportional to population, scaled so the largest place gets
/// `max_radius`, never below [`MIN_RADIUS`].
fn radius(population: Option<i64>, largest: i64, max_radius: f64) -> f64 {
    match population {
        Some(p) if p > 0 && largest > 0 => {
            (max_radius * (p as f64 / largest as f64).sqrt()).max(MIN_RADIUS)
        }
        _ => MIN_RADIUS,
    }
}

/// The largest marker radius for a viewport.
fn max_radius(width: f64, height: f64) -> f64 {
    (width.min(height) * 0.035).max(MIN_RADIUS)
}

fn title_text(place: &MapPlace, legend: &Legend) -> String {
    let state = if place.on { &legend.on } else { &legend.off };
    match (place.secondary, &legend.secondary) {
        (Some(count), Some(label)) => format!("{}: {state}; {label}: {count}", place.name),
        _ => format!("{}: {state}", place.name),
    }
}

fn marker(out: &mut String, class: &str, x: f64, y: f64, r: f64, on: bool) {
    if on {
        let _ = write!(
            out,
            r#"<circle class="{class} on" cx="{}" cy="{}" r="{}" fill="{ON_FILL}" stroke="{OFF_FILL}" stroke-width="1"/><circle class="dot" cx="{}" cy="{}" r="{}" fill="{OFF_FILL}"/>"#,
            num(x),
            num(y),
            num(r),
            num(x),
            num(y),
            num((r * 0.35).max(1.2)),
        );
    } else {
        let _ = write!(
            out,
            r#"<circle class="{class} off" cx="{}" cy="{}" r="{}" fill="{OFF_FILL}" fill-opacity="0.6" stroke="{OFF_STROKE}" stroke-width="1.5"/>"#,
            num(x),
            num(y),
            num(r),
        );
    }
}

fn area_fill(id: &str, on: bool) -> String {
    if on {
        format!(r#"fill="url(#{id}-hatch)" stroke="{AREA_STROKE}""#)
    } else {
        format!(r#"fill="{AREA_OFF_FILL}" stroke="{AREA_STROKE}""#)
    }
}

fn path_data(rings: &[Vec<Projected>], fit: &Fit) -> String {
    let mut data = String::new();
    for ring in rings {
        for (i, point) in ring.iter().enumerate() {
            let (x, y) = fit.apply(*point);
            data.push(if i == 0 { 'M' } else { 'L' });
            let _ = write!(data, "{} {}", num(x), num(y));
        }
        data.push('Z');
    }
    data
}

/// Draws the map; see the module documentation.
pub fn draw(input: &MapInput) -> String {
    let id = esc(&input.id);
    let (width, height) = (input.width, input.height);
    let legend_lines = 2
        + usize::from(input.legend.secondary.is_some())
        + usize::from(input.legend.size.is_some());
    let legend_height = legend_lines as f64 * LEGEND_LINE + MARGIN;
    let max_r = max_radius(width, height);

    let points = input.places.iter().flat_map(|place| match &place.shape {
        PlaceShape::Point(point) => vec![*point],
        PlaceShape::Area(rings) => rings.iter().flatten().copied().collect(),
    });
    let anchors = input.districts.iter().map(|d| d.anchor);
    let bbox = BoundingBox::around(points.chain(anchors)).unwrap_or(BoundingBox::of(Projected {
        easting: 0.0,
        northing: 0.0,
    }));
    // The drawing fits above the legend, with room for the largest marker on every side.
    let inset = MARGIN + max_r;
    let fit = Fit::new(bbox, width, (height - legend_height).max(0.0), inset);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" id="{id}" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(&input.title),
        esc(&input.description),
        w = num(width),
        h = num(height),
    );
    let _ = write!(
        out,
        r#"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{ON_FILL}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{OFF_FILL}" stroke-width="2"/></pattern></defs>"#
    );

    places(&mut out, input, &id, &fit, max_r);

    let mut districts: Vec<&DistrictLabel> = input.districts.iter().collect();
    districts.sort_by(|a, b| a.name.cmp(&b.name));
    out.push_str(r#"<g class="districts" aria-hidden="true" pointer-events="none">"#);
    for district in districts {
        let (x, y) = fit.apply(district.anchor);
        let _ = write!(
            out,
            r##"<text class="district-label" x="{}" y="{}" text-anchor="middle" font-size="12" fill="#333333" stroke="#ffffff" stroke-width="3" paint-order="stroke">{}</text>"##,
            num(x),
            num(y),
            esc(&district.name),
        );
    }
    out.push_str("</g>");

    legend(&mut out, input, &id, height - legend_height + MARGIN / 2.0);
    out.push_str("</svg>");
    out
}

/// The municipalities: areas first (by key), then markers from the largest down so small ones
/// stay on top.
fn places(out: &mut String, input: &MapInput, id: &str, fit: &Fit, max_r: f64) {
    let largest = input
        .places
        .iter()
        .filter_map(|p| p.population)
        .max()
        .unwrap_or(0);
    let mut areas: Vec<&MapPlace> = Vec::new();
    let mut markers: Vec<(f64, &MapPlace, Projected)> = Vec::new();
    for place in &input.places {
        match &place.shape {
            PlaceShape::Area(_) => areas.push(place),
            PlaceShape::Point(point) => {
                markers.push((radius(place.population, largest, max_r), place, *point));
            }
        }
    }
    areas.sort_by(|a, b| a.ags.cmp(&b.ags));
    markers.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.ags.cmp(&b.1.ags)));

    out.push_str(r#"<g class="places">"#);
    for place in areas {
        let PlaceShape::Area(rings) = &place.shape else {
            continue;
        };
        let _ = write!(
            out,
            r#"<a href="/kommunen/{}" class="place {}"><title>{}</title><path d="{}" fill-rule="evenodd" {} stroke-width="0.5"/>"#,
            esc(place.ags.as_str()),
            if place.on { "on" } else { "off" },
            esc(&title_text(place, &input.legend)),
            path_data(rings, fit),
            area_fill(id, place.on),
        );
        if let Some(count) = place.secondary {
            let anchor = place
                .shape
                .centre()
                .map(|c| fit.apply(c))
                .unwrap_or_default();
            count_label(out, anchor.0, anchor.1, count);
        }
        out.push_str("</a>");
    }
    for (r, place, point) in markers {
        let (x, y) = fit.apply(point);
        let _ = write!(
            out,
            r#"<a href="/kommunen/{}" class="place {}"><title>{}</title>"#,
            esc(place.ags.as_str()),
            if place.on { "on" } else { "off" },
            esc(&title_text(place, &input.legend)),
        );
        marker(out, "marker", x, y, r, place.on);
        if let Some(count) = place.secondary {
            count_label(out, x + r + 2.0, y, count);
        }
        out.push_str("</a>");
    }
    out.push_str("</g>");
}

fn count_label(out: &mut String, x: f64, y: f64, count: u32) {
    let _ = write!(
        out,
        r##"<text class="count" x="{}" y="{}" dominant-baseline="middle" font-size="10" fill="#111111" stroke="#ffffff" stroke-width="2" paint-order="stroke">{count}</text>"##,
        num(x),
        num(y),
    );
}

/// The legend: one line per entry, each with the shape it explains. Areas and markers are both
/// shown, as a map may mix them.
fn legend(out: &mut String, input: &MapInput, id: &str, top: f64) {
    let legend = &input.legend;
    let _ = write!(
        out,
        r#"<g class="legend" transform="translate({} {})">"#,
        num(MARGIN),
        num(top)
    );
    let mut y = LEGEND_LINE / 2.0;
    for (on, text) in [(true, &legend.on), (false, &legend.off)] {
        marker(out, "legend-marker", 7.0, y, 6.0, on);
        let _ = write!(
            out,
            r#"<rect class="legend-area" x="18" y="{}" width="12" height="12" {} stroke-width="0.5"/>"#,
            num(y - 6.0),
            area_fill(id, on),
        );
        legend_text(out, y, text);
        y += LEGEND_LINE;
    }
    if let Some(text) = &legend.secondary {
        count_label(out, 4.0, y, 3);
        legend_text(out, y, text);
        y += LEGEND_LINE;
    }
    if let Some(text) = &legend.size {
        marker(out, "legend-marker", 5.0, y, MIN_RADIUS, false);
        marker(out, "legend-marker", 22.0, y, 8.0, false);
        legend_text(out, y, text);
    }
    out.push_str("</g>");
}

fn legend_text(out: &mut String, y: f64, text: &str) {
    let _ = write!(
        out,
        r##"<text x="38" y="{}" dominant-baseline="middle" font-size="12" fill="#111111">{}</text>"##,
        num(y),
        esc(text),
    );
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::float_cmp,
        reason = "tests panic on failure; the minimum radius is returned exactly"
    )]

    use praevnetz_domain::geo::project;

    use super::*;

    fn place(ags: &str, name: &str, lon: f64, lat: f64, population: Option<i64>) -> MapPlace {
        MapPlace {
            ags: Ags::parse(ags).unwrap(),
            name: name.to_owned(),
            shape: PlaceShape::Point(project(lon, lat)),
            population,
            on: false,
            secondary: None,
        }
    }

    fn input(places: Vec<MapPlace>) -> MapInput {
        MapInput {
            id: "karte".to_owned(),
            title: "Karte".to_owned(),
            description: "Gemeinden".to_owned(),
            width: 600.0,
            height: 500.0,
            places,
            districts: vec![DistrictLabel {
                name: "Mittelsachsen".to_owned(),
                anchor: project(13.2, 50.95),
            }],
            legend: Legend {
                on: "Präventionsrat".to_owned(),
                off: "kein Präventionsrat".to_owned(),
                secondary: Some("Treffen".to_owned()),
                size: Some("Fläche nach Einwohnerzahl".to_owned()),
            },
        }
    }

    fn saxony() -> Vec<MapPlace> {
        vec![
            place("14511000", "Chemnitz", 12.92922, 50.8357, Some(247_220)),
            place("14522140", "Flöha", 13.07407, 50.85613, Some(11_143)),
            place("14612000", "Dresden", 13.73832, 51.05089, Some(556_227)),
            place("14521010", "Amtsberg", 13.1, 50.7, None),
        ]
    }

    /// Every `name="value"` of a tag, in order.
    fn attributes<'a>(svg: &'a str, tag: &str, name: &str) -> Vec<&'a str> {
        let needle = format!("{name}=\"");
        svg.split(&format!("<{tag} "))
            .skip(1)
            .filter_map(|rest| {
                let tag_end = rest.find('>')?;
                let start = rest[..tag_end].find(&needle)? + needle.len();
                let end = start + rest[start..].find('"')?;
                Some(&rest[start..end])
            })
            .collect()
    }

    #[test]
    fn hostile_names_are_escaped() {
        let mut places = saxony();
        places[1].name = r#"<script>alert("x")</script> & 'Co'"#.to_owned();
        let mut map = input(places);
        map.title = "A & B <b>".to_owned();
        map.districts[0].name = "\"><script>".to_owned();
        map.id = "k\"a".to_owned();
        let svg = draw(&map);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("alert(\""));
        assert!(
            svg.contains("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;Co&#39;")
        );
        assert!(svg.contains("<title id=\"k&#34;a-title\">A &#38; B &#60;b&#62;</title>"));
    }

    #[test]
    fn the_root_is_labelled_and_places_link_to_their_page() {
        let svg = draw(&input(saxony()));
        assert!(svg.starts_with(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 600.0 500.0""#
        ));
        assert!(svg.contains(r#"aria-labelledby="karte-title karte-desc""#));
        assert!(!svg.contains("role="));
        assert!(svg.contains(
            r#"<a href="/kommunen/14522140" class="place off"><title>Flöha: kein Präventionsrat</title>"#
        ));
        assert_eq!(attributes(&svg, "a", "href").len(), 4);
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn markers_lie_inside_the_view_box() {
        let svg = draw(&input(saxony()));
        let cx = attributes(&svg, "circle", "cx");
        let cy = attributes(&svg, "circle", "cy");
        let r = attributes(&svg, "circle", "r");
        assert!(!cx.is_empty());
        for ((x, y), r) in cx.iter().zip(&cy).zip(&r) {
            let (x, y, r): (f64, f64, f64) =
                (x.parse().unwrap(), y.parse().unwrap(), r.parse().unwrap());
            assert!(x - r >= 0.0 && x + r <= 600.0, "x {x} r {r}");
            assert!(y - r >= 0.0 && y + r <= 500.0, "y {y} r {r}");
        }
    }

    #[test]
    fn marker_area_is_proportional_to_population() {
        let max = max_radius(600.0, 500.0);
        let dresden = radius(Some(556_227), 556_227, max);
        let chemnitz = radius(Some(247_220), 556_227, max);
        assert!(((chemnitz / dresden).powi(2) - 247_220.0 / 556_227.0).abs() < 1e-9);
        assert_eq!(radius(None, 556_227, max), MIN_RADIUS);
        assert_eq!(radius(Some(10), 556_227, max), MIN_RADIUS);
        // In the drawing: the largest first, the places without population smallest.
        let svg = draw(&input(saxony()));
        let radii: Vec<f64> = attributes(&svg, "circle", "r")
            .iter()
            .zip(attributes(&svg, "circle", "class"))
            .filter(|(_, class)| class.starts_with("marker"))
            .map(|(r, _)| r.parse().unwrap())
            .collect();
        assert_eq!(radii.len(), 4);
        assert!(radii.windows(2).all(|w| w[0] >= w[1]), "{radii:?}");
        assert!((radii[0] - max).abs() < 0.05);
        assert!((radii[3] - MIN_RADIUS).abs() < 0.05);
    }

    #[test]
    fn the_layer_is_told_by_shape_as_well_as_colour_and_the_legend_repeats_it() {
        let mut places = saxony();
        places[0].on = true;
        places[0].secondary = Some(4);
        let svg = draw(&input(places));
        // Places that are on carry a white centre dot; the legend shows both kinds.
        assert_eq!(svg.matches(r#"class="dot""#).count(), 2);
        assert!(svg.contains(r#"<g class="legend""#));
        assert!(svg.contains(">Präventionsrat</text>"));
        assert!(svg.contains(">kein Präventionsrat</text>"));
        assert!(svg.contains(">Fläche nach Einwohnerzahl</text>"));
        assert!(svg.contains("<title>Chemnitz: Präventionsrat; Treffen: 4</title>"));
        assert!(svg.contains(r#"class="count""#));
        assert!(svg.contains(r#"class="district-label""#));
        assert!(svg.contains(">Mittelsachsen</text>"));
    }

    #[test]
    fn areas_are_drawn_when_boundaries_are_given() {
        let mut places = saxony();
        let ring: Vec<Projected> = [
            (13.0, 50.8),
            (13.1, 50.8),
            (13.1, 50.9),
            (13.0, 50.9),
            (13.0, 50.8),
        ]
        .iter()
        .map(|(lon, lat)| project(*lon, *lat))
        .collect();
        places[1].shape = PlaceShape::Area(Arc::new(vec![ring]));
        places[1].on = true;
        let svg = draw(&input(places));
        let paths = attributes(&svg, "path", "d");
        assert_eq!(paths.len(), 1);
        assert!(paths[0].starts_with('M') && paths[0].ends_with('Z'));
        assert!(svg.contains(r#"fill="url(#karte-hatch)""#));
        assert!(svg.contains(r#"fill-rule="evenodd""#));
        // Flöha is an area now, not a marker.
        assert_eq!(
            attributes(&svg, "circle", "class")
                .iter()
                .filter(|c| c.starts_with("marker"))
                .count(),
            3
        );
    }

    #[test]
    fn the_output_is_deterministic() {
        let mut shuffled = saxony();
        shuffled.reverse();
        assert_eq!(draw(&input(saxony())), draw(&input(shuffled)));
        let empty = draw(&input(Vec::new()));
        assert!(empty.contains("<g class=\"places\"></g>"));
    }
}

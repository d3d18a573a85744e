//! Geometry for the map: projecting longitude and latitude to ETRS89 / UTM zone 33N, the
//! official projected reference system of Saxony (EPSG:25833), bounding boxes, fitting projected
//! metres into an SVG viewport, simplifying rings, and municipality boundaries.
//!
//! ETRS89 and WGS 84 differ by well under a metre in Europe, far below what a map of
//! municipalities shows, so both are treated as the same here.

use std::fmt;

use serde::Serialize;

use crate::error::{Field, Rule, ValidationError};

/// GRS 80 semi-major axis in metres.
const A: f64 = 6_378_137.0;
/// GRS 80 flattening.
const F: f64 = 1.0 / 298.257_222_101;
/// Scale on the central meridian (UTM).
const K0: f64 = 0.9996;
/// False easting (UTM).
const FALSE_EASTING: f64 = 500_000.0;
/// Central meridian of UTM zone 33 in degrees.
const CENTRAL_MERIDIAN: f64 = 15.0;

/// A point in ETRS89 / UTM zone 33N (EPSG:25833): easting and northing in metres.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Projected {
    /// Easting in metres (x).
    pub easting: f64,
    /// Northing in metres (y).
    pub northing: f64,
}

/// Projects longitude and latitude in degrees (ETRS89, treated as WGS 84) to UTM zone 33N.
///
/// Transverse Mercator by Krüger's series in the third flattening to sixth order, as given by
/// C. F. F. Karney, "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85
/// (2011), eqs. (7)–(11) and (35); accurate to well under a millimetre within the zone and still
/// to millimetres several zones away, which covers Germany.
pub fn project(lon: f64, lat: f64) -> Projected {
    let n = F / (2.0 - F);
    let n2 = n * n;
    let n3 = n2 * n;
    let n4 = n3 * n;
    let n5 = n4 * n;
    let n6 = n5 * n;
    // Rectifying radius.
    let radius = A / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0 + n6 / 256.0);
    let alpha = [
        n / 2.0 - 2.0 / 3.0 * n2 + 5.0 / 16.0 * n3 + 41.0 / 180.0 * n4 - 127.0 / 288.0 * n5
            + 7891.0 / 37800.0 * n6,
        13.0 / 48.0 * n2 - 3.0 / 5.0 * n3 + 557.0 / 1440.0 * n4 + 281.0 / 630.0 * n5
            - 1_983_433.0 / 1_935_360.0 * n6,
        61.0 / 240.0 * n3 - 103.0 / 140.0 * n4
            + 15061.0 / 26880.0 * n5
            + 167_603.0 / 181_440.0 * n6,
        49561.0 / 161_280.0 * n4 - 179.0 / 168.0 * n5 + 6_601_661.0 / 7_257_600.0 * n6,
        34729.0 / 80640.0 * n5 - 3_418_889.0 / 1_995_840.0 * n6,
        212_378_941.0 / 319_334_400.0 * n6,
    ];
    // First eccentricity, from n.
    let e = 2.0 * n.sqrt() / (1.0 + n);

    let phi = lat.to_radians();
    let lambda = (lon - CENTRAL_MERIDIAN).to_radians();
    // Conformal latitude, as its tangent.
    let t = (phi.sin().atanh() - e * (e * phi.sin()).atanh()).sinh();
    let xi_prime = t.atan2(lambda.cos());
    let eta_prime = (lambda.sin() / t.hypot(1.0)).atanh();
    let mut xi = xi_prime;
    let mut eta = eta_prime;
    for (j, a) in alpha.iter().enumerate() {
        let k = 2.0 * (j as f64 + 1.0);
        xi += a * (k * xi_prime).sin() * (k * eta_prime).cosh();
        eta += a * (k * xi_prime).cos() * (k * eta_prime).sinh();
    }
    Projected {
        easting: FALSE_EASTING + K0 * radius * eta,
        northing: K0 * radius * xi,
    }
}

/// An axis-aligned rectangle in projected metres.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BoundingBox {
    /// Smallest easting.
    pub min_x: f64,
    /// Smallest northing.
    pub min_y: f64,
    /// Largest easting.
    pub max_x: f64,
    /// Largest northing.
    pub max_y: f64,
}

impl BoundingBox {
    /// The box of one point.
    pub fn of(point: Projected) -> BoundingBox {
        BoundingBox {
            min_x: point.easting,
            min_y: point.northing,
            max_x: point.easting,
            max_y: point.northing,
        }
    }

    /// The smallest box holding all `points`; `None` if there are none.
    pub fn around(points: impl IntoIterator<Item = Projected>) -> Option<BoundingBox> {
        let mut points = points.into_iter();
        let first = BoundingBox::of(points.next()?);
        Some(points.fold(first, |mut bbox, point| {
            bbox.extend(point);
            bbox
        }))
    }

    /// Grows the box to hold `point`.
    pub fn extend(&mut self, point: Projected) {
        self.min_x = self.min_x.min(point.easting);
        self.min_y = self.min_y.min(point.northing);
        self.max_x = self.max_x.max(point.easting);
        self.max_y = self.max_y.max(point.northing);
    }

    /// Width in metres.
    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    /// Height in metres.
    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    /// Whether `point` lies in the box (edges included).
    pub fn contains(&self, point: Projected) -> bool {
        (self.min_x..=self.max_x).contains(&point.easting)
            && (self.min_y..=self.max_y).contains(&point.northing)
    }
}

/// Places projected metres into an SVG viewport of `width` × `height` user units: north up
/// (SVG's y axis points down, so northings are flipped), the same scale on both axes, the box
/// centred, and at least `margin` units free on every side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    scale: f64,
    offset_x: f64,
    offset_y: f64,
    max_y: f64,
    min_x: f64,
}

impl Fit {
    /// The transform that fits `bbox` into the viewport. A box without extent (one point) is
    /// centred at scale 1; a box without width or height is scaled by its other side.
    pub fn new(bbox: BoundingBox, width: f64, height: f64, margin: f64) -> Fit {
        let inner_w = (width - 2.0 * margin).max(0.0);
        let inner_h = (height - 2.0 * margin).max(0.0);
        let scale_x = (bbox.width() > 0.0).then(|| inner_w / bbox.width());
        let scale_y = (bbox.height() > 0.0).then(|| inner_h / bbox.height());
        let scale = match (scale_x, scale_y) {
            (Some(x), Some(y)) => x.min(y),
            (Some(s), None) | (None, Some(s)) => s,
            (None, None) => 1.0,
        };
        Fit {
            scale,
            offset_x: (width - bbox.width() * scale) / 2.0,
            offset_y: (height - bbox.height() * scale) / 2.0,
            max_y: bbox.max_y,
            min_x: bbox.min_x,
        }
    }

    /// Viewport units per metre.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The point in viewport units `(x, y)`, y pointing down.
    pub fn apply(&self, point: Projected) -> (f64, f64) {
        (
            self.offset_x + (point.easting - self.min_x) * self.scale,
            self.offset_y + (self.max_y - point.northing) * self.scale,
        )
    }
}

/// The indices of the points Douglas–Peucker keeps of `points` at `tolerance` (same unit as the
/// points): always the first and the last. Iterative, so long lines cannot overflow the stack.
fn douglas_peucker(points: &[Projected], tolerance: f64) -> Vec<usize> {
    if points.len() < 3 {
        return (0..points.len()).collect();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0, points.len() - 1)];
    while let Some((first, last)) = stack.pop() {
        let mut farthest = (0.0, first);
        for (i, point) in points.iter().enumerate().take(last).skip(first + 1) {
            let distance = segment_distance(*point, points[first], points[last]);
            if distance > farthest.0 {
                farthest = (distance, i);
            }
        }
        if farthest.0 > tolerance {
            keep[farthest.1] = true;
            stack.push((first, farthest.1));
            stack.push((farthest.1, last));
        }
    }
    keep.iter()
        .enumerate()
        .filter_map(|(i, kept)| kept.then_some(i))
        .collect()
}

/// Distance from `p` to the segment `a`–`b` (to `a` itself if the segment has no length, as for
/// the first and last point of a closed ring).
fn segment_distance(p: Projected, a: Projected, b: Projected) -> f64 {
    let (dx, dy) = (b.easting - a.easting, b.northing - a.northing);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p.easting - a.easting) * dx + (p.northing - a.northing) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.easting - (a.easting + t * dx)).hypot(p.northing - (a.northing + t * dy))
}

/// Twice the signed area of a projected ring (shoelace formula).
fn doubled_area(ring: &[Projected]) -> f64 {
    ring.windows(2)
        .map(|w| w[0].easting * w[1].northing - w[1].easting * w[0].northing)
        .sum()
}

/// A point of a boundary: longitude and latitude in degrees, in GeoJSON's order.
pub type LonLat = [f64; 2];

/// Simplifies a closed ring of `[lon, lat]` points with Douglas–Peucker on its UTM projection at
/// `tolerance` metres. The result is closed; `None` when the ring collapses (fewer than four
/// points or no area left).
pub fn simplify_ring(ring: &[LonLat], tolerance: f64) -> Option<Vec<LonLat>> {
    let projected: Vec<Projected> = ring.iter().map(|[lon, lat]| project(*lon, *lat)).collect();
    let kept = douglas_peucker(&projected, tolerance);
    if kept.len() < 4 {
        return None;
    }
    let kept_projected: Vec<Projected> = kept.iter().map(|&i| projected[i]).collect();
    if doubled_area(&kept_projected).abs() <= f64::EPSILON {
        return None;
    }
    Some(kept.iter().map(|&i| ring[i]).collect())
}

/// The boundary of a municipality: rings of `[lon, lat]` points, outer rings and holes alike
/// (drawn with the even-odd rule, holes need no marking). Every ring is closed, has at least
/// four points, and every coordinate lies in range.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Boundary {
    rings: Vec<Vec<LonLat>>,
}

impl Boundary {
    /// Checks the rings.
    pub fn new(rings: Vec<Vec<LonLat>>) -> Result<Boundary, ValidationError> {
        let at = |rule: Rule| rule.at(Field::Boundary);
        if rings.is_empty() {
            return Err(at(Rule::Required));
        }
        for (index, ring) in rings.iter().enumerate() {
            if ring.len() < 4 {
                return Err(at(Rule::RingTooShort {
                    ring: index,
                    points: ring.len(),
                }));
            }
            for [lon, lat] in ring {
                let bad = |value: f64, limit: f64| !(value.is_finite() && value.abs() <= limit);
                if bad(*lon, 180.0) || bad(*lat, 90.0) {
                    return Err(at(Rule::OutOfRange {
                        min: "[-180, -90]".to_owned(),
                        max: "[180, 90]".to_owned(),
                        found: format!("[{lon}, {lat}]"),
                    }));
                }
            }
            if ring.first() != ring.last() {
                return Err(at(Rule::RingNotClosed { ring: index }));
            }
        }
        Ok(Boundary { rings })
    }

    /// Simplifies every ring ([`simplify_ring`]) at `tolerance` metres, dropping rings that
    /// collapse. If all would collapse (a very small municipality), the rings stay as they are.
    #[must_use]
    pub fn simplified(&self, tolerance: f64) -> Boundary {
        let rings: Vec<Vec<LonLat>> = self
            .rings
            .iter()
            .filter_map(|ring| simplify_ring(ring, tolerance))
            .collect();
        if rings.is_empty() {
            self.clone()
        } else {
            Boundary { rings }
        }
    }

    /// Adds the rings of `other` (a municipality described by several features).
    pub fn merge(&mut self, other: Boundary) {
        self.rings.extend(other.rings);
    }

    /// The rings.
    pub fn rings(&self) -> &[Vec<LonLat>] {
        &self.rings
    }

    /// Number of points of all rings.
    pub fn point_count(&self) -> usize {
        self.rings.iter().map(Vec::len).sum()
    }

    /// The rings projected to UTM zone 33N.
    pub fn projected(&self) -> Vec<Vec<Projected>> {
        self.rings
            .iter()
            .map(|ring| ring.iter().map(|[lon, lat]| project(*lon, *lat)).collect())
            .collect()
    }

    /// The rings as JSON, `[[[lon, lat], …], …]`, as stored (numbers in their shortest form
    /// that reads back to the same value).
    pub fn to_json(&self) -> String {
        let rings: Vec<String> = self
            .rings
            .iter()
            .map(|ring| {
                let points: Vec<String> = ring
                    .iter()
                    .map(|[lon, lat]| format!("[{lon},{lat}]"))
                    .collect();
                format!("[{}]", points.join(","))
            })
            .collect();
        format!("[{}]", rings.join(","))
    }

    /// Reads rings stored by [`Boundary::to_json`], checking them again.
    pub fn from_json(json: &str) -> Result<Boundary, BoundaryJsonError> {
        let rings: Vec<Vec<LonLat>> =
            serde_json::from_str(json).map_err(|e| BoundaryJsonError(e.to_string()))?;
        Boundary::new(rings).map_err(|e| BoundaryJsonError(e.to_string()))
    }
}

/// Stored rings that are not what [`Boundary::to_json`] writes.
#[derive(Clone, Debug, PartialEq)]
pub struct BoundaryJsonError(String);

impl fmt::Display for BoundaryJsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BoundaryJsonError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// (latitude, longitude, easting, northing), computed with pyproj 3.7.2 (PROJ 9.5.1):
    /// `Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True)`.
    const REFERENCE: [(f64, f64, f64, f64); 7] = [
        (51.0504, 13.7373, 411_494.368, 5_656_188.094), // Dresden
        (50.8278, 12.9214, 353_612.710, 5_632_734.852), // Chemnitz
        (51.1528, 14.9872, 499_104.782, 5_666_817.127), // Görlitz
        (50.495, 12.1383, 297_039.798, 5_597_581.626),  // Plauen
        (51.3397, 12.3731, 317_034.750, 5_690_878.117), // Leipzig
        (52.0, 15.0, 500_000.000, 5_761_038.212),       // on the central meridian
        (48.0, 9.0, 52_512.810, 5_333_742.748),         // one zone to the west
    ];

    #[test]
    fn projection_matches_proj_to_a_millimetre() {
        for (lat, lon, easting, northing) in REFERENCE {
            let p = project(lon, lat);
            assert!(
                (p.easting - easting).abs() < 0.001 && (p.northing - northing).abs() < 0.001,
                "({lat}, {lon}) → {p:?}, expected ({easting}, {northing})"
            );
        }
    }

    #[test]
    fn the_equator_on_the_central_meridian_is_the_false_origin() {
        let p = project(15.0, 0.0);
        assert!((p.easting - 500_000.0).abs() < 1e-6);
        assert!(p.northing.abs() < 1e-6);
    }

    #[test]
    fn fitting_keeps_north_up_the_aspect_and_the_margin() {
        // 200 km wide, 100 km high, into 500 × 500 with margin 50.
        let bbox = BoundingBox::around([
            Projected {
                easting: 300_000.0,
                northing: 5_600_000.0,
            },
            Projected {
                easting: 500_000.0,
                northing: 5_700_000.0,
            },
        ])
        .unwrap();
        let fit = Fit::new(bbox, 500.0, 500.0, 50.0);
        assert!((fit.scale() - 400.0 / 200_000.0).abs() < 1e-12);
        let (x0, y0) = fit.apply(Projected {
            easting: 300_000.0,
            northing: 5_700_000.0,
        });
        let (x1, y1) = fit.apply(Projected {
            easting: 500_000.0,
            northing: 5_600_000.0,
        });
        // North-west corner top left, south-east corner bottom right, centred vertically.
        assert!((x0 - 50.0).abs() < 1e-9 && (x1 - 450.0).abs() < 1e-9);
        assert!((y0 - 150.0).abs() < 1e-9 && (y1 - 350.0).abs() < 1e-9);
    }

    #[test]
    fn a_single_point_is_centred() {
        let point = Projected {
            easting: 1.0,
            northing: 2.0,
        };
        let fit = Fit::new(BoundingBox::of(point), 100.0, 60.0, 10.0);
        assert_eq!(fit.apply(point), (50.0, 30.0));
        assert!(BoundingBox::around(std::iter::empty()).is_none());
    }

    fn square(lon: f64, lat: f64, size: f64) -> Vec<LonLat> {
        vec![
            [lon, lat],
            [lon + size, lat],
            [lon + size, lat + size],
            [lon, lat + size],
            [lon, lat],
        ]
    }

    #[test]
    fn simplification_drops_points_within_tolerance_and_keeps_the_ring_closed() {
        // A square of about 7 × 11 km with a 10 m bump in the middle of its southern edge.
        let mut ring = square(13.0, 50.8, 0.1);
        ring.insert(1, [13.05, 50.800_09]);
        ring.insert(1, [13.04, 50.8]);
        let simplified = simplify_ring(&ring, 50.0).unwrap();
        assert_eq!(simplified, square(13.0, 50.8, 0.1));
        // At 1 m the bump stays.
        assert!(
            simplify_ring(&ring, 1.0)
                .unwrap()
                .contains(&[13.05, 50.800_09])
        );
    }

    #[test]
    fn rings_smaller_than_the_tolerance_collapse() {
        // About 7 × 11 m.
        assert_eq!(simplify_ring(&square(13.0, 50.8, 0.0001), 50.0), None);
        let boundary =
            Boundary::new(vec![square(13.0, 50.8, 0.1), square(13.5, 50.8, 0.0001)]).unwrap();
        assert_eq!(boundary.simplified(50.0).rings().len(), 1);
        // A municipality that would vanish altogether keeps its rings.
        let tiny = Boundary::new(vec![square(13.5, 50.8, 0.0001)]).unwrap();
        assert_eq!(tiny.simplified(50.0), tiny);
    }

    #[test]
    fn boundaries_need_closed_rings_of_four_points_in_range() {
        let rule = |rings| Boundary::new(rings).unwrap_err().rule;
        assert_eq!(rule(vec![]), Rule::Required);
        let mut open = square(13.0, 50.8, 0.1);
        open.pop();
        assert_eq!(
            rule(vec![square(13.0, 50.8, 0.1), open]),
            Rule::RingNotClosed { ring: 1 }
        );
        assert_eq!(
            rule(vec![vec![[13.0, 50.0], [13.1, 50.0], [13.0, 50.0]]]),
            Rule::RingTooShort { ring: 0, points: 3 }
        );
        assert!(matches!(
            rule(vec![square(179.95, 50.0, 0.1)]),
            Rule::OutOfRange { .. }
        ));
        assert!(matches!(
            rule(vec![square(f64::NAN, 50.0, 0.1)]),
            Rule::OutOfRange { .. }
        ));
    }

    #[test]
    fn boundaries_round_trip_through_json() {
        let boundary =
            Boundary::new(vec![square(13.0, 50.8, 0.1), square(-0.5, -1.25, 0.25)]).unwrap();
        let json = boundary.to_json();
        assert!(json.starts_with("[[[13,50.8],[13.1,50.8],"), "{json}");
        assert_eq!(Boundary::from_json(&json).unwrap(), boundary);
        assert!(Boundary::from_json("[[[13,50.8]]]").is_err());
        assert!(Boundary::from_json("nonsense").is_err());
    }
}

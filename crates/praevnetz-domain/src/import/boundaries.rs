//! Municipality boundaries from a GeoJSON `FeatureCollection`, such as the BKG's VG250 data set.
//!
//! Each feature names its municipality by the property `AGS` (eight digits) or `ARS` (twelve
//! digits: the AGS is its first five and last three) and carries a `Polygon` or `MultiPolygon` in
//! WGS 84 longitude and latitude. Rings are simplified ([`SIMPLIFY_TOLERANCE_METRES`]) before
//! they are stored. Several features of one municipality (exclaves delivered separately) are
//! merged. Errors name the place in the file as a JSON path (`features[3].geometry`).

use std::collections::HashMap;

use serde_json::Value;

use super::error::{ImportError, ImportErrors, ImportProblem, JsonKind};
use crate::error::{Field, Rule};
use crate::geo::{Boundary, LonLat};
use crate::territory::Ags;

/// Douglas–Peucker tolerance for boundary rings, in metres: invisible on a map of a district or
/// of Saxony, and it shrinks the VG250 boundaries to a fraction of their points.
pub const SIMPLIFY_TOLERANCE_METRES: f64 = 50.0;

/// Names of WGS 84 longitude/latitude in the legacy `crs` member (GeoJSON 2008) that we accept.
const ACCEPTED_CRS: [&str; 4] = [
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
];

/// One municipality's boundary read from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct BoundaryFeature {
    /// Where it came from (`features[3]`; the first feature, if several were merged).
    pub path: String,
    /// The municipality.
    pub ags: Ags,
    /// The simplified boundary.
    pub boundary: Boundary,
}

/// The boundaries of one file, one per municipality, in the order of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct BoundaryFile {
    /// File name for messages.
    pub file: String,
    /// The boundaries.
    pub features: Vec<BoundaryFeature>,
}

impl BoundaryFile {
    /// Reads a GeoJSON `FeatureCollection`; every problem of the file is reported.
    pub fn read(file: &str, bytes: &[u8]) -> Result<BoundaryFile, ImportErrors> {
        let root: Value = serde_json::from_slice(bytes).map_err(|e| {
            let detail = e.to_string();
            // serde_json appends " at line L column C", which the message tells on its own.
            let detail = detail
                .rsplit_once(" at line ")
                .map_or(detail.as_str(), |(message, _)| message)
                .to_owned();
            let line = u64::try_from(e.line()).unwrap_or_default();
            let column = u64::try_from(e.column()).unwrap_or_default();
            ImportErrors::one(ImportError::new(
                file,
                Some(line),
                None,
                ImportProblem::InvalidJson { column, detail },
            ))
        })?;
        let reader = Reader { file };
        let root = Node {
            value: &root,
            path: "$".to_owned(),
        };
        let features = reader.collection(&root).map_err(ImportErrors::one)?;
        if features.is_empty() {
            return Err(ImportErrors::one(ImportError::json(
                file,
                "features",
                ImportProblem::NoFeatures,
            )));
        }
        let mut errors = ImportErrors::new();
        let mut read: Vec<BoundaryFeature> = Vec::new();
        let mut seen: HashMap<Ags, usize> = HashMap::new();
        for feature in &features {
            match reader.feature(feature) {
                Ok(next) => {
                    if let Some(&index) = seen.get(&next.ags) {
                        read[index].boundary.merge(next.boundary);
                    } else {
                        seen.insert(next.ags.clone(), read.len());
                        read.push(next);
                    }
                }
                Err(error) => errors.push(error),
            }
        }
        errors.into_result(BoundaryFile {
            file: file.to_owned(),
            features: read,
        })
    }
}

/// A JSON value and where it is in the file.
struct Node<'a> {
    value: &'a Value,
    path: String,
}

impl Node<'_> {
    fn member_path(&self, name: &str) -> String {
        if self.path == "$" {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        }
    }
}

struct Reader<'f> {
    file: &'f str,
}

impl Reader<'_> {
    fn error(&self, path: &str, problem: ImportProblem) -> ImportError {
        ImportError::json(self.file, path, problem)
    }

    fn expect(&self, node: &Node<'_>, expected: JsonKind) -> ImportError {
        self.error(&node.path, ImportProblem::JsonKind { expected })
    }

    fn object<'a>(
        &self,
        node: &Node<'a>,
    ) -> Result<&'a serde_json::Map<String, Value>, ImportError> {
        node.value
            .as_object()
            .ok_or_else(|| self.expect(node, JsonKind::Object))
    }

    fn optional<'a>(&self, node: &Node<'a>, name: &str) -> Result<Option<Node<'a>>, ImportError> {
        Ok(self
            .object(node)?
            .get(name)
            .filter(|value| !value.is_null())
            .map(|value| Node {
                value,
                path: node.member_path(name),
            }))
    }

    fn member<'a>(&self, node: &Node<'a>, name: &str) -> Result<Node<'a>, ImportError> {
        self.optional(node, name)?.ok_or_else(|| {
            self.error(
                &node.path,
                ImportProblem::MissingMember {
                    member: name.to_owned(),
                },
            )
        })
    }

    fn string<'a>(&self, node: &Node<'a>) -> Result<&'a str, ImportError> {
        node.value
            .as_str()
            .ok_or_else(|| self.expect(node, JsonKind::String))
    }

    fn array<'a>(&self, node: &Node<'a>) -> Result<Vec<Node<'a>>, ImportError> {
        let items = node
            .value
            .as_array()
            .ok_or_else(|| self.expect(node, JsonKind::Array))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, value)| Node {
                value,
                path: format!("{}[{i}]", node.path),
            })
            .collect())
    }

    fn number(&self, node: &Node<'_>) -> Result<f64, ImportError> {
        node.value
            .as_f64()
            .ok_or_else(|| self.expect(node, JsonKind::Number))
    }

    /// The features of the collection, after checking its type and coordinate system.
    fn collection<'a>(&self, root: &Node<'a>) -> Result<Vec<Node<'a>>, ImportError> {
        let kind = self.member(root, "type")?;
        let kind_name = self.string(&kind)?;
        if kind_name != "FeatureCollection" {
            return Err(self.error(
                &kind.path,
                ImportProblem::NotFeatureCollection {
                    found: kind_name.to_owned(),
                },
            ));
        }
        if let Some(crs) = self.optional(root, "crs")? {
            let properties = self.member(&crs, "properties")?;
            let name = self.member(&properties, "name")?;
            let name_text = self.string(&name)?;
            if !ACCEPTED_CRS.contains(&name_text) {
                return Err(self.error(
                    &name.path,
                    ImportProblem::UnsupportedCrs {
                        name: name_text.to_owned(),
                    },
                ));
            }
        }
        self.array(&self.member(root, "features")?)
    }

    fn feature(&self, feature: &Node<'_>) -> Result<BoundaryFeature, ImportError> {
        let properties = self.member(feature, "properties")?;
        let ags = self.ags(&properties)?;
        let geometry = self.member(feature, "geometry")?;
        let kind = self.member(&geometry, "type")?;
        let coordinates = self.member(&geometry, "coordinates")?;
        let rings = match self.string(&kind)? {
            "Polygon" => self.polygon(&coordinates)?,
            "MultiPolygon" => {
                let mut rings = Vec::new();
                for polygon in self.array(&coordinates)? {
                    rings.extend(self.polygon(&polygon)?);
                }
                rings
            }
            other => {
                return Err(self.error(
                    &kind.path,
                    ImportProblem::UnsupportedGeometry {
                        found: other.to_owned(),
                    },
                ));
            }
        };
        let boundary = Boundary::new(rings)
            .map_err(|e| self.error(&coordinates.path, ImportProblem::Invalid(e)))?;
        Ok(BoundaryFeature {
            path: feature.path.clone(),
            ags,
            boundary: boundary.simplified(SIMPLIFY_TOLERANCE_METRES),
        })
    }

    /// The AGS from `AGS`, or else from `ARS` (first five and last three of twelve digits).
    fn ags(&self, properties: &Node<'_>) -> Result<Ags, ImportError> {
        let invalid = |node: &Node<'_>, rule: Rule| {
            self.error(&node.path, ImportProblem::Invalid(rule.at(Field::Ags)))
        };
        if let Some(node) = self.optional(properties, "AGS")? {
            return Ags::parse(self.string(&node)?).map_err(|rule| invalid(&node, rule));
        }
        if let Some(node) = self.optional(properties, "ARS")? {
            let ars = self.string(&node)?.trim();
            if ars.len() != 12 || !ars.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(
                    &node,
                    Rule::Digits {
                        len: 12,
                        found: ars.to_owned(),
                    },
                ));
            }
            return Ags::parse(&format!("{}{}", &ars[..5], &ars[9..]))
                .map_err(|rule| invalid(&node, rule));
        }
        Err(self.error(&properties.path, ImportProblem::MissingAgs))
    }

    /// The rings of one polygon: arrays of positions `[lon, lat]` (a third value, the height,
    /// is ignored).
    fn polygon(&self, polygon: &Node<'_>) -> Result<Vec<Vec<LonLat>>, ImportError> {
        self.array(polygon)?
            .iter()
            .map(|ring| {
                self.array(ring)?
                    .iter()
                    .map(|position| {
                        let values = self.array(position)?;
                        match values.as_slice() {
                            [lon, lat, ..] => Ok([self.number(lon)?, self.number(lat)?]),
                            _ => Err(self.error(
                                &position.path,
                                ImportProblem::MissingMember {
                                    member: "[1]".to_owned(),
                                },
                            )),
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Localize};

    fn square(lon: f64, lat: f64) -> String {
        format!(
            "[[[{lon},{lat}],[{},{lat}],[{},{}],[{lon},{}],[{lon},{lat}]]]",
            lon + 0.1,
            lon + 0.1,
            lat + 0.1,
            lat + 0.1
        )
    }

    fn feature(properties: &str, kind: &str, coordinates: &str) -> String {
        format!(
            r#"{{"type":"Feature","properties":{properties},"geometry":{{"type":"{kind}","coordinates":{coordinates}}}}}"#
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    fn errors(json: &str) -> Vec<String> {
        BoundaryFile::read("b.geojson", json.as_bytes())
            .unwrap_err()
            .errors()
            .iter()
            .map(|e| e.localize(Lang::En))
            .collect()
    }

    #[test]
    fn polygons_and_multipolygons_by_ags_or_ars() {
        let json = collection(&[
            feature(r#"{"AGS":"14522140"}"#, "Polygon", &square(13.0, 50.8)),
            feature(
                r#"{"ARS":"145210010010","GEN":"Amtsberg"}"#,
                "MultiPolygon",
                &format!("[{},{}]", square(13.1, 50.7), square(13.3, 50.7)),
            ),
            // A second part of Flöha, merged.
            feature(r#"{"AGS":"14522140"}"#, "Polygon", &square(13.5, 50.8)),
        ]);
        let file = BoundaryFile::read("b.geojson", json.as_bytes()).unwrap();
        let summary: Vec<(&str, &str, usize)> = file
            .features
            .iter()
            .map(|f| (f.path.as_str(), f.ags.as_str(), f.boundary.rings().len()))
            .collect();
        assert_eq!(
            summary,
            [
                ("features[0]", "14522140", 2),
                ("features[1]", "14521010", 2)
            ]
        );
    }

    #[test]
    fn errors_name_the_place_and_every_feature_is_checked() {
        let json = collection(&[
            feature(r#"{"GEN":"Nirgendwo"}"#, "Polygon", &square(13.0, 50.8)),
            feature(r#"{"AGS":"14522140"}"#, "Point", "[13.0, 50.8]"),
            feature(r#"{"AGS":"1452214"}"#, "Polygon", &square(13.0, 50.8)),
            feature(
                r#"{"AGS":"14522140"}"#,
                "Polygon",
                r#"[[[13.0,50.8],[13.1,"50.8"]]]"#,
            ),
            feature(
                r#"{"AGS":"14522140"}"#,
                "Polygon",
                "[[[13.0,50.8],[13.1,50.8],[13.1,50.9],[13.0,50.9]]]",
            ),
        ]);
        assert_eq!(
            errors(&json),
            [
                r#"b.geojson, features[0].properties: the feature names no municipality: give the property "AGS" (8 digits) or "ARS" (12 digits)"#,
                r#"b.geojson, features[1].geometry.type: the geometry is a "Point"; a boundary must be a Polygon or MultiPolygon"#,
                r#"b.geojson, features[2].properties.AGS: official municipality key (AGS): must be exactly 8 digits, found "1452214""#,
                "b.geojson, features[3].geometry.coordinates[0][1][1]: expected a number",
                "b.geojson, features[4].geometry.coordinates: boundary: ring 0 does not end where it begins; repeat the first point at the end",
            ]
        );
    }

    #[test]
    fn broken_json_is_reported_with_its_line_and_column() {
        assert_eq!(
            errors("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [,]\n}"),
            ["b.geojson, line 3: the file is not valid JSON (column 16: expected value)"]
        );
    }

    #[test]
    fn other_coordinate_systems_and_files_are_refused() {
        let crs = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25833"}},"features":[]}"#;
        assert_eq!(
            errors(crs),
            [
                r#"b.geojson, crs.properties.name: the coordinate reference system "urn:ogc:def:crs:EPSG::25833" is not supported; give longitude and latitude in WGS 84 (CRS84 or EPSG:4326), for example with ogr2ogr -t_srs EPSG:4326"#
            ]
        );
        assert_eq!(
            errors(r#"{"type":"Feature"}"#),
            [r#"b.geojson, type: the file is a GeoJSON "Feature"; expected a FeatureCollection"#]
        );
        assert_eq!(
            errors(r#"{"type":"FeatureCollection","features":[]}"#),
            ["b.geojson, features: the FeatureCollection holds no features"]
        );
        assert_eq!(errors("[1]"), ["b.geojson, $: expected an object"]);
        let accepted = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}"#;
        assert_eq!(
            errors(accepted),
            ["b.geojson, features: the FeatureCollection holds no features"]
        );
    }
}

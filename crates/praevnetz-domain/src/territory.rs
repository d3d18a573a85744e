//! Territory: state → district (Kreis) → municipality (Gemeinde), and network regions that group
//! districts.
//!
//! Keys follow the Amtlicher Gemeindeschlüssel (AGS): digits 1–2 the state, 1–5 the district,
//! 1–8 the municipality (`14522140` is Flöha in district `14522` Mittelsachsen in state `14`
//! Sachsen).

use std::fmt;

use serde::Serialize;

use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
use crate::ids::{DistrictId, MunicipalityId, RegionId};
use crate::text::{Name, Slug, Text};

fn digits(input: &str, len: usize) -> Result<String, Rule> {
    let value = input.trim();
    if value.len() == len && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err(Rule::Digits {
            len,
            found: value.to_owned(),
        })
    }
}

/// The German states (Länder) by their two-digit key, as seeded into the database.
pub const STATES: [(&str, &str); 16] = [
    ("01", "Schleswig-Holstein"),
    ("02", "Hamburg"),
    ("03", "Niedersachsen"),
    ("04", "Bremen"),
    ("05", "Nordrhein-Westfalen"),
    ("06", "Hessen"),
    ("07", "Rheinland-Pfalz"),
    ("08", "Baden-Württemberg"),
    ("09", "Bayern"),
    ("10", "Saarland"),
    ("11", "Berlin"),
    ("12", "Brandenburg"),
    ("13", "Mecklenburg-Vorpommern"),
    ("14", "Sachsen"),
    ("15", "Sachsen-Anhalt"),
    ("16", "Thüringen"),
];

/// A state key: two digits, `01`–`16`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct StateCode(String);

impl StateCode {
    /// Validates `input`.
    pub fn parse(input: &str) -> Result<StateCode, Rule> {
        let code = digits(input, 2)?;
        if STATES.iter().any(|(c, _)| *c == code) {
            Ok(StateCode(code))
        } else {
            Err(Rule::UnknownState { code })
        }
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The state's name.
    pub fn name(&self) -> &'static str {
        STATES
            .iter()
            .find(|(c, _)| *c == self.0)
            .map_or("", |(_, name)| name)
    }
}

/// A district key (Kreisschlüssel): the first five digits of the AGS.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct DistrictAgs(String);

impl DistrictAgs {
    /// Validates `input`: five digits beginning with a known state key.
    pub fn parse(input: &str) -> Result<DistrictAgs, Rule> {
        let ags = digits(input, 5)?;
        StateCode::parse(&ags[..2]).map_err(|_| Rule::UnknownState {
            code: ags[..2].to_owned(),
        })?;
        Ok(DistrictAgs(ags))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The state this district lies in.
    pub fn state(&self) -> StateCode {
        StateCode(self.0[..2].to_owned())
    }
}

impl fmt::Display for DistrictAgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A municipality key (Amtlicher Gemeindeschlüssel): eight digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Ags(String);

impl Ags {
    /// Validates `input`: eight digits beginning with a known state key. Whether the district
    /// exists is checked where districts are known (import, database).
    pub fn parse(input: &str) -> Result<Ags, Rule> {
        let ags = digits(input, 8)?;
        StateCode::parse(&ags[..2]).map_err(|_| Rule::UnknownState {
            code: ags[..2].to_owned(),
        })?;
        Ok(Ags(ags))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The district this municipality belongs to (first five digits).
    pub fn district(&self) -> DistrictAgs {
        DistrictAgs(self.0[..5].to_owned())
    }
}

impl fmt::Display for Ags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

code_enum! {
    /// The kind of a district.
    pub enum DistrictKind: "district-kind" {
        Landkreis = "landkreis",
        KreisfreieStadt = "kreisfreie_stadt",
        Kreis = "kreis",
        Stadtkreis = "stadtkreis",
        Regionalverband = "regionalverband",
    }
}

/// A point on the earth (WGS 84).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GeoPoint {
    lat: f64,
    lon: f64,
}

impl GeoPoint {
    /// Checks the ranges: latitude −90…90, longitude −180…180.
    pub fn new(lat: f64, lon: f64) -> Result<GeoPoint, ValidationError> {
        let check = |value: f64, limit: f64, field: Field| {
            if value.is_finite() && value.abs() <= limit {
                Ok(())
            } else {
                Err(Rule::OutOfRange {
                    min: (-limit).to_string(),
                    max: limit.to_string(),
                    found: value.to_string(),
                }
                .at(field))
            }
        };
        check(lat, 90.0, Field::Latitude)?;
        check(lon, 180.0, Field::Longitude)?;
        Ok(GeoPoint { lat, lon })
    }

    /// From optional coordinates, which must be given both or neither.
    pub fn from_optional(
        lat: Option<f64>,
        lon: Option<f64>,
    ) -> Result<Option<GeoPoint>, ValidationError> {
        match (lat, lon) {
            (Some(lat), Some(lon)) => GeoPoint::new(lat, lon).map(Some),
            (None, None) => Ok(None),
            (Some(_), None) => Err(Rule::BothOrNeither {
                other: Field::Longitude,
            }
            .at(Field::Latitude)),
            (None, Some(_)) => Err(Rule::BothOrNeither {
                other: Field::Latitude,
            }
            .at(Field::Longitude)),
        }
    }

    /// Latitude in degrees.
    pub fn lat(&self) -> f64 {
        self.lat
    }

    /// Longitude in degrees.
    pub fn lon(&self) -> f64 {
        self.lon
    }
}

/// The part of an official name before its designation: "Chemnitz, Stadt" → "Chemnitz".
pub fn short_name(official: &str) -> &str {
    official.split(", ").next().unwrap_or(official).trim()
}

/// What is recorded about a district.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistrictData {
    /// The district key.
    pub ags: DistrictAgs,
    /// Landkreis, kreisfreie Stadt, …
    pub kind: DistrictKind,
    /// The official name ("Chemnitz, Stadt").
    pub name: Name,
    /// The EU NUTS-3 code, if known.
    pub nuts3: Option<Name>,
    /// Area in km², if known.
    pub area_km2: Option<f64>,
    /// Population, if known.
    pub population: Option<i64>,
}

impl DistrictData {
    /// The name people use: "Landkreis Mittelsachsen", "Erzgebirgskreis", "Chemnitz".
    pub fn display_name(&self) -> String {
        let short = short_name(self.name.as_str());
        let prefix = match self.kind {
            DistrictKind::Landkreis => "Landkreis",
            DistrictKind::Kreis => "Kreis",
            _ => return short.to_owned(),
        };
        if short.to_lowercase().contains("kreis") {
            short.to_owned()
        } else {
            format!("{prefix} {short}")
        }
    }
}

/// A stored district.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct District {
    /// Its id.
    pub id: DistrictId,
    /// Its data.
    #[serde(flatten)]
    pub data: DistrictData,
}

/// What is recorded about a municipality.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MunicipalityData {
    /// The municipality key; its first five digits name the district.
    pub ags: Ags,
    /// The official name ("Flöha, Stadt").
    pub name: Name,
    /// Location of the main place, if known (40 Saxon municipalities have none in the open data).
    pub location: Option<GeoPoint>,
    /// Population of the main place, if known.
    pub seat_population: Option<i64>,
}

impl MunicipalityData {
    /// The name people use: "Flöha".
    pub fn display_name(&self) -> &str {
        short_name(self.name.as_str())
    }
}

/// A stored municipality.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Municipality {
    /// Its id.
    pub id: MunicipalityId,
    /// Its district's id.
    pub district_id: DistrictId,
    /// Its data.
    #[serde(flatten)]
    pub data: MunicipalityData,
}

/// What is recorded about a network region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionData {
    /// URL key, e.g. `chemnitz-erzgebirge-mittelsachsen`.
    pub slug: Slug,
    /// Name, e.g. "Chemnitz · Erzgebirge · Mittelsachsen".
    pub name: Name,
    /// What holds the region together (e.g. the area of a police directorate).
    pub description: Option<Text>,
    /// The districts it groups.
    pub districts: Vec<DistrictAgs>,
}

/// A stored network region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Region {
    /// Its id.
    pub id: RegionId,
    /// Its data.
    #[serde(flatten)]
    pub data: RegionData,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ags_has_eight_digits() {
        let ags = Ags::parse(" 14522140 ").unwrap();
        assert_eq!(ags.as_str(), "14522140");
        assert_eq!(ags.district().as_str(), "14522");
        for bad in ["1452214", "145221400", "1452214a", ""] {
            assert!(
                matches!(Ags::parse(bad), Err(Rule::Digits { len: 8, .. })),
                "{bad}"
            );
        }
        assert_eq!(
            Ags::parse("99522140"),
            Err(Rule::UnknownState { code: "99".into() })
        );
    }

    #[test]
    fn district_keys_have_five_digits() {
        assert_eq!(
            DistrictAgs::parse("14522").unwrap().state().name(),
            "Sachsen"
        );
        assert!(DistrictAgs::parse("1452").is_err());
        assert!(DistrictAgs::parse("00522").is_err());
    }

    #[test]
    fn coordinates_come_in_pairs_and_ranges() {
        assert!(GeoPoint::new(50.85, 13.07).is_ok());
        assert_eq!(GeoPoint::new(91.0, 0.0).unwrap_err().field, Field::Latitude);
        assert_eq!(
            GeoPoint::new(0.0, 181.0).unwrap_err().field,
            Field::Longitude
        );
        assert!(GeoPoint::new(f64::NAN, 0.0).is_err());
        assert_eq!(GeoPoint::from_optional(None, None), Ok(None));
        assert_eq!(
            GeoPoint::from_optional(Some(50.0), None).unwrap_err().rule,
            Rule::BothOrNeither {
                other: Field::Longitude
            }
        );
    }

    #[test]
    fn display_names_drop_the_designation_and_tell_the_two_leipzigs_apart() {
        let district = |kind, name: &str| DistrictData {
            ags: DistrictAgs::parse("14729").unwrap(),
            kind,
            name: Name::parse(name).unwrap(),
            nuts3: None,
            area_km2: None,
            population: None,
        };
        assert_eq!(
            district(DistrictKind::Landkreis, "Leipzig").display_name(),
            "Landkreis Leipzig"
        );
        assert_eq!(
            district(DistrictKind::KreisfreieStadt, "Leipzig, Stadt").display_name(),
            "Leipzig"
        );
        assert_eq!(
            district(DistrictKind::Landkreis, "Erzgebirgskreis").display_name(),
            "Erzgebirgskreis"
        );
        assert_eq!(short_name("Flöha, Stadt"), "Flöha");
        assert_eq!(short_name("Amtsberg"), "Amtsberg");
    }
}

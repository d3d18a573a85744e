//! Problems (Problemlagen) of a municipality, classified by a shared taxonomy.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::codes::code_enum;
use crate::error::Rule;
use crate::i18n::Lang;
use crate::ids::{ActorId, MunicipalityId, ProblemId};
use crate::territory::GeoPoint;
use crate::text::{ExternalRef, Name, Text};

/// The code of a problem category: three capital letters (`DRG` drug crime, `GRP` groups
/// gathering at hotspots). The categories themselves are reference data in the database, seeded
/// with the 21 categories of the shared taxonomy.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CategoryCode(String);

impl CategoryCode {
    /// Validates the form; whether the category exists is checked against the database.
    pub fn parse(input: &str) -> Result<CategoryCode, Rule> {
        let value = input.trim().to_uppercase();
        if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CategoryCode(value))
        } else {
            Err(Rule::UnknownCode {
                found: input.trim().to_owned(),
                allowed: "RES, GRP, DRG, DEM, …".to_owned(),
            })
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A category of the problem taxonomy, with labels and definitions in both languages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProblemCategory {
    /// Code.
    pub code: CategoryCode,
    /// German label.
    pub label_de: String,
    /// English label.
    pub label_en: String,
    /// German definition.
    pub description_de: String,
    /// English definition.
    pub description_en: String,
}

impl ProblemCategory {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.label_de,
            Lang::En => &self.label_en,
        }
    }
}

/// How severe a problem is: 1 (minor) to 5 (very severe).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Severity(u8);

impl Severity {
    /// Checks the range 1–5.
    pub fn new(value: i64) -> Result<Severity, Rule> {
        u8::try_from(value)
            .ok()
            .filter(|v| (1..=5).contains(v))
            .map(Severity)
            .ok_or_else(|| Rule::OutOfRange {
                min: "1".into(),
                max: "5".into(),
                found: value.to_string(),
            })
    }

    /// The value.
    pub fn get(self) -> u8 {
        self.0
    }
}

code_enum! {
    /// Where a problem is heading.
    pub enum Trend: "trend" {
        Rising = "rising",
        Stable = "stable",
        Falling = "falling",
        Unknown = "unknown",
    }
}

code_enum! {
    /// Where work on a problem stands.
    pub enum ProblemStatus: "problem-status" {
        Open = "open",
        InProgress = "in_progress",
        Monitoring = "monitoring",
        Resolved = "resolved",
    }
}

code_enum! {
    /// Who may see a record: the own municipality, the region, or the whole network.
    pub enum Visibility: "visibility" {
        Municipality = "municipality",
        Region = "region",
        Network = "network",
    }
}

/// A place where the problem concentrates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hotspot {
    /// Name ("Bahnhofsvorplatz").
    pub name: Name,
    /// Location, if known.
    pub location: Option<GeoPoint>,
}

/// What is recorded about a problem.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProblemData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// The municipality that faces it.
    pub municipality_id: MunicipalityId,
    /// Category.
    pub category: CategoryCode,
    /// Short title.
    pub title: Name,
    /// Description.
    pub description: Option<Text>,
    /// Severity.
    pub severity: Severity,
    /// Trend.
    pub trend: Trend,
    /// Status.
    pub status: ProblemStatus,
    /// Who may see it.
    pub visibility: Visibility,
    /// Hotspot, if the problem has a place.
    pub hotspot: Option<Hotspot>,
    /// Observed since.
    pub observed_since: Option<Date>,
    /// Actors responsible for dealing with it.
    pub responsible: Vec<ActorId>,
    /// Actors affected by it.
    pub affected: Vec<ActorId>,
}

/// A stored problem.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    /// Its id.
    pub id: ProblemId,
    /// Its data.
    #[serde(flatten)]
    pub data: ProblemData,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_codes_are_three_capitals() {
        assert_eq!(CategoryCode::parse(" drg ").unwrap().as_str(), "DRG");
        assert!(CategoryCode::parse("DRUG").is_err());
        assert!(CategoryCode::parse("D1G").is_err());
    }

    #[test]
    fn severity_is_one_to_five() {
        assert!(Severity::new(0).is_err());
        assert!(Severity::new(1).is_ok());
        assert!(Severity::new(5).is_ok());
        assert!(Severity::new(6).is_err());
    }
}

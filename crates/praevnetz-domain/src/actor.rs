//! Actors: organisations and persons, the pillars they belong to, and memberships.

use jiff::civil::Date;
use serde::Serialize;

use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
use crate::ids::{DistrictId, MembershipId, MunicipalityId, OrganisationId, PersonId};
use crate::text::{Email, ExternalRef, Name, Phone, Text, Url};
use crate::time::Period;

code_enum! {
    /// Whether an actor is a person or an organisation.
    pub enum ActorKind: "actor-kind" {
        Person = "person",
        Organisation = "organisation",
    }
}

code_enum! {
    /// The four pillars of local prevention (ASSKomm "Vier-Säulen-Strategie").
    pub enum Pillar: "pillar" {
        /// Freistaat / Polizei.
        StatePolice = "state_police",
        /// Bürgerschaftliches Engagement.
        Civic = "civic",
        /// Kommune / Verwaltung.
        Municipality = "municipality",
        /// Unterstützungsangebote.
        Support = "support",
    }
}

code_enum! {
    /// The kind of an organisation. Most kinds imply a default pillar.
    pub enum OrganisationKind: "organisation-kind" {
        Administration = "administration",
        PublicOrderOffice = "public_order_office",
        YouthOffice = "youth_office",
        SocialOffice = "social_office",
        SchoolOffice = "school_office",
        HealthOffice = "health_office",
        PlanningOffice = "planning_office",
        DistrictOffice = "district_office",
        MunicipalCompany = "municipal_company",
        PoliceDirectorate = "police_directorate",
        PoliceStation = "police_station",
        SecurityWatch = "security_watch",
        Justice = "justice",
        School = "school",
        YouthWork = "youth_work",
        Streetwork = "streetwork",
        AddictionCounselling = "addiction_counselling",
        SocialServices = "social_services",
        MigrationCounselling = "migration_counselling",
        VictimSupport = "victim_support",
        Church = "church",
        Association = "association",
        CitizensInitiative = "citizens_initiative",
        Business = "business",
        HousingCompany = "housing_company",
        StateAgency = "state_agency",
        Coaching = "coaching",
        ConflictCounselling = "conflict_counselling",
        Research = "research",
        Other = "other",
    }
}

impl OrganisationKind {
    /// The pillar an organisation of this kind belongs to unless recorded otherwise
    /// (DOMAIN.md §4). `Other` has none: its pillar must be given.
    pub fn default_pillar(self) -> Option<Pillar> {
        use OrganisationKind as K;
        Some(match self {
            K::Administration
            | K::PublicOrderOffice
            | K::YouthOffice
            | K::SocialOffice
            | K::SchoolOffice
            | K::HealthOffice
            | K::PlanningOffice
            | K::DistrictOffice
            | K::MunicipalCompany => Pillar::Municipality,
            K::PoliceDirectorate | K::PoliceStation | K::SecurityWatch | K::Justice | K::School => {
                Pillar::StatePolice
            }
            K::YouthWork
            | K::Streetwork
            | K::AddictionCounselling
            | K::SocialServices
            | K::MigrationCounselling
            | K::VictimSupport
            | K::StateAgency
            | K::Coaching
            | K::ConflictCounselling
            | K::Research => Pillar::Support,
            K::Church
            | K::Association
            | K::CitizensInitiative
            | K::Business
            | K::HousingCompany => Pillar::Civic,
            K::Other => return None,
        })
    }
}

/// A primary pillar and optional secondary pillars (the sources disagree on where free
/// providers and private actors belong, so one pillar is not enough).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pillars {
    primary: Pillar,
    secondary: Vec<Pillar>,
}

impl Pillars {
    /// Drops repetitions and the primary pillar from the secondary ones, and sorts them.
    pub fn new(primary: Pillar, secondary: impl IntoIterator<Item = Pillar>) -> Pillars {
        let mut secondary: Vec<Pillar> = secondary.into_iter().filter(|p| *p != primary).collect();
        secondary.sort();
        secondary.dedup();
        Pillars { primary, secondary }
    }

    /// The primary pillar.
    pub fn primary(&self) -> Pillar {
        self.primary
    }

    /// The secondary pillars.
    pub fn secondary(&self) -> &[Pillar] {
        &self.secondary
    }

    /// Whether the actor counts for `pillar` at all.
    pub fn covers(&self, pillar: Pillar) -> bool {
        self.primary == pillar || self.secondary.contains(&pillar)
    }
}

/// A place in the territory: a district or a municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "level", content = "id", rename_all = "lowercase")]
pub enum Territory {
    /// A district.
    District(DistrictId),
    /// A municipality.
    Municipality(MunicipalityId),
}

/// Where an organisation or body is at home: a municipality, a district, or the whole state
/// (state-level organisations such as the Landespräventionsrat).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "level", content = "id", rename_all = "lowercase")]
pub enum Home {
    /// State level.
    State,
    /// A district.
    District(DistrictId),
    /// A municipality.
    Municipality(MunicipalityId),
}

impl Home {
    /// Splits into the stored columns (district, municipality).
    pub fn columns(self) -> (Option<DistrictId>, Option<MunicipalityId>) {
        match self {
            Home::State => (None, None),
            Home::District(d) => (Some(d), None),
            Home::Municipality(m) => (None, Some(m)),
        }
    }

    /// Joins the stored columns; at most one may be set.
    pub fn from_columns(
        district: Option<DistrictId>,
        municipality: Option<MunicipalityId>,
    ) -> Result<Home, ValidationError> {
        match (district, municipality) {
            (None, None) => Ok(Home::State),
            (Some(d), None) => Ok(Home::District(d)),
            (None, Some(m)) => Ok(Home::Municipality(m)),
            (Some(_), Some(_)) => Err(Rule::NotBoth {
                other: Field::Municipality,
            }
            .at(Field::District)),
        }
    }
}

/// What is recorded about an organisation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrganisationData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// Canonical name.
    pub name: Name,
    /// Short form ("PD Chemnitz").
    pub short_name: Option<Name>,
    /// Other names it goes by (search finds them).
    pub aliases: Vec<Name>,
    /// Kind.
    pub kind: OrganisationKind,
    /// Pillars.
    pub pillars: Pillars,
    /// Where it is at home.
    pub home: Home,
    /// Districts and municipalities it is responsible for (e.g. a police station's area).
    pub area: Vec<Territory>,
    /// Functional e-mail address.
    pub email: Option<Email>,
    /// Switchboard.
    pub phone: Option<Phone>,
    /// Web site.
    pub website: Option<Url>,
    /// Postal address.
    pub address: Option<Text>,
    /// What it does.
    pub description: Option<Text>,
}

/// A stored organisation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Organisation {
    /// Its id.
    pub id: OrganisationId,
    /// Its data.
    #[serde(flatten)]
    pub data: OrganisationData,
}

code_enum! {
    /// Why praevnetz may hold a person's data (GDPR Art. 6 (1)).
    pub enum LegalBasis: "legal-basis" {
        /// (a) consent of the person.
        Consent = "consent",
        /// (b) a contract with the person.
        Contract = "contract",
        /// (e) a task in the public interest (public office holders acting in their role).
        PublicTask = "public_task",
        /// (f) legitimate interest.
        LegitimateInterest = "legitimate_interest",
    }
}

/// The legal basis for holding a person's data, with the date consent was given where the basis
/// is consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DataBasis {
    basis: LegalBasis,
    consent_on: Option<Date>,
}

impl DataBasis {
    /// Consent needs its date; other bases carry none (a date given with them is refused, not
    /// dropped: it usually means the basis was chosen wrongly).
    pub fn new(basis: LegalBasis, consent_on: Option<Date>) -> Result<DataBasis, ValidationError> {
        match (basis, consent_on) {
            (LegalBasis::Consent, None) => Err(Rule::ConsentDateRequired.at(Field::ConsentOn)),
            (LegalBasis::Consent, Some(_)) | (_, None) => Ok(DataBasis { basis, consent_on }),
            (_, Some(_)) => Err(Rule::OnlyForConsent.at(Field::ConsentOn)),
        }
    }

    /// The basis.
    pub fn basis(&self) -> LegalBasis {
        self.basis
    }

    /// When consent was given.
    pub fn consent_on(&self) -> Option<Date> {
        self.consent_on
    }
}

/// What is recorded about a person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonData {
    /// Key from the user's own files, if any.
    pub external_ref: Option<ExternalRef>,
    /// Academic or honorary title ("Dr.").
    pub title: Option<Name>,
    /// Given name.
    pub given_name: Name,
    /// Family name.
    pub family_name: Name,
    /// E-mail address.
    pub email: Option<Email>,
    /// Phone.
    pub phone: Option<Phone>,
    /// Why we may hold these data.
    pub basis: DataBasis,
    /// A remark.
    pub note: Option<Text>,
}

impl PersonData {
    /// "Dr. Anna Schmidt".
    pub fn full_name(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} {} {}", self.given_name, self.family_name),
            None => format!("{} {}", self.given_name, self.family_name),
        }
    }
}

/// A stored person.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Person {
    /// Their id.
    pub id: PersonId,
    /// Their data.
    #[serde(flatten)]
    pub data: PersonData,
}

/// A person's membership in an organisation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MembershipData {
    /// The person.
    pub person_id: PersonId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// Function ("Revierleiterin", "Präventionskoordinator").
    pub function: Option<Name>,
    /// From when to when.
    pub period: Period,
}

/// A stored membership.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Membership {
    /// Its id.
    pub id: MembershipId,
    /// Its data.
    #[serde(flatten)]
    pub data: MembershipData,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn kinds_imply_pillars() {
        assert_eq!(
            OrganisationKind::PoliceStation.default_pillar(),
            Some(Pillar::StatePolice)
        );
        assert_eq!(
            OrganisationKind::PublicOrderOffice.default_pillar(),
            Some(Pillar::Municipality)
        );
        assert_eq!(
            OrganisationKind::Church.default_pillar(),
            Some(Pillar::Civic)
        );
        assert_eq!(OrganisationKind::Other.default_pillar(), None);
    }

    #[test]
    fn secondary_pillars_exclude_the_primary_and_repeats() {
        let pillars = Pillars::new(
            Pillar::Support,
            [Pillar::Civic, Pillar::Support, Pillar::Civic],
        );
        assert_eq!(pillars.secondary(), &[Pillar::Civic]);
        assert!(pillars.covers(Pillar::Civic));
        assert!(!pillars.covers(Pillar::StatePolice));
    }

    #[test]
    fn pillars_parse_from_codes_and_labels_in_both_languages() {
        assert_eq!(Pillar::parse("civic"), Ok(Pillar::Civic));
        assert_eq!(
            Pillar::parse(&Pillar::Municipality.label(Lang::De).to_uppercase()),
            Ok(Pillar::Municipality)
        );
        assert_eq!(
            Pillar::parse(&Pillar::Support.label(Lang::En)),
            Ok(Pillar::Support)
        );
        assert!(matches!(
            Pillar::parse("Feuerwehr"),
            Err(Rule::UnknownCode { .. })
        ));
    }

    #[test]
    fn consent_needs_a_date() {
        assert_eq!(
            DataBasis::new(LegalBasis::Consent, None).unwrap_err().field,
            Field::ConsentOn
        );
        let day = Date::new(2022, 9, 6).unwrap();
        assert!(DataBasis::new(LegalBasis::Consent, Some(day)).is_ok());
        assert_eq!(
            DataBasis::new(LegalBasis::PublicTask, Some(day))
                .unwrap_err()
                .rule,
            Rule::OnlyForConsent
        );
        assert_eq!(
            DataBasis::new(LegalBasis::PublicTask, None)
                .unwrap()
                .consent_on(),
            None
        );
    }
}

//! The record types of the import files and how each file is read.
//!
//! Records hold references as users write them: AGS keys for districts and municipalities,
//! region keys, and the `ref` values of other files. The store resolves them.

use std::collections::HashMap;

use jiff::civil::Date;

use super::error::{ImportError, ImportErrors, ImportProblem};
use super::table::{Column, Row, Table};
use super::{ImportKind, ImportTable, Line};
use crate::actor::{DataBasis, LegalBasis, OrganisationKind, PersonData, Pillar, Pillars};
use crate::body::{BodyKind, BodyRole};
use crate::error::{Field, Rule};
use crate::meeting::{ActionStatus, MeetingFormat, MeetingStatus, ParticipationStatus, TimeSpan};
use crate::number::{parse_bool, parse_decimal, parse_euro_cents, parse_int};
use crate::problem::{CategoryCode, Hotspot, ProblemStatus, Severity, Trend, Visibility};
use crate::programme::{Funding, MilestoneKind};
use crate::territory::{
    Ags, DistrictAgs, DistrictData, DistrictKind, GeoPoint, MunicipalityData, RegionData, StateCode,
};
use crate::text::{Email, ExternalRef, Name, Phone, Slug, Text, Url};
use crate::tie::{Strength, TieKind};
use crate::time::{Period, parse_date, parse_timestamp};
use crate::topic::TopicStatus;

/// Where an organisation or body is at home, by key.
#[derive(Clone, Debug, PartialEq)]
pub enum HomeRef {
    /// State level.
    State,
    /// A district by its key.
    District(DistrictAgs),
    /// A municipality by its key.
    Municipality(Ags),
}

/// A district or municipality by key.
#[derive(Clone, Debug, PartialEq)]
pub enum TerritoryRef {
    /// A district.
    District(DistrictAgs),
    /// A municipality.
    Municipality(Ags),
}

impl TerritoryRef {
    /// Reads a five-digit district key or an eight-digit municipality key.
    pub fn parse(input: &str) -> Result<TerritoryRef, Rule> {
        let value = input.trim();
        if value.len() == 5 {
            DistrictAgs::parse(value).map(TerritoryRef::District)
        } else {
            Ags::parse(value).map(TerritoryRef::Municipality)
        }
    }
}

/// A programme milestone.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneRecord {
    pub municipality: Ags,
    pub kind: MilestoneKind,
    pub achieved_on: Date,
    pub context: Option<Name>,
    pub funding: Option<Funding>,
    pub note: Option<Text>,
}

/// An organisation.
#[derive(Clone, Debug, PartialEq)]
pub struct OrganisationRecord {
    pub external_ref: Option<ExternalRef>,
    pub name: Name,
    pub short_name: Option<Name>,
    pub aliases: Vec<Name>,
    pub kind: OrganisationKind,
    pub pillars: Pillars,
    pub home: HomeRef,
    pub area: Vec<TerritoryRef>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub website: Option<Url>,
    pub address: Option<Text>,
    pub description: Option<Text>,
}

/// A membership of a person in an organisation.
#[derive(Clone, Debug, PartialEq)]
pub struct MembershipRecord {
    pub person: ExternalRef,
    pub organisation: ExternalRef,
    pub function: Option<Name>,
    pub period: Period,
}

/// A body.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyRecord {
    pub external_ref: Option<ExternalRef>,
    pub name: Name,
    pub aliases: Vec<Name>,
    pub kind: BodyKind,
    pub home: HomeRef,
    pub parent: Option<ExternalRef>,
    pub period: Period,
    pub description: Option<Text>,
}

/// A seat in a body.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyMemberRecord {
    pub body: ExternalRef,
    pub person: ExternalRef,
    pub organisation: Option<ExternalRef>,
    pub role: BodyRole,
    pub period: Period,
}

/// A meeting series.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingSeriesRecord {
    pub external_ref: Option<ExternalRef>,
    pub name: Name,
    pub description: Option<Text>,
    pub region: Option<Slug>,
    pub organiser: Option<ExternalRef>,
}

/// A meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingRecord {
    pub external_ref: Option<ExternalRef>,
    pub series: Option<ExternalRef>,
    pub title: Name,
    pub time: TimeSpan,
    pub format: MeetingFormat,
    pub status: MeetingStatus,
    pub venue_name: Option<Name>,
    pub venue_address: Option<Text>,
    pub venue_municipality: Option<Ags>,
    pub venue_location: Option<GeoPoint>,
    pub capacity: Option<u32>,
    pub description: Option<Text>,
    pub minutes: Option<Text>,
    pub hosts: Vec<ExternalRef>,
}

/// A tie between two persons or two organisations, by their references.
#[derive(Clone, Debug, PartialEq)]
pub struct TieRecord {
    pub source: ExternalRef,
    pub target: ExternalRef,
    pub kind: TieKind,
    pub directed: bool,
    pub strength: Strength,
    pub period: Period,
    pub source_note: Option<Text>,
    pub meeting: Option<ExternalRef>,
}

/// A problem.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemRecord {
    pub external_ref: Option<ExternalRef>,
    pub municipality: Ags,
    pub category: CategoryCode,
    pub title: Name,
    pub description: Option<Text>,
    pub severity: Severity,
    pub trend: Trend,
    pub status: ProblemStatus,
    pub visibility: Visibility,
    pub hotspot: Option<Hotspot>,
    pub observed_since: Option<Date>,
    pub responsible: Vec<ExternalRef>,
    pub affected: Vec<ExternalRef>,
}

/// A practice.
#[derive(Clone, Debug, PartialEq)]
pub struct PracticeRecord {
    pub external_ref: Option<ExternalRef>,
    pub municipality: Ags,
    pub title: Name,
    pub summary: Option<Text>,
    pub approach: Option<Text>,
    pub outcome: Option<Text>,
    pub categories: Vec<CategoryCode>,
    pub partners: Vec<ExternalRef>,
    pub contact: Option<ExternalRef>,
    pub period: Period,
}

/// A participation in a meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct ParticipationRecord {
    pub meeting: ExternalRef,
    pub person: ExternalRef,
    pub organisation: Option<ExternalRef>,
    pub status: ParticipationStatus,
    pub note: Option<Text>,
}

/// A topic.
#[derive(Clone, Debug, PartialEq)]
pub struct TopicRecord {
    pub external_ref: Option<ExternalRef>,
    pub title: Name,
    pub description: Option<Text>,
    pub status: TopicStatus,
    pub series: Option<ExternalRef>,
    pub raised_by: Option<ExternalRef>,
    pub raised_at: Option<ExternalRef>,
    pub raised_on: Date,
    pub categories: Vec<CategoryCode>,
    pub municipalities: Vec<Ags>,
}

/// An agenda item.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaItemRecord {
    pub meeting: ExternalRef,
    pub position: u32,
    pub title: Name,
    pub duration_minutes: Option<u32>,
    pub presenter: Option<ExternalRef>,
    pub topic: Option<ExternalRef>,
    pub notes: Option<Text>,
}

/// A decision, attached to a meeting and optionally to its agenda item at `agenda_position`.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionRecord {
    pub meeting: ExternalRef,
    pub agenda_position: Option<u32>,
    pub text: Text,
}

/// An action item.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionItemRecord {
    pub meeting: Option<ExternalRef>,
    pub title: Name,
    pub owner: Option<ExternalRef>,
    pub due_on: Option<Date>,
    pub status: ActionStatus,
    pub completed_on: Option<Date>,
}

/// The records of one file, by kind.
#[derive(Clone, Debug)]
#[allow(missing_docs)]
pub enum Rows {
    Districts(Vec<Line<DistrictData>>),
    Municipalities(Vec<Line<MunicipalityData>>),
    Regions(Vec<Line<RegionData>>),
    Milestones(Vec<Line<MilestoneRecord>>),
    Organisations(Vec<Line<OrganisationRecord>>),
    Persons(Vec<Line<PersonData>>),
    Memberships(Vec<Line<MembershipRecord>>),
    Bodies(Vec<Line<BodyRecord>>),
    BodyMembers(Vec<Line<BodyMemberRecord>>),
    MeetingSeries(Vec<Line<MeetingSeriesRecord>>),
    Meetings(Vec<Line<MeetingRecord>>),
    Ties(Vec<Line<TieRecord>>),
    Problems(Vec<Line<ProblemRecord>>),
    Practices(Vec<Line<PracticeRecord>>),
    Participations(Vec<Line<ParticipationRecord>>),
    Topics(Vec<Line<TopicRecord>>),
    AgendaItems(Vec<Line<AgendaItemRecord>>),
    Decisions(Vec<Line<DecisionRecord>>),
    ActionItems(Vec<Line<ActionItemRecord>>),
}

impl Rows {
    /// The kind of file.
    pub fn kind(&self) -> ImportKind {
        match self {
            Rows::Districts(_) => ImportKind::Districts,
            Rows::Municipalities(_) => ImportKind::Municipalities,
            Rows::Regions(_) => ImportKind::Regions,
            Rows::Milestones(_) => ImportKind::Milestones,
            Rows::Organisations(_) => ImportKind::Organisations,
            Rows::Persons(_) => ImportKind::Persons,
            Rows::Memberships(_) => ImportKind::Memberships,
            Rows::Bodies(_) => ImportKind::Bodies,
            Rows::BodyMembers(_) => ImportKind::BodyMembers,
            Rows::MeetingSeries(_) => ImportKind::MeetingSeries,
            Rows::Meetings(_) => ImportKind::Meetings,
            Rows::Ties(_) => ImportKind::Ties,
            Rows::Problems(_) => ImportKind::Problems,
            Rows::Practices(_) => ImportKind::Practices,
            Rows::Participations(_) => ImportKind::Participations,
            Rows::Topics(_) => ImportKind::Topics,
            Rows::AgendaItems(_) => ImportKind::AgendaItems,
            Rows::Decisions(_) => ImportKind::Decisions,
            Rows::ActionItems(_) => ImportKind::ActionItems,
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        match self {
            Rows::Districts(v) => v.len(),
            Rows::Municipalities(v) => v.len(),
            Rows::Regions(v) => v.len(),
            Rows::Milestones(v) => v.len(),
            Rows::Organisations(v) => v.len(),
            Rows::Persons(v) => v.len(),
            Rows::Memberships(v) => v.len(),
            Rows::Bodies(v) => v.len(),
            Rows::BodyMembers(v) => v.len(),
            Rows::MeetingSeries(v) => v.len(),
            Rows::Meetings(v) => v.len(),
            Rows::Ties(v) => v.len(),
            Rows::Problems(v) => v.len(),
            Rows::Practices(v) => v.len(),
            Rows::Participations(v) => v.len(),
            Rows::Topics(v) => v.len(),
            Rows::AgendaItems(v) => v.len(),
            Rows::Decisions(v) => v.len(),
            Rows::ActionItems(v) => v.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

// ---------------------------------------------------------------- reading

const DISTRICTS_COLUMNS: &[Column] = &[
    Column::required("ags"),
    Column::required("kind"),
    Column::required("name"),
    Column::optional("nuts3"),
    Column::optional("area_km2"),
    Column::optional("population"),
];

const MUNICIPALITIES_COLUMNS: &[Column] = &[
    Column::required("ags"),
    Column::required("name"),
    Column::required("district_ags"),
    Column::optional("state_code"),
    Column::optional("lat").or(&["latitude"]),
    Column::optional("lon").or(&["longitude"]),
    Column::optional("seat_population").or(&["seat_population_geonames"]),
];

const REGIONS_COLUMNS: &[Column] = &[
    Column::required("slug"),
    Column::required("name"),
    Column::optional("description"),
    Column::required("districts"),
];

const MILESTONES_COLUMNS: &[Column] = &[
    Column::required("municipality"),
    Column::required("kind"),
    Column::required("date"),
    Column::optional("context"),
    Column::optional("amount"),
    Column::optional("purpose"),
    Column::optional("note"),
];

const ORGANISATIONS_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::required("name"),
    Column::optional("short_name"),
    Column::optional("aliases"),
    Column::required("kind"),
    Column::optional("pillar"),
    Column::optional("secondary_pillars"),
    Column::optional("municipality"),
    Column::optional("district"),
    Column::optional("area"),
    Column::optional("email"),
    Column::optional("phone"),
    Column::optional("website"),
    Column::optional("address"),
    Column::optional("description"),
];

const PERSONS_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::optional("title"),
    Column::required("given_name"),
    Column::required("family_name"),
    Column::optional("email"),
    Column::optional("phone"),
    Column::required("legal_basis"),
    Column::optional("consent_on"),
    Column::optional("note"),
];

const MEMBERSHIPS_COLUMNS: &[Column] = &[
    Column::required("person"),
    Column::required("organisation"),
    Column::optional("function"),
    Column::optional("since"),
    Column::optional("until"),
];

const BODIES_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::required("name"),
    Column::optional("aliases"),
    Column::required("kind"),
    Column::optional("municipality"),
    Column::optional("district"),
    Column::optional("parent"),
    Column::optional("founded_on"),
    Column::optional("dissolved_on"),
    Column::optional("description"),
];

const BODY_MEMBERS_COLUMNS: &[Column] = &[
    Column::required("body"),
    Column::required("person"),
    Column::optional("organisation"),
    Column::required("role"),
    Column::optional("since"),
    Column::optional("until"),
];

const MEETING_SERIES_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::required("name"),
    Column::optional("description"),
    Column::optional("region"),
    Column::optional("organiser"),
];

const MEETINGS_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::optional("series"),
    Column::required("title"),
    Column::required("starts_at"),
    Column::required("ends_at"),
    Column::optional("format"),
    Column::optional("status"),
    Column::optional("venue_name"),
    Column::optional("venue_address"),
    Column::optional("venue_municipality"),
    Column::optional("venue_lat"),
    Column::optional("venue_lon"),
    Column::optional("capacity"),
    Column::optional("description"),
    Column::optional("minutes"),
    Column::optional("hosts"),
];

const TIES_COLUMNS: &[Column] = &[
    Column::required("source"),
    Column::required("target"),
    Column::required("kind"),
    Column::optional("directed"),
    Column::required("strength"),
    Column::optional("since"),
    Column::optional("until"),
    Column::optional("source_note"),
    Column::optional("meeting"),
];

const PROBLEMS_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::required("municipality"),
    Column::required("category"),
    Column::required("title"),
    Column::optional("description"),
    Column::required("severity"),
    Column::optional("trend"),
    Column::optional("status"),
    Column::optional("visibility"),
    Column::optional("hotspot"),
    Column::optional("hotspot_lat"),
    Column::optional("hotspot_lon"),
    Column::optional("observed_since"),
    Column::optional("responsible"),
    Column::optional("affected"),
];

const PRACTICES_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::required("municipality"),
    Column::required("title"),
    Column::optional("summary"),
    Column::optional("approach"),
    Column::optional("outcome"),
    Column::optional("categories"),
    Column::optional("partners"),
    Column::optional("contact"),
    Column::optional("started_on"),
    Column::optional("ended_on"),
];

const PARTICIPATIONS_COLUMNS: &[Column] = &[
    Column::required("meeting"),
    Column::required("person"),
    Column::optional("organisation"),
    Column::required("status"),
    Column::optional("note"),
];

const TOPICS_COLUMNS: &[Column] = &[
    Column::optional("ref"),
    Column::required("title"),
    Column::optional("description"),
    Column::optional("status"),
    Column::optional("series"),
    Column::optional("raised_by"),
    Column::optional("raised_at"),
    Column::required("raised_on"),
    Column::optional("categories"),
    Column::optional("municipalities"),
];

const AGENDA_ITEMS_COLUMNS: &[Column] = &[
    Column::required("meeting"),
    Column::required("position"),
    Column::required("title"),
    Column::optional("duration_minutes"),
    Column::optional("presenter"),
    Column::optional("topic"),
    Column::optional("notes"),
];

const DECISIONS_COLUMNS: &[Column] = &[
    Column::required("meeting"),
    Column::optional("agenda_position"),
    Column::required("text"),
];

const ACTION_ITEMS_COLUMNS: &[Column] = &[
    Column::optional("meeting"),
    Column::required("title"),
    Column::optional("owner"),
    Column::optional("due_on"),
    Column::optional("status"),
    Column::optional("completed_on"),
];

/// The columns of each kind of file.
pub fn columns(kind: ImportKind) -> &'static [Column] {
    match kind {
        ImportKind::Districts => DISTRICTS_COLUMNS,
        ImportKind::Municipalities => MUNICIPALITIES_COLUMNS,
        ImportKind::Regions => REGIONS_COLUMNS,
        ImportKind::Milestones => MILESTONES_COLUMNS,
        ImportKind::Organisations => ORGANISATIONS_COLUMNS,
        ImportKind::Persons => PERSONS_COLUMNS,
        ImportKind::Memberships => MEMBERSHIPS_COLUMNS,
        ImportKind::Bodies => BODIES_COLUMNS,
        ImportKind::BodyMembers => BODY_MEMBERS_COLUMNS,
        ImportKind::MeetingSeries => MEETING_SERIES_COLUMNS,
        ImportKind::Meetings => MEETINGS_COLUMNS,
        ImportKind::Ties => TIES_COLUMNS,
        ImportKind::Problems => PROBLEMS_COLUMNS,
        ImportKind::Practices => PRACTICES_COLUMNS,
        ImportKind::Participations => PARTICIPATIONS_COLUMNS,
        ImportKind::Topics => TOPICS_COLUMNS,
        ImportKind::AgendaItems => AGENDA_ITEMS_COLUMNS,
        ImportKind::Decisions => DECISIONS_COLUMNS,
        ImportKind::ActionItems => ACTION_ITEMS_COLUMNS,
    }
}

/// Reads every row with `parse`, collecting errors, and refuses keys that repeat within the
/// file (`key` gives a row's key and the column it comes from).
fn each<T>(
    table: &Table,
    parse: impl Fn(&Row<'_>) -> Result<T, ImportError>,
    key: impl Fn(&T) -> Option<(String, &'static str)>,
) -> Result<Vec<Line<T>>, ImportErrors> {
    let mut errors = ImportErrors::new();
    let mut records = Vec::with_capacity(table.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in table.rows() {
        match parse(&row) {
            Ok(record) => {
                if let Some((key, column)) = key(&record) {
                    if let Some(first_line) = seen.get(&key) {
                        errors.push(row.error(
                            column,
                            ImportProblem::DuplicateKey {
                                key,
                                first_line: *first_line,
                            },
                        ));
                        continue;
                    }
                    seen.insert(key, row.line());
                }
                records.push(Line {
                    line: row.line(),
                    record,
                });
            }
            Err(error) => errors.push(error),
        }
    }
    errors.into_result(records)
}

fn no_key<T>(_: &T) -> Option<(String, &'static str)> {
    None
}

fn by_ref(external_ref: Option<&ExternalRef>) -> Option<(String, &'static str)> {
    external_ref.map(|r| (r.as_str().to_owned(), "ref"))
}

fn period(row: &Row<'_>, since: &'static str, until: &'static str) -> Result<Period, ImportError> {
    let start = row.optional(since, Field::Since, parse_date)?;
    let end = row.optional(until, Field::Until, parse_date)?;
    Period::new(start, end).map_err(|rule| row.invalid(until, Field::Until, rule))
}

fn location(
    row: &Row<'_>,
    lat: &'static str,
    lon: &'static str,
) -> Result<Option<GeoPoint>, ImportError> {
    let latitude = row.optional(lat, Field::Latitude, |s| parse_decimal(s, -90.0, 90.0))?;
    let longitude = row.optional(lon, Field::Longitude, |s| parse_decimal(s, -180.0, 180.0))?;
    GeoPoint::from_optional(latitude, longitude).map_err(|e| {
        let column = if e.field == Field::Latitude { lat } else { lon };
        row.error(column, ImportProblem::Invalid(e))
    })
}

fn home(row: &Row<'_>) -> Result<HomeRef, ImportError> {
    let municipality = row.optional("municipality", Field::Municipality, Ags::parse)?;
    let district = row.optional("district", Field::District, DistrictAgs::parse)?;
    match (municipality, district) {
        (Some(_), Some(_)) => Err(row.invalid(
            "district",
            Field::District,
            Rule::NotBoth {
                other: Field::Municipality,
            },
        )),
        (Some(m), None) => Ok(HomeRef::Municipality(m)),
        (None, Some(d)) => Ok(HomeRef::District(d)),
        (None, None) => Ok(HomeRef::State),
    }
}

fn small(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn district(row: &Row<'_>) -> Result<DistrictData, ImportError> {
    Ok(DistrictData {
        ags: row.required("ags", Field::DistrictAgs, DistrictAgs::parse)?,
        kind: row.required("kind", Field::Kind, DistrictKind::parse)?,
        name: row.required("name", Field::Name, Name::parse)?,
        nuts3: row.optional("nuts3", Field::Nuts3, Name::parse)?,
        area_km2: row.optional("area_km2", Field::AreaKm2, |s| parse_decimal(s, 0.001, 1e6))?,
        population: row.optional("population", Field::Population, |s| {
            parse_int(s, 0, 100_000_000)
        })?,
    })
}

fn municipality(row: &Row<'_>) -> Result<MunicipalityData, ImportError> {
    let ags = row.required("ags", Field::Ags, Ags::parse)?;
    let district = row.required("district_ags", Field::DistrictAgs, DistrictAgs::parse)?;
    if ags.district() != district {
        return Err(row.invalid(
            "district_ags",
            Field::DistrictAgs,
            Rule::DistrictMismatch {
                ags: ags.as_str().to_owned(),
                district: district.as_str().to_owned(),
            },
        ));
    }
    if let Some(state) = row.optional("state_code", Field::StateCode, StateCode::parse)?
        && ags.district().state() != state
    {
        return Err(row.invalid(
            "state_code",
            Field::StateCode,
            Rule::StateMismatch {
                ags: ags.as_str().to_owned(),
                state: state.as_str().to_owned(),
            },
        ));
    }
    Ok(MunicipalityData {
        ags,
        name: row.required("name", Field::Name, Name::parse)?,
        location: location(row, "lat", "lon")?,
        seat_population: row.optional("seat_population", Field::Population, |s| {
            parse_int(s, 0, 100_000_000)
        })?,
    })
}

fn region(row: &Row<'_>) -> Result<RegionData, ImportError> {
    let districts = row.list("districts", Field::Districts, DistrictAgs::parse)?;
    if districts.is_empty() {
        return Err(row.invalid("districts", Field::Districts, Rule::Required));
    }
    Ok(RegionData {
        slug: row.required("slug", Field::Slug, Slug::parse)?,
        name: row.required("name", Field::Name, Name::parse)?,
        description: row.optional("description", Field::Description, Text::parse)?,
        districts,
    })
}

fn milestone(row: &Row<'_>) -> Result<MilestoneRecord, ImportError> {
    let kind = row.required("kind", Field::Kind, MilestoneKind::parse)?;
    let amount = row.optional("amount", Field::Amount, parse_euro_cents)?;
    let purpose = row.optional("purpose", Field::Purpose, Name::parse)?;
    let funding = match (amount, purpose) {
        (Some(amount_cents), purpose) => Some(Funding {
            amount_cents,
            purpose,
        }),
        (None, Some(_)) => return Err(row.invalid("amount", Field::Amount, Rule::Required)),
        (None, None) => None,
    };
    if funding.is_some() && kind != MilestoneKind::FundingGranted {
        return Err(row.invalid("amount", Field::Amount, Rule::OnlyForFunding));
    }
    Ok(MilestoneRecord {
        municipality: row.required("municipality", Field::Municipality, Ags::parse)?,
        kind,
        achieved_on: row.required("date", Field::AchievedOn, parse_date)?,
        context: row.optional("context", Field::Context, Name::parse)?,
        funding,
        note: row.optional("note", Field::Note, Text::parse)?,
    })
}

fn organisation(row: &Row<'_>) -> Result<OrganisationRecord, ImportError> {
    let kind = row.required("kind", Field::Kind, OrganisationKind::parse)?;
    let pillar = match row.optional("pillar", Field::Pillar, Pillar::parse)? {
        Some(pillar) => pillar,
        None => kind
            .default_pillar()
            .ok_or_else(|| row.invalid("pillar", Field::Pillar, Rule::Required))?,
    };
    Ok(OrganisationRecord {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        name: row.required("name", Field::Name, Name::parse)?,
        short_name: row.optional("short_name", Field::ShortName, Name::parse)?,
        aliases: row.list("aliases", Field::Aliases, Name::parse)?,
        kind,
        pillars: Pillars::new(
            pillar,
            row.list("secondary_pillars", Field::SecondaryPillars, Pillar::parse)?,
        ),
        home: home(row)?,
        area: row.list("area", Field::Area, TerritoryRef::parse)?,
        email: row.optional("email", Field::Email, Email::parse)?,
        phone: row.optional("phone", Field::Phone, Phone::parse)?,
        website: row.optional("website", Field::Website, Url::parse)?,
        address: row.optional("address", Field::Address, Text::parse)?,
        description: row.optional("description", Field::Description, Text::parse)?,
    })
}

fn person(row: &Row<'_>) -> Result<PersonData, ImportError> {
    let basis = row.required("legal_basis", Field::LegalBasis, LegalBasis::parse)?;
    let consent_on = row.optional("consent_on", Field::ConsentOn, parse_date)?;
    Ok(PersonData {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        title: row.optional("title", Field::Title, Name::parse)?,
        given_name: row.required("given_name", Field::GivenName, Name::parse)?,
        family_name: row.required("family_name", Field::FamilyName, Name::parse)?,
        email: row.optional("email", Field::Email, Email::parse)?,
        phone: row.optional("phone", Field::Phone, Phone::parse)?,
        basis: DataBasis::new(basis, consent_on)
            .map_err(|e| row.error("consent_on", ImportProblem::Invalid(e)))?,
        note: row.optional("note", Field::Note, Text::parse)?,
    })
}

fn membership(row: &Row<'_>) -> Result<MembershipRecord, ImportError> {
    Ok(MembershipRecord {
        person: row.required("person", Field::Person, ExternalRef::parse)?,
        organisation: row.required("organisation", Field::Organisation, ExternalRef::parse)?,
        function: row.optional("function", Field::Function, Name::parse)?,
        period: period(row, "since", "until")?,
    })
}

fn body(row: &Row<'_>) -> Result<BodyRecord, ImportError> {
    Ok(BodyRecord {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        name: row.required("name", Field::Name, Name::parse)?,
        aliases: row.list("aliases", Field::Aliases, Name::parse)?,
        kind: row.required("kind", Field::Kind, BodyKind::parse)?,
        home: home(row)?,
        parent: row.optional("parent", Field::ParentBody, ExternalRef::parse)?,
        period: period(row, "founded_on", "dissolved_on")?,
        description: row.optional("description", Field::Description, Text::parse)?,
    })
}

fn body_member(row: &Row<'_>) -> Result<BodyMemberRecord, ImportError> {
    Ok(BodyMemberRecord {
        body: row.required("body", Field::Body, ExternalRef::parse)?,
        person: row.required("person", Field::Person, ExternalRef::parse)?,
        organisation: row.optional("organisation", Field::Organisation, ExternalRef::parse)?,
        role: row.required("role", Field::Role, BodyRole::parse)?,
        period: period(row, "since", "until")?,
    })
}

fn meeting_series(row: &Row<'_>) -> Result<MeetingSeriesRecord, ImportError> {
    Ok(MeetingSeriesRecord {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        name: row.required("name", Field::Name, Name::parse)?,
        description: row.optional("description", Field::Description, Text::parse)?,
        region: row.optional("region", Field::Region, Slug::parse)?,
        organiser: row.optional("organiser", Field::Organiser, ExternalRef::parse)?,
    })
}

fn meeting(row: &Row<'_>) -> Result<MeetingRecord, ImportError> {
    let starts = row.required("starts_at", Field::StartsAt, parse_timestamp)?;
    let ends = row.required("ends_at", Field::EndsAt, parse_timestamp)?;
    let time =
        TimeSpan::new(starts, ends).map_err(|e| row.error("ends_at", ImportProblem::Invalid(e)))?;
    Ok(MeetingRecord {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        series: row.optional("series", Field::Series, ExternalRef::parse)?,
        title: row.required("title", Field::Name, Name::parse)?,
        time,
        format: row
            .optional("format", Field::Format, MeetingFormat::parse)?
            .unwrap_or(MeetingFormat::InPerson),
        status: row
            .optional("status", Field::Status, MeetingStatus::parse)?
            .unwrap_or(MeetingStatus::Planned),
        venue_name: row.optional("venue_name", Field::VenueName, Name::parse)?,
        venue_address: row.optional("venue_address", Field::VenueAddress, Text::parse)?,
        venue_municipality: row.optional("venue_municipality", Field::Municipality, Ags::parse)?,
        venue_location: location(row, "venue_lat", "venue_lon")?,
        capacity: row
            .optional("capacity", Field::Capacity, |s| parse_int(s, 1, 100_000))?
            .map(small),
        description: row.optional("description", Field::Description, Text::parse)?,
        minutes: row.optional("minutes", Field::Minutes, Text::parse)?,
        hosts: row.list("hosts", Field::Hosts, ExternalRef::parse)?,
    })
}

fn tie(row: &Row<'_>) -> Result<TieRecord, ImportError> {
    // "Met at meeting" follows from participations.csv, never from a file of ties.
    let kind = row.required("kind", Field::Kind, |s| {
        TieKind::parse(s).and_then(TieKind::by_hand)
    })?;
    let source = row.required("source", Field::Source, ExternalRef::parse)?;
    let target = row.required("target", Field::Target, ExternalRef::parse)?;
    if source == target {
        return Err(row.invalid("target", Field::Target, Rule::SelfTie));
    }
    Ok(TieRecord {
        source,
        target,
        kind,
        directed: row
            .optional("directed", Field::Directed, parse_bool)?
            .unwrap_or_else(|| kind.directed_by_default()),
        strength: row.required("strength", Field::Strength, |s| {
            parse_int(s, i64::MIN, i64::MAX).and_then(Strength::new)
        })?,
        period: period(row, "since", "until")?,
        source_note: row.optional("source_note", Field::SourceNote, Text::parse)?,
        meeting: row.optional("meeting", Field::Meeting, ExternalRef::parse)?,
    })
}

fn problem(row: &Row<'_>) -> Result<ProblemRecord, ImportError> {
    let hotspot_name = row.optional("hotspot", Field::HotspotName, Name::parse)?;
    let hotspot_location = location(row, "hotspot_lat", "hotspot_lon")?;
    let hotspot = match (hotspot_name, hotspot_location) {
        (Some(name), location) => Some(Hotspot { name, location }),
        (None, Some(_)) => return Err(row.invalid("hotspot", Field::HotspotName, Rule::Required)),
        (None, None) => None,
    };
    Ok(ProblemRecord {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        municipality: row.required("municipality", Field::Municipality, Ags::parse)?,
        category: row.required("category", Field::Category, CategoryCode::parse)?,
        title: row.required("title", Field::Name, Name::parse)?,
        description: row.optional("description", Field::Description, Text::parse)?,
        severity: row.required("severity", Field::Severity, |s| {
            parse_int(s, i64::MIN, i64::MAX).and_then(Severity::new)
        })?,
        trend: row
            .optional("trend", Field::Trend, Trend::parse)?
            .unwrap_or(Trend::Unknown),
        status: row
            .optional("status", Field::Status, ProblemStatus::parse)?
            .unwrap_or(ProblemStatus::Open),
        visibility: row
            .optional("visibility", Field::Visibility, Visibility::parse)?
            .unwrap_or(Visibility::Region),
        hotspot,
        observed_since: row.optional("observed_since", Field::ObservedSince, parse_date)?,
        responsible: row.list("responsible", Field::Responsible, ExternalRef::parse)?,
        affected: row.list("affected", Field::Affected, ExternalRef::parse)?,
    })
}

fn practice(row: &Row<'_>) -> Result<PracticeRecord, ImportError> {
    Ok(PracticeRecord {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        municipality: row.required("municipality", Field::Municipality, Ags::parse)?,
        title: row.required("title", Field::Name, Name::parse)?,
        summary: row.optional("summary", Field::Summary, Text::parse)?,
        approach: row.optional("approach", Field::Approach, Text::parse)?,
        outcome: row.optional("outcome", Field::Outcome, Text::parse)?,
        categories: row.list("categories", Field::Categories, CategoryCode::parse)?,
        partners: row.list("partners", Field::Partners, ExternalRef::parse)?,
        contact: row.optional("contact", Field::ContactPerson, ExternalRef::parse)?,
        period: period(row, "started_on", "ended_on")?,
    })
}

fn participation(row: &Row<'_>) -> Result<ParticipationRecord, ImportError> {
    Ok(ParticipationRecord {
        meeting: row.required("meeting", Field::Meeting, ExternalRef::parse)?,
        person: row.required("person", Field::Person, ExternalRef::parse)?,
        organisation: row.optional("organisation", Field::Organisation, ExternalRef::parse)?,
        status: row.required("status", Field::Status, ParticipationStatus::parse)?,
        note: row.optional("note", Field::Note, Text::parse)?,
    })
}

fn topic(row: &Row<'_>) -> Result<TopicRecord, ImportError> {
    Ok(TopicRecord {
        external_ref: row.optional("ref", Field::Ref, ExternalRef::parse)?,
        title: row.required("title", Field::Name, Name::parse)?,
        description: row.optional("description", Field::Description, Text::parse)?,
        status: row
            .optional("status", Field::Status, TopicStatus::parse)?
            .unwrap_or(TopicStatus::Raised),
        series: row.optional("series", Field::Series, ExternalRef::parse)?,
        raised_by: row.optional("raised_by", Field::RaisedBy, ExternalRef::parse)?,
        raised_at: row.optional("raised_at", Field::Meeting, ExternalRef::parse)?,
        raised_on: row.required("raised_on", Field::AchievedOn, parse_date)?,
        categories: row.list("categories", Field::Categories, CategoryCode::parse)?,
        municipalities: row.list("municipalities", Field::Municipalities, Ags::parse)?,
    })
}

fn agenda_item(row: &Row<'_>) -> Result<AgendaItemRecord, ImportError> {
    Ok(AgendaItemRecord {
        meeting: row.required("meeting", Field::Meeting, ExternalRef::parse)?,
        position: small(row.required("position", Field::Position, |s| parse_int(s, 1, 999))?),
        title: row.required("title", Field::Name, Name::parse)?,
        duration_minutes: row
            .optional("duration_minutes", Field::DurationMinutes, |s| {
                parse_int(s, 1, 24 * 60)
            })?
            .map(small),
        presenter: row.optional("presenter", Field::Presenter, ExternalRef::parse)?,
        topic: row.optional("topic", Field::Topic, ExternalRef::parse)?,
        notes: row.optional("notes", Field::Note, Text::parse)?,
    })
}

fn decision(row: &Row<'_>) -> Result<DecisionRecord, ImportError> {
    Ok(DecisionRecord {
        meeting: row.required("meeting", Field::Meeting, ExternalRef::parse)?,
        agenda_position: row
            .optional("agenda_position", Field::AgendaItem, |s| {
                parse_int(s, 1, 999)
            })?
            .map(small),
        text: row.required("text", Field::Text, Text::parse)?,
    })
}

fn action_item(row: &Row<'_>) -> Result<ActionItemRecord, ImportError> {
    let status = row
        .optional("status", Field::Status, ActionStatus::parse)?
        .unwrap_or(ActionStatus::Open);
    let completed_on = row.optional("completed_on", Field::CompletedOn, parse_date)?;
    if completed_on.is_some() && status != ActionStatus::Done {
        return Err(row.invalid("completed_on", Field::CompletedOn, Rule::OnlyWhenDone));
    }
    Ok(ActionItemRecord {
        meeting: row.optional("meeting", Field::Meeting, ExternalRef::parse)?,
        title: row.required("title", Field::Name, Name::parse)?,
        owner: row.optional("owner", Field::Owner, ExternalRef::parse)?,
        due_on: row.optional("due_on", Field::DueOn, parse_date)?,
        status,
        completed_on,
    })
}

/// Reads a file of `kind`.
pub(super) fn read(
    kind: ImportKind,
    file: &str,
    bytes: &[u8],
) -> Result<ImportTable, ImportErrors> {
    let table = Table::read(file, bytes, columns(kind))?;
    let rows = match kind {
        ImportKind::Districts => Rows::Districts(each(&table, district, |d| {
            Some((d.ags.as_str().to_owned(), "ags"))
        })?),
        ImportKind::Municipalities => Rows::Municipalities(each(&table, municipality, |m| {
            Some((m.ags.as_str().to_owned(), "ags"))
        })?),
        ImportKind::Regions => Rows::Regions(each(&table, region, |r| {
            Some((r.slug.as_str().to_owned(), "slug"))
        })?),
        ImportKind::Milestones => Rows::Milestones(each(&table, milestone, |m| {
            Some((
                format!("{} {} {}", m.municipality, m.kind.code(), m.achieved_on),
                "date",
            ))
        })?),
        ImportKind::Organisations => Rows::Organisations(each(&table, organisation, |o| {
            by_ref(o.external_ref.as_ref())
        })?),
        ImportKind::Persons => {
            Rows::Persons(each(&table, person, |p| by_ref(p.external_ref.as_ref()))?)
        }
        ImportKind::Memberships => Rows::Memberships(each(&table, membership, no_key)?),
        ImportKind::Bodies => {
            Rows::Bodies(each(&table, body, |b| by_ref(b.external_ref.as_ref()))?)
        }
        ImportKind::BodyMembers => Rows::BodyMembers(each(&table, body_member, no_key)?),
        ImportKind::MeetingSeries => Rows::MeetingSeries(each(&table, meeting_series, |s| {
            by_ref(s.external_ref.as_ref())
        })?),
        ImportKind::Meetings => {
            Rows::Meetings(each(&table, meeting, |m| by_ref(m.external_ref.as_ref()))?)
        }
        ImportKind::Ties => Rows::Ties(each(&table, tie, no_key)?),
        ImportKind::Problems => {
            Rows::Problems(each(&table, problem, |p| by_ref(p.external_ref.as_ref()))?)
        }
        ImportKind::Practices => {
            Rows::Practices(each(&table, practice, |p| by_ref(p.external_ref.as_ref()))?)
        }
        ImportKind::Participations => Rows::Participations(each(&table, participation, |p| {
            Some((format!("{} / {}", p.meeting, p.person), "person"))
        })?),
        ImportKind::Topics => {
            Rows::Topics(each(&table, topic, |t| by_ref(t.external_ref.as_ref()))?)
        }
        ImportKind::AgendaItems => Rows::AgendaItems(each(&table, agenda_item, |a| {
            Some((format!("{} / {}", a.meeting, a.position), "position"))
        })?),
        ImportKind::Decisions => Rows::Decisions(each(&table, decision, no_key)?),
        ImportKind::ActionItems => Rows::ActionItems(each(&table, action_item, no_key)?),
    };
    Ok(ImportTable {
        file: file.to_owned(),
        rows,
    })
}

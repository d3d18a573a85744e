//! Synthetic networks for benchmarks and load tests: about N persons spread over real
//! municipalities, with organisations, memberships, bodies, ties, problems, practices, meetings
//! and topics in the proportions of a real state-wide network (DESIGN.md: Saxony ≈ 25,000 actors
//! and 150,000 ties).
//!
//! The generator produces the same [`ImportBatch`] that reading the import files produces, so the
//! store writes synthetic data through the same code as user data. The same seed gives the same
//! data: all randomness comes from one seeded `ChaCha8` generator, and dates are placed relative to
//! a fixed reference day, not to "today".

use std::collections::{HashMap, HashSet};

use jiff::ToSpan;
use jiff::civil::{Date, date};
use rand::prelude::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::actor::{DataBasis, LegalBasis, OrganisationKind, PersonData, Pillars};
use crate::body::{BodyKind, BodyRole};
use crate::error::{Field, ValidationError};
use crate::import::{
    ActionItemRecord, AgendaItemRecord, BodyMemberRecord, BodyRecord, DecisionRecord, HomeRef,
    ImportBatch, ImportTable, Line, MeetingRecord, MeetingSeriesRecord, MembershipRecord,
    MilestoneRecord, OrganisationRecord, ParticipationRecord, PracticeRecord, ProblemRecord, Rows,
    TerritoryRef, TieRecord, TopicRecord,
};
use crate::meeting::{ActionStatus, MeetingFormat, MeetingStatus, ParticipationStatus, TimeSpan};
use crate::problem::{CategoryCode, Hotspot, ProblemStatus, Severity, Trend, Visibility};
use crate::programme::{Funding, MilestoneKind};
use crate::territory::{DistrictAgs, GeoPoint, MunicipalityData, RegionData};
use crate::text::{Email, ExternalRef, Name, Text};
use crate::tie::{Strength, TieKind};
use crate::time::{Period, home_zone};
use crate::topic::TopicStatus;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntheticSpec {
    /// About how many persons.
    pub persons: usize,
    /// Seed of the random generator.
    pub seed: u64,
}

/// The day synthetic dates are placed around: ties begin before it, meetings after it are
/// planned.
pub const REFERENCE_DAY: Date = date(2026, 1, 1);

/// The problem categories the generator draws from, most frequent first (the four named at the
/// Flöha meeting lead, after DOMAIN.md §3).
const CATEGORY_WEIGHTS: &[(&str, u32)] = &[
    ("RES", 10),
    ("GRP", 10),
    ("DRG", 8),
    ("DEM", 6),
    ("ALK", 6),
    ("ORD", 7),
    ("VAN", 7),
    ("LRM", 4),
    ("GEW", 5),
    ("JUG", 5),
    ("EIN", 6),
    ("BET", 5),
    ("CYB", 3),
    ("HGW", 3),
    ("EXT", 4),
    ("INT", 4),
    ("VRK", 5),
    ("ANG", 4),
    ("SUC", 3),
    ("SPO", 2),
    ("OEF", 2),
];

const GIVEN_NAMES: &[&str] = &[
    "Anna",
    "Andreas",
    "Anke",
    "Bernd",
    "Birgit",
    "Christian",
    "Claudia",
    "Daniel",
    "Doreen",
    "Elke",
    "Enrico",
    "Franziska",
    "Frank",
    "Heike",
    "Ines",
    "Jan",
    "Jana",
    "Jens",
    "Julia",
    "Kai",
    "Katrin",
    "Kerstin",
    "Lars",
    "Lisa",
    "Maik",
    "Manuela",
    "Marco",
    "Maria",
    "Martin",
    "Matthias",
    "Michael",
    "Nadine",
    "Nico",
    "Nicole",
    "Peggy",
    "Peter",
    "Ralf",
    "Robert",
    "Ronny",
    "Sabine",
    "Sandra",
    "Silke",
    "Simone",
    "Stefan",
    "Steffen",
    "Susann",
    "Sven",
    "Tino",
    "Thomas",
    "Tobias",
    "Ulrike",
    "Uwe",
    "Yvonne",
    "Sophie",
    "Paul",
    "Lea",
    "Felix",
    "Emma",
    "Lukas",
    "Hannah",
];

const FAMILY_NAMES: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Schmitz",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Seidel",
    "Ludwig",
    "Böhme",
    "Kühn",
    "Pohl",
    "Heinrich",
    "Ullrich",
    "Schubert",
    "Vogt",
];

/// The kind's share of staff relative to others and its members' typical functions.
fn staff(kind: OrganisationKind) -> (u32, &'static [&'static str]) {
    use OrganisationKind as K;
    match kind {
        K::Administration => (
            6,
            &[
                "Bürgermeister/in",
                "Hauptamtsleiter/in",
                "Sachbearbeiter/in",
            ],
        ),
        K::PublicOrderOffice => (
            4,
            &[
                "Amtsleiter/in Ordnungsamt",
                "Präventionskoordinator/in",
                "Vollzugsbedienstete/r",
            ],
        ),
        K::School => (
            3,
            &[
                "Schulleiter/in",
                "Beratungslehrer/in",
                "Schulsozialarbeiter/in",
            ],
        ),
        K::YouthWork => (3, &["Jugendsozialarbeiter/in", "Leiter/in Jugendhaus"]),
        K::Streetwork => (2, &["Streetworker/in"]),
        K::Association => (3, &["Vorsitzende/r", "Mitglied des Vorstands"]),
        K::Church => (2, &["Pfarrer/in", "Gemeindepädagog/in"]),
        K::HousingCompany | K::MunicipalCompany => {
            (2, &["Geschäftsführer/in", "Quartiersmanager/in"])
        }
        K::Business => (2, &["Vorsitzende/r", "Citymanager/in"]),
        K::SocialServices => (4, &["Bereichsleiter/in", "Sozialarbeiter/in"]),
        K::MigrationCounselling => (2, &["Migrationsberater/in", "Integrationskoordinator/in"]),
        K::VictimSupport => (2, &["Berater/in"]),
        K::DistrictOffice => (
            8,
            &["Dezernent/in", "Sachgebietsleiter/in", "Sachbearbeiter/in"],
        ),
        K::YouthOffice => (5, &["Amtsleiter/in Jugendamt", "Jugendhilfeplaner/in"]),
        K::HealthOffice => (3, &["Suchtkoordinator/in"]),
        K::AddictionCounselling => (3, &["Suchtberater/in"]),
        K::SecurityWatch => (5, &["Angehörige/r der Sicherheitswacht"]),
        K::PoliceStation => (
            8,
            &[
                "Revierleiter/in",
                "Bürgerpolizist/in",
                "Präventionsbeamter/-in",
            ],
        ),
        K::PoliceDirectorate => (10, &["Präsident/in", "Leiter/in Fachdienst Prävention"]),
        K::StateAgency => (6, &["ASSKomm-Sachbearbeiter/in", "Referent/in"]),
        K::Coaching => (8, &["Coach"]),
        K::ConflictCounselling => (3, &["Konfliktberater/in"]),
        _ => (2, &["Mitarbeiter/in"]),
    }
}

/// Where an organisation is, for choosing tie partners.
#[derive(Clone, Copy)]
enum Place {
    State,
    District(usize),
    Municipality(usize),
}

struct Org {
    kind: OrganisationKind,
    place: Place,
    persons: Vec<usize>,
}

type PersonsAndMemberships = (Vec<Line<PersonData>>, Vec<Line<MembershipRecord>>);

struct Generator<'a> {
    rng: ChaCha8Rng,
    municipalities: &'a [MunicipalityData],
    districts: Vec<DistrictAgs>,
    municipality_district: Vec<usize>,
    orgs: Vec<Org>,
    org_records: Vec<Line<OrganisationRecord>>,
}

fn err(field: Field) -> impl Fn(crate::error::Rule) -> ValidationError {
    move |rule| rule.at(field)
}

fn name(text: &str) -> Result<Name, ValidationError> {
    Name::parse(text).map_err(err(Field::Name))
}

fn text(content: &str) -> Result<Text, ValidationError> {
    Text::parse(content).map_err(err(Field::Text))
}

fn reference(prefix: &str, n: usize) -> Result<ExternalRef, ValidationError> {
    ExternalRef::parse(&format!("{prefix}{n}")).map_err(err(Field::Ref))
}

fn line<T>(record: T) -> Line<T> {
    Line { line: 0, record }
}

/// Lower-case ASCII for e-mail addresses ("Jörg Weiß" → "joerg.weiss").
fn ascii(input: &str) -> String {
    input
        .to_lowercase()
        .chars()
        .flat_map(|c| match c {
            'ä' => vec!['a', 'e'],
            'ö' => vec!['o', 'e'],
            'ü' => vec!['u', 'e'],
            'ß' => vec!['s', 's'],
            c if c.is_ascii_alphanumeric() => vec![c],
            _ => vec!['-'],
        })
        .collect()
}

impl Generator<'_> {
    fn day_between(&mut self, from: Date, to: Date) -> Date {
        let days = (to - from).get_days().max(1);
        from.checked_add(self.rng.random_range(0..days).days())
            .unwrap_or(from)
    }

    fn population(&self, m: usize) -> u32 {
        self.municipalities[m]
            .seat_population
            .and_then(|p| u32::try_from(p).ok())
            .unwrap_or(1_500)
    }

    fn add_org(
        &mut self,
        kind: OrganisationKind,
        place: Place,
        label: &str,
        area: Vec<TerritoryRef>,
    ) -> Result<usize, ValidationError> {
        let index = self.orgs.len();
        let home = match place {
            Place::State => HomeRef::State,
            Place::District(d) => HomeRef::District(self.districts[d].clone()),
            Place::Municipality(m) => HomeRef::Municipality(self.municipalities[m].ags.clone()),
        };
        let pillar = kind.default_pillar().unwrap_or(crate::actor::Pillar::Civic);
        self.org_records.push(line(OrganisationRecord {
            external_ref: Some(reference("o", index)?),
            name: name(label)?,
            short_name: None,
            aliases: Vec::new(),
            kind,
            pillars: Pillars::new(pillar, []),
            home,
            area,
            email: None,
            phone: None,
            website: None,
            address: None,
            description: None,
        }));
        self.orgs.push(Org {
            kind,
            place,
            persons: Vec::new(),
        });
        Ok(index)
    }

    /// Organisations of every municipality, district and the state, sized by population.
    #[allow(
        clippy::too_many_lines,
        reason = "one table of kinds and sizes, read top to bottom"
    )]
    fn organisations(&mut self) -> Result<(), ValidationError> {
        use OrganisationKind as K;
        self.add_org(
            K::StateAgency,
            Place::State,
            "Landespräventionsrat (synthetisch)",
            vec![],
        )?;
        self.add_org(
            K::Coaching,
            Place::State,
            "Coaching-Institut (synthetisch)",
            vec![],
        )?;
        self.add_org(
            K::ConflictCounselling,
            Place::State,
            "Konfliktberatung (synthetisch)",
            vec![],
        )?;
        self.add_org(
            K::Research,
            Place::State,
            "Hochschule (synthetisch)",
            vec![],
        )?;
        for d in 0..self.districts.len() {
            let ags = self.districts[d].clone();
            let members: Vec<usize> = (0..self.municipalities.len())
                .filter(|m| self.municipality_district[*m] == d)
                .collect();
            let label = |what: &str| format!("{what} Kreis {ags}");
            self.add_org(
                K::PoliceDirectorate,
                Place::District(d),
                &label("Polizeiinspektion"),
                vec![TerritoryRef::District(ags.clone())],
            )?;
            if members.len() > 1 {
                for kind in [
                    K::DistrictOffice,
                    K::YouthOffice,
                    K::HealthOffice,
                    K::SecurityWatch,
                ] {
                    let what = kind.label(crate::i18n::Lang::De);
                    self.add_org(kind, Place::District(d), &label(&what), vec![])?;
                }
            }
            let counselling = 1 + members.len() / 15;
            for n in 0..counselling {
                self.add_org(
                    K::AddictionCounselling,
                    Place::District(d),
                    &label(&format!("Suchtberatungsstelle {}", n + 1)),
                    vec![],
                )?;
            }
            // One police station for about eight municipalities, responsible for them.
            for (n, chunk) in members.chunks(8).enumerate() {
                let area = chunk
                    .iter()
                    .map(|m| TerritoryRef::Municipality(self.municipalities[*m].ags.clone()))
                    .collect();
                let seat = chunk[0];
                let town = self.municipalities[seat].display_name().to_owned();
                let label = format!("Polizeirevier {town} ({})", n + 1);
                self.add_org(K::PoliceStation, Place::Municipality(seat), &label, area)?;
            }
        }
        for m in 0..self.municipalities.len() {
            let population = self.population(m);
            let town = self.municipalities[m].display_name().to_owned();
            let place = Place::Municipality(m);
            let count = |per: u32, cap: u32| (population / per).min(cap);
            let mut plan: Vec<(K, u32)> = vec![
                (K::Administration, 1),
                (K::PublicOrderOffice, 1),
                (K::School, count(4_000, 25).max(1)),
                (K::Association, 1 + count(5_000, 20)),
                (K::Church, 1 + count(10_000, 8)),
                (K::YouthWork, count(8_000, 10)),
            ];
            if population > 15_000 {
                plan.push((K::Streetwork, 1 + count(50_000, 4)));
                plan.push((K::MigrationCounselling, 1));
            }
            if population > 10_000 {
                plan.push((K::SocialServices, 1 + count(40_000, 5)));
                plan.push((K::Business, 1));
            }
            if population > 5_000 {
                plan.push((K::HousingCompany, 1));
            }
            if population > 50_000 {
                plan.push((K::VictimSupport, 1));
                plan.push((K::PlanningOffice, 1));
            }
            for (kind, n) in plan {
                for i in 0..n {
                    let what = kind.label(crate::i18n::Lang::De);
                    let label = if n > 1 {
                        format!("{what} {town} {}", i + 1)
                    } else {
                        format!("{what} {town}")
                    };
                    self.add_org(kind, place, &label, vec![])?;
                }
            }
        }
        Ok(())
    }

    /// Persons in proportion to each organisation's typical staff, and their memberships.
    fn persons(&mut self, target: usize) -> Result<PersonsAndMemberships, ValidationError> {
        // Staff in proportion to each kind's weight: whole shares first, then the remaining
        // persons one by one to organisations drawn by weight, so the total is exactly `target`.
        let weights: Vec<u64> = self
            .orgs
            .iter()
            .map(|o| u64::from(staff(o.kind).0))
            .collect();
        let total: u64 = weights.iter().sum::<u64>().max(1);
        let target_u64 = target as u64;
        let mut counts: Vec<usize> = weights
            .iter()
            .map(|w| usize::try_from(w * target_u64 / total).unwrap_or(0))
            .collect();
        let mut missing = target.saturating_sub(counts.iter().sum());
        while missing > 0 {
            let mut roll = self.rng.random_range(0..total);
            for (org, weight) in weights.iter().enumerate() {
                if roll < *weight {
                    counts[org] += 1;
                    missing -= 1;
                    break;
                }
                roll -= weight;
            }
        }
        let mut persons = Vec::with_capacity(target);
        let mut memberships = Vec::with_capacity(target + target / 8);
        let lower = date(2008, 1, 1);
        for (org, count) in counts.into_iter().enumerate() {
            for _ in 0..count {
                let index = persons.len();
                let given = *GIVEN_NAMES.choose(&mut self.rng).unwrap_or(&"Alex");
                let family = *FAMILY_NAMES.choose(&mut self.rng).unwrap_or(&"Muster");
                let public = matches!(
                    self.orgs[org].kind,
                    OrganisationKind::Administration
                        | OrganisationKind::PublicOrderOffice
                        | OrganisationKind::PoliceStation
                        | OrganisationKind::PoliceDirectorate
                        | OrganisationKind::DistrictOffice
                        | OrganisationKind::YouthOffice
                        | OrganisationKind::HealthOffice
                        | OrganisationKind::School
                        | OrganisationKind::StateAgency
                );
                let basis = if public {
                    DataBasis::new(LegalBasis::PublicTask, None)?
                } else {
                    let day = self.day_between(date(2019, 1, 1), REFERENCE_DAY);
                    DataBasis::new(LegalBasis::Consent, Some(day))?
                };
                let email = format!(
                    "{}.{}.{index}@synthetisch.invalid",
                    ascii(given),
                    ascii(family)
                );
                persons.push(line(PersonData {
                    external_ref: Some(reference("p", index)?),
                    title: None,
                    given_name: name(given)?,
                    family_name: name(family)?,
                    email: Some(Email::parse(&email).map_err(err(Field::Email))?),
                    phone: None,
                    basis,
                    note: None,
                }));
                let functions = staff(self.orgs[org].kind).1;
                let function = functions
                    .choose(&mut self.rng)
                    .copied()
                    .unwrap_or("Mitarbeiter/in");
                let since = self.day_between(lower, date(2024, 12, 31));
                memberships.push(line(MembershipRecord {
                    person: reference("p", index)?,
                    organisation: reference("o", org)?,
                    function: Some(name(function)?),
                    period: Period::new(Some(since), None).map_err(err(Field::Since))?,
                }));
                // One in eight changed jobs: an earlier membership that ended.
                if self.rng.random_bool(0.125) && since > date(2009, 1, 1) {
                    let other = self.rng.random_range(0..self.orgs.len());
                    if other != org {
                        let start = self.day_between(lower, since);
                        memberships.push(line(MembershipRecord {
                            person: reference("p", index)?,
                            organisation: reference("o", other)?,
                            function: Some(name("Mitarbeiter/in")?),
                            period: Period::new(Some(start), Some(since))
                                .map_err(err(Field::Until))?,
                        }));
                    }
                }
                self.orgs[org].persons.push(index);
            }
        }
        Ok((persons, memberships))
    }

    fn municipality_of(&self, org: usize) -> Option<usize> {
        match self.orgs[org].place {
            Place::Municipality(m) => Some(m),
            _ => None,
        }
    }

    fn district_of(&self, org: usize) -> Option<usize> {
        match self.orgs[org].place {
            Place::Municipality(m) => Some(self.municipality_district[m]),
            Place::District(d) => Some(d),
            Place::State => None,
        }
    }

    /// Ties: dense among colleagues, frequent within a municipality, fewer across the district
    /// and the state; brokers (police, order offices, district and state agencies) reach
    /// further. About six ties per person.
    #[allow(
        clippy::too_many_lines,
        reason = "person ties, then organisation ties; one recipe"
    )]
    fn ties(&mut self, person_org: &[usize]) -> Result<Vec<Line<TieRecord>>, ValidationError> {
        let mut by_municipality: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut by_district: HashMap<usize, Vec<usize>> = HashMap::new();
        for (person, org) in person_org.iter().enumerate() {
            if let Some(m) = self.municipality_of(*org) {
                by_municipality.entry(m).or_default().push(person);
            }
            if let Some(d) = self.district_of(*org) {
                by_district.entry(d).or_default().push(person);
            }
        }
        let everyone: Vec<usize> = (0..person_org.len()).collect();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let mut ties = Vec::with_capacity(person_org.len() * 6);
        for (person, &org) in person_org.iter().enumerate() {
            let broker = matches!(
                self.orgs[org].kind,
                OrganisationKind::PoliceStation
                    | OrganisationKind::PoliceDirectorate
                    | OrganisationKind::PublicOrderOffice
                    | OrganisationKind::DistrictOffice
                    | OrganisationKind::StateAgency
                    | OrganisationKind::Coaching
            );
            let empty = Vec::new();
            let plan: [(usize, &Vec<usize>, u8); 4] = [
                (3, &self.orgs[org].persons, 4),
                (
                    2,
                    self.municipality_of(org)
                        .and_then(|m| by_municipality.get(&m))
                        .unwrap_or(&empty),
                    3,
                ),
                (
                    if broker { 3 } else { 1 },
                    self.district_of(org)
                        .and_then(|d| by_district.get(&d))
                        .unwrap_or(&empty),
                    2,
                ),
                (
                    usize::from(broker || self.rng.random_bool(0.2)),
                    &everyone,
                    2,
                ),
            ];
            let mut wanted = Vec::new();
            for (count, pool, strength) in plan {
                for _ in 0..count {
                    if let Some(&other) = pool.choose(&mut self.rng) {
                        wanted.push((other, strength));
                    }
                }
            }
            for (other, base) in wanted {
                let pair = (person.min(other), person.max(other));
                if other == person || !seen.insert(pair) {
                    continue;
                }
                let roll = self.rng.random_range(0..100);
                let kind = match roll {
                    0..45 => TieKind::Cooperation,
                    45..80 => TieKind::InformationExchange,
                    80..87 => TieKind::FormalAgreement,
                    87..90 => TieKind::Funding,
                    90..95 => TieKind::Instruction,
                    _ => TieKind::Conflict,
                };
                let strength = (i64::from(base) + self.rng.random_range(-1..=1)).clamp(1, 5);
                let since = self.day_between(date(2019, 1, 1), REFERENCE_DAY);
                let until = if self.rng.random_bool(0.1) {
                    Some(self.day_between(since, REFERENCE_DAY))
                } else {
                    None
                };
                ties.push(line(TieRecord {
                    source: reference("p", person)?,
                    target: reference("p", other)?,
                    kind,
                    directed: kind.directed_by_default(),
                    strength: Strength::new(strength).map_err(err(Field::Strength))?,
                    period: Period::new(Some(since), until).map_err(err(Field::Until))?,
                    source_note: None,
                    meeting: None,
                }));
            }
        }
        // Organisations cooperate too: each with a few others of its municipality or district.
        let mut org_seen: HashSet<(usize, usize)> = HashSet::new();
        let mut orgs_by_district: HashMap<usize, Vec<usize>> = HashMap::new();
        for org in 0..self.orgs.len() {
            if let Some(d) = self.district_of(org) {
                orgs_by_district.entry(d).or_default().push(org);
            }
        }
        for org in 0..self.orgs.len() {
            let Some(pool) = self.district_of(org).and_then(|d| orgs_by_district.get(&d)) else {
                continue;
            };
            for _ in 0..2 {
                let Some(&other) = pool.choose(&mut self.rng) else {
                    continue;
                };
                if other == org || !org_seen.insert((org.min(other), org.max(other))) {
                    continue;
                }
                let since = self.day_between(date(2019, 1, 1), REFERENCE_DAY);
                ties.push(line(TieRecord {
                    source: reference("o", org)?,
                    target: reference("o", other)?,
                    kind: TieKind::Cooperation,
                    directed: false,
                    strength: Strength::new(self.rng.random_range(1..=4))
                        .map_err(err(Field::Strength))?,
                    period: Period::new(Some(since), None).map_err(err(Field::Since))?,
                    source_note: None,
                    meeting: None,
                }));
            }
        }
        Ok(ties)
    }
}

fn category(rng: &mut ChaCha8Rng) -> Result<CategoryCode, ValidationError> {
    let total: u32 = CATEGORY_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (code, weight) in CATEGORY_WEIGHTS {
        if roll < *weight {
            return CategoryCode::parse(code).map_err(err(Field::Category));
        }
        roll -= weight;
    }
    CategoryCode::parse("RES").map_err(err(Field::Category))
}

/// Generates a synthetic network over `municipalities` (and the network `regions` that group
/// their districts): the records of every kind except districts, municipalities and regions,
/// which the caller imports from the real base data in the same batch.
#[allow(
    clippy::too_many_lines,
    reason = "one pass per kind of record, in dependency order; reads top to bottom"
)]
pub fn generate(
    spec: SyntheticSpec,
    municipalities: &[MunicipalityData],
    regions: &[RegionData],
) -> Result<ImportBatch, ValidationError> {
    let mut districts: Vec<DistrictAgs> = municipalities.iter().map(|m| m.ags.district()).collect();
    districts.sort();
    districts.dedup();
    let municipality_district = municipalities
        .iter()
        .map(|m| districts.binary_search(&m.ags.district()).unwrap_or(0))
        .collect();
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(spec.seed),
        municipalities,
        districts,
        municipality_district,
        orgs: Vec::new(),
        org_records: Vec::new(),
    };
    g.organisations()?;
    let (persons, memberships) = g.persons(spec.persons)?;
    let mut person_org = vec![0; persons.len()];
    for (org, o) in g.orgs.iter().enumerate() {
        for person in &o.persons {
            person_org[*person] = org;
        }
    }
    let ties = g.ties(&person_org)?;

    // Milestones: about a third of the municipalities take part in the programme.
    let mut milestones = Vec::new();
    let kinds = [
        MilestoneKind::Contacted,
        MilestoneKind::Consultation,
        MilestoneKind::CouncilConstituted,
        MilestoneKind::CooperationAgreement,
        MilestoneKind::CoachingStarted,
        MilestoneKind::SecurityAnalysisStarted,
        MilestoneKind::FundingGranted,
    ];
    for m in municipalities {
        if !g.rng.random_bool(0.35) {
            continue;
        }
        let steps = g.rng.random_range(1..=kinds.len());
        let mut day = g.day_between(date(2019, 2, 6), date(2021, 12, 31));
        for kind in &kinds[..steps] {
            let funding = (*kind == MilestoneKind::FundingGranted).then(|| Funding {
                amount_cents: g.rng.random_range(200_000..2_500_000),
                purpose: None,
            });
            milestones.push(line(MilestoneRecord {
                municipality: m.ags.clone(),
                kind: *kind,
                achieved_on: day,
                context: None,
                funding,
                note: None,
            }));
            day = g.day_between(day.checked_add(30.days()).unwrap_or(day), REFERENCE_DAY);
        }
    }

    // Bodies: a prevention council with a steering group in larger towns and some small ones.
    let mut bodies = Vec::new();
    let mut members = Vec::new();
    let municipal_persons: Vec<Vec<usize>> = {
        let mut lists = vec![Vec::new(); municipalities.len()];
        for (person, org) in person_org.iter().enumerate() {
            if let Some(m) = g.municipality_of(*org) {
                lists[m].push(person);
            }
        }
        lists
    };
    for (m, municipality) in municipalities.iter().enumerate() {
        if g.population(m) < 8_000 && !g.rng.random_bool(0.25) {
            continue;
        }
        let town = municipality.display_name().to_owned();
        let council = bodies.len();
        bodies.push(line(BodyRecord {
            external_ref: Some(reference("b", council)?),
            name: name(&format!("Kommunaler Präventionsrat {town}"))?,
            aliases: Vec::new(),
            kind: BodyKind::PreventionCouncil,
            home: HomeRef::Municipality(municipality.ags.clone()),
            parent: None,
            period: Period::new(Some(g.day_between(date(2005, 1, 1), REFERENCE_DAY)), None)
                .map_err(err(Field::FoundedOn))?,
            description: None,
        }));
        let steering = bodies.len();
        bodies.push(line(BodyRecord {
            external_ref: Some(reference("b", steering)?),
            name: name(&format!("Lenkungsgruppe Prävention {town}"))?,
            aliases: Vec::new(),
            kind: BodyKind::SteeringGroup,
            home: HomeRef::Municipality(municipality.ags.clone()),
            parent: Some(reference("b", council)?),
            period: Period::ALWAYS,
            description: None,
        }));
        let pool = &municipal_persons[m];
        let mut chosen: Vec<usize> = pool
            .sample(&mut g.rng, pool.len().min(14))
            .copied()
            .collect();
        chosen.sort_unstable();
        for (i, person) in chosen.iter().enumerate() {
            let role = match i {
                0 => BodyRole::Chair,
                1 => BodyRole::Coordinator,
                _ => BodyRole::Member,
            };
            members.push(line(BodyMemberRecord {
                body: reference("b", council)?,
                person: reference("p", *person)?,
                organisation: Some(reference("o", person_org[*person])?),
                role,
                period: Period::ALWAYS,
            }));
            if i < 5 {
                members.push(line(BodyMemberRecord {
                    body: reference("b", steering)?,
                    person: reference("p", *person)?,
                    organisation: Some(reference("o", person_org[*person])?),
                    role: if i == 0 {
                        BodyRole::Chair
                    } else {
                        BodyRole::Member
                    },
                    period: Period::ALWAYS,
                }));
            }
        }
    }

    // Problems: up to six per municipality, more in larger towns.
    let mut problems = Vec::new();
    let statuses = [
        ProblemStatus::Open,
        ProblemStatus::InProgress,
        ProblemStatus::Monitoring,
        ProblemStatus::Resolved,
    ];
    let trends = [Trend::Rising, Trend::Stable, Trend::Falling, Trend::Unknown];
    let visibilities = [
        Visibility::Municipality,
        Visibility::Region,
        Visibility::Network,
    ];
    for (m, municipality) in municipalities.iter().enumerate() {
        let count = g.rng.random_range(0..=2) + usize::from(g.population(m) > 10_000) * 3;
        let mut used = HashSet::new();
        for _ in 0..count {
            let code = category(&mut g.rng)?;
            if !used.insert(code.clone()) {
                continue;
            }
            let index = problems.len();
            let hotspot = match municipality.location {
                Some(location) if g.rng.random_bool(0.4) => Some(Hotspot {
                    name: name("Bahnhofsumfeld")?,
                    location: Some(GeoPoint::new(
                        location.lat() + g.rng.random_range(-0.01..0.01),
                        location.lon() + g.rng.random_range(-0.01..0.01),
                    )?),
                }),
                _ => None,
            };
            let responsible = municipal_persons[m]
                .choose(&mut g.rng)
                .map(|p| reference("p", *p))
                .transpose()?
                .into_iter()
                .collect();
            problems.push(line(ProblemRecord {
                external_ref: Some(reference("pl", index)?),
                municipality: municipality.ags.clone(),
                title: name(&format!(
                    "{} in {}",
                    code.as_str(),
                    municipality.display_name()
                ))?,
                category: code,
                description: None,
                severity: Severity::new(g.rng.random_range(1..=5)).map_err(err(Field::Severity))?,
                trend: *trends.choose(&mut g.rng).unwrap_or(&Trend::Unknown),
                status: *statuses.choose(&mut g.rng).unwrap_or(&ProblemStatus::Open),
                visibility: *visibilities
                    .choose(&mut g.rng)
                    .unwrap_or(&Visibility::Region),
                hotspot,
                observed_since: Some(g.day_between(date(2018, 1, 1), REFERENCE_DAY)),
                responsible,
                affected: Vec::new(),
            }));
        }
    }

    // Practices: one in eight municipalities shares what it tried.
    let mut practices = Vec::new();
    for (m, municipality) in municipalities.iter().enumerate() {
        if !g.rng.random_bool(0.125) {
            continue;
        }
        let index = practices.len();
        let partners: Vec<ExternalRef> = g
            .orgs
            .iter()
            .enumerate()
            .filter(|(_, o)| matches!(o.place, Place::Municipality(x) if x == m))
            .take(3)
            .map(|(org, _)| reference("o", org))
            .collect::<Result<_, _>>()?;
        let contact = municipal_persons[m]
            .choose(&mut g.rng)
            .map(|p| reference("p", *p))
            .transpose()?;
        let started = g.day_between(date(2019, 1, 1), REFERENCE_DAY);
        practices.push(line(PracticeRecord {
            external_ref: Some(reference("pr", index)?),
            municipality: municipality.ags.clone(),
            title: name(&format!(
                "Praxisbeispiel {} {}",
                municipality.display_name(),
                index + 1
            ))?,
            summary: Some(text("Synthetisches Praxisbeispiel für Lasttests.")?),
            approach: None,
            outcome: None,
            categories: vec![category(&mut g.rng)?],
            partners,
            contact,
            period: Period::new(Some(started), None).map_err(err(Field::StartedOn))?,
        }));
    }

    // Meetings: a series per region, twice a year since 2021; participants from its districts.
    let mut series = Vec::new();
    let mut meetings = Vec::new();
    let mut participations = Vec::new();
    let mut topics = Vec::new();
    let mut agenda = Vec::new();
    let mut decisions = Vec::new();
    let mut actions = Vec::new();
    let zone = home_zone();
    for (r, region) in regions.iter().enumerate() {
        let series_ref = reference("s", r)?;
        series.push(line(MeetingSeriesRecord {
            external_ref: Some(series_ref.clone()),
            name: name(&format!("Vernetzungstreffen {}", region.name))?,
            description: None,
            region: Some(region.slug.clone()),
            organiser: Some(reference("o", 0)?),
        }));
        let region_persons: Vec<usize> = person_org
            .iter()
            .enumerate()
            .filter(|(_, org)| {
                g.district_of(**org)
                    .is_some_and(|d| region.districts.contains(&g.districts[d]))
            })
            .map(|(p, _)| p)
            .collect();
        for half in 0..12u8 {
            let year = 2021 + i16::from(half / 2);
            let month = if half % 2 == 0 { 5 } else { 9 };
            let day = date(year, month, g.rng.random_range(1..=28));
            let start = day.at(10, 0, 0, 0).to_zoned(zone.clone()).map_err(|_| {
                crate::error::Rule::InvalidDate {
                    found: day.to_string(),
                }
                .at(Field::StartsAt)
            })?;
            let end = start.checked_add(4.hours()).map_err(|_| {
                crate::error::Rule::InvalidDate {
                    found: day.to_string(),
                }
                .at(Field::EndsAt)
            })?;
            let held = day < REFERENCE_DAY;
            let meeting_ref = reference("m", meetings.len())?;
            let venue = region
                .districts
                .first()
                .and_then(|d| municipalities.iter().find(|m| &m.ags.district() == d));
            meetings.push(line(MeetingRecord {
                external_ref: Some(meeting_ref.clone()),
                series: Some(series_ref.clone()),
                title: name(&format!(
                    "Vernetzungstreffen {} {}/{year}",
                    region.name,
                    half % 2 + 1
                ))?,
                time: TimeSpan::new(start.timestamp(), end.timestamp())?,
                format: if year == 2021 {
                    MeetingFormat::Online
                } else {
                    MeetingFormat::InPerson
                },
                status: if held {
                    MeetingStatus::Held
                } else {
                    MeetingStatus::Planned
                },
                venue_name: venue.map(|_| name("Rathaus, Ratssaal")).transpose()?,
                venue_address: None,
                venue_municipality: venue.map(|m| m.ags.clone()),
                venue_location: venue.and_then(|m| m.location),
                capacity: Some(60),
                description: None,
                minutes: held.then(|| text("Synthetisches Protokoll.")).transpose()?,
                hosts: vec![reference("o", 0)?, reference("o", 1)?],
            }));
            let mut attendees: Vec<usize> = region_persons
                .sample(&mut g.rng, region_persons.len().min(30))
                .copied()
                .collect();
            attendees.sort_unstable();
            for person in &attendees {
                let status = if held {
                    match g.rng.random_range(0..20) {
                        0..17 => ParticipationStatus::Attended,
                        17..19 => ParticipationStatus::Excused,
                        _ => ParticipationStatus::Absent,
                    }
                } else if g.rng.random_bool(0.5) {
                    ParticipationStatus::Registered
                } else {
                    ParticipationStatus::Invited
                };
                participations.push(line(ParticipationRecord {
                    meeting: meeting_ref.clone(),
                    person: reference("p", *person)?,
                    organisation: Some(reference("o", person_org[*person])?),
                    status,
                    note: None,
                }));
            }
            for position in 1..=4u32 {
                let topic = if position > 1 {
                    let topic_ref = reference("t", topics.len())?;
                    let code = category(&mut g.rng)?;
                    topics.push(line(TopicRecord {
                        external_ref: Some(topic_ref.clone()),
                        title: name(&format!("Thema {} ({})", topics.len() + 1, code.as_str()))?,
                        description: None,
                        status: if held {
                            TopicStatus::Discussed
                        } else {
                            TopicStatus::Scheduled
                        },
                        series: Some(series_ref.clone()),
                        raised_by: attendees.first().map(|p| reference("p", *p)).transpose()?,
                        raised_at: None,
                        raised_on: day.checked_sub(30.days()).unwrap_or(day),
                        categories: vec![code],
                        municipalities: Vec::new(),
                    }));
                    Some(topic_ref)
                } else {
                    None
                };
                agenda.push(line(AgendaItemRecord {
                    meeting: meeting_ref.clone(),
                    position,
                    title: name(if position == 1 {
                        "Begrüßung"
                    } else {
                        "Austausch"
                    })?,
                    duration_minutes: Some(if position == 1 { 15 } else { 45 }),
                    presenter: attendees
                        .get(position as usize)
                        .map(|p| reference("p", *p))
                        .transpose()?,
                    topic,
                    notes: None,
                }));
            }
            if held {
                decisions.push(line(DecisionRecord {
                    meeting: meeting_ref.clone(),
                    agenda_position: Some(2),
                    text: text(
                        "Die Arbeitsgruppe bereitet das Thema für das nächste Treffen vor.",
                    )?,
                }));
                let done = day
                    .checked_add(60.days())
                    .ok()
                    .filter(|d| *d < REFERENCE_DAY);
                actions.push(line(ActionItemRecord {
                    meeting: Some(meeting_ref.clone()),
                    title: name("Ergebnisse an die Kommunen versenden")?,
                    owner: attendees.first().map(|p| reference("p", *p)).transpose()?,
                    due_on: day.checked_add(30.days()).ok(),
                    status: if done.is_some() {
                        ActionStatus::Done
                    } else {
                        ActionStatus::Open
                    },
                    completed_on: done,
                }));
            }
        }
    }

    let mut batch = ImportBatch::new();
    let tables = [
        ("milestones", Rows::Milestones(milestones)),
        (
            "organisations",
            Rows::Organisations(std::mem::take(&mut g.org_records)),
        ),
        ("persons", Rows::Persons(persons)),
        ("memberships", Rows::Memberships(memberships)),
        ("bodies", Rows::Bodies(bodies)),
        ("body_members", Rows::BodyMembers(members)),
        ("meeting_series", Rows::MeetingSeries(series)),
        ("meetings", Rows::Meetings(meetings)),
        ("ties", Rows::Ties(ties)),
        ("problems", Rows::Problems(problems)),
        ("practices", Rows::Practices(practices)),
        ("participations", Rows::Participations(participations)),
        ("topics", Rows::Topics(topics)),
        ("agenda_items", Rows::AgendaItems(agenda)),
        ("decisions", Rows::Decisions(decisions)),
        ("action_items", Rows::ActionItems(actions)),
    ];
    for (file, rows) in tables {
        batch.push(ImportTable {
            file: format!("synthetic:{file}"),
            rows,
        });
    }
    Ok(batch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportKind;
    use crate::territory::DistrictAgs;
    use crate::text::Slug;

    fn saxony() -> Vec<MunicipalityData> {
        let table = ImportKind::Municipalities
            .read(
                "municipalities.csv",
                include_bytes!("../../../data/sachsen/municipalities.csv"),
            )
            .unwrap();
        match table.rows {
            Rows::Municipalities(rows) => rows.into_iter().map(|l| l.record).collect(),
            _ => unreachable!(),
        }
    }

    fn regions() -> Vec<RegionData> {
        vec![RegionData {
            slug: Slug::parse("chemnitz-erzgebirge-mittelsachsen").unwrap(),
            name: Name::parse("Chemnitz · Erzgebirge · Mittelsachsen").unwrap(),
            description: None,
            districts: ["14511", "14521", "14522"]
                .iter()
                .map(|d| DistrictAgs::parse(d).unwrap())
                .collect(),
        }]
    }

    fn count(batch: &ImportBatch, kind: ImportKind) -> usize {
        batch
            .tables()
            .iter()
            .find(|t| t.kind() == kind)
            .map_or(0, ImportTable::len)
    }

    #[test]
    fn the_same_seed_gives_the_same_network() {
        let municipalities = saxony();
        let spec = SyntheticSpec {
            persons: 2_000,
            seed: 7,
        };
        let a = generate(spec, &municipalities, &regions()).unwrap();
        let b = generate(spec, &municipalities, &regions()).unwrap();
        assert_eq!(format!("{:?}", a.tables()), format!("{:?}", b.tables()));
        let c = generate(
            SyntheticSpec { seed: 8, ..spec },
            &municipalities,
            &regions(),
        )
        .unwrap();
        assert_ne!(format!("{:?}", a.tables()), format!("{:?}", c.tables()));
    }

    #[test]
    fn proportions_follow_a_state_wide_network() {
        let municipalities = saxony();
        let batch = generate(
            SyntheticSpec {
                persons: 5_000,
                seed: 1,
            },
            &municipalities,
            &regions(),
        )
        .unwrap();
        let persons = count(&batch, ImportKind::Persons);
        assert_eq!(persons, 5_000);
        let ties = count(&batch, ImportKind::Ties);
        // About six ties per person, as in the Saxony scale figures (25,000 actors, 150,000 ties).
        assert!(
            ties > persons * 4 && ties < persons * 8,
            "{ties} ties for {persons} persons"
        );
        let organisations = count(&batch, ImportKind::Organisations);
        assert!(organisations > 418 * 4, "{organisations}");
        assert!(count(&batch, ImportKind::Memberships) >= persons);
        assert!(count(&batch, ImportKind::Problems) > 418);
        assert!(count(&batch, ImportKind::Meetings) >= 12);
        assert!(count(&batch, ImportKind::Participations) > 100);
    }

    #[test]
    fn every_reference_points_at_a_generated_record() {
        let municipalities = saxony();
        let batch = generate(
            SyntheticSpec {
                persons: 1_000,
                seed: 3,
            },
            &municipalities,
            &regions(),
        )
        .unwrap();
        let mut refs = HashSet::new();
        for table in batch.tables() {
            match &table.rows {
                Rows::Organisations(rows) => {
                    refs.extend(rows.iter().filter_map(|l| l.record.external_ref.clone()));
                }
                Rows::Persons(rows) => {
                    refs.extend(rows.iter().filter_map(|l| l.record.external_ref.clone()));
                }
                _ => {}
            }
        }
        for table in batch.tables() {
            match &table.rows {
                Rows::Ties(rows) => {
                    for tie in rows {
                        assert!(refs.contains(&tie.record.source), "{:?}", tie.record.source);
                        assert!(refs.contains(&tie.record.target), "{:?}", tie.record.target);
                        assert_ne!(tie.record.source, tie.record.target);
                    }
                }
                Rows::Memberships(rows) => {
                    for m in rows {
                        assert!(
                            refs.contains(&m.record.person)
                                && refs.contains(&m.record.organisation)
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

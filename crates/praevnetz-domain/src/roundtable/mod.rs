//! Round tables: the people who should sit together on a municipality's problem.
//!
//! A coordinator names a municipality and a problem category (or a recorded problem) and a
//! number of seats; the recommender proposes that many persons who together cover the roles
//! the category's template asks for, include those locally responsible, span the pillars where
//! the template wants all four, carry influence and bridge separate groups, know each other
//! directly or through one broker, and are not overloaded. docs/roundtable.md tells users the
//! same; [`Weights`] holds the weights of the objective.
//!
//! The search is deterministic: greedy by marginal gain (after Lappas, Liu & Terzi 2009, who
//! cover the rarest skill first; here every term of the objective competes for each seat),
//! then single swaps while one improves the objective, ties broken by the lower person id.

mod pool;
mod search;

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::actor::{OrganisationKind, Pillar};
use crate::codes::code_enum;
use crate::error::{Field, Rule, ValidationError};
use crate::i18n::{Args, Lang, Localize, catalog};
use crate::ids::{ActorId, MunicipalityId, OrganisationId, PersonId};
use crate::problem::CategoryCode;

pub use pool::{Load, Loads, TableNetwork, loads};
pub use search::recommend;

code_enum! {
    /// What a seat at a round table contributes: a kind of organisation the problem needs.
    pub enum TableRole: "table-role" {
        Police = "police",
        PublicOrder = "public_order",
        Administration = "administration",
        YouthOffice = "youth_office",
        SocialServices = "social_services",
        School = "school",
        Health = "health",
        Planning = "planning",
        Housing = "housing",
        SecurityWatch = "security_watch",
        Justice = "justice",
        YouthWork = "youth_work",
        Streetwork = "streetwork",
        AddictionCounselling = "addiction_counselling",
        Migration = "migration",
        VictimSupport = "victim_support",
        ConflictCounselling = "conflict_counselling",
        Church = "church",
        Civic = "civic",
        Business = "business",
    }
}

impl TableRole {
    /// The organisation kinds whose members fill this role.
    pub fn kinds(self) -> &'static [OrganisationKind] {
        use OrganisationKind as K;
        match self {
            TableRole::Police => &[K::PoliceStation, K::PoliceDirectorate],
            TableRole::PublicOrder => &[K::PublicOrderOffice],
            TableRole::Administration => &[K::Administration, K::DistrictOffice],
            TableRole::YouthOffice => &[K::YouthOffice],
            TableRole::SocialServices => &[K::SocialOffice, K::SocialServices],
            TableRole::School => &[K::School, K::SchoolOffice],
            TableRole::Health => &[K::HealthOffice],
            TableRole::Planning => &[K::PlanningOffice],
            TableRole::Housing => &[K::HousingCompany, K::MunicipalCompany],
            TableRole::SecurityWatch => &[K::SecurityWatch],
            TableRole::Justice => &[K::Justice],
            TableRole::YouthWork => &[K::YouthWork],
            TableRole::Streetwork => &[K::Streetwork],
            TableRole::AddictionCounselling => &[K::AddictionCounselling],
            TableRole::Migration => &[K::MigrationCounselling],
            TableRole::VictimSupport => &[K::VictimSupport],
            TableRole::ConflictCounselling => &[K::ConflictCounselling],
            TableRole::Church => &[K::Church],
            TableRole::Civic => &[K::Association, K::CitizensInitiative],
            TableRole::Business => &[K::Business],
        }
    }

    /// The role members of an organisation of `kind` fill, if any.
    pub fn of_kind(kind: OrganisationKind) -> Option<TableRole> {
        TableRole::ALL
            .iter()
            .copied()
            .find(|role| role.kinds().contains(&kind))
    }

    /// The role's bit in a set of roles.
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// The roles a problem category needs at a round table, and whether all four pillars should
/// sit at it. Shipped for every category of the taxonomy; administrators can change them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleTemplate {
    /// The category.
    pub category: CategoryCode,
    roles: Vec<TableRole>,
    /// Whether the table should span the four pillars.
    pub all_pillars: bool,
}

impl RoleTemplate {
    /// At least one role; repetitions dropped, roles in the vocabulary's order.
    pub fn new(
        category: CategoryCode,
        roles: impl IntoIterator<Item = TableRole>,
        all_pillars: bool,
    ) -> Result<RoleTemplate, ValidationError> {
        let mut roles: Vec<TableRole> = roles.into_iter().collect();
        roles.sort();
        roles.dedup();
        if roles.is_empty() {
            return Err(Rule::Required.at(Field::Role));
        }
        Ok(RoleTemplate {
            category,
            roles,
            all_pillars,
        })
    }

    /// The roles, in the vocabulary's order.
    pub fn roles(&self) -> &[TableRole] {
        &self.roles
    }

    fn mask(&self) -> u32 {
        self.roles.iter().fold(0, |mask, role| mask | role.bit())
    }
}

/// Most seats a round table may have.
pub const MAX_SEATS: usize = 30;
/// Seats when none are asked for.
pub const DEFAULT_SEATS: usize = 8;

/// What the coordinator asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The municipality the problem lies in.
    pub municipality: MunicipalityId,
    /// Its category's template.
    pub template: RoleTemplate,
    /// How many people.
    pub seats: usize,
    /// Persons who must sit at the table.
    pub include: Vec<PersonId>,
    /// Persons who must not.
    pub exclude: Vec<PersonId>,
    /// The actors recorded as responsible for the problem, when a recorded problem is asked
    /// about.
    pub responsible: Vec<ActorId>,
    /// When given, only these persons can take a seat: those the asker may see.
    pub eligible: Option<BTreeSet<PersonId>>,
}

/// The weights of the objective: a table's value is the sum of each term times its weight.
/// The coverage terms weigh most: one seat adds at most 13 through the other terms (proximity
/// 4, influence 1.5, brokerage 1.5, and connectivity up to 6, as a seat that knows everyone
/// raises the others' share too), less than a pillar (15), a local responsibility (20) or a
/// role (30), so that coverage is never given up for a closer or better connected person.
/// Among people who cover the same, proximity weighs most: a round table for a town should
/// seat its own people before equally fitting people from elsewhere in the district.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Weights {
    /// Per template role covered.
    pub roles: f64,
    /// Per local responsibility covered (the municipality, its district, the police station
    /// responsible for it, the actors responsible for the problem).
    pub local: f64,
    /// Per pillar covered, where the template asks for all four.
    pub pillars: f64,
    /// Per seat: 1 at home in the municipality, ½ elsewhere in the district, ¼ for an
    /// organisation whose area covers it, 0 above.
    pub proximity: f64,
    /// Per seat: `PageRank` relative to the highest in the pool (0–1).
    pub influence: f64,
    /// Per seat: 1 − Burt's constraint (0–1): how far the person bridges contacts who do not
    /// know each other.
    pub brokerage: f64,
    /// Per seat: the share of the other seats it reaches directly or through one person.
    pub connectivity: f64,
    /// Per seat, subtracted: the load (bodies, open action items, recent meetings) relative
    /// to [`Load::FULL`], at most 1.
    pub load: f64,
}

/// The weights praevnetz uses.
pub const WEIGHTS: Weights = Weights {
    roles: 30.0,
    local: 20.0,
    pillars: 15.0,
    proximity: 4.0,
    influence: 1.5,
    brokerage: 1.5,
    connectivity: 3.0,
    load: 2.0,
};

/// A local responsibility a table should include.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Local {
    /// At home in the municipality.
    Municipality,
    /// At home at the district (Landratsamt and its offices).
    District,
    /// The police station whose area covers the municipality (or, without one, the police
    /// directorate).
    PoliceStation,
    /// Recorded as responsible for the problem.
    Problem,
}

impl Local {
    /// Every local responsibility, in order.
    pub const ALL: [Local; 4] = [
        Local::Municipality,
        Local::District,
        Local::PoliceStation,
        Local::Problem,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The catalogue id of its label.
    pub fn message_id(self) -> &'static str {
        match self {
            Local::Municipality => "table-local-municipality",
            Local::District => "table-local-district",
            Local::PoliceStation => "table-local-police",
            Local::Problem => "table-local-problem",
        }
    }
}

/// Why a person was given a seat.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// Asked for by name.
    Included,
    /// Fills a role of the template.
    Role { role: TableRole },
    /// Locally responsible.
    Local { local: Local },
    /// The only seat of this pillar.
    Pillar { pillar: Pillar },
    /// Among the most influential of the pool.
    Influence { rank: usize, of: usize },
    /// Among the strongest brokers of the pool.
    Broker { rank: usize, of: usize },
    /// Knows so many of the other seats directly or through one person.
    Connected {
        direct: usize,
        via_one: usize,
        others: usize,
    },
    /// Bodies, open action items and meetings of the last six months.
    Load { load: Load },
}

impl Localize for Reason {
    fn localize(&self, lang: Lang) -> String {
        let (id, args) = match self {
            Reason::Included => ("table-reason-included", Args::new()),
            Reason::Role { role } => (
                "table-reason-role",
                Args::new().text("role", role.label(lang)),
            ),
            Reason::Local { local } => (
                "table-reason-local",
                Args::new().text(
                    "local",
                    catalog().message(lang, local.message_id(), &Args::new()),
                ),
            ),
            Reason::Pillar { pillar } => (
                "table-reason-pillar",
                Args::new().text("pillar", pillar.label(lang)),
            ),
            Reason::Influence { rank, of } => (
                "table-reason-influence",
                Args::new()
                    .number("rank", *rank as f64)
                    .number("of", *of as f64),
            ),
            Reason::Broker { rank, of } => (
                "table-reason-broker",
                Args::new()
                    .number("rank", *rank as f64)
                    .number("of", *of as f64),
            ),
            Reason::Connected {
                direct,
                via_one,
                others,
            } => (
                "table-reason-connected",
                Args::new()
                    .number("direct", *direct as f64)
                    .number("via", *via_one as f64)
                    .number("others", *others as f64),
            ),
            Reason::Load { load } => (
                "table-reason-load",
                Args::new()
                    .number("bodies", load.bodies)
                    .number("actions", load.open_actions)
                    .number("meetings", load.recent_meetings),
            ),
        };
        catalog().message(lang, id, &args)
    }
}

/// Who a seat's person is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sitter {
    /// The person.
    pub person_id: PersonId,
    /// Their full name.
    pub name: String,
    /// Their (first) organisation on the day.
    pub organisation_id: Option<OrganisationId>,
    /// Its name.
    pub organisation: Option<String>,
    /// Its primary pillar.
    pub pillar: Option<Pillar>,
    /// The roles they fill (all, not only the template's).
    pub roles: Vec<TableRole>,
    /// Their load.
    pub load: Load,
}

/// Someone who could take a seat instead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alternative {
    /// Who.
    #[serde(flatten)]
    pub sitter: Sitter,
    /// How much lower the table's objective would be with them (0 or more).
    pub loss: f64,
    /// The template roles the table would lose with the swap.
    pub roles_lost: Vec<TableRole>,
}

/// A proposed seat.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Seat {
    /// Who.
    #[serde(flatten)]
    pub sitter: Sitter,
    /// Why.
    pub reasons: Vec<Reason>,
    /// Up to three people who could sit here instead, best first (none for persons asked
    /// for by name).
    pub alternatives: Vec<Alternative>,
}

/// Why a template role stays empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    /// Nobody in the network around the municipality fills it.
    NoneInNetwork,
    /// Somebody does, but the seats went to roles and people that weigh more.
    NoSeatLeft,
}

/// A template role the table does not cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Uncovered {
    /// The role.
    pub role: TableRole,
    /// Why.
    pub gap: Gap,
}

/// The objective of the proposed table, term by term.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Objective {
    /// The weights.
    pub weights: Weights,
    /// The table's value.
    pub value: f64,
    /// Template roles covered.
    pub roles_covered: usize,
    /// Template roles.
    pub roles_needed: usize,
    /// Local responsibilities covered.
    pub local_covered: Vec<Local>,
    /// Local responsibilities the pool has at all.
    pub local_available: Vec<Local>,
    /// Pillars at the table.
    pub pillars: Vec<Pillar>,
    /// Whether the template asks for all four.
    pub all_pillars: bool,
    /// Share of seat pairs who know each other directly or through one person.
    pub connectivity: f64,
    /// Seat pairs who know each other directly.
    pub direct_pairs: usize,
    /// Seat pairs.
    pub pairs: usize,
    /// Persons the seats were chosen from.
    pub pool: usize,
}

impl Localize for Objective {
    /// One sentence: roles, local responsibilities and pillars covered, how well the seats
    /// know each other, and the pool.
    fn localize(&self, lang: Lang) -> String {
        catalog().message(
            lang,
            "table-objective",
            &Args::new()
                .text("value", format!("{:.1}", self.value))
                .number("roles", self.roles_covered as f64)
                .number("needed", self.roles_needed as f64)
                .number("local", self.local_covered.len() as f64)
                .number("available", self.local_available.len() as f64)
                .number("pillars", self.pillars.len() as f64)
                .text("connected", format!("{:.0}", self.connectivity * 100.0))
                .number("pool", self.pool as f64),
        )
    }
}

/// The proposal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recommendation {
    /// The seats, in the order they were filled.
    pub seats: Vec<Seat>,
    /// Template roles no seat fills.
    pub uncovered_roles: Vec<Uncovered>,
    /// The objective.
    pub objective: Objective,
}

/// Why no table can be proposed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoundTableError {
    /// The category has no role template.
    NoTemplate { category: String },
    /// Nobody works at an organisation at home in the municipality.
    NoActors { municipality: String },
    /// The number of seats is outside 1–[`MAX_SEATS`].
    Seats { found: usize },
    /// More seats than persons to choose from.
    SeatsExceedPool { seats: usize, pool: usize },
    /// A person asked for by id does not exist.
    UnknownPerson { id: i64 },
    /// A person both included and excluded.
    IncludedAndExcluded { id: i64 },
    /// More persons included than seats.
    TooManyIncluded { included: usize, seats: usize },
}

impl Localize for RoundTableError {
    fn localize(&self, lang: Lang) -> String {
        let (id, args) = match self {
            RoundTableError::NoTemplate { category } => (
                "table-error-no-template",
                Args::new().text("category", category.clone()),
            ),
            RoundTableError::NoActors { municipality } => (
                "table-error-no-actors",
                Args::new().text("municipality", municipality.clone()),
            ),
            RoundTableError::Seats { found } => (
                "table-error-seats",
                Args::new()
                    .number("found", *found as f64)
                    .number("max", MAX_SEATS as f64),
            ),
            RoundTableError::SeatsExceedPool { seats, pool } => (
                "table-error-pool",
                Args::new()
                    .number("seats", *seats as f64)
                    .number("pool", *pool as f64),
            ),
            RoundTableError::UnknownPerson { id } => (
                "table-error-unknown-person",
                Args::new().text("id", id.to_string()),
            ),
            RoundTableError::IncludedAndExcluded { id } => {
                ("table-error-both", Args::new().text("id", id.to_string()))
            }
            RoundTableError::TooManyIncluded { included, seats } => (
                "table-error-too-many-included",
                Args::new()
                    .number("included", *included as f64)
                    .number("seats", *seats as f64),
            ),
        };
        catalog().message(lang, id, &args)
    }
}

impl fmt::Display for RoundTableError {
    /// English, for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for RoundTableError {}

#[cfg(test)]
mod tests;

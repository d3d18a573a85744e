//! The people a round table is chosen from: the network on a day with each person's
//! influence and brokerage, their load, and the candidates around a municipality.

use std::collections::{HashMap, HashSet};

use jiff::ToSpan;
use jiff::civil::Date;
use praevnetz_graph::centrality::pagerank;
use praevnetz_graph::holes::constraint;
use serde::Serialize;

use super::{Local, Request, RoundTableError, TableRole};
use crate::actor::{Home, Organisation, OrganisationKind, Pillar, Territory};
use crate::body::BodyMember;
use crate::ids::{ActorId, DistrictId, MeetingId, MunicipalityId, OrganisationId, PersonId};
use crate::meeting::{ActionItem, ActionStatus, Meeting, Participation, ParticipationStatus};
use crate::network::stored::{Level, Network, Records, Scope, Selection, network};
use crate::time::local;

/// How busy a person is: seats in bodies on the day, open action items they own, and meetings
/// they attended or registered for in the six months up to the day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Load {
    /// Seats in bodies.
    pub bodies: u32,
    /// Open action items (open or in progress).
    pub open_actions: u32,
    /// Meetings in the last six months.
    pub recent_meetings: u32,
}

impl Load {
    /// The load counted as full: the objective's load term reaches its weight here.
    pub const FULL: u32 = 10;

    /// The load relative to [`Load::FULL`], at most 1.
    pub fn share(self) -> f64 {
        let total = self.bodies + self.open_actions + self.recent_meetings;
        (f64::from(total) / f64::from(Self::FULL)).min(1.0)
    }
}

/// Everyone's load on `at`.
pub fn loads(
    seats: &[BodyMember],
    actions: &[ActionItem],
    meetings: &[Meeting],
    participations: &[Participation],
    at: Date,
) -> Loads {
    let mut loads: HashMap<PersonId, Load> = HashMap::new();
    for seat in seats {
        if seat.data.period.contains(at) {
            loads.entry(seat.data.person_id).or_default().bodies += 1;
        }
    }
    for action in actions {
        if let (Some(owner), ActionStatus::Open | ActionStatus::InProgress) =
            (action.data.owner_id, action.data.status)
        {
            loads.entry(owner).or_default().open_actions += 1;
        }
    }
    let since = at.checked_sub(6.months()).unwrap_or(at);
    let recent: HashSet<MeetingId> = meetings
        .iter()
        .filter(|m| {
            let day = local(m.data.time.starts_at()).date();
            since < day && day <= at
        })
        .map(|m| m.id)
        .collect();
    for p in participations {
        if recent.contains(&p.data.meeting_id)
            && matches!(
                p.data.status,
                ParticipationStatus::Attended | ParticipationStatus::Registered
            )
        {
            loads.entry(p.data.person_id).or_default().recent_meetings += 1;
        }
    }
    Loads(loads)
}

/// The whole network of persons on a day with each person's influence and brokerage: what
/// every round table on that day is computed from. Building it is the expensive part; the
/// web keeps one per day.
#[derive(Clone, Debug)]
pub struct TableNetwork {
    pub(super) at: Date,
    pub(super) network: Network,
    pub(super) node: HashMap<PersonId, usize>,
    /// `PageRank` per node.
    pub(super) pagerank: Vec<f64>,
    /// 1 − constraint per node, in 0–1; 0 without contacts.
    pub(super) brokerage: Vec<f64>,
}

impl TableNetwork {
    /// The network of all persons on `at`, meeting ties included (people who met know whom
    /// to call).
    pub fn new(records: Records<'_>, at: Date) -> TableNetwork {
        let selection = Selection {
            scope: Scope::All,
            level: Level::Person,
            at,
            meeting_ties: true,
        };
        let network = network(records, &selection);
        let graph = &network.graph;
        let pagerank = pagerank(graph, 0.85).unwrap_or_else(|_| {
            // Not converged (it always does on undirected graphs): degree stands in.
            (0..graph.node_count())
                .map(|v| graph.degree(v) as f64)
                .collect()
        });
        let brokerage = constraint(graph)
            .into_iter()
            .enumerate()
            .map(|(v, c)| {
                if graph.degree(v) == 0 || !c.is_finite() {
                    0.0
                } else {
                    (1.0 - c).clamp(0.0, 1.0)
                }
            })
            .collect();
        let node = network
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (PersonId::new(n.id), i))
            .collect();
        TableNetwork {
            at,
            network,
            node,
            pagerank,
            brokerage,
        }
    }
}

/// A person who could take a seat, with everything the objective needs.
#[derive(Clone, Debug)]
pub(super) struct Candidate {
    pub person: PersonId,
    pub name: String,
    /// Organisations on the day, in membership order.
    pub organisations: Vec<OrganisationId>,
    /// The node in the network, if the person has one.
    pub node: Option<usize>,
    /// Roles (bits of [`TableRole`]).
    pub roles: u32,
    /// Pillars (bits by the pillar's order).
    pub pillars: u8,
    /// Local responsibilities (bits of [`Local`]).
    pub local: u8,
    pub proximity: f64,
    /// `PageRank` relative to the highest in the pool.
    pub influence: f64,
    pub brokerage: f64,
    pub load: Load,
}

/// Everyone's load, by person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loads(HashMap<PersonId, Load>);

impl Loads {
    /// A person's load (none recorded: zero).
    pub fn of(&self, person: PersonId) -> Load {
        self.0.get(&person).copied().unwrap_or_default()
    }
}

impl FromIterator<(PersonId, Load)> for Loads {
    fn from_iter<I: IntoIterator<Item = (PersonId, Load)>>(iter: I) -> Loads {
        Loads(iter.into_iter().collect())
    }
}

/// Where the municipality of a request lies, and who is responsible for it.
struct Around<'a> {
    target: MunicipalityId,
    district: Option<DistrictId>,
    districts: HashMap<MunicipalityId, DistrictId>,
    organisations: HashMap<OrganisationId, &'a Organisation>,
    police: Vec<OrganisationId>,
    responsible: &'a [ActorId],
}

impl<'a> Around<'a> {
    fn new(records: Records<'a>, request: &'a Request) -> Around<'a> {
        let districts: HashMap<MunicipalityId, DistrictId> = records
            .municipalities
            .iter()
            .map(|m| (m.id, m.district_id))
            .collect();
        let target = request.municipality;
        let district = districts.get(&target).copied();
        Around {
            target,
            district,
            districts,
            organisations: records.organisations.iter().map(|o| (o.id, o)).collect(),
            police: responsible_police(records, target, district),
            responsible: &request.responsible,
        }
    }

    /// The local responsibilities (bits) and proximity of an organisation at `home` with
    /// `area`; `None` if it lies outside the pool.
    fn place(&self, home: Home, area: &[Territory]) -> Option<(u8, f64)> {
        let covers = area.contains(&Territory::Municipality(self.target))
            || self
                .district
                .is_some_and(|d| area.contains(&Territory::District(d)));
        let (local, proximity): (u8, f64) = match home {
            Home::Municipality(m) if m == self.target => (Local::Municipality.bit(), 1.0),
            Home::Municipality(m) if self.districts.get(&m).copied() == self.district => (0, 0.5),
            Home::District(d) if Some(d) == self.district => (Local::District.bit(), 0.5),
            Home::State => (0, 0.0),
            _ if covers => (0, 0.25),
            _ => return None,
        };
        Some((
            local,
            if covers {
                proximity.max(0.25)
            } else {
                proximity
            },
        ))
    }

    /// What a person brings through their organisations; whether any of them lies in the
    /// pool.
    fn fill(&self, c: &mut Candidate) -> bool {
        let mut inside = false;
        for org_id in &c.organisations {
            let Some(org) = self.organisations.get(org_id) else {
                continue;
            };
            let Some((local, proximity)) = self.place(org.data.home, &org.data.area) else {
                continue;
            };
            inside = true;
            c.local |= local;
            c.proximity = c.proximity.max(proximity);
            if self.police.contains(org_id) {
                c.local |= Local::PoliceStation.bit();
            }
            if self.responsible.contains(&ActorId::Organisation(*org_id)) {
                c.local |= Local::Problem.bit();
            }
            c.roles |= TableRole::of_kind(org.data.kind).map_or(0, TableRole::bit);
            for pillar in Pillar::ALL {
                if org.data.pillars.covers(*pillar) {
                    c.pillars |= 1 << (*pillar as u8);
                }
            }
        }
        if self.responsible.contains(&ActorId::Person(c.person)) {
            c.local |= Local::Problem.bit();
        }
        inside
    }
}

/// The candidates of a request: everyone with a membership on the day in an organisation at
/// home in the municipality's district, at the district or state level, or responsible for
/// an area that covers the municipality or its district; persons included by name join
/// wherever they work, persons excluded leave.
pub(super) struct Pool {
    pub candidates: Vec<Candidate>,
}

impl Pool {
    pub fn build(
        records: Records<'_>,
        net: &TableNetwork,
        loads: &Loads,
        request: &Request,
    ) -> Result<Pool, RoundTableError> {
        let around = Around::new(records, request);
        let mut by_person: HashMap<PersonId, Vec<OrganisationId>> = HashMap::new();
        for m in records.memberships {
            if m.data.period.contains(net.at) {
                let list = by_person.entry(m.data.person_id).or_default();
                if !list.contains(&m.data.organisation_id) {
                    list.push(m.data.organisation_id);
                }
            }
        }
        let mut candidates = Vec::new();
        for person in records.persons {
            if request.exclude.contains(&person.id)
                || request
                    .eligible
                    .as_ref()
                    .is_some_and(|e| !e.contains(&person.id))
            {
                continue;
            }
            let mut c = Candidate {
                person: person.id,
                name: person.data.full_name(),
                organisations: by_person.remove(&person.id).unwrap_or_default(),
                node: net.node.get(&person.id).copied(),
                roles: 0,
                pillars: 0,
                local: 0,
                proximity: 0.0,
                influence: 0.0,
                brokerage: 0.0,
                load: loads.of(person.id),
            };
            if around.fill(&mut c) || request.include.contains(&person.id) {
                candidates.push(c);
            }
        }
        if !candidates
            .iter()
            .any(|c| c.local & Local::Municipality.bit() != 0)
        {
            let municipality = records
                .municipalities
                .iter()
                .find(|m| m.id == request.municipality)
                .map(|m| m.data.display_name().to_owned())
                .unwrap_or_default();
            return Err(RoundTableError::NoActors { municipality });
        }
        candidates.sort_by_key(|c| c.person);
        let top = candidates
            .iter()
            .filter_map(|c| c.node.map(|v| net.pagerank[v]))
            .fold(0.0_f64, f64::max);
        for c in &mut candidates {
            if let Some(v) = c.node {
                c.influence = if top > 0.0 {
                    net.pagerank[v] / top
                } else {
                    0.0
                };
                c.brokerage = net.brokerage[v];
            }
        }
        Ok(Pool { candidates })
    }
}

/// The police stations whose area covers the municipality; without one, the police
/// directorates whose area covers it or its district.
fn responsible_police(
    records: Records<'_>,
    target: MunicipalityId,
    district: Option<DistrictId>,
) -> Vec<OrganisationId> {
    let covering = |kind: OrganisationKind| -> Vec<OrganisationId> {
        records
            .organisations
            .iter()
            .filter(|o| o.data.kind == kind)
            .filter(|o| {
                o.data.area.contains(&Territory::Municipality(target))
                    || o.data.home == Home::Municipality(target)
                        && kind == OrganisationKind::PoliceStation
                    || district.is_some_and(|d| o.data.area.contains(&Territory::District(d)))
            })
            .map(|o| o.id)
            .collect()
    };
    let stations = covering(OrganisationKind::PoliceStation);
    if stations.is_empty() {
        covering(OrganisationKind::PoliceDirectorate)
    } else {
        stations
    }
}

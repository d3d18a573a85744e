//! The stored network as a graph: who is tied to whom on a given day, within a scope, at the
//! level of persons, organisations or municipalities.
//!
//! Rules (docs/analysis.md tells users the same):
//! - A tie counts on day D if its period contains D; a person belongs to the organisations of
//!   their memberships valid on D.
//! - Conflict ties are left out: they are no channel of cooperation. Ties of kind "met at
//!   meeting" count unless [`Selection::meeting_ties`] is off.
//! - Directions are dropped: a directed tie (funding, instruction) joins its two ends.
//! - Organisation and municipality levels aggregate the person ties: a tie between two persons
//!   of different organisations joins the organisations (each pair of their organisations on
//!   D), and organisations join their home municipalities; ties inside one unit disappear.
//!   Organisations at home in a district or the state have no municipality and drop out at the
//!   municipality level.
//! - The weight of an edge is the sum of the strengths (1–5) of the ties it stands for.
//! - A scope holds the actors at home in it. For a district, region or municipality it also
//!   holds the actors at home above it (the district's or the state's, e.g. the police
//!   directorate) that have a tie into it: they are part of its local network.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;
use praevnetz_graph::{Direction, Graph};

use crate::actor::{Home, Membership, Organisation, Person, Pillar};
use crate::ids::{ActorId, DistrictId, MunicipalityId, OrganisationId, PersonId};
use crate::territory::{District, Municipality};
use crate::tie::{Tie, TieKind};

/// What the network is read from.
#[derive(Clone, Copy, Debug)]
pub struct Records<'a> {
    pub districts: &'a [District],
    pub municipalities: &'a [Municipality],
    pub organisations: &'a [Organisation],
    pub persons: &'a [Person],
    pub memberships: &'a [Membership],
    pub ties: &'a [Tie],
}

/// Whose network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everything stored.
    All,
    /// The districts of a region, or one district.
    Districts(Vec<DistrictId>),
    /// One municipality.
    Municipality(MunicipalityId),
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Person,
    Organisation,
    Municipality,
}

impl Level {
    /// The word used on the command line and in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Level::Person => "person",
            Level::Organisation => "organisation",
            Level::Municipality => "municipality",
        }
    }

    /// The level of a word.
    pub fn from_code(code: &str) -> Option<Level> {
        [Level::Person, Level::Organisation, Level::Municipality]
            .into_iter()
            .find(|l| l.code() == code)
    }
}

/// Which network: scope, level and day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub scope: Scope,
    pub level: Level,
    pub at: Date,
    /// Whether ties of kind "met at meeting" count.
    pub meeting_ties: bool,
}

/// A node with what is known about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    /// The record's id: a person's or organisation's actor id, a municipality's id.
    pub id: i64,
    /// The id users know: the actor id, or the municipality's AGS; node id in exports.
    pub key: String,
    /// Name.
    pub name: String,
    /// For municipalities their AGS; for actors the AGS of their home municipality.
    pub municipality: Option<String>,
    /// The district's AGS (of the home municipality or district).
    pub district: Option<String>,
    /// The primary pillar (a person's: that of their first organisation on the day).
    pub pillar: Option<Pillar>,
    /// The organisation kind's code (for persons: their first organisation's).
    pub kind: Option<&'static str>,
    /// For persons: the name of their first organisation on the day.
    pub organisation: Option<String>,
    /// Whether the node is at home above the scope and is part of it by its ties.
    pub partner: bool,
}

/// An edge with the ties it stands for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edge {
    /// Node indices, `a < b`.
    pub a: usize,
    pub b: usize,
    /// Sum of the strengths.
    pub weight: f64,
    /// Number of ties.
    pub ties: usize,
    /// Their kinds.
    pub kinds: BTreeSet<TieKind>,
    /// The earliest start among them (`None` if one has no start).
    pub since: Option<Date>,
    /// The latest end among them (`None` if one has no end).
    pub until: Option<Date>,
}

/// The network of a selection.
#[derive(Clone, Debug)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Undirected, weighted by [`Edge::weight`]; node `i` is `nodes[i]`.
    pub graph: Graph,
}

/// Where an organisation is at home relative to the scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Outside,
    Above,
    Inside,
}

/// The units a person or organisation stands for at the chosen level.
type Units = Vec<usize>;

struct Builder<'a> {
    records: Records<'a>,
    selection: &'a Selection,
    municipality_index: HashMap<MunicipalityId, &'a Municipality>,
    district_ags: HashMap<DistrictId, String>,
    organisation_index: HashMap<OrganisationId, &'a Organisation>,
    /// Organisations of each person on the day, in membership order.
    affiliations: HashMap<PersonId, Vec<OrganisationId>>,
}

impl<'a> Builder<'a> {
    fn new(records: Records<'a>, selection: &'a Selection) -> Builder<'a> {
        let mut affiliations: HashMap<PersonId, Vec<OrganisationId>> = HashMap::new();
        for m in records.memberships {
            if m.data.period.contains(selection.at) {
                let list = affiliations.entry(m.data.person_id).or_default();
                if !list.contains(&m.data.organisation_id) {
                    list.push(m.data.organisation_id);
                }
            }
        }
        Builder {
            records,
            selection,
            municipality_index: records.municipalities.iter().map(|m| (m.id, m)).collect(),
            district_ags: records
                .districts
                .iter()
                .map(|d| (d.id, d.data.ags.to_string()))
                .collect(),
            organisation_index: records.organisations.iter().map(|o| (o.id, o)).collect(),
            affiliations,
        }
    }

    /// The district and municipality of a home.
    fn location(&self, home: Home) -> (Option<DistrictId>, Option<MunicipalityId>) {
        match home {
            Home::State => (None, None),
            Home::District(d) => (Some(d), None),
            Home::Municipality(m) => (
                self.municipality_index.get(&m).map(|x| x.district_id),
                Some(m),
            ),
        }
    }

    fn place(&self, home: Home) -> Place {
        let (district, _) = self.location(home);
        match &self.selection.scope {
            Scope::All => Place::Inside,
            Scope::Districts(ds) => match (district, home) {
                (Some(d), _) if ds.contains(&d) => Place::Inside,
                (_, Home::State) => Place::Above,
                _ => Place::Outside,
            },
            Scope::Municipality(m) => {
                let own_district = self.municipality_index.get(m).map(|x| x.district_id);
                match home {
                    Home::Municipality(h) if h == *m => Place::Inside,
                    Home::State => Place::Above,
                    Home::District(d) if Some(d) == own_district => Place::Above,
                    _ => Place::Outside,
                }
            }
        }
    }

    fn organisation_place(&self, id: OrganisationId) -> Place {
        self.organisation_index
            .get(&id)
            .map_or(Place::Outside, |o| self.place(o.data.home))
    }

    fn person_place(&self, id: PersonId) -> Place {
        match self.affiliations.get(&id) {
            Some(orgs) => orgs
                .iter()
                .map(|&o| self.organisation_place(o))
                .max()
                .unwrap_or(Place::Outside),
            None if self.selection.scope == Scope::All => Place::Inside,
            None => Place::Outside,
        }
    }

    /// The node describing an organisation (or a person's first organisation).
    fn describe(&self, node: &mut Node, organisation: &Organisation) {
        let (district, municipality) = self.location(organisation.data.home);
        node.municipality = municipality
            .and_then(|m| self.municipality_index.get(&m))
            .map(|m| m.data.ags.to_string());
        node.district = district.and_then(|d| self.district_ags.get(&d).cloned());
        node.pillar = Some(organisation.data.pillars.primary());
        node.kind = Some(organisation.data.kind.code());
    }

    fn build(&self) -> Network {
        let units = self.units();
        let edges = self.edges(&units);
        finish(units, edges)
    }

    /// Candidate units with their place, and the mapping of actors to units.
    fn units(&self) -> UnitMap {
        let mut nodes: Vec<Node> = Vec::new();
        let mut places: Vec<Place> = Vec::new();
        let mut person_units: HashMap<PersonId, Units> = HashMap::new();
        let mut organisation_units: HashMap<OrganisationId, Units> = HashMap::new();
        let blank = |id: i64, name: String| Node {
            id,
            key: id.to_string(),
            name,
            ..Node::default()
        };
        match self.selection.level {
            Level::Person => {
                for p in self.records.persons {
                    let place = self.person_place(p.id);
                    if place == Place::Outside {
                        continue;
                    }
                    let mut node = blank(ActorId::Person(p.id).get(), p.data.full_name());
                    let first = self
                        .affiliations
                        .get(&p.id)
                        .and_then(|orgs| orgs.first())
                        .and_then(|o| self.organisation_index.get(o));
                    if let Some(org) = first {
                        self.describe(&mut node, org);
                        node.organisation = Some(org.data.name.to_string());
                    }
                    person_units.insert(p.id, vec![nodes.len()]);
                    nodes.push(node);
                    places.push(place);
                }
            }
            Level::Organisation => {
                for o in self.records.organisations {
                    let place = self.place(o.data.home);
                    if place == Place::Outside {
                        continue;
                    }
                    let mut node =
                        blank(ActorId::Organisation(o.id).get(), o.data.name.to_string());
                    self.describe(&mut node, o);
                    organisation_units.insert(o.id, vec![nodes.len()]);
                    nodes.push(node);
                    places.push(place);
                }
                self.persons_through_organisations(&organisation_units, &mut person_units);
            }
            Level::Municipality => {
                let mut unit_of: HashMap<MunicipalityId, usize> = HashMap::new();
                for o in self.records.organisations {
                    let Home::Municipality(m) = o.data.home else {
                        continue;
                    };
                    if self.place(o.data.home) != Place::Inside {
                        continue;
                    }
                    let Some(municipality) = self.municipality_index.get(&m) else {
                        continue;
                    };
                    let unit = *unit_of.entry(m).or_insert_with(|| {
                        let mut node = blank(m.get(), municipality.data.display_name().to_owned());
                        node.municipality = Some(municipality.data.ags.to_string());
                        node.key = municipality.data.ags.to_string();
                        node.district = self.district_ags.get(&municipality.district_id).cloned();
                        nodes.push(node);
                        places.push(Place::Inside);
                        nodes.len() - 1
                    });
                    organisation_units.insert(o.id, vec![unit]);
                }
                self.persons_through_organisations(&organisation_units, &mut person_units);
            }
        }
        UnitMap {
            nodes,
            places,
            person_units,
            organisation_units,
        }
    }

    /// Edges between units, aggregated from the ties that count on the day.
    fn edges(&self, units: &UnitMap) -> BTreeMap<(usize, usize), Edge> {
        let UnitMap {
            places,
            person_units,
            organisation_units,
            ..
        } = units;
        let units_of = |actor: ActorId| -> &[usize] {
            match actor {
                ActorId::Person(p) => person_units.get(&p).map_or(&[], Vec::as_slice),
                ActorId::Organisation(o) => organisation_units.get(&o).map_or(&[], Vec::as_slice),
            }
        };
        let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
        for tie in self.records.ties {
            let data = &tie.data;
            let counts = data.period().contains(self.selection.at)
                && data.kind() != TieKind::Conflict
                && (self.selection.meeting_ties || data.kind() != TieKind::MetAtMeeting);
            if !counts {
                continue;
            }
            for &a in units_of(data.source()) {
                for &b in units_of(data.target()) {
                    if a == b {
                        continue;
                    }
                    // Partners above the scope count only through ties into it.
                    if places[a] != Place::Inside && places[b] != Place::Inside {
                        continue;
                    }
                    let key = (a.min(b), a.max(b));
                    let period = data.period();
                    let edge = edges.entry(key).or_insert_with(|| Edge {
                        a: key.0,
                        b: key.1,
                        weight: 0.0,
                        ties: 0,
                        kinds: BTreeSet::new(),
                        since: period.since(),
                        until: period.until(),
                    });
                    edge.weight += f64::from(data.strength().get());
                    edge.ties += 1;
                    edge.kinds.insert(data.kind());
                    edge.since = edge.since.zip(period.since()).map(|(x, y)| x.min(y));
                    edge.until = edge.until.zip(period.until()).map(|(x, y)| x.max(y));
                }
            }
        }
        edges
    }

    /// Maps each person to the units of their organisations on the day.
    fn persons_through_organisations(
        &self,
        organisation_units: &HashMap<OrganisationId, Units>,
        person_units: &mut HashMap<PersonId, Units>,
    ) {
        for (person, orgs) in &self.affiliations {
            let mut units: Units = orgs
                .iter()
                .filter_map(|o| organisation_units.get(o))
                .flatten()
                .copied()
                .collect();
            units.sort_unstable();
            units.dedup();
            if !units.is_empty() {
                person_units.insert(*person, units);
            }
        }
    }
}

/// A scope's candidate units before the partners without ties drop out.
struct UnitMap {
    nodes: Vec<Node>,
    places: Vec<Place>,
    person_units: HashMap<PersonId, Units>,
    organisation_units: HashMap<OrganisationId, Units>,
}

/// Partners without a tie into the scope drop out; indices are renumbered.
fn finish(units: UnitMap, edges: BTreeMap<(usize, usize), Edge>) -> Network {
    let UnitMap { nodes, places, .. } = units;
    let mut linked = vec![false; nodes.len()];
    for e in edges.values() {
        linked[e.a] = true;
        linked[e.b] = true;
    }
    let keep: Vec<bool> = (0..nodes.len())
        .map(|i| places[i] == Place::Inside || linked[i])
        .collect();
    let mut renumber = vec![usize::MAX; nodes.len()];
    let mut kept = Vec::new();
    for (i, node) in nodes.into_iter().enumerate() {
        if keep[i] {
            renumber[i] = kept.len();
            kept.push(Node {
                partner: places[i] != Place::Inside,
                ..node
            });
        }
    }
    let edges: Vec<Edge> = edges
        .into_values()
        .map(|e| Edge {
            a: renumber[e.a],
            b: renumber[e.b],
            ..e
        })
        .collect();
    let weighted: Vec<(usize, usize, f64)> = edges.iter().map(|e| (e.a, e.b, e.weight)).collect();
    // Indices and weights (sums of strengths of at least 1) are valid by construction.
    let graph = Graph::from_weighted_edges(kept.len(), &weighted, Direction::Undirected)
        .unwrap_or_else(|_| Graph::empty(kept.len(), Direction::Undirected));
    Network {
        nodes: kept,
        edges,
        graph,
    }
}

impl Network {
    /// The edges among `members` (node indices, each once), as pairs of positions in
    /// `members` with their weights, in edge order: the subgraph the members induce.
    ///
    /// ```
    /// use praevnetz_domain::network::stored::{Edge, Network, Node};
    /// use praevnetz_graph::{Direction, Graph};
    /// let edge = |a, b| Edge { a, b, weight: 2.0, ties: 1, ..Edge::default() };
    /// let net = Network {
    ///     nodes: vec![Node::default(), Node::default(), Node::default()],
    ///     edges: vec![edge(0, 1), edge(1, 2)],
    ///     graph: Graph::empty(3, Direction::Undirected),
    /// };
    /// assert_eq!(net.edges_among(&[2, 1]), vec![(1, 0, 2.0)]);
    /// ```
    pub fn edges_among(&self, members: &[usize]) -> Vec<(usize, usize, f64)> {
        let position: HashMap<usize, usize> =
            members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        self.edges
            .iter()
            .filter_map(|e| Some((*position.get(&e.a)?, *position.get(&e.b)?, e.weight)))
            .collect()
    }

    /// The network of `members` (node indices, each once) and the edges among them, in the
    /// order of `members`.
    ///
    /// ```
    /// use praevnetz_domain::network::stored::{Edge, Network, Node};
    /// use praevnetz_graph::{Direction, Graph};
    /// let node = |key: &str| Node { key: key.into(), ..Node::default() };
    /// let edge = |a, b| Edge { a, b, weight: 1.0, ties: 1, ..Edge::default() };
    /// let net = Network {
    ///     nodes: vec![node("a"), node("b"), node("c")],
    ///     edges: vec![edge(0, 1), edge(1, 2)],
    ///     graph: Graph::from_edges(3, &[(0, 1), (1, 2)], Direction::Undirected)?,
    /// };
    /// let part = net.induced(&[2, 1]);
    /// assert_eq!(part.nodes[0].key, "c");
    /// assert_eq!((part.edges.len(), part.edges[0].a, part.edges[0].b), (1, 0, 1));
    /// assert_eq!(part.graph.edge_count(), 1);
    /// # Ok::<(), praevnetz_graph::EdgeError>(())
    /// ```
    #[must_use]
    pub fn induced(&self, members: &[usize]) -> Network {
        let position: HashMap<usize, usize> =
            members.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let edges: Vec<Edge> = self
            .edges
            .iter()
            .filter_map(|e| {
                let (a, b) = (*position.get(&e.a)?, *position.get(&e.b)?);
                Some(Edge {
                    a: a.min(b),
                    b: a.max(b),
                    ..e.clone()
                })
            })
            .collect();
        let weighted: Vec<(usize, usize, f64)> =
            edges.iter().map(|e| (e.a, e.b, e.weight)).collect();
        let graph = Graph::from_weighted_edges(members.len(), &weighted, Direction::Undirected)
            .unwrap_or_else(|_| Graph::empty(members.len(), Direction::Undirected));
        Network {
            nodes: members
                .iter()
                .map(|&i| self.nodes.get(i).cloned().unwrap_or_default())
                .collect(),
            edges,
            graph,
        }
    }
}

/// The network of `selection` in `records`.
pub fn network(records: Records<'_>, selection: &Selection) -> Network {
    Builder::new(records, selection).build()
}

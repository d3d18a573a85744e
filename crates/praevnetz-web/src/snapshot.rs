//! The network's shared data that most pages look at, kept in memory between changes: the
//! territory, the programme milestones, the problems and the meetings. Pages filter it per user
//! through the policy; it is read again from the store whenever the audit log has grown.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

use jiff::civil::Date;
use praevnetz_domain::actor::{Home, Membership, Organisation};
use praevnetz_domain::body::BodyKind;
use praevnetz_domain::ids::{MunicipalityId, OrganisationId, PersonId};
use praevnetz_domain::meeting::{Meeting, MeetingSeries};
use praevnetz_domain::problem::{Problem, ProblemCategory};
use praevnetz_domain::programme::{Milestone, MilestoneKind};
use praevnetz_domain::time::Period;
use praevnetz_store::{MeetingFilter, ProblemFilter, Store, StoreError};

use crate::atlas::Atlas;
use crate::policy::{Place, Principal};

/// The shared data.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The territory.
    pub atlas: Atlas,
    /// All milestones, by municipality.
    pub milestones: HashMap<MunicipalityId, Vec<Milestone>>,
    /// The problem taxonomy.
    pub categories: Vec<ProblemCategory>,
    /// All problems (pages show only those the user may see: [`Snapshot::visible_problems`]).
    problems: Vec<Problem>,
    /// All meetings, by start.
    pub meetings: Vec<Meeting>,
    /// All meeting series.
    pub meeting_series: Vec<MeetingSeries>,
    /// All organisations, by name (their homes decide where persons belong).
    pub organisations: Vec<Organisation>,
    organisation_index: HashMap<OrganisationId, usize>,
    /// All memberships, by person.
    memberships: HashMap<PersonId, Vec<Membership>>,
    /// The persons with a membership (past or present) in each organisation.
    members: HashMap<OrganisationId, Vec<PersonId>>,
    /// What municipality pages show beyond this snapshot, read on first use (see
    /// [`crate::territory`]). It lives and dies with the snapshot, so a change empties it.
    pub(crate) municipality_facts:
        Memo<(MunicipalityId, Date), crate::territory::MunicipalityFacts>,
    /// The prevention councils (bodies) by municipality, with their periods.
    councils: HashMap<MunicipalityId, Vec<Period>>,
    /// The imported municipality boundaries, projected, read on first use by the map.
    pub(crate) boundaries: Memo<(), crate::map::Boundaries>,
    /// The map pages' bodies, rendered (see [`crate::map`]).
    pub(crate) map_views: Memo<crate::map::ViewKey, String>,
    /// Persons, memberships and ties for the network pages, read on first use.
    pub(crate) network_records: Memo<(), crate::network::NetworkRecords>,
    /// The whole network today at the person and organisation level, for ego networks (see
    /// [`crate::network_ego`]).
    pub(crate) network_today: Memo<
        (praevnetz_domain::network::stored::Level, Date),
        praevnetz_domain::network::stored::Network,
    >,
    /// The network pages' bodies, rendered (see [`crate::network`]).
    pub(crate) network_views: Memo<crate::network::ViewKey, crate::network::NetworkView>,
    /// The whole network and everyone's load on a day, for round tables (see
    /// [`crate::roundtable`]).
    pub(crate) round_tables: Memo<Date, crate::roundtable::Prepared>,
}

/// Values computed on first use and kept while their snapshot is current. Two requests that
/// miss at once both compute; the later one's value stays. Past its limit
/// ([`Memo::LIMIT`] unless made [`Memo::bounded`]) it starts afresh, so keys that change with
/// the date cannot pile up.
#[derive(Debug)]
pub(crate) struct Memo<K, V> {
    map: Mutex<HashMap<K, Arc<V>>>,
    limit: usize,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo::bounded(Self::LIMIT)
    }
}

impl<K, V> Memo<K, V> {
    /// Most entries kept by default.
    pub(crate) const LIMIT: usize = 50_000;

    /// A memo of at most `limit` entries (for large values).
    pub(crate) fn bounded(limit: usize) -> Self {
        Memo {
            map: Mutex::new(HashMap::new()),
            limit: limit.max(1),
        }
    }
}

impl<K: Eq + Hash, V> Memo<K, V> {
    /// The value kept for `key`.
    pub(crate) fn get(&self, key: &K) -> Option<Arc<V>> {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    /// Keeps `value` for `key`.
    pub(crate) fn insert(&self, key: K, value: Arc<V>) {
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() >= self.limit {
            map.clear();
        }
        map.insert(key, value);
    }
}

impl Snapshot {
    /// Reads everything from the store.
    pub async fn load(store: &Store) -> Result<Snapshot, StoreError> {
        let atlas = Atlas::load(store).await?;
        let mut milestones: HashMap<MunicipalityId, Vec<Milestone>> = HashMap::new();
        for milestone in store.milestones(None).await? {
            milestones
                .entry(milestone.data.municipality_id())
                .or_default()
                .push(milestone);
        }
        let categories = store.problem_categories().await?;
        let problems = store.problems(&ProblemFilter::default()).await?;
        let mut meetings = store.meetings(&MeetingFilter::default()).await?;
        let meeting_series = store.meeting_series_list(None).await?;
        meetings.sort_by_key(|m| m.data.time.starts_at());
        let organisations = store.organisations(None).await?;
        let organisation_index = organisations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let mut memberships: HashMap<PersonId, Vec<Membership>> = HashMap::new();
        let mut members: HashMap<OrganisationId, Vec<PersonId>> = HashMap::new();
        for membership in store.memberships(None, None).await? {
            let persons = members.entry(membership.data.organisation_id).or_default();
            if !persons.contains(&membership.data.person_id) {
                persons.push(membership.data.person_id);
            }
            memberships
                .entry(membership.data.person_id)
                .or_default()
                .push(membership);
        }
        let mut councils: HashMap<MunicipalityId, Vec<Period>> = HashMap::new();
        for body in store.bodies(None).await? {
            if let (BodyKind::PreventionCouncil, Home::Municipality(m)) =
                (body.data.kind, body.data.home)
            {
                councils.entry(m).or_default().push(body.data.period);
            }
        }
        Ok(Snapshot {
            atlas,
            milestones,
            categories,
            problems,
            meetings,
            meeting_series,
            organisations,
            organisation_index,
            memberships,
            members,
            municipality_facts: Memo::default(),
            councils,
            boundaries: Memo::default(),
            // A body is about 200 KB for the whole state; 64 of them stay well under 20 MB.
            map_views: Memo::bounded(64),
            network_records: Memo::bounded(1),
            // A body with its picture is up to about 400 KB; 32 of them stay near 13 MB.
            network_views: Memo::bounded(32),
            network_today: Memo::bounded(4),
            // The person network with its measures: a few MB at Saxony's scale.
            round_tables: Memo::bounded(2),
        })
    }

    /// An organisation.
    pub fn organisation(&self, id: OrganisationId) -> Option<&Organisation> {
        self.organisation_index
            .get(&id)
            .and_then(|&i| self.organisations.get(i))
    }

    /// All memberships, person by person.
    pub fn all_memberships(&self) -> impl Iterator<Item = &Membership> {
        self.memberships.values().flatten()
    }

    /// A meeting by id.
    pub fn meeting(&self, id: praevnetz_domain::ids::MeetingId) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// A meeting series by id.
    pub fn series(&self, id: praevnetz_domain::ids::MeetingSeriesId) -> Option<&MeetingSeries> {
        self.meeting_series.iter().find(|s| s.id == id)
    }

    /// The districts of a series' network region; none without a series or region.
    pub fn series_districts(
        &self,
        id: Option<praevnetz_domain::ids::MeetingSeriesId>,
    ) -> &[praevnetz_domain::ids::DistrictId] {
        id.and_then(|s| self.series(s))
            .and_then(|s| s.data.region_id)
            .map_or(&[], |r| self.atlas.region_districts(r))
    }

    /// A person's memberships, past and present.
    pub fn memberships_of(&self, person: PersonId) -> &[Membership] {
        self.memberships.get(&person).map_or(&[], Vec::as_slice)
    }

    /// The persons with a membership (past or present) in an organisation.
    pub fn members_of(&self, organisation: OrganisationId) -> &[PersonId] {
        self.members.get(&organisation).map_or(&[], Vec::as_slice)
    }

    /// Whether the municipality reached the programme building block.
    pub fn reached(&self, municipality: MunicipalityId, kind: MilestoneKind) -> bool {
        self.milestones
            .get(&municipality)
            .is_some_and(|list| list.iter().any(|m| m.data.kind() == kind))
    }

    /// Whether the municipality has a prevention council on `day`: one is recorded as a body
    /// active that day, or the programme milestone "council constituted" was reached.
    pub fn has_council(&self, municipality: MunicipalityId, day: Date) -> bool {
        self.reached(municipality, MilestoneKind::CouncilConstituted)
            || self
                .councils
                .get(&municipality)
                .is_some_and(|periods| periods.iter().any(|p| p.contains(day)))
    }

    /// The problems `principal` may see.
    pub fn visible_problems<'a>(
        &'a self,
        principal: &'a Principal,
    ) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems.iter().filter(move |p| {
            principal.can_see_problem(
                Place::of_municipality(&self.atlas, p.data.municipality_id),
                p.data.visibility,
            )
        })
    }

    /// The label of a problem category in `lang`.
    pub fn category_label<'a>(
        &'a self,
        code: &'a praevnetz_domain::problem::CategoryCode,
        lang: praevnetz_domain::i18n::Lang,
    ) -> &'a str {
        self.categories
            .iter()
            .find(|c| &c.code == code)
            .map_or(code.as_str(), |c| match lang {
                praevnetz_domain::i18n::Lang::De => c.label_de.as_str(),
                praevnetz_domain::i18n::Lang::En => c.label_en.as_str(),
            })
    }
}

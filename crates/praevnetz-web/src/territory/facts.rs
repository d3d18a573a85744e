//! What a municipality's page shows beyond the shared snapshot: the organisations working for
//! it with their current contact persons, its bodies with their seats, and its practices. Read
//! from the store on first use and kept in the snapshot's memo until the next change, so the
//! most visited pages cost no database work.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use praevnetz_domain::actor::{Home, Organisation, Territory};
use praevnetz_domain::body::{Body, BodyRole};
use praevnetz_domain::ids::{OrganisationId, PersonId};
use praevnetz_domain::practice::Practice;
use praevnetz_domain::territory::Municipality;
use praevnetz_domain::time::Period;
use praevnetz_store::Store;

use crate::error::WebError;
use crate::snapshot::Snapshot;

/// Why an organisation appears on a municipality's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tie {
    /// It is at home in the municipality.
    Home,
    /// Its recorded area of responsibility covers the municipality or its district.
    Responsible,
    /// It is at home in the district and has no narrower area recorded (a district office).
    District,
}

/// A person named on the page.
#[derive(Clone, Debug)]
pub(crate) struct Contact {
    pub person_id: PersonId,
    pub name: String,
    /// Their function in the organisation, if recorded.
    pub function: String,
}

/// An organisation working for the municipality.
#[derive(Clone, Debug)]
pub(crate) struct WorkingOrganisation {
    pub organisation: Organisation,
    pub tie: Tie,
    /// Persons with a membership current today, by name.
    pub contacts: Vec<Contact>,
}

/// A seat in a body.
#[derive(Clone, Debug)]
pub(crate) struct Seat {
    pub person_id: PersonId,
    pub name: String,
    pub role: BodyRole,
    pub organisation_id: Option<OrganisationId>,
    pub period: Period,
}

/// A body of the municipality with its seats.
#[derive(Clone, Debug)]
pub(crate) struct BodyWithSeats {
    pub body: Body,
    pub seats: Vec<Seat>,
}

/// The facts of one municipality on one day.
#[derive(Debug, Default)]
pub(crate) struct MunicipalityFacts {
    /// By name.
    pub organisations: Vec<WorkingOrganisation>,
    /// Councils first, then by name; working groups after their parents.
    pub bodies: Vec<BodyWithSeats>,
    /// By title.
    pub practices: Vec<Practice>,
}

/// How `organisation` is tied to `municipality`, if it works for it at all.
pub(crate) fn tie_of(organisation: &Organisation, municipality: &Municipality) -> Option<Tie> {
    let d = &organisation.data;
    if d.home == Home::Municipality(municipality.id) {
        return Some(Tie::Home);
    }
    let covers = d.area.iter().any(|t| {
        *t == Territory::Municipality(municipality.id)
            || *t == Territory::District(municipality.district_id)
    });
    if covers {
        return Some(Tie::Responsible);
    }
    (d.home == Home::District(municipality.district_id) && d.area.is_empty())
        .then_some(Tie::District)
}

/// The facts of `municipality` on `today`, from the memo or read now.
pub(crate) async fn load(
    store: &Store,
    data: &Snapshot,
    municipality: &Municipality,
    today: Date,
) -> Result<Arc<MunicipalityFacts>, WebError> {
    let key = (municipality.id, today);
    if let Some(facts) = data.municipality_facts.get(&key) {
        return Ok(facts);
    }
    let facts = Arc::new(read(store, data, municipality, today).await?);
    data.municipality_facts.insert(key, facts.clone());
    Ok(facts)
}

async fn read(
    store: &Store,
    data: &Snapshot,
    municipality: &Municipality,
    today: Date,
) -> Result<MunicipalityFacts, WebError> {
    let mut names: HashMap<PersonId, String> = HashMap::new();
    let mut organisations = Vec::new();
    for organisation in &data.organisations {
        let Some(tie) = tie_of(organisation, municipality) else {
            continue;
        };
        let current: Vec<_> = data
            .members_of(organisation.id)
            .iter()
            .flat_map(|&person| data.memberships_of(person))
            .filter(|m| m.data.organisation_id == organisation.id && m.data.period.contains(today))
            .collect();
        if !current.is_empty() {
            for person in store.persons(Some(organisation.id)).await? {
                names.insert(person.id, person.data.full_name());
            }
        }
        let mut contacts: Vec<Contact> = current
            .into_iter()
            .filter_map(|m| {
                Some(Contact {
                    person_id: m.data.person_id,
                    name: names.get(&m.data.person_id)?.clone(),
                    function: m
                        .data
                        .function
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                })
            })
            .collect();
        contacts.sort_by_cached_key(|c| praevnetz_domain::text::sort_key(&c.name));
        organisations.push(WorkingOrganisation {
            organisation: organisation.clone(),
            tie,
            contacts,
        });
    }

    let mut bodies = Vec::new();
    for body in store.bodies(Some(municipality.id)).await? {
        let mut seats = Vec::new();
        for member in store.body_members(Some(body.id), None).await? {
            let person = member.data.person_id;
            if !names.contains_key(&person)
                && let Some(p) = store.person(person).await?
            {
                names.insert(person, p.data.full_name());
            }
            let Some(name) = names.get(&person) else {
                continue;
            };
            seats.push(Seat {
                person_id: person,
                name: name.clone(),
                role: member.data.role,
                organisation_id: member.data.organisation_id,
                period: member.data.period,
            });
        }
        seats.sort_by_cached_key(|s| (s.role, praevnetz_domain::text::sort_key(&s.name)));
        bodies.push(BodyWithSeats { body, seats });
    }
    order_bodies(&mut bodies);

    let mut practices = store.practices(Some(municipality.id), None).await?;
    practices.sort_by_cached_key(|p| praevnetz_domain::text::sort_key(p.data.title.as_str()));
    Ok(MunicipalityFacts {
        organisations,
        bodies,
        practices,
    })
}

/// Top-level bodies by kind and name, each followed by the bodies under it.
fn order_bodies(bodies: &mut Vec<BodyWithSeats>) {
    let key = |b: &BodyWithSeats| {
        (
            b.body.data.kind,
            praevnetz_domain::text::sort_key(b.body.data.name.as_str()),
        )
    };
    let mut all: Vec<BodyWithSeats> = std::mem::take(bodies);
    all.sort_by_cached_key(key);
    let ids: Vec<_> = all.iter().map(|b| b.body.id).collect();
    let is_root = |b: &BodyWithSeats| b.body.data.parent_id.is_none_or(|p| !ids.contains(&p));
    let (roots, mut rest): (Vec<_>, Vec<_>) = all.into_iter().partition(is_root);
    let mut stack: Vec<BodyWithSeats> = roots.into_iter().rev().collect();
    while let Some(body) = stack.pop() {
        let id = body.body.id;
        bodies.push(body);
        let (children, others): (Vec<_>, Vec<_>) = rest
            .into_iter()
            .partition(|b| b.body.data.parent_id == Some(id));
        rest = others;
        stack.extend(children.into_iter().rev());
    }
    // Cycles cannot be stored (the store refuses them); anything left is shown last.
    bodies.extend(rest);
}

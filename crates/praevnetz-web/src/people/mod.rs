//! Organisationen, Personen and Beziehungen: the network's actors and the ties between them.
//!
//! Where an actor belongs decides who may read and change it: an organisation belongs to its
//! home; a person to the homes of the organisations they are (or were) a member of, readable
//! if any of them is and changeable if any of them is; a person without membership belongs to
//! the whole network (only administrators change them). A tie is read by who reads both ends
//! and recorded or ended by who also may change at least one end.

mod organisations;
mod persons;
mod ties;

use praevnetz_domain::actor::{Home, Organisation};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::ids::{ActorId, OrganisationId, PersonId};
use praevnetz_domain::time::Period;

use crate::i18n::texts;
use crate::policy::{Place, Principal};
use crate::routing::Routes;
use crate::snapshot::Snapshot;

/// Rows per page of a list.
pub(crate) const PAGE_SIZE: u32 = 50;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .merge(organisations::routes())
        .merge(persons::routes())
        .merge(ties::routes())
}

/// The place of an organisation.
pub(crate) fn organisation_place(data: &Snapshot, organisation: &Organisation) -> Place {
    Place::of_home(&data.atlas, organisation.data.home)
}

/// The places a person belongs to: the homes of their organisations, or the whole network.
pub(crate) fn person_places(data: &Snapshot, person: PersonId) -> Vec<Place> {
    let places: Vec<Place> = data
        .memberships_of(person)
        .iter()
        .filter_map(|m| data.organisation(m.data.organisation_id))
        .map(|o| organisation_place(data, o))
        .collect();
    if places.is_empty() {
        vec![Place::Network]
    } else {
        places
    }
}

/// Whether the user may read the person.
pub(crate) fn can_read_person(principal: &Principal, data: &Snapshot, person: PersonId) -> bool {
    principal.reads_everywhere()
        || person_places(data, person)
            .into_iter()
            .any(|p| principal.can_read(p))
}

/// Whether the user may change the person.
pub(crate) fn can_edit_person(principal: &Principal, data: &Snapshot, person: PersonId) -> bool {
    person_places(data, person)
        .into_iter()
        .any(|p| principal.can_edit(p))
}

/// Whether the user may read the organisation (unknown ones: no).
pub(crate) fn can_read_organisation(
    principal: &Principal,
    data: &Snapshot,
    id: OrganisationId,
) -> bool {
    data.organisation(id)
        .is_some_and(|o| principal.can_read(organisation_place(data, o)))
}

/// Whether the user may change the organisation.
pub(crate) fn can_edit_organisation(
    principal: &Principal,
    data: &Snapshot,
    id: OrganisationId,
) -> bool {
    data.organisation(id)
        .is_some_and(|o| principal.can_edit(organisation_place(data, o)))
}

/// Whether the user may read the actor.
pub(crate) fn can_read_actor(principal: &Principal, data: &Snapshot, actor: ActorId) -> bool {
    match actor {
        ActorId::Person(id) => can_read_person(principal, data, id),
        ActorId::Organisation(id) => can_read_organisation(principal, data, id),
    }
}

/// Whether the user may change the actor.
pub(crate) fn can_edit_actor(principal: &Principal, data: &Snapshot, actor: ActorId) -> bool {
    match actor {
        ActorId::Person(id) => can_edit_person(principal, data, id),
        ActorId::Organisation(id) => can_edit_organisation(principal, data, id),
    }
}

/// How a home reads: "Flöha", "Landkreis Mittelsachsen", "Land (landesweit)".
pub(crate) fn home_label(data: &Snapshot, home: Home, lang: Lang) -> String {
    match home {
        Home::State => texts().get(lang, "people-home-state").to_owned(),
        Home::District(d) => data
            .atlas
            .district(d)
            .map(|d| d.data.display_name())
            .unwrap_or_default(),
        Home::Municipality(m) => data
            .atlas
            .municipality(m)
            .map(|m| m.data.display_name().to_owned())
            .unwrap_or_default(),
    }
}

/// A date as users read it (`06.09.2022`), or nothing.
pub(crate) fn date_text(date: Option<jiff::civil::Date>) -> String {
    date.map(|d| d.strftime("%d.%m.%Y").to_string())
        .unwrap_or_default()
}

/// "seit 01.04.2019", "01.04.2019 – 31.03.2022", "".
pub(crate) fn period_text(period: Period, lang: Lang) -> String {
    let t = texts();
    match (period.since(), period.until()) {
        (None, None) => String::new(),
        (Some(s), None) => format!("{} {}", t.get(lang, "people-since"), date_text(Some(s))),
        (None, Some(u)) => format!("{} {}", t.get(lang, "people-until"), date_text(Some(u))),
        (Some(s), Some(u)) => format!("{} – {}", date_text(Some(s)), date_text(Some(u))),
    }
}

/// The page number of `?seite=` (1 for anything else than a positive number).
pub(crate) fn page_number(raw: &str) -> u32 {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|&n| n >= 1)
        .unwrap_or(1)
}

/// Links to the neighbouring pages of a list.
#[derive(Debug)]
pub(crate) struct Pager {
    /// This page (from 1).
    pub page: u32,
    /// How many pages.
    pub pages: u32,
    /// How many rows the whole list has.
    pub total: u64,
    /// The previous page's address.
    pub prev: Option<String>,
    /// The next page's address.
    pub next: Option<String>,
}

impl Pager {
    /// The pager of page `page` of `total` rows at `path` with the list's `query`.
    pub(crate) fn new(path: &str, query: &[(&str, &str)], page: u32, total: u64) -> Pager {
        let pages = u32::try_from(total.div_ceil(u64::from(PAGE_SIZE)))
            .unwrap_or(u32::MAX)
            .max(1);
        let link = |n: u32| {
            let mut s = form_urlencoded::Serializer::new(String::new());
            for (k, v) in query {
                if !v.is_empty() {
                    s.append_pair(k, v);
                }
            }
            if n > 1 {
                s.append_pair("seite", &n.to_string());
            }
            let q = s.finish();
            if q.is_empty() {
                path.to_owned()
            } else {
                format!("{path}?{q}")
            }
        };
        Pager {
            page,
            pages,
            total,
            prev: (page > 1).then(|| link(page.min(pages + 1) - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }

    /// The store's offset of the page.
    pub(crate) fn offset(page: u32) -> u32 {
        (page - 1).saturating_mul(PAGE_SIZE)
    }
}

/// One page of `items` already filtered in Rust (for users who do not read everywhere).
pub(crate) fn page_slice<T>(items: Vec<T>, page: u32) -> Vec<T> {
    let start = usize::try_from(Pager::offset(page)).unwrap_or(usize::MAX);
    items
        .into_iter()
        .skip(start)
        .take(PAGE_SIZE as usize)
        .collect()
}

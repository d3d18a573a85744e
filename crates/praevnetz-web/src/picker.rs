//! Shared by the problem and practice forms: reading a form whose fields may repeat (the
//! checkboxes of a multi-pick), and the accessible actor pick (a search field and checkboxes,
//! which works without JavaScript: the search button sends the form back and it is shown again
//! with the actors found, nothing saved). [`search`] finds actors by name for the pickers that
//! search with a plain `GET` form: the ends of a tie and the persons invited to a meeting.

use std::collections::HashSet;

use axum::body::Bytes;
use praevnetz_domain::actor::{ActorKind, Organisation, Person};
use praevnetz_domain::ids::{ActorId, MunicipalityId, OrganisationId, PersonId};
use praevnetz_domain::user::Role;
use praevnetz_store::{OrganisationSearch, PersonSearch};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::atlas::Atlas;
use crate::error::WebError;
use crate::people::{can_read_person, organisation_place};
use crate::policy::{Place, Principal};
use crate::snapshot::Snapshot;

/// How many actors a search adds to the pick at most (per kind).
const SEARCH_LIMIT: u32 = 20;

/// How many actors a search reads from the store before leaving out those the user may not
/// read.
const SEARCH_READ: u32 = 200;

/// Actors of `kind` whose names match `text` and whom the user may read (`SEARCH_LIMIT` at
/// most), with their names; nothing for an empty text. Only the first 200 characters count.
pub(crate) async fn search(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
    kind: ActorKind,
    text: &str,
) -> Result<Vec<(ActorId, String)>, WebError> {
    let text: String = text.trim().chars().take(200).collect();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let limit = usize::try_from(SEARCH_LIMIT).unwrap_or(usize::MAX);
    Ok(match kind {
        ActorKind::Organisation => state
            .store
            .search_organisations(&OrganisationSearch {
                text: Some(text),
                limit: SEARCH_READ,
                ..OrganisationSearch::default()
            })
            .await?
            .items
            .into_iter()
            .filter(|o| principal.can_read(organisation_place(data, o)))
            .take(limit)
            .map(|o| (ActorId::Organisation(o.id), o.data.name.to_string()))
            .collect(),
        ActorKind::Person => state
            .store
            .search_persons(&PersonSearch {
                text: Some(text),
                limit: SEARCH_READ,
                ..PersonSearch::default()
            })
            .await?
            .items
            .into_iter()
            .filter(|p| can_read_person(principal, data, p.id))
            .take(limit)
            .map(|p| (ActorId::Person(p.id), p.data.full_name()))
            .collect(),
    })
}

/// Reads a form body into `T`; fields named in `multi` become lists (all their values, in
/// order), every other field takes its last value. Unknown fields are ignored.
pub(crate) fn decode<T: DeserializeOwned>(body: &Bytes, multi: &[&str]) -> Result<T, WebError> {
    let mut map = serde_json::Map::new();
    for (key, value) in form_urlencoded::parse(body) {
        let value = serde_json::Value::String(value.into_owned());
        if multi.contains(&key.as_ref()) {
            let entry = map
                .entry(key.into_owned())
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let serde_json::Value::Array(list) = entry {
                list.push(value);
            }
        } else {
            map.insert(key.into_owned(), value);
        }
    }
    serde_json::from_value(serde_json::Value::Object(map)).map_err(|_| WebError::BadRequest)
}

/// An actor as a form value: `p12` for person 12, `o34` for organisation 34.
pub(crate) fn actor_code(id: ActorId) -> String {
    match id {
        ActorId::Person(p) => format!("p{}", p.get()),
        ActorId::Organisation(o) => format!("o{}", o.get()),
    }
}

/// Reads an actor form value; anything else is `None`.
pub(crate) fn parse_actor(code: &str) -> Option<ActorId> {
    let code = code.trim();
    let number = |rest: &str| rest.parse::<i64>().ok().filter(|n| *n > 0);
    if let Some(rest) = code.strip_prefix('p') {
        number(rest).map(|n| ActorId::Person(PersonId::new(n)))
    } else if let Some(rest) = code.strip_prefix('o') {
        number(rest).map(|n| ActorId::Organisation(OrganisationId::new(n)))
    } else {
        None
    }
}

/// An actor as pages show it.
#[derive(Clone, Debug)]
pub(crate) struct ActorRow {
    /// Form value (`p12`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// Its page.
    pub href: String,
    /// What it is ("Ordnungsamt", or the person's label).
    pub kind: String,
}

fn organisation_row(o: &Organisation, lang: praevnetz_domain::i18n::Lang) -> ActorRow {
    ActorRow {
        code: actor_code(ActorId::Organisation(o.id)),
        name: o.data.name.to_string(),
        href: format!("/organisationen/{}", o.id.get()),
        kind: o.data.kind.label(lang),
    }
}

fn person_row(p: &Person, person_label: &str) -> ActorRow {
    ActorRow {
        code: actor_code(ActorId::Person(p.id)),
        name: p.data.full_name(),
        href: format!("/personen/{}", p.id.get()),
        kind: person_label.to_owned(),
    }
}

/// Reading actors for a user: viewers read only what belongs to their own area (a person
/// through the organisations they belong to); everybody else reads the whole network.
pub(crate) struct Actors<'a> {
    pub state: &'a AppState,
    pub principal: &'a Principal,
    pub atlas: &'a Atlas,
    pub lang: praevnetz_domain::i18n::Lang,
    pub person_label: &'a str,
}

impl Actors<'_> {
    fn restricted(&self) -> bool {
        self.principal.role() == Role::Viewer
    }

    fn organisation_readable(&self, o: &Organisation) -> bool {
        self.principal
            .can_read(Place::of_home(self.atlas, o.data.home))
    }

    async fn person_readable(&self, id: PersonId) -> Result<bool, WebError> {
        if !self.restricted() {
            return Ok(true);
        }
        for membership in self.state.store.memberships(Some(id), None).await? {
            if let Some(o) = self
                .state
                .store
                .organisation(membership.data.organisation_id)
                .await?
                && self.organisation_readable(&o)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The actors of `ids` the user may read, in the given order (others left out).
    pub(crate) async fn rows(&self, ids: &[ActorId]) -> Result<Vec<ActorRow>, WebError> {
        let mut rows = Vec::new();
        for &id in ids {
            match id {
                ActorId::Organisation(o) => {
                    if let Some(o) = self.state.store.organisation(o).await?
                        && self.organisation_readable(&o)
                    {
                        rows.push(organisation_row(&o, self.lang));
                    }
                }
                ActorId::Person(p) => {
                    if let Some(person) = self.state.store.person(p).await?
                        && self.person_readable(p).await?
                    {
                        rows.push(person_row(&person, self.person_label));
                    }
                }
            }
        }
        Ok(rows)
    }

    /// The actors to offer in a pick: those already chosen, then the organisations (and, with
    /// `persons`, the people) of `municipality`, then what `search` finds; each once.
    pub(crate) async fn candidates(
        &self,
        chosen: &[ActorId],
        municipality: Option<MunicipalityId>,
        search: &str,
        persons: bool,
    ) -> Result<Vec<ActorRow>, WebError> {
        let mut rows = self.rows(chosen).await?;
        let mut seen: HashSet<String> = rows.iter().map(|r| r.code.clone()).collect();
        let mut push = |row: ActorRow, rows: &mut Vec<ActorRow>| {
            if seen.insert(row.code.clone()) {
                rows.push(row);
            }
        };
        let text = search.trim();
        if !text.is_empty() {
            let found = self
                .state
                .store
                .search_organisations(&OrganisationSearch {
                    text: Some(text.to_owned()),
                    limit: SEARCH_LIMIT,
                    ..OrganisationSearch::default()
                })
                .await?;
            for o in found.items.iter().filter(|o| self.organisation_readable(o)) {
                push(organisation_row(o, self.lang), &mut rows);
            }
            if persons {
                let found = self
                    .state
                    .store
                    .search_persons(&PersonSearch {
                        text: Some(text.to_owned()),
                        limit: SEARCH_LIMIT,
                        ..PersonSearch::default()
                    })
                    .await?;
                for p in &found.items {
                    if self.person_readable(p.id).await? {
                        push(person_row(p, self.person_label), &mut rows);
                    }
                }
            }
        } else if let Some(m) = municipality {
            for o in self.state.store.organisations(Some(m)).await? {
                if self.organisation_readable(&o) {
                    push(organisation_row(&o, self.lang), &mut rows);
                }
            }
            if persons {
                let today = self
                    .state
                    .clock
                    .now()
                    .to_zoned(praevnetz_domain::time::home_zone())
                    .date();
                for (p, _) in self.state.store.persons_of_municipality(m, today).await? {
                    if self.person_readable(p.id).await? {
                        push(person_row(&p, self.person_label), &mut rows);
                    }
                }
            }
        }
        Ok(rows)
    }
}

/// A row of the pick as the template shows it: the actor and which boxes are ticked.
#[derive(Debug)]
pub(crate) struct PickRow {
    pub actor: ActorRow,
    /// Ticked in the first column.
    pub first: bool,
    /// Ticked in the second column.
    pub second: bool,
}

/// Rows of a pick with the codes ticked in each column.
pub(crate) fn pick_rows(
    candidates: Vec<ActorRow>,
    first: &[String],
    second: &[String],
) -> Vec<PickRow> {
    candidates
        .into_iter()
        .map(|actor| PickRow {
            first: first.contains(&actor.code),
            second: second.contains(&actor.code),
            actor,
        })
        .collect()
}

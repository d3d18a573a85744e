//! Organisationen: list with search and filters, the organisation's page, forms.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use praevnetz_domain::actor::{
    Home, Organisation, OrganisationData, OrganisationKind, Pillar, Pillars, Territory,
};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::ids::{ActorId, OrganisationId};
use praevnetz_domain::territory::{Ags, DistrictAgs};
use praevnetz_domain::text::{Email, Name, Phone, Text, Url};
use praevnetz_store::OrganisationSearch;
use serde::Deserialize;

use super::{
    Pager, can_read_actor, home_label, organisation_place, page_number, page_slice, period_text,
};
use crate::AppState;
use crate::account::change;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, FormErrors, code_choices};
use crate::page::{Chrome, render, render_invalid};
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/organisationen", Gate::LoggedIn, organisation_list)
        .get("/organisationen/neu", Gate::LoggedIn, organisation_new)
        .post("/organisationen/neu", Gate::LoggedIn, organisation_create)
        .get("/organisationen/{id}", Gate::LoggedIn, organisation_show)
        .get(
            "/organisationen/{id}/bearbeiten",
            Gate::LoggedIn,
            organisation_edit,
        )
        .post(
            "/organisationen/{id}/bearbeiten",
            Gate::LoggedIn,
            organisation_update,
        )
        .post(
            "/organisationen/{id}/loeschen",
            Gate::LoggedIn,
            organisation_delete,
        )
}

/// The id in a path; anything else is a page that does not exist.
pub(super) fn parse_id(raw: &str) -> Result<OrganisationId, WebError> {
    raw.parse().map_err(|_| WebError::NotFound)
}

/// An organisation the user may read, or 404.
fn readable<'a>(
    data: &'a Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<&'a Organisation, WebError> {
    let id = parse_id(raw)?;
    data.organisation(id)
        .filter(|o| principal.can_read(organisation_place(data, o)))
        .ok_or(WebError::NotFound)
}

/// An organisation the user may change: 404 if they may not read it, 403 if only that.
fn editable<'a>(
    data: &'a Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<&'a Organisation, WebError> {
    let organisation = readable(data, principal, raw)?;
    if principal.can_edit(organisation_place(data, organisation)) {
        Ok(organisation)
    } else {
        Err(WebError::Forbidden)
    }
}

// ------------------------------------------------------------------------------ list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    art: String,
    #[serde(default)]
    saeule: String,
    #[serde(default)]
    kreis: String,
    #[serde(default)]
    gemeinde: String,
    #[serde(default)]
    seite: String,
}

struct OrganisationRow {
    id: OrganisationId,
    name: String,
    short_name: String,
    kind: String,
    pillar: String,
    home: String,
}

#[derive(Template)]
#[template(path = "organisation_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    q: String,
    kinds: Vec<Choice>,
    pillars: Vec<Choice>,
    districts: Vec<Choice>,
    municipalities: Vec<Choice>,
    rows: Vec<OrganisationRow>,
    pager: Pager,
    can_create: bool,
}

/// District choices (by AGS) the user may read.
pub(super) fn district_choices(
    data: &Snapshot,
    principal: &Principal,
    current: &str,
) -> Vec<Choice> {
    data.atlas
        .districts
        .iter()
        .filter(|d| principal.can_read(Place::District(d.id)))
        .map(|d| Choice::new(d.data.ags.as_str(), d.data.display_name(), current))
        .collect()
}

/// Municipality choices (by AGS) the user may read, those of the district if one is chosen.
pub(super) fn municipality_choices(
    data: &Snapshot,
    principal: &Principal,
    district: Option<praevnetz_domain::ids::DistrictId>,
    current: &str,
) -> Vec<Choice> {
    let mut list: Vec<Choice> = data
        .atlas
        .municipalities
        .iter()
        .filter(|m| district.is_none_or(|d| m.district_id == d))
        .filter(|m| principal.can_read(Place::Municipality(m.id, m.district_id)))
        .map(|m| Choice::new(m.data.ags.as_str(), m.data.display_name(), current))
        .collect();
    list.sort_by_key(|c| praevnetz_domain::text::sort_key(&c.label));
    list
}

/// The district of a `?kreis=` value.
pub(super) fn district_by_ags(
    data: &Snapshot,
    raw: &str,
) -> Option<praevnetz_domain::ids::DistrictId> {
    let ags = DistrictAgs::parse(raw).ok()?;
    data.atlas
        .districts
        .iter()
        .find(|d| d.data.ags == ags)
        .map(|d| d.id)
}

/// The municipality of a `?gemeinde=` value.
pub(super) fn municipality_by_ags(
    data: &Snapshot,
    raw: &str,
) -> Option<praevnetz_domain::ids::MunicipalityId> {
    let ags = Ags::parse(raw).ok()?;
    data.atlas.municipality_by_ags(&ags).map(|m| m.id)
}

async fn organisation_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let page = page_number(&query.seite);
    let kind = OrganisationKind::from_code(&query.art);
    let pillar = Pillar::from_code(&query.saeule);
    let district = district_by_ags(data, &query.kreis);
    let municipality = municipality_by_ags(data, &query.gemeinde);
    let text = query.q.trim();
    let mut search = OrganisationSearch {
        text: (!text.is_empty()).then(|| text.chars().take(200).collect()),
        kind,
        pillar,
        municipality,
        district,
        ..OrganisationSearch::default()
    };
    let (items, total) = if principal.reads_everywhere() {
        search.offset = Pager::offset(page);
        let found = state.store.search_organisations(&search).await?;
        (found.items, found.total)
    } else {
        // store-search: a filter by a set of districts would let the store page viewers' lists
        // too; their area is small, so all matches are read and filtered here.
        search.limit = u32::MAX;
        let readable: Vec<Organisation> = state
            .store
            .search_organisations(&search)
            .await?
            .items
            .into_iter()
            .filter(|o| principal.can_read(organisation_place(data, o)))
            .collect();
        let total = readable.len() as u64;
        (page_slice(readable, page), total)
    };
    let rows = items
        .iter()
        .map(|o| OrganisationRow {
            id: o.id,
            name: o.data.name.to_string(),
            short_name: o
                .data
                .short_name
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            kind: o.data.kind.label(lang),
            pillar: o.data.pillars.primary().label(lang),
            home: home_label(data, o.data.home, lang),
        })
        .collect();
    let pager = Pager::new(
        "/organisationen",
        &[
            ("q", text),
            ("art", kind.map_or("", |k| k.code())),
            ("saeule", pillar.map_or("", |p| p.code())),
            ("kreis", if district.is_some() { &query.kreis } else { "" }),
            (
                "gemeinde",
                if municipality.is_some() {
                    &query.gemeinde
                } else {
                    ""
                },
            ),
        ],
        page,
        total,
    );
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("org-list-title"), "/organisationen"),
        q: text.to_owned(),
        kinds: code_choices(OrganisationKind::ALL, lang, &query.art),
        pillars: code_choices(Pillar::ALL, lang, &query.saeule),
        districts: district_choices(data, principal, &query.kreis),
        municipalities: municipality_choices(data, principal, district, &query.gemeinde),
        rows,
        pager,
        can_create: principal.can_edit_somewhere(),
    })
}

// ------------------------------------------------------------------------------ show

struct MemberRow {
    person_id: i64,
    name: String,
    function: String,
    period: String,
    current: bool,
}

pub(super) struct TieRow {
    pub kind: String,
    pub strength: u8,
    pub period: String,
    pub other_href: String,
    pub other_name: String,
    pub directed: bool,
    pub outgoing: bool,
    pub ended: bool,
}

struct LinkRow {
    href: String,
    label: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "organisation_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    id: OrganisationId,
    short_name: String,
    aliases: Vec<String>,
    kind: String,
    primary: String,
    secondary: Vec<String>,
    home: String,
    area: Vec<String>,
    email: String,
    phone: String,
    website: String,
    address: String,
    description: String,
    members: Vec<MemberRow>,
    ties: Vec<TieRow>,
    ego: Option<crate::network_ego::Ego>,
    bodies: Vec<LinkRow>,
    meetings: Vec<LinkRow>,
    can_edit: bool,
}

/// How a territory reads.
fn territory_label(data: &Snapshot, territory: Territory) -> String {
    match territory {
        Territory::District(d) => data
            .atlas
            .district(d)
            .map(|d| d.data.display_name())
            .unwrap_or_default(),
        Territory::Municipality(m) => data
            .atlas
            .municipality(m)
            .map(|m| m.data.display_name().to_owned())
            .unwrap_or_default(),
    }
}

/// The ties of an actor the user may see (both ends readable), for its page.
pub(super) async fn actor_ties(
    state: &AppState,
    ctx: &Ctx,
    principal: &Principal,
    actor: ActorId,
) -> Result<Vec<TieRow>, WebError> {
    let data = &ctx.data;
    let today = state.clock.today();
    let mut rows = Vec::new();
    for tie in state.store.ties(Some(actor), None).await? {
        let (source, target) = (tie.data.source(), tie.data.target());
        let other = if source == actor { target } else { source };
        if !can_read_actor(principal, data, other) {
            continue;
        }
        let (other_href, other_name) = super::ties::actor_link(state, data, other).await?;
        rows.push(TieRow {
            kind: tie.data.kind().label(ctx.lang),
            strength: tie.data.strength().get(),
            period: period_text(tie.data.period(), ctx.lang),
            other_href,
            other_name,
            directed: tie.data.directed(),
            outgoing: source == actor,
            ended: tie.data.period().until().is_some_and(|u| u < today),
        });
    }
    Ok(rows)
}

/// Bodies where current members hold a seat for the organisation.
async fn seated_bodies(
    state: &AppState,
    data: &Snapshot,
    lang: Lang,
    id: OrganisationId,
    mut current_members: Vec<praevnetz_domain::ids::PersonId>,
) -> Result<Vec<LinkRow>, WebError> {
    // store-search: a list of seats by organisation would be one query.
    let mut body_ids = Vec::new();
    current_members.dedup();
    for person in current_members {
        for seat in state.store.body_members(None, Some(person)).await? {
            if seat.data.organisation_id == Some(id) && !body_ids.contains(&seat.data.body_id) {
                body_ids.push(seat.data.body_id);
            }
        }
    }
    let mut bodies = Vec::new();
    for body_id in body_ids {
        if let Some(body) = state.store.body(body_id).await? {
            // A body is shown on the page of the municipality it works in.
            let href = match body.data.home {
                Home::Municipality(m) => data
                    .atlas
                    .municipality(m)
                    .map(|m| format!("/kommunen/{}#h-bodies", m.data.ags.as_str()))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            bodies.push(LinkRow {
                href,
                label: body.data.name.to_string(),
                detail: body.data.kind.label(lang),
            });
        }
    }
    Ok(bodies)
}

async fn organisation_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let organisation = readable(data, principal, &raw)?;
    let id = organisation.id;
    let d = &organisation.data;
    let today = state.clock.today();
    let persons = state.store.persons(Some(id)).await?;
    let memberships = state.store.memberships(None, Some(id)).await?;
    let mut members = Vec::new();
    let mut current_members = Vec::new();
    for person in &persons {
        for m in memberships.iter().filter(|m| m.data.person_id == person.id) {
            let current = m.data.period.contains(today) || m.data.period.until().is_none();
            if current {
                current_members.push(person.id);
            }
            members.push(MemberRow {
                person_id: person.id.get(),
                name: person.data.full_name(),
                function: m
                    .data
                    .function
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                period: period_text(m.data.period, lang),
                current,
            });
        }
    }
    let ties = actor_ties(&state, &ctx, principal, ActorId::Organisation(id)).await?;
    let ego = crate::network_ego::ego(&state, &ctx, principal, ActorId::Organisation(id)).await?;
    let bodies = seated_bodies(&state, data, lang, id, current_members).await?;
    let meetings = data
        .meetings
        .iter()
        .filter(|m| m.data.hosts.contains(&id))
        .filter(|m| crate::meetings::can_read_meeting(principal, data, m))
        .map(|m| LinkRow {
            href: format!("/treffen/{}", m.id),
            label: m.data.title.to_string(),
            detail: praevnetz_domain::time::local(m.data.time.starts_at())
                .strftime("%d.%m.%Y")
                .to_string(),
        })
        .collect();
    render(&ShowPage {
        c: Chrome::new(&ctx, d.name.to_string(), "/organisationen"),
        id,
        short_name: d
            .short_name
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        aliases: d.aliases.iter().map(ToString::to_string).collect(),
        kind: d.kind.label(lang),
        primary: d.pillars.primary().label(lang),
        secondary: d
            .pillars
            .secondary()
            .iter()
            .map(|p| p.label(lang))
            .collect(),
        home: home_label(data, d.home, lang),
        area: d.area.iter().map(|t| territory_label(data, *t)).collect(),
        email: d
            .email
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        phone: d
            .phone
            .as_ref()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
        website: d
            .website
            .as_ref()
            .map(|u| u.as_str().to_owned())
            .unwrap_or_default(),
        address: d
            .address
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        description: d
            .description
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        members,
        ties,
        ego,
        bodies,
        meetings,
        can_edit: principal.can_edit(organisation_place(data, organisation)),
    })
}

// ------------------------------------------------------------------------------ forms

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OrganisationForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    aliases: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    pillar: String,
    #[serde(default)]
    secondary_state_police: String,
    #[serde(default)]
    secondary_civic: String,
    #[serde(default)]
    secondary_municipality: String,
    #[serde(default)]
    secondary_support: String,
    #[serde(default)]
    home: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    description: String,
}

impl OrganisationForm {
    fn from_data(data: &Snapshot, d: &OrganisationData) -> OrganisationForm {
        let secondary = |p: Pillar| {
            if d.pillars.secondary().contains(&p) {
                "on".to_owned()
            } else {
                String::new()
            }
        };
        OrganisationForm {
            name: d.name.to_string(),
            short_name: d
                .short_name
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            aliases: d
                .aliases
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
            kind: d.kind.code().to_owned(),
            pillar: d.pillars.primary().code().to_owned(),
            secondary_state_police: secondary(Pillar::StatePolice),
            secondary_civic: secondary(Pillar::Civic),
            secondary_municipality: secondary(Pillar::Municipality),
            secondary_support: secondary(Pillar::Support),
            home: home_value(data, d.home),
            area: d
                .area
                .iter()
                .filter_map(|t| match *t {
                    Territory::District(id) => {
                        data.atlas.district(id).map(|d| d.data.ags.to_string())
                    }
                    Territory::Municipality(id) => {
                        data.atlas.municipality(id).map(|m| m.data.ags.to_string())
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
            email: d
                .email
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            phone: d
                .phone
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            website: d
                .website
                .as_ref()
                .map(|u| u.as_str().to_owned())
                .unwrap_or_default(),
            address: d
                .address
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            description: d
                .description
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }

    fn secondary_raw(&self, pillar: Pillar) -> &str {
        match pillar {
            Pillar::StatePolice => &self.secondary_state_police,
            Pillar::Civic => &self.secondary_civic,
            Pillar::Municipality => &self.secondary_municipality,
            Pillar::Support => &self.secondary_support,
        }
    }

    /// Parses the form; every broken rule lands in `errors`.
    fn parse(
        &self,
        data: &Snapshot,
        principal: &Principal,
        errors: &mut FormErrors,
        lang: Lang,
        external_ref: Option<praevnetz_domain::text::ExternalRef>,
    ) -> Option<OrganisationData> {
        let name = errors.parse("name", &self.name, Name::parse);
        let short_name = errors.parse("short_name", &self.short_name, Name::parse_optional);
        let aliases = errors.parse("aliases", &self.aliases, |raw| {
            raw.lines()
                .filter(|l| !l.trim().is_empty())
                .map(Name::parse)
                .collect::<Result<Vec<_>, _>>()
        });
        let kind = errors.parse("kind", &self.kind, |raw| {
            if raw.trim().is_empty() {
                Err(Rule::Required)
            } else {
                OrganisationKind::parse(raw)
            }
        });
        let primary = if self.pillar.trim().is_empty() {
            match kind.map(OrganisationKind::default_pillar) {
                Some(Some(p)) => Some(p),
                Some(None) => {
                    errors.rule("pillar", &Rule::Required);
                    None
                }
                None => None,
            }
        } else {
            errors.parse("pillar", &self.pillar, Pillar::parse)
        };
        let secondary: Vec<Pillar> = Pillar::ALL
            .iter()
            .copied()
            .filter(|p| !self.secondary_raw(*p).is_empty())
            .collect();
        let home = parse_home(data, &self.home, errors);
        if let Some(home) = home
            && !principal.can_edit(Place::of_home(&data.atlas, home))
        {
            errors.message(
                "home",
                crate::i18n::texts()
                    .get(lang, "people-error-home")
                    .to_owned(),
            );
        }
        let area = errors.parse("area", &self.area, |raw| parse_area(data, raw));
        let email = errors.parse("email", &self.email, Email::parse_optional);
        let phone = errors.parse("phone", &self.phone, Phone::parse_optional);
        let website = errors.parse("website", &self.website, Url::parse_optional);
        let address = errors.parse("address", &self.address, Text::parse_optional);
        let description = errors.parse("description", &self.description, Text::parse_optional);
        if !errors.is_empty() {
            return None;
        }
        Some(OrganisationData {
            external_ref,
            name: name?,
            short_name: short_name?,
            aliases: aliases?,
            kind: kind?,
            pillars: Pillars::new(primary?, secondary),
            home: home?,
            area: area?,
            email: email?,
            phone: phone?,
            website: website?,
            address: address?,
            description: description?,
        })
    }
}

/// `land`, `kreis-14522`, `gemeinde-14522140`.
fn home_value(data: &Snapshot, home: Home) -> String {
    match home {
        Home::State => "land".to_owned(),
        Home::District(id) => data
            .atlas
            .district(id)
            .map(|d| format!("kreis-{}", d.data.ags))
            .unwrap_or_default(),
        Home::Municipality(id) => data
            .atlas
            .municipality(id)
            .map(|m| format!("gemeinde-{}", m.data.ags))
            .unwrap_or_default(),
    }
}

fn parse_home(data: &Snapshot, raw: &str, errors: &mut FormErrors) -> Option<Home> {
    let raw = raw.trim();
    let home = if raw == "land" {
        Some(Home::State)
    } else if let Some(ags) = raw.strip_prefix("kreis-") {
        district_by_ags(data, ags).map(Home::District)
    } else if let Some(ags) = raw.strip_prefix("gemeinde-") {
        municipality_by_ags(data, ags).map(Home::Municipality)
    } else {
        None
    };
    if home.is_none() {
        errors.rule("home", &Rule::Required);
    }
    home
}

/// AGS codes of districts (5 digits) and municipalities (8 digits), separated by spaces,
/// commas or semicolons.
fn parse_area(data: &Snapshot, raw: &str) -> Result<Vec<Territory>, Rule> {
    let mut area = Vec::new();
    for part in raw
        .split([' ', ',', ';', '\n', '\r', '\t'])
        .filter(|p| !p.is_empty())
    {
        let territory = if part.len() == 5 {
            district_by_ags(data, part).map(Territory::District)
        } else {
            municipality_by_ags(data, part).map(Territory::Municipality)
        };
        match territory {
            Some(t) if !area.contains(&t) => area.push(t),
            Some(_) => {}
            None => {
                return Err(Rule::UnknownReference {
                    key: part.chars().take(20).collect(),
                });
            }
        }
    }
    Ok(area)
}

/// Where a store refusal is shown.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::ShortName => "short_name",
        Field::Aliases => "aliases",
        Field::Kind => "kind",
        Field::Pillar | Field::SecondaryPillars => "pillar",
        Field::Municipality | Field::District => "home",
        Field::Area => "area",
        Field::Email => "email",
        Field::Phone => "phone",
        Field::Website => "website",
        Field::Address => "address",
        Field::Description => "description",
        _ => "name",
    }
}

#[derive(Template)]
#[template(path = "organisation_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    action: String,
    cancel: String,
    form: OrganisationForm,
    errors: FormErrors,
    kinds: Vec<Choice>,
    pillars: Vec<Choice>,
    secondary: Vec<Choice>,
    homes: Vec<Choice>,
}

/// The homes the user may give an organisation.
fn home_choices(data: &Snapshot, principal: &Principal, lang: Lang, current: &str) -> Vec<Choice> {
    let mut list = Vec::new();
    if principal.can_edit(Place::Network) {
        list.push(Choice::new(
            "land",
            crate::i18n::texts().get(lang, "people-home-state"),
            current,
        ));
    }
    for d in &data.atlas.districts {
        if principal.can_edit(Place::District(d.id)) {
            list.push(Choice::new(
                format!("kreis-{}", d.data.ags),
                d.data.display_name(),
                current,
            ));
        }
    }
    let mut municipalities: Vec<Choice> = principal
        .editable_municipalities(&data.atlas)
        .map(|m| {
            Choice::new(
                format!("gemeinde-{}", m.data.ags),
                m.data.display_name(),
                current,
            )
        })
        .collect();
    municipalities.sort_by_key(|c| praevnetz_domain::text::sort_key(&c.label));
    list.extend(municipalities);
    list
}

fn form_page<'a>(
    ctx: &'a Ctx,
    principal: &Principal,
    title: String,
    action: String,
    cancel: String,
    form: OrganisationForm,
    errors: FormErrors,
) -> FormPage<'a> {
    let lang = ctx.lang;
    let data = &ctx.data;
    FormPage {
        c: Chrome::new(ctx, title, "/organisationen"),
        kinds: code_choices(OrganisationKind::ALL, lang, &form.kind),
        pillars: code_choices(Pillar::ALL, lang, &form.pillar),
        secondary: Pillar::ALL
            .iter()
            .map(|p| Choice {
                value: format!("secondary_{}", p.code()),
                label: p.label(lang),
                selected: !form.secondary_raw(*p).is_empty(),
            })
            .collect(),
        homes: home_choices(data, principal, lang, &form.home),
        action,
        cancel,
        form,
        errors,
    }
}

async fn organisation_new(Extension(ctx): Extension<Arc<Ctx>>) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let page = form_page(
        &ctx,
        principal,
        ctx.t("org-new-title").to_owned(),
        "/organisationen/neu".to_owned(),
        "/organisationen".to_owned(),
        OrganisationForm::default(),
        FormErrors::new(ctx.lang),
    );
    render(&page)
}

async fn organisation_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = form.parse(&ctx.data, principal, &mut errors, ctx.lang, None) {
        match state
            .store
            .create_organisation(&change(&state, &ctx), &data)
            .await
        {
            Ok(id) => return Ok(Redirect::to(&format!("/organisationen/{id}")).into_response()),
            Err(e) => errors.store(e, field_name)?,
        }
    }
    render_invalid(&form_page(
        &ctx,
        principal,
        ctx.t("org-new-title").to_owned(),
        "/organisationen/neu".to_owned(),
        "/organisationen".to_owned(),
        form,
        errors,
    ))
}

async fn organisation_edit(
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let organisation = editable(&ctx.data, principal, &raw)?;
    let id = organisation.id;
    let page = form_page(
        &ctx,
        principal,
        format!("{}: {}", ctx.t("org-edit-title"), organisation.data.name),
        format!("/organisationen/{id}/bearbeiten"),
        format!("/organisationen/{id}"),
        OrganisationForm::from_data(&ctx.data, &organisation.data),
        FormErrors::new(ctx.lang),
    );
    render(&page)
}

async fn organisation_update(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let organisation = editable(&ctx.data, principal, &raw)?;
    let id = organisation.id;
    let mut errors = FormErrors::new(ctx.lang);
    let external_ref = organisation.data.external_ref.clone();
    if let Some(data) = form.parse(&ctx.data, principal, &mut errors, ctx.lang, external_ref) {
        match state
            .store
            .update_organisation(&change(&state, &ctx), id, &data)
            .await
        {
            Ok(()) => return Ok(Redirect::to(&format!("/organisationen/{id}")).into_response()),
            Err(e) => errors.store(e, field_name)?,
        }
    }
    render_invalid(&form_page(
        &ctx,
        principal,
        format!("{}: {}", ctx.t("org-edit-title"), organisation.data.name),
        format!("/organisationen/{id}/bearbeiten"),
        format!("/organisationen/{id}"),
        form,
        errors,
    ))
}

async fn organisation_delete(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let id = editable(&ctx.data, principal, &raw)?.id;
    state
        .store
        .delete_organisation(&change(&state, &ctx), id)
        .await?;
    Ok(Redirect::to("/organisationen").into_response())
}

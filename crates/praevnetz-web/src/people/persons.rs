//! Personen: list with search and filters, the person's page with memberships, forms.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use praevnetz_domain::actor::{
    DataBasis, LegalBasis, Membership, MembershipData, Person, PersonData,
};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{ActorId, MembershipId, OrganisationId, PersonId};
use praevnetz_domain::text::{Email, Name, Phone, Text};
use praevnetz_domain::time::{Period, parse_optional_date};
use praevnetz_store::PersonSearch;
use serde::Deserialize;

use super::organisations::{
    TieRow, actor_ties, district_by_ags, district_choices, municipality_by_ags,
    municipality_choices,
};
use super::{
    Pager, can_edit_organisation, can_edit_person, can_read_person, date_text, organisation_place,
    page_number, page_slice, period_text,
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
        .get("/personen", Gate::LoggedIn, person_list)
        .get("/personen/neu", Gate::LoggedIn, person_new)
        .post("/personen/neu", Gate::LoggedIn, person_create)
        .get("/personen/{id}", Gate::LoggedIn, person_show)
        .get("/personen/{id}/bearbeiten", Gate::LoggedIn, person_edit)
        .post("/personen/{id}/bearbeiten", Gate::LoggedIn, person_update)
        .post("/personen/{id}/loeschen", Gate::LoggedIn, person_delete)
        .post(
            "/personen/{id}/mitgliedschaften",
            Gate::LoggedIn,
            membership_create,
        )
        .post(
            "/personen/{id}/mitgliedschaften/{mid}/beenden",
            Gate::LoggedIn,
            membership_end,
        )
        .post(
            "/personen/{id}/mitgliedschaften/{mid}/loeschen",
            Gate::LoggedIn,
            membership_delete,
        )
}

/// A person the user may read, or 404.
async fn readable(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<Person, WebError> {
    let id: PersonId = raw.parse().map_err(|_| WebError::NotFound)?;
    if !can_read_person(principal, data, id) {
        return Err(WebError::NotFound);
    }
    state.store.person(id).await?.ok_or(WebError::NotFound)
}

/// A person the user may change: 404 if they may not read them, 403 if only that.
async fn editable(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<Person, WebError> {
    let person = readable(state, data, principal, raw).await?;
    if can_edit_person(principal, data, person.id) {
        Ok(person)
    } else {
        Err(WebError::Forbidden)
    }
}

/// "Revierleiterin, Polizeirevier Flöha; …": current memberships from the snapshot.
fn affiliation(data: &Snapshot, person: PersonId, today: jiff::civil::Date) -> String {
    data.memberships_of(person)
        .iter()
        .filter(|m| m.data.period.until().is_none_or(|u| u >= today))
        .filter_map(|m| {
            let organisation = data.organisation(m.data.organisation_id)?;
            Some(match &m.data.function {
                Some(f) => format!("{f}, {}", organisation.data.name),
                None => organisation.data.name.to_string(),
            })
        })
        .collect::<Vec<_>>()
        .join("; ")
}

// ------------------------------------------------------------------------------ list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    kreis: String,
    #[serde(default)]
    gemeinde: String,
    #[serde(default)]
    seite: String,
}

struct PersonRow {
    id: PersonId,
    name: String,
    affiliation: String,
}

#[derive(Template)]
#[template(path = "person_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    q: String,
    organisation: Option<(OrganisationId, String)>,
    districts: Vec<Choice>,
    municipalities: Vec<Choice>,
    rows: Vec<PersonRow>,
    pager: Pager,
    can_create: bool,
}

async fn person_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let page = page_number(&query.seite);
    let organisation = query
        .organisation
        .parse::<OrganisationId>()
        .ok()
        .and_then(|id| data.organisation(id))
        .filter(|o| principal.can_read(organisation_place(data, o)));
    let district = district_by_ags(data, &query.kreis);
    let municipality = municipality_by_ags(data, &query.gemeinde);
    let text = query.q.trim();
    let mut search = PersonSearch {
        text: (!text.is_empty()).then(|| text.chars().take(200).collect()),
        organisation: organisation.map(|o| o.id),
        municipality,
        district,
        ..PersonSearch::default()
    };
    let (items, total) = if principal.reads_everywhere() {
        search.offset = Pager::offset(page);
        let found = state.store.search_persons(&search).await?;
        (found.items, found.total)
    } else {
        // store-search: a filter by a set of districts would let the store page this too.
        search.limit = u32::MAX;
        let readable: Vec<Person> = state
            .store
            .search_persons(&search)
            .await?
            .items
            .into_iter()
            .filter(|p| can_read_person(principal, data, p.id))
            .collect();
        let total = readable.len() as u64;
        (page_slice(readable, page), total)
    };
    let today = state.clock.today();
    let rows = items
        .iter()
        .map(|p| PersonRow {
            id: p.id,
            name: format!("{}, {}", p.data.family_name, p.data.given_name),
            affiliation: affiliation(data, p.id, today),
        })
        .collect();
    let organisation_value = organisation.map(|o| o.id.to_string()).unwrap_or_default();
    let pager = Pager::new(
        "/personen",
        &[
            ("q", text),
            ("organisation", &organisation_value),
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
        c: Chrome::new(&ctx, ctx.t("person-list-title"), "/personen"),
        q: text.to_owned(),
        organisation: organisation.map(|o| (o.id, o.data.name.to_string())),
        districts: district_choices(data, principal, &query.kreis),
        municipalities: municipality_choices(data, principal, district, &query.gemeinde),
        rows,
        pager,
        can_create: principal.can_edit_somewhere(),
    })
}

// ------------------------------------------------------------------------------ show

struct MembershipRow {
    id: MembershipId,
    organisation_id: OrganisationId,
    organisation: String,
    function: String,
    period: String,
    current: bool,
    can_edit: bool,
}

struct SeatRow {
    body: String,
    role: String,
    period: String,
}

struct MeetingRow {
    title: String,
    when: String,
    status: String,
}

#[derive(Template)]
#[template(path = "person_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    id: PersonId,
    email: String,
    phone: String,
    basis: String,
    consent_on: String,
    note: String,
    memberships: Vec<MembershipRow>,
    ties: Vec<TieRow>,
    ego: Option<crate::network_ego::Ego>,
    seats: Vec<SeatRow>,
    meetings: Vec<MeetingRow>,
    can_edit: bool,
    join: MembershipForm,
    join_errors: FormErrors,
    join_choices: Vec<Choice>,
}

/// Organisations the user may change, as choices.
fn editable_organisations(data: &Snapshot, principal: &Principal, current: &str) -> Vec<Choice> {
    data.organisations
        .iter()
        .filter(|o| principal.can_edit(organisation_place(data, o)))
        .map(|o| Choice::new(o.id.to_string(), o.data.name.to_string(), current))
        .collect()
}

async fn show_page<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    principal: &Principal,
    person: &Person,
    join: MembershipForm,
    join_errors: FormErrors,
) -> Result<ShowPage<'a>, WebError> {
    let data = &ctx.data;
    let lang = ctx.lang;
    let today = state.clock.today();
    let id = person.id;
    let memberships = state
        .store
        .memberships(Some(id), None)
        .await?
        .into_iter()
        .filter_map(|m| {
            let organisation = data.organisation(m.data.organisation_id)?;
            Some(MembershipRow {
                id: m.id,
                organisation_id: organisation.id,
                organisation: organisation.data.name.to_string(),
                function: m
                    .data
                    .function
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                period: period_text(m.data.period, lang),
                current: m.data.period.until().is_none_or(|u| u >= today),
                can_edit: principal.can_edit(organisation_place(data, organisation)),
            })
        })
        .collect();
    let ties = actor_ties(state, ctx, principal, ActorId::Person(id)).await?;
    let ego = crate::network_ego::ego(state, ctx, principal, ActorId::Person(id)).await?;
    let mut seats = Vec::new();
    for seat in state.store.body_members(None, Some(id)).await? {
        if let Some(body) = state.store.body(seat.data.body_id).await? {
            seats.push(SeatRow {
                body: body.data.name.to_string(),
                role: seat.data.role.label(lang),
                period: period_text(seat.data.period, lang),
            });
        }
    }
    let meetings = state
        .store
        .participations(None, Some(id))
        .await?
        .into_iter()
        .filter_map(|p| {
            let meeting = data.meeting(p.data.meeting_id)?;
            Some(MeetingRow {
                title: meeting.data.title.to_string(),
                when: praevnetz_domain::time::local(meeting.data.time.starts_at())
                    .strftime("%d.%m.%Y")
                    .to_string(),
                status: p.data.status.label(lang),
            })
        })
        .collect();
    let d = &person.data;
    Ok(ShowPage {
        c: Chrome::new(ctx, d.full_name(), "/personen"),
        id,
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
        basis: d.basis.basis().label(lang),
        consent_on: date_text(d.basis.consent_on()),
        note: d.note.as_ref().map(ToString::to_string).unwrap_or_default(),
        memberships,
        ties,
        ego,
        seats,
        meetings,
        can_edit: can_edit_person(principal, data, id),
        join_choices: editable_organisations(data, principal, &join.organisation),
        join,
        join_errors,
    })
}

async fn person_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let person = readable(&state, &ctx.data, principal, &raw).await?;
    let page = show_page(
        &state,
        &ctx,
        principal,
        &person,
        MembershipForm::default(),
        FormErrors::new(ctx.lang),
    )
    .await?;
    render(&page)
}

// ------------------------------------------------------------------------------ memberships

#[derive(Debug, Default, Deserialize)]
pub(crate) struct MembershipForm {
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    function: String,
    #[serde(default)]
    since: String,
}

impl MembershipForm {
    /// The organisation (one the user may change), function and start.
    fn parse(
        &self,
        data: &Snapshot,
        principal: &Principal,
        person: PersonId,
        errors: &mut FormErrors,
    ) -> Option<MembershipData> {
        let organisation = errors.parse("organisation", &self.organisation, |raw| {
            raw.trim()
                .parse::<OrganisationId>()
                .ok()
                .filter(|id| can_edit_organisation(principal, data, *id))
                .ok_or(Rule::Required)
        });
        let function = errors.parse("function", &self.function, Name::parse_optional);
        let since = errors.parse("since", &self.since, parse_optional_date);
        Some(MembershipData {
            person_id: person,
            organisation_id: organisation?,
            function: function?,
            period: Period::new(since?, None).ok()?,
        })
    }
}

fn membership_field(field: Field) -> &'static str {
    match field {
        Field::Function => "function",
        Field::Since | Field::Until => "since",
        _ => "organisation",
    }
}

async fn membership_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<MembershipForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let person = readable(&state, &ctx.data, principal, &raw).await?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = form.parse(&ctx.data, principal, person.id, &mut errors) {
        match state
            .store
            .create_membership(&change(&state, &ctx), &data)
            .await
        {
            Ok(_) => {
                return Ok(Redirect::to(&format!("/personen/{}", person.id)).into_response());
            }
            Err(e) => errors.store(e, membership_field)?,
        }
    }
    let page = show_page(&state, &ctx, principal, &person, form, errors).await?;
    render_invalid(&page)
}

/// A membership of the person whose organisation the user may change.
async fn editable_membership(
    state: &AppState,
    ctx: &Ctx,
    principal: &Principal,
    raw: &str,
    raw_membership: &str,
) -> Result<(Person, Membership), WebError> {
    let person = readable(state, &ctx.data, principal, raw).await?;
    let id: MembershipId = raw_membership.parse().map_err(|_| WebError::NotFound)?;
    let membership = state
        .store
        .membership(id)
        .await?
        .filter(|m| m.data.person_id == person.id)
        .ok_or(WebError::NotFound)?;
    if !can_edit_organisation(principal, &ctx.data, membership.data.organisation_id) {
        return Err(WebError::Forbidden);
    }
    Ok((person, membership))
}

async fn membership_end(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, raw_membership)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let (person, membership) =
        editable_membership(&state, &ctx, principal, &raw, &raw_membership).await?;
    if membership.data.period.until().is_none() {
        let today = state.clock.today();
        // A membership starting after today ends the day it starts.
        let since = membership.data.period.since();
        let until = since.filter(|s| *s > today).unwrap_or(today);
        let period = Period::new(since, Some(until)).map_err(|_| WebError::BadRequest)?;
        let data = MembershipData {
            period,
            ..membership.data
        };
        state
            .store
            .update_membership(&change(&state, &ctx), membership.id, &data)
            .await?;
    }
    Ok(Redirect::to(&format!("/personen/{}", person.id)).into_response())
}

async fn membership_delete(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, raw_membership)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let (person, membership) =
        editable_membership(&state, &ctx, principal, &raw, &raw_membership).await?;
    state
        .store
        .delete_membership(&change(&state, &ctx), membership.id)
        .await?;
    Ok(Redirect::to(&format!("/personen/{}", person.id)).into_response())
}

// ------------------------------------------------------------------------------ forms

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PersonForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    given_name: String,
    #[serde(default)]
    family_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    consent_on: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    function: String,
    #[serde(default)]
    since: String,
}

impl PersonForm {
    fn from_data(d: &PersonData) -> PersonForm {
        PersonForm {
            title: d
                .title
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            given_name: d.given_name.to_string(),
            family_name: d.family_name.to_string(),
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
            basis: d.basis.basis().code().to_owned(),
            consent_on: d
                .basis
                .consent_on()
                .map(|d| d.to_string())
                .unwrap_or_default(),
            note: d.note.as_ref().map(ToString::to_string).unwrap_or_default(),
            ..PersonForm::default()
        }
    }

    fn parse(
        &self,
        errors: &mut FormErrors,
        external_ref: Option<praevnetz_domain::text::ExternalRef>,
    ) -> Option<PersonData> {
        let title = errors.parse("title", &self.title, Name::parse_optional);
        let given_name = errors.parse("given_name", &self.given_name, Name::parse);
        let family_name = errors.parse("family_name", &self.family_name, Name::parse);
        let email = errors.parse("email", &self.email, Email::parse_optional);
        let phone = errors.parse("phone", &self.phone, Phone::parse_optional);
        let basis = errors.parse("basis", &self.basis, |raw| {
            if raw.trim().is_empty() {
                Err(Rule::Required)
            } else {
                LegalBasis::parse(raw)
            }
        });
        let consent_on = errors.parse("consent_on", &self.consent_on, parse_optional_date);
        let note = errors.parse("note", &self.note, Text::parse_optional);
        let basis = match (basis, consent_on) {
            (Some(b), Some(c)) => errors.take(DataBasis::new(b, c), person_field),
            _ => None,
        };
        Some(PersonData {
            external_ref,
            title: title?,
            given_name: given_name?,
            family_name: family_name?,
            email: email?,
            phone: phone?,
            basis: basis?,
            note: note?,
        })
    }
}

fn person_field(field: Field) -> &'static str {
    match field {
        Field::Title => "title",
        Field::GivenName => "given_name",
        Field::Email => "email",
        Field::Phone => "phone",
        Field::LegalBasis => "basis",
        Field::ConsentOn => "consent_on",
        Field::Note => "note",
        Field::Organisation => "organisation",
        Field::Function => "function",
        Field::Since | Field::Until => "since",
        _ => "family_name",
    }
}

#[derive(Template)]
#[template(path = "person_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    action: String,
    cancel: String,
    form: PersonForm,
    errors: FormErrors,
    bases: Vec<Choice>,
    /// On creation: the organisations to choose from.
    organisations: Option<Vec<Choice>>,
    /// Whether a person may be created without organisation.
    organisation_optional: bool,
}

#[allow(clippy::too_many_arguments, reason = "one page's parts")]
fn form_page<'a>(
    ctx: &'a Ctx,
    principal: &Principal,
    title: String,
    action: String,
    cancel: String,
    form: PersonForm,
    errors: FormErrors,
    creating: bool,
) -> FormPage<'a> {
    FormPage {
        c: Chrome::new(ctx, title, "/personen"),
        bases: code_choices(LegalBasis::ALL, ctx.lang, &form.basis),
        organisations: creating
            .then(|| editable_organisations(&ctx.data, principal, &form.organisation)),
        organisation_optional: principal.can_edit(Place::Network),
        action,
        cancel,
        form,
        errors,
    }
}

async fn person_new(Extension(ctx): Extension<Arc<Ctx>>) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    render(&form_page(
        &ctx,
        principal,
        ctx.t("person-new-title").to_owned(),
        "/personen/neu".to_owned(),
        "/personen".to_owned(),
        PersonForm::default(),
        FormErrors::new(ctx.lang),
        true,
    ))
}

async fn person_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<PersonForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let mut errors = FormErrors::new(ctx.lang);
    let person = form.parse(&mut errors, None);
    // Without an organisation a person belongs to the whole network: administrators only.
    let membership = if form.organisation.trim().is_empty() && principal.can_edit(Place::Network) {
        Some(None)
    } else {
        MembershipForm {
            organisation: form.organisation.clone(),
            function: form.function.clone(),
            since: form.since.clone(),
        }
        .parse(&ctx.data, principal, PersonId::new(0), &mut errors)
        .map(Some)
    };
    if let (Some(person), Some(membership), true) = (person, membership, errors.is_empty()) {
        let ctx_change = change(&state, &ctx);
        let result = match membership {
            Some(m) => state
                .store
                .create_person_with_membership(&ctx_change, &person, &m)
                .await
                .map(|(id, _)| id),
            None => state.store.create_person(&ctx_change, &person).await,
        };
        match result {
            Ok(id) => return Ok(Redirect::to(&format!("/personen/{id}")).into_response()),
            Err(e) => errors.store(e, person_field)?,
        }
    }
    render_invalid(&form_page(
        &ctx,
        principal,
        ctx.t("person-new-title").to_owned(),
        "/personen/neu".to_owned(),
        "/personen".to_owned(),
        form,
        errors,
        true,
    ))
}

async fn person_edit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let person = editable(&state, &ctx.data, principal, &raw).await?;
    render(&form_page(
        &ctx,
        principal,
        format!(
            "{}: {}",
            ctx.t("person-edit-title"),
            person.data.full_name()
        ),
        format!("/personen/{}/bearbeiten", person.id),
        format!("/personen/{}", person.id),
        PersonForm::from_data(&person.data),
        FormErrors::new(ctx.lang),
        false,
    ))
}

async fn person_update(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<PersonForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let person = editable(&state, &ctx.data, principal, &raw).await?;
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = form.parse(&mut errors, person.data.external_ref.clone())
        && errors.is_empty()
    {
        match state
            .store
            .update_person(&change(&state, &ctx), person.id, &data)
            .await
        {
            Ok(()) => return Ok(Redirect::to(&format!("/personen/{}", person.id)).into_response()),
            Err(e) => errors.store(e, person_field)?,
        }
    }
    render_invalid(&form_page(
        &ctx,
        principal,
        format!(
            "{}: {}",
            ctx.t("person-edit-title"),
            person.data.full_name()
        ),
        format!("/personen/{}/bearbeiten", person.id),
        format!("/personen/{}", person.id),
        form,
        errors,
        false,
    ))
}

async fn person_delete(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let person = editable(&state, &ctx.data, principal, &raw).await?;
    state
        .store
        .delete_person(&change(&state, &ctx), person.id)
        .await?;
    Ok(Redirect::to("/personen").into_response())
}

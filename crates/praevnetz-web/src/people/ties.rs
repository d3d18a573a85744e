//! Beziehungen: ties between two persons or two organisations — list, record (a search-and-pick
//! that works without JavaScript: search each end, pick it from radio buttons, then describe
//! the tie), end and delete.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use praevnetz_domain::actor::ActorKind;
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{ActorId, OrganisationId, PersonId, TieId};
use praevnetz_domain::text::Text;
use praevnetz_domain::tie::{Strength, Tie, TieData, TieKind, TieSpec};
use praevnetz_domain::time::{Period, parse_optional_date};
use serde::Deserialize;

use super::{Pager, can_edit_actor, can_read_actor, page_number, page_slice, period_text};
use crate::AppState;
use crate::account::change;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, FormErrors, code_choices};
use crate::page::{Chrome, render, render_invalid};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/beziehungen", Gate::LoggedIn, tie_list)
        .get("/beziehungen/neu", Gate::LoggedIn, tie_new)
        .post("/beziehungen/neu", Gate::LoggedIn, tie_create)
        .post("/beziehungen/{id}/beenden", Gate::LoggedIn, tie_end)
        .post("/beziehungen/{id}/loeschen", Gate::LoggedIn, tie_delete)
}

/// The address and name of an actor.
pub(super) async fn actor_link(
    state: &AppState,
    data: &Snapshot,
    actor: ActorId,
) -> Result<(String, String), WebError> {
    Ok(match actor {
        ActorId::Organisation(id) => (
            format!("/organisationen/{id}"),
            data.organisation(id)
                .map(|o| o.data.name.to_string())
                .unwrap_or_default(),
        ),
        ActorId::Person(id) => (
            format!("/personen/{id}"),
            state
                .store
                .person(id)
                .await?
                .map(|p| p.data.full_name())
                .unwrap_or_default(),
        ),
    })
}

/// `organisationen` or `personen` (organisations unless persons are asked for).
fn level(raw: &str) -> ActorKind {
    if raw == "personen" {
        ActorKind::Person
    } else {
        ActorKind::Organisation
    }
}

fn level_value(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "personen",
        ActorKind::Organisation => "organisationen",
    }
}

/// An actor by its number: an organisation if there is one, else a person.
fn actor_of(data: &Snapshot, raw: &str) -> Option<ActorId> {
    let id: i64 = raw.trim().parse().ok()?;
    if data.organisation(OrganisationId::new(id)).is_some() {
        Some(ActorId::Organisation(OrganisationId::new(id)))
    } else {
        Some(ActorId::Person(PersonId::new(id)))
    }
}

/// A tie the user may read (both ends), or 404.
async fn readable_tie(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<Tie, WebError> {
    let id: TieId = raw.parse().map_err(|_| WebError::NotFound)?;
    let tie = state.store.tie(id).await?.ok_or(WebError::NotFound)?;
    if can_read_actor(principal, data, tie.data.source())
        && can_read_actor(principal, data, tie.data.target())
    {
        Ok(tie)
    } else {
        Err(WebError::NotFound)
    }
}

/// A tie the user may end or delete: readable, and one end changeable (else 403); a tie that
/// follows from attendance changes only with it (409).
async fn editable_tie(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<Tie, WebError> {
    let tie = readable_tie(state, data, principal, raw).await?;
    if !(can_edit_actor(principal, data, tie.data.source())
        || can_edit_actor(principal, data, tie.data.target()))
    {
        Err(WebError::Forbidden)
    } else if tie.data.kind().by_hand().is_err() {
        Err(WebError::Conflict)
    } else {
        Ok(tie)
    }
}

/// The meeting a tie of kind "met at meeting" comes from, if the user may read it: its address
/// and title.
fn tie_meeting(data: &Snapshot, principal: &Principal, tie: &Tie) -> Option<(String, String)> {
    if tie.data.kind() != TieKind::MetAtMeeting {
        return None;
    }
    let meeting = data
        .meeting(tie.data.meeting_id()?)
        .filter(|m| crate::meetings::can_read_meeting(principal, data, m))?;
    Some((
        format!("/treffen/{}", meeting.id),
        meeting.data.title.to_string(),
    ))
}

// ------------------------------------------------------------------------------ list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    art: String,
    #[serde(default)]
    ebene: String,
    #[serde(default)]
    akteur: String,
    #[serde(default)]
    seite: String,
}

struct Row {
    id: TieId,
    source_href: String,
    source: String,
    target_href: String,
    target: String,
    kind: String,
    directed: bool,
    strength: u8,
    period: String,
    source_note: String,
    /// For "met at meeting": the meeting's address and title.
    meeting: Option<(String, String)>,
    can_edit: bool,
    open: bool,
}

#[derive(Template)]
#[template(path = "tie_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    actor: Option<(String, String)>,
    actor_value: String,
    rows: Vec<Row>,
    pager: Pager,
    can_create: bool,
}

async fn tie_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let page = page_number(&query.seite);
    let kind = TieKind::from_code(&query.art);
    let actor = actor_of(data, &query.akteur).filter(|a| can_read_actor(principal, data, *a));
    let level = actor.map_or_else(|| level(&query.ebene), ActorId::kind);
    // store-search: a paged list of ties by level and kind would spare reading them all.
    let ties: Vec<Tie> = state
        .store
        .ties(actor, Some(level))
        .await?
        .into_iter()
        .filter(|t| kind.is_none_or(|k| t.data.kind() == k))
        .filter(|t| {
            can_read_actor(principal, data, t.data.source())
                && can_read_actor(principal, data, t.data.target())
        })
        .collect();
    let total = ties.len() as u64;
    let today = state.clock.today();
    let mut rows = Vec::new();
    for tie in page_slice(ties, page) {
        let (source_href, source) = actor_link(&state, data, tie.data.source()).await?;
        let (target_href, target) = actor_link(&state, data, tie.data.target()).await?;
        rows.push(Row {
            id: tie.id,
            source_href,
            source,
            target_href,
            target,
            kind: tie.data.kind().label(lang),
            directed: tie.data.directed(),
            strength: tie.data.strength().get(),
            period: period_text(tie.data.period(), lang),
            source_note: tie
                .data
                .source_note()
                .map(ToString::to_string)
                .unwrap_or_default(),
            meeting: tie_meeting(data, principal, &tie),
            // Ties that follow from attendance change only with it.
            can_edit: tie.data.kind().by_hand().is_ok()
                && (can_edit_actor(principal, data, tie.data.source())
                    || can_edit_actor(principal, data, tie.data.target())),
            open: tie.data.period().until().is_none_or(|u| u >= today),
        });
    }
    let actor_value = actor.map(|a| a.get().to_string()).unwrap_or_default();
    let actor_label = match actor {
        Some(a) => Some(actor_link(&state, data, a).await?),
        None => None,
    };
    let pager = Pager::new(
        "/beziehungen",
        &[
            ("art", kind.map_or("", |k| k.code())),
            (
                "ebene",
                if actor.is_some() {
                    ""
                } else {
                    level_value(level)
                },
            ),
            ("akteur", &actor_value),
        ],
        page,
        total,
    );
    let t = crate::i18n::texts();
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("tie-list-title"), "/beziehungen"),
        kinds: code_choices(TieKind::ALL, lang, &query.art),
        levels: vec![
            Choice::new(
                "organisationen",
                t.get(lang, "tie-level-organisations"),
                level_value(level),
            ),
            Choice::new(
                "personen",
                t.get(lang, "tie-level-persons"),
                level_value(level),
            ),
        ],
        actor: actor_label,
        actor_value,
        rows,
        pager,
        can_create: principal.can_edit_somewhere(),
    })
}

// ------------------------------------------------------------------------------ record

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PickQuery {
    #[serde(default)]
    ebene: String,
    #[serde(default)]
    q1: String,
    #[serde(default)]
    q2: String,
    #[serde(default)]
    von: String,
    #[serde(default)]
    zu: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TieForm {
    #[serde(default)]
    ebene: String,
    #[serde(default)]
    von: String,
    #[serde(default)]
    zu: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    directed: String,
    #[serde(default)]
    strength: String,
    #[serde(default)]
    since: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    source_note: String,
}

/// A candidate end.
struct Candidate {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "tie_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    levels: Vec<Choice>,
    ebene: &'static str,
    q1: String,
    q2: String,
    from: Vec<Candidate>,
    to: Vec<Candidate>,
    searched1: bool,
    searched2: bool,
    /// Both ends picked: their names.
    picked: Option<(String, String)>,
    form: TieForm,
    errors: FormErrors,
    kinds: Vec<Choice>,
    strengths: Vec<Choice>,
}

/// Actors of `kind` matching `text` that the user may read (20 at most), with the picked one
/// kept even if the search no longer finds it.
async fn candidates(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
    kind: ActorKind,
    text: &str,
    picked: &str,
) -> Result<Vec<Candidate>, WebError> {
    let mut list = crate::picker::search(state, data, principal, kind, text).await?;
    if let Some(actor) = picked_actor(data, principal, kind, picked)
        && !list.iter().any(|(a, _)| *a == actor)
    {
        let (_, name) = actor_link(state, data, actor).await?;
        list.insert(0, (actor, name));
    }
    Ok(list
        .into_iter()
        .map(|(actor, label)| {
            let value = actor.get().to_string();
            Candidate {
                checked: value == picked.trim(),
                value,
                label,
            }
        })
        .collect())
}

/// The actor of a picked value, if it exists and the user may read it.
fn picked_actor(
    data: &Snapshot,
    principal: &Principal,
    kind: ActorKind,
    raw: &str,
) -> Option<ActorId> {
    let id: i64 = raw.trim().parse().ok()?;
    let actor = ActorId::from_parts(kind, id);
    let exists = match actor {
        ActorId::Organisation(o) => data.organisation(o).is_some(),
        ActorId::Person(_) => true,
    };
    (exists && can_read_actor(principal, data, actor)).then_some(actor)
}

#[allow(clippy::too_many_arguments, reason = "one page's parts")]
async fn form_page<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    principal: &Principal,
    kind: ActorKind,
    q1: String,
    q2: String,
    form: TieForm,
    errors: FormErrors,
) -> Result<FormPage<'a>, WebError> {
    let data = &ctx.data;
    let lang = ctx.lang;
    let from = candidates(state, data, principal, kind, &q1, &form.von).await?;
    let to = candidates(state, data, principal, kind, &q2, &form.zu).await?;
    let picked = match (
        picked_actor(data, principal, kind, &form.von),
        picked_actor(data, principal, kind, &form.zu),
    ) {
        (Some(a), Some(b)) => Some((
            actor_link(state, data, a).await?.1,
            actor_link(state, data, b).await?.1,
        )),
        _ => None,
    };
    let t = crate::i18n::texts();
    let ebene = level_value(kind);
    let strength = if form.strength.is_empty() {
        "3"
    } else {
        form.strength.as_str()
    };
    Ok(FormPage {
        c: Chrome::new(ctx, ctx.t("tie-new-title"), "/beziehungen"),
        levels: vec![
            Choice::new(
                "organisationen",
                t.get(lang, "tie-level-organisations"),
                ebene,
            ),
            Choice::new("personen", t.get(lang, "tie-level-persons"), ebene),
        ],
        ebene,
        searched1: !q1.trim().is_empty(),
        searched2: !q2.trim().is_empty(),
        q1,
        q2,
        from,
        to,
        picked,
        kinds: code_choices(&TieKind::BY_HAND, lang, &form.kind),
        strengths: (Strength::MIN..=Strength::MAX)
            .map(|n| Choice::new(n.to_string(), n.to_string(), strength))
            .collect(),
        form,
        errors,
    })
}

async fn tie_new(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<PickQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let kind = level(&query.ebene);
    let form = TieForm {
        ebene: level_value(kind).to_owned(),
        von: query.von,
        zu: query.zu,
        ..TieForm::default()
    };
    let q1: String = query.q1.chars().take(200).collect();
    let q2: String = query.q2.chars().take(200).collect();
    let page = form_page(
        &state,
        &ctx,
        principal,
        kind,
        q1,
        q2,
        form,
        FormErrors::new(ctx.lang),
    )
    .await?;
    render(&page)
}

fn tie_field(field: Field) -> &'static str {
    match field {
        Field::Source => "von",
        Field::Kind => "kind",
        Field::Strength => "strength",
        Field::Since => "since",
        Field::Until => "until",
        Field::SourceNote => "source_note",
        _ => "zu",
    }
}

async fn tie_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<TieForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let data = &ctx.data;
    let kind = level(&form.ebene);
    let mut errors = FormErrors::new(ctx.lang);
    let source = errors.parse("von", &form.von, |raw| {
        picked_actor(data, principal, kind, raw).ok_or(Rule::Required)
    });
    let target = errors.parse("zu", &form.zu, |raw| {
        picked_actor(data, principal, kind, raw).ok_or(Rule::Required)
    });
    if let (Some(a), Some(b)) = (source, target)
        && !can_edit_actor(principal, data, a)
        && !can_edit_actor(principal, data, b)
    {
        errors.message("von", ctx.t("tie-error-edit-end").to_owned());
    }
    let tie_kind = errors.parse("kind", &form.kind, |raw| {
        if raw.trim().is_empty() {
            Err(Rule::Required)
        } else {
            TieKind::parse(raw).and_then(TieKind::by_hand)
        }
    });
    let strength = errors.parse("strength", &form.strength, |raw| {
        let value = raw.trim().parse::<i64>().map_err(|_| Rule::OutOfRange {
            min: Strength::MIN.to_string(),
            max: Strength::MAX.to_string(),
            found: raw.chars().take(20).collect(),
        })?;
        Strength::new(value)
    });
    let since = errors.parse("since", &form.since, parse_optional_date);
    let until = errors.parse("until", &form.until, parse_optional_date);
    let period = match (since, until) {
        (Some(s), Some(u)) => errors.parse("until", "", |_| Period::new(s, u)),
        _ => None,
    };
    let source_note = errors.parse("source_note", &form.source_note, Text::parse_optional);
    if let (Some(source), Some(target), Some(tie_kind), Some(strength), Some(period), Some(note)) =
        (source, target, tie_kind, strength, period, source_note)
        && errors.is_empty()
    {
        let directed = !form.directed.is_empty();
        let spec = TieSpec {
            source,
            target,
            kind: tie_kind,
            directed,
            strength,
            period,
            source_note: note,
            meeting_id: None,
        };
        if let Some(tie) = errors.take(TieData::new(spec), tie_field) {
            match state.store.create_tie(&change(&state, &ctx), &tie).await {
                Ok(_) => {
                    return Ok(
                        Redirect::to(&format!("/beziehungen?akteur={}", source.get()))
                            .into_response(),
                    );
                }
                Err(e) => errors.store(e, tie_field)?,
            }
        }
    }
    let page = form_page(
        &state,
        &ctx,
        principal,
        kind,
        String::new(),
        String::new(),
        form,
        errors,
    )
    .await?;
    render_invalid(&page)
}

// ------------------------------------------------------------------------------ end, delete

/// Where to go back to after ending or deleting: a local page the form names, else the list.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct BackForm {
    #[serde(default)]
    weiter: String,
}

async fn tie_end(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(back): Form<BackForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let tie = editable_tie(&state, &ctx.data, principal, &raw).await?;
    let today = state.clock.today();
    let period = tie.data.period();
    if period.until().is_none_or(|u| u > today) {
        // A tie that has not begun yet ends the day it begins.
        let until = period.since().filter(|s| *s > today).unwrap_or(today);
        let spec = TieSpec {
            source: tie.data.source(),
            target: tie.data.target(),
            kind: tie.data.kind(),
            directed: tie.data.directed(),
            strength: tie.data.strength(),
            period: Period::new(period.since(), Some(until)).map_err(|_| WebError::BadRequest)?,
            source_note: tie.data.source_note().cloned(),
            meeting_id: tie.data.meeting_id(),
        };
        let data = TieData::new(spec).map_err(|_| WebError::BadRequest)?;
        state
            .store
            .update_tie(&change(&state, &ctx), tie.id, &data)
            .await?;
    }
    Ok(Redirect::to(back_target(&back.weiter)).into_response())
}

async fn tie_delete(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(back): Form<BackForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let tie = editable_tie(&state, &ctx.data, principal, &raw).await?;
    state
        .store
        .delete_tie(&change(&state, &ctx), tie.id)
        .await?;
    Ok(Redirect::to(back_target(&back.weiter)).into_response())
}

fn back_target(raw: &str) -> &str {
    match crate::account::local_target(Some(raw)) {
        "/" => "/beziehungen",
        target => target,
    }
}

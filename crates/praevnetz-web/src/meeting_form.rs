//! Planning a meeting (`/treffen/neu`, `/treffen/{id}/bearbeiten`): series, title, start and end
//! (local time in Europe/Berlin, stored in UTC; a time that does not exist or exists twice at a
//! daylight-saving change is refused), format, status, venue, places, invitation text and
//! minutes. Errors are shown beside their fields and nothing is saved until all is right.
//!
//! Who may: whoever may change data at the venue's municipality; a meeting without a venue
//! municipality (online) whoever may change data in a district of its series' region, and
//! administrators.

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::i18n::Localize;
use praevnetz_domain::ids::{MeetingId, MeetingSeriesId, MunicipalityId, OrganisationId};
use praevnetz_domain::meeting::{
    Meeting, MeetingData, MeetingFormat, MeetingStatus, TimeSpan, Venue,
};
use praevnetz_domain::text::{Name, Text};
use praevnetz_domain::time::{local, parse_timestamp};
use praevnetz_store::StoreError;
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, FormErrors};
use crate::page::{Chrome, render, render_invalid};
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/treffen/neu", Gate::LoggedIn, meeting_new)
        .post("/treffen/neu", Gate::LoggedIn, meeting_create)
        .get("/treffen/{id}/bearbeiten", Gate::LoggedIn, meeting_edit)
        .post("/treffen/{id}/bearbeiten", Gate::LoggedIn, meeting_update)
        .post("/treffen/{id}/einladen", Gate::LoggedIn, invite)
        .post(
            "/treffen/{id}/personen-einladen",
            Gate::LoggedIn,
            invite_persons,
        )
        .post("/treffen/{id}/teilnahme", Gate::LoggedIn, participation_set)
        .post("/treffen/{id}/tagesordnung", Gate::LoggedIn, schedule_topic)
        .post("/treffen/{id}/folgetreffen", Gate::LoggedIn, follow_up)
}

/// Whether the user may change a meeting at `venue` of `series`.
pub(crate) fn can_plan(
    principal: &Principal,
    data: &Snapshot,
    venue: Option<MunicipalityId>,
    series: Option<MeetingSeriesId>,
) -> bool {
    if principal.is_admin() {
        return true;
    }
    match venue {
        Some(m) => principal.can_edit(Place::of_municipality(&data.atlas, m)),
        None => data
            .series_districts(series)
            .iter()
            .any(|d| principal.can_edit(Place::District(*d))),
    }
}

/// The form as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MeetingForm {
    #[serde(default)]
    reihe: String,
    #[serde(default)]
    titel: String,
    #[serde(default)]
    beginn: String,
    #[serde(default)]
    ende: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    stand: String,
    #[serde(default)]
    ort: String,
    #[serde(default)]
    adresse: String,
    #[serde(default)]
    kommune: String,
    #[serde(default)]
    plaetze: String,
    #[serde(default)]
    beschreibung: String,
    #[serde(default)]
    protokoll: String,
}

/// The form field showing errors of a domain field.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::StartsAt => "beginn",
        Field::EndsAt => "ende",
        Field::Capacity => "plaetze",
        _ => "titel",
    }
}

impl MeetingForm {
    fn of(data: &Snapshot, meeting: &Meeting) -> MeetingForm {
        let d = &meeting.data;
        let text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
        let when = |ts| local(ts).strftime("%d.%m.%Y %H:%M").to_string();
        MeetingForm {
            reihe: d.series_id.map(|s| s.to_string()).unwrap_or_default(),
            titel: d.title.to_string(),
            beginn: when(d.time.starts_at()),
            ende: when(d.time.ends_at()),
            form: d.format.code().to_owned(),
            stand: d.status.code().to_owned(),
            ort: d
                .venue
                .name
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            adresse: text(&d.venue.address),
            kommune: d
                .venue
                .municipality_id
                .and_then(|m| data.atlas.municipality(m))
                .map(|m| m.data.ags.to_string())
                .unwrap_or_default(),
            plaetze: d.capacity.map(|c| c.to_string()).unwrap_or_default(),
            beschreibung: text(&d.description),
            protokoll: text(&d.minutes),
        }
    }

    /// The meeting the form describes, keeping what the form does not show (hosts, location,
    /// reference) from `before`; `None` with the errors recorded.
    fn parse(
        &self,
        data: &Snapshot,
        principal: &Principal,
        errors: &mut FormErrors,
        before: Option<&MeetingData>,
    ) -> Option<MeetingData> {
        let texts = crate::i18n::texts();
        let lang = errors.lang();
        let series = match self.reihe.trim() {
            "" => Some(None),
            raw => {
                let found = raw
                    .parse::<MeetingSeriesId>()
                    .ok()
                    .filter(|id| data.meeting_series.iter().any(|s| s.id == *id));
                if found.is_none() {
                    errors.message("reihe", texts.get(lang, "meetings-error-series").to_owned());
                }
                found.map(Some)
            }
        };
        let title = errors.parse("titel", &self.titel, Name::parse);
        let start = errors.parse("beginn", &self.beginn, parse_timestamp);
        let end = errors.parse("ende", &self.ende, parse_timestamp);
        let time = match (start, end) {
            (Some(s), Some(e)) => errors.take(TimeSpan::new(s, e), field_name),
            _ => None,
        };
        let format = errors.parse("form", &self.form, MeetingFormat::parse);
        let status = errors.parse("stand", &self.stand, MeetingStatus::parse);
        let venue_name = errors.optional("ort", &self.ort, Name::parse);
        let address = errors.parse("adresse", &self.adresse, Text::parse_optional);
        let municipality = match self.kommune.trim() {
            "" => Some(None),
            raw => {
                let found = data
                    .atlas
                    .municipalities
                    .iter()
                    .find(|m| m.data.ags.as_str() == raw)
                    .map(|m| m.id);
                if found.is_none() {
                    errors.message(
                        "kommune",
                        texts.get(lang, "problems-error-municipality").to_owned(),
                    );
                }
                found.map(Some)
            }
        };
        let capacity = errors.optional("plaetze", &self.plaetze, |raw| {
            praevnetz_domain::number::parse_optional_int(raw, 1, i64::from(i32::MAX))
                .map(|v| v.and_then(|v| u32::try_from(v).ok()).unwrap_or(1))
        });
        let description = errors.parse("beschreibung", &self.beschreibung, Text::parse_optional);
        let minutes = errors.parse("protokoll", &self.protokoll, Text::parse_optional);
        if let (Some(venue), Some(series)) = (municipality, series)
            && !can_plan(principal, data, venue, series)
        {
            errors.message(
                "kommune",
                texts.get(lang, "meetings-error-not-yours").to_owned(),
            );
            return None;
        }
        let data = MeetingData {
            external_ref: before.and_then(|b| b.external_ref.clone()),
            series_id: series?,
            title: title?,
            time: time?,
            format: format?,
            status: status?,
            venue: Venue {
                name: venue_name?,
                address: address?,
                municipality_id: municipality?,
                location: before.and_then(|b| b.venue.location),
            },
            capacity: capacity?,
            description: description?,
            minutes: minutes?,
            hosts: before.map(|b| b.hosts.clone()).unwrap_or_default(),
        };
        errors.take(data.validate(), field_name)?;
        Some(data)
    }
}

#[derive(Template)]
#[template(path = "meeting_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    action: String,
    form: MeetingForm,
    errors: FormErrors,
    series: Vec<Choice>,
    formats: Vec<Choice>,
    statuses: Vec<Choice>,
    municipalities: Vec<Choice>,
}

fn form_page<'a>(
    ctx: &'a Ctx,
    principal: &Principal,
    id: Option<MeetingId>,
    form: MeetingForm,
    errors: FormErrors,
) -> FormPage<'a> {
    let data = &ctx.data;
    let lang = ctx.lang;
    let series = std::iter::once(Choice::new("", ctx.t("meetings-no-series"), &form.reihe))
        .chain(
            data.meeting_series
                .iter()
                .map(|s| Choice::new(s.id.to_string(), s.data.name.to_string(), &form.reihe)),
        )
        .collect();
    let formats = [
        MeetingFormat::InPerson,
        MeetingFormat::Online,
        MeetingFormat::Hybrid,
    ]
    .into_iter()
    .map(|f| Choice::new(f.code(), f.label(lang), &form.form))
    .collect();
    let statuses = [
        MeetingStatus::Planned,
        MeetingStatus::Held,
        MeetingStatus::Cancelled,
    ]
    .into_iter()
    .map(|s| Choice::new(s.code(), s.label(lang), &form.stand))
    .collect();
    // The municipalities where the user may plan, and the current one.
    let municipalities = std::iter::once(Choice::new(
        "",
        ctx.t("meetings-no-municipality"),
        &form.kommune,
    ))
    .chain(
        data.atlas
            .municipalities
            .iter()
            .filter(|m| {
                principal.can_edit(Place::Municipality(m.id, m.district_id))
                    || m.data.ags.as_str() == form.kommune
            })
            .map(|m| {
                Choice::new(
                    m.data.ags.to_string(),
                    m.data.display_name().to_owned(),
                    &form.kommune,
                )
            }),
    )
    .collect();
    let (title, action) = match id {
        Some(id) => (ctx.t("meetings-edit"), format!("/treffen/{id}/bearbeiten")),
        None => (ctx.t("meetings-new"), "/treffen/neu".to_owned()),
    };
    FormPage {
        c: Chrome::new(ctx, title, "/treffen"),
        action,
        form,
        errors,
        series,
        formats,
        statuses,
        municipalities,
    }
}

async fn meeting_new(Extension(ctx): Extension<Arc<Ctx>>) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let form = MeetingForm {
        form: MeetingFormat::InPerson.code().to_owned(),
        stand: MeetingStatus::Planned.code().to_owned(),
        ..MeetingForm::default()
    };
    render(&form_page(
        &ctx,
        principal,
        None,
        form,
        FormErrors::new(ctx.lang),
    ))
}

/// Saves the form as a new meeting or over `id`, or shows it again with its errors.
async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<MeetingId>,
    before: Option<&MeetingData>,
    form: MeetingForm,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let mut errors = FormErrors::new(ctx.lang);
    let Some(data) = form.parse(&ctx.data, principal, &mut errors, before) else {
        return render_invalid(&form_page(ctx, principal, id, form, errors));
    };
    let change = crate::account::change(state, ctx);
    let saved = match id {
        Some(id) => state
            .store
            .update_meeting(&change, id, &data)
            .await
            .map(|()| id),
        None => state.store.create_meeting(&change, &data).await,
    };
    match saved {
        Ok(id) => Ok(Redirect::to(&format!("/treffen/{id}")).into_response()),
        Err(e) => {
            errors.store(e, field_name)?;
            render_invalid(&form_page(ctx, principal, id, form, errors))
        }
    }
}

async fn meeting_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<MeetingForm>,
) -> Result<Response, WebError> {
    if !ctx
        .principal()
        .ok_or(WebError::SessionEnded)?
        .can_edit_somewhere()
    {
        return Err(WebError::Forbidden);
    }
    save(&state, &ctx, None, None, form).await
}

/// The meeting if the user may see it (404 otherwise) and plan it (403 otherwise).
pub(crate) fn editable<'d>(
    data: &'d Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<&'d Meeting, WebError> {
    let meeting = crate::meetings::readable(data, principal, raw)?;
    if can_plan(
        principal,
        data,
        meeting.data.venue.municipality_id,
        meeting.data.series_id,
    ) {
        Ok(meeting)
    } else {
        Err(WebError::Forbidden)
    }
}

async fn meeting_edit(
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let meeting = editable(&ctx.data, principal, &raw)?;
    let form = MeetingForm::of(&ctx.data, meeting);
    render(&form_page(
        &ctx,
        principal,
        Some(meeting.id),
        form,
        FormErrors::new(ctx.lang),
    ))
}

async fn meeting_update(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<MeetingForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let meeting = editable(&ctx.data, principal, &raw)?.clone();
    save(&state, &ctx, Some(meeting.id), Some(&meeting.data), form).await
}

// ------------------------------------------------------------------- invitations, attendance

#[derive(Debug, Default, Deserialize)]
pub(crate) struct InviteForm {
    #[serde(default)]
    bereich: String,
    #[serde(default)]
    saeule: String,
    #[serde(default)]
    art: String,
}

/// Invites the persons the planner may read who belong, on the day of the meeting, to an
/// organisation at home in the chosen area (its municipalities, or the districts it covers),
/// of the chosen pillar and kind if given; those already on the list stay as they are.
async fn invite(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<InviteForm>,
) -> Result<Response, WebError> {
    use praevnetz_domain::actor::{Home, OrganisationKind, Pillar};
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let meeting = editable(data, principal, &raw)?;
    if meeting.data.status == MeetingStatus::Cancelled {
        return Err(WebError::Conflict);
    }
    let area = crate::network::Area::parse(form.bereich.trim(), data)
        .filter(|a| a.readable(data, principal))
        .ok_or(WebError::BadRequest)?;
    let pillar = match form.saeule.trim() {
        "" => None,
        raw => Some(Pillar::parse(raw).map_err(|_| WebError::BadRequest)?),
    };
    let kind = match form.art.trim() {
        "" => None,
        raw => Some(OrganisationKind::parse(raw).map_err(|_| WebError::BadRequest)?),
    };
    let day = local(meeting.data.time.starts_at()).date();
    let in_area = |home: Home| match home {
        Home::Municipality(m) => area.holds(data, m),
        Home::District(d) => data
            .atlas
            .municipalities
            .iter()
            .any(|m| m.district_id == d && area.holds(data, m.id)),
        Home::State => false,
    };
    let mut chosen: Vec<Invitee> = Vec::new();
    for m in data.all_memberships() {
        let Some(org) = data.organisation(m.data.organisation_id) else {
            continue;
        };
        let fits = m.data.period.contains(day)
            && in_area(org.data.home)
            && pillar.is_none_or(|p| org.data.pillars.primary() == p)
            && kind.is_none_or(|k| org.data.kind == k)
            && crate::people::can_read_person(principal, data, m.data.person_id)
            && !chosen.iter().any(|(p, _)| *p == m.data.person_id);
        if fits {
            chosen.push((m.data.person_id, Some(org.id)));
        }
    }
    chosen.sort();
    // Those already on the list stay as they are.
    let invited = state
        .store
        .invite_persons(&crate::account::change(&state, &ctx), meeting.id, &chosen)
        .await?;
    Ok(invited_answer(meeting.id, invited.len(), ""))
}

/// A person to invite, with the organisation they come for.
type Invitee = (praevnetz_domain::ids::PersonId, Option<OrganisationId>);

/// Back to the participants, saying how many were newly invited; after an invitation by hand
/// with its search again, so that the persons found show as listed and more can follow.
fn invited_answer(meeting: MeetingId, count: usize, search: &str) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("eingeladen", &count.to_string());
    let search: String = search.trim().chars().take(200).collect();
    if !search.is_empty() {
        query.append_pair("suche", &search);
    }
    Redirect::to(&format!(
        "/treffen/{meeting}?{}#h-participants",
        query.finish()
    ))
    .into_response()
}

/// The invitation by hand as sent: the persons ticked (repeated field) and the search they
/// were found by.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PersonInviteForm {
    #[serde(default)]
    person: Vec<String>,
    #[serde(default)]
    suche: String,
}

/// A person to invite by hand: one that exists and the user may read, with the organisation
/// they belong to on the meeting's day (the first of them), if any; `None` for anything else.
async fn invitee(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
    raw: &str,
    day: jiff::civil::Date,
) -> Result<Option<Invitee>, WebError> {
    let Ok(person) = raw.parse::<praevnetz_domain::ids::PersonId>() else {
        return Ok(None);
    };
    if !crate::people::can_read_person(principal, data, person)
        || state.store.person(person).await?.is_none()
    {
        return Ok(None);
    }
    let organisation = data
        .memberships_of(person)
        .iter()
        .find(|m| m.data.period.contains(day))
        .map(|m| m.data.organisation_id);
    Ok(Some((person, organisation)))
}

/// Invites persons chosen by hand (found by name on the meeting's page): each must exist and
/// be one the user may read, else nothing is written and the page says which value broke
/// which rule (422). Those already on the list keep their status; as with the invitation by
/// area, an invitation takes no place (registrations do). A cancelled meeting takes none (409).
async fn invite_persons(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let meeting = editable(data, principal, &raw)?;
    if meeting.data.status == MeetingStatus::Cancelled {
        return Err(WebError::Conflict);
    }
    let form: PersonInviteForm = crate::picker::decode(&body, &["person"])?;
    let day = local(meeting.data.time.starts_at()).date();
    let mut refusal = form
        .person
        .is_empty()
        .then(|| Rule::Required.at(Field::Person));
    let mut invitees: Vec<Invitee> = Vec::new();
    for value in &form.person {
        if let Some(found) = invitee(&state, data, principal, value, day).await? {
            if !invitees.iter().any(|(p, _)| *p == found.0) {
                invitees.push(found);
            }
        } else {
            let key = crate::forms::shown(value);
            refusal.get_or_insert(Rule::UnknownReference { key }.at(Field::Person));
        }
    }
    if refusal.is_none() {
        let change = crate::account::change(&state, &ctx);
        match state
            .store
            .invite_persons(&change, meeting.id, &invitees)
            .await
        {
            Ok(invited) => return Ok(invited_answer(meeting.id, invited.len(), &form.suche)),
            // Deleted meanwhile: refused like any unknown person.
            Err(StoreError::Invalid(e)) => refusal = Some(e),
            Err(e) => return Err(e.into()),
        }
    }
    let pick = crate::meetings::InvitePick {
        search: form.suche,
        ticked: invitees.iter().map(|(p, _)| *p).collect(),
        error: refusal.map(|e| e.localize(ctx.lang)),
    };
    crate::meetings::show(&state, &ctx, meeting, None, pick).await
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ParticipationForm {
    #[serde(default)]
    person: String,
    #[serde(default)]
    stand: String,
}

/// Sets a participant's status (registered, excused, attended …). A registration beyond the
/// meeting's places goes to the waiting list.
async fn participation_set(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<ParticipationForm>,
) -> Result<Response, WebError> {
    use praevnetz_domain::meeting::ParticipationStatus;
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let meeting = editable(data, principal, &raw)?;
    let person: praevnetz_domain::ids::PersonId = form
        .person
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    let mut status =
        ParticipationStatus::parse(form.stand.trim()).map_err(|_| WebError::BadRequest)?;
    let all = state.store.participations(Some(meeting.id), None).await?;
    let current = all
        .iter()
        .find(|p| p.data.person_id == person)
        .filter(|_| crate::people::can_read_person(principal, data, person))
        .ok_or(WebError::NotFound)?;
    if status == ParticipationStatus::Registered
        && let Some(places) = meeting.data.capacity
    {
        let taken = all
            .iter()
            .filter(|p| p.id != current.id)
            .filter(|p| {
                matches!(
                    p.data.status,
                    ParticipationStatus::Registered | ParticipationStatus::Attended
                )
            })
            .count();
        if taken >= usize::try_from(places).unwrap_or(usize::MAX) {
            status = ParticipationStatus::Waitlisted;
        }
    }
    let mut changed = current.data.clone();
    changed.status = status;
    state
        .store
        .update_participation(&crate::account::change(&state, &ctx), current.id, &changed)
        .await?;
    Ok(Redirect::to(&format!("/treffen/{}#h-participants", meeting.id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ScheduleForm {
    #[serde(default)]
    thema: String,
}

/// Carries a topic into a planned meeting: an agenda item at the end of the agenda with the
/// topic's title, and the topic marked scheduled. A meeting that is held or cancelled takes no
/// more topics (409), nor does a closed topic; a topic already on the agenda stays once.
async fn schedule_topic(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<ScheduleForm>,
) -> Result<Response, WebError> {
    use praevnetz_domain::meeting::AgendaItemData;
    use praevnetz_domain::topic::TopicStatus;
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let meeting = editable(data, principal, &raw)?;
    let topic_id: praevnetz_domain::ids::TopicId = form
        .thema
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest)?;
    let topic = state
        .store
        .topic(topic_id)
        .await?
        .filter(|t| crate::topics::can_read_topic(principal, data, t))
        .ok_or(WebError::NotFound)?;
    if meeting.data.status != MeetingStatus::Planned || topic.data.status == TopicStatus::Closed {
        return Err(WebError::Conflict);
    }
    let agenda = state.store.agenda_items(Some(meeting.id), None).await?;
    let back = Redirect::to(&format!("/treffen/{}#h-agenda", meeting.id)).into_response();
    if agenda.iter().any(|a| a.data.topic_id == Some(topic.id)) {
        return Ok(back);
    }
    let position = agenda.iter().map(|a| a.data.position).max().unwrap_or(0) + 1;
    let change = crate::account::change(&state, &ctx);
    state
        .store
        .create_agenda_item(
            &change,
            &AgendaItemData {
                meeting_id: meeting.id,
                position,
                title: topic.data.title.clone(),
                duration_minutes: None,
                presenter_id: None,
                topic_id: Some(topic.id),
                notes: None,
            },
        )
        .await?;
    // Through the pipeline, so that the move is kept in the topic's history; a topic moved
    // meanwhile stays where it is.
    if matches!(
        topic.data.status,
        TopicStatus::Raised | TopicStatus::FollowUp
    ) {
        match state
            .store
            .set_topic_status(&change, topic.id, TopicStatus::Scheduled, None)
            .await
        {
            Ok(_) | Err(StoreError::Invalid(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(back)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct FollowUpForm {
    #[serde(default)]
    monate: String,
}

/// Creates the next meeting of a series from this one: the same series, venue, format, hosts,
/// places and invitation text, planned the given number of months later (1–24, default 3) at
/// the same local time of day, and opens it for editing. Its page then proposes the series'
/// open topics.
async fn follow_up(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(form): Form<FollowUpForm>,
) -> Result<Response, WebError> {
    use jiff::ToSpan;
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let meeting = editable(&ctx.data, principal, &raw)?.clone();
    let months: i32 = match form.monate.trim() {
        "" => 3,
        raw => raw
            .parse()
            .ok()
            .filter(|m| (1..=24).contains(m))
            .ok_or(WebError::BadRequest)?,
    };
    let zone = praevnetz_domain::time::home_zone();
    // The same local time of day, whatever the daylight-saving time of the new day.
    let shift = |ts: jiff::Timestamp| {
        ts.to_zoned(zone.clone())
            .checked_add(months.months())
            .map(|z| z.timestamp())
    };
    let (Ok(start), Ok(end)) = (
        shift(meeting.data.time.starts_at()),
        shift(meeting.data.time.ends_at()),
    ) else {
        return Err(WebError::BadRequest);
    };
    let time = TimeSpan::new(start, end).map_err(|_| WebError::BadRequest)?;
    let data = MeetingData {
        external_ref: None,
        time,
        status: MeetingStatus::Planned,
        minutes: None,
        ..meeting.data.clone()
    };
    let id = state
        .store
        .create_meeting(&crate::account::change(&state, &ctx), &data)
        .await?;
    Ok(Redirect::to(&format!("/treffen/{id}/bearbeiten")).into_response())
}

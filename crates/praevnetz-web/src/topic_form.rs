//! Changing the topic pipeline (`/themen`): raising a topic, voting for topics, and moving a
//! topic along the pipeline.
//!
//! Who may raise a topic: whoever may change data somewhere (as for problems), for
//! municipalities they may change, every one of those chosen; a topic that concerns no
//! municipality goes with its series, which the user must be able to plan, and without either
//! it belongs to the whole network, which only administrators change.
//!
//! Who may vote: every user but viewers (who change nothing), once per topic they may read,
//! and withdraw the vote again; the list sorts each stage by votes.
//!
//! Who may move a topic to another status: whoever may plan its series or change one of its
//! municipalities; a topic with neither goes with the meeting it was raised at (who may plan
//! that), and administrators always. The pipeline decides which moves there are
//! ([`TopicStatus::next`]); the page offers only those, and the store refuses the others.

use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::i18n::Args;
use praevnetz_domain::ids::{MeetingSeriesId, MunicipalityId, TopicId};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::text::{Name, Text};
use praevnetz_domain::topic::{Topic, TopicData, TopicStatus};
use praevnetz_domain::user::Role;
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;

use crate::forms::{Choice, FormErrors, shown};
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/themen/neu", Gate::LoggedIn, topic_new)
        .post("/themen/neu", Gate::LoggedIn, topic_create)
        .post("/themen/{id}/stimme", Gate::LoggedIn, topic_vote)
        .post("/themen/{id}/stand", Gate::LoggedIn, topic_status)
}

/// Whether the user may move a topic along the pipeline: administrators; whoever may change
/// one of its municipalities or plan its series; for a topic with neither, whoever may plan
/// the meeting it was raised at.
pub(crate) fn can_change_topic(principal: &Principal, data: &Snapshot, topic: &Topic) -> bool {
    let d = &topic.data;
    if principal.is_admin()
        || d.municipalities
            .iter()
            .any(|m| principal.can_edit(Place::of_municipality(&data.atlas, *m)))
    {
        return true;
    }
    if d.series_id.is_some() {
        return crate::meeting_form::can_plan(principal, data, None, d.series_id);
    }
    d.municipalities.is_empty()
        && d.raised_at_id
            .and_then(|id| data.meeting(id))
            .is_some_and(|m| {
                crate::meeting_form::can_plan(
                    principal,
                    data,
                    m.data.venue.municipality_id,
                    m.data.series_id,
                )
            })
}

/// Whether the user may vote for topics: everybody but viewers, who change nothing.
pub(crate) fn can_vote(principal: &Principal) -> bool {
    principal.role() != Role::Viewer
}

/// The form to raise a topic, as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TopicForm {
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub beschreibung: String,
    #[serde(default)]
    pub kategorie: Vec<String>,
    #[serde(default)]
    pub kommune: Vec<String>,
    #[serde(default)]
    pub reihe: String,
}

/// The fields that repeat (checkboxes).
const MULTI: &[&str] = &["kategorie", "kommune"];

/// The form field showing errors of a domain field.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Description => "beschreibung",
        Field::Categories | Field::Category => "kategorie",
        Field::Municipalities | Field::Municipality => "kommune",
        Field::Series => "reihe",
        _ => "titel",
    }
}

impl TopicForm {
    /// The categories ticked, each a known one; errors beside the field otherwise.
    fn categories(&self, data: &Snapshot, errors: &mut FormErrors) -> Vec<CategoryCode> {
        let mut codes: Vec<CategoryCode> = Vec::new();
        for raw in &self.kategorie {
            let known = CategoryCode::parse(raw.trim())
                .ok()
                .filter(|c| data.categories.iter().any(|k| &k.code == c));
            match known {
                Some(code) if !codes.contains(&code) => codes.push(code),
                Some(_) => {}
                None => errors.rule("kategorie", &Rule::UnknownReference { key: shown(raw) }),
            }
        }
        codes
    }

    /// The municipalities ticked, each one the user may change.
    fn municipalities(
        &self,
        data: &Snapshot,
        principal: &Principal,
        errors: &mut FormErrors,
    ) -> Vec<MunicipalityId> {
        let lang = errors.lang();
        let mut ids: Vec<MunicipalityId> = Vec::new();
        for raw in &self.kommune {
            let found = data
                .atlas
                .municipalities
                .iter()
                .find(|m| m.data.ags.as_str() == raw.trim());
            match found {
                None => errors.rule("kommune", &Rule::UnknownReference { key: shown(raw) }),
                Some(m) if !principal.can_edit(Place::Municipality(m.id, m.district_id)) => {
                    errors.message(
                        "kommune",
                        crate::i18n::texts().format(
                            lang,
                            "topics-error-not-yours",
                            &Args::new().text("municipality", m.data.display_name()),
                        ),
                    );
                }
                Some(m) if !ids.contains(&m.id) => ids.push(m.id),
                Some(_) => {}
            }
        }
        ids.sort_unstable();
        ids
    }

    /// The series chosen, if any; an unknown one is recorded as an error (and `None`).
    fn series(&self, data: &Snapshot, errors: &mut FormErrors) -> Option<MeetingSeriesId> {
        let raw = self.reihe.trim();
        if raw.is_empty() {
            return None;
        }
        let found = raw
            .parse::<MeetingSeriesId>()
            .ok()
            .filter(|id| data.series(*id).is_some());
        if found.is_none() {
            errors.message(
                "reihe",
                crate::i18n::texts()
                    .get(errors.lang(), "meetings-error-series")
                    .to_owned(),
            );
        }
        found
    }

    /// The topic the form raises, by the user, today; `None` with the errors recorded.
    fn parse(
        &self,
        data: &Snapshot,
        principal: &Principal,
        errors: &mut FormErrors,
        today: Date,
    ) -> Option<TopicData> {
        let title = errors.parse("titel", &self.titel, Name::parse);
        let description = errors.parse("beschreibung", &self.beschreibung, Text::parse_optional);
        let categories = self.categories(data, errors);
        let municipalities = self.municipalities(data, principal, errors);
        let series = self.series(data, errors);
        // Without a municipality the topic goes with its series, else with the whole network.
        if municipalities.is_empty()
            && errors.get("kommune").is_none()
            && errors.get("reihe").is_none()
        {
            let allowed = match series {
                Some(s) => crate::meeting_form::can_plan(principal, data, None, Some(s)),
                None => principal.can_edit(Place::Network),
            };
            if !allowed {
                errors.message(
                    "kommune",
                    crate::i18n::texts()
                        .get(errors.lang(), "topics-error-place")
                        .to_owned(),
                );
            }
        }
        if !errors.is_empty() {
            return None;
        }
        Some(TopicData {
            external_ref: None,
            title: title?,
            description: description?,
            status: TopicStatus::Raised,
            series_id: series,
            raised_by_id: principal.user.data.person_id,
            raised_at_id: None,
            raised_on: today,
            categories,
            municipalities,
        })
    }
}

/// A checkbox.
pub(crate) struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// The form to raise a topic as the list shows it: the values typed, the errors, and the
/// choices (categories; the municipalities the user may change, by district; the series).
pub(crate) struct RaiseView {
    pub form: TopicForm,
    pub errors: FormErrors,
    pub categories: Vec<Check>,
    pub districts: Vec<(String, Vec<Check>)>,
    pub series: Vec<Choice>,
}

impl RaiseView {
    /// The form with `form`'s values and `errors`.
    pub(crate) fn new(
        ctx: &Ctx,
        principal: &Principal,
        form: TopicForm,
        errors: FormErrors,
    ) -> RaiseView {
        let data = &ctx.data;
        let ticked = |list: &[String], value: &str| list.iter().any(|v| v.trim() == value);
        let categories = data
            .categories
            .iter()
            .map(|c| Check {
                value: c.code.as_str().to_owned(),
                label: c.label(ctx.lang).to_owned(),
                checked: ticked(&form.kategorie, c.code.as_str()),
            })
            .collect();
        let mut districts: Vec<(String, Vec<Check>)> = Vec::new();
        for d in &data.atlas.districts {
            let places: Vec<Check> = data
                .atlas
                .municipalities
                .iter()
                .filter(|m| m.district_id == d.id)
                .filter(|m| principal.can_edit(Place::Municipality(m.id, m.district_id)))
                .map(|m| Check {
                    value: m.data.ags.as_str().to_owned(),
                    label: m.data.display_name().to_owned(),
                    checked: ticked(&form.kommune, m.data.ags.as_str()),
                })
                .collect();
            if !places.is_empty() {
                districts.push((d.data.display_name(), places));
            }
        }
        let series = std::iter::once(Choice::new("", ctx.t("meetings-no-series"), &form.reihe))
            .chain(
                data.meeting_series
                    .iter()
                    .map(|s| Choice::new(s.id.to_string(), s.data.name.to_string(), &form.reihe)),
            )
            .collect();
        RaiseView {
            form,
            errors,
            categories,
            districts,
            series,
        }
    }
}

/// The list with the form to raise a topic open.
async fn topic_new(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    crate::topics::list_page(&state, &ctx, None, crate::topics::Raise::Open).await
}

/// Raises a topic: back to its page, or the list with the form and its errors (422).
async fn topic_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    body: Bytes,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let form: TopicForm = crate::picker::decode(&body, MULTI)?;
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(topic) = form.parse(&ctx.data, principal, &mut errors, state.clock.today()) {
        let change = crate::account::change(&state, &ctx);
        match state.store.create_topic(&change, &topic).await {
            Ok(id) => return Ok(Redirect::to(&format!("/themen/{id}")).into_response()),
            Err(e) => errors.store(e, field_name)?,
        }
    }
    let raise = RaiseView::new(&ctx, principal, form, errors);
    crate::topics::list_page(
        &state,
        &ctx,
        None,
        crate::topics::Raise::Invalid(Box::new(raise)),
    )
    .await
}

/// A vote as sent: `ja` gives it, `nein` withdraws it; `ansicht` names the list's status
/// filter to come back to (else the topic's page).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct VoteForm {
    #[serde(default)]
    stimme: String,
    #[serde(default)]
    ansicht: String,
}

/// Gives or withdraws the user's vote for a topic they may read (404 otherwise; 403 for
/// viewers), once per topic however often sent; back to the list or the topic's page.
async fn topic_vote(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    axum::Form(form): axum::Form<VoteForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let topic = crate::topics::readable(&state, &ctx, &raw).await?;
    if !can_vote(principal) {
        return Err(WebError::Forbidden);
    }
    let vote = match form.stimme.trim() {
        "ja" => true,
        "nein" => false,
        _ => return Err(WebError::BadRequest),
    };
    state
        .store
        .vote_topic(
            &crate::account::change(&state, &ctx),
            topic.id,
            principal.user.id,
            vote,
        )
        .await?;
    let back = match form.ansicht.trim() {
        "" => format!("/themen/{}#stimmen", topic.id),
        stand => format!(
            "/themen?stand={}#thema-{}",
            crate::topics::stand_value(stand),
            topic.id
        ),
    };
    Ok(Redirect::to(&back).into_response())
}

/// The status form as sent.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct StatusForm {
    #[serde(default)]
    stand: String,
    #[serde(default)]
    notiz: String,
}

/// The form to move a topic on, as its page shows it: the statuses the pipeline allows from
/// where it stands, the note typed and the errors.
pub(crate) struct StatusPanel {
    pub choices: Vec<Choice>,
    pub note: String,
    pub errors: FormErrors,
}

impl StatusPanel {
    pub(crate) fn new(
        ctx: &Ctx,
        current: TopicStatus,
        form: StatusForm,
        errors: FormErrors,
    ) -> StatusPanel {
        StatusPanel {
            choices: current
                .next()
                .iter()
                .map(|s| Choice::new(s.code(), s.label(ctx.lang), form.stand.trim()))
                .collect(),
            note: form.notiz,
            errors,
        }
    }
}

/// A change of status as the topic's page lists it.
pub(crate) struct StatusStep {
    pub when: String,
    pub from: String,
    pub to: String,
    pub note: String,
}

/// A topic's status changes, the earliest first.
pub(crate) async fn status_steps(
    state: &AppState,
    ctx: &Ctx,
    topic: TopicId,
) -> Result<Vec<StatusStep>, WebError> {
    Ok(state
        .store
        .topic_status_changes(topic)
        .await?
        .into_iter()
        .map(|c| StatusStep {
            when: praevnetz_domain::time::local(c.at)
                .strftime("%d.%m.%Y %H:%M")
                .to_string(),
            from: c.from.label(ctx.lang),
            to: c.to.label(ctx.lang),
            note: c.note.map(|n| n.to_string()).unwrap_or_default(),
        })
        .collect())
}

/// Moves a topic the user may read (404 otherwise) and change (403 otherwise) to another
/// status, with an optional note; a move the pipeline does not allow, an unknown status or a
/// bad note show the page again with the error beside the field (422), nothing written.
async fn topic_status(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    axum::Form(form): axum::Form<StatusForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let topic = crate::topics::readable(&state, &ctx, &raw).await?;
    if !can_change_topic(principal, &ctx.data, &topic) {
        return Err(WebError::Forbidden);
    }
    let mut errors = FormErrors::new(ctx.lang);
    let to = errors.parse("stand", &form.stand, |raw| {
        TopicStatus::from_code(raw.trim()).ok_or_else(|| Rule::UnknownCode {
            found: shown(raw),
            allowed: topic
                .data
                .status
                .next()
                .iter()
                .map(|s| s.label(ctx.lang))
                .collect::<Vec<_>>()
                .join(", "),
        })
    });
    let note = errors.parse("notiz", &form.notiz, Text::parse_optional);
    if let (Some(to), Some(note)) = (to, note) {
        let change = crate::account::change(&state, &ctx);
        match state
            .store
            .set_topic_status(&change, topic.id, to, note.as_ref())
            .await
        {
            Ok(_) => {
                return Ok(Redirect::to(&format!("/themen/{}#stand", topic.id)).into_response());
            }
            Err(e) => errors.store(e, |field| match field {
                Field::Note => "notiz",
                _ => "stand",
            })?,
        }
    }
    // Shown as it stands now (it may have moved meanwhile).
    let topic = crate::topics::readable(&state, &ctx, &raw).await?;
    crate::topics::show_page(&state, &ctx, &topic, Some((form, errors))).await
}

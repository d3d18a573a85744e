//! A meeting's record, edited on the meeting's page (`/treffen/{id}`) by those who may plan the
//! meeting: agenda items (title, length, presenter, topic, notes, place in the agenda, which
//! stays numbered 1, 2, 3 … without gaps), decisions (text, the agenda item they were taken
//! under), action items (title, owner, due date, status, completion date only when done, the
//! decision they implement) and the minutes (Markdown, sanitised when shown).
//!
//! Every part is a small form on the meeting's page, folded until opened; a form with a bad
//! value answers with a page of that form alone, the values typed kept and each error beside
//! its field (422), and nothing is written. Presenters and owners are chosen among the
//! meeting's participants the user may read (and whoever holds the part already), topics among
//! those the user may read. A cancelled meeting takes no new parts (409); its parts can still
//! be corrected or removed. An agenda item that takes up an open topic on a planned meeting
//! puts the topic on the agenda (scheduled), as carrying it forward does.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::ids::{ActionItemId, AgendaItemId, DecisionId, MeetingId, PersonId, TopicId};
use praevnetz_domain::meeting::{
    ActionItem, ActionItemData, ActionStatus, AgendaItem, AgendaItemData, Decision, DecisionData,
    MAX_COUNT, Meeting, MeetingStatus,
};
use praevnetz_domain::number::{parse_int, parse_optional_int};
use praevnetz_domain::text::{Name, Text};
use praevnetz_domain::time::parse_optional_date;
use praevnetz_domain::topic::{Topic, TopicStatus};
use praevnetz_store::{ActionItemFilter, StoreError, TopicFilter};
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;

use crate::forms::{Choice, FormErrors, shown};
use crate::page::{Chrome, render_invalid};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post("/treffen/{id}/punkte", Gate::LoggedIn, agenda_add)
        .post("/treffen/{id}/punkte/{item}", Gate::LoggedIn, agenda_change)
        .post(
            "/treffen/{id}/punkte/{item}/loeschen",
            Gate::LoggedIn,
            agenda_remove,
        )
        .post("/treffen/{id}/beschluesse", Gate::LoggedIn, decision_add)
        .post(
            "/treffen/{id}/beschluesse/{item}",
            Gate::LoggedIn,
            decision_change,
        )
        .post(
            "/treffen/{id}/beschluesse/{item}/loeschen",
            Gate::LoggedIn,
            decision_remove,
        )
        .post("/treffen/{id}/aufgaben", Gate::LoggedIn, action_add)
        .post(
            "/treffen/{id}/aufgaben/{item}",
            Gate::LoggedIn,
            action_change,
        )
        .post(
            "/treffen/{id}/aufgaben/{item}/loeschen",
            Gate::LoggedIn,
            action_remove,
        )
        .post("/treffen/{id}/protokoll", Gate::LoggedIn, minutes_set)
}

/// The meeting if the user may see it (404 otherwise) and plan it (403 otherwise).
fn plannable<'c>(ctx: &'c Ctx, raw: &str) -> Result<(&'c Meeting, &'c Principal), WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let meeting = crate::meeting_form::editable(&ctx.data, principal, raw)?;
    Ok((meeting, principal))
}

/// A cancelled meeting takes no new parts.
fn open_for_more(meeting: &Meeting) -> Result<(), WebError> {
    if meeting.data.status == MeetingStatus::Cancelled {
        Err(WebError::Conflict)
    } else {
        Ok(())
    }
}

/// The start of a long text, for a choice.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// What the record's forms choose from and check against.
pub(crate) struct Lists {
    /// The agenda, by position.
    pub agenda: Vec<AgendaItem>,
    /// The decisions, in the order recorded.
    pub decisions: Vec<Decision>,
    /// The action items agreed at the meeting.
    pub actions: Vec<ActionItem>,
    /// The participants the user may read, by name.
    participants: Vec<(PersonId, String)>,
    /// Persons named already (presenters, owners) whom the user may read.
    named: Vec<(PersonId, String)>,
    /// The topics the user may read.
    topics: Vec<Topic>,
}

impl Lists {
    pub(crate) async fn load(
        state: &AppState,
        ctx: &Ctx,
        principal: &Principal,
        meeting: MeetingId,
    ) -> Result<Lists, WebError> {
        let data = &ctx.data;
        let agenda = state.store.agenda_items(Some(meeting), None).await?;
        let decisions = state.store.decisions(Some(meeting)).await?;
        let actions = state
            .store
            .action_items(&ActionItemFilter {
                meeting: Some(meeting),
                ..ActionItemFilter::default()
            })
            .await?;
        let readable = |p: &PersonId| crate::people::can_read_person(principal, data, *p);
        let mut participants = Vec::new();
        for p in state.store.participations(Some(meeting), None).await? {
            let id = p.data.person_id;
            if readable(&id)
                && let Some(person) = state.store.person(id).await?
            {
                participants.push((id, person.data.full_name()));
            }
        }
        participants.sort_by(|a, b| a.1.cmp(&b.1));
        let mut named = Vec::new();
        let mentioned = agenda
            .iter()
            .filter_map(|a| a.data.presenter_id)
            .chain(actions.iter().filter_map(|a| a.data.owner_id));
        for id in mentioned {
            if readable(&id)
                && !named.iter().any(|(p, _)| *p == id)
                && let Some(person) = state.store.person(id).await?
            {
                named.push((id, person.data.full_name()));
            }
        }
        let topics = state
            .store
            .topics(&TopicFilter::default())
            .await?
            .into_iter()
            .filter(|t| crate::topics::can_read_topic(principal, data, t))
            .collect();
        Ok(Lists {
            agenda,
            decisions,
            actions,
            participants,
            named,
            topics,
        })
    }

    /// The persons a part may name: the participants, and `current` if it names someone else
    /// the user may read.
    fn persons(&self, current: Option<PersonId>) -> Vec<(PersonId, String)> {
        let mut persons = self.participants.clone();
        if let Some(id) = current
            && !persons.iter().any(|(p, _)| *p == id)
            && let Some(named) = self.named.iter().find(|(p, _)| *p == id)
        {
            persons.push(named.clone());
        }
        persons
    }

    fn person_choices(&self, current: Option<PersonId>, selected: &str, none: &str) -> Vec<Choice> {
        std::iter::once(Choice::new("", none, selected.trim()))
            .chain(
                self.persons(current)
                    .into_iter()
                    .map(|(id, name)| Choice::new(id.to_string(), name, selected.trim())),
            )
            .collect()
    }

    /// The open topics and `current`.
    fn topic_choices(&self, current: Option<TopicId>, selected: &str, none: &str) -> Vec<Choice> {
        std::iter::once(Choice::new("", none, selected.trim()))
            .chain(
                self.topics
                    .iter()
                    .filter(|t| t.data.status != TopicStatus::Closed || Some(t.id) == current)
                    .map(|t| {
                        Choice::new(t.id.to_string(), t.data.title.to_string(), selected.trim())
                    }),
            )
            .collect()
    }

    fn item_choices(&self, selected: &str, none: &str) -> Vec<Choice> {
        std::iter::once(Choice::new("", none, selected.trim()))
            .chain(self.agenda.iter().map(|a| {
                Choice::new(
                    a.id.to_string(),
                    format!("{}. {}", a.data.position, a.data.title),
                    selected.trim(),
                )
            }))
            .collect()
    }

    fn decision_choices(&self, selected: &str, none: &str) -> Vec<Choice> {
        std::iter::once(Choice::new("", none, selected.trim()))
            .chain(self.decisions.iter().map(|d| {
                Choice::new(
                    d.id.to_string(),
                    short(d.data.text.as_str()),
                    selected.trim(),
                )
            }))
            .collect()
    }
}

/// An optional reference chosen in a form: empty is none; anything else must parse and be
/// among `allowed`, else the error is recorded (and none returned: callers check `errors`).
fn pick<T: Copy + PartialEq + std::str::FromStr>(
    errors: &mut FormErrors,
    name: &str,
    raw: &str,
    allowed: impl IntoIterator<Item = T>,
) -> Option<T> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let found = raw
        .parse::<T>()
        .ok()
        .filter(|v| allowed.into_iter().any(|a| a == *v));
    if found.is_none() {
        errors.rule(name, &Rule::UnknownReference { key: shown(raw) });
    }
    found
}

/// The choices of a place in an agenda of `places` places.
fn position_choices(places: usize, selected: &str) -> Vec<Choice> {
    (1..=places)
        .map(|p| Choice::new(p.to_string(), p.to_string(), selected.trim()))
        .collect()
}

// ------------------------------------------------------------------------ agenda items

/// An agenda item as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct AgendaInput {
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub dauer: String,
    #[serde(default)]
    pub vortragend: String,
    #[serde(default)]
    pub thema: String,
    #[serde(default)]
    pub notizen: String,
}

impl AgendaInput {
    fn of(item: &AgendaItem) -> AgendaInput {
        let d = &item.data;
        AgendaInput {
            position: d.position.to_string(),
            titel: d.title.to_string(),
            dauer: d
                .duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            vortragend: d.presenter_id.map(|p| p.to_string()).unwrap_or_default(),
            thema: d.topic_id.map(|t| t.to_string()).unwrap_or_default(),
            notizen: d
                .notes
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }

    /// The item the form describes for `meeting`, changing `item` or new; `None` with the
    /// errors recorded.
    fn parse(
        &self,
        lists: &Lists,
        meeting: MeetingId,
        item: Option<&AgendaItem>,
        errors: &mut FormErrors,
    ) -> Option<AgendaItemData> {
        let places = lists.agenda.len() + usize::from(item.is_none());
        let position = errors.parse("position", &self.position, |raw| {
            parse_int(raw, 1, i64::try_from(places).unwrap_or(i64::MAX))
                .map(|p| u32::try_from(p).unwrap_or(MAX_COUNT))
        });
        let title = errors.parse("titel", &self.titel, Name::parse);
        let duration = errors.parse("dauer", &self.dauer, |raw| {
            parse_optional_int(raw, 1, i64::from(MAX_COUNT))
                .map(|v| v.and_then(|v| u32::try_from(v).ok()))
        });
        let current = item.and_then(|i| i.data.presenter_id);
        let presenters: Vec<PersonId> = lists.persons(current).iter().map(|(p, _)| *p).collect();
        let presenter = pick(errors, "vortragend", &self.vortragend, presenters);
        let topic = pick(
            errors,
            "thema",
            &self.thema,
            lists.topics.iter().map(|t| t.id),
        );
        let notes = errors.parse("notizen", &self.notizen, Text::parse_optional);
        if !errors.is_empty() {
            return None;
        }
        let data = AgendaItemData {
            meeting_id: meeting,
            position: position?,
            title: title?,
            duration_minutes: duration?,
            presenter_id: presenter,
            topic_id: topic,
            notes: notes?,
        };
        errors.take(data.validate(), agenda_field)?;
        Some(data)
    }
}

fn agenda_field(field: Field) -> &'static str {
    match field {
        Field::Position => "position",
        Field::DurationMinutes => "dauer",
        Field::Presenter => "vortragend",
        Field::Topic => "thema",
        Field::Note => "notizen",
        _ => "titel",
    }
}

/// An agenda item's form: new (`delete` none) or for an item.
pub(crate) struct AgendaForm {
    pub action: String,
    pub delete: Option<String>,
    /// Prefix of the ids of its fields, unique on the page.
    pub prefix: String,
    /// What its fold says.
    pub summary: String,
    pub input: AgendaInput,
    pub errors: FormErrors,
    pub positions: Vec<Choice>,
    pub presenters: Vec<Choice>,
    pub topics: Vec<Choice>,
}

impl AgendaForm {
    fn new(
        ctx: &Ctx,
        meeting: MeetingId,
        lists: &Lists,
        item: Option<&AgendaItem>,
        input: AgendaInput,
        errors: FormErrors,
    ) -> AgendaForm {
        let places = lists.agenda.len() + usize::from(item.is_none());
        let (action, delete, prefix, summary) = match item {
            Some(i) => (
                format!("/treffen/{meeting}/punkte/{}", i.id),
                Some(format!("/treffen/{meeting}/punkte/{}/loeschen", i.id)),
                format!("p{}-", i.id),
                format!("{}. {}", i.data.position, i.data.title),
            ),
            None => (
                format!("/treffen/{meeting}/punkte"),
                None,
                "pn-".to_owned(),
                ctx.t("record-agenda-add").to_owned(),
            ),
        };
        AgendaForm {
            action,
            delete,
            prefix,
            summary,
            positions: position_choices(places, &input.position),
            presenters: lists.person_choices(
                item.and_then(|i| i.data.presenter_id),
                &input.vortragend,
                ctx.t("record-nobody"),
            ),
            topics: lists.topic_choices(
                item.and_then(|i| i.data.topic_id),
                &input.thema,
                ctx.t("record-no-topic"),
            ),
            input,
            errors,
        }
    }
}

// ------------------------------------------------------------------------ decisions

/// A decision as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct DecisionInput {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub punkt: String,
}

impl DecisionInput {
    fn of(decision: &Decision) -> DecisionInput {
        DecisionInput {
            text: decision.data.text.to_string(),
            punkt: decision
                .data
                .agenda_item_id
                .map(|a| a.to_string())
                .unwrap_or_default(),
        }
    }

    fn parse(
        &self,
        lists: &Lists,
        meeting: MeetingId,
        errors: &mut FormErrors,
    ) -> Option<DecisionData> {
        let text = errors.parse("text", &self.text, Text::parse);
        let item = pick(
            errors,
            "punkt",
            &self.punkt,
            lists.agenda.iter().map(|a| a.id),
        );
        if !errors.is_empty() {
            return None;
        }
        Some(DecisionData {
            meeting_id: meeting,
            agenda_item_id: item,
            text: text?,
        })
    }
}

fn decision_field(field: Field) -> &'static str {
    match field {
        Field::AgendaItem => "punkt",
        _ => "text",
    }
}

/// A decision's form: new (`delete` none) or for a decision.
pub(crate) struct DecisionForm {
    pub action: String,
    pub delete: Option<String>,
    pub prefix: String,
    pub summary: String,
    pub input: DecisionInput,
    pub errors: FormErrors,
    pub items: Vec<Choice>,
}

impl DecisionForm {
    fn new(
        ctx: &Ctx,
        meeting: MeetingId,
        lists: &Lists,
        decision: Option<&Decision>,
        input: DecisionInput,
        errors: FormErrors,
    ) -> DecisionForm {
        let (action, delete, prefix, summary) = match decision {
            Some(d) => (
                format!("/treffen/{meeting}/beschluesse/{}", d.id),
                Some(format!("/treffen/{meeting}/beschluesse/{}/loeschen", d.id)),
                format!("b{}-", d.id),
                short(d.data.text.as_str()),
            ),
            None => (
                format!("/treffen/{meeting}/beschluesse"),
                None,
                "bn-".to_owned(),
                ctx.t("record-decision-add").to_owned(),
            ),
        };
        DecisionForm {
            action,
            delete,
            prefix,
            summary,
            items: lists.item_choices(&input.punkt, ctx.t("record-no-item")),
            input,
            errors,
        }
    }
}

// ------------------------------------------------------------------------ action items

/// An action item as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct ActionInput {
    #[serde(default)]
    pub titel: String,
    #[serde(default)]
    pub zustaendig: String,
    #[serde(default)]
    pub faellig: String,
    #[serde(default)]
    pub stand: String,
    #[serde(default)]
    pub erledigt: String,
    #[serde(default)]
    pub beschluss: String,
}

impl ActionInput {
    fn of(item: &ActionItem) -> ActionInput {
        let d = &item.data;
        let date =
            |d: Option<jiff::civil::Date>| d.map(crate::problems::format_date).unwrap_or_default();
        ActionInput {
            titel: d.title.to_string(),
            zustaendig: d.owner_id.map(|p| p.to_string()).unwrap_or_default(),
            faellig: date(d.due_on),
            stand: d.status.code().to_owned(),
            erledigt: date(d.completed_on),
            beschluss: d.decision_id.map(|b| b.to_string()).unwrap_or_default(),
        }
    }

    fn parse(
        &self,
        lists: &Lists,
        meeting: MeetingId,
        item: Option<&ActionItem>,
        errors: &mut FormErrors,
    ) -> Option<ActionItemData> {
        let title = errors.parse("titel", &self.titel, Name::parse);
        let current = item.and_then(|i| i.data.owner_id);
        let owners: Vec<PersonId> = lists.persons(current).iter().map(|(p, _)| *p).collect();
        let owner = pick(errors, "zustaendig", &self.zustaendig, owners);
        let due = errors.parse("faellig", &self.faellig, parse_optional_date);
        let status = errors.parse("stand", &self.stand, ActionStatus::parse);
        let completed = errors.parse("erledigt", &self.erledigt, parse_optional_date);
        // Only a done item has a completion date: said beside the date.
        if let (Some(status), Some(Some(_))) = (status, completed)
            && status != ActionStatus::Done
        {
            errors.rule("erledigt", &Rule::OnlyWhenDone);
        }
        let decision = pick(
            errors,
            "beschluss",
            &self.beschluss,
            lists.decisions.iter().map(|d| d.id),
        );
        if !errors.is_empty() {
            return None;
        }
        let data = ActionItemData {
            meeting_id: Some(meeting),
            decision_id: decision,
            title: title?,
            owner_id: owner,
            due_on: due?,
            status: status?,
            completed_on: completed?,
        };
        errors.take(data.validate(), action_field)?;
        Some(data)
    }
}

fn action_field(field: Field) -> &'static str {
    match field {
        Field::Owner => "zustaendig",
        Field::DueOn => "faellig",
        Field::Status => "stand",
        Field::CompletedOn => "erledigt",
        Field::Decision => "beschluss",
        _ => "titel",
    }
}

/// An action item's form: new (`delete` none) or for an item.
pub(crate) struct ActionForm {
    pub action: String,
    pub delete: Option<String>,
    pub prefix: String,
    pub summary: String,
    pub input: ActionInput,
    pub errors: FormErrors,
    pub owners: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub decisions: Vec<Choice>,
}

impl ActionForm {
    fn new(
        ctx: &Ctx,
        meeting: MeetingId,
        lists: &Lists,
        item: Option<&ActionItem>,
        input: ActionInput,
        errors: FormErrors,
    ) -> ActionForm {
        let (action, delete, prefix, summary) = match item {
            Some(a) => (
                format!("/treffen/{meeting}/aufgaben/{}", a.id),
                Some(format!("/treffen/{meeting}/aufgaben/{}/loeschen", a.id)),
                format!("a{}-", a.id),
                a.data.title.to_string(),
            ),
            None => (
                format!("/treffen/{meeting}/aufgaben"),
                None,
                "an-".to_owned(),
                ctx.t("record-action-add").to_owned(),
            ),
        };
        ActionForm {
            action,
            delete,
            prefix,
            summary,
            owners: lists.person_choices(
                item.and_then(|i| i.data.owner_id),
                &input.zustaendig,
                ctx.t("record-nobody"),
            ),
            statuses: ActionStatus::ALL
                .iter()
                .map(|s| Choice::new(s.code(), s.label(ctx.lang), input.stand.trim()))
                .collect(),
            decisions: lists.decision_choices(&input.beschluss, ctx.t("record-no-decision")),
            input,
            errors,
        }
    }
}

// ------------------------------------------------------------------------ the page's forms

/// The minutes as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub(crate) struct MinutesInput {
    #[serde(default)]
    pub protokoll: String,
}

/// The minutes' form.
pub(crate) struct MinutesForm {
    pub action: String,
    pub text: String,
    pub errors: FormErrors,
}

/// The record's forms on the meeting's page, for those who may plan it: one per part and one
/// to add each kind (none on a cancelled meeting), and the minutes'.
pub(crate) struct RecordForms {
    pub agenda: Vec<AgendaForm>,
    pub add_agenda: Option<AgendaForm>,
    pub decisions: Vec<DecisionForm>,
    pub add_decision: Option<DecisionForm>,
    pub actions: Vec<ActionForm>,
    pub add_action: Option<ActionForm>,
    minutes: MinutesForm,
}

impl RecordForms {
    /// The minutes' form.
    pub(crate) fn minutes(&self) -> &MinutesForm {
        &self.minutes
    }
}

/// The record's forms for `meeting`.
pub(crate) async fn forms(
    state: &AppState,
    ctx: &Ctx,
    principal: &Principal,
    meeting: &Meeting,
) -> Result<RecordForms, WebError> {
    let lists = Lists::load(state, ctx, principal, meeting.id).await?;
    let id = meeting.id;
    let fresh = || FormErrors::new(ctx.lang);
    let open = meeting.data.status != MeetingStatus::Cancelled;
    let next = AgendaInput {
        position: (lists.agenda.len() + 1).to_string(),
        ..AgendaInput::default()
    };
    let todo = ActionInput {
        stand: ActionStatus::Open.code().to_owned(),
        ..ActionInput::default()
    };
    Ok(RecordForms {
        agenda: lists
            .agenda
            .iter()
            .map(|a| AgendaForm::new(ctx, id, &lists, Some(a), AgendaInput::of(a), fresh()))
            .collect(),
        add_agenda: open.then(|| AgendaForm::new(ctx, id, &lists, None, next, fresh())),
        decisions: lists
            .decisions
            .iter()
            .map(|d| DecisionForm::new(ctx, id, &lists, Some(d), DecisionInput::of(d), fresh()))
            .collect(),
        add_decision: open
            .then(|| DecisionForm::new(ctx, id, &lists, None, DecisionInput::default(), fresh())),
        actions: lists
            .actions
            .iter()
            .map(|a| ActionForm::new(ctx, id, &lists, Some(a), ActionInput::of(a), fresh()))
            .collect(),
        add_action: open.then(|| ActionForm::new(ctx, id, &lists, None, todo, fresh())),
        minutes: MinutesForm {
            action: format!("/treffen/{id}/protokoll"),
            text: meeting
                .data
                .minutes
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            errors: fresh(),
        },
    })
}

/// One of the record's forms, refused.
pub(crate) enum OneForm {
    Agenda(AgendaForm),
    Decision(DecisionForm),
    Action(ActionForm),
    Minutes(MinutesForm),
}

impl OneForm {
    /// The prefix of its fields' ids, its errors and its fields with their labels' ids.
    fn fields(&self) -> (&str, &FormErrors, &'static [(&'static str, &'static str)]) {
        match self {
            OneForm::Agenda(f) => (
                &f.prefix,
                &f.errors,
                &[
                    ("position", "record-position"),
                    ("titel", "meetings-item"),
                    ("dauer", "record-duration"),
                    ("vortragend", "meetings-presenter"),
                    ("thema", "meetings-topic"),
                    ("notizen", "record-notes"),
                ],
            ),
            OneForm::Decision(f) => (
                &f.prefix,
                &f.errors,
                &[
                    ("text", "record-decision-text"),
                    ("punkt", "record-decision-item"),
                ],
            ),
            OneForm::Action(f) => (
                &f.prefix,
                &f.errors,
                &[
                    ("titel", "meetings-action"),
                    ("zustaendig", "meetings-owner"),
                    ("faellig", "meetings-due"),
                    ("stand", "meetings-status"),
                    ("erledigt", "record-completed"),
                    ("beschluss", "record-action-decision"),
                ],
            ),
            OneForm::Minutes(f) => ("m-", &f.errors, &[("protokoll", "meetings-minutes")]),
        }
    }

    /// Each field in error, named with its message, as a link to the field.
    fn problems(&self, ctx: &Ctx) -> Vec<(String, String)> {
        let (prefix, errors, fields) = self.fields();
        fields
            .iter()
            .filter_map(|(name, label)| {
                errors
                    .get(name)
                    .map(|e| (format!("#{prefix}{name}"), format!("{}: {e}", ctx.t(label))))
            })
            .collect()
    }
}

/// A refused form alone, with its errors (422).
#[derive(Template)]
#[template(path = "meeting_record_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    meeting: MeetingId,
    meeting_title: String,
    /// The fields in error, named, as links.
    problems: Vec<(String, String)>,
    /// Errors not tied to a field.
    general: Vec<String>,
    form: OneForm,
}

fn refused(ctx: &Ctx, meeting: &Meeting, title: &str, form: OneForm) -> Result<Response, WebError> {
    render_invalid(&FormPage {
        c: Chrome::new(ctx, ctx.t(title), "/treffen"),
        meeting: meeting.id,
        meeting_title: meeting.data.title.to_string(),
        problems: form.problems(ctx),
        general: form.fields().1.general().to_vec(),
        form,
    })
}

/// Back to a section of the meeting's page.
fn back(meeting: MeetingId, section: &str) -> Response {
    Redirect::to(&format!("/treffen/{meeting}#{section}")).into_response()
}

// ------------------------------------------------------------------------ handlers

/// Puts a topic taken up on a planned meeting's agenda on the agenda (scheduled), where the
/// pipeline allows it; a topic moved meanwhile stays where it is.
async fn schedule(
    state: &AppState,
    ctx: &Ctx,
    meeting: &Meeting,
    lists: &Lists,
    topic: Option<TopicId>,
) -> Result<(), WebError> {
    let Some(topic) = topic.and_then(|t| lists.topics.iter().find(|x| x.id == t)) else {
        return Ok(());
    };
    if meeting.data.status != MeetingStatus::Planned
        || !matches!(
            topic.data.status,
            TopicStatus::Raised | TopicStatus::FollowUp
        )
    {
        return Ok(());
    }
    let change = crate::account::change(state, ctx);
    match state
        .store
        .set_topic_status(&change, topic.id, TopicStatus::Scheduled, None)
        .await
    {
        Ok(_) | Err(StoreError::Invalid(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Writes an agenda item (new, or `item` changed) from the form, or shows the form refused.
async fn save_agenda(
    state: &AppState,
    ctx: &Ctx,
    meeting: &Meeting,
    lists: &Lists,
    item: Option<&AgendaItem>,
    input: AgendaInput,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = input.parse(lists, meeting.id, item, &mut errors) {
        let change = crate::account::change(state, ctx);
        match state
            .store
            .place_agenda_item(&change, item.map(|i| i.id), &data)
            .await
        {
            Ok(_) => {
                if item.and_then(|i| i.data.topic_id) != data.topic_id {
                    schedule(state, ctx, meeting, lists, data.topic_id).await?;
                }
                return Ok(back(meeting.id, "h-agenda"));
            }
            Err(e) => errors.store(e, agenda_field)?,
        }
    }
    let form = AgendaForm::new(ctx, meeting.id, lists, item, input, errors);
    let title = if item.is_some() {
        "record-agenda-change"
    } else {
        "record-agenda-add"
    };
    refused(ctx, meeting, title, OneForm::Agenda(form))
}

async fn agenda_add(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(input): Form<AgendaInput>,
) -> Result<Response, WebError> {
    let (meeting, principal) = plannable(&ctx, &raw)?;
    open_for_more(meeting)?;
    let lists = Lists::load(&state, &ctx, principal, meeting.id).await?;
    save_agenda(&state, &ctx, meeting, &lists, None, input).await
}

/// The part `raw` of a list of the meeting's parts; 404 for anything else.
fn part<'l, T, I: std::str::FromStr + PartialEq>(
    list: &'l [T],
    raw: &str,
    id: impl Fn(&T) -> I,
) -> Result<&'l T, WebError> {
    let wanted: I = raw.parse().map_err(|_| WebError::NotFound)?;
    list.iter()
        .find(|x| id(x) == wanted)
        .ok_or(WebError::NotFound)
}

async fn agenda_change(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, item)): Path<(String, String)>,
    Form(input): Form<AgendaInput>,
) -> Result<Response, WebError> {
    let (meeting, principal) = plannable(&ctx, &raw)?;
    let lists = Lists::load(&state, &ctx, principal, meeting.id).await?;
    let item = part(&lists.agenda, &item, |a| a.id)?;
    save_agenda(&state, &ctx, meeting, &lists, Some(item), input).await
}

async fn agenda_remove(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, item)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (meeting, _) = plannable(&ctx, &raw)?;
    let item: AgendaItemId = item.parse().map_err(|_| WebError::NotFound)?;
    state
        .store
        .remove_agenda_item(&crate::account::change(&state, &ctx), meeting.id, item)
        .await?;
    Ok(back(meeting.id, "h-agenda"))
}

/// Writes a decision (new, or `decision` changed) from the form, or shows the form refused.
async fn save_decision(
    state: &AppState,
    ctx: &Ctx,
    meeting: &Meeting,
    lists: &Lists,
    decision: Option<&Decision>,
    input: DecisionInput,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = input.parse(lists, meeting.id, &mut errors) {
        let change = crate::account::change(state, ctx);
        let saved = match decision {
            Some(d) => state.store.update_decision(&change, d.id, &data).await,
            None => state.store.create_decision(&change, &data).await.map(drop),
        };
        match saved {
            Ok(()) => return Ok(back(meeting.id, "h-decisions")),
            Err(e) => errors.store(e, decision_field)?,
        }
    }
    let form = DecisionForm::new(ctx, meeting.id, lists, decision, input, errors);
    let title = if decision.is_some() {
        "record-decision-change"
    } else {
        "record-decision-add"
    };
    refused(ctx, meeting, title, OneForm::Decision(form))
}

async fn decision_add(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(input): Form<DecisionInput>,
) -> Result<Response, WebError> {
    let (meeting, principal) = plannable(&ctx, &raw)?;
    open_for_more(meeting)?;
    let lists = Lists::load(&state, &ctx, principal, meeting.id).await?;
    save_decision(&state, &ctx, meeting, &lists, None, input).await
}

async fn decision_change(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, item)): Path<(String, String)>,
    Form(input): Form<DecisionInput>,
) -> Result<Response, WebError> {
    let (meeting, principal) = plannable(&ctx, &raw)?;
    let lists = Lists::load(&state, &ctx, principal, meeting.id).await?;
    let decision = part(&lists.decisions, &item, |d| d.id)?;
    save_decision(&state, &ctx, meeting, &lists, Some(decision), input).await
}

async fn decision_remove(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, item)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (meeting, _) = plannable(&ctx, &raw)?;
    let id: DecisionId = item.parse().map_err(|_| WebError::NotFound)?;
    let ours = state
        .store
        .decision(id)
        .await?
        .is_some_and(|d| d.data.meeting_id == meeting.id);
    if !ours {
        return Err(WebError::NotFound);
    }
    state
        .store
        .delete_decision(&crate::account::change(&state, &ctx), id)
        .await?;
    Ok(back(meeting.id, "h-decisions"))
}

/// Writes an action item (new, or `item` changed) from the form, or shows the form refused.
async fn save_action(
    state: &AppState,
    ctx: &Ctx,
    meeting: &Meeting,
    lists: &Lists,
    item: Option<&ActionItem>,
    input: ActionInput,
) -> Result<Response, WebError> {
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = input.parse(lists, meeting.id, item, &mut errors) {
        let change = crate::account::change(state, ctx);
        let saved = match item {
            Some(a) => state.store.update_action_item(&change, a.id, &data).await,
            None => state
                .store
                .create_action_item(&change, &data)
                .await
                .map(drop),
        };
        match saved {
            Ok(()) => return Ok(back(meeting.id, "h-actions")),
            Err(e) => errors.store(e, action_field)?,
        }
    }
    let form = ActionForm::new(ctx, meeting.id, lists, item, input, errors);
    let title = if item.is_some() {
        "record-action-change"
    } else {
        "record-action-add"
    };
    refused(ctx, meeting, title, OneForm::Action(form))
}

async fn action_add(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(input): Form<ActionInput>,
) -> Result<Response, WebError> {
    let (meeting, principal) = plannable(&ctx, &raw)?;
    open_for_more(meeting)?;
    let lists = Lists::load(&state, &ctx, principal, meeting.id).await?;
    save_action(&state, &ctx, meeting, &lists, None, input).await
}

async fn action_change(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, item)): Path<(String, String)>,
    Form(input): Form<ActionInput>,
) -> Result<Response, WebError> {
    let (meeting, principal) = plannable(&ctx, &raw)?;
    let lists = Lists::load(&state, &ctx, principal, meeting.id).await?;
    let item = part(&lists.actions, &item, |a| a.id)?;
    save_action(&state, &ctx, meeting, &lists, Some(item), input).await
}

async fn action_remove(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path((raw, item)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (meeting, _) = plannable(&ctx, &raw)?;
    let id: ActionItemId = item.parse().map_err(|_| WebError::NotFound)?;
    let ours = state
        .store
        .action_item(id)
        .await?
        .is_some_and(|a| a.data.meeting_id == Some(meeting.id));
    if !ours {
        return Err(WebError::NotFound);
    }
    state
        .store
        .delete_action_item(&crate::account::change(&state, &ctx), id)
        .await?;
    Ok(back(meeting.id, "h-actions"))
}

/// Replaces the minutes (empty: none).
async fn minutes_set(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Form(input): Form<MinutesInput>,
) -> Result<Response, WebError> {
    let (meeting, _) = plannable(&ctx, &raw)?;
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(minutes) = errors.parse("protokoll", &input.protokoll, Text::parse_optional) {
        let change = crate::account::change(&state, &ctx);
        match state
            .store
            .set_meeting_minutes(&change, meeting.id, minutes.as_ref())
            .await
        {
            Ok(()) => return Ok(back(meeting.id, "h-minutes-edit")),
            Err(e) => errors.store(e, |_| "protokoll")?,
        }
    }
    let form = MinutesForm {
        action: format!("/treffen/{}/protokoll", meeting.id),
        text: input.protokoll,
        errors,
    };
    refused(
        ctx.as_ref(),
        meeting,
        "record-minutes",
        OneForm::Minutes(form),
    )
}

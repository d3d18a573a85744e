//! Themen (`/themen`): the topics of the network's meetings — raised by someone or at a
//! meeting, with their problem categories and municipalities, their status in the pipeline
//! (raised → scheduled → discussed → follow-up → closed) and their history across meetings.
//!
//! Who sees a topic: one that concerns no municipality belongs to the whole network; otherwise
//! one of its municipalities must be readable. Meetings in its history are shown when the user
//! may see them, the person who raised it when the user may read them.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use praevnetz_domain::ids::TopicId;
use praevnetz_domain::topic::{Topic, TopicStatus};
use praevnetz_store::{TopicFilter, TopicVotes};
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, FormErrors};
use crate::meetings::can_read_meeting;
use crate::page::{Chrome, render, render_invalid};
use crate::people::can_read_person;
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;
use crate::topic_form::{RaiseView, StatusForm, StatusPanel, StatusStep, TopicForm};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/themen", Gate::LoggedIn, topic_list)
        .get("/themen/{id}", Gate::LoggedIn, topic_show)
}

/// Whether the user may see a topic: one of its municipalities must be readable; a topic that
/// concerns none goes with the meeting it was raised at, else with its series' region, else
/// with the whole network.
pub(crate) fn can_read_topic(principal: &Principal, data: &Snapshot, topic: &Topic) -> bool {
    let d = &topic.data;
    if !d.municipalities.is_empty() {
        return d
            .municipalities
            .iter()
            .any(|m| principal.can_read(Place::of_municipality(&data.atlas, *m)));
    }
    if let Some(meeting) = d.raised_at_id.and_then(|id| data.meeting(id)) {
        return can_read_meeting(principal, data, meeting);
    }
    crate::meetings::reads_series_region(principal, data, d.series_id)
        .unwrap_or_else(|| principal.can_read(Place::Network))
}

/// The statuses in the order of the pipeline.
const PIPELINE: [TopicStatus; 5] = [
    TopicStatus::Raised,
    TopicStatus::Scheduled,
    TopicStatus::Discussed,
    TopicStatus::FollowUp,
    TopicStatus::Closed,
];

/// The value of the list's status filter as a static string (`offen` for anything unknown),
/// for links back to the list.
pub(crate) fn stand_value(asked: &str) -> &'static str {
    match asked {
        "alle" => "alle",
        code => PIPELINE
            .iter()
            .map(|s| s.code())
            .find(|c| *c == code)
            .unwrap_or("offen"),
    }
}

/// The labels of a topic's categories, in the user's language.
fn categories(ctx: &Ctx, topic: &Topic) -> Vec<String> {
    topic
        .data
        .categories
        .iter()
        .map(|code| ctx.data.category_label(code, ctx.lang).to_owned())
        .collect()
}

/// The names of a topic's municipalities with their AGS.
fn places(data: &Snapshot, topic: &Topic) -> Vec<(String, String)> {
    topic
        .data
        .municipalities
        .iter()
        .filter_map(|m| data.atlas.municipality(*m))
        .map(|m| (m.data.ags.to_string(), m.data.display_name().to_owned()))
        .collect()
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    stand: Option<String>,
}

struct Row {
    id: TopicId,
    title: String,
    categories: String,
    places: String,
    raised_on: String,
    votes: u32,
    /// Whether the user voted for it.
    mine: bool,
}

/// The topics of one status.
struct Column {
    status: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "topic_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    statuses: Vec<Choice>,
    columns: Vec<Column>,
    problems: Vec<&'static str>,
    /// The form to raise a topic, for those who may.
    raise: Option<RaiseView>,
    /// Shown open: asked for, or sent with errors.
    raise_open: bool,
    /// Whether the user may vote.
    can_vote: bool,
    /// The status shown, for the vote forms to come back to.
    stand: &'static str,
}

async fn topic_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    list_page(&state, &ctx, query.stand.as_deref(), Raise::Closed).await
}

/// The choices of the list's status filter.
fn status_choices(ctx: &Ctx, asked: &str) -> Vec<Choice> {
    [
        ("offen".to_owned(), ctx.t("topics-open").to_owned()),
        ("alle".to_owned(), ctx.t("topics-all").to_owned()),
    ]
    .into_iter()
    .chain(
        PIPELINE
            .iter()
            .map(|s| (s.code().to_owned(), s.label(ctx.lang))),
    )
    .map(|(value, label)| Choice::new(value, label, asked))
    .collect()
}

/// How the list shows the form to raise a topic.
pub(crate) enum Raise {
    /// Empty and folded, for those who may raise topics.
    Closed,
    /// Empty and open (`/themen/neu`).
    Open,
    /// As sent, with its errors (422).
    Invalid(Box<RaiseView>),
}

/// The list of the topics of status `stand` (the open ones by default) with the form to raise
/// a topic for those who may.
pub(crate) async fn list_page(
    state: &AppState,
    ctx: &Ctx,
    stand: Option<&str>,
    raise: Raise,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let mut problems = Vec::new();
    let asked = match stand.map_or("offen", str::trim) {
        known @ ("offen" | "alle") => known,
        code if PIPELINE.iter().any(|s| s.code() == code) => code,
        _ => {
            problems.push("topics-unknown-status");
            "offen"
        }
    };
    let mut topics: Vec<Topic> = state
        .store
        .topics(&TopicFilter::default())
        .await?
        .into_iter()
        .filter(|t| can_read_topic(principal, data, t))
        .collect();
    let votes: HashMap<TopicId, TopicVotes> = state
        .store
        .topic_votes(Some(principal.user.id))
        .await?
        .into_iter()
        .map(|v| (v.topic, v))
        .collect();
    let count = |id: &TopicId| votes.get(id).map_or(0, |v| v.count);
    // Within a stage the most wanted first, then the most recent.
    topics.sort_by(|a, b| {
        count(&b.id)
            .cmp(&count(&a.id))
            .then(b.data.raised_on.cmp(&a.data.raised_on))
            .then(a.id.cmp(&b.id))
    });
    let shown: Vec<TopicStatus> = PIPELINE
        .into_iter()
        .filter(|s| match asked {
            "alle" => true,
            "offen" => *s != TopicStatus::Closed,
            code => s.code() == code,
        })
        .collect();
    let columns = shown
        .iter()
        .map(|status| Column {
            status: status.label(lang),
            rows: topics
                .iter()
                .filter(|t| t.data.status == *status)
                .map(|t| Row {
                    id: t.id,
                    title: t.data.title.to_string(),
                    categories: categories(ctx, t).join(", "),
                    places: places(data, t)
                        .into_iter()
                        .map(|(_, n)| n)
                        .collect::<Vec<_>>()
                        .join(", "),
                    raised_on: crate::problems::format_date(t.data.raised_on),
                    votes: count(&t.id),
                    mine: votes.get(&t.id).is_some_and(|v| v.mine),
                })
                .collect(),
        })
        .collect();
    let statuses = status_choices(ctx, asked);
    let invalid = matches!(raise, Raise::Invalid(_));
    let raise_open = !matches!(raise, Raise::Closed);
    let raise = match raise {
        Raise::Invalid(view) => Some(*view),
        Raise::Closed | Raise::Open => principal.can_edit_somewhere().then(|| {
            RaiseView::new(
                ctx,
                principal,
                TopicForm::default(),
                FormErrors::new(ctx.lang),
            )
        }),
    };
    let page = ListPage {
        c: Chrome::new(ctx, ctx.t("topics-title"), "/themen"),
        statuses,
        columns,
        problems,
        raise,
        raise_open,
        can_vote: crate::topic_form::can_vote(principal),
        stand: stand_value(asked),
    };
    if invalid {
        render_invalid(&page)
    } else {
        render(&page)
    }
}

/// A meeting where the topic was on the agenda.
struct Step {
    meeting_id: i64,
    meeting: String,
    when: String,
    item: String,
}

#[derive(Template)]
#[template(path = "topic_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    description: String,
    status: String,
    pipeline: Vec<(String, bool)>,
    categories: Vec<String>,
    places: Vec<(String, String)>,
    raised_on: String,
    raised_by: Option<(String, String)>,
    raised_at: Option<(i64, String)>,
    series: String,
    history: Vec<Step>,
    id: TopicId,
    votes: u32,
    /// Whether the user voted for it.
    mine: bool,
    can_vote: bool,
    /// The status changes, the earliest first.
    changes: Vec<StatusStep>,
    /// The form to change the status, for those who may.
    status_form: Option<StatusPanel>,
    /// A round table on the topic: its first municipality and category.
    round_table: Option<String>,
}

/// The topic if it exists and the user may read it; 404 otherwise (the same answer).
pub(crate) async fn readable(state: &AppState, ctx: &Ctx, raw: &str) -> Result<Topic, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let id: TopicId = raw.parse().map_err(|_| WebError::NotFound)?;
    state
        .store
        .topic(id)
        .await?
        .filter(|t| can_read_topic(principal, &ctx.data, t))
        .ok_or(WebError::NotFound)
}

async fn topic_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let topic = readable(&state, &ctx, &raw).await?;
    show_page(&state, &ctx, &topic, None).await
}

/// The meetings where a topic was on the agenda (those the user may see), the earliest first.
async fn agenda_history(
    state: &AppState,
    ctx: &Ctx,
    topic: TopicId,
) -> Result<Vec<Step>, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let meeting = |id| {
        data.meeting(id)
            .filter(|m| can_read_meeting(principal, data, m))
    };
    let mut history: Vec<(jiff::Timestamp, Step)> = state
        .store
        .agenda_items(None, Some(topic))
        .await?
        .into_iter()
        .filter_map(|a| {
            let m = meeting(a.data.meeting_id)?;
            Some((
                m.data.time.starts_at(),
                Step {
                    meeting_id: m.id.get(),
                    meeting: m.data.title.to_string(),
                    when: crate::problems::format_date(
                        praevnetz_domain::time::local(m.data.time.starts_at()).date(),
                    ),
                    item: a.data.title.to_string(),
                },
            ))
        })
        .collect();
    history.sort_by_key(|(at, _)| *at);
    Ok(history.into_iter().map(|(_, s)| s).collect())
}

/// A topic's page; with the status form as sent and its errors when it was refused (422).
pub(crate) async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    topic: &Topic,
    refused: Option<(StatusForm, FormErrors)>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let history = agenda_history(state, ctx, topic.id).await?;
    let raised_by = match topic.data.raised_by_id {
        Some(p) if can_read_person(principal, data, p) => state
            .store
            .person(p)
            .await?
            .map(|person| (format!("/personen/{p}"), person.data.full_name())),
        _ => None,
    };
    let votes = state
        .store
        .topic_votes(Some(principal.user.id))
        .await?
        .into_iter()
        .find(|v| v.topic == topic.id);
    let d = &topic.data;
    let at = PIPELINE.iter().position(|s| *s == d.status).unwrap_or(0);
    let invalid = refused.is_some();
    let status_form = crate::topic_form::can_change_topic(principal, data, topic).then(|| {
        let (form, errors) =
            refused.unwrap_or_else(|| (StatusForm::default(), FormErrors::new(lang)));
        StatusPanel::new(ctx, d.status, form, errors)
    });
    let page = ShowPage {
        c: Chrome::new(ctx, d.title.to_string(), "/themen"),
        description: d
            .description
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        status: d.status.label(lang),
        pipeline: PIPELINE
            .iter()
            .enumerate()
            .map(|(k, s)| (s.label(lang), k == at))
            .collect(),
        categories: categories(ctx, topic),
        places: places(data, topic),
        round_table: places(data, topic).first().zip(d.categories.first()).map(
            |((ags, _), code)| format!("/netzwerk/runder-tisch?gemeinde={ags}&kategorie={code}"),
        ),
        raised_on: crate::problems::format_date(d.raised_on),
        raised_by,
        raised_at: d
            .raised_at_id
            .and_then(|id| data.meeting(id))
            .filter(|m| can_read_meeting(principal, data, m))
            .map(|m| (m.id.get(), m.data.title.to_string())),
        series: d
            .series_id
            .and_then(|s| data.series(s))
            .map(|s| s.data.name.to_string())
            .unwrap_or_default(),
        history,
        id: topic.id,
        votes: votes.map_or(0, |v| v.count),
        mine: votes.is_some_and(|v| v.mine),
        can_vote: crate::topic_form::can_vote(principal),
        changes: crate::topic_form::status_steps(state, ctx, topic.id).await?,
        status_form,
    };
    if invalid {
        render_invalid(&page)
    } else {
        render(&page)
    }
}

//! Treffen (`/treffen`): the networking meetings the user may see, each with its time (stored
//! in UTC, shown in Europe/Berlin), venue, hosts, participants, agenda, minutes (Markdown,
//! sanitised), decisions and action items, and an iCalendar file (RFC 5545) per meeting.
//!
//! Who sees a meeting: whoever may read its venue's municipality (viewers: inside their own
//! area); meetings without a venue municipality, such as online ones, count for the whole
//! network, as on the overview. Persons on the page (participants, presenters, owners of action
//! items) are shown only when the user may read them, and organisations likewise.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use jiff::Timestamp;
use praevnetz_domain::ids::{ActorId, MeetingId, OrganisationId, PersonId};
use praevnetz_domain::meeting::{Meeting, MeetingStatus, ParticipationStatus};
use praevnetz_domain::time::local;
use praevnetz_domain::topic::{Topic, TopicStatus};
use praevnetz_store::TopicFilter;
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::Choice;
use crate::network::Area;
use crate::page::{Chrome, public_base, render, render_invalid};
use crate::people::{can_read_actor, can_read_organisation, can_read_person};
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/treffen", Gate::LoggedIn, meeting_list)
        .get("/treffen/aufgaben", Gate::LoggedIn, open_actions)
        .get("/treffen/{id}", Gate::LoggedIn, meeting_show)
        .get(
            "/treffen/{id}/kalender.ics",
            Gate::LoggedIn,
            meeting_calendar,
        )
        .get("/konto/kalender", Gate::LoggedIn, feed_show)
        .post("/konto/kalender/erzeugen", Gate::LoggedIn, feed_create)
        .post("/konto/kalender/widerrufen", Gate::LoggedIn, feed_revoke)
        .get("/kalender/{file}", Gate::Public, feed_file)
}

/// Whether the user may see the meeting: by its venue's municipality; without one (online
/// meetings) by its series' network region (any of its districts), else by its hosts (any of
/// them); a meeting with none of these belongs to the whole network.
pub(crate) fn can_read_meeting(principal: &Principal, data: &Snapshot, meeting: &Meeting) -> bool {
    let d = &meeting.data;
    if let Some(id) = d.venue.municipality_id {
        return principal.can_read(Place::of_municipality(&data.atlas, id));
    }
    if let Some(reads) = reads_series_region(principal, data, d.series_id) {
        return reads;
    }
    if !d.hosts.is_empty() {
        return d
            .hosts
            .iter()
            .any(|o| can_read_organisation(principal, data, *o));
    }
    principal.can_read(Place::Network)
}

/// Whether the user reads a district of a series' network region; `None` for a series without
/// a region (or no series), which does not decide.
pub(crate) fn reads_series_region(
    principal: &Principal,
    data: &Snapshot,
    series: Option<praevnetz_domain::ids::MeetingSeriesId>,
) -> Option<bool> {
    let districts = data.series_districts(series);
    (!districts.is_empty()).then(|| {
        districts
            .iter()
            .any(|d| principal.can_read(Place::District(*d)))
    })
}

/// Whether a meeting is over.
fn is_past(meeting: &Meeting, now: Timestamp) -> bool {
    meeting.data.time.ends_at() < now
}

/// "06.09.2022 10:00–15:00", or with the end's day when it ends on another day.
fn when(meeting: &Meeting) -> String {
    let (start, end) = (
        local(meeting.data.time.starts_at()),
        local(meeting.data.time.ends_at()),
    );
    if start.date() == end.date() {
        format!(
            "{}–{}",
            start.strftime("%d.%m.%Y %H:%M"),
            end.strftime("%H:%M")
        )
    } else {
        format!(
            "{} – {}",
            start.strftime("%d.%m.%Y %H:%M"),
            end.strftime("%d.%m.%Y %H:%M")
        )
    }
}

/// The venue's municipality, or else its name.
pub(crate) fn place(data: &Snapshot, meeting: &Meeting) -> String {
    meeting
        .data
        .venue
        .municipality_id
        .and_then(|id| data.atlas.municipality(id))
        .map(|m| m.data.display_name().to_owned())
        .or_else(|| meeting.data.venue.name.as_ref().map(ToString::to_string))
        .unwrap_or_default()
}

/// The series' name.
fn series_name(data: &Snapshot, meeting: &Meeting) -> String {
    meeting
        .data
        .series_id
        .and_then(|id| data.series(id))
        .map(|s| s.data.name.to_string())
        .unwrap_or_default()
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    zeit: Option<String>,
    #[serde(default)]
    reihe: Option<String>,
}

/// A meeting in the list.
struct ListRow {
    id: MeetingId,
    when: String,
    title: String,
    series: String,
    series_id: Option<i64>,
    place: String,
    format: String,
    status: String,
}

#[derive(Template)]
#[template(path = "meeting_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    times: Vec<Choice>,
    series: Vec<Choice>,
    rows: Vec<ListRow>,
    can_plan: bool,
}

async fn meeting_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let now = state.clock.now();
    let time = match query.zeit.as_deref().map(str::trim) {
        Some("vergangen") => "vergangen",
        Some("alle") => "alle",
        _ => "kommend",
    };
    let series = query.reihe.as_deref().map_or("", str::trim);
    let mut meetings: Vec<&Meeting> = data
        .meetings
        .iter()
        .filter(|m| can_read_meeting(principal, data, m))
        .filter(|m| match time {
            "vergangen" => is_past(m, now),
            "alle" => true,
            _ => !is_past(m, now),
        })
        .filter(|m| {
            series.is_empty() || m.data.series_id.is_some_and(|id| id.to_string() == series)
        })
        .collect();
    // Coming meetings soonest first, past ones latest first.
    if time != "kommend" {
        meetings.reverse();
    }
    let rows = meetings
        .into_iter()
        .map(|m| ListRow {
            id: m.id,
            when: when(m),
            title: m.data.title.to_string(),
            series: series_name(data, m),
            series_id: m
                .data
                .series_id
                .map(praevnetz_domain::ids::MeetingSeriesId::get),
            place: place(data, m),
            format: m.data.format.label(lang),
            status: m.data.status.label(lang),
        })
        .collect();
    let times = [
        ("kommend", "meetings-time-coming"),
        ("vergangen", "meetings-time-past"),
        ("alle", "meetings-time-all"),
    ]
    .into_iter()
    .map(|(value, id)| Choice::new(value, ctx.t(id), time))
    .collect();
    let series = std::iter::once(Choice::new("", ctx.t("meetings-series-all"), series))
        .chain(
            data.meeting_series
                .iter()
                .filter(|s| {
                    data.meetings.iter().any(|m| {
                        m.data.series_id == Some(s.id) && can_read_meeting(principal, data, m)
                    })
                })
                .map(|s| Choice::new(s.id.to_string(), s.data.name.to_string(), series)),
        )
        .collect();
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("meetings-title"), "/treffen"),
        times,
        series,
        rows,
        can_plan: principal.can_edit_somewhere(),
    })
}

/// A link to a person or organisation the user may read, or their plain name (or nothing).
struct Named {
    href: String,
    name: String,
}

struct ParticipantRow {
    id: i64,
    person: Named,
    organisation: String,
    status: String,
    code: &'static str,
}

struct AgendaRow {
    position: u32,
    title: String,
    minutes: String,
    presenter: String,
    topic: String,
    notes: String,
}

struct TopicRow {
    id: i64,
    title: String,
    status: String,
    places: String,
}

struct ActionRow {
    title: String,
    owner: String,
    due: String,
    status: String,
}

#[derive(Template)]
#[template(path = "meeting_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    id: MeetingId,
    when: String,
    format: String,
    status: String,
    cancelled: bool,
    series: String,
    series_id: Option<i64>,
    venue: String,
    venue_address: String,
    municipality: Option<(String, String)>,
    capacity: String,
    hosts: Vec<Named>,
    description: String,
    minutes: String,
    participants: Vec<ParticipantRow>,
    counts: Vec<(String, usize)>,
    agenda: Vec<AgendaRow>,
    decisions: Vec<String>,
    actions: Vec<ActionRow>,
    raised: Vec<TopicRow>,
    proposed: Vec<TopicRow>,
    /// For a planned meeting: the problem areas its invited municipalities share.
    shared: Vec<SharedArea>,
    /// Where a new agenda item goes: after the last.
    next_position: usize,
    planned: bool,
    impact: Vec<ImpactRow>,
    can_plan: bool,
    invited: Option<usize>,
    planning: Option<Planning>,
    pick: Option<PersonPick>,
    /// The forms to edit the record (agenda, decisions, action items, minutes), for planners.
    record: Option<crate::meeting_record::RecordForms>,
}

/// What the invitation by hand shows: the name searched for (a plain `GET` form, as for the
/// ends of a tie), the persons found and those ticked as checkboxes, and what was wrong.
struct PersonPick {
    search: String,
    candidates: Vec<PersonCandidate>,
    error: Option<String>,
    /// Shown open: after a search or an error.
    open: bool,
    /// Whether one of the persons found is not on the list yet.
    selectable: bool,
}

struct PersonCandidate {
    value: String,
    label: String,
    checked: bool,
    /// The status of a person already on the list (who stays as they are).
    listed: Option<String>,
}

/// The invitation by hand as sent: the name searched for, the persons ticked (those that
/// exist and the user may read) and the message of what was wrong.
#[derive(Debug, Default)]
pub(crate) struct InvitePick {
    pub search: String,
    pub ticked: Vec<PersonId>,
    pub error: Option<String>,
}

/// The choices of the invitation and attendance forms.
struct Planning {
    areas: Vec<Choice>,
    pillars: Vec<Choice>,
    kinds: Vec<Choice>,
    statuses: Vec<(&'static str, String)>,
}

/// The choices of the invitation form: besides the regions and districts (and the user's own
/// municipalities), the meeting's own municipality.
fn planning(ctx: &Ctx, principal: &Principal, meeting: &Meeting) -> Planning {
    let (data, lang) = (&ctx.data, ctx.lang);
    let venue = meeting
        .data
        .venue
        .municipality_id
        .map_or(Area::All, Area::Municipality);
    Planning {
        areas: crate::network::area_choices(data, ctx, principal, venue),
        pillars: std::iter::once(Choice::new("", ctx.t("meetings-any-pillar"), ""))
            .chain(
                praevnetz_domain::actor::Pillar::ALL
                    .iter()
                    .map(|p| Choice::new(p.code(), p.label(lang), "")),
            )
            .collect(),
        kinds: std::iter::once(Choice::new("", ctx.t("meetings-any-kind"), ""))
            .chain(
                praevnetz_domain::actor::OrganisationKind::ALL
                    .iter()
                    .map(|k| Choice::new(k.code(), k.label(lang), "")),
            )
            .collect(),
        statuses: [
            ParticipationStatus::Invited,
            ParticipationStatus::Registered,
            ParticipationStatus::Waitlisted,
            ParticipationStatus::Excused,
            ParticipationStatus::Attended,
            ParticipationStatus::Absent,
        ]
        .into_iter()
        .map(|s| (s.code(), s.label(lang)))
        .collect(),
    }
}

/// A problem area several invited municipalities share.
struct SharedArea {
    code: String,
    label: String,
    /// The title of the agenda item that takes it up.
    agenda_title: String,
    places: String,
    count: usize,
}

/// The problem areas that the municipalities of a planned meeting's invitees (and its venue)
/// share, most widespread first; problems as the user may see them.
fn shared_areas(
    ctx: &Ctx,
    principal: &Principal,
    meeting: &Meeting,
    invited: &[PersonId],
) -> Vec<SharedArea> {
    let data = &ctx.data;
    let set: Vec<praevnetz_domain::ids::MunicipalityId> =
        crate::interfaces::meeting_municipalities(data, invited, meeting)
            .into_iter()
            .filter(|m| principal.can_read(Place::of_municipality(&data.atlas, *m)))
            .collect();
    let visible: Vec<&praevnetz_domain::problem::Problem> =
        data.visible_problems(principal).collect();
    let result = praevnetz_domain::shared::interfaces(&set, &visible, &[], 1);
    result
        .shared
        .iter()
        .filter(|s| s.municipalities.len() >= 2)
        .take(SHARED_AREAS)
        .map(|s| SharedArea {
            code: s.code.to_string(),
            label: data.category_label(&s.code, ctx.lang).to_owned(),
            agenda_title: ctx.texts().format(
                ctx.lang,
                "meetings-shared-exchange",
                &praevnetz_domain::i18n::Args::new().text(
                    "category",
                    data.category_label(&s.code, ctx.lang).to_owned(),
                ),
            ),
            places: s
                .municipalities
                .iter()
                .filter_map(|(k, _)| data.atlas.municipality(set[*k]))
                .map(|m| m.data.display_name().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
            count: s.municipalities.len(),
        })
        .collect()
}

/// Shared problem areas proposed for a planned meeting at most.
const SHARED_AREAS: usize = 6;

/// The network among a meeting's participants on one day.
pub(crate) struct ImpactRow {
    pub(crate) label: String,
    pub(crate) ties: usize,
    pub(crate) new: String,
    pub(crate) across_pillars: usize,
    pub(crate) across_places: usize,
    pub(crate) components: usize,
}

/// The meeting if it exists and the user may see it; 404 otherwise.
pub(crate) fn readable<'d>(
    data: &'d Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<&'d Meeting, WebError> {
    let id: MeetingId = raw.parse().map_err(|_| WebError::NotFound)?;
    data.meeting(id)
        .filter(|m| can_read_meeting(principal, data, m))
        .ok_or(WebError::NotFound)
}

/// A person's name the user may read.
fn person_name(
    data: &Snapshot,
    principal: &Principal,
    names: &[(PersonId, String)],
    id: PersonId,
) -> Option<String> {
    if !can_read_person(principal, data, id) {
        return None;
    }
    names.iter().find(|(p, _)| *p == id).map(|(_, n)| n.clone())
}

fn organisation_name(data: &Snapshot, principal: &Principal, id: OrganisationId) -> Option<Named> {
    let o = data.organisation(id)?;
    can_read_organisation(principal, data, id).then(|| Named {
        href: format!("/organisationen/{id}"),
        name: o.data.name.to_string(),
    })
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ShowQuery {
    #[serde(default)]
    eingeladen: Option<String>,
    #[serde(default)]
    suche: Option<String>,
}

async fn meeting_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let meeting = readable(&ctx.data, principal, &raw)?;
    let pick = InvitePick {
        search: query.suche.unwrap_or_default(),
        ..InvitePick::default()
    };
    let invited = query.eingeladen.and_then(|n| n.parse().ok());
    show(&state, &ctx, meeting, invited, pick).await
}

/// The persons found by the invitation's search (and those ticked), each with their status
/// if they are on the list already.
async fn person_pick(
    state: &AppState,
    ctx: &Ctx,
    principal: &Principal,
    participations: &[praevnetz_domain::meeting::Participation],
    pick: InvitePick,
) -> Result<PersonPick, WebError> {
    let data = &ctx.data;
    let found = crate::picker::search(
        state,
        data,
        principal,
        praevnetz_domain::actor::ActorKind::Person,
        &pick.search,
    )
    .await?;
    let mut people: Vec<(PersonId, String)> = Vec::new();
    for &person in &pick.ticked {
        if !found.iter().any(|(a, _)| *a == ActorId::Person(person))
            && can_read_person(principal, data, person)
            && let Some(p) = state.store.person(person).await?
        {
            people.push((person, p.data.full_name()));
        }
    }
    people.extend(found.into_iter().filter_map(|(actor, name)| match actor {
        ActorId::Person(p) => Some((p, name)),
        ActorId::Organisation(_) => None,
    }));
    let candidates: Vec<PersonCandidate> = people
        .into_iter()
        .map(|(person, label)| PersonCandidate {
            value: person.to_string(),
            label,
            checked: pick.ticked.contains(&person),
            listed: participations
                .iter()
                .find(|p| p.data.person_id == person)
                .map(|p| p.data.status.label(ctx.lang)),
        })
        .collect();
    Ok(PersonPick {
        selectable: candidates.iter().any(|c| c.listed.is_none()),
        open: !pick.search.trim().is_empty() || pick.error.is_some(),
        search: pick.search.chars().take(200).collect(),
        candidates,
        error: pick.error,
    })
}

/// The meeting's page; with the invitation by hand as sent when it was refused (422 then).
#[allow(
    clippy::too_many_lines,
    reason = "one section of the page after the other"
)]
pub(crate) async fn show(
    state: &AppState,
    ctx: &Ctx,
    meeting: &Meeting,
    invited: Option<usize>,
    pick: InvitePick,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let id = meeting.id;
    let participations = state.store.participations(Some(id), None).await?;
    let agenda_items = state.store.agenda_items(Some(id), None).await?;
    let decisions = state.store.decisions(Some(id)).await?;
    let actions = state
        .store
        .action_items(&praevnetz_store::ActionItemFilter {
            meeting: Some(id),
            ..praevnetz_store::ActionItemFilter::default()
        })
        .await?;
    // The names of the persons the page may mention, read once.
    let mut wanted: Vec<PersonId> = participations
        .iter()
        .map(|p| p.data.person_id)
        .chain(agenda_items.iter().filter_map(|a| a.data.presenter_id))
        .chain(actions.iter().filter_map(|a| a.data.owner_id))
        .filter(|p| can_read_actor(principal, data, ActorId::Person(*p)))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut names = Vec::with_capacity(wanted.len());
    for person in wanted {
        if let Some(p) = state.store.person(person).await? {
            names.push((person, p.data.full_name()));
        }
    }
    let mut participants: Vec<ParticipantRow> = participations
        .iter()
        .filter_map(|p| {
            let name = person_name(data, principal, &names, p.data.person_id)?;
            Some(ParticipantRow {
                id: p.data.person_id.get(),
                code: p.data.status.code(),
                person: Named {
                    href: format!("/personen/{}", p.data.person_id),
                    name,
                },
                organisation: p
                    .data
                    .organisation_id
                    .and_then(|o| organisation_name(data, principal, o))
                    .map(|o| o.name)
                    .unwrap_or_default(),
                status: p.data.status.label(lang),
            })
        })
        .collect();
    participants.sort_by(|a, b| a.person.name.cmp(&b.person.name));
    let counts = [
        ParticipationStatus::Attended,
        ParticipationStatus::Registered,
        ParticipationStatus::Invited,
        ParticipationStatus::Waitlisted,
        ParticipationStatus::Excused,
        ParticipationStatus::Absent,
    ]
    .into_iter()
    .map(|status| {
        let label = status.label(lang);
        (
            label.clone(),
            participants.iter().filter(|p| p.status == label).count(),
        )
    })
    .filter(|(_, n)| *n > 0)
    .collect();
    let all_topics = state.store.topics(&TopicFilter::default()).await?;
    let topics: Vec<(praevnetz_domain::ids::TopicId, String)> = all_topics
        .iter()
        .filter(|t| crate::topics::can_read_topic(principal, data, t))
        .map(|t| (t.id, t.data.title.to_string()))
        .collect();
    let mut agenda: Vec<AgendaRow> = agenda_items
        .iter()
        .map(|a| AgendaRow {
            position: a.data.position,
            title: a.data.title.to_string(),
            minutes: a
                .data
                .duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            presenter: a
                .data
                .presenter_id
                .and_then(|p| person_name(data, principal, &names, p))
                .unwrap_or_default(),
            topic: a
                .data
                .topic_id
                .and_then(|t| topics.iter().find(|(id, _)| *id == t))
                .map(|(_, title)| title.clone())
                .unwrap_or_default(),
            notes: a
                .data
                .notes
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        })
        .collect();
    agenda.sort_by_key(|a| a.position);
    let actions = actions
        .iter()
        .map(|a| ActionRow {
            title: a.data.title.to_string(),
            owner: a
                .data
                .owner_id
                .and_then(|p| person_name(data, principal, &names, p))
                .unwrap_or_default(),
            due: a
                .data
                .due_on
                .map(crate::problems::format_date)
                .unwrap_or_default(),
            status: a.data.status.label(lang),
        })
        .collect();
    let d = &meeting.data;
    let can_plan =
        crate::meeting_form::can_plan(principal, data, d.venue.municipality_id, d.series_id);
    let (raised, proposed) = topics_of(ctx, principal, meeting, &agenda_items, &all_topics);
    let shared = if d.status == MeetingStatus::Planned {
        let invited: Vec<PersonId> = participations
            .iter()
            .filter(|p| {
                !matches!(
                    p.data.status,
                    ParticipationStatus::Excused | ParticipationStatus::Absent
                )
            })
            .map(|p| p.data.person_id)
            .filter(|p| can_read_person(principal, data, *p))
            .collect();
        shared_areas(ctx, principal, meeting, &invited)
    } else {
        Vec::new()
    };
    let attended: Vec<PersonId> = participations
        .iter()
        .filter(|p| p.data.status == ParticipationStatus::Attended)
        .map(|p| p.data.person_id)
        .filter(|p| can_read_person(principal, data, *p))
        .collect();
    let impact = impact(state, ctx, meeting, attended).await?;
    let refused = pick.error.is_some();
    let pick = if can_plan && d.status != MeetingStatus::Cancelled {
        Some(person_pick(state, ctx, principal, &participations, pick).await?)
    } else {
        None
    };
    let record = if can_plan {
        Some(crate::meeting_record::forms(state, ctx, principal, meeting).await?)
    } else {
        None
    };
    let page = ShowPage {
        c: Chrome::new(ctx, d.title.to_string(), "/treffen"),
        id,
        when: when(meeting),
        format: d.format.label(lang),
        status: d.status.label(lang),
        cancelled: d.status == MeetingStatus::Cancelled,
        series: series_name(data, meeting),
        series_id: meeting
            .data
            .series_id
            .map(praevnetz_domain::ids::MeetingSeriesId::get),
        venue: d
            .venue
            .name
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        venue_address: d
            .venue
            .address
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        municipality: d
            .venue
            .municipality_id
            .and_then(|m| data.atlas.municipality(m))
            .map(|m| (m.data.ags.to_string(), m.data.display_name().to_owned())),
        capacity: d.capacity.map(|c| c.to_string()).unwrap_or_default(),
        hosts: d
            .hosts
            .iter()
            .filter_map(|o| organisation_name(data, principal, *o))
            .collect(),
        description: d
            .description
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        minutes: d
            .minutes
            .as_ref()
            .map(|m| crate::practices::markdown(m.as_str()))
            .unwrap_or_default(),
        participants,
        counts,
        agenda,
        decisions: decisions.iter().map(|d| d.data.text.to_string()).collect(),
        actions,
        raised,
        proposed,
        planned: d.status == MeetingStatus::Planned,
        shared,
        next_position: agenda_items.len() + 1,
        impact,
        can_plan,
        invited,
        planning: can_plan.then(|| planning(ctx, principal, meeting)),
        pick,
        record,
    };
    if refused {
        render_invalid(&page)
    } else {
        render(&page)
    }
}

/// The topics raised at the meeting, and — for a planned meeting of a series — the series'
/// open topics not yet on its agenda, proposed for it; those the user may see.
fn topics_of(
    ctx: &Ctx,
    principal: &Principal,
    meeting: &Meeting,
    agenda: &[praevnetz_domain::meeting::AgendaItem],
    all: &[Topic],
) -> (Vec<TopicRow>, Vec<TopicRow>) {
    let data = &ctx.data;
    let row = |t: &Topic| TopicRow {
        id: t.id.get(),
        title: t.data.title.to_string(),
        status: t.data.status.label(ctx.lang),
        places: t
            .data
            .municipalities
            .iter()
            .filter_map(|m| data.atlas.municipality(*m))
            .map(|m| m.data.display_name().to_owned())
            .collect::<Vec<_>>()
            .join(", "),
    };
    let visible = |t: &&Topic| crate::topics::can_read_topic(principal, data, t);
    let raised = all
        .iter()
        .filter(|t| t.data.raised_at_id == Some(meeting.id))
        .filter(visible)
        .map(row)
        .collect();
    let proposed = match meeting.data.series_id {
        Some(series) if meeting.data.status == MeetingStatus::Planned => all
            .iter()
            .filter(|t| t.data.series_id == Some(series))
            .filter(|t| t.data.status != TopicStatus::Closed)
            .filter(|t| !agenda.iter().any(|a| a.data.topic_id == Some(t.id)))
            .filter(visible)
            .map(row)
            .collect(),
        _ => Vec::new(),
    };
    (raised, proposed)
}

/// The meeting as an iCalendar file: one event in UTC (so that it is right across changes of
/// daylight-saving time in any client), with the venue, the description and a link back.
pub(crate) fn calendar(
    meeting: &Meeting,
    place: &str,
    (base, link): (&str, &str),
    now: Timestamp,
) -> String {
    wrap(vec![event(meeting, place, (base, link), now)])
}

/// A calendar of `events`.
fn wrap(events: Vec<Event>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//praevnetz//Treffen//DE"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"));
    for e in events {
        calendar.push(e);
    }
    calendar.done().to_string()
}

/// The event of a meeting.
fn event(meeting: &Meeting, place: &str, (base, link): (&str, &str), now: Timestamp) -> Event {
    // UTC date-times in the form RFC 5545 §3.3.5 calls "form #2".
    let utc = |ts: Timestamp| ts.strftime("%Y%m%dT%H%M%SZ").to_string();
    let d = &meeting.data;
    let location = [
        d.venue.name.as_ref().map(ToString::to_string),
        d.venue.address.as_ref().map(ToString::to_string),
        Some(place.to_owned()).filter(|p| !p.is_empty()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let description = match &d.description {
        Some(text) => format!("{text}\n\n{link}"),
        None => link.to_owned(),
    };
    let mut event = Event::new();
    event
        // Unique across installations: the meeting's id at this server's address.
        .uid(&format!(
            "treffen-{}@{}",
            meeting.id,
            base.rsplit("://").next().unwrap_or(base)
        ))
        .add_property("DTSTAMP", utc(now))
        .summary(d.title.as_str())
        .add_property("DTSTART", utc(d.time.starts_at()))
        .add_property("DTEND", utc(d.time.ends_at()))
        .description(&description)
        .url(link)
        .status(match d.status {
            MeetingStatus::Cancelled => EventStatus::Cancelled,
            MeetingStatus::Planned | MeetingStatus::Held => EventStatus::Confirmed,
        });
    if !location.is_empty() {
        event.location(&location);
    }
    event.done()
}

async fn meeting_calendar(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let meeting = readable(data, principal, &raw)?;
    let base = public_base(&state, &headers);
    let link = format!("{base}/treffen/{}", meeting.id);
    let body = calendar(
        meeting,
        &place(data, meeting),
        (&base, &link),
        state.clock.now(),
    );
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"treffen-{}.ics\"",
        meeting.id
    )) {
        h.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// An open action item in the overview.
struct OpenAction {
    title: String,
    due_on: Option<jiff::civil::Date>,
    due: String,
    overdue: bool,
    status: String,
    meeting: Option<(MeetingId, String)>,
}

/// The open action items of one person or one municipality.
struct ActionGroup {
    href: String,
    name: String,
    overdue: usize,
    items: Vec<OpenAction>,
}

#[derive(Template)]
#[template(path = "meeting_actions.html")]
struct ActionsPage<'a> {
    c: Chrome<'a>,
    by_person: Vec<ActionGroup>,
    by_municipality: Vec<ActionGroup>,
    unowned: usize,
}

/// The open action items (open or in progress) of meetings the user may see, and those agreed
/// outside a meeting.
async fn visible_open_actions(
    state: &AppState,
    data: &Snapshot,
    principal: &Principal,
) -> Result<Vec<praevnetz_domain::meeting::ActionItem>, WebError> {
    use praevnetz_domain::meeting::ActionStatus;
    let mut items = Vec::new();
    for status in [ActionStatus::Open, ActionStatus::InProgress] {
        items.extend(
            state
                .store
                .action_items(&praevnetz_store::ActionItemFilter {
                    status: Some(status),
                    ..praevnetz_store::ActionItemFilter::default()
                })
                .await?,
        );
    }
    // Items of meetings the user may see; those agreed outside a meeting when the user may
    // read their owner.
    items.retain(|a| match a.data.meeting_id {
        Some(id) => data
            .meeting(id)
            .is_some_and(|m| can_read_meeting(principal, data, m)),
        None => a
            .data
            .owner_id
            .is_some_and(|o| can_read_person(principal, data, o)),
    });
    Ok(items)
}

/// The municipalities (AGS, name) of a person's organisations on `day`.
fn homes(data: &Snapshot, person: PersonId, day: jiff::civil::Date) -> Vec<(String, String)> {
    let mut homes: Vec<(String, String)> = data
        .memberships_of(person)
        .iter()
        .filter(|m| m.data.period.contains(day))
        .filter_map(|m| data.organisation(m.data.organisation_id))
        .filter_map(|o| match o.data.home {
            praevnetz_domain::actor::Home::Municipality(id) => data.atlas.municipality(id),
            _ => None,
        })
        .map(|m| (m.data.ags.to_string(), m.data.display_name().to_owned()))
        .collect();
    homes.sort();
    homes.dedup();
    homes
}

/// Open action items (open or in progress) the user may see — those of meetings they may see,
/// owned by persons they may read — by owner and by the owner's municipality (of their
/// organisations today), most overdue first.
async fn open_actions(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let today = state.clock.today();
    let items = visible_open_actions(&state, data, principal).await?;
    let meeting_of = |id: MeetingId| data.meeting(id);
    let unowned = items.iter().filter(|a| a.data.owner_id.is_none()).count();
    let mut by_person: std::collections::BTreeMap<
        PersonId,
        Vec<&praevnetz_domain::meeting::ActionItem>,
    > = std::collections::BTreeMap::new();
    for a in &items {
        if let Some(owner) = a
            .data
            .owner_id
            .filter(|o| can_read_person(principal, data, *o))
        {
            by_person.entry(owner).or_default().push(a);
        }
    }
    let open = |a: &praevnetz_domain::meeting::ActionItem| OpenAction {
        title: a.data.title.to_string(),
        due_on: a.data.due_on,
        due: a
            .data
            .due_on
            .map(crate::problems::format_date)
            .unwrap_or_default(),
        overdue: a.data.due_on.is_some_and(|d| d < today),
        status: a.data.status.label(lang),
        meeting: a
            .data
            .meeting_id
            .and_then(meeting_of)
            .map(|m| (m.id, m.data.title.to_string())),
    };
    let group = |href: String, name: String, list: &[&praevnetz_domain::meeting::ActionItem]| {
        let mut items: Vec<OpenAction> = list.iter().map(|a| open(a)).collect();
        // Overdue first, then by due date (the earliest first), those without one last.
        items.sort_by(|x, y| {
            y.overdue
                .cmp(&x.overdue)
                .then(x.due_on.is_none().cmp(&y.due_on.is_none()))
                .then(x.due_on.cmp(&y.due_on))
        });
        ActionGroup {
            href,
            name,
            overdue: items.iter().filter(|i| i.overdue).count(),
            items,
        }
    };
    let mut persons = Vec::new();
    let mut places: std::collections::BTreeMap<
        String,
        (String, Vec<&praevnetz_domain::meeting::ActionItem>),
    > = std::collections::BTreeMap::new();
    for (owner, list) in &by_person {
        let Some(person) = state.store.person(*owner).await? else {
            continue;
        };
        persons.push(group(
            format!("/personen/{owner}"),
            person.data.full_name(),
            list,
        ));
        for (ags, name) in homes(data, *owner, today) {
            places
                .entry(ags)
                .or_insert_with(|| (name, Vec::new()))
                .1
                .extend(list);
        }
    }
    let mut by_municipality: Vec<ActionGroup> = places
        .iter()
        .map(|(ags, (name, list))| group(format!("/kommunen/{ags}"), name.clone(), list))
        .collect();
    let order = |a: &ActionGroup, b: &ActionGroup| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.items.len().cmp(&a.items.len()))
            .then(a.name.cmp(&b.name))
    };
    persons.sort_by(order);
    by_municipality.sort_by(order);
    render(&ActionsPage {
        c: Chrome::new(&ctx, ctx.t("meetings-actions-title"), "/treffen"),
        by_person: persons,
        by_municipality,
        unowned,
    })
}

/// The network among the participants who attended (those the user may read), the day before
/// a held meeting and 3, 6 and 12 months later (days still to come left out): see
/// [`praevnetz_domain::network::impact`].
async fn impact(
    state: &AppState,
    ctx: &Ctx,
    meeting: &Meeting,
    attended: Vec<PersonId>,
) -> Result<Vec<ImpactRow>, WebError> {
    let day = local(meeting.data.time.starts_at()).date();
    if meeting.data.status != MeetingStatus::Held {
        return Ok(Vec::new());
    }
    let days = praevnetz_domain::network::impact::days(day, day, state.clock.today());
    impact_rows(state, ctx, attended, days).await
}

/// The rows of an effect table: the network among `attended` on `days`.
pub(crate) async fn impact_rows(
    state: &AppState,
    ctx: &Ctx,
    attended: Vec<PersonId>,
    days: Vec<(jiff::civil::Date, i32)>,
) -> Result<Vec<ImpactRow>, WebError> {
    if attended.len() < 2 || days.is_empty() {
        return Ok(Vec::new());
    }
    let records = crate::network::records(state, &ctx.data).await?;
    let data = ctx.data.clone();
    let points = state
        .analyse(move || {
            praevnetz_domain::network::impact::impact(records.with(&data), &attended, &days)
        })
        .await?;
    Ok(points
        .iter()
        .map(|p| {
            let label = if p.months == 0 {
                ctx.texts().format(
                    ctx.lang,
                    "meetings-impact-before",
                    &praevnetz_domain::i18n::Args::new()
                        .text("day", crate::problems::format_date(p.at)),
                )
            } else {
                ctx.texts().format(
                    ctx.lang,
                    "meetings-impact-after",
                    &praevnetz_domain::i18n::Args::new()
                        .number("months", f64::from(p.months))
                        .text("day", crate::problems::format_date(p.at)),
                )
            };
            ImpactRow {
                label,
                ties: p.ties,
                new: p.new_ties.map(|n| n.to_string()).unwrap_or_default(),
                across_pillars: p.across_pillars,
                across_places: p.across_municipalities,
                components: p.components,
            }
        })
        .collect())
}

// ------------------------------------------------------------------------ personal calendar

/// How far back the personal calendar reaches.
const FEED_PAST_DAYS: i64 = 365;

#[derive(Template)]
#[template(path = "calendar_feed.html")]
struct FeedPage<'a> {
    c: Chrome<'a>,
    since: String,
    address: String,
}

async fn feed_page(state: &AppState, ctx: &Ctx, address: String) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let since = state
        .store
        .calendar_feed_since(principal.user.id)
        .await?
        .map(|t| local(t).strftime("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_default();
    let mut response = render(&FeedPage {
        c: Chrome::new(ctx, ctx.t("feed-title"), "/konto/kalender"),
        since,
        address,
    })?;
    // The address is shown once; it must not stay in a cache.
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

async fn feed_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    feed_page(&state, &ctx, String::new()).await
}

/// Makes a new secret address (the old one stops working) and shows it once.
async fn feed_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let secret =
        crate::auth::token::random_token().map_err(|e| WebError::Internal(e.to_string()))?;
    state
        .store
        .set_calendar_feed(
            &crate::account::change(&state, &ctx),
            &crate::auth::token::session_key(&secret),
            principal.user.id,
        )
        .await?;
    let address = format!("{}/kalender/{secret}.ics", public_base(&state, &headers));
    feed_page(&state, &ctx, address).await
}

async fn feed_revoke(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    state
        .store
        .revoke_calendar_feed(&crate::account::change(&state, &ctx), principal.user.id)
        .await?;
    Ok(axum::response::Redirect::to("/konto/kalender").into_response())
}

/// The personal calendar at a secret address: the meetings of the last year and all coming
/// ones that the address's owner may see, for calendar programs (no login). An unknown or
/// revoked address, or one of an inactive account, is 404.
async fn feed_file(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let secret = file.strip_suffix(".ics").ok_or(WebError::NotFound)?;
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(WebError::NotFound);
    }
    let user = state
        .store
        .calendar_feed_user(&crate::auth::token::session_key(secret))
        .await?
        .ok_or(WebError::NotFound)?;
    let data = &ctx.data;
    let principal = Principal::new(user, &data.atlas);
    let now = state.clock.now();
    let from = now - jiff::SignedDuration::from_hours(24 * FEED_PAST_DAYS);
    let base = public_base(&state, &headers);
    let events = data
        .meetings
        .iter()
        .filter(|m| m.data.time.ends_at() >= from)
        .filter(|m| can_read_meeting(&principal, data, m))
        .map(|m| {
            let link = format!("{base}/treffen/{}", m.id);
            event(m, &place(data, m), (&base, &link), now)
        })
        .collect();
    let mut response = wrap(events).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

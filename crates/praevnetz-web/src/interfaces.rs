//! Gemeinsame Schnittstellen (`/schnittstellen`): the problem areas a set of municipalities
//! share — a network region, a district, or the municipalities of a meeting's participants —
//! how alike their problem profiles are, groups with similar profiles, and exchange
//! suggestions pairing an open problem with another municipality's practice and its contact
//! person ([`praevnetz_domain::shared`]).
//!
//! Only problems and practices the user may see count, and only areas the user may choose on
//! the network pages (viewers: inside their own area); a meeting's municipalities only when the
//! user may see the meeting.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Response;
use praevnetz_domain::ids::{ActorId, MeetingId, MunicipalityId};
use praevnetz_domain::meeting::{MeetingStatus, ParticipationStatus};
use praevnetz_domain::practice::Practice;
use praevnetz_domain::problem::Problem;
use praevnetz_domain::shared::interfaces;
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::Choice;
use crate::meetings::can_read_meeting;
use crate::network::{Area, area_choices, default_area};
use crate::page::{Chrome, render};
use crate::people::can_read_actor;
use crate::policy::Place;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

/// Municipalities shown in the similarity matrix at most (the most burdened).
const MATRIX: usize = 25;
/// Exchange suggestions listed at most.
const SUGGESTIONS: usize = 40;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/schnittstellen", Gate::LoggedIn, interfaces_show)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct InterfacesQuery {
    #[serde(default)]
    bereich: Option<String>,
    #[serde(default)]
    treffen: Option<String>,
}

/// A municipality's link.
struct Town {
    ags: String,
    name: String,
}

struct SharedRow {
    label: String,
    code: String,
    severity: u32,
    places: Vec<(Town, u32)>,
}

struct SuggestionRow {
    needs: Town,
    category: String,
    severity: u32,
    practice_id: i64,
    practice: String,
    offers: Town,
    contact: Option<(i64, String)>,
}

#[derive(Template)]
#[template(path = "interfaces.html")]
struct Page<'a> {
    c: Chrome<'a>,
    areas: Vec<Choice>,
    what: String,
    summary: String,
    shared: Vec<SharedRow>,
    groups: Vec<Vec<Town>>,
    matrix_heads: Vec<String>,
    matrix: Vec<(String, Vec<String>)>,
    matrix_note: bool,
    suggestions: Vec<SuggestionRow>,
    problems: Vec<&'static str>,
}

/// The municipalities of an area.
fn area_municipalities(data: &Snapshot, area: Area) -> Vec<MunicipalityId> {
    data.atlas
        .municipalities
        .iter()
        .filter(|m| area.holds(data, m.id))
        .map(|m| m.id)
        .collect()
}

/// The home municipalities of the organisations of a meeting's participants (on the day of
/// the meeting), the meeting's own venue included.
pub(crate) fn meeting_municipalities(
    data: &Snapshot,
    participants: &[praevnetz_domain::ids::PersonId],
    meeting: &praevnetz_domain::meeting::Meeting,
) -> Vec<MunicipalityId> {
    let day = praevnetz_domain::time::local(meeting.data.time.starts_at()).date();
    let mut out: Vec<MunicipalityId> = participants
        .iter()
        .flat_map(|p| data.memberships_of(*p))
        .filter(|m| m.data.period.contains(day))
        .filter_map(|m| data.organisation(m.data.organisation_id))
        .filter_map(|o| match o.data.home {
            praevnetz_domain::actor::Home::Municipality(id) => Some(id),
            _ => None,
        })
        .chain(meeting.data.venue.municipality_id)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[allow(
    clippy::too_many_lines,
    reason = "one section of the page after the other"
)]
async fn interfaces_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<InterfacesQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let mut problems = Vec::new();
    // The set: a meeting's, or an area's.
    let meeting = match query.treffen.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => {
            let found = raw.parse::<MeetingId>().ok().and_then(|id| {
                data.meeting(id)
                    .filter(|m| can_read_meeting(principal, data, m))
            });
            if found.is_none() {
                problems.push("interfaces-unknown-meeting");
            }
            found
        }
    };
    let asked = query.bereich.as_deref().map_or("", str::trim);
    let area = if asked.is_empty() {
        default_area(data, principal)
    } else {
        match Area::parse(asked, data) {
            Some(a) if a.readable(data, principal) => Some(a),
            _ => {
                problems.push("network-unknown-area");
                default_area(data, principal)
            }
        }
    };
    let (set, what) = if let Some(m) = meeting {
        // Those who attended a held meeting; those still coming to a planned one.
        let counts = |status: ParticipationStatus| match m.data.status {
            MeetingStatus::Held => status == ParticipationStatus::Attended,
            MeetingStatus::Planned | MeetingStatus::Cancelled => !matches!(
                status,
                ParticipationStatus::Excused | ParticipationStatus::Absent
            ),
        };
        let participants: Vec<_> = state
            .store
            .participations(Some(m.id), None)
            .await?
            .into_iter()
            .filter(|p| counts(p.data.status))
            .map(|p| p.data.person_id)
            .filter(|p| can_read_actor(principal, data, ActorId::Person(*p)))
            .collect();
        let set = meeting_municipalities(data, &participants, m);
        (
            set,
            ctx.texts().format(
                lang,
                "interfaces-of-meeting",
                &praevnetz_domain::i18n::Args::new().text("meeting", m.data.title.to_string()),
            ),
        )
    } else {
        match area {
            Some(a) => (area_municipalities(data, a), a.label(data, &ctx)),
            None => (Vec::new(), String::new()),
        }
    };
    // Only municipalities the user may read, and the problems and practices they may see.
    let set: Vec<MunicipalityId> = set
        .into_iter()
        .filter(|m| principal.can_read(Place::of_municipality(&data.atlas, *m)))
        .collect();
    let visible: Vec<&Problem> = data.visible_problems(principal).collect();
    let all_practices = state.store.practices(None, None).await?;
    let practices: Vec<&Practice> = all_practices
        .iter()
        .filter(|p| principal.can_read(Place::of_municipality(&data.atlas, p.data.municipality_id)))
        .collect();
    let result = interfaces(&set, &visible, &practices, 1);
    let place = |id: MunicipalityId| {
        data.atlas.municipality(id).map_or_else(
            || Town {
                ags: String::new(),
                name: String::new(),
            },
            |m| Town {
                ags: m.data.ags.to_string(),
                name: m.data.display_name().to_owned(),
            },
        )
    };
    let label =
        |code: &praevnetz_domain::problem::CategoryCode| data.category_label(code, lang).to_owned();
    let shared = result
        .shared
        .iter()
        .map(|s| SharedRow {
            label: label(&s.code),
            code: s.code.to_string(),
            severity: s.severity,
            places: s
                .municipalities
                .iter()
                .map(|(k, sev)| (place(set[*k]), *sev))
                .collect(),
        })
        .collect();
    let groups = result
        .groups
        .iter()
        .map(|g| g.iter().map(|k| place(set[*k])).collect())
        .collect();
    // The similarity of the most burdened municipalities.
    let load = |k: usize| -> u32 {
        result
            .shared
            .iter()
            .flat_map(|s| &s.municipalities)
            .filter(|(i, _)| *i == k)
            .map(|(_, s)| s)
            .sum()
    };
    let mut burdened: Vec<usize> = (0..set.len())
        .filter(|&k| result.similarity[k][k] > 0.0)
        .collect();
    let burdened_count = burdened.len();
    burdened.sort_by(|&a, &b| load(b).cmp(&load(a)).then(a.cmp(&b)));
    burdened.truncate(MATRIX);
    let matrix_heads = burdened.iter().map(|&k| place(set[k]).name).collect();
    let matrix = burdened
        .iter()
        .map(|&a| {
            (
                place(set[a]).name,
                burdened
                    .iter()
                    .map(|&b| format!("{:.2}", result.similarity[a][b]))
                    .collect(),
            )
        })
        .collect();
    let mut suggestions = Vec::new();
    for s in result.suggestions.iter().take(SUGGESTIONS) {
        let practice = practices.iter().find(|p| p.id == s.practice);
        let contact = match s.contact {
            Some(p) if can_read_actor(principal, data, ActorId::Person(p)) => state
                .store
                .person(p)
                .await?
                .map(|person| (p.get(), person.data.full_name())),
            _ => None,
        };
        suggestions.push(SuggestionRow {
            needs: place(set[s.needs]),
            category: label(&s.category),
            severity: s.severity,
            practice_id: s.practice.get(),
            practice: practice
                .map(|p| p.data.title.to_string())
                .unwrap_or_default(),
            offers: place(s.offers),
            contact,
        });
    }
    let current = area.map(|a| a.value(data)).unwrap_or_default();
    let mut areas = area_choices(data, &ctx, principal, area.unwrap_or(Area::All));
    for a in &mut areas {
        a.selected = meeting.is_none() && a.value == current;
    }
    render(&Page {
        c: Chrome::new(&ctx, ctx.t("interfaces-title"), "/schnittstellen"),
        areas,
        summary: ctx.texts().format(
            lang,
            "interfaces-summary",
            &praevnetz_domain::i18n::Args::new()
                .text("what", what.clone())
                .number("count", set.len() as f64)
                .number("burdened", burdened_count as f64),
        ),
        what,
        shared,
        groups,
        matrix_heads,
        matrix,
        matrix_note: burdened_count > MATRIX,
        suggestions,
        problems,
    })
}

//! Übersicht (`/`): the user's part of the network at a glance.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use jiff::Timestamp;
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::time::local;
use praevnetz_domain::user::Scope;
use praevnetz_store::AuditFilter;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::page::{Chrome, render};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;
use crate::territory::CountRow;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/", Gate::LoggedIn, overview_show)
}

struct MeetingRow {
    href: String,
    title: String,
    when: String,
    place: String,
}

struct ChangeRow {
    when: String,
    who: String,
    what: String,
}

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage<'a> {
    c: Chrome<'a>,
    scope: String,
    municipalities: usize,
    blocks: Vec<CountRow>,
    problems: Vec<CountRow>,
    open_problems: usize,
    meetings: Vec<MeetingRow>,
    changes: Vec<ChangeRow>,
    changes_heading: &'static str,
}

/// How the user's scope reads ("Flöha", "Chemnitz · Erzgebirge · Mittelsachsen").
pub(crate) fn scope_text(data: &Snapshot, principal: &Principal, lang: Lang) -> String {
    scopes_text(data, &principal.user.data.scopes, lang)
}

/// How a list of scopes reads: regions, districts and municipalities by name, or the whole
/// network when there are none.
pub(crate) fn scopes_text(data: &Snapshot, scopes: &[Scope], lang: Lang) -> String {
    let names: Vec<String> = scopes
        .iter()
        .filter_map(|scope| match *scope {
            Scope::Region(id) => data.atlas.region(id).map(|r| r.data.name.to_string()),
            Scope::District(id) => data.atlas.district(id).map(|d| d.data.display_name()),
            Scope::Municipality(id) => data
                .atlas
                .municipality(id)
                .map(|m| m.data.display_name().to_owned()),
        })
        .collect();
    if names.is_empty() {
        crate::i18n::texts()
            .get(lang, "overview-scope-network")
            .to_owned()
    } else {
        names.join(", ")
    }
}

async fn overview_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let readable: Vec<_> = crate::territory::readable_municipalities(data, principal).collect();
    let blocks = crate::territory::block_counts(data, &readable, "", lang);
    let (open_problems, problems) =
        crate::territory::open_problem_counts(data, principal, |_| true, Some(""), lang);
    let meetings = upcoming_meetings(data, principal, state.clock.now());
    let (changes, changes_heading) = recent_changes(&state, principal, lang).await?;
    render(&OverviewPage {
        c: Chrome::new(&ctx, ctx.t("overview-title"), "/"),
        scope: scope_text(data, principal, lang),
        municipalities: readable.len(),
        blocks,
        problems,
        open_problems,
        meetings,
        changes,
        changes_heading,
    })
}

/// The next five meetings the user may see.
fn upcoming_meetings(data: &Snapshot, principal: &Principal, now: Timestamp) -> Vec<MeetingRow> {
    data.meetings
        .iter()
        .filter(|m| m.data.time.starts_at() >= now)
        .filter(|m| crate::meetings::can_read_meeting(principal, data, m))
        .take(5)
        .map(|m| MeetingRow {
            href: format!("/treffen/{}", m.id),
            title: m.data.title.to_string(),
            when: local(m.data.time.starts_at())
                .strftime("%d.%m.%Y %H:%M")
                .to_string(),
            place: crate::meetings::place(data, m),
        })
        .collect()
}

/// The audit log tells names and titles; only administrators read all of it, everybody else
/// sees their own recent changes.
async fn recent_changes(
    state: &AppState,
    principal: &Principal,
    lang: Lang,
) -> Result<(Vec<ChangeRow>, &'static str), WebError> {
    let (user_filter, heading) = if principal.is_admin() {
        (None, "overview-changes-all")
    } else {
        (Some(principal.user.id), "overview-changes-own")
    };
    let changes = state
        .store
        .audit_events(&AuditFilter {
            user_id: user_filter,
            limit: 8,
            ..AuditFilter::default()
        })
        .await?
        .into_iter()
        .map(|event| ChangeRow {
            when: local(event.at).strftime("%d.%m.%Y %H:%M").to_string(),
            who: event
                .user_email
                .map_or_else(|| event.channel.label(lang), |e| e.to_string()),
            what: format!(
                "{} · {} · {}",
                event.action.label(lang),
                event.entity.label(lang),
                event.summary
            ),
        })
        .collect();
    Ok((changes, heading))
}

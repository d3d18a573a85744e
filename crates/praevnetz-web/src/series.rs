//! A meeting series (`/treffen/reihen/{id}`): its meetings with attendance, its open topics,
//! and what the whole series did to the network among everyone who attended one of its held
//! meetings ([`praevnetz_domain::network::impact`]), with each meeting's new working ties.
//!
//! Access: a series with a network region is seen by whoever reads one of its districts; one
//! without by everybody. Meetings, topics and attendees appear as on their own pages.

use std::collections::BTreeSet;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use praevnetz_domain::ids::{ActorId, MeetingSeriesId, PersonId};
use praevnetz_domain::meeting::{MeetingStatus, ParticipationStatus};
use praevnetz_domain::network::impact::{days, impact, series_days};
use praevnetz_domain::time::local;
use praevnetz_domain::topic::TopicStatus;
use praevnetz_store::TopicFilter;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::meetings::{ImpactRow, can_read_meeting, impact_rows, place, reads_series_region};
use crate::page::{Chrome, render};
use crate::people::can_read_actor;
use crate::routing::{Gate, Routes};
use crate::topics::can_read_topic;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/treffen/reihen/{id}", Gate::LoggedIn, series_show)
}

struct MeetingRow {
    id: i64,
    day: String,
    title: String,
    place: String,
    status: String,
    attended: usize,
    /// New working ties among its attendees within 12 months (or as far as time has passed).
    new_ties: String,
}

#[derive(Template)]
#[template(path = "meeting_series.html")]
struct Page<'a> {
    c: Chrome<'a>,
    description: String,
    region: Option<(String, String)>,
    meetings: Vec<MeetingRow>,
    topics: Vec<(i64, String, String)>,
    impact: Vec<ImpactRow>,
    attendees: usize,
}

/// A meeting of the series with those who attended (whom the user may read) and the new
/// working ties among them as far as time has passed (up to 12 months).
async fn meeting_row(
    state: &Arc<AppState>,
    ctx: &Ctx,
    principal: &crate::policy::Principal,
    m: &praevnetz_domain::meeting::Meeting,
    today: jiff::civil::Date,
) -> Result<(MeetingRow, Vec<PersonId>), WebError> {
    let data = ctx.data.clone();
    let attended: Vec<PersonId> = state
        .store
        .participations(Some(m.id), None)
        .await?
        .into_iter()
        .filter(|p| p.data.status == ParticipationStatus::Attended)
        .map(|p| p.data.person_id)
        .filter(|p| can_read_actor(principal, &data, ActorId::Person(*p)))
        .collect();
    let day = local(m.data.time.starts_at()).date();
    let mut new_ties = String::new();
    if m.data.status == MeetingStatus::Held {
        // The day before and the latest of 3, 6, 12 months already past.
        let mut span = days(day, day, today);
        if span.len() > 2 {
            span.drain(1..span.len() - 1);
        }
        let records = crate::network::records(state, &data).await?;
        let snapshot = data.clone();
        let who = attended.clone();
        let points = state
            .analyse(move || impact(records.with(&snapshot), &who, &span))
            .await?;
        if let Some(last) = points.last().filter(|p| p.months > 0) {
            new_ties = ctx.texts().format(
                ctx.lang,
                "series-new-ties",
                &praevnetz_domain::i18n::Args::new()
                    .number("count", last.new_ties.unwrap_or(0) as f64)
                    .number("months", f64::from(last.months)),
            );
        }
    }
    let row = MeetingRow {
        id: m.id.get(),
        day: crate::problems::format_date(day),
        title: m.data.title.to_string(),
        place: place(&data, m),
        status: m.data.status.label(ctx.lang),
        attended: attended.len(),
        new_ties,
    };
    Ok((row, attended))
}

async fn series_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = ctx.data.clone();
    let id: MeetingSeriesId = raw.parse().map_err(|_| WebError::NotFound)?;
    let series = data.series(id).ok_or(WebError::NotFound)?;
    if reads_series_region(principal, &data, Some(id)) == Some(false) {
        return Err(WebError::NotFound);
    }
    let today = state.clock.today();
    let meetings: Vec<_> = data
        .meetings
        .iter()
        .filter(|m| m.data.series_id == Some(id))
        .filter(|m| can_read_meeting(principal, &data, m))
        .collect();
    let mut rows = Vec::new();
    let mut everyone: BTreeSet<PersonId> = BTreeSet::new();
    let mut held_days = Vec::new();
    for m in &meetings {
        let (row, attended) = meeting_row(&state, &ctx, principal, m, today).await?;
        if m.data.status == MeetingStatus::Held {
            held_days.push(local(m.data.time.starts_at()).date());
            everyone.extend(attended);
        }
        rows.push(row);
    }
    let impact = impact_rows(
        &state,
        &ctx,
        everyone.iter().copied().collect(),
        series_days(&held_days, today),
    )
    .await?;
    let topics = state
        .store
        .topics(&TopicFilter {
            series: Some(id),
            ..TopicFilter::default()
        })
        .await?
        .into_iter()
        .filter(|t| t.data.status != TopicStatus::Closed)
        .filter(|t| can_read_topic(principal, &data, t))
        .map(|t| {
            (
                t.id.get(),
                t.data.title.to_string(),
                t.data.status.label(ctx.lang),
            )
        })
        .collect();
    let region = series
        .data
        .region_id
        .and_then(|r| data.atlas.regions.iter().find(|x| x.id == r))
        .map(|r| (r.data.slug.to_string(), r.data.name.to_string()));
    render(&Page {
        c: Chrome::new(&ctx, series.data.name.to_string(), "/treffen"),
        description: series
            .data
            .description
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        region,
        meetings: rows,
        topics,
        attendees: everyone.len(),
        impact,
    })
}

//! `praevnetz analyze --meeting ID` and `--series ID`: what a meeting, or a whole series, did to
//! the working ties among those who attended (docs/meetings.md, "Effect on the network").

use std::fmt::Write as _;

use jiff::civil::Date;
use praevnetz_domain::i18n::Args;
use praevnetz_domain::ids::{MeetingId, MeetingSeriesId, PersonId};
use praevnetz_domain::meeting::{Meeting, MeetingStatus, ParticipationStatus};
use praevnetz_domain::network::impact::{Point, days, impact, series_days};
use praevnetz_domain::time::{Clock as _, local};
use praevnetz_store::{MeetingFilter, Open, Store};
use serde::Serialize;

use super::analyze::Loaded;
use super::{Env, emit};
use crate::cli::Format;
use crate::messages;
use crate::report::UserError;

/// One meeting's effect.
#[derive(Serialize)]
struct MeetingEffect {
    id: i64,
    title: String,
    day: Date,
    status: &'static str,
    attended: usize,
    points: Vec<Point>,
}

/// A series' effect: all its held meetings together, and each of them.
#[derive(Serialize)]
struct SeriesEffect {
    id: i64,
    name: String,
    attended: usize,
    points: Vec<Point>,
    meetings: Vec<MeetingEffect>,
}

async fn attendees(store: &Store, meeting: &Meeting) -> anyhow::Result<Vec<PersonId>> {
    Ok(store
        .participations(Some(meeting.id), None)
        .await?
        .into_iter()
        .filter(|p| p.data.status == ParticipationStatus::Attended)
        .map(|p| p.data.person_id)
        .collect())
}

fn effect(loaded: &Loaded, meeting: &Meeting, attended: &[PersonId], today: Date) -> MeetingEffect {
    let day = local(meeting.data.time.starts_at()).date();
    let points = if meeting.data.status == MeetingStatus::Held {
        impact(loaded.records(), attended, &days(day, day, today))
    } else {
        Vec::new()
    };
    MeetingEffect {
        id: meeting.id.get(),
        title: meeting.data.title.to_string(),
        day,
        status: meeting.data.status.code(),
        attended: attended.len(),
        points,
    }
}

fn unknown(env: &Env, id: &str, key: i64) -> anyhow::Error {
    anyhow::Error::new(UserError {
        message: messages::text_with(env.lang, id, &Args::new().text("id", key.to_string())),
    })
}

/// `analyze --meeting ID`.
pub async fn meeting(env: &Env, id: i64) -> anyhow::Result<()> {
    let store = env.store(Open::MustExist).await?;
    let found = store.meeting(MeetingId::new(id)).await?;
    let Some(meeting) = found else {
        store.close().await;
        return Err(unknown(env, "cli-impact-unknown-meeting", id));
    };
    let attended = attendees(&store, &meeting).await?;
    let loaded = Loaded::read(&store).await?;
    store.close().await;
    let result = effect(&loaded, &meeting, &attended, env.clock.today());
    if env.format == Format::Json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&result)?))
    } else {
        let mut out = messages::text_with(
            env.lang,
            "cli-impact-meeting",
            &Args::new()
                .text("title", result.title.clone())
                .text("day", result.day.to_string())
                .number("attended", result.attended as f64),
        );
        out.push('\n');
        table(env, &mut out, &result.points);
        emit(&out)
    }
}

/// `analyze --series ID`.
pub async fn series(env: &Env, id: i64) -> anyhow::Result<()> {
    let store = env.store(Open::MustExist).await?;
    let found = store.meeting_series(MeetingSeriesId::new(id)).await?;
    let Some(series) = found else {
        store.close().await;
        return Err(unknown(env, "cli-impact-unknown-series", id));
    };
    let meetings = store
        .meetings(&MeetingFilter {
            series: Some(series.id),
            ..MeetingFilter::default()
        })
        .await?;
    let mut lists = Vec::new();
    for m in &meetings {
        lists.push(attendees(&store, m).await?);
    }
    let loaded = Loaded::read(&store).await?;
    store.close().await;
    let today = env.clock.today();
    let mut everyone: Vec<PersonId> = Vec::new();
    let mut held = Vec::new();
    let mut effects = Vec::new();
    for (m, attended) in meetings.iter().zip(&lists) {
        if m.data.status == MeetingStatus::Held {
            held.push(local(m.data.time.starts_at()).date());
            everyone.extend(attended.iter().copied());
        }
        effects.push(effect(&loaded, m, attended, today));
    }
    everyone.sort_unstable();
    everyone.dedup();
    let points = impact(loaded.records(), &everyone, &series_days(&held, today));
    let result = SeriesEffect {
        id: series.id.get(),
        name: series.data.name.to_string(),
        attended: everyone.len(),
        points,
        meetings: effects,
    };
    if env.format == Format::Json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&result)?))
    } else {
        let mut out = messages::text_with(
            env.lang,
            "cli-impact-series",
            &Args::new()
                .text("name", result.name.clone())
                .number("meetings", result.meetings.len() as f64)
                .number("attended", result.attended as f64),
        );
        out.push('\n');
        table(env, &mut out, &result.points);
        for m in &result.meetings {
            let _ = writeln!(out, "\n{} ({}, {}):", m.title, m.day, m.attended);
            table(env, &mut out, &m.points);
        }
        emit(&out)
    }
}

/// The points as an aligned table, or a line saying it is too early.
fn table(env: &Env, out: &mut String, points: &[Point]) {
    if points.is_empty() {
        let _ = writeln!(out, "{}", messages::text(env.lang, "cli-impact-too-early"));
        return;
    }
    let _ = writeln!(out, "{}", messages::text(env.lang, "cli-impact-columns"));
    for p in points {
        let _ = writeln!(
            out,
            "{:<12} {:>6} {:>6} {:>6} {:>8} {:>8} {:>6}",
            p.at.to_string(),
            p.months,
            p.ties,
            p.new_ties.map(|n| n.to_string()).unwrap_or_default(),
            p.across_pillars,
            p.across_municipalities,
            p.components
        );
    }
}

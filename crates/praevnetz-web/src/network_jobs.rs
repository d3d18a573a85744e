//! Exact betweenness in the background. Above the server's limit
//! ([`crate::WebSettings::exact_limit`]) `/netzwerk` estimates betweenness from sampled
//! shortest paths and says so; a user who may change data (not a viewer) can then start the
//! exact computation for that area, level and day. It runs on a blocking thread with half the
//! machine's cores, so the server keeps answering; its page shows the progress (searches done
//! of all, time taken, time left) and, when it is done, `/netzwerk` shows the exact values for
//! the same choice as long as the data have not changed since.
//!
//! One computation runs at a time; a second request for the same choice leads to the running
//! one, a request for another choice is told to wait (409). The last [`KEPT`] computations are
//! kept in memory; a restart forgets them. Who may see one: whoever may see its area's network
//! (the same rule as `/netzwerk`); who may stop one: who started it, and administrators.

use std::sync::{Arc, Mutex, PoisonError, Weak};

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use jiff::Timestamp;
use jiff::civil::Date;
use praevnetz_domain::i18n::Args;
use praevnetz_domain::ids::UserId;
use praevnetz_domain::network::analysis::{Exactness, path_size};
use praevnetz_domain::network::stored::{Level, Selection, network};
use praevnetz_domain::user::Role;
use praevnetz_graph::centrality::{Progress, Threads, betweenness_watched};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::auth::token;
use crate::context::Ctx;
use crate::error::WebError;
use crate::network::{
    Area, level_label, level_of, level_value, meeting_ties_of, meeting_ties_param, records,
};
use crate::page::{Chrome, render};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

/// Computations kept (running or finished).
const KEPT: usize = 20;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post("/netzwerk/berechnung", Gate::LoggedIn, job_start)
        .get("/netzwerk/berechnung/{token}", Gate::LoggedIn, job_show)
        .get(
            "/netzwerk/berechnung/{token}/stand",
            Gate::LoggedIn,
            job_state,
        )
        .post(
            "/netzwerk/berechnung/{token}/abbrechen",
            Gate::LoggedIn,
            job_stop,
        )
}

/// How a computation ended, or that it has not.
#[derive(Clone, Debug)]
enum Outcome {
    Running,
    Done {
        values: Arc<Vec<f64>>,
        at: Timestamp,
    },
    /// Stopped by a user, replaced by a computation on newer data, or failed.
    Stopped {
        at: Timestamp,
    },
}

/// One exact computation.
#[derive(Debug)]
pub(crate) struct Job {
    /// The unguessable key in its address.
    token: String,
    /// The area as in `/netzwerk?bereich=`.
    area: String,
    level: Level,
    day: Date,
    /// Whether ties of kind "met at meeting" count.
    meeting_ties: bool,
    by: UserId,
    started: Timestamp,
    nodes: usize,
    edges: usize,
    /// The data it was computed on; its values count only while they are current.
    snapshot: Weak<Snapshot>,
    progress: Progress,
    outcome: Mutex<Outcome>,
}

impl Job {
    fn outcome(&self) -> Outcome {
        self.outcome
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Ends the computation with `outcome` unless it has ended already: whichever of
    /// finishing and stopping comes first stays.
    fn settle(&self, outcome: Outcome) {
        let mut current = self.outcome.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(*current, Outcome::Running) {
            *current = outcome;
        }
    }

    /// Asks the computation to stop and marks it stopped (unless it has just finished).
    fn stop(&self, at: Timestamp) {
        self.progress.stop();
        self.settle(Outcome::Stopped { at });
    }

    fn on(&self, data: &Arc<Snapshot>) -> bool {
        std::ptr::eq(self.snapshot.as_ptr(), Arc::as_ptr(data))
    }

    fn same(&self, area: &str, level: Level, day: Date, meeting_ties: bool) -> bool {
        self.area == area
            && self.level == level
            && self.day == day
            && self.meeting_ties == meeting_ties
    }

    pub(crate) fn href(&self) -> String {
        format!("/netzwerk/berechnung/{}", self.token)
    }

    /// Per cent of the searches done.
    pub(crate) fn percent(&self) -> u64 {
        let total = self.nodes.max(1) as u64;
        (self.progress.done() as u64 * 100) / total
    }
}

/// The computations of this server.
#[derive(Debug, Default)]
pub(crate) struct Jobs {
    list: Mutex<Vec<Arc<Job>>>,
}

impl Jobs {
    fn all(&self) -> Vec<Arc<Job>> {
        self.list
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn by_token(&self, token: &str) -> Option<Arc<Job>> {
        self.all()
            .into_iter()
            .find(|j| token::same(&j.token, token))
    }

    /// The computation for this choice on the current data, running or done.
    pub(crate) fn for_choice(
        &self,
        data: &Arc<Snapshot>,
        area: &str,
        level: Level,
        day: Date,
        meeting_ties: bool,
    ) -> Option<Arc<Job>> {
        self.all().into_iter().rev().find(|j| {
            j.on(data)
                && j.same(area, level, day, meeting_ties)
                && !matches!(j.outcome(), Outcome::Stopped { .. })
        })
    }

    /// The exact betweenness for this choice on the current data, if computed.
    pub(crate) fn exact(
        &self,
        data: &Arc<Snapshot>,
        area: &str,
        level: Level,
        day: Date,
        meeting_ties: bool,
    ) -> Option<Arc<Vec<f64>>> {
        match self
            .for_choice(data, area, level, day, meeting_ties)?
            .outcome()
        {
            Outcome::Done { values, .. } => Some(values),
            _ => None,
        }
    }

    fn running(&self) -> Option<Arc<Job>> {
        self.all()
            .into_iter()
            .find(|j| matches!(j.outcome(), Outcome::Running))
    }

    /// Adds `job` unless another computation runs on the same data (that one is returned);
    /// one running on older data is stopped for it. Checked and added under one lock, so two
    /// requests at once cannot both start.
    fn try_add(&self, job: Arc<Job>, now: Timestamp) -> Result<(), Arc<Job>> {
        let mut list = self.list.lock().unwrap_or_else(PoisonError::into_inner);
        for other in list.iter() {
            if matches!(other.outcome(), Outcome::Running) {
                if std::ptr::eq(other.snapshot.as_ptr(), job.snapshot.as_ptr()) {
                    return Err(other.clone());
                }
                // Its values could never be shown: the data have changed since it began.
                other.stop(now);
            }
        }
        Self::push(&mut list, job);
        Ok(())
    }

    #[cfg(test)]
    fn add(&self, job: Arc<Job>) {
        let mut list = self.list.lock().unwrap_or_else(PoisonError::into_inner);
        Self::push(&mut list, job);
    }

    /// Appends `job`, dropping the oldest ended computation when the list is full.
    fn push(list: &mut Vec<Arc<Job>>, job: Arc<Job>) {
        if list.len() >= KEPT
            && let Some(oldest) = list
                .iter()
                .position(|j| !matches!(j.outcome(), Outcome::Running))
        {
            list.remove(oldest);
        }
        list.push(job);
    }
}

/// Threads for a computation: half the cores, so that the server keeps answering.
fn job_threads() -> Threads {
    Threads::new(Threads::available().get() / 2)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct StartForm {
    #[serde(default)]
    bereich: String,
    #[serde(default)]
    ebene: String,
    #[serde(default)]
    stichtag: String,
    /// `ohne` to leave out ties of kind "met at meeting".
    #[serde(default)]
    treffen: String,
}

/// The network page of a choice.
fn network_href(area: &str, level: Level, day: Date, meeting_ties: bool) -> String {
    format!(
        "/netzwerk?bereich={area}&ebene={}&stichtag={day}{}",
        level_value(level),
        meeting_ties_param(meeting_ties)
    )
}

/// A job the user may see, or 404.
fn visible(state: &AppState, ctx: &Ctx, raw: &str) -> Result<Arc<Job>, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let job = state.jobs.by_token(raw).ok_or(WebError::NotFound)?;
    match Area::parse(&job.area, &ctx.data) {
        Some(area) if area.readable(&ctx.data, principal) => Ok(job),
        _ => Err(WebError::NotFound),
    }
}

async fn job_start(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<StartForm>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    if principal.role() == Role::Viewer {
        return Err(WebError::Forbidden);
    }
    let data = &ctx.data;
    let area = Area::parse(form.bereich.trim(), data)
        .filter(|a| a.readable(data, principal))
        .ok_or(WebError::NotFound)?;
    let level = level_of(form.ebene.trim()).ok_or(WebError::BadRequest)?;
    let day = praevnetz_domain::time::parse_date(form.stichtag.trim())
        .map_err(|_| WebError::BadRequest)?;
    let meeting_ties = meeting_ties_of(&form.treffen).ok_or(WebError::BadRequest)?;
    let key = area.value(data);
    if let Some(job) = state.jobs.for_choice(data, &key, level, day, meeting_ties) {
        return Ok(Redirect::to(&job.href()).into_response());
    }
    let read = records(&state, data).await?;
    let net = network(
        read.with(data),
        &Selection {
            scope: area.scope(data),
            level,
            at: day,
            meeting_ties,
        },
    );
    let paths = net.graph.unweighted();
    if !Exactness::Above(state.settings.exact_limit).estimates(path_size(&paths)) {
        // The page computes this network exactly already.
        return Ok(Redirect::to(&network_href(&key, level, day, meeting_ties)).into_response());
    }
    if let Some(running) = state.jobs.running().filter(|j| j.on(data)) {
        // Checked again when it is added; this spares building the network in vain.
        return Err(WebError::Busy(running.percent()));
    }
    let job = Arc::new(Job {
        token: token::random_token().map_err(|e| WebError::Internal(e.to_string()))?,
        area: key,
        level,
        day,
        meeting_ties,
        by: principal.user.id,
        started: state.clock.now(),
        nodes: net.nodes.len(),
        edges: net.edges.len(),
        snapshot: Arc::downgrade(data),
        progress: Progress::default(),
        outcome: Mutex::new(Outcome::Running),
    });
    if let Err(running) = state.jobs.try_add(job.clone(), state.clock.now()) {
        if running.same(&job.area, level, day, meeting_ties) {
            return Ok(Redirect::to(&running.href()).into_response());
        }
        return Err(WebError::Busy(running.percent()));
    }
    let worker = job.clone();
    let clock = state.clock.clone();
    tracing::info!(area = %job.area, level = level.code(), %day, nodes = job.nodes, "exact betweenness started");
    let watcher = job.clone();
    let watch_clock = state.clock.clone();
    let computation = tokio::task::spawn_blocking(move || {
        let outcome = match betweenness_watched(&paths, job_threads(), &worker.progress) {
            Some(values) => Outcome::Done {
                values: Arc::new(values),
                at: clock.now(),
            },
            None => Outcome::Stopped { at: clock.now() },
        };
        tracing::info!(area = %worker.area, done = matches!(outcome, Outcome::Done { .. }), "exact betweenness ended");
        worker.settle(outcome);
    });
    // A computation that fails must not hold the place of the running one forever.
    tokio::spawn(async move {
        if let Err(error) = computation.await {
            tracing::error!(%error, "exact betweenness failed");
            watcher.settle(Outcome::Stopped {
                at: watch_clock.now(),
            });
        }
    });
    Ok(Redirect::to(&job.href()).into_response())
}

#[derive(Template)]
#[template(path = "network_job.html")]
struct JobPage<'a> {
    c: Chrome<'a>,
    token: String,
    what: String,
    status: &'static str,
    running: bool,
    finished: String,
    done: usize,
    total: usize,
    progress: String,
    network_href: String,
    stale: bool,
    can_stop: bool,
}

/// The searches done, the time taken and the time left, as a sentence.
fn progress_text(ctx: &Ctx, job: &Job, now: Timestamp) -> String {
    // One search per node; the count is known before the computation starts.
    let (done, total) = (job.progress.done(), job.nodes);
    let end = match job.outcome() {
        Outcome::Running => now,
        Outcome::Done { at, .. } | Outcome::Stopped { at } => at,
    };
    let seconds = end.duration_since(job.started).as_secs().max(0);
    let args = Args::new()
        .number("done", done as f64)
        .number("total", total as f64)
        .number("percent", job.percent() as f64)
        .number("seconds", seconds as f64);
    if matches!(job.outcome(), Outcome::Running) && done > 0 && done < total {
        let left = seconds as f64 / done as f64 * (total - done) as f64;
        ctx.texts().format(
            ctx.lang,
            "job-progress-left",
            &args.number("left", left.round()),
        )
    } else {
        ctx.texts().format(ctx.lang, "job-progress", &args)
    }
}

fn can_stop(principal: &Principal, job: &Job) -> bool {
    principal.is_admin() || principal.user.id == job.by
}

async fn job_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let job = visible(&state, &ctx, &raw)?;
    let data = &ctx.data;
    let area = Area::parse(&job.area, data)
        .map(|a| a.label(data, &ctx))
        .unwrap_or_default();
    let level = level_label(job.level);
    let (status, running, finished) = match job.outcome() {
        Outcome::Running => ("job-running", true, String::new()),
        Outcome::Done { at, .. } => (
            "job-done",
            false,
            praevnetz_domain::time::local(at)
                .strftime("%d.%m.%Y %H:%M")
                .to_string(),
        ),
        Outcome::Stopped { .. } => ("job-stopped", false, String::new()),
    };
    let mut what = ctx.texts().format(
        ctx.lang,
        "job-what",
        &Args::new()
            .text("area", area)
            .text("level", ctx.t(level))
            .text("day", crate::problems::format_date(job.day))
            .number("nodes", job.nodes as f64)
            .number("edges", job.edges as f64),
    );
    if !job.meeting_ties {
        what.push(' ');
        what.push_str(ctx.t("network-meeting-ties-left-out"));
    }
    render(&JobPage {
        c: Chrome::new(&ctx, ctx.t("job-title"), "/netzwerk"),
        token: job.token.clone(),
        what,
        status,
        running,
        finished,
        done: job.progress.done(),
        total: job.nodes,
        progress: progress_text(&ctx, &job, state.clock.now()),
        network_href: network_href(&job.area, job.level, job.day, job.meeting_ties),
        stale: !job.on(data),
        can_stop: running && can_stop(principal, &job),
    })
}

/// The state of a computation for the page's script.
#[derive(Serialize)]
struct JobState {
    state: &'static str,
    done: usize,
    total: usize,
    text: String,
}

async fn job_state(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let job = visible(&state, &ctx, &raw)?;
    let name = match job.outcome() {
        Outcome::Running => "running",
        Outcome::Done { .. } => "done",
        Outcome::Stopped { .. } => "stopped",
    };
    Ok((
        StatusCode::OK,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(JobState {
            state: name,
            done: job.progress.done(),
            total: job.nodes,
            text: progress_text(&ctx, &job, state.clock.now()),
        }),
    )
        .into_response())
}

async fn job_stop(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let job = visible(&state, &ctx, &raw)?;
    if !can_stop(principal, &job) {
        return Err(WebError::Forbidden);
    }
    job.stop(state.clock.now());
    tracing::info!(area = %job.area, "exact betweenness stopped by a user");
    Ok(Redirect::to(&job.href()).into_response())
}

/// The form that starts the exact computation for a choice, or the link to the one under
/// way, for the network page.
pub(crate) struct Offer {
    /// The running or finished computation, if any.
    pub(crate) job: Option<(String, u64, bool)>,
    /// Whether the user may start one.
    pub(crate) may_start: bool,
}

/// What the network page offers for an estimated choice.
pub(crate) fn offer(
    state: &AppState,
    ctx: &Ctx,
    principal: &Principal,
    area: &str,
    level: Level,
    day: Date,
    meeting_ties: bool,
) -> Offer {
    let job = state
        .jobs
        .for_choice(&ctx.data, area, level, day, meeting_ties)
        .map(|j| {
            (
                j.href(),
                j.percent(),
                matches!(j.outcome(), Outcome::Running),
            )
        });
    Offer {
        job,
        may_start: principal.role() != Role::Viewer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(area: &str, outcome: Outcome) -> Arc<Job> {
        Arc::new(Job {
            token: format!("t-{area}"),
            area: area.to_owned(),
            level: Level::Person,
            day: jiff::civil::date(2026, 6, 1),
            meeting_ties: true,
            by: UserId::new(1),
            started: Timestamp::UNIX_EPOCH,
            nodes: 3,
            edges: 2,
            snapshot: Weak::new(),
            progress: Progress::default(),
            outcome: Mutex::new(outcome),
        })
    }

    #[test]
    fn the_oldest_finished_computation_makes_room_and_running_ones_stay() {
        let jobs = Jobs::default();
        jobs.add(job("running", Outcome::Running));
        for k in 1..KEPT + 5 {
            jobs.add(job(
                &format!("a{k}"),
                Outcome::Stopped {
                    at: Timestamp::UNIX_EPOCH,
                },
            ));
        }
        let all = jobs.all();
        assert_eq!(all.len(), KEPT);
        assert_eq!(all[0].area, "running");
        assert_eq!(all[KEPT - 1].area, format!("a{}", KEPT + 4));
        assert!(jobs.running().is_some());
        assert!(jobs.by_token("t-running").is_some());
        assert!(jobs.by_token("t-nothing").is_none());
    }

    #[test]
    fn only_one_computation_runs_on_the_same_data_and_older_ones_give_way() {
        let jobs = Jobs::default();
        let first = job("region:x", Outcome::Running);
        assert!(jobs.try_add(first.clone(), Timestamp::UNIX_EPOCH).is_ok());
        // Another one on the same data (here: both on no data) is refused with the running one.
        let refused = jobs.try_add(job("region:y", Outcome::Running), Timestamp::UNIX_EPOCH);
        assert!(refused.is_err_and(|running| running.area == "region:x"));
        assert_eq!(jobs.all().len(), 1);
        // One on other data stops the first, whose values could not be shown any more.
        let data = Arc::new(Snapshot::default());
        let mut newer = job("region:z", Outcome::Running);
        Arc::get_mut(&mut newer).unwrap().snapshot = Arc::downgrade(&data);
        assert!(jobs.try_add(newer, Timestamp::UNIX_EPOCH).is_ok());
        assert!(first.progress.stopped());
        assert!(matches!(first.outcome(), Outcome::Stopped { .. }));
        assert_eq!(
            jobs.running().map(|j| j.area.clone()).as_deref(),
            Some("region:z")
        );
    }

    #[test]
    fn finishing_and_stopping_whichever_comes_first_stays() {
        let done = || Outcome::Done {
            values: Arc::new(vec![0.5]),
            at: Timestamp::UNIX_EPOCH,
        };
        let finished = job("a", Outcome::Running);
        finished.settle(done());
        finished.stop(Timestamp::UNIX_EPOCH);
        assert!(matches!(finished.outcome(), Outcome::Done { .. }));
        let stopped = job("b", Outcome::Running);
        stopped.stop(Timestamp::UNIX_EPOCH);
        stopped.settle(done());
        assert!(matches!(stopped.outcome(), Outcome::Stopped { .. }));
        assert!(stopped.progress.stopped());
    }
}

//! Runder Tisch (`/netzwerk/runder-tisch`): who should sit together on a municipality's
//! problem ([`praevnetz_domain::roundtable`]). Asked for a municipality and a problem category,
//! or for a recorded problem the user may see; the proposal names each seat's reasons and up
//! to three alternatives, with links that exclude a seat or swap in an alternative.
//!
//! Access: every logged-in user for the municipalities they may read. Only persons the user
//! may read are proposed (viewers: those of their own area); the network measures behind the
//! reasons are computed on the whole network, and only counts of it are shown.

use std::collections::BTreeSet;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Response;
use jiff::civil::Date;
use praevnetz_domain::i18n::{Args, Localize};
use praevnetz_domain::ids::{PersonId, ProblemId};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::roundtable::{
    DEFAULT_SEATS, Gap, Loads, Recommendation, Request, RoundTableError, TableNetwork, loads,
    recommend,
};
use praevnetz_domain::territory::Municipality;
use praevnetz_store::ActionItemFilter;
use serde::Deserialize;

use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::network::NetworkRecords;
use crate::page::{Chrome, render, render_invalid};
use crate::people::can_read_person;
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new().get("/netzwerk/runder-tisch", Gate::LoggedIn, table_show)
}

/// What a round table is computed from on a day: the whole network and everyone's load.
#[derive(Debug)]
pub(crate) struct Prepared {
    net: TableNetwork,
    loads: Loads,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TableQuery {
    #[serde(default)]
    gemeinde: Option<String>,
    #[serde(default)]
    kategorie: Option<String>,
    #[serde(default)]
    problem: Option<String>,
    #[serde(default)]
    plaetze: Option<String>,
    #[serde(default)]
    mit: Option<String>,
    #[serde(default)]
    ohne: Option<String>,
    #[serde(default)]
    stichtag: Option<String>,
}

fn text(value: Option<&String>) -> &str {
    value.map_or("", |s| s.trim())
}

/// A municipality option, grouped by district.
struct Town {
    ags: String,
    name: String,
    selected: bool,
}

struct Category {
    code: String,
    label: String,
    selected: bool,
}

struct Alternative {
    person_id: i64,
    name: String,
    organisation: String,
    roles_lost: String,
    loss: String,
    swap: String,
}

struct SeatRow {
    person_id: i64,
    name: String,
    organisation: Option<(i64, String)>,
    pillar: String,
    roles: String,
    reasons: Vec<String>,
    alternatives: Vec<Alternative>,
    exclude: String,
}

struct Outcome {
    heading: String,
    seats: Vec<SeatRow>,
    gaps: Vec<String>,
    objective: String,
    weights: Vec<(String, String)>,
    included: Vec<(i64, String, String)>,
    excluded: Vec<(i64, String, String)>,
}

#[derive(Template)]
#[template(path = "roundtable.html")]
struct Page<'a> {
    c: Chrome<'a>,
    towns: Vec<(String, Vec<Town>)>,
    categories: Vec<Category>,
    seats: String,
    day: String,
    problem: Option<(i64, String)>,
    mit: String,
    ohne: String,
    errors: Vec<String>,
    outcome: Option<Outcome>,
}

/// What was asked, read from the query; the messages of what could not be read.
struct Asked {
    problem: Option<ProblemId>,
    ags: String,
    category: String,
    seats: usize,
    include: Vec<PersonId>,
    exclude: Vec<PersonId>,
    day: Date,
    errors: Vec<String>,
}

fn ids(raw: &str, ctx: &Ctx, errors: &mut Vec<String>) -> Vec<PersonId> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter_map(|s| {
            let id = s.parse::<PersonId>().ok();
            if id.is_none() {
                errors.push(ctx.texts().format(
                    ctx.lang,
                    "table-bad-person",
                    &Args::new().text("found", s.to_owned()),
                ));
            }
            id
        })
        .collect()
}

impl Asked {
    fn of(query: &TableQuery, ctx: &Ctx, today: Date) -> Asked {
        let mut errors = Vec::new();
        let seats = match text(query.plaetze.as_ref()) {
            "" => DEFAULT_SEATS,
            raw => raw.parse().unwrap_or_else(|_| {
                errors.push(ctx.texts().format(
                    ctx.lang,
                    "table-bad-seats",
                    &Args::new().text("found", raw.to_owned()),
                ));
                DEFAULT_SEATS
            }),
        };
        let day = match text(query.stichtag.as_ref()) {
            "" => today,
            raw => praevnetz_domain::time::parse_date(raw).unwrap_or_else(|_| {
                errors.push(ctx.texts().format(
                    ctx.lang,
                    "table-bad-day",
                    &Args::new().text("found", raw.to_owned()),
                ));
                today
            }),
        };
        let problem = match text(query.problem.as_ref()) {
            "" => None,
            raw => {
                let id = raw.parse::<ProblemId>().ok();
                if id.is_none() {
                    errors.push(ctx.t("table-unknown-problem").to_owned());
                }
                id
            }
        };
        let include = ids(text(query.mit.as_ref()), ctx, &mut errors);
        let exclude = ids(text(query.ohne.as_ref()), ctx, &mut errors);
        Asked {
            problem,
            ags: text(query.gemeinde.as_ref()).to_owned(),
            category: text(query.kategorie.as_ref()).to_uppercase(),
            seats,
            include,
            exclude,
            day,
            errors,
        }
    }

    /// A recorded problem names municipality and category: its title and responsible actors
    /// if the user may see it.
    fn resolve_problem(
        &mut self,
        ctx: &Ctx,
        data: &Snapshot,
        principal: &Principal,
    ) -> (Option<(i64, String)>, Vec<praevnetz_domain::ids::ActorId>) {
        let Some(id) = self.problem else {
            return (None, Vec::new());
        };
        let Some(p) = data.visible_problems(principal).find(|p| p.id == id) else {
            self.errors.push(ctx.t("table-unknown-problem").to_owned());
            return (None, Vec::new());
        };
        if let Some(m) = data.atlas.municipality(p.data.municipality_id) {
            self.ags = m.data.ags.to_string();
        }
        self.category = p.data.category.to_string();
        (
            Some((id.get(), p.data.title.to_string())),
            p.data.responsible.clone(),
        )
    }

    /// The page's address with these include and exclude lists.
    fn href(&self, include: &[PersonId], exclude: &[PersonId]) -> String {
        let list = |ids: &[PersonId]| {
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let what = match self.problem {
            Some(id) => format!("problem={id}"),
            None => format!("gemeinde={}&kategorie={}", self.ags, self.category),
        };
        format!(
            "/netzwerk/runder-tisch?{what}&plaetze={}&stichtag={}&mit={}&ohne={}",
            self.seats,
            self.day,
            list(include),
            list(exclude)
        )
    }
}

/// The municipalities the user may ask about, by district.
fn town_choices(data: &Snapshot, principal: &Principal, chosen: &str) -> Vec<(String, Vec<Town>)> {
    data.atlas
        .districts
        .iter()
        .map(|d| {
            let towns: Vec<Town> = data
                .atlas
                .municipalities
                .iter()
                .filter(|m| m.district_id == d.id)
                .filter(|m| principal.can_read(Place::Municipality(m.id, m.district_id)))
                .map(|m| Town {
                    ags: m.data.ags.to_string(),
                    name: m.data.display_name().to_owned(),
                    selected: m.data.ags.as_str() == chosen,
                })
                .collect();
            (d.data.display_name(), towns)
        })
        .filter(|(_, towns)| !towns.is_empty())
        .collect()
}

/// The network and loads of a day, computed once per snapshot and day.
async fn prepared(
    state: &Arc<AppState>,
    data: &Arc<Snapshot>,
    records: Arc<NetworkRecords>,
    day: Date,
) -> Result<Arc<Prepared>, WebError> {
    if let Some(kept) = data.round_tables.get(&day) {
        return Ok(kept);
    }
    let seats = state.store.body_members(None, None).await?;
    let actions = state
        .store
        .action_items(&ActionItemFilter::default())
        .await?;
    let participations = state.store.participations(None, None).await?;
    let snapshot = data.clone();
    let made = state
        .analyse(move || {
            let net = TableNetwork::new(records.with(&snapshot), day);
            let loads = loads(&seats, &actions, &snapshot.meetings, &participations, day);
            Arc::new(Prepared { net, loads })
        })
        .await?;
    data.round_tables.insert(day, made.clone());
    Ok(made)
}

async fn table_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<TableQuery>,
) -> Result<Response, WebError> {
    let principal = ctx.principal().ok_or(WebError::SessionEnded)?;
    let data = ctx.data.clone();
    let mut asked = Asked::of(&query, &ctx, state.clock.today());
    let (problem_title, responsible) = asked.resolve_problem(&ctx, &data, principal);
    let started = !asked.ags.is_empty() || !asked.category.is_empty() || asked.problem.is_some();
    let municipality: Option<&Municipality> = data
        .atlas
        .municipalities
        .iter()
        .find(|m| m.data.ags.as_str() == asked.ags)
        .filter(|m| principal.can_read(Place::Municipality(m.id, m.district_id)));
    if started && municipality.is_none() && asked.problem.is_none() {
        asked
            .errors
            .push(ctx.t("table-choose-municipality").to_owned());
    }
    let category = CategoryCode::parse(&asked.category)
        .ok()
        .filter(|c| data.categories.iter().any(|k| &k.code == c));
    if started && category.is_none() && asked.problem.is_none() {
        asked.errors.push(ctx.t("table-choose-category").to_owned());
    }
    let records = crate::network::records(&state, &data).await?;
    for id in asked.include.iter().chain(&asked.exclude) {
        let known = records.persons().iter().any(|p| p.id == *id);
        if !known || !can_read_person(principal, &data, *id) {
            // Unknown and unreadable alike, so that nothing leaks.
            asked
                .errors
                .push(RoundTableError::UnknownPerson { id: id.get() }.localize(ctx.lang));
        }
    }
    let mut outcome = None;
    if let (true, Some(m), Some(code)) = (asked.errors.is_empty(), municipality, &category) {
        match state.store.round_table_template(code).await? {
            None => asked.errors.push(
                RoundTableError::NoTemplate {
                    category: code.to_string(),
                }
                .localize(ctx.lang),
            ),
            Some(template) => {
                let request = Request {
                    municipality: m.id,
                    template,
                    seats: asked.seats,
                    include: asked.include.clone(),
                    exclude: asked.exclude.clone(),
                    responsible,
                    eligible: None,
                };
                match propose(&state, &ctx, principal, records.clone(), request, asked.day).await? {
                    Ok(r) => {
                        let names = Names(records.persons());
                        outcome = Some(describe(&ctx, &data, &names, &asked, &r, m, code));
                    }
                    Err(e) => asked.errors.push(e.localize(ctx.lang)),
                }
            }
        }
    }
    let page = Page {
        c: Chrome::new(&ctx, ctx.t("table-title"), "/netzwerk"),
        towns: town_choices(&data, principal, &asked.ags),
        categories: data
            .categories
            .iter()
            .map(|c| Category {
                code: c.code.to_string(),
                label: c.label(ctx.lang).to_owned(),
                selected: c.code.as_str() == asked.category,
            })
            .collect(),
        seats: asked.seats.to_string(),
        day: asked.day.to_string(),
        problem: problem_title,
        mit: join(&asked.include),
        ohne: join(&asked.exclude),
        errors: asked.errors,
        outcome,
    };
    if page.errors.is_empty() {
        render(&page)
    } else {
        render_invalid(&page)
    }
}

fn join(ids: &[PersonId]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The proposal, from persons the user may read.
async fn propose(
    state: &Arc<AppState>,
    ctx: &Ctx,
    principal: &Principal,
    records: Arc<NetworkRecords>,
    mut request: Request,
    day: Date,
) -> Result<Result<Recommendation, RoundTableError>, WebError> {
    let data = ctx.data.clone();
    let prepared = prepared(state, &data, records.clone(), day).await?;
    if !principal.reads_everywhere() {
        let readable: BTreeSet<PersonId> = records
            .persons()
            .iter()
            .map(|p| p.id)
            .filter(|p| can_read_person(principal, &data, *p))
            .collect();
        request.eligible = Some(readable);
    }
    state
        .analyse(move || {
            recommend(
                records.with(&data),
                &prepared.net,
                &prepared.loads,
                &request,
            )
        })
        .await
}

/// The objective's summary and its weights as the page shows them.
fn objective_texts(
    ctx: &Ctx,
    o: &praevnetz_domain::roundtable::Objective,
) -> (String, Vec<(String, String)>) {
    let objective = o.localize(ctx.lang);
    let w = o.weights;
    let weights = [
        ("table-weight-roles", w.roles),
        ("table-weight-local", w.local),
        ("table-weight-pillars", w.pillars),
        ("table-weight-proximity", w.proximity),
        ("table-weight-influence", w.influence),
        ("table-weight-brokerage", w.brokerage),
        ("table-weight-connectivity", w.connectivity),
        ("table-weight-load", -w.load),
    ]
    .into_iter()
    .map(|(id, v)| (ctx.t(id).to_owned(), format!("{v:+}")))
    .collect();
    (objective, weights)
}

/// Persons' names.
struct Names<'a>(&'a [praevnetz_domain::actor::Person]);

impl Names<'_> {
    fn of(&self, id: PersonId) -> String {
        self.0
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_string(), |p| p.data.full_name())
    }
}

/// The proposal as the page shows it.
fn describe(
    ctx: &Ctx,
    data: &Snapshot,
    names: &Names<'_>,
    asked: &Asked,
    r: &Recommendation,
    municipality: &Municipality,
    code: &CategoryCode,
) -> Outcome {
    let lang = ctx.lang;
    let roles = |list: &[praevnetz_domain::roundtable::TableRole]| {
        list.iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let with = |add: Option<PersonId>, drop: PersonId| {
        let include: Vec<PersonId> = asked
            .include
            .iter()
            .copied()
            .filter(|p| *p != drop)
            .chain(add)
            .collect();
        let mut exclude = asked.exclude.clone();
        exclude.push(drop);
        asked.href(&include, &exclude)
    };
    let seats = r
        .seats
        .iter()
        .map(|seat| {
            let s = &seat.sitter;
            SeatRow {
                person_id: s.person_id.get(),
                name: s.name.clone(),
                organisation: s
                    .organisation_id
                    .zip(s.organisation.clone())
                    .map(|(id, name)| (id.get(), name)),
                pillar: s.pillar.map(|p| p.label(lang)).unwrap_or_default(),
                roles: roles(&s.roles),
                reasons: seat.reasons.iter().map(|x| x.localize(lang)).collect(),
                alternatives: seat
                    .alternatives
                    .iter()
                    .map(|a| Alternative {
                        person_id: a.sitter.person_id.get(),
                        name: a.sitter.name.clone(),
                        organisation: a.sitter.organisation.clone().unwrap_or_default(),
                        roles_lost: roles(&a.roles_lost),
                        loss: format!("{:.1}", a.loss),
                        swap: with(Some(a.sitter.person_id), s.person_id),
                    })
                    .collect(),
                exclude: with(None, s.person_id),
            }
        })
        .collect();
    let gaps = r
        .uncovered_roles
        .iter()
        .map(|g| {
            ctx.texts().format(
                lang,
                match g.gap {
                    Gap::NoneInNetwork => "table-gap-none",
                    Gap::NoSeatLeft => "table-gap-seat",
                },
                &Args::new().text("role", g.role.label(lang)),
            )
        })
        .collect();
    let (objective, weights) = objective_texts(ctx, &r.objective);
    let person = |id: &PersonId, keep_in: bool| {
        let name = names.of(*id);
        let (include, exclude): (Vec<PersonId>, Vec<PersonId>) = if keep_in {
            (
                asked.include.iter().copied().filter(|p| p != id).collect(),
                asked.exclude.clone(),
            )
        } else {
            (
                asked.include.clone(),
                asked.exclude.iter().copied().filter(|p| p != id).collect(),
            )
        };
        (id.get(), name, asked.href(&include, &exclude))
    };
    Outcome {
        heading: ctx.texts().format(
            lang,
            "table-heading",
            &Args::new()
                .text("category", data.category_label(code, lang).to_owned())
                .text("municipality", municipality.data.display_name().to_owned()),
        ),
        seats,
        gaps,
        objective,
        weights,
        included: asked.include.iter().map(|p| person(p, true)).collect(),
        excluded: asked.exclude.iter().map(|p| person(p, false)).collect(),
    }
}

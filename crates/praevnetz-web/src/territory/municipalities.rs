//! Kommunen: the list of municipalities with filters and search (`/kommunen`), and a
//! municipality's page (`/kommunen/{ags}`): its actors by pillar with the pillar-coverage
//! check, bodies and their members, problems, practices, milestones and meetings.

use std::collections::HashSet;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use praevnetz_domain::actor::Pillar;
use praevnetz_domain::coverage::Coverage;
use praevnetz_domain::i18n::Args;
use praevnetz_domain::ids::{MunicipalityId, PersonId};
use praevnetz_domain::number::{format_count, format_decimal, format_euro_cents};
use praevnetz_domain::problem::{CategoryCode, ProblemStatus};
use praevnetz_domain::programme::MilestoneKind;
use praevnetz_domain::territory::{Ags, Municipality};
use praevnetz_domain::text::sort_key;
use praevnetz_domain::time::local;
use serde::Deserialize;

use super::facts::{self, Tie};
use super::{MunicipalityRow, municipality_row, open_problems_by_municipality, place_of};
use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, code_choices};
use crate::page::{Chrome, render};
use crate::people::{Pager, date_text, page_number, page_slice, period_text};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/kommunen", Gate::LoggedIn, municipality_list)
        .get("/kommunen/{ags}", Gate::LoggedIn, municipality_show)
}

fn principal(ctx: &Ctx) -> Result<&Principal, WebError> {
    ctx.principal().ok_or(WebError::SessionEnded)
}

// ---------------------------------------------------------------------------------- list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    kreis: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    baustein: Option<String>,
    #[serde(default)]
    kategorie: Option<String>,
    #[serde(default)]
    seite: Option<String>,
}

#[derive(Template)]
#[template(path = "municipality_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    q: String,
    districts: Vec<Choice>,
    regions: Vec<Choice>,
    blocks: Vec<Choice>,
    categories: Vec<Choice>,
    rows: Vec<MunicipalityRow>,
    pager: Pager,
    /// A filter value that names nothing (shown as a notice; the list is then empty).
    unknown_filter: bool,
}

/// A filter: not given, given and known, or given but naming nothing.
pub(crate) enum Filter<T> {
    Off,
    On(T),
    Unknown,
}

impl<T> Filter<T> {
    pub(crate) fn of(raw: &str, resolve: impl FnOnce(&str) -> Option<T>) -> Filter<T> {
        if raw.is_empty() {
            Filter::Off
        } else {
            resolve(raw).map_or(Filter::Unknown, Filter::On)
        }
    }

    pub(crate) fn accepts(&self, test: impl FnOnce(&T) -> bool) -> bool {
        match self {
            Filter::Off => true,
            Filter::On(value) => test(value),
            Filter::Unknown => false,
        }
    }

    pub(crate) fn is_unknown(&self) -> bool {
        matches!(self, Filter::Unknown)
    }
}

async fn municipality_list(
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let text = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_owned();
    let (q, kreis, region, baustein, kategorie) = (
        text(&query.q),
        text(&query.kreis),
        text(&query.region),
        text(&query.baustein),
        text(&query.kategorie),
    );
    let district = Filter::of(&kreis, |raw| data.atlas.district_by_ags(raw).map(|d| d.id));
    let region_filter = Filter::of(&region, |raw| {
        data.atlas
            .region_by_slug(raw)
            .map(|r| data.atlas.region_districts(r.id).to_vec())
    });
    let block = Filter::of(&baustein, MilestoneKind::from_code);
    let category = Filter::of(&kategorie, |raw| CategoryCode::parse(raw).ok());
    let with_category: HashSet<MunicipalityId> = match &category {
        Filter::On(code) => data
            .visible_problems(principal)
            .filter(|p| &p.data.category == code && p.data.status != ProblemStatus::Resolved)
            .map(|p| p.data.municipality_id)
            .collect(),
        _ => HashSet::new(),
    };
    let needle = sort_key(&q);
    let open = open_problems_by_municipality(data, principal);
    let matching: Vec<&Municipality> = super::readable_municipalities(data, principal)
        .filter(|m| district.accepts(|d| m.district_id == *d))
        .filter(|m| region_filter.accepts(|ds| ds.contains(&m.district_id)))
        .filter(|m| block.accepts(|k| data.reached(m.id, *k)))
        .filter(|m| category.accepts(|_| with_category.contains(&m.id)))
        .filter(|m| {
            needle.is_empty()
                || sort_key(m.data.name.as_str()).contains(&needle)
                || m.data.ags.as_str().starts_with(q.as_str())
        })
        .collect();
    let page = page_number(query.seite.as_deref().unwrap_or(""));
    let pager = Pager::new(
        "/kommunen",
        &[
            ("q", &q),
            ("kreis", &kreis),
            ("region", &region),
            ("baustein", &baustein),
            ("kategorie", &kategorie),
        ],
        page,
        matching.len() as u64,
    );
    let rows = page_slice(matching, page)
        .into_iter()
        .map(|m| municipality_row(data, m, open.get(&m.id).copied().unwrap_or(0), lang))
        .collect();
    let unknown_filter = district.is_unknown()
        || region_filter.is_unknown()
        || block.is_unknown()
        || category.is_unknown();
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("territory-municipalities-title"), "/kommunen"),
        districts: district_choices(data, principal, &kreis),
        regions: region_choices(data, principal, &region),
        blocks: code_choices(MilestoneKind::ALL, lang, &baustein),
        categories: category_choices(data, lang, &kategorie),
        q,
        rows,
        pager,
        unknown_filter,
    })
}

/// The districts the user may read, for a filter.
pub(crate) fn district_choices(
    data: &Snapshot,
    principal: &Principal,
    current: &str,
) -> Vec<Choice> {
    data.atlas
        .districts
        .iter()
        .filter(|d| super::can_read_district(principal, d))
        .map(|d| Choice::new(d.data.ags.as_str(), d.data.display_name(), current))
        .collect()
}

/// The regions the user may read, for a filter.
pub(crate) fn region_choices(data: &Snapshot, principal: &Principal, current: &str) -> Vec<Choice> {
    data.atlas
        .regions
        .iter()
        .filter(|r| super::can_read_region(data, principal, r))
        .map(|r| Choice::new(r.data.slug.as_str(), r.data.name.as_str(), current))
        .collect()
}

/// The problem categories, for a filter.
pub(crate) fn category_choices(
    data: &Snapshot,
    lang: praevnetz_domain::i18n::Lang,
    current: &str,
) -> Vec<Choice> {
    data.categories
        .iter()
        .map(|c| Choice::new(c.code.as_str(), data.category_label(&c.code, lang), current))
        .collect()
}

// ---------------------------------------------------------------------------------- show

/// One pillar in the coverage check.
struct PillarRow {
    label: String,
    organisations: usize,
    contacts: usize,
    /// Empty when covered, else what is missing.
    gap: String,
}

struct ContactRow {
    person_id: i64,
    name: String,
    function: String,
}

struct OrganisationRow {
    id: i64,
    name: String,
    kind: String,
    /// "zuständig für das Gebiet" and the like; empty for organisations at home here.
    tie: &'static str,
    /// Other pillars it also counts for.
    secondary: String,
    contacts: Vec<ContactRow>,
}

struct PillarSection {
    id: &'static str,
    label: String,
    organisations: Vec<OrganisationRow>,
}

struct SeatRow {
    person_id: i64,
    name: String,
    role: String,
    organisation: String,
    period: String,
    current: bool,
}

struct BodyRow {
    name: String,
    kind: String,
    /// The body it belongs to, if any.
    parent: String,
    period: String,
    description: String,
    seats: Vec<SeatRow>,
}

struct ProblemRow {
    id: i64,
    title: String,
    category: String,
    severity: u8,
    status: String,
    visibility: String,
}

struct LinkRow {
    href: String,
    label: String,
    detail: String,
}

struct MilestoneRow {
    date: String,
    iso: String,
    label: String,
    detail: String,
}

struct MeetingRow {
    title: String,
    when: String,
    place: String,
    upcoming: bool,
}

#[derive(Template)]
#[template(path = "municipality_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    ags: String,
    official_name: String,
    district: String,
    district_ags: String,
    regions: Vec<LinkRow>,
    population: String,
    location: String,
    coverage: Vec<PillarRow>,
    gaps: Vec<String>,
    pillars: Vec<PillarSection>,
    bodies: Vec<BodyRow>,
    problems: Vec<ProblemRow>,
    practices: Vec<LinkRow>,
    milestones: Vec<MilestoneRow>,
    meetings: Vec<MeetingRow>,
    can_edit: bool,
}

/// The municipality of `raw` if the user may read it; 404 otherwise.
fn readable<'a>(
    data: &'a Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<&'a Municipality, WebError> {
    let ags = Ags::parse(raw).map_err(|_| WebError::NotFound)?;
    data.atlas
        .municipality_by_ags(&ags)
        .filter(|m| principal.can_read(place_of(m)))
        .ok_or(WebError::NotFound)
}

fn pillar_anchor(pillar: Pillar) -> &'static str {
    match pillar {
        Pillar::StatePolice => "saeule-polizei",
        Pillar::Civic => "saeule-engagement",
        Pillar::Municipality => "saeule-kommune",
        Pillar::Support => "saeule-unterstuetzung",
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one page of many sections, each a few lines of mapping"
)]
async fn municipality_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let t = ctx.texts();
    let m = readable(data, principal, &raw)?;
    let today = state.clock.today();
    let facts = facts::load(&state.store, data, m, today).await?;
    let district = data.atlas.district(m.district_id);

    // Actors by pillar, and the coverage check over the same organisations.
    let readable_orgs: Vec<&facts::WorkingOrganisation> = facts
        .organisations
        .iter()
        .filter(|w| principal.can_read(crate::people::organisation_place(data, &w.organisation)))
        .collect();
    let contact_ids: Vec<Vec<PersonId>> = readable_orgs
        .iter()
        .map(|w| w.contacts.iter().map(|c| c.person_id).collect())
        .collect();
    let coverage = Coverage::of(
        readable_orgs
            .iter()
            .zip(&contact_ids)
            .map(|(w, ids)| (w.organisation.id, &w.organisation.data.pillars, &ids[..])),
    );
    let gaps = coverage.gaps();
    let coverage_rows = coverage
        .pillars()
        .iter()
        .map(|p| PillarRow {
            label: p.pillar.label(lang),
            organisations: p.organisations.len(),
            contacts: p.contacts.len(),
            gap: gaps
                .iter()
                .find(|g| g.pillar() == p.pillar)
                .map(|g| g.text(lang))
                .unwrap_or_default(),
        })
        .collect();
    let pillars = Pillar::ALL
        .iter()
        .map(|&pillar| PillarSection {
            id: pillar_anchor(pillar),
            label: pillar.label(lang),
            organisations: readable_orgs
                .iter()
                .filter(|w| w.organisation.data.pillars.primary() == pillar)
                .map(|w| {
                    let o = &w.organisation.data;
                    OrganisationRow {
                        id: w.organisation.id.get(),
                        name: o.name.to_string(),
                        kind: o.kind.label(lang),
                        tie: match w.tie {
                            Tie::Home => "",
                            Tie::Responsible => "territory-tie-responsible",
                            Tie::District => "territory-tie-district",
                        },
                        secondary: o
                            .pillars
                            .secondary()
                            .iter()
                            .map(|p| p.label(lang))
                            .collect::<Vec<_>>()
                            .join(", "),
                        contacts: w
                            .contacts
                            .iter()
                            .map(|c| ContactRow {
                                person_id: c.person_id.get(),
                                name: c.name.clone(),
                                function: c.function.clone(),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();

    let body_names: Vec<(i64, String)> = facts
        .bodies
        .iter()
        .map(|b| (b.body.id.get(), b.body.data.name.to_string()))
        .collect();
    let bodies = facts
        .bodies
        .iter()
        .map(|b| BodyRow {
            name: b.body.data.name.to_string(),
            kind: b.body.data.kind.label(lang),
            parent: b
                .body
                .data
                .parent_id
                .and_then(|p| body_names.iter().find(|(id, _)| *id == p.get()))
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
            period: period_text(b.body.data.period, lang),
            description: b
                .body
                .data
                .description
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            seats: b
                .seats
                .iter()
                .map(|s| SeatRow {
                    person_id: s.person_id.get(),
                    name: s.name.clone(),
                    role: s.role.label(lang),
                    organisation: s
                        .organisation_id
                        .and_then(|o| data.organisation(o))
                        .map(|o| o.data.name.to_string())
                        .unwrap_or_default(),
                    period: period_text(s.period, lang),
                    current: s.period.contains(today),
                })
                .collect(),
        })
        .collect();

    let mut problems: Vec<_> = data
        .visible_problems(principal)
        .filter(|p| p.data.municipality_id == m.id)
        .collect();
    problems.sort_by(|a, b| {
        (a.data.status == ProblemStatus::Resolved)
            .cmp(&(b.data.status == ProblemStatus::Resolved))
            .then(b.data.severity.cmp(&a.data.severity))
            .then_with(|| a.data.title.as_str().cmp(b.data.title.as_str()))
    });
    let problems = problems
        .into_iter()
        .map(|p| ProblemRow {
            id: p.id.get(),
            title: p.data.title.to_string(),
            category: data.category_label(&p.data.category, lang).to_owned(),
            severity: p.data.severity.get(),
            status: p.data.status.label(lang),
            visibility: p.data.visibility.label(lang),
        })
        .collect();

    let practices = facts
        .practices
        .iter()
        .map(|p| LinkRow {
            href: format!("/praxis/{}", p.id),
            label: p.data.title.to_string(),
            detail: p
                .data
                .categories
                .iter()
                .map(|c| data.category_label(c, lang))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();

    let mut milestones: Vec<_> = data.milestones.get(&m.id).into_iter().flatten().collect();
    milestones.sort_by_key(|ms| (ms.data.achieved_on(), ms.data.kind()));
    let milestones = milestones
        .into_iter()
        .map(|ms| {
            let mut detail: Vec<String> = Vec::new();
            if let Some(context) = ms.data.context() {
                detail.push(context.to_string());
            }
            if let Some(funding) = ms.data.funding() {
                detail.push(format_euro_cents(funding.amount_cents, lang));
                if let Some(purpose) = &funding.purpose {
                    detail.push(purpose.to_string());
                }
            }
            if let Some(note) = ms.data.note() {
                detail.push(note.to_string());
            }
            MilestoneRow {
                date: date_text(Some(ms.data.achieved_on())),
                iso: ms.data.achieved_on().to_string(),
                label: ms.data.kind().label(lang),
                detail: detail.join(" · "),
            }
        })
        .collect();

    let home_orgs: HashSet<_> = facts
        .organisations
        .iter()
        .map(|w| w.organisation.id)
        .collect();
    let now = state.clock.now();
    let meetings = data
        .meetings
        .iter()
        .filter(|meeting| {
            meeting.data.venue.municipality_id == Some(m.id)
                || meeting.data.hosts.iter().any(|h| home_orgs.contains(h))
        })
        .map(|meeting| MeetingRow {
            title: meeting.data.title.to_string(),
            when: local(meeting.data.time.starts_at())
                .strftime("%d.%m.%Y %H:%M")
                .to_string(),
            place: meeting
                .data
                .venue
                .municipality_id
                .and_then(|id| data.atlas.municipality(id))
                .map(|v| v.data.display_name().to_owned())
                .or_else(|| meeting.data.venue.name.as_ref().map(ToString::to_string))
                .unwrap_or_default(),
            upcoming: meeting.data.time.starts_at() >= now,
        })
        .collect();

    let population = m
        .data
        .seat_population
        .map(|p| format_count(p, lang))
        .unwrap_or_default();
    let location = m
        .data
        .location
        .map(|p| {
            t.format(
                lang,
                "territory-location-value",
                &Args::new()
                    .text("lat", format_decimal(p.lat(), 4, lang))
                    .text("lon", format_decimal(p.lon(), 4, lang)),
            )
        })
        .unwrap_or_default();
    render(&ShowPage {
        c: Chrome::new(&ctx, m.data.display_name(), "/kommunen"),
        ags: m.data.ags.as_str().to_owned(),
        official_name: m.data.name.to_string(),
        district: district.map(|d| d.data.display_name()).unwrap_or_default(),
        district_ags: district
            .map(|d| d.data.ags.as_str().to_owned())
            .unwrap_or_default(),
        regions: data
            .atlas
            .regions_of(m.district_id)
            .map(|r| LinkRow {
                href: format!("/regionen/{}", r.data.slug.as_str()),
                label: r.data.name.to_string(),
                detail: String::new(),
            })
            .collect(),
        population,
        location,
        coverage: coverage_rows,
        gaps: gaps.iter().map(|g| g.text(lang)).collect(),
        pillars,
        bodies,
        problems,
        practices,
        milestones,
        meetings,
        can_edit: principal.can_edit(place_of(m)),
    })
}

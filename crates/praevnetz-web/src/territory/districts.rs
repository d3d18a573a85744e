//! Kreise: the districts (`/kreise`) and a district's page (`/kreise/{ags}`) summarising its
//! municipalities, with the organisations at home at district level.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use praevnetz_domain::actor::Home;
use praevnetz_domain::territory::{District, DistrictAgs};

use super::{Summary, can_read_district, count_text, summary};
use crate::AppState;
use crate::context::Ctx;
use crate::error::WebError;
use crate::page::{Chrome, render};
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/kreise", Gate::LoggedIn, district_list)
        .get("/kreise/{ags}", Gate::LoggedIn, district_show)
}

fn principal(ctx: &Ctx) -> Result<&Principal, WebError> {
    ctx.principal().ok_or(WebError::SessionEnded)
}

struct DistrictRow {
    ags: String,
    name: String,
    kind: String,
    population: String,
    municipalities: usize,
    councils: usize,
    open_problems: usize,
}

#[derive(Template)]
#[template(path = "district_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    rows: Vec<DistrictRow>,
}

async fn district_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let today = state.clock.today();
    let data = &ctx.data;
    let lang = ctx.lang;
    let open = super::open_problems_by_municipality(data, principal);
    let rows = data
        .atlas
        .districts
        .iter()
        .filter(|d| can_read_district(principal, d))
        .map(|d| {
            let municipalities: Vec<_> = super::readable_municipalities(data, principal)
                .filter(|m| m.district_id == d.id)
                .collect();
            DistrictRow {
                ags: d.data.ags.as_str().to_owned(),
                name: d.data.display_name(),
                kind: d.data.kind.label(lang),
                population: count_text(d.data.population, lang),
                municipalities: municipalities.len(),
                councils: municipalities
                    .iter()
                    .filter(|m| data.has_council(m.id, today))
                    .count(),
                open_problems: municipalities
                    .iter()
                    .map(|m| open.get(&m.id).copied().unwrap_or(0))
                    .sum(),
            }
        })
        .collect();
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("territory-districts-title"), "/kreise"),
        rows,
    })
}

struct OrganisationRow {
    id: i64,
    name: String,
    kind: String,
    pillar: String,
}

#[derive(Template)]
#[template(path = "district_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    ags: String,
    kind: String,
    population: String,
    area: String,
    regions: Vec<(String, String)>,
    organisations: Vec<OrganisationRow>,
    s: Summary,
}

/// The district of `raw` if the user may read it; 404 otherwise.
fn readable<'a>(
    data: &'a Snapshot,
    principal: &Principal,
    raw: &str,
) -> Result<&'a District, WebError> {
    let ags = DistrictAgs::parse(raw).map_err(|_| WebError::NotFound)?;
    data.atlas
        .districts
        .iter()
        .find(|d| d.data.ags == ags)
        .filter(|d| can_read_district(principal, d))
        .ok_or(WebError::NotFound)
}

async fn district_show(
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let d = readable(data, principal, &raw)?;
    let ags = d.data.ags.as_str().to_owned();
    let query = format!("&kreis={ags}");
    let s = summary(
        data,
        principal,
        |m| m.district_id == d.id,
        &query,
        Some(&query),
        lang,
    );
    let organisations = data
        .organisations
        .iter()
        .filter(|o| o.data.home == Home::District(d.id))
        .filter(|_| principal.can_read(Place::District(d.id)))
        .map(|o| OrganisationRow {
            id: o.id.get(),
            name: o.data.name.to_string(),
            kind: o.data.kind.label(lang),
            pillar: o.data.pillars.primary().label(lang),
        })
        .collect();
    render(&ShowPage {
        c: Chrome::new(&ctx, d.data.display_name(), "/kreise"),
        kind: d.data.kind.label(lang),
        population: count_text(d.data.population, lang),
        area: d
            .data
            .area_km2
            .map(|a| praevnetz_domain::number::format_decimal(a, 2, lang))
            .unwrap_or_default(),
        regions: data
            .atlas
            .regions_of(d.id)
            .map(|r| (r.data.slug.as_str().to_owned(), r.data.name.to_string()))
            .collect(),
        organisations,
        ags,
        s,
    })
}

//! Regionen: the network regions (`/regionen`) and a region's page (`/regionen/{slug}`)
//! summarising its districts and municipalities.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::Path;
use axum::response::Response;
use praevnetz_domain::territory::Region;

use super::{Summary, can_read_district, can_read_region, summary};
use crate::context::Ctx;
use crate::error::WebError;
use crate::page::{Chrome, render};
use crate::policy::Principal;
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/regionen", Gate::LoggedIn, region_list)
        .get("/regionen/{slug}", Gate::LoggedIn, region_show)
}

fn principal(ctx: &Ctx) -> Result<&Principal, WebError> {
    ctx.principal().ok_or(WebError::SessionEnded)
}

/// A district as a link: AGS and name.
struct DistrictLink {
    ags: String,
    name: String,
}

struct RegionRow {
    slug: String,
    name: String,
    description: String,
    districts: Vec<DistrictLink>,
    municipalities: usize,
}

#[derive(Template)]
#[template(path = "region_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    rows: Vec<RegionRow>,
}

fn district_links(data: &Snapshot, principal: &Principal, region: &Region) -> Vec<DistrictLink> {
    data.atlas
        .region_districts(region.id)
        .iter()
        .filter_map(|&id| data.atlas.district(id))
        .filter(|d| can_read_district(principal, d))
        .map(|d| DistrictLink {
            ags: d.data.ags.as_str().to_owned(),
            name: d.data.display_name(),
        })
        .collect()
}

async fn region_list(Extension(ctx): Extension<Arc<Ctx>>) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let rows = data
        .atlas
        .regions
        .iter()
        .filter(|r| can_read_region(data, principal, r))
        .map(|r| {
            let districts = data.atlas.region_districts(r.id);
            RegionRow {
                slug: r.data.slug.as_str().to_owned(),
                name: r.data.name.to_string(),
                description: r
                    .data
                    .description
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                districts: district_links(data, principal, r),
                municipalities: super::readable_municipalities(data, principal)
                    .filter(|m| districts.contains(&m.district_id))
                    .count(),
            }
        })
        .collect();
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("territory-regions-title"), "/regionen"),
        rows,
    })
}

#[derive(Template)]
#[template(path = "region_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    slug: String,
    description: String,
    districts: Vec<DistrictLink>,
    s: Summary,
}

async fn region_show(
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let region = data
        .atlas
        .regions
        .iter()
        .find(|r| r.data.slug.as_str() == raw)
        .filter(|r| can_read_region(data, principal, r))
        .ok_or(WebError::NotFound)?;
    let slug = region.data.slug.as_str().to_owned();
    let districts = data.atlas.region_districts(region.id);
    let s = summary(
        data,
        principal,
        |m| districts.contains(&m.district_id),
        &format!("&region={slug}"),
        None,
        ctx.lang,
    );
    render(&ShowPage {
        c: Chrome::new(&ctx, region.data.name.to_string(), "/regionen"),
        description: region
            .data
            .description
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        districts: district_links(data, principal, region),
        slug,
        s,
    })
}

//! The round-table templates on the administration pages (`/verwaltung/runder-tisch`): per
//! problem category, the roles a round table needs and whether all four pillars should sit
//! at it. Administrators only; every change is in the audit log.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use praevnetz_domain::problem::{CategoryCode, ProblemCategory};
use praevnetz_domain::roundtable::{RoleTemplate, TableRole};
use serde::Deserialize;

use crate::AppState;
use crate::account::change;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::FormErrors;
use crate::page::{Chrome, render, render_invalid};
use crate::routing::{Gate, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/verwaltung/runder-tisch", Gate::Admin, templates_list)
        .get(
            "/verwaltung/runder-tisch/{code}",
            Gate::Admin,
            template_edit,
        )
        .post(
            "/verwaltung/runder-tisch/{code}",
            Gate::Admin,
            template_save,
        )
        .post(
            "/verwaltung/runder-tisch/{code}/loeschen",
            Gate::Admin,
            template_delete,
        )
}

struct Row {
    code: String,
    label: String,
    roles: Option<String>,
    all_pillars: bool,
}

#[derive(Template)]
#[template(path = "admin_roundtable_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    rows: Vec<Row>,
}

struct RoleBox {
    code: &'static str,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "admin_roundtable_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    code: String,
    roles: Vec<RoleBox>,
    all_pillars: bool,
    exists: bool,
    errors: FormErrors,
}

/// The category of a path, if it exists.
fn category<'a>(ctx: &'a Ctx, raw: &str) -> Result<&'a ProblemCategory, WebError> {
    let code = CategoryCode::parse(raw).map_err(|_| WebError::NotFound)?;
    ctx.data
        .categories
        .iter()
        .find(|c| c.code == code)
        .ok_or(WebError::NotFound)
}

async fn templates_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let templates = state.store.round_table_templates().await?;
    let rows = ctx
        .data
        .categories
        .iter()
        .map(|c| {
            let template = templates.iter().find(|t| t.category == c.code);
            Row {
                code: c.code.to_string(),
                label: c.label(ctx.lang).to_owned(),
                roles: template.map(|t| {
                    t.roles()
                        .iter()
                        .map(|r| r.label(ctx.lang))
                        .collect::<Vec<_>>()
                        .join(", ")
                }),
                all_pillars: template.is_some_and(|t| t.all_pillars),
            }
        })
        .collect();
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("table-admin-title"), "/verwaltung"),
        rows,
    })
}

fn form_page<'a>(
    ctx: &'a Ctx,
    category: &ProblemCategory,
    roles: &[TableRole],
    all_pillars: bool,
    exists: bool,
    errors: FormErrors,
) -> FormPage<'a> {
    FormPage {
        c: Chrome::new(
            ctx,
            format!(
                "{} – {}",
                ctx.t("table-admin-title"),
                category.label(ctx.lang)
            ),
            "/verwaltung",
        ),
        code: category.code.to_string(),
        roles: TableRole::ALL
            .iter()
            .map(|r| RoleBox {
                code: r.code(),
                label: r.label(ctx.lang),
                checked: roles.contains(r),
            })
            .collect(),
        all_pillars,
        exists,
        errors,
    }
}

async fn template_edit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let category = category(&ctx, &raw)?;
    let template = state.store.round_table_template(&category.code).await?;
    let (roles, all_pillars) = template
        .as_ref()
        .map_or((Vec::new(), true), |t| (t.roles().to_vec(), t.all_pillars));
    render(&form_page(
        &ctx,
        category,
        &roles,
        all_pillars,
        template.is_some(),
        FormErrors::new(ctx.lang),
    ))
}

#[derive(Debug, Default, Deserialize)]
struct TemplateForm {
    #[serde(default)]
    role: Vec<String>,
    #[serde(default)]
    all_pillars: Option<String>,
}

async fn template_save(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let category = category(&ctx, &raw)?;
    let form: TemplateForm = crate::picker::decode(&body, &["role"])?;
    let mut errors = FormErrors::new(ctx.lang);
    let mut roles = Vec::new();
    for code in &form.role {
        match TableRole::parse(code) {
            Ok(role) => roles.push(role),
            Err(rule) => errors.rule("role", &rule),
        }
    }
    let all_pillars = form.all_pillars.is_some();
    if errors.is_empty() {
        match RoleTemplate::new(category.code.clone(), roles.clone(), all_pillars) {
            Ok(template) => {
                state
                    .store
                    .set_round_table_template(&change(&state, &ctx), &template)
                    .await?;
                return Ok(Redirect::to("/verwaltung/runder-tisch").into_response());
            }
            Err(e) => errors.rule("role", &e.rule),
        }
    }
    let exists = state
        .store
        .round_table_template(&category.code)
        .await?
        .is_some();
    render_invalid(&form_page(
        &ctx,
        category,
        &roles,
        all_pillars,
        exists,
        errors,
    ))
}

async fn template_delete(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw): Path<String>,
) -> Result<Response, WebError> {
    let category = category(&ctx, &raw)?;
    state
        .store
        .delete_round_table_template(&change(&state, &ctx), &category.code)
        .await?;
    Ok(Redirect::to("/verwaltung/runder-tisch").into_response())
}

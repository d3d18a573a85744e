//! Praxis (`/praxis`): the good-practice knowledge base. Full-text search over title, summary,
//! approach and outcome (the store's `search_practices`: FTS5 on SQLite, German stemming on
//! PostgreSQL), filtered by problem category; practice pages render approach and outcome from
//! Markdown, sanitised. Practices are read network-wide, by viewers within their own area only.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use praevnetz_domain::error::Field;
use praevnetz_domain::i18n::{Args, Lang};
use praevnetz_domain::ids::{ActorId, MunicipalityId, OrganisationId, PersonId, PracticeId};
use praevnetz_domain::practice::{Practice, PracticeData};
use praevnetz_domain::problem::CategoryCode;
use praevnetz_domain::text::{Name, Text};
use praevnetz_domain::time::{Period, parse_optional_date};
use praevnetz_domain::user::Role;
use praevnetz_store::PracticeSearch;
use serde::Deserialize;

use crate::AppState;
use crate::account;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, FormErrors};
use crate::page::{Chrome, render, render_invalid};
use crate::picker::{self, Actors, PickRow};
use crate::policy::{Place, Principal};
use crate::problems::{PAGE_SIZE, PageLink, format_date, page_links, page_number};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

/// At most this many hits are ranked for one search; more than that is no longer a search.
const SEARCH_CAP: u32 = 2000;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/praxis", Gate::LoggedIn, practice_list)
        .get("/praxis/neu", Gate::LoggedIn, practice_new)
        .post("/praxis/neu", Gate::LoggedIn, practice_create)
        .get("/praxis/{id}", Gate::LoggedIn, practice_show)
        .get("/praxis/{id}/bearbeiten", Gate::LoggedIn, practice_edit)
        .post("/praxis/{id}/bearbeiten", Gate::LoggedIn, practice_update)
        .post("/praxis/{id}/loeschen", Gate::LoggedIn, practice_delete)
}

fn principal(ctx: &Ctx) -> Result<&Principal, WebError> {
    ctx.principal().ok_or(WebError::SessionEnded)
}

fn place(data: &Snapshot, practice: &Practice) -> Place {
    Place::of_municipality(&data.atlas, practice.data.municipality_id)
}

/// Markdown to HTML without anything a script could hide in (ammonia's allow-list), quotes in
/// the text escaped as well.
pub(crate) fn markdown(text: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let mut raw = String::new();
    html::push_html(
        &mut raw,
        Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH),
    );
    escape_text_quotes(&ammonia::clean(&raw))
}

/// Escapes quotes outside tags in HTML as ammonia writes it (every attribute value in double
/// quotes, quotes within escaped). A quote in text is harmless, but text typed into a form
/// should never come back verbatim where it could look like the end of an attribute.
fn escape_text_quotes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let (mut in_tag, mut in_value) = (false, false);
    for c in html.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag && !in_value => in_tag = false,
            '"' if in_tag => in_value = !in_value,
            '"' => {
                out.push_str("&quot;");
                continue;
            }
            '\'' if !in_tag => {
                out.push_str("&#39;");
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The practice if it exists and the user may read it; 404 otherwise.
async fn readable(state: &AppState, ctx: &Ctx, raw_id: &str) -> Result<Practice, WebError> {
    let principal = principal(ctx)?;
    let id = raw_id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    let practice = state
        .store
        .practice(PracticeId::new(id))
        .await?
        .ok_or(WebError::NotFound)?;
    if principal.can_read(place(&ctx.data, &practice)) {
        Ok(practice)
    } else {
        Err(WebError::NotFound)
    }
}

/// The practice if the user may read it (else 404) and change it (else 403).
async fn editable(state: &AppState, ctx: &Ctx, raw_id: &str) -> Result<Practice, WebError> {
    let practice = readable(state, ctx, raw_id).await?;
    if principal(ctx)?.can_edit(place(&ctx.data, &practice)) {
        Ok(practice)
    } else {
        Err(WebError::Forbidden)
    }
}

fn municipality_name(data: &Snapshot, id: MunicipalityId) -> String {
    data.atlas
        .municipality(id)
        .map(|m| m.data.display_name().to_owned())
        .unwrap_or_default()
}

fn period_text(period: &Period, lang: Lang) -> String {
    let texts = crate::i18n::texts();
    match (period.since(), period.until()) {
        (Some(a), Some(b)) => format!("{} – {}", format_date(a), format_date(b)),
        (Some(a), None) => format!("{} {}", texts.get(lang, "practices-since"), format_date(a)),
        (None, Some(b)) => format!("{} {}", texts.get(lang, "practices-until"), format_date(b)),
        (None, None) => String::new(),
    }
}

/// Names of organisations, read once each.
async fn partner_names(
    state: &AppState,
    ids: &[OrganisationId],
    cache: &mut HashMap<OrganisationId, Option<String>>,
) -> Result<Vec<String>, WebError> {
    let mut names = Vec::new();
    for &id in ids {
        if let std::collections::hash_map::Entry::Vacant(slot) = cache.entry(id) {
            slot.insert(
                state
                    .store
                    .organisation(id)
                    .await?
                    .map(|o| o.data.name.to_string()),
            );
        }
        if let Some(Some(name)) = cache.get(&id) {
            names.push(name.clone());
        }
    }
    Ok(names)
}

// ---------------------------------------------------------------- list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    kategorie: Option<String>,
    #[serde(default)]
    seite: Option<String>,
}

struct ListRow {
    id: i64,
    title: String,
    summary: String,
    municipality: String,
    categories: String,
    period: String,
    partners: String,
}

#[derive(Template)]
#[template(path = "practices_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    q: String,
    categories: Vec<Choice>,
    rows: Vec<ListRow>,
    total_text: String,
    pages: Vec<PageLink>,
    can_create: bool,
}

fn category_labels(data: &Snapshot, codes: &[CategoryCode], lang: Lang) -> String {
    codes
        .iter()
        .map(|c| data.category_label(c, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn practice_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let q: String = query.q.unwrap_or_default().chars().take(500).collect();
    let category_raw = query.kategorie.unwrap_or_default().trim().to_owned();
    let category = if category_raw.is_empty() {
        None
    } else {
        match CategoryCode::parse(&category_raw) {
            Ok(c) if data.categories.iter().any(|k| k.code == c) => Some(Some(c)),
            _ => Some(None),
        }
    };
    // Viewers read their own area only; the search is limited to it in the database.
    let municipalities = (principal.role() == Role::Viewer).then(|| {
        data.atlas
            .municipalities
            .iter()
            .filter(|m| principal.can_read(Place::Municipality(m.id, m.district_id)))
            .map(|m| m.id)
            .collect::<Vec<_>>()
    });
    let hits = match category {
        Some(None) => Vec::new(),
        _ => {
            state
                .store
                .search_practices(&PracticeSearch {
                    text: (!q.trim().is_empty()).then(|| q.clone()),
                    category: category.flatten(),
                    municipalities,
                    limit: SEARCH_CAP,
                })
                .await?
        }
    };
    let found: Vec<&Practice> = hits
        .iter()
        .map(|h| &h.practice)
        .filter(|p| principal.can_read(place(data, p)))
        .collect();
    let total = found.len();
    let page = page_number(query.seite.as_deref()).min(total.div_ceil(PAGE_SIZE).max(1));
    let mut cache = HashMap::new();
    let mut rows = Vec::new();
    for p in found.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE) {
        rows.push(ListRow {
            id: p.id.get(),
            title: p.data.title.to_string(),
            summary: p
                .data
                .summary
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            municipality: municipality_name(data, p.data.municipality_id),
            categories: category_labels(data, &p.data.categories, lang),
            period: period_text(&p.data.period, lang),
            partners: partner_names(&state, &p.data.partners, &mut cache)
                .await?
                .join(", "),
        });
    }
    let mut categories = vec![Choice::new("", ctx.t("practices-all"), &category_raw)];
    categories.extend(
        data.categories
            .iter()
            .map(|c| Choice::new(c.code.as_str(), c.label(lang), &category_raw)),
    );
    let total_text = ctx.texts().format(
        lang,
        "practices-total",
        &Args::new().number("count", u32::try_from(total).unwrap_or(u32::MAX)),
    );
    let pages = page_links(
        "/praxis",
        &[("q", &q), ("kategorie", &category_raw)],
        total,
        page,
    );
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("practices-title"), "/praxis"),
        q,
        categories,
        rows,
        total_text,
        pages,
        can_create: principal.can_edit_somewhere(),
    })
}

// ---------------------------------------------------------------- detail

struct CategoryLink {
    code: String,
    label: String,
}

#[derive(Template)]
#[template(path = "practices_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    id: i64,
    municipality: String,
    municipality_ags: String,
    summary: Option<String>,
    approach: Option<String>,
    outcome: Option<String>,
    categories: Vec<CategoryLink>,
    period: String,
    partners: Vec<picker::ActorRow>,
    contact: Vec<picker::ActorRow>,
    can_edit: bool,
}

fn actors<'a>(state: &'a AppState, ctx: &'a Ctx, principal: &'a Principal) -> Actors<'a> {
    Actors {
        state,
        principal,
        atlas: &ctx.data.atlas,
        lang: ctx.lang,
        person_label: ctx.t("problems-person"),
    }
}

async fn practice_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let practice = readable(&state, &ctx, &raw_id).await?;
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let d = &practice.data;
    let actors = actors(&state, &ctx, principal);
    let partner_ids: Vec<ActorId> = d
        .partners
        .iter()
        .map(|&o| ActorId::Organisation(o))
        .collect();
    let partners = actors.rows(&partner_ids).await?;
    let contact_ids: Vec<ActorId> = d
        .contact_person_id
        .map(ActorId::Person)
        .into_iter()
        .collect();
    let contact = actors.rows(&contact_ids).await?;
    render(&ShowPage {
        c: Chrome::new(&ctx, d.title.to_string(), "/praxis"),
        id: practice.id.get(),
        municipality: municipality_name(data, d.municipality_id),
        municipality_ags: data
            .atlas
            .municipality(d.municipality_id)
            .map(|m| m.data.ags.as_str().to_owned())
            .unwrap_or_default(),
        summary: d.summary.as_ref().map(ToString::to_string),
        approach: d.approach.as_ref().map(|t| markdown(t.as_str())),
        outcome: d.outcome.as_ref().map(|t| markdown(t.as_str())),
        categories: d
            .categories
            .iter()
            .map(|c| CategoryLink {
                code: c.as_str().to_owned(),
                label: data.category_label(c, lang).to_owned(),
            })
            .collect(),
        period: period_text(&d.period, lang),
        partners,
        contact,
        can_edit: principal.can_edit(place(data, &practice)),
    })
}

// ---------------------------------------------------------------- forms

/// The practice form as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct PracticeForm {
    #[serde(default)]
    kommune: String,
    #[serde(default)]
    titel: String,
    #[serde(default)]
    zusammenfassung: String,
    #[serde(default)]
    vorgehen: String,
    #[serde(default)]
    ergebnis: String,
    #[serde(default)]
    kategorien: Vec<String>,
    #[serde(default)]
    partner: Vec<String>,
    #[serde(default)]
    kontakt: String,
    #[serde(default)]
    beginn: String,
    #[serde(default)]
    ende: String,
    #[serde(default)]
    suche: String,
    #[serde(default)]
    aktion: String,
}

const MULTI: &[&str] = &["kategorien", "partner"];

impl PracticeForm {
    fn from_practice(data: &Snapshot, practice: &Practice) -> PracticeForm {
        let d = &practice.data;
        let text = |t: &Option<Text>| t.as_ref().map(ToString::to_string).unwrap_or_default();
        PracticeForm {
            kommune: data
                .atlas
                .municipality(d.municipality_id)
                .map(|m| m.data.ags.as_str().to_owned())
                .unwrap_or_default(),
            titel: d.title.to_string(),
            zusammenfassung: text(&d.summary),
            vorgehen: text(&d.approach),
            ergebnis: text(&d.outcome),
            kategorien: d.categories.iter().map(|c| c.as_str().to_owned()).collect(),
            partner: d
                .partners
                .iter()
                .map(|&o| picker::actor_code(ActorId::Organisation(o)))
                .collect(),
            kontakt: d
                .contact_person_id
                .map(|p| p.get().to_string())
                .unwrap_or_default(),
            beginn: d.period.since().map(format_date).unwrap_or_default(),
            ende: d.period.until().map(format_date).unwrap_or_default(),
            suche: String::new(),
            aktion: String::new(),
        }
    }

    fn partners(&self) -> Vec<OrganisationId> {
        let mut ids = Vec::new();
        for code in &self.partner {
            if let Some(ActorId::Organisation(o)) = picker::parse_actor(code)
                && !ids.contains(&o)
            {
                ids.push(o);
            }
        }
        ids
    }

    fn parse(
        &self,
        data: &Snapshot,
        principal: &Principal,
        errors: &mut FormErrors,
        lang: Lang,
    ) -> Option<PracticeData> {
        let texts = crate::i18n::texts();
        let municipality = data
            .atlas
            .municipalities
            .iter()
            .find(|m| m.data.ags.as_str() == self.kommune.trim())
            .filter(|m| principal.can_edit(Place::Municipality(m.id, m.district_id)));
        if municipality.is_none() {
            errors.message(
                "kommune",
                texts.get(lang, "problems-error-municipality").to_owned(),
            );
        }
        let title = errors.parse("titel", &self.titel, Name::parse);
        let summary = errors.parse(
            "zusammenfassung",
            &self.zusammenfassung,
            Text::parse_optional,
        );
        let approach = errors.parse("vorgehen", &self.vorgehen, Text::parse_optional);
        let outcome = errors.parse("ergebnis", &self.ergebnis, Text::parse_optional);
        let mut categories = Vec::new();
        for raw in &self.kategorien {
            match CategoryCode::parse(raw) {
                Ok(c) if data.categories.iter().any(|k| k.code == c) => {
                    if !categories.contains(&c) {
                        categories.push(c);
                    }
                }
                _ => errors.message(
                    "kategorien",
                    texts.get(lang, "problems-error-category").to_owned(),
                ),
            }
        }
        let contact = errors.parse("kontakt", &self.kontakt, |s| {
            praevnetz_domain::number::parse_optional_int(s, 1, i64::MAX)
                .map(|o| o.map(PersonId::new))
        });
        let since = errors.parse("beginn", &self.beginn, parse_optional_date);
        let until = errors.parse("ende", &self.ende, parse_optional_date);
        let period = match (since, until) {
            (Some(since), Some(until)) => errors.parse("ende", "", |_| Period::new(since, until)),
            _ => None,
        };
        if !errors.is_empty() {
            return None;
        }
        Some(PracticeData {
            external_ref: None,
            municipality_id: municipality?.id,
            title: title?,
            summary: summary?,
            approach: approach?,
            outcome: outcome?,
            categories,
            partners: self.partners(),
            contact_person_id: contact?,
            period: period?,
        })
    }
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Municipality => "kommune",
        Field::Summary => "zusammenfassung",
        Field::Approach => "vorgehen",
        Field::Outcome => "ergebnis",
        Field::Categories | Field::Category => "kategorien",
        Field::Partners | Field::Organisation => "partner",
        Field::ContactPerson | Field::Person => "kontakt",
        Field::StartedOn | Field::Since => "beginn",
        Field::EndedOn | Field::Until => "ende",
        _ => "titel",
    }
}

struct CategoryBox {
    code: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "practices_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    action: String,
    cancel: String,
    form: PracticeForm,
    errors: FormErrors,
    municipalities: Vec<Choice>,
    categories: Vec<CategoryBox>,
    partners: Vec<PickRow>,
    searched: bool,
}

async fn form_page<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    id: Option<PracticeId>,
    form: PracticeForm,
    errors: FormErrors,
) -> Result<FormPage<'a>, WebError> {
    let principal = principal(ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let (title, action, cancel) = match id {
        None => (
            ctx.t("practices-new-title"),
            "/praxis/neu".to_owned(),
            "/praxis".to_owned(),
        ),
        Some(id) => (
            ctx.t("practices-edit-title"),
            format!("/praxis/{}/bearbeiten", id.get()),
            format!("/praxis/{}", id.get()),
        ),
    };
    let mut municipalities: Vec<Choice> = principal
        .editable_municipalities(&data.atlas)
        .map(|m| Choice::new(m.data.ags.as_str(), m.data.display_name(), &form.kommune))
        .collect();
    municipalities.sort_by(|a, b| a.label.cmp(&b.label));
    let categories = data
        .categories
        .iter()
        .map(|c| CategoryBox {
            code: c.code.as_str().to_owned(),
            label: c.label(lang).to_owned(),
            checked: form
                .kategorien
                .iter()
                .any(|k| k.trim().eq_ignore_ascii_case(c.code.as_str())),
        })
        .collect();
    let municipality = data
        .atlas
        .municipalities
        .iter()
        .find(|m| m.data.ags.as_str() == form.kommune.trim())
        .map(|m| m.id);
    let chosen: Vec<ActorId> = form
        .partners()
        .into_iter()
        .map(ActorId::Organisation)
        .collect();
    let candidates = actors(state, ctx, principal)
        .candidates(&chosen, municipality, &form.suche, false)
        .await?;
    let partners = picker::pick_rows(candidates, &form.partner, &[]);
    Ok(FormPage {
        c: Chrome::new(ctx, title, "/praxis"),
        action,
        cancel,
        municipalities,
        categories,
        partners,
        searched: !form.suche.trim().is_empty(),
        form,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewQuery {
    #[serde(default)]
    kommune: Option<String>,
}

async fn practice_new(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<NewQuery>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let first = principal
        .editable_municipalities(&ctx.data.atlas)
        .map(|m| m.data.ags.as_str().to_owned())
        .next()
        .unwrap_or_default();
    let form = PracticeForm {
        kommune: query.kommune.unwrap_or(first),
        ..PracticeForm::default()
    };
    let page = form_page(&state, &ctx, None, form, FormErrors::new(ctx.lang)).await?;
    render(&page)
}

async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<PracticeId>,
    form: PracticeForm,
) -> Result<Response, WebError> {
    let principal = principal(ctx)?;
    let mut errors = FormErrors::new(ctx.lang);
    if form.aktion == "suchen" {
        let page = form_page(state, ctx, id, form, errors).await?;
        return render(&page);
    }
    if let Some(practice) = form.parse(&ctx.data, principal, &mut errors, ctx.lang) {
        let change = account::change(state, ctx);
        let result = match id {
            None => state.store.create_practice(&change, &practice).await,
            Some(id) => state
                .store
                .update_practice(&change, id, &practice)
                .await
                .map(|()| id),
        };
        match result {
            Ok(id) => {
                return Ok(Redirect::to(&format!("/praxis/{}", id.get())).into_response());
            }
            Err(e) => errors.store(e, field_name)?,
        }
    }
    let page = form_page(state, ctx, id, form, errors).await?;
    render_invalid(&page)
}

async fn practice_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    body: Bytes,
) -> Result<Response, WebError> {
    if !principal(&ctx)?.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let form: PracticeForm = picker::decode(&body, MULTI)?;
    save(&state, &ctx, None, form).await
}

async fn practice_edit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let practice = editable(&state, &ctx, &raw_id).await?;
    let form = PracticeForm::from_practice(&ctx.data, &practice);
    let page = form_page(
        &state,
        &ctx,
        Some(practice.id),
        form,
        FormErrors::new(ctx.lang),
    )
    .await?;
    render(&page)
}

async fn practice_update(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let id = editable(&state, &ctx, &raw_id).await?.id;
    let form: PracticeForm = picker::decode(&body, MULTI)?;
    save(&state, &ctx, Some(id), form).await
}

async fn practice_delete(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let id = editable(&state, &ctx, &raw_id).await?.id;
    state
        .store
        .delete_practice(&account::change(&state, &ctx), id)
        .await?;
    Ok(Redirect::to("/praxis").into_response())
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn markdown_keeps_formatting_and_drops_scripts() {
        let html = markdown("**fett**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))");
        assert!(html.contains("<strong>fett</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn quotes_in_the_text_are_escaped_and_attributes_kept() {
        let html =
            markdown("\" onmouseover=\"alert(2) [Link](https://example.org/?a=\"b\">c) it's");
        assert!(!html.contains("\" onmouseover=\""), "{html}");
        assert!(html.contains("&quot; onmouseover=&quot;alert(2)"), "{html}");
        assert!(html.contains("it&#39;s"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.org/?a=%22b%22%3Ec\""),
            "{html}"
        );
    }
}

//! Problemlagen (`/problemlagen`): the problems municipalities face, listed and filtered, shown,
//! recorded, changed and deleted. Visibility decides everything here: a problem the user may not
//! see (`Principal::can_see_problem`) is missing from the list, the counts and the filters, and
//! its page answers 404.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use praevnetz_domain::error::Field;
use praevnetz_domain::i18n::{Args, Lang};
use praevnetz_domain::ids::{ActorId, MunicipalityId, ProblemId};
use praevnetz_domain::number::parse_optional_decimal;
use praevnetz_domain::problem::{
    CategoryCode, Hotspot, Problem, ProblemData, ProblemStatus, Severity, Trend, Visibility,
};
use praevnetz_domain::territory::GeoPoint;
use praevnetz_domain::text::{Name, Text};
use praevnetz_domain::time::parse_optional_date;
use praevnetz_store::PracticeSearch;
use serde::Deserialize;

use crate::AppState;
use crate::account;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, FormErrors, code_choices};
use crate::page::{Chrome, render, render_invalid};
use crate::picker::{self, ActorRow, Actors, PickRow};
use crate::policy::{Place, Principal};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

/// Rows per page of the list.
pub(crate) const PAGE_SIZE: usize = 50;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/problemlagen", Gate::LoggedIn, problem_list)
        .get("/problemlagen/neu", Gate::LoggedIn, problem_new)
        .post("/problemlagen/neu", Gate::LoggedIn, problem_create)
        .get("/problemlagen/{id}", Gate::LoggedIn, problem_show)
        .get(
            "/problemlagen/{id}/bearbeiten",
            Gate::LoggedIn,
            problem_edit,
        )
        .post(
            "/problemlagen/{id}/bearbeiten",
            Gate::LoggedIn,
            problem_update,
        )
        .post(
            "/problemlagen/{id}/loeschen",
            Gate::LoggedIn,
            problem_delete,
        )
}

fn principal(ctx: &Ctx) -> Result<&Principal, WebError> {
    ctx.principal().ok_or(WebError::SessionEnded)
}

fn place(data: &Snapshot, problem: &Problem) -> Place {
    Place::of_municipality(&data.atlas, problem.data.municipality_id)
}

/// The problem if it exists and the user may see it; 404 otherwise (the same answer).
fn visible<'a>(ctx: &'a Ctx, raw_id: &str) -> Result<&'a Problem, WebError> {
    let principal = principal(ctx)?;
    let id = raw_id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    ctx.data
        .visible_problems(principal)
        .find(|p| p.id.get() == id)
        .ok_or(WebError::NotFound)
}

/// A page number from `?seite=`: anything not a positive number is the first page.
pub(crate) fn page_number(raw: Option<&str>) -> usize {
    raw.and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

// ---------------------------------------------------------------- list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    kategorie: Option<String>,
    #[serde(default)]
    kreis: Option<String>,
    #[serde(default)]
    kommune: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    seite: Option<String>,
}

struct ListRow {
    id: i64,
    title: String,
    municipality: String,
    category: String,
    severity: u8,
    trend: String,
    status: String,
    visibility: String,
}

/// A link to another page of the list.
pub(crate) struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "problems_list.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    categories: Vec<Choice>,
    districts: Vec<Choice>,
    municipalities: Vec<Choice>,
    statuses: Vec<Choice>,
    rows: Vec<ListRow>,
    total_text: String,
    pages: Vec<PageLink>,
    can_create: bool,
}

/// Links to the pages of a list of `total` rows, keeping the other query parameters.
pub(crate) fn page_links(
    base: &str,
    params: &[(&str, &str)],
    total: usize,
    current: usize,
) -> Vec<PageLink> {
    let count = total.div_ceil(PAGE_SIZE);
    if count <= 1 {
        return Vec::new();
    }
    (1..=count)
        .map(|number| {
            let mut query = form_urlencoded::Serializer::new(String::new());
            for (k, v) in params {
                if !v.is_empty() {
                    query.append_pair(k, v);
                }
            }
            query.append_pair("seite", &number.to_string());
            PageLink {
                number,
                href: format!("{base}?{}", query.finish()),
                current: number == current,
            }
        })
        .collect()
}

#[expect(
    clippy::too_many_lines,
    reason = "one filter set over the visible problems: the filters, the counts beside each \
              choice and the page share the same closures"
)]
async fn problem_list(
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let text = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_owned();
    let (category_raw, district_raw, municipality_raw, status_raw) = (
        text(&query.kategorie),
        text(&query.kreis),
        text(&query.kommune),
        text(&query.status),
    );
    // Unknown filter values match nothing rather than being ignored silently.
    let category = (!category_raw.is_empty()).then(|| CategoryCode::parse(&category_raw).ok());
    let district = (!district_raw.is_empty()).then(|| {
        data.atlas
            .districts
            .iter()
            .find(|d| d.data.ags.as_str() == district_raw)
            .map(|d| d.id)
    });
    let municipality = (!municipality_raw.is_empty()).then(|| {
        data.atlas
            .municipalities
            .iter()
            .find(|m| m.data.ags.as_str() == municipality_raw)
            .map(|m| m.id)
    });
    let status = (!status_raw.is_empty()).then(|| ProblemStatus::from_code(&status_raw));

    let visible: Vec<&Problem> = data.visible_problems(principal).collect();
    let in_district = |p: &Problem| match district {
        None => true,
        Some(d) => d.is_some_and(|d| {
            data.atlas
                .municipality(p.data.municipality_id)
                .is_some_and(|m| m.district_id == d)
        }),
    };
    let in_municipality = |p: &Problem| match municipality {
        None => true,
        Some(m) => m == Some(p.data.municipality_id),
    };
    let of_category = |p: &Problem| match &category {
        None => true,
        Some(c) => c.as_ref() == Some(&p.data.category),
    };
    let of_status = |p: &Problem| match status {
        None => true,
        Some(s) => s == Some(p.data.status),
    };

    // Counts beside each choice: the problems the other filters leave, all visible ones.
    let count = |f: &dyn Fn(&Problem) -> bool| visible.iter().filter(|p| f(p)).count();
    let mut categories = vec![Choice::new("", ctx.t("problems-all"), &category_raw)];
    for c in &data.categories {
        let n = count(&|p| {
            p.data.category == c.code && in_district(p) && in_municipality(p) && of_status(p)
        });
        categories.push(Choice::new(
            c.code.as_str(),
            format!("{} ({n})", c.label(lang)),
            &category_raw,
        ));
    }
    let mut statuses = vec![Choice::new("", ctx.t("problems-all"), &status_raw)];
    for s in ProblemStatus::ALL {
        let n = count(&|p| {
            p.data.status == *s && in_district(p) && in_municipality(p) && of_category(p)
        });
        statuses.push(Choice::new(
            s.code(),
            format!("{} ({n})", s.label(lang)),
            &status_raw,
        ));
    }
    let mut districts = vec![Choice::new("", ctx.t("problems-all"), &district_raw)];
    for d in &data.atlas.districts {
        if !principal.can_read(Place::District(d.id)) {
            continue;
        }
        let n = count(&|p| {
            data.atlas
                .municipality(p.data.municipality_id)
                .is_some_and(|m| m.district_id == d.id)
                && of_category(p)
                && of_status(p)
        });
        districts.push(Choice::new(
            d.data.ags.as_str(),
            format!("{} ({n})", d.data.display_name()),
            &district_raw,
        ));
    }
    // Municipalities with visible problems only: the list of all 418 would not help.
    let mut municipalities = vec![Choice::new("", ctx.t("problems-all"), &municipality_raw)];
    for m in &data.atlas.municipalities {
        let n = count(&|p| {
            p.data.municipality_id == m.id && in_district(p) && of_category(p) && of_status(p)
        });
        if n > 0 || municipality_raw == m.data.ags.as_str() {
            municipalities.push(Choice::new(
                m.data.ags.as_str(),
                format!("{} ({n})", m.data.display_name()),
                &municipality_raw,
            ));
        }
    }

    let mut found: Vec<&Problem> = visible
        .iter()
        .copied()
        .filter(|p| of_category(p) && in_district(p) && in_municipality(p) && of_status(p))
        .collect();
    let municipality_name = |id: MunicipalityId| {
        data.atlas
            .municipality(id)
            .map_or_else(String::new, |m| m.data.display_name().to_owned())
    };
    found.sort_by(|a, b| {
        b.data
            .severity
            .cmp(&a.data.severity)
            .then_with(|| {
                municipality_name(a.data.municipality_id)
                    .cmp(&municipality_name(b.data.municipality_id))
            })
            .then_with(|| a.data.title.as_str().cmp(b.data.title.as_str()))
    });
    let total = found.len();
    let page = page_number(query.seite.as_deref()).min(total.div_ceil(PAGE_SIZE).max(1));
    let rows = found
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|p| ListRow {
            id: p.id.get(),
            title: p.data.title.to_string(),
            municipality: municipality_name(p.data.municipality_id),
            category: data.category_label(&p.data.category, lang).to_owned(),
            severity: p.data.severity.get(),
            trend: p.data.trend.label(lang),
            status: p.data.status.label(lang),
            visibility: p.data.visibility.label(lang),
        })
        .collect();
    let total_text = ctx.texts().format(
        lang,
        "problems-total",
        &Args::new().number("count", u32::try_from(total).unwrap_or(u32::MAX)),
    );
    let pages = page_links(
        "/problemlagen",
        &[
            ("kategorie", &category_raw),
            ("kreis", &district_raw),
            ("kommune", &municipality_raw),
            ("status", &status_raw),
        ],
        total,
        page,
    );
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("problems-title"), "/problemlagen"),
        categories,
        districts,
        municipalities,
        statuses,
        rows,
        total_text,
        pages,
        can_create: principal.can_edit_somewhere(),
    })
}

// ---------------------------------------------------------------- detail

struct PracticeLink {
    id: i64,
    title: String,
    municipality: String,
}

#[derive(Template)]
#[template(path = "problems_show.html")]
struct ShowPage<'a> {
    c: Chrome<'a>,
    id: i64,
    municipality: String,
    municipality_ags: String,
    district: String,
    category: String,
    category_code: String,
    definition: String,
    description: Option<String>,
    severity: u8,
    trend: String,
    status: String,
    visibility: String,
    hotspot: Option<String>,
    coordinates: Option<String>,
    observed_since: Option<String>,
    responsible: Vec<ActorRow>,
    affected: Vec<ActorRow>,
    practices: Vec<PracticeLink>,
    can_edit: bool,
}

pub(crate) fn format_date(date: jiff::civil::Date) -> String {
    date.strftime("%d.%m.%Y").to_string()
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

async fn problem_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let problem = visible(&ctx, &raw_id)?;
    let principal = principal(&ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let municipality = data.atlas.municipality(problem.data.municipality_id);
    let district = municipality
        .and_then(|m| data.atlas.district(m.district_id))
        .map(|d| d.data.display_name())
        .unwrap_or_default();
    let definition = data
        .categories
        .iter()
        .find(|c| c.code == problem.data.category)
        .map(|c| match lang {
            Lang::De => c.description_de.clone(),
            Lang::En => c.description_en.clone(),
        })
        .unwrap_or_default();
    let actors = actors(&state, &ctx, principal);
    let responsible = actors.rows(&problem.data.responsible).await?;
    let affected = actors.rows(&problem.data.affected).await?;
    let practices = state
        .store
        .search_practices(&PracticeSearch {
            category: Some(problem.data.category.clone()),
            limit: 200,
            ..PracticeSearch::default()
        })
        .await?
        .into_iter()
        .filter(|hit| {
            principal.can_read(Place::of_municipality(
                &data.atlas,
                hit.practice.data.municipality_id,
            ))
        })
        .take(5)
        .map(|hit| PracticeLink {
            id: hit.practice.id.get(),
            title: hit.practice.data.title.to_string(),
            municipality: data
                .atlas
                .municipality(hit.practice.data.municipality_id)
                .map(|m| m.data.display_name().to_owned())
                .unwrap_or_default(),
        })
        .collect();
    let hotspot = problem.data.hotspot.as_ref();
    render(&ShowPage {
        c: Chrome::new(&ctx, problem.data.title.to_string(), "/problemlagen"),
        id: problem.id.get(),
        municipality: municipality
            .map(|m| m.data.display_name().to_owned())
            .unwrap_or_default(),
        municipality_ags: municipality
            .map(|m| m.data.ags.as_str().to_owned())
            .unwrap_or_default(),
        district,
        category: data.category_label(&problem.data.category, lang).to_owned(),
        category_code: problem.data.category.as_str().to_owned(),
        definition,
        description: problem.data.description.as_ref().map(ToString::to_string),
        severity: problem.data.severity.get(),
        trend: problem.data.trend.label(lang),
        status: problem.data.status.label(lang),
        visibility: problem.data.visibility.label(lang),
        hotspot: hotspot.map(|h| h.name.to_string()),
        coordinates: hotspot
            .and_then(|h| h.location)
            .map(|p| format!("{:.5}, {:.5}", p.lat(), p.lon())),
        observed_since: problem.data.observed_since.map(format_date),
        responsible,
        affected,
        practices,
        can_edit: principal.can_edit(place(data, problem)),
    })
}

// ---------------------------------------------------------------- forms

/// The problem form as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ProblemForm {
    #[serde(default)]
    kommune: String,
    #[serde(default)]
    kategorie: String,
    #[serde(default)]
    titel: String,
    #[serde(default)]
    beschreibung: String,
    #[serde(default)]
    schwere: String,
    #[serde(default)]
    trend: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    sichtbarkeit: String,
    #[serde(default)]
    ort: String,
    #[serde(default)]
    breite: String,
    #[serde(default)]
    laenge: String,
    #[serde(default)]
    seit: String,
    #[serde(default)]
    verantwortlich: Vec<String>,
    #[serde(default)]
    betroffen: Vec<String>,
    #[serde(default)]
    suche: String,
    #[serde(default)]
    aktion: String,
}

const MULTI: &[&str] = &["verantwortlich", "betroffen"];

impl ProblemForm {
    fn from_problem(data: &Snapshot, problem: &Problem) -> ProblemForm {
        let d = &problem.data;
        let location = d.hotspot.as_ref().and_then(|h| h.location);
        ProblemForm {
            kommune: data
                .atlas
                .municipality(d.municipality_id)
                .map(|m| m.data.ags.as_str().to_owned())
                .unwrap_or_default(),
            kategorie: d.category.as_str().to_owned(),
            titel: d.title.to_string(),
            beschreibung: d
                .description
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            schwere: d.severity.get().to_string(),
            trend: d.trend.code().to_owned(),
            status: d.status.code().to_owned(),
            sichtbarkeit: d.visibility.code().to_owned(),
            ort: d
                .hotspot
                .as_ref()
                .map(|h| h.name.to_string())
                .unwrap_or_default(),
            breite: location.map(|p| p.lat().to_string()).unwrap_or_default(),
            laenge: location.map(|p| p.lon().to_string()).unwrap_or_default(),
            seit: d.observed_since.map(format_date).unwrap_or_default(),
            verantwortlich: d
                .responsible
                .iter()
                .map(|a| picker::actor_code(*a))
                .collect(),
            betroffen: d.affected.iter().map(|a| picker::actor_code(*a)).collect(),
            suche: String::new(),
            aktion: String::new(),
        }
    }

    fn actors(codes: &[String]) -> Vec<ActorId> {
        let mut ids: Vec<ActorId> = Vec::new();
        for id in codes.iter().filter_map(|c| picker::parse_actor(c)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// Parses the form into a problem of a municipality the user may edit.
    fn parse(
        &self,
        data: &Snapshot,
        principal: &Principal,
        errors: &mut FormErrors,
        lang: Lang,
    ) -> Option<ProblemData> {
        let municipality = data
            .atlas
            .municipalities
            .iter()
            .find(|m| m.data.ags.as_str() == self.kommune.trim())
            .filter(|m| principal.can_edit(Place::Municipality(m.id, m.district_id)));
        if municipality.is_none() {
            errors.message(
                "kommune",
                crate::i18n::texts()
                    .get(lang, "problems-error-municipality")
                    .to_owned(),
            );
        }
        let category = errors.parse("kategorie", &self.kategorie, CategoryCode::parse);
        let category = category.filter(|c| {
            let known = data.categories.iter().any(|k| &k.code == c);
            if !known {
                errors.message(
                    "kategorie",
                    crate::i18n::texts()
                        .get(lang, "problems-error-category")
                        .to_owned(),
                );
            }
            known
        });
        let title = errors.parse("titel", &self.titel, Name::parse);
        let description = errors.parse("beschreibung", &self.beschreibung, Text::parse_optional);
        let severity = errors.parse("schwere", &self.schwere, |s| {
            praevnetz_domain::number::parse_int(s, 1, 5).and_then(Severity::new)
        });
        let trend = errors.parse("trend", &self.trend, Trend::parse);
        let status = errors.parse("status", &self.status, ProblemStatus::parse);
        let visibility = errors.parse("sichtbarkeit", &self.sichtbarkeit, Visibility::parse);
        let hotspot_name = errors.parse("ort", &self.ort, Name::parse_optional);
        let lat = errors.parse("breite", &self.breite, |s| {
            parse_optional_decimal(s, -90.0, 90.0)
        });
        let lon = errors.parse("laenge", &self.laenge, |s| {
            parse_optional_decimal(s, -180.0, 180.0)
        });
        let location = match (lat, lon) {
            (Some(lat), Some(lon)) => errors.take(GeoPoint::from_optional(lat, lon), |f| match f {
                Field::Longitude => "laenge",
                _ => "breite",
            }),
            _ => None,
        };
        let hotspot = match (hotspot_name, location) {
            (Some(Some(name)), Some(location)) => Some(Some(Hotspot { name, location })),
            (Some(None), Some(None)) => Some(None),
            (Some(None), Some(Some(_))) => {
                errors.rule("ort", &praevnetz_domain::error::Rule::Required);
                None
            }
            _ => None,
        };
        let observed_since = errors.parse("seit", &self.seit, parse_optional_date);
        let responsible = Self::actors(&self.verantwortlich);
        let affected = Self::actors(&self.betroffen);
        Some(ProblemData {
            external_ref: None,
            municipality_id: municipality?.id,
            category: category?,
            title: title?,
            description: description?,
            severity: severity?,
            trend: trend?,
            status: status?,
            visibility: visibility?,
            hotspot: hotspot?,
            observed_since: observed_since?,
            responsible,
            affected,
        })
    }
}

/// Which form field shows an error the store or the domain found in `field`.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Municipality => "kommune",
        Field::Category => "kategorie",
        Field::Description => "beschreibung",
        Field::Severity => "schwere",
        Field::Trend => "trend",
        Field::Status => "status",
        Field::Visibility => "sichtbarkeit",
        Field::HotspotName => "ort",
        Field::Latitude => "breite",
        Field::Longitude => "laenge",
        Field::ObservedSince => "seit",
        Field::Responsible => "verantwortlich",
        Field::Affected => "betroffen",
        _ => "titel",
    }
}

#[derive(Template)]
#[template(path = "problems_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    action: String,
    cancel: String,
    form: ProblemForm,
    errors: FormErrors,
    municipalities: Vec<Choice>,
    categories: Vec<Choice>,
    trends: Vec<Choice>,
    statuses: Vec<Choice>,
    visibilities: Vec<Choice>,
    actors: Vec<PickRow>,
    searched: bool,
}

async fn form_page<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    title: String,
    action: String,
    cancel: String,
    form: ProblemForm,
    errors: FormErrors,
) -> Result<FormPage<'a>, WebError> {
    let principal = principal(ctx)?;
    let data = &ctx.data;
    let lang = ctx.lang;
    let mut municipalities: Vec<Choice> = principal
        .editable_municipalities(&data.atlas)
        .map(|m| Choice::new(m.data.ags.as_str(), m.data.display_name(), &form.kommune))
        .collect();
    municipalities.sort_by(|a, b| a.label.cmp(&b.label));
    let mut categories = vec![Choice::new("", ctx.t("problems-choose"), &form.kategorie)];
    categories.extend(
        data.categories
            .iter()
            .map(|c| Choice::new(c.code.as_str(), c.label(lang), &form.kategorie)),
    );
    let municipality = data
        .atlas
        .municipalities
        .iter()
        .find(|m| m.data.ags.as_str() == form.kommune.trim())
        .map(|m| m.id);
    let mut chosen = ProblemForm::actors(&form.verantwortlich);
    for id in ProblemForm::actors(&form.betroffen) {
        if !chosen.contains(&id) {
            chosen.push(id);
        }
    }
    let candidates = actors(state, ctx, principal)
        .candidates(&chosen, municipality, &form.suche, true)
        .await?;
    let rows = picker::pick_rows(candidates, &form.verantwortlich, &form.betroffen);
    Ok(FormPage {
        c: Chrome::new(ctx, title, "/problemlagen"),
        action,
        cancel,
        municipalities,
        categories,
        trends: code_choices(Trend::ALL, lang, &form.trend),
        statuses: code_choices(ProblemStatus::ALL, lang, &form.status),
        visibilities: code_choices(Visibility::ALL, lang, &form.sichtbarkeit),
        actors: rows,
        searched: !form.suche.trim().is_empty(),
        form,
        errors,
    })
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewQuery {
    #[serde(default)]
    kommune: Option<String>,
    #[serde(default)]
    kategorie: Option<String>,
}

async fn problem_new(
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
    let form = ProblemForm {
        kommune: query.kommune.unwrap_or(first),
        kategorie: query.kategorie.unwrap_or_default(),
        schwere: "3".into(),
        trend: Trend::Unknown.code().into(),
        status: ProblemStatus::Open.code().into(),
        sichtbarkeit: Visibility::Region.code().into(),
        ..ProblemForm::default()
    };
    let page = form_page(
        &state,
        &ctx,
        ctx.t("problems-new-title").to_owned(),
        "/problemlagen/neu".into(),
        "/problemlagen".into(),
        form,
        FormErrors::new(ctx.lang),
    )
    .await?;
    render(&page)
}

/// Saves the form (or, for the search button, shows it again with the actors found).
async fn save(
    state: &AppState,
    ctx: &Ctx,
    id: Option<ProblemId>,
    form: ProblemForm,
) -> Result<Response, WebError> {
    let principal = principal(ctx)?;
    let (title, action, cancel) = match id {
        None => (
            ctx.t("problems-new-title").to_owned(),
            "/problemlagen/neu".to_owned(),
            "/problemlagen".to_owned(),
        ),
        Some(id) => (
            ctx.t("problems-edit-title").to_owned(),
            format!("/problemlagen/{}/bearbeiten", id.get()),
            format!("/problemlagen/{}", id.get()),
        ),
    };
    let mut errors = FormErrors::new(ctx.lang);
    if form.aktion == "suchen" {
        let page = form_page(state, ctx, title, action, cancel, form, errors).await?;
        return render(&page);
    }
    if let Some(problem) = form.parse(&ctx.data, principal, &mut errors, ctx.lang) {
        let change = account::change(state, ctx);
        let result = match id {
            None => state.store.create_problem(&change, &problem).await,
            Some(id) => state
                .store
                .update_problem(&change, id, &problem)
                .await
                .map(|()| id),
        };
        match result {
            Ok(id) => {
                return Ok(Redirect::to(&format!("/problemlagen/{}", id.get())).into_response());
            }
            Err(e) => errors.store(e, field_name)?,
        }
    }
    let page = form_page(state, ctx, title, action, cancel, form, errors).await?;
    render_invalid(&page)
}

async fn problem_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    body: Bytes,
) -> Result<Response, WebError> {
    let principal = principal(&ctx)?;
    if !principal.can_edit_somewhere() {
        return Err(WebError::Forbidden);
    }
    let form: ProblemForm = picker::decode(&body, MULTI)?;
    save(&state, &ctx, None, form).await
}

/// The problem if the user may see it (else 404) and change it (else 403).
fn editable<'a>(ctx: &'a Ctx, raw_id: &str) -> Result<&'a Problem, WebError> {
    let problem = visible(ctx, raw_id)?;
    if principal(ctx)?.can_edit(place(&ctx.data, problem)) {
        Ok(problem)
    } else {
        Err(WebError::Forbidden)
    }
}

async fn problem_edit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let problem = editable(&ctx, &raw_id)?;
    let id = problem.id.get();
    let page = form_page(
        &state,
        &ctx,
        ctx.t("problems-edit-title").to_owned(),
        format!("/problemlagen/{id}/bearbeiten"),
        format!("/problemlagen/{id}"),
        ProblemForm::from_problem(&ctx.data, problem),
        FormErrors::new(ctx.lang),
    )
    .await?;
    render(&page)
}

async fn problem_update(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let id = editable(&ctx, &raw_id)?.id;
    let form: ProblemForm = picker::decode(&body, MULTI)?;
    save(&state, &ctx, Some(id), form).await
}

async fn problem_delete(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
) -> Result<Response, WebError> {
    let id = editable(&ctx, &raw_id)?.id;
    state
        .store
        .delete_problem(&account::change(&state, &ctx), id)
        .await?;
    Ok(Redirect::to("/problemlagen").into_response())
}

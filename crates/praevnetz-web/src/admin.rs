//! Verwaltung: accounts and the audit log, for administrators only (every route behind
//! [`Gate::Admin`]); and the public page where a set-password link is used.
//!
//! - `/verwaltung`: the accounts by role and the latest changes.
//! - `/verwaltung/benutzer`, `/verwaltung/benutzer/neu`, `/verwaltung/benutzer/{id}`: the list,
//!   creating an account (which issues its first set-password link), changing role, scopes,
//!   language and activity. The store ends an account's sessions when its rights change and
//!   keeps the last active administrator one.
//! - `POST /verwaltung/benutzer/{id}/passwort-link`: a new link for the account. The token is
//!   shown once, on the answer to that request (sent with `Cache-Control: no-store`); the store
//!   keeps only its hash. A link works once, for [`LINK_HOURS`] hours, and a newer one voids it.
//! - `/passwort-setzen/{token}`: anybody holding the link sets the account's password; all its
//!   sessions end.
//! - `/verwaltung/protokoll`: the audit log, filtered by area, action, account and dates, paged.

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use jiff::SignedDuration;
use jiff::civil::Date;
use praevnetz_domain::audit::{AuditAction, AuditEvent, ChangeContext, Channel, EntityKind};
use praevnetz_domain::error::{Field, Rule};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::ids::UserId;
use praevnetz_domain::territory::Ags;
use praevnetz_domain::text::{Email, Name};
use praevnetz_domain::time::{home_zone, local, parse_date};
use praevnetz_domain::user::{Role, Scope, User, UserData};
use praevnetz_store::AuditFilter;
use serde::Deserialize;

use crate::AppState;
use crate::account::change;
use crate::auth::password;
use crate::auth::token;
use crate::context::Ctx;
use crate::error::WebError;
use crate::forms::{Choice, FormErrors, code_choices};
use crate::page::{Chrome, render, render_invalid};
use crate::people::{PAGE_SIZE, Pager, page_number};
use crate::routing::{Gate, Routes};
use crate::snapshot::Snapshot;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/verwaltung", Gate::Admin, admin_home)
        .get("/verwaltung/benutzer", Gate::Admin, user_list)
        .get("/verwaltung/benutzer/neu", Gate::Admin, user_new)
        .post("/verwaltung/benutzer/neu", Gate::Admin, user_create)
        .get("/verwaltung/benutzer/{id}", Gate::Admin, user_show)
        .post("/verwaltung/benutzer/{id}", Gate::Admin, user_update)
        .post(
            "/verwaltung/benutzer/{id}/passwort-link",
            Gate::Admin,
            link_issue,
        )
        .get("/verwaltung/protokoll", Gate::Admin, audit_list)
        .get("/passwort-setzen/{token}", Gate::Public, link_show)
        .post("/passwort-setzen/{token}", Gate::Public, link_submit)
}

/// How long a set-password link works.
pub const LINK_HOURS: i64 = 72;

/// The section of the navigation.
const SECTION: &str = "/verwaltung";

// ------------------------------------------------------------------------------- helpers

/// A scope as a form value: `region:<slug>`, `kreis:<ags>`, `kommune:<ags>`.
fn scope_value(data: &Snapshot, scope: Scope) -> Option<String> {
    match scope {
        Scope::Region(id) => data
            .atlas
            .region(id)
            .map(|r| format!("region:{}", r.data.slug.as_str())),
        Scope::District(id) => data
            .atlas
            .district(id)
            .map(|d| format!("kreis:{}", d.data.ags.as_str())),
        Scope::Municipality(id) => data
            .atlas
            .municipality(id)
            .map(|m| format!("kommune:{}", m.data.ags.as_str())),
    }
}

/// The scope a form value names, if any.
fn parse_scope(data: &Snapshot, value: &str) -> Option<Scope> {
    let (level, key) = value.split_once(':')?;
    match level {
        "region" => data.atlas.region_by_slug(key).map(|r| Scope::Region(r.id)),
        "kreis" => data
            .atlas
            .district_by_ags(key)
            .map(|d| Scope::District(d.id)),
        "kommune" => Ags::parse(key)
            .ok()
            .and_then(|ags| data.atlas.municipality_by_ags(&ags))
            .map(|m| Scope::Municipality(m.id)),
        _ => None,
    }
}

/// A group of the scope choice.
struct ScopeGroup {
    label: &'static str,
    choices: Vec<Choice>,
}

/// Regions, districts and municipalities to choose scopes from; `chosen` are selected.
fn scope_groups(data: &Snapshot, lang: Lang, chosen: &[String]) -> Vec<ScopeGroup> {
    let texts = crate::i18n::texts();
    let choice = |value: String, label: String| Choice {
        selected: chosen.contains(&value),
        value,
        label,
    };
    vec![
        ScopeGroup {
            label: texts.get(lang, "admin-scope-regions"),
            choices: data
                .atlas
                .regions
                .iter()
                .map(|r| {
                    choice(
                        format!("region:{}", r.data.slug.as_str()),
                        r.data.name.to_string(),
                    )
                })
                .collect(),
        },
        ScopeGroup {
            label: texts.get(lang, "admin-scope-districts"),
            choices: data
                .atlas
                .districts
                .iter()
                .map(|d| {
                    choice(
                        format!("kreis:{}", d.data.ags.as_str()),
                        d.data.display_name(),
                    )
                })
                .collect(),
        },
        ScopeGroup {
            label: texts.get(lang, "admin-scope-municipalities"),
            choices: data
                .atlas
                .municipalities
                .iter()
                .map(|m| {
                    let district = data
                        .atlas
                        .district(m.district_id)
                        .map(|d| d.data.display_name())
                        .unwrap_or_default();
                    choice(
                        format!("kommune:{}", m.data.ags.as_str()),
                        format!("{} ({district})", m.data.display_name()),
                    )
                })
                .collect(),
        },
    ]
}

/// The languages to choose from, by their own names.
fn language_choices(lang: Lang, current: &str) -> Vec<Choice> {
    let texts = crate::i18n::texts();
    Lang::ALL
        .iter()
        .map(|l| {
            let id = match l {
                Lang::De => "admin-language-de",
                Lang::En => "admin-language-en",
            };
            Choice::new(l.code(), texts.get(lang, id), current)
        })
        .collect()
}

/// The account named by the path, or 404.
async fn account(state: &AppState, raw_id: &str) -> Result<User, WebError> {
    let id = raw_id.parse::<i64>().map_err(|_| WebError::NotFound)?;
    state
        .store
        .user(UserId::new(id))
        .await?
        .ok_or(WebError::NotFound)
}

/// A page that must not be kept by browsers or proxies (it shows a set-password link).
fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

// ---------------------------------------------------------------------------------- home

struct RoleCount {
    label: String,
    active: usize,
    inactive: usize,
    href: String,
}

struct AuditRow {
    when: String,
    when_iso: String,
    who: String,
    channel: String,
    action: String,
    entity: String,
    summary: String,
}

fn audit_row(event: AuditEvent, lang: Lang) -> AuditRow {
    let at = local(event.at);
    AuditRow {
        when: at.strftime("%d.%m.%Y %H:%M:%S").to_string(),
        when_iso: event.at.to_string(),
        who: event.user_email.map(|e| e.to_string()).unwrap_or_default(),
        channel: event.channel.label(lang),
        action: event.action.label(lang),
        entity: match event.entity_id {
            Some(id) => format!("{} {id}", event.entity.label(lang)),
            None => event.entity.label(lang),
        },
        summary: event.summary,
    }
}

#[derive(Template)]
#[template(path = "admin_home.html")]
struct HomePage<'a> {
    c: Chrome<'a>,
    roles: Vec<RoleCount>,
    accounts: usize,
    recent: Vec<AuditRow>,
}

async fn admin_home(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let users = state.store.users().await?;
    let roles = Role::ALL
        .iter()
        .map(|&role| RoleCount {
            label: role.label(ctx.lang),
            active: users
                .iter()
                .filter(|u| u.data.role == role && u.data.active)
                .count(),
            inactive: users
                .iter()
                .filter(|u| u.data.role == role && !u.data.active)
                .count(),
            href: format!("/verwaltung/benutzer?rolle={}", role.code()),
        })
        .collect();
    let recent = state
        .store
        .audit_events(&AuditFilter {
            limit: 10,
            ..AuditFilter::default()
        })
        .await?
        .into_iter()
        .map(|e| audit_row(e, ctx.lang))
        .collect();
    render(&HomePage {
        c: Chrome::new(&ctx, ctx.t("admin-title"), SECTION),
        roles,
        accounts: users.len(),
        recent,
    })
}

// ---------------------------------------------------------------------------------- list

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    rolle: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

struct UserRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    scopes: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    roles: Vec<Choice>,
    statuses: Vec<Choice>,
    rows: Vec<UserRow>,
    unknown_filter: bool,
}

async fn user_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let rolle = query.rolle.unwrap_or_default();
    let status = query.status.unwrap_or_default();
    let role_filter = (!rolle.is_empty()).then(|| Role::from_code(&rolle));
    let active = match status.as_str() {
        "" => None,
        "aktiv" => Some(Some(true)),
        "inaktiv" => Some(Some(false)),
        _ => Some(None),
    };
    let unknown_filter = matches!(role_filter, Some(None)) || matches!(active, Some(None));
    let rows = state
        .store
        .users()
        .await?
        .into_iter()
        .filter(|u| role_filter.is_none_or(|r| r == Some(u.data.role)))
        .filter(|u| active.is_none_or(|a| a == Some(u.data.active)))
        .map(|u| UserRow {
            id: u.id.get(),
            name: u.data.display_name.to_string(),
            email: u.data.email.to_string(),
            role: u.data.role.label(lang),
            scopes: crate::overview::scopes_text(&ctx.data, &u.data.scopes, lang),
            active: u.data.active,
        })
        .collect();
    let texts = ctx.texts();
    render(&ListPage {
        c: Chrome::new(&ctx, ctx.t("admin-users-title"), SECTION),
        roles: code_choices(Role::ALL, lang, &rolle),
        statuses: vec![
            Choice::new("aktiv", texts.get(lang, "admin-active"), &status),
            Choice::new("inaktiv", texts.get(lang, "admin-inactive"), &status),
        ],
        rows,
        unknown_filter,
    })
}

// ---------------------------------------------------------------------------------- form

/// The account form as typed.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct UserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    rolle: String,
    #[serde(default)]
    sprache: String,
    #[serde(default)]
    aktiv: String,
    #[serde(default)]
    scope: Vec<String>,
}

/// Fields posted more than once.
const MULTI: &[&str] = &["scope"];

/// The form field of a domain field.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Email => "email",
        Field::Role => "rolle",
        Field::Name | Field::DisplayName => "name",
        _ => "scope",
    }
}

impl UserForm {
    fn of(data: &Snapshot, user: &User) -> UserForm {
        UserForm {
            email: user.data.email.to_string(),
            name: user.data.display_name.to_string(),
            rolle: user.data.role.code().to_owned(),
            sprache: user.data.language.code().to_owned(),
            aktiv: if user.data.active { "ja" } else { "" }.to_owned(),
            scope: user
                .data
                .scopes
                .iter()
                .filter_map(|s| scope_value(data, *s))
                .collect(),
        }
    }

    /// The account data, or the errors beside their fields. `before` keeps what the form does
    /// not show (the linked person).
    fn parse(
        &self,
        data: &Snapshot,
        before: Option<&UserData>,
        errors: &mut FormErrors,
    ) -> Option<UserData> {
        let email = errors.parse("email", &self.email, Email::parse);
        let name = errors.parse("name", &self.name, Name::parse);
        let role = errors.parse("rolle", &self.rolle, Role::parse);
        let language = Lang::from_tag(&self.sprache);
        if language.is_none() {
            errors.rule(
                "sprache",
                &Rule::UnknownCode {
                    found: self.sprache.chars().take(40).collect(),
                    allowed: "de, en".to_owned(),
                },
            );
        }
        let mut scopes = Vec::new();
        for value in &self.scope {
            match parse_scope(data, value) {
                Some(scope) if !scopes.contains(&scope) => scopes.push(scope),
                Some(_) => {}
                None => errors.rule(
                    "scope",
                    &Rule::UnknownReference {
                        key: value.chars().take(40).collect(),
                    },
                ),
            }
        }
        // Everybody but an administrator works within a scope; without one they would see
        // nothing.
        if role.is_some_and(|r| r != Role::Admin) && scopes.is_empty() {
            errors.rule("scope", &Rule::Required);
        }
        Some(UserData {
            email: email?,
            display_name: name?,
            role: role?,
            scopes,
            language: language?,
            active: self.aktiv == "ja",
            person_id: before.and_then(|b| b.person_id),
        })
        .filter(|_| errors.is_empty())
    }
}

#[derive(Template)]
#[template(path = "admin_user.html")]
struct UserPage<'a> {
    c: Chrome<'a>,
    /// `None` for a new account.
    id: Option<i64>,
    form: UserForm,
    errors: FormErrors,
    roles: Vec<Choice>,
    languages: Vec<Choice>,
    scopes: Vec<ScopeGroup>,
    /// A link just issued, shown once.
    link: Option<String>,
    link_until: String,
    /// A notice after saving.
    saved: bool,
    history: Vec<AuditRow>,
}

impl UserPage<'_> {
    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("/verwaltung/benutzer/{id}"),
            None => "/verwaltung/benutzer/neu".to_owned(),
        }
    }
}

/// The account page with `form`.
async fn user_page<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    id: Option<UserId>,
    form: UserForm,
    errors: FormErrors,
) -> Result<UserPage<'a>, WebError> {
    let lang = ctx.lang;
    let history = match id {
        Some(id) => state
            .store
            .audit_events(&AuditFilter {
                entity: Some(EntityKind::User),
                entity_id: Some(id.get()),
                limit: 10,
                ..AuditFilter::default()
            })
            .await?
            .into_iter()
            .map(|e| audit_row(e, lang))
            .collect(),
        None => Vec::new(),
    };
    let title = match id {
        Some(_) => form.name.clone(),
        None => ctx.t("admin-user-new").to_owned(),
    };
    Ok(UserPage {
        c: Chrome::new(ctx, title, SECTION),
        id: id.map(UserId::get),
        roles: code_choices(Role::ALL, lang, &form.rolle),
        languages: language_choices(lang, &form.sprache),
        scopes: scope_groups(&ctx.data, lang, &form.scope),
        form,
        errors,
        link: None,
        link_until: String::new(),
        saved: false,
        history,
    })
}

async fn user_new(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    let form = UserForm {
        rolle: Role::Member.code().to_owned(),
        sprache: Lang::De.code().to_owned(),
        aktiv: "ja".to_owned(),
        ..UserForm::default()
    };
    let page = user_page(&state, &ctx, None, form, FormErrors::new(ctx.lang)).await?;
    render(&page)
}

async fn user_create(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let form: UserForm = crate::picker::decode(&body, MULTI)?;
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = form.parse(&ctx.data, None, &mut errors) {
        match state
            .store
            .create_user(&change(&state, &ctx), &data, None)
            .await
        {
            // A new account has no password yet: its first link comes with it.
            Ok(id) => return issued(&state, &ctx, &headers, &User { id, data }).await,
            Err(e) => errors.store(e, field_name)?,
        }
    }
    let page = user_page(&state, &ctx, None, form, errors).await?;
    render_invalid(&page)
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ShowQuery {
    #[serde(default)]
    gespeichert: Option<String>,
}

async fn user_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, WebError> {
    let user = account(&state, &raw_id).await?;
    let form = UserForm::of(&ctx.data, &user);
    let mut page = user_page(&state, &ctx, Some(user.id), form, FormErrors::new(ctx.lang)).await?;
    page.saved = query.gespeichert.is_some();
    render(&page)
}

async fn user_update(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let user = account(&state, &raw_id).await?;
    let form: UserForm = crate::picker::decode(&body, MULTI)?;
    let mut errors = FormErrors::new(ctx.lang);
    if let Some(data) = form.parse(&ctx.data, Some(&user.data), &mut errors) {
        match state
            .store
            .update_user(&change(&state, &ctx), user.id, &data)
            .await
        {
            Ok(()) => {
                // Whose rights changed logs in again; for one's own account the gate sends
                // the next request to the login, which comes back here.
                let target = format!("/verwaltung/benutzer/{}?gespeichert=1", user.id.get());
                return Ok(Redirect::to(&target).into_response());
            }
            Err(e) => errors.store(e, field_name)?,
        }
    }
    let page = user_page(&state, &ctx, Some(user.id), form, errors).await?;
    render_invalid(&page)
}

// ------------------------------------------------------------------------------- links

async fn link_issue(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let user = account(&state, &raw_id).await?;
    if !user.data.active {
        // A link for a deactivated account would not work; say so beside the form.
        let mut errors = FormErrors::new(ctx.lang);
        errors.general_message(ctx.t("admin-link-inactive").to_owned());
        let form = UserForm::of(&ctx.data, &user);
        let page = user_page(&state, &ctx, Some(user.id), form, errors).await?;
        return render_invalid(&page);
    }
    issued(&state, &ctx, &headers, &user).await
}

/// Issues a link for `user` and shows the account page with it, once.
async fn issued(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    user: &User,
) -> Result<Response, WebError> {
    let id = user.id;
    let secret = token::random_token().map_err(|e| WebError::Internal(e.to_string()))?;
    let change = change(state, ctx);
    let until = change
        .at
        .checked_add(SignedDuration::from_hours(LINK_HOURS))
        .map_err(|e| WebError::Internal(e.to_string()))?;
    state
        .store
        .create_password_link(&change, &token::session_key(&secret), id, until)
        .await?;
    tracing::info!(user = %id, "set-password link issued");
    let form = UserForm::of(&ctx.data, user);
    let mut page = user_page(state, ctx, Some(id), form, FormErrors::new(ctx.lang)).await?;
    page.link = Some(format!(
        "{}/passwort-setzen/{secret}",
        crate::page::public_base(state, headers)
    ));
    page.link_until = local(until).strftime("%d.%m.%Y %H:%M").to_string();
    Ok(no_store(render(&page)?))
}

#[derive(Template)]
#[template(path = "password_link.html")]
struct LinkPage<'a> {
    c: Chrome<'a>,
    action: String,
    account: String,
    min_length: usize,
    errors: FormErrors,
    done: bool,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct LinkForm {
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

/// The account a link would set the password of, or the page saying the link does not work.
async fn link_account(state: &AppState, secret: &str) -> Result<User, Response> {
    let found = if secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_alphanumeric()) {
        state
            .store
            .password_link_user(&token::session_key(secret), state.clock.now())
            .await
            .map_err(|e| WebError::from(e).into_response())?
    } else {
        None
    };
    found.ok_or_else(|| WebError::LinkInvalid.into_response())
}

async fn link_show(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(secret): Path<String>,
) -> Result<Response, WebError> {
    let user = match link_account(&state, &secret).await {
        Ok(user) => user,
        Err(response) => return Ok(response),
    };
    let page = LinkPage {
        c: Chrome::new(&ctx, ctx.t("link-title"), ""),
        action: format!("/passwort-setzen/{secret}"),
        account: user.data.email.to_string(),
        min_length: password::MIN_LENGTH,
        errors: FormErrors::new(ctx.lang),
        done: false,
    };
    Ok(no_store(render(&page)?))
}

async fn link_submit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Path(secret): Path<String>,
    Form(form): Form<LinkForm>,
) -> Result<Response, WebError> {
    let user = match link_account(&state, &secret).await {
        Ok(user) => user,
        Err(response) => return Ok(response),
    };
    let mut errors = FormErrors::new(ctx.lang);
    if form.new.chars().count() < password::MIN_LENGTH {
        errors.message("new", ctx.t("password-error-short").to_owned());
    } else if form.new.len() > password::MAX_LENGTH {
        errors.message("new", ctx.t("password-error-long").to_owned());
    } else if form.new != form.repeat {
        errors.message("repeat", ctx.t("password-error-repeat").to_owned());
    }
    let mut page = LinkPage {
        c: Chrome::new(&ctx, ctx.t("link-title"), ""),
        action: format!("/passwort-setzen/{secret}"),
        account: user.data.email.to_string(),
        min_length: password::MIN_LENGTH,
        errors,
        done: false,
    };
    if !page.errors.is_empty() {
        return Ok(no_store(render_invalid(&page)?));
    }
    let hash = state
        .hasher
        .hash(&form.new)
        .await
        .map_err(crate::account::hash_error)?;
    let change = ChangeContext {
        user_id: Some(user.id),
        channel: Channel::Web,
        at: state.clock.now(),
    };
    let redeemed = state
        .store
        .redeem_password_link(&change, &token::session_key(&secret), &hash)
        .await?;
    if redeemed.is_none() {
        // Used or voided between showing the form and sending it.
        return Ok(WebError::LinkInvalid.into_response());
    }
    tracing::info!(user = %user.id, "password set by link");
    page.done = true;
    Ok(no_store(render(&page)?))
}

// ---------------------------------------------------------------------------------- audit

#[derive(Debug, Default, Deserialize)]
pub(crate) struct AuditQuery {
    #[serde(default)]
    bereich: Option<String>,
    #[serde(default)]
    aktion: Option<String>,
    #[serde(default)]
    benutzer: Option<String>,
    #[serde(default)]
    von: Option<String>,
    #[serde(default)]
    bis: Option<String>,
    #[serde(default)]
    seite: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage<'a> {
    c: Chrome<'a>,
    entities: Vec<Choice>,
    actions: Vec<Choice>,
    accounts: Vec<Choice>,
    von: String,
    bis: String,
    errors: FormErrors,
    rows: Vec<AuditRow>,
    pager: Pager,
}

/// The accounts, for the filter of the log.
async fn account_choices(state: &AppState, current: &str) -> Result<Vec<Choice>, WebError> {
    Ok(state
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| {
            Choice::new(
                u.id.get().to_string(),
                format!("{} ({})", u.data.display_name, u.data.email),
                current,
            )
        })
        .collect())
}

/// The start of `date` in the home zone.
fn day_start(date: Date) -> Option<jiff::Timestamp> {
    date.to_zoned(home_zone()).ok().map(|z| z.timestamp())
}

async fn audit_list(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<AuditQuery>,
) -> Result<Response, WebError> {
    let lang = ctx.lang;
    let text = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_owned();
    let (bereich, aktion, benutzer, von, bis) = (
        text(&query.bereich),
        text(&query.aktion),
        text(&query.benutzer),
        text(&query.von),
        text(&query.bis),
    );
    let mut errors = FormErrors::new(lang);
    let entity = errors.optional("bereich", &bereich, EntityKind::parse);
    let kind = errors.optional("aktion", &aktion, AuditAction::parse);
    let user = errors.optional("benutzer", &benutzer, |raw| {
        raw.parse::<i64>()
            .map(UserId::new)
            .map_err(|_| Rule::NotAnInteger {
                found: raw.chars().take(40).collect(),
            })
    });
    let since = errors.optional("von", &von, parse_date);
    let until = errors.optional("bis", &bis, parse_date);
    if let (Some(Some(s)), Some(Some(u))) = (since, until)
        && s > u
    {
        errors.rule(
            "bis",
            &Rule::DateOrder {
                since: s.to_string(),
                until: u.to_string(),
            },
        );
    }
    let page = page_number(query.seite.as_deref().unwrap_or(""));
    let filter = AuditFilter {
        entity: entity.flatten(),
        entity_id: None,
        user_id: user.flatten(),
        action: kind.flatten(),
        since: since.flatten().and_then(day_start),
        // Up to and including the day named.
        until: until
            .flatten()
            .and_then(|d| d.tomorrow().ok())
            .and_then(day_start),
        limit: PAGE_SIZE,
        offset: Pager::offset(page),
    };
    let (rows, total) = if errors.is_empty() {
        let rows = state
            .store
            .audit_events(&filter)
            .await?
            .into_iter()
            .map(|e| audit_row(e, lang))
            .collect();
        (rows, state.store.count_audit_events(&filter).await?)
    } else {
        (Vec::new(), 0)
    };
    let pager = Pager::new(
        "/verwaltung/protokoll",
        &[
            ("bereich", &bereich),
            ("aktion", &aktion),
            ("benutzer", &benutzer),
            ("von", &von),
            ("bis", &bis),
        ],
        page,
        total,
    );
    let accounts = account_choices(&state, &benutzer).await?;
    let page_view = AuditPage {
        c: Chrome::new(&ctx, ctx.t("admin-audit-title"), SECTION),
        entities: code_choices(EntityKind::ALL, lang, &bereich),
        actions: code_choices(AuditAction::ALL, lang, &aktion),
        accounts,
        von,
        bis,
        errors,
        rows,
        pager,
    };
    if page_view.errors.is_empty() {
        render(&page_view)
    } else {
        render_invalid(&page_view)
    }
}

//! Logging in and out, changing one's password, choosing the language.

use std::sync::Arc;
use std::time::Instant;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use jiff::SignedDuration;
use praevnetz_domain::audit::{ChangeContext, Channel};
use praevnetz_domain::i18n::Lang;
use praevnetz_domain::text::Email;
use serde::Deserialize;

use crate::AppState;
use crate::auth::password::{self, HashError};
use crate::auth::{cookie, token};
use crate::context::{Ctx, LANG_COOKIE, SESSION_COOKIE, set_cookie};
use crate::error::{Rendered, WebError};
use crate::page::{Chrome, render};
use crate::routing::{Gate, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/anmelden", Gate::Public, login_show)
        .post("/anmelden", Gate::Public, login_submit)
        .post("/abmelden", Gate::Public, logout_submit)
        .get("/konto/passwort", Gate::LoggedIn, password_show)
        .post("/konto/passwort", Gate::LoggedIn, password_submit)
        .post("/sprache", Gate::Public, language_submit)
}

/// A path on this site to return to; anything else (other hosts, `//host`, schemes) is
/// replaced by the overview.
pub(crate) fn local_target(target: Option<&str>) -> &str {
    match target {
        Some(t) if t.starts_with('/') && !t.starts_with("//") && !t.starts_with("/\\") => t,
        _ => "/",
    }
}

/// The change context of a logged-in request.
pub(crate) fn change(state: &AppState, ctx: &Ctx) -> ChangeContext {
    ChangeContext {
        user_id: ctx.principal().map(|p| p.user.id),
        channel: Channel::Web,
        at: state.clock.now(),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    c: Chrome<'a>,
    email: String,
    next: String,
    error: Option<&'static str>,
}

#[derive(Deserialize)]
pub(crate) struct NextQuery {
    weiter: Option<String>,
}

async fn login_show(
    Extension(ctx): Extension<Arc<Ctx>>,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    let next = local_target(query.weiter.as_deref()).to_owned();
    if ctx.principal().is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    render(&LoginPage {
        c: Chrome::new(&ctx, ctx.t("login-title"), ""),
        email: String::new(),
        next,
        error: None,
    })
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    weiter: Option<String>,
}

async fn login_submit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let next = local_target(form.weiter.as_deref()).to_owned();
    let again = |error: &'static str, status: StatusCode| -> Result<Response, WebError> {
        let page = LoginPage {
            c: Chrome::new(&ctx, ctx.t("login-title"), ""),
            email: form.email.chars().take(320).collect(),
            next: next.clone(),
            error: Some(error),
        };
        let mut response = (status, Html(page.render()?)).into_response();
        response.extensions_mut().insert(Rendered);
        Ok(response)
    };
    let Ok(email) = Email::parse(&form.email) else {
        return again("login-error-email", StatusCode::UNPROCESSABLE_ENTITY);
    };
    let account_key = email.normalized();
    let now = Instant::now();
    if let Some(wait) = state.throttle.wait(&account_key, ctx.client, now) {
        tracing::warn!(account = %account_key, "login refused: throttled");
        return Err(WebError::TooManyAttempts(wait.as_secs().div_ceil(60)));
    }
    if form.password.len() > password::MAX_LENGTH {
        state.throttle.fail(&account_key, ctx.client, now);
        return again("login-error-failed", StatusCode::UNPROCESSABLE_ENTITY);
    }
    let user = state
        .store
        .user_by_email(&email)
        .await?
        .filter(|u| u.data.active);
    let hash = match &user {
        Some(u) => state.store.password_hash(u.id).await?,
        None => None,
    };
    let ok = state
        .hasher
        .verify(&form.password, hash.as_deref())
        .await
        .map_err(hash_error)?;
    let Some(user) = user.filter(|_| ok) else {
        state.throttle.fail(&account_key, ctx.client, now);
        tracing::info!(account = %account_key, "login failed");
        return again("login-error-failed", StatusCode::UNPROCESSABLE_ENTITY);
    };
    state.throttle.succeed(&account_key);
    // A new session for every login: a token planted before login is worth nothing after.
    if let Some(old) = &ctx.session {
        state.store.delete_session(&old.key).await?;
    }
    let mut response = Redirect::to(&next).into_response();
    start_session(&state, user.id, &mut response).await?;
    tracing::info!(user = %user.id, "logged in");
    Ok(response)
}

/// Creates a session for `user` and sets its cookie on `response`.
async fn start_session(
    state: &AppState,
    user: praevnetz_domain::ids::UserId,
    response: &mut Response,
) -> Result<(), WebError> {
    let session_token = token::random_token().map_err(|e| WebError::Internal(e.to_string()))?;
    let csrf = token::random_token().map_err(|e| WebError::Internal(e.to_string()))?;
    let now = state.clock.now();
    let hours = i64::from(state.settings.session_hours.max(1));
    let expires = now
        .checked_add(SignedDuration::from_hours(hours))
        .map_err(|e| WebError::Internal(e.to_string()))?;
    state
        .store
        .create_session(
            &token::session_key(&session_token),
            user,
            &csrf,
            now,
            expires,
        )
        .await?;
    set_cookie(
        response,
        &cookie(
            SESSION_COOKIE,
            &session_token,
            &state.settings,
            Some(SignedDuration::from_hours(hours)),
        ),
    );
    Ok(())
}

pub(crate) fn hash_error(error: HashError) -> WebError {
    match error {
        HashError::Busy => WebError::Unavailable("password hashing busy".into()),
        HashError::Failed(cause) => WebError::Internal(cause),
    }
}

async fn logout_submit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
) -> Result<Response, WebError> {
    if let Some(session) = &ctx.session {
        state.store.delete_session(&session.key).await?;
        tracing::info!(user = %session.principal.user.id, "logged out");
    }
    let mut response = Redirect::to("/anmelden").into_response();
    set_cookie(
        &mut response,
        &cookie(
            SESSION_COOKIE,
            "",
            &state.settings,
            Some(SignedDuration::ZERO),
        ),
    );
    Ok(response)
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage<'a> {
    c: Chrome<'a>,
    errors: PasswordErrors,
    done: bool,
    min_length: usize,
}

#[derive(Default)]
struct PasswordErrors {
    current: Option<&'static str>,
    new: Option<&'static str>,
    repeat: Option<&'static str>,
}

impl PasswordErrors {
    fn any(&self) -> bool {
        self.current.is_some() || self.new.is_some() || self.repeat.is_some()
    }
}

async fn password_show(Extension(ctx): Extension<Arc<Ctx>>) -> Result<Response, WebError> {
    render(&PasswordPage {
        c: Chrome::new(&ctx, ctx.t("password-title"), ""),
        errors: PasswordErrors::default(),
        done: false,
        min_length: password::MIN_LENGTH,
    })
}

#[derive(Deserialize)]
pub(crate) struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

async fn password_submit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let Some(principal) = ctx.principal() else {
        return Err(WebError::SessionEnded);
    };
    let user = principal.user.id;
    let mut errors = PasswordErrors::default();
    let length = form.new.chars().count();
    if length < password::MIN_LENGTH {
        errors.new = Some("password-error-short");
    } else if form.new.len() > password::MAX_LENGTH {
        errors.new = Some("password-error-long");
    } else if form.new != form.repeat {
        errors.repeat = Some("password-error-repeat");
    }
    if !errors.any() {
        let hash = state.store.password_hash(user).await?;
        let ok = form.current.len() <= password::MAX_LENGTH
            && state
                .hasher
                .verify(&form.current, hash.as_deref())
                .await
                .map_err(hash_error)?;
        if !ok {
            errors.current = Some("password-error-current");
        }
    }
    if errors.any() {
        let page = PasswordPage {
            c: Chrome::new(&ctx, ctx.t("password-title"), ""),
            errors,
            done: false,
            min_length: password::MIN_LENGTH,
        };
        let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response();
        response.extensions_mut().insert(Rendered);
        return Ok(response);
    }
    let hash = state.hasher.hash(&form.new).await.map_err(hash_error)?;
    state
        .store
        .set_password_hash(&change(&state, &ctx), user, &hash)
        .await?;
    // Every other browser logged in with the old password is logged out; this one gets a
    // fresh session.
    state.store.delete_sessions_of(user).await?;
    let page = PasswordPage {
        c: Chrome::new(&ctx, ctx.t("password-title"), ""),
        errors: PasswordErrors::default(),
        done: true,
        min_length: password::MIN_LENGTH,
    };
    let mut response = Html(page.render()?).into_response();
    start_session(&state, user, &mut response).await?;
    Ok(response)
}

#[derive(Deserialize)]
pub(crate) struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    weiter: Option<String>,
}

async fn language_submit(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<Arc<Ctx>>,
    Form(form): Form<LanguageForm>,
) -> Result<Response, WebError> {
    let Some(lang) = Lang::from_tag(&form.lang) else {
        return Err(WebError::BadRequest);
    };
    if let Some(principal) = ctx.principal()
        && principal.user.data.language != lang
    {
        let mut data = principal.user.data.clone();
        data.language = lang;
        state
            .store
            .update_user(&change(&state, &ctx), principal.user.id, &data)
            .await?;
    }
    let mut response = Redirect::to(local_target(form.weiter.as_deref())).into_response();
    set_cookie(
        &mut response,
        &cookie(
            LANG_COOKIE,
            lang.code(),
            &state.settings,
            Some(SignedDuration::from_hours(24 * 365)),
        ),
    );
    Ok(response)
}

//! What every request knows about itself before a handler runs: its id, the language, the
//! logged-in user (with their areas resolved), the CSRF token its forms must carry, and the
//! territory. Built once per request by [`attach`], which also turns bare error answers (from
//! handlers, unknown paths, the body limit, timeouts, panics) into pages in the user's
//! language that show the request id.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use praevnetz_domain::i18n::Lang;

use crate::AppState;
use crate::auth::{self, token};
use crate::error::{self, WebError};
use crate::i18n::{self, Texts};
use crate::policy::Principal;
use crate::snapshot::Snapshot;

/// The cookie that carries the session token.
pub const SESSION_COOKIE: &str = "pn_session";
/// The cookie that carries the token of forms sent before login.
pub const FORM_COOKIE: &str = "pn_form";
/// The cookie that keeps the language chosen before login.
pub const LANG_COOKIE: &str = "pn_lang";

/// A logged-in request.
#[derive(Debug)]
pub struct Session {
    /// The hash the session is stored under.
    pub key: String,
    /// The token its forms carry.
    pub csrf: String,
    /// The user.
    pub principal: Principal,
}

/// The request's context, handed to handlers as an extractor.
#[derive(Debug)]
pub struct Ctx {
    /// The request id (also in the logs and on error pages).
    pub request_id: String,
    /// The language pages are shown in.
    pub lang: Lang,
    /// Path and query of the request, to come back to after login or a language switch.
    pub target: String,
    /// The client's address, if known (login throttling).
    pub client: Option<IpAddr>,
    /// The session, if logged in.
    pub session: Option<Session>,
    /// The pre-login form token (from its cookie, or new).
    form_token: String,
    /// Whether the form token is new and its cookie must be set.
    new_form_token: bool,
    /// The network's shared data (territory, programme, problems, meetings).
    pub data: Arc<Snapshot>,
}

impl Ctx {
    /// The logged-in user.
    pub fn principal(&self) -> Option<&Principal> {
        self.session.as_ref().map(|s| &s.principal)
    }

    /// The token this request's forms must carry back.
    pub fn csrf(&self) -> &str {
        self.session
            .as_ref()
            .map_or(self.form_token.as_str(), |s| s.csrf.as_str())
    }

    /// A message without arguments.
    pub fn t<'a>(&self, id: &'a str) -> &'a str {
        i18n::texts().get(self.lang, id)
    }

    /// The catalogue.
    pub fn texts(&self) -> &'static Texts {
        i18n::texts()
    }
}

/// The value of cookie `name` in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name_raw() == Some(name))
        .and_then(|c| c.value_raw())
}

/// Paths that need no session lookup (assets and the health check are served to anybody and
/// should not cost a database query).
fn needs_session(path: &str) -> bool {
    !(path.starts_with("/static/") || path == "/healthz")
}

/// Builds the context, runs the request, and turns bare error answers into pages.
pub(crate) async fn attach(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let browser_lang = i18n::negotiate(
        None,
        cookie(headers, LANG_COOKIE),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let (form_token, new_form_token) = match cookie(headers, FORM_COOKIE) {
        Some(t) if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) => {
            (t.to_owned(), false)
        }
        _ => match token::random_token() {
            Ok(t) => (t, true),
            Err(e) => {
                return error::page(
                    &WebError::Internal(e.to_string()),
                    browser_lang,
                    &request_id,
                );
            }
        },
    };
    let session_token = cookie(headers, SESSION_COOKIE).map(str::to_owned);
    let path = request.uri().path().to_owned();
    let built = if needs_session(&path) {
        load(&state, session_token.as_deref()).await
    } else {
        Ok((Arc::new(Snapshot::default()), None))
    };
    let (data, session) = match built {
        Ok(built) => built,
        Err(e) => return error::page(&e, browser_lang, &request_id),
    };
    let lang = i18n::negotiate(
        session.as_ref().map(|s| s.principal.user.data.language),
        cookie(request.headers(), LANG_COOKIE),
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let ctx = Arc::new(Ctx {
        request_id: request_id.clone(),
        lang,
        target,
        client,
        session,
        form_token,
        new_form_token,
        data,
    });
    request.extensions_mut().insert(ctx.clone());
    let mut response = next.run(request).await;
    if response.status().is_client_error() || response.status().is_server_error() {
        response = error::decorate(response, ctx.lang, &ctx.request_id);
    }
    if ctx.new_form_token {
        let cookie = auth::cookie(FORM_COOKIE, &ctx.form_token, &state.settings, None);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

async fn load(
    state: &AppState,
    token: Option<&str>,
) -> Result<(Arc<Snapshot>, Option<Session>), WebError> {
    let data = state.snapshot().await?;
    let Some(token) = token else {
        return Ok((data, None));
    };
    let key = token::session_key(token);
    let now = state.clock.now();
    let Some(found) = state.store.session(&key, now).await? else {
        return Ok((data, None));
    };
    let principal = Principal::new(found.user, &data.atlas);
    Ok((
        data,
        Some(Session {
            key,
            csrf: found.csrf_token,
            principal,
        }),
    ))
}

/// Sets the given response's `Set-Cookie` for `name`.
pub fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

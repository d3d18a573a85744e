//! The web layer's errors and the pages that tell users about them.
//!
//! Handlers return [`WebError`]; it becomes a bare response carrying the error, and the
//! context middleware renders every bare 4xx/5xx answer (also those of unknown paths, the body
//! limit, timeouts and caught panics) as a page in the user's language with the request id.
//! Server errors are logged with their cause; the page shows only the request id.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use praevnetz_domain::i18n::Lang;
use praevnetz_store::StoreError;

use crate::i18n::texts;

/// Something a request could not do.
#[derive(Clone, Debug, thiserror::Error)]
pub enum WebError {
    /// No such object, or one the user may not read (the same answer, so nothing leaks).
    #[error("not found")]
    NotFound,
    /// The user may read but not do this.
    #[error("forbidden")]
    Forbidden,
    /// A form came without the token of its session.
    #[error("form token missing or wrong")]
    CsrfMismatch,
    /// A form came after its session ended.
    #[error("session ended")]
    SessionEnded,
    /// A set-password link that does not work: unknown, used, expired, or its account
    /// deactivated (one answer for all, so links cannot be probed).
    #[error("set-password link not valid")]
    LinkInvalid,
    /// A request the server cannot make sense of (a malformed query, say).
    #[error("bad request")]
    BadRequest,
    /// Too many failed logins; try again after this many minutes.
    #[error("too many attempts")]
    TooManyAttempts(u64),
    /// The request does not fit the object's state (a topic for a meeting that is over).
    #[error("conflict")]
    Conflict,
    /// A long computation is under way (this far, in per cent); another must wait for it.
    #[error("busy")]
    Busy(u64),
    /// The database does not answer, or the server is too busy right now.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A fault of ours.
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound | WebError::LinkInvalid => StatusCode::NOT_FOUND,
            WebError::Forbidden | WebError::CsrfMismatch | WebError::SessionEnded => {
                StatusCode::FORBIDDEN
            }
            WebError::BadRequest => StatusCode::BAD_REQUEST,
            WebError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Busy(_) | WebError::Conflict => StatusCode::CONFLICT,
            WebError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> WebError {
        match error {
            StoreError::NotFound { .. } => WebError::NotFound,
            StoreError::Database(
                sqlx_error @ (sqlx::Error::Io(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::WorkerCrashed
                | sqlx::Error::Tls(_)
                | sqlx::Error::Protocol(_)),
            ) => WebError::Unavailable(sqlx_error.to_string()),
            StoreError::Connect { .. } => WebError::Unavailable(error.to_string()),
            other => {
                let mut cause = other.to_string();
                let mut source = std::error::Error::source(&other);
                while let Some(s) = source {
                    cause.push_str(": ");
                    cause.push_str(&s.to_string());
                    source = s.source();
                }
                WebError::Internal(cause)
            }
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(error: askama::Error) -> WebError {
        WebError::Internal(format!("template: {error}"))
    }
}

/// Marks a response whose error status comes with its own page (a form shown again with its
/// errors), which the middleware must leave alone.
#[derive(Clone, Copy, Debug)]
pub struct Rendered;

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    lang: &'a str,
    title: String,
    message: String,
    hint: Option<String>,
    request_id: &'a str,
    request_id_label: &'a str,
    home: &'a str,
    login: Option<&'a str>,
}

/// The page for an error answer, unless it has one already or is meant for programs (JSON).
pub(crate) fn decorate(response: Response, lang: Lang, request_id: &str) -> Response {
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if json || response.extensions().get::<Rendered>().is_some() {
        return response;
    }
    let error = response.extensions().get::<WebError>().cloned();
    let status = response.status();
    let headers = response.headers().clone();
    let mut page = match error {
        Some(error) => page(&error, lang, request_id),
        None => render(status, lang, request_id, None),
    };
    // Keep what the answer said about waiting and allowed methods.
    for name in [header::RETRY_AFTER, header::ALLOW, header::SET_COOKIE] {
        for value in headers.get_all(&name) {
            page.headers_mut().append(name.clone(), value.clone());
        }
    }
    page
}

/// The page for an error.
pub(crate) fn page(error: &WebError, lang: Lang, request_id: &str) -> Response {
    match error {
        WebError::Unavailable(cause) => tracing::warn!(%cause, "answered 503"),
        WebError::Internal(cause) => tracing::error!(%cause, "answered 500"),
        _ => {}
    }
    let mut response = render(error.status(), lang, request_id, Some(error));
    match error {
        WebError::Unavailable(_) => {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        }
        WebError::TooManyAttempts(minutes) => {
            if let Ok(value) = HeaderValue::from_str(&(minutes * 60).to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        _ => {}
    }
    response
}

fn render(status: StatusCode, lang: Lang, request_id: &str, error: Option<&WebError>) -> Response {
    let t = texts();
    let key = match (status.as_u16(), error) {
        (_, Some(WebError::CsrfMismatch)) => "csrf",
        (_, Some(WebError::SessionEnded)) => "session-ended",
        (_, Some(WebError::LinkInvalid)) => "link-invalid",
        (_, Some(WebError::Busy(_))) => "busy",
        (_, Some(WebError::Conflict)) => "conflict",
        (403, _) => "forbidden",
        (404, _) => "not-found",
        (405, _) => "method",
        (408, _) => "timeout",
        (413, _) => "too-large",
        (429, _) => "too-many",
        (503, _) => "unavailable",
        (400..=499, _) => "bad-request",
        _ => "internal",
    };
    let message_id = format!("error-{key}");
    let hint = if let Some(WebError::Busy(percent)) = error {
        Some(t.format(
            lang,
            "error-busy-hint",
            &praevnetz_domain::i18n::Args::new().number("percent", *percent as f64),
        ))
    } else if let Some(WebError::TooManyAttempts(minutes)) = error {
        Some(
            t.format(
                lang,
                "error-too-many-hint",
                &praevnetz_domain::i18n::Args::new()
                    .number("minutes", u32::try_from(*minutes).unwrap_or(u32::MAX)),
            ),
        )
    } else {
        let hint_id = format!("error-{key}-hint");
        t.catalog()
            .has(lang, &hint_id)
            .then(|| t.get(lang, &hint_id).to_owned())
    };
    let login = matches!(error, Some(WebError::SessionEnded | WebError::CsrfMismatch))
        .then(|| t.get(lang, "nav-login"));
    let page = ErrorPage {
        lang: lang.code(),
        title: t.get(lang, &format!("{message_id}-title")).to_owned(),
        message: t.get(lang, &message_id).to_owned(),
        hint,
        request_id,
        request_id_label: t.get(lang, "error-request-id"),
        home: t.get(lang, "nav-overview"),
        login,
    };
    let body = page.render().unwrap_or_else(|_| status.to_string());
    let mut response = (status, Html(body)).into_response();
    response.extensions_mut().insert(Rendered);
    response
}

//! The one way to add a route: every route names its [`Gate`], the decision taken before the
//! handler runs, and every `POST` route checks the form's CSRF token. `Router::route` is
//! disallowed elsewhere (clippy.toml), so a route without a policy decision does not compile
//! through the lints. Handlers then decide about the objects they touch through
//! [`crate::policy`].

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};

use crate::AppState;
use crate::auth::token;
use crate::context::Ctx;
use crate::error::WebError;
use crate::middleware::BODY_LIMIT;

/// Who may reach a route at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Everybody, logged in or not (login page, about page, assets, health).
    Public,
    /// Logged-in users; what they see and change is decided by the handler through the policy.
    LoggedIn,
    /// Administrators only.
    Admin,
}

/// One route as registered: for the role-by-route tests and the documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteSpec {
    /// `GET` or `POST`.
    pub method: Method,
    /// The path pattern (`/kommunen/{ags}`).
    pub path: &'static str,
    /// The gate.
    pub gate: Gate,
}

pub(crate) type Shared = Arc<AppState>;

/// Routes under construction, with their table.
pub(crate) struct Routes {
    router: Router<Shared>,
    table: Vec<RouteSpec>,
}

impl Routes {
    pub(crate) fn new() -> Routes {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    /// A page or resource read with `GET` (and `HEAD`).
    pub(crate) fn get<H, T>(self, path: &'static str, gate: Gate, handler: H) -> Routes
    where
        H: Handler<T, Shared>,
        T: 'static,
    {
        self.add(Method::GET, path, gate, get(handler))
    }

    /// A form submission; its CSRF token is checked before the handler runs.
    pub(crate) fn post<H, T>(self, path: &'static str, gate: Gate, handler: H) -> Routes
    where
        H: Handler<T, Shared>,
        T: 'static,
    {
        let method_router = post(handler).route_layer(from_fn(check_csrf));
        self.add(Method::POST, path, gate, method_router)
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        gate: Gate,
        method_router: MethodRouter<Shared>,
    ) -> Routes {
        let method_router = method_router.route_layer(from_fn_with_state(gate, check_gate));
        #[allow(
            clippy::disallowed_methods,
            reason = "this is the one place routes are added, each with its gate"
        )]
        {
            self.router = self.router.route(path, method_router);
        }
        self.table.push(RouteSpec { method, path, gate });
        self
    }

    pub(crate) fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    pub(crate) fn into_parts(self) -> (Router<Shared>, Vec<RouteSpec>) {
        (self.router, self.table)
    }
}

/// The route-level decision.
async fn check_gate(State(gate): State<Gate>, request: Request, next: Next) -> Response {
    let Some(ctx) = request.extensions().get::<Arc<Ctx>>().cloned() else {
        return WebError::Internal("request context missing".into()).into_response();
    };
    match (gate, ctx.principal()) {
        (Gate::LoggedIn | Gate::Admin, None) => {
            if request.method() == Method::GET {
                Redirect::to(&login_redirect(&ctx.target)).into_response()
            } else {
                // A form sent after the session ended: its data cannot be kept across the
                // login, so the user is told and sent to log in again.
                WebError::SessionEnded.into_response()
            }
        }
        (Gate::Admin, Some(p)) if !p.is_admin() => WebError::Forbidden.into_response(),
        (Gate::Public, _) | (Gate::LoggedIn | Gate::Admin, Some(_)) => next.run(request).await,
    }
}

/// `/anmelden?weiter=…` for a page that needs a login.
pub(crate) fn login_redirect(target: &str) -> String {
    let next: String = url_encode(target);
    format!("/anmelden?weiter={next}")
}

fn url_encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Refuses a form without the token of its session (or, before login, of its cookie).
async fn check_csrf(request: Request, next: Next) -> Response {
    let Some(ctx) = request.extensions().get::<Arc<Ctx>>().cloned() else {
        return WebError::Internal("request context missing".into()).into_response();
    };
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let sent = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == "csrf")
        .map(|(_, value)| value.into_owned());
    match sent {
        Some(sent) if token::same(&sent, ctx.csrf()) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => WebError::CsrfMismatch.into_response(),
    }
}

//! The frame every page shares: language, title, navigation, the user menu and the language
//! switch. Each page's template struct holds a [`Chrome`] as `c` and extends `base.html`.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use praevnetz_domain::i18n::Lang;

use crate::context::Ctx;
use crate::error::WebError;
use crate::i18n::texts;

/// One entry of the main navigation.
#[derive(Clone, Copy, Debug)]
pub struct NavItem {
    /// Path.
    pub href: &'static str,
    /// Message id of its label.
    pub label: &'static str,
    /// Shown to administrators only.
    pub admin: bool,
}

/// The main navigation, in order.
pub const NAV: &[NavItem] = &[
    NavItem {
        href: "/",
        label: "nav-overview",
        admin: false,
    },
    NavItem {
        href: "/karte",
        label: "nav-map",
        admin: false,
    },
    NavItem {
        href: "/netzwerk",
        label: "nav-network",
        admin: false,
    },
    NavItem {
        href: "/treffen",
        label: "nav-meetings",
        admin: false,
    },
    NavItem {
        href: "/themen",
        label: "nav-topics",
        admin: false,
    },
    NavItem {
        href: "/kommunen",
        label: "nav-municipalities",
        admin: false,
    },
    NavItem {
        href: "/kreise",
        label: "nav-districts",
        admin: false,
    },
    NavItem {
        href: "/regionen",
        label: "nav-regions",
        admin: false,
    },
    NavItem {
        href: "/organisationen",
        label: "nav-organisations",
        admin: false,
    },
    NavItem {
        href: "/personen",
        label: "nav-persons",
        admin: false,
    },
    NavItem {
        href: "/beziehungen",
        label: "nav-ties",
        admin: false,
    },
    NavItem {
        href: "/problemlagen",
        label: "nav-problems",
        admin: false,
    },
    NavItem {
        href: "/praxis",
        label: "nav-practices",
        admin: false,
    },
    NavItem {
        href: "/verwaltung",
        label: "nav-admin",
        admin: true,
    },
];

/// A link of the navigation as a page shows it.
#[derive(Debug)]
pub struct NavLink {
    /// Path.
    pub href: &'static str,
    /// Label in the page's language.
    pub label: &'static str,
    /// Whether it is the current section (`aria-current="page"`).
    pub current: bool,
}

/// What every page shows around its content.
#[derive(Debug)]
pub struct Chrome<'a> {
    /// Language of the page.
    pub lang: Lang,
    /// The page's own title (the site name is appended).
    pub title: String,
    /// Navigation, empty when logged out.
    pub nav: Vec<NavLink>,
    /// Display name of the logged-in user.
    pub user: Option<&'a str>,
    /// The form token.
    pub csrf: &'a str,
    /// Where the language switch returns to.
    pub target: &'a str,
    /// The request id.
    pub request_id: &'a str,
    /// The program version (for asset URLs).
    pub version: &'static str,
}

impl<'a> Chrome<'a> {
    /// The frame for a page of section `section` (the href of its navigation entry).
    pub fn new(ctx: &'a Ctx, title: impl Into<String>, section: &str) -> Chrome<'a> {
        let principal = ctx.principal();
        let nav = match principal {
            None => Vec::new(),
            Some(p) => NAV
                .iter()
                .filter(|item| !item.admin || p.is_admin())
                .map(|item| NavLink {
                    href: item.href,
                    label: texts().get(ctx.lang, item.label),
                    current: item.href == section,
                })
                .collect(),
        };
        Chrome {
            lang: ctx.lang,
            title: title.into(),
            nav,
            user: principal.map(|p| p.user.data.display_name.as_str()),
            csrf: ctx.csrf(),
            target: &ctx.target,
            request_id: &ctx.request_id,
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// A message without arguments in the page's language.
    pub fn t(&self, id: &'static str) -> &'static str {
        texts().get(self.lang, id)
    }

    /// The page's language code.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }
}

/// Renders a page as a 200 answer.
pub fn render(page: &impl Template) -> Result<Response, WebError> {
    Ok(Html(page.render()?).into_response())
}

/// Renders a form shown again with its errors: 422, and marked so that the error middleware
/// leaves the page as it is.
pub fn render_invalid(page: &impl Template) -> Result<Response, WebError> {
    let mut response = (
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        Html(page.render()?),
    )
        .into_response();
    response.extensions_mut().insert(crate::error::Rendered);
    Ok(response)
}

/// The address users reach this server by, from the request's `Host` (checked to be a plain
/// host name or address with an optional port; `localhost` otherwise): plain HTTP on this
/// machine, HTTPS anywhere else whenever cookies are secure (the server then runs behind a
/// proxy that terminates TLS). For links that leave the page: set-password links, calendar
/// files.
pub(crate) fn public_base(state: &crate::AppState, headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c))
        })
        .unwrap_or("localhost");
    let loopback = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .any(|l| host == *l || host.starts_with(&format!("{l}:")));
    let scheme = if state.settings.secure_cookies && !loopback {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

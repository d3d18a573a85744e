//! Accounts: passwords, sessions, login throttling, cookies.

pub mod password;
pub mod throttle;
pub mod token;

use cookie::{Cookie, SameSite};
use jiff::SignedDuration;

use crate::WebSettings;

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Lax` (links from e-mails still arrive logged in;
/// forms are protected by their tokens), Secure unless switched off for plain-HTTP test
/// setups, for the whole site. `max_age` `None` makes a cookie that ends with the browser
/// session; a zero duration removes the cookie.
pub fn cookie(
    name: &str,
    value: &str,
    settings: &WebSettings,
    max_age: Option<SignedDuration>,
) -> String {
    let mut cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.secure_cookies);
    if let Some(age) = max_age {
        cookie = cookie.max_age(cookie::time::Duration::seconds(age.as_secs()));
    }
    cookie.build().to_string()
}

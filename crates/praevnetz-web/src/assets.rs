//! Our stylesheet and script, compiled into the program. They are requested with the program's
//! version in the query, so browsers may keep them for a year.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::routing::{Gate, Routes};

const CSS: &str = include_str!("../static/app.css");
const JS: &str = include_str!("../static/app.js");

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/static/app.css", Gate::Public, asset_css)
        .get("/static/app.js", Gate::Public, asset_js)
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    response
}

async fn asset_css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

async fn asset_js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

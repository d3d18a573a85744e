//! The about page: what praevnetz is, the data sources and their licences.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::response::Response;

use crate::context::Ctx;
use crate::error::WebError;
use crate::page::{Chrome, render};
use crate::routing::{Gate, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new().get("/ueber", Gate::Public, about_show)
}

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage<'a> {
    c: Chrome<'a>,
}

async fn about_show(Extension(ctx): Extension<Arc<Ctx>>) -> Result<Response, WebError> {
    render(&AboutPage {
        c: Chrome::new(&ctx, ctx.t("about-title"), "/ueber"),
    })
}

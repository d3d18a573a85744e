//! `/healthz`: is the program up and can it reach its database?

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use crate::AppState;
use crate::routing::{Gate, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new().get("/healthz", Gate::Public, health_show)
}

#[derive(Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
    database: DatabaseHealth,
}

#[derive(Serialize)]
struct DatabaseHealth {
    backend: &'static str,
    reachable: bool,
    schema_version: Option<i64>,
}

/// 200 with `"status": "ok"` when the database answers, 503 with `"status": "unavailable"`
/// otherwise, so that load balancers take the node out of rotation.
async fn health_show(State(state): State<Arc<AppState>>) -> (StatusCode, Json<Health>) {
    let schema_version = match state.store.ping().await {
        Ok(()) => state.store.schema_version().await.ok(),
        Err(error) => {
            tracing::warn!(error = %error, "health check: database unreachable");
            None
        }
    };
    let reachable = schema_version.is_some();
    let status = if reachable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Health {
            status: if reachable { "ok" } else { "unavailable" },
            version: env!("CARGO_PKG_VERSION"),
            database: DatabaseHealth {
                backend: state.store.backend().name(),
                reachable,
                schema_version,
            },
        }),
    )
}

//! praevnetz HTTP server.
//!
//! [`App::build`] binds its listener (port 0 in tests) and [`App::run`] serves until the
//! shutdown signal. Each area of the application is a module with its own `routes()`;
//! [`routes`] merges them and applies the middleware stack once. Every route is added through
//! [`routing`], which makes it name its gate; handlers decide about objects through [`policy`].

pub mod assets;
pub mod atlas;
pub mod auth;
pub mod context;
pub mod demo;
pub mod error;
pub mod forms;
mod health;
pub mod i18n;
pub mod map_svg;
mod middleware;
pub mod network_svg;
pub mod page;
pub mod policy;
pub mod routing;
pub mod snapshot;

mod about;
mod account;
mod admin;
mod interfaces;
mod map;
mod meeting_form;
mod meeting_record;
mod meetings;
mod network;
mod network_compare;
mod network_ego;
mod network_groups;
mod network_jobs;
mod overview;
mod people;
mod picker;
mod practices;
mod problems;
mod roundtable;
mod roundtable_admin;
mod series;
mod territory;
mod topic_form;
mod topics;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use praevnetz_domain::ids::AuditEventId;
use praevnetz_domain::time::SharedClock;
use praevnetz_store::Store;
use tokio::net::TcpListener;
use tokio::sync::RwLock;

use crate::auth::password::Hasher;
use crate::auth::throttle::Throttle;
use crate::error::WebError;
use crate::routing::{RouteSpec, Routes};
use crate::snapshot::Snapshot;

/// What every handler can reach.
#[derive(Debug)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The source of "now".
    pub clock: SharedClock,
    /// Settings of the web application.
    pub settings: WebSettings,
    /// Password hashing with a cap on concurrency.
    pub hasher: Hasher,
    /// Failed logins.
    pub throttle: Throttle,
    /// Exact network computations in the background.
    pub(crate) jobs: network_jobs::Jobs,
    /// Network analyses of pages under way at once (see [`AppState::analyse`]).
    analyses: tokio::sync::Semaphore,
    snapshot: RwLock<Option<(Option<AuditEventId>, Arc<Snapshot>)>>,
}

impl AppState {
    /// The state for a store.
    pub fn new(store: Store, clock: SharedClock, settings: WebSettings) -> AppState {
        let parallel = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        AppState {
            store,
            clock,
            settings,
            hasher: Hasher::new(parallel),
            throttle: Throttle::default(),
            jobs: network_jobs::Jobs::default(),
            analyses: tokio::sync::Semaphore::new(parallel.max(1)),
            snapshot: RwLock::new(None),
        }
    }

    /// Runs a network analysis for a page on a blocking thread, at most one per core at a
    /// time, so that pages that compute networks neither stall the server's other requests
    /// nor pile up work when many are asked for at once.
    pub(crate) async fn analyse<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, WebError> {
        let _permit = self
            .analyses
            .acquire()
            .await
            .map_err(|e| WebError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| WebError::Internal(e.to_string()))
    }

    /// The network's shared data, read again only when something changed since (the newest
    /// audit event tells, also for changes made by other processes such as an import).
    pub async fn snapshot(&self) -> Result<Arc<Snapshot>, WebError> {
        let version = self.store.latest_audit_id().await?;
        if let Some((cached, snapshot)) = self.snapshot.read().await.as_ref()
            && *cached == version
        {
            return Ok(snapshot.clone());
        }
        let snapshot = Arc::new(Snapshot::load(&self.store).await?);
        *self.snapshot.write().await = Some((version, snapshot.clone()));
        Ok(snapshot)
    }
}

/// Settings of the web application.
#[derive(Clone, Debug)]
pub struct WebSettings {
    /// Whether cookies carry the `Secure` flag (browsers then send them over HTTPS and to
    /// `localhost` only). Switch off only for plain-HTTP tests on other hosts.
    pub secure_cookies: bool,
    /// How long a login lasts.
    pub session_hours: u32,
    /// The largest network (nodes × edge ends) whose betweenness `/netzwerk` computes exactly;
    /// above it the page estimates it and offers the exact computation in the background.
    pub exact_limit: u64,
}

impl Default for WebSettings {
    fn default() -> Self {
        WebSettings {
            secure_cookies: true,
            session_hours: 12,
            exact_limit: praevnetz_domain::network::analysis::EXACT_LIMIT,
        }
    }
}

/// Server settings.
#[derive(Clone, Debug)]
pub struct ServerSettings {
    /// Address to listen on (`127.0.0.1:8080`; port 0 picks a free one).
    pub bind: SocketAddr,
}

/// The application with its bound listener.
#[derive(Debug)]
pub struct App {
    listener: TcpListener,
    router: Router,
}

/// Errors while starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address cannot be bound (in use, no permission).
    #[error("cannot listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The server stopped with an I/O error.
    #[error("the server stopped unexpectedly")]
    Io(#[from] std::io::Error),
}

impl App {
    /// Binds the listener.
    pub async fn build(settings: &ServerSettings, state: AppState) -> Result<App, ServeError> {
        let listener =
            TcpListener::bind(settings.bind)
                .await
                .map_err(|source| ServeError::Bind {
                    addr: settings.bind,
                    source,
                })?;
        Ok(App {
            listener,
            router: routes(Arc::new(state)),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> Result<SocketAddr, ServeError> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` completes, then lets running requests finish.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        Ok(())
    }
}

/// Every route of the application with its gate, without the middleware.
fn all_routes() -> Routes {
    Routes::new()
        .merge(health::routes())
        .merge(assets::routes())
        .merge(account::routes())
        .merge(overview::routes())
        .merge(about::routes())
        .merge(people::routes())
        .merge(problems::routes())
        .merge(practices::routes())
        .merge(territory::routes())
        .merge(map::routes())
        .merge(network::routes())
        .merge(network_jobs::routes())
        .merge(meeting_form::routes())
        .merge(meeting_record::routes())
        .merge(meetings::routes())
        .merge(topics::routes())
        .merge(topic_form::routes())
        .merge(interfaces::routes())
        .merge(roundtable::routes())
        .merge(roundtable_admin::routes())
        .merge(series::routes())
        .merge(admin::routes())
}

/// The route table: every path with its method and gate.
pub fn route_table() -> Vec<RouteSpec> {
    all_routes().into_parts().1
}

/// All routes with the middleware stack.
pub fn routes(state: Arc<AppState>) -> Router {
    let (router, _) = all_routes().into_parts();
    let router = router.fallback(not_found);
    middleware::apply(router, state)
}

async fn not_found() -> WebError {
    WebError::NotFound
}

//! praevnetz HTTP server.
//!
//! [`App::build`] binds its listener (port 0 in tests) and [`App::run`] serves until the
//! shutdown signal. Each area of the application is a module with its own `router()`;
//! [`routes`] merges them and applies the middleware stack once.

mod health;
pub mod map_svg;
mod middleware;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use praevnetz_domain::time::SharedClock;
use praevnetz_store::Store;
use tokio::net::TcpListener;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The source of "now".
    pub clock: SharedClock,
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
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown)
            .await?;
        Ok(())
    }
}

/// All routes with the middleware stack.
pub fn routes(state: Arc<AppState>) -> Router {
    let router = Router::new().merge(health::router()).with_state(state);
    middleware::apply(router)
}

//! The server as a client sees it: the real app on a free port.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests report failure by panicking"
)]

use std::sync::Arc;

use praevnetz_domain::time::SystemClock;
use praevnetz_store::{DatabaseUrl, Open, Store};
use praevnetz_web::{App, AppState, ServerSettings, WebSettings};
use sqlx::Connection as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// A plain HTTP/1.1 request over a socket, so the test needs no HTTP client library.
async fn get(addr: std::net::SocketAddr, path: &str) -> Response {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Response {
        status,
        headers: head.to_lowercase(),
        body: body.to_owned(),
    }
}

async fn spawn(store: Store) -> std::net::SocketAddr {
    let app = App::build(
        &ServerSettings {
            bind: "127.0.0.1:0".parse().unwrap(),
        },
        AppState::new(store, Arc::new(SystemClock), WebSettings::default()),
    )
    .await
    .unwrap();
    let addr = app.local_addr().unwrap();
    tokio::spawn(app.run(std::future::pending()));
    addr
}

async fn sqlite_store(dir: &tempfile::TempDir) -> Store {
    let url =
        DatabaseUrl::parse(&format!("sqlite://{}", dir.path().join("web.db").display())).unwrap();
    Store::open(&url, Open::CreateIfMissing).await.unwrap()
}

#[tokio::test]
async fn health_reports_version_backend_and_a_reachable_database() {
    let dir = tempfile::tempdir().unwrap();
    let addr = spawn(sqlite_store(&dir).await).await;
    let response = get(addr, "/healthz").await;
    assert_eq!(response.status, 200);
    let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["database"]["backend"], "sqlite");
    assert_eq!(json["database"]["reachable"], true);
    assert!(json["database"]["schema_version"].as_i64().unwrap() >= 1);
}

#[tokio::test]
async fn health_is_503_when_the_database_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let store = sqlite_store(&dir).await;
    let addr = spawn(store.clone()).await;
    store.close().await;
    let response = get(addr, "/healthz").await;
    assert_eq!(response.status, 503);
    let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(json["status"], "unavailable");
    assert_eq!(json["database"]["reachable"], false);
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let addr = spawn(sqlite_store(&dir).await).await;
    for path in ["/healthz", "/gibt-es-nicht"] {
        let response = get(addr, path).await;
        let h = &response.headers;
        assert!(h.contains("x-request-id: "), "{path}: {h}");
        assert!(
            h.contains("content-security-policy: default-src 'self'; script-src 'self'"),
            "{h}"
        );
        assert!(!h.contains("unsafe-inline"), "{h}");
        assert!(h.contains("frame-ancestors 'none'"), "{h}");
        assert!(h.contains("x-frame-options: deny"), "{h}");
        assert!(h.contains("x-content-type-options: nosniff"), "{h}");
    }
    assert_eq!(get(addr, "/gibt-es-nicht").await.status, 404);
}

#[tokio::test]
async fn health_works_on_postgresql_when_available() {
    let Ok(url) = std::env::var("PRAEVNETZ_TEST_POSTGRES_URL") else {
        return;
    };
    // A schema of its own, dropped afterwards: opening the store migrates.
    let schema = format!("web_test_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
    let run = |sql: String| sqlx::query(sqlx::AssertSqlSafe(sql));
    run(format!("create schema {schema}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let separator = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{separator}options[search_path]={schema}");
    let store = Store::open(&DatabaseUrl::parse(&scoped).unwrap(), Open::CreateIfMissing).await;
    let outcome = match store {
        Ok(store) => {
            let addr = spawn(store.clone()).await;
            let response = get(addr, "/healthz").await;
            store.close().await;
            Ok(response)
        }
        Err(error) => Err(error),
    };
    run(format!("drop schema {schema} cascade"))
        .execute(&mut admin)
        .await
        .unwrap();
    let response = outcome.unwrap();
    assert_eq!(response.status, 200);
    let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(json["database"]["backend"], "postgres");
}

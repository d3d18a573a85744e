//! The health check and the headers every answer carries.

use praevnetz_store::{DatabaseUrl, Open, Store};
use sqlx::Connection as _;

use crate::harness::{Server, get};

#[tokio::test]
async fn health_reports_version_backend_and_a_reachable_database() {
    let server = Server::empty().await;
    let addr = server.addr;
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
    let server = Server::empty().await;
    let addr = server.addr;
    server.store.close().await;
    let response = get(addr, "/healthz").await;
    assert_eq!(response.status, 503);
    let json: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(json["status"], "unavailable");
    assert_eq!(json["database"]["reachable"], false);
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_security_headers() {
    let server = Server::empty().await;
    let addr = server.addr;
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
            let addr = crate::harness::spawn(store.clone()).await;
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

//! The role-by-route matrix: every route of the table, as every role, allowed and refused.
//! Each area contributes its cases; a route without a case fails the test.

use praevnetz_web::route_table;

use crate::harness::Expect::{Elsewhere, Ok};
use crate::harness::expect::{ALL_USERS, PUBLIC};
use crate::harness::{Case, ROLES, Server, run_matrix};

/// The cases of the frame: account, overview, about, assets, health.
fn frame_cases() -> Vec<Case> {
    vec![
        Case::get("/", "/", ALL_USERS).showing(&["Kommunen nach Programmbaustein"]),
        Case::get("/ueber", "/ueber", PUBLIC).showing(&["GeoNames"]),
        Case::get("/healthz", "/healthz", PUBLIC),
        Case::get("/static/app.css", "/static/app.css", PUBLIC),
        Case::get("/static/app.js", "/static/app.js", PUBLIC),
        Case::get(
            "/anmelden",
            "/anmelden",
            [Ok, Elsewhere, Elsewhere, Elsewhere, Elsewhere, Elsewhere],
        ),
        Case::post("/anmelden", "/anmelden", &[("email", "x@y.de")], PUBLIC),
        Case::post("/abmelden", "/abmelden", &[], PUBLIC),
        Case::post("/sprache", "/sprache", &[("lang", "en")], PUBLIC),
        Case::get("/konto/passwort", "/konto/passwort", ALL_USERS),
        Case::post(
            "/konto/passwort",
            "/konto/passwort",
            &[("current", "x")],
            ALL_USERS,
        ),
    ]
}

pub async fn all_cases(server: &Server) -> Vec<Case> {
    let mut cases = frame_cases();
    cases.extend(crate::problems::access_cases(server).await);
    cases.extend(crate::practices::access_cases(server).await);
    cases.extend(crate::territory::access_cases());
    cases.extend(crate::map::access_cases());
    cases.extend(crate::network::access_cases());
    cases.extend(crate::meetings::access_cases(server).await);
    cases.extend(crate::roundtable::access_cases());
    cases.extend(crate::meetings::topic_cases(server).await);
    cases.extend(crate::topics::access_cases(server).await);
    cases.extend(crate::meeting_record::access_cases(server).await);
    cases.extend(crate::meetings::interface_cases());
    cases.extend(crate::meetings::feed_cases());
    cases.extend(crate::meetings::planning_cases(server).await);
    cases.extend(crate::admin::access_cases());
    // Areas add theirs here: cases.extend(crate::<area>::access_cases(server).await);
    cases.extend(crate::people::access_cases(server).await);
    cases
}

#[tokio::test]
async fn every_route_is_in_the_matrix() {
    let server = Server::demo().await;
    let cases = all_cases(&server).await;
    for route in route_table() {
        assert!(
            cases
                .iter()
                .any(|c| c.pattern == route.path && c.method == route.method.as_str()),
            "{} {} has no case in the role-by-route matrix",
            route.method,
            route.path
        );
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_policy_says() {
    let server = Server::demo().await;
    run_matrix(&all_cases(&server).await).await;
}

#[tokio::test]
async fn every_page_answers_every_role_alike_on_postgresql() {
    let Some((server, schema)) = Server::demo_postgres().await else {
        eprintln!("SKIPPED: PRAEVNETZ_TEST_POSTGRES_URL is not set");
        return;
    };
    // The cases name objects by their ids in the SQLite demo; the same import gives the same
    // ids on PostgreSQL only by accident, so the cases are built from this server's store.
    let cases = all_cases(&server).await;
    let mut clients = Vec::new();
    for role in ROLES {
        clients.push(match role {
            Some(email) => server.login(email).await,
            None => server.client(),
        });
    }
    for case in cases.iter().filter(|c| c.method == "GET") {
        for (role, client) in clients.iter_mut().enumerate() {
            let response = client.get(&case.path).await;
            case.check(role, &response);
        }
    }
    schema.drop(server).await;
}

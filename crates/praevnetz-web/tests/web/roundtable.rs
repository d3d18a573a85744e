//! Runder Tisch: the proposal for a municipality and a problem area, who may ask for which
//! municipality and sees whom, excluding and swapping seats, and bad requests.

use crate::harness::expect::{ADMIN_ONLY, ALL_USERS};
use crate::harness::{ADMIN, COORDINATOR, Case, FLOEHA, GUEST, Server};

const DRUGS_IN_FLOEHA: &str =
    "/netzwerk/runder-tisch?gemeinde=14522140&kategorie=DRG&plaetze=8&stichtag=2026-06-01";

pub fn access_cases() -> Vec<Case> {
    vec![
        Case::get(
            "/netzwerk/runder-tisch",
            "/netzwerk/runder-tisch",
            ALL_USERS,
        )
        .showing(&["Runden Tisch anfragen"]),
        Case::get("/netzwerk/runder-tisch", DRUGS_IN_FLOEHA, ALL_USERS)
            .showing(&["Vorschlag zu „Drogen / Betäubungsmittelkriminalität“ in Flöha"]),
        Case::get(
            "/verwaltung/runder-tisch",
            "/verwaltung/runder-tisch",
            ADMIN_ONLY,
        )
        .showing(&["Vorlagen für runde Tische", "Suchtberatung"]),
        Case::get(
            "/verwaltung/runder-tisch/{code}",
            "/verwaltung/runder-tisch/DRG",
            ADMIN_ONLY,
        )
        .showing(&["Alle vier Säulen sollen am Tisch sitzen"]),
        // Nothing ticked: refused, nothing changes.
        Case::post(
            "/verwaltung/runder-tisch/{code}",
            "/verwaltung/runder-tisch/GEW",
            &[("all_pillars", "1")],
            ADMIN_ONLY,
        ),
        Case::post(
            "/verwaltung/runder-tisch/{code}/loeschen",
            "/verwaltung/runder-tisch/OEF/loeschen",
            &[],
            ADMIN_ONLY,
        ),
    ]
}

/// The person ids of the proposed seats, in order.
fn seats(body: &str) -> Vec<i64> {
    let list = &body[body.find("id=\"table-seats\"").unwrap()..];
    let list = &list[..list.find("</ol>").unwrap()];
    list.split("<li class=\"seat\">")
        .skip(1)
        .map(|seat| {
            let start = seat.find("/personen/").unwrap() + 10;
            let end = seat[start..].find('"').unwrap() + start;
            seat[start..end].parse().unwrap()
        })
        .collect()
}

#[tokio::test]
async fn a_coordinator_gets_eight_people_with_reasons_alternatives_and_the_gaps() {
    let server = Server::demo().await;
    let mut client = server.login(COORDINATOR).await;
    let page = client.get(DRUGS_IN_FLOEHA).await;
    page.expect(200);
    let ids = seats(&page.body);
    assert_eq!(ids.len(), 8);
    let mut distinct = ids.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 8);
    for text in [
        "Rolle: Polizei",
        "Rolle: Ordnungsamt",
        "Rolle: Suchtberatung",
        "Rolle: Jugendarbeit",
        "Rolle: Schule",
        "Rolle: Streetwork",
        "örtlich zuständig: zuständiges Polizeirevier",
        "Statt dessen möglich:",
        "Alle Rollen der Vorlage sind besetzt.",
        "Polizeirevier Flöha",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    // Leaving out the first seat proposes somebody else for it; the choice is shown and can
    // be undone.
    let first = ids[0];
    let without = client.get(&format!("{DRUGS_IN_FLOEHA}&ohne={first}")).await;
    without.expect(200);
    assert!(!seats(&without.body).contains(&first));
    assert!(without.body.contains("Ausgeschlossen"));
    // The same request gives the same table.
    assert_eq!(seats(&client.get(DRUGS_IN_FLOEHA).await.body), ids);
    // In English.
    let english = client.get(&format!("{DRUGS_IN_FLOEHA}&lang=en")).await;
    english.expect(200);
}

#[tokio::test]
async fn a_swap_link_seats_the_alternative_instead() {
    let server = Server::demo().await;
    let mut client = server.login(ADMIN).await;
    let page = client.get(DRUGS_IN_FLOEHA).await;
    let ids = seats(&page.body);
    // The first swap link of the first seat.
    let at = page.body.find("class=\"alternatives\"").unwrap();
    let alternative_start = page.body[at..].find("/personen/").unwrap() + at + 10;
    let alternative: i64 = page.body[alternative_start..]
        [..page.body[alternative_start..].find('"').unwrap()]
        .parse()
        .unwrap();
    let href_start = page.body[at..]
        .find("href=\"/netzwerk/runder-tisch?")
        .unwrap()
        + at
        + 6;
    let href =
        page.body[href_start..][..page.body[href_start..].find('"').unwrap()].replace("&#38;", "&");
    let swapped = client.get(&href).await;
    swapped.expect(200);
    let now = seats(&swapped.body);
    assert!(now.contains(&alternative), "{alternative} not in {now:?}");
    assert!(!now.contains(&ids[0]));
}

#[tokio::test]
async fn a_recorded_problem_names_the_municipality_and_category() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    let page = client
        .get("/netzwerk/runder-tisch?problem=1&stichtag=2026-06-01")
        .await;
    page.expect(200);
    assert!(page.body.contains("Für die Problemlage"));
    assert_eq!(seats(&page.body).len(), 8);
    assert!(page.body.contains("örtlich zuständig:"));
}

#[tokio::test]
async fn a_viewer_sees_only_people_of_their_area_and_not_other_municipalities() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    // The guest reads the region: Flöha is theirs.
    guest.get(DRUGS_IN_FLOEHA).await.expect(200);
    // A viewer of Leipzig may not ask about Flöha, and is not told whom the network holds.
    let mut leipzig = crate::network::leipzig_viewer(&server).await;
    let refused = leipzig.get(DRUGS_IN_FLOEHA).await;
    refused.expect(422);
    assert!(
        refused
            .body
            .contains("Bitte eine Gemeinde wählen, die Sie sehen dürfen.")
    );
    assert!(!refused.body.contains("id=\"table-seats\""));
    assert!(!refused.body.contains("Flöha</option>"));
    // Nor name a person of Flöha to learn whether it exists.
    let named = leipzig
        .get("/netzwerk/runder-tisch?gemeinde=14713000&kategorie=DRG&mit=176")
        .await;
    named.expect(422);
    assert!(
        named
            .body
            .contains("eine Person mit der Nummer 176 gibt es nicht")
    );
}

#[tokio::test]
async fn bad_requests_are_told_with_a_422_and_no_proposal() {
    let server = Server::demo().await;
    let mut client = server.login(COORDINATOR).await;
    for (query, message) in [
        (
            "gemeinde=14522140&kategorie=DRG&plaetze=0",
            "0 Plätze sind nicht möglich",
        ),
        (
            "gemeinde=14522140&kategorie=DRG&plaetze=viele",
            "„viele“ ist keine Zahl von Plätzen",
        ),
        (
            "gemeinde=14522140&kategorie=XYZ",
            "Bitte eine Problemlage wählen.",
        ),
        (
            "gemeinde=99999999&kategorie=DRG",
            "Bitte eine Gemeinde wählen",
        ),
        (
            "gemeinde=14625010&kategorie=DRG",
            "in Arnsdorf arbeitet niemand",
        ),
        ("problem=99999", "Diese Problemlage gibt es nicht"),
        (
            "gemeinde=14522140&kategorie=DRG&mit=abc",
            "„abc“ ist keine Personennummer",
        ),
        (
            "gemeinde=14522140&kategorie=DRG&mit=99999",
            "Nummer 99999 gibt es nicht",
        ),
        (
            "gemeinde=14522140&kategorie=DRG&mit=176&ohne=176",
            "zugleich gewünscht und ausgeschlossen",
        ),
        (
            "gemeinde=14522140&kategorie=DRG&stichtag=gestern",
            "Stichtag",
        ),
    ] {
        let page = client.get(&format!("/netzwerk/runder-tisch?{query}")).await;
        assert_eq!(page.status, 422, "{query}: {}", page.body);
        assert!(page.body.contains(message), "{query}: {message}");
        assert!(!page.body.contains("id=\"table-seats\""), "{query}");
    }
}

#[tokio::test]
async fn a_category_without_template_is_refused_until_an_admin_makes_one() {
    let server = Server::demo().await;
    let ctx = praevnetz_domain::audit::ChangeContext::cli(jiff::Timestamp::now());
    let code = praevnetz_domain::problem::CategoryCode::parse("DRG").unwrap();
    server
        .store
        .delete_round_table_template(&ctx, &code)
        .await
        .unwrap();
    let mut client = server.login(COORDINATOR).await;
    let page = client.get(DRUGS_IN_FLOEHA).await;
    page.expect(422);
    assert!(
        page.body
            .contains("für die Kategorie „DRG“ gibt es keine Rollenvorlage")
    );
}

#[tokio::test]
async fn an_administrator_changes_a_template_and_the_proposals_follow() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    // Nothing ticked is refused beside the roles, and nothing is written.
    let empty = admin
        .post("/verwaltung/runder-tisch/DRG", &[("all_pillars", "1")])
        .await;
    empty.expect(422);
    assert!(empty.body.contains("Angabe fehlt"));
    let unknown = admin
        .post("/verwaltung/runder-tisch/DRG", &[("role", "feuerwehr")])
        .await;
    unknown.expect(422);
    assert!(
        unknown
            .body
            .contains("„feuerwehr“ ist kein zulässiger Wert")
    );
    admin
        .post("/verwaltung/runder-tisch/XYZ", &[("role", "police")])
        .await
        .expect(404);
    // Drug tables now need only police and church, and not all pillars.
    let saved = admin
        .post(
            "/verwaltung/runder-tisch/DRG",
            &[("role", "police"), ("role", "church")],
        )
        .await;
    saved.expect(303);
    let list = admin.get("/verwaltung/runder-tisch").await;
    assert!(list.body.contains("Polizei, Kirche"), "{}", list.body);
    let page = admin
        .get("/netzwerk/runder-tisch?gemeinde=14522140&kategorie=DRG&plaetze=2&stichtag=2026-06-01")
        .await;
    page.expect(200);
    assert!(page.body.contains("Rolle: Kirche") && page.body.contains("Rolle: Polizei"));
    assert!(!page.body.contains("Rolle: Suchtberatung"));
    // The change is in the audit log.
    let log = admin.get("/verwaltung/protokoll").await;
    assert!(log.body.contains("DRG: police, church"), "{}", log.body);
    // Deleted: no proposals until a new template exists.
    admin
        .post("/verwaltung/runder-tisch/DRG/loeschen", &[])
        .await
        .expect(303);
    admin.get(DRUGS_IN_FLOEHA).await.expect(422);
    let form = admin.get("/verwaltung/runder-tisch/DRG").await;
    assert!(!form.body.contains("Vorlage löschen"));
}

//! Karte: the layers, the filters, the table beside the map, imported boundaries, and that the
//! map tells no role more than its lists.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::import::BoundaryFile;

use crate::harness::expect::ALL_USERS;
use crate::harness::{ADMIN, COORDINATOR, Case, FLOEHA, GUEST, Server};

const FLOEHA_ON: &str = r#"<a href="/kommunen/14522140" class="place on">"#;
const FLOEHA_OFF: &str = r#"<a href="/kommunen/14522140" class="place off">"#;
const LEIPZIG: &str = r#"<a href="/kommunen/14713000" class="place"#;

pub fn access_cases() -> Vec<Case> {
    vec![
        Case::get("/karte", "/karte", ALL_USERS).showing(&["Flöha", "<svg", "Präventionsrat"]),
        Case::get("/karte", "/karte?ebene=problem-VAN&kreis=14522", ALL_USERS)
            .showing(&["Vandalismus"]),
        Case::get("/karte", "/karte?ebene=nichts&kreis=00000", ALL_USERS)
            .showing(&["Diese Ebene gibt es nicht"]),
    ]
}

/// How many municipalities the page draws.
fn drawn(body: &str) -> usize {
    body.matches(r#"class="place "#).count()
}

#[tokio::test]
async fn the_map_draws_the_readable_municipalities_as_links_with_a_legend_and_a_table() {
    let server = Server::demo().await;
    let mut coordinator = server.login(COORDINATOR).await;
    let page = coordinator.get("/karte").await;
    page.expect(200).has(&[
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="map""#,
        r#"id="karte" aria-labelledby="karte-title karte-desc""#,
        "<title id=\"karte-title\">Karte: Präventionsrat</title>",
        // Flöha constituted its council; the legend repeats both states and the size.
        FLOEHA_ON,
        "<title>Flöha: Präventionsrat vorhanden</title>",
        LEIPZIG,
        ">Präventionsrat vorhanden</text>",
        ">kein Präventionsrat erfasst</text>",
        ">Kreisfläche nach Einwohnerzahl des Hauptorts</text>",
        // District labels, short; a city district is named by its city.
        ">Mittelsachsen</text>",
        // Controls for our script, hidden without it; the table of the same data.
        r#"data-map-controls="karte""#,
        "<h2 id=\"h-table\">Die Karte als Tabelle</h2>",
        r#"<th scope="row"><a href="/kommunen/14522140">Flöha</a></th>"#,
        "Kommunen ohne Ortsangabe",
        "nicht eingezeichnet (ohne Ortsangabe)",
    ]);
    assert!(!page.body.contains(">Landkreis Mittelsachsen</text>"));
    // Every drawn place and every row links to a municipality page; places without a location
    // are rows but not drawn.
    let rows = page.body.matches("<tr>\n    <th scope=\"row\">").count();
    let unlocated = page
        .body
        .matches("nicht eingezeichnet (ohne Ortsangabe)")
        .count();
    assert!(unlocated > 0);
    assert_eq!(drawn(&page.body) + unlocated, rows);
    let summary = format!("von {rows} gezeigten Kommunen: Präventionsrat vorhanden");
    page.has(&[summary.as_str()]);
}

#[tokio::test]
async fn the_guest_sees_only_the_region_and_problem_layers_count_only_visible_problems() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    let mut floeha = server.login(FLOEHA).await;
    let page = guest.get("/karte").await;
    page.expect(200)
        .has(&[FLOEHA_ON])
        .lacks(&[LEIPZIG, "Leipzig</a>"]);
    // The region's districts only: 14511, 14521, 14522.
    let regional = drawn(&page.body);
    assert!(regional > 50, "{regional}");
    let mut coordinator = server.login(COORDINATOR).await;
    assert!(drawn(&coordinator.get("/karte").await.body) > regional);

    // The graffiti problem of Flöha is visible to its municipality only.
    let layer = "/karte?ebene=problem-VAN&kreis=14522";
    guest
        .get(layer)
        .await
        .expect(200)
        .has(&[
            FLOEHA_OFF,
            "<title>Flöha: keine offene Problemlage „Vandalismus / Graffiti / Sachbeschädigung“</title>",
        ])
        .lacks(&[FLOEHA_ON]);
    floeha.get(layer).await.expect(200).has(&[
        FLOEHA_ON,
        "<title>Flöha: offene Problemlage „Vandalismus / Graffiti / Sachbeschädigung“; offene Problemlagen dieser Kategorie: 1</title>",
        ">offene Problemlagen dieser Kategorie</text>",
    ]);
}

#[tokio::test]
async fn layers_and_filters_choose_what_is_drawn() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    // A district: only its municipalities.
    let district = admin.get("/karte?kreis=14522").await;
    district
        .expect(200)
        .has(&[FLOEHA_ON, r#"<option value="14522" selected>"#])
        .lacks(&[LEIPZIG]);
    let in_district = drawn(&district.body);
    // A region: its three districts.
    let region = admin
        .get("/karte?region=chemnitz-erzgebirge-mittelsachsen")
        .await;
    region.expect(200).has(&[FLOEHA_ON]).lacks(&[LEIPZIG]);
    assert!(drawn(&region.body) > in_district);
    // A building block.
    admin
        .get("/karte?ebene=baustein-council_constituted&kreis=14522")
        .await
        .expect(200)
        .has(&[
            FLOEHA_ON,
            "<title>Flöha: Präventionsrat konstituiert: erreicht</title>",
            r#"<option value="baustein-council_constituted" selected>"#,
        ]);
    admin
        .get("/karte?ebene=baustein-funding_granted&kreis=14522")
        .await
        .expect(200)
        .has(&[">Förderung bewilligt: noch nicht erreicht</text>"]);
    // Unknown values: the layer falls back and says so; an unknown district shows nothing.
    admin
        .get("/karte?ebene=problem-XYZ")
        .await
        .expect(200)
        .has(&[
            "Diese Ebene gibt es nicht",
            "Karte: Präventionsrat",
            FLOEHA_ON,
        ]);
    let nothing = admin.get("/karte?kreis=99999").await;
    nothing
        .expect(200)
        .has(&["Keine Kommune entspricht dieser Auswahl."])
        .lacks(&["<svg xmlns"]);
    assert_eq!(drawn(&nothing.body), 0);
}

#[tokio::test]
async fn imported_boundaries_are_drawn_as_areas() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let before = admin.get("/karte?kreis=14522").await;
    before.has(&["am Ort ihres Hauptorts"]).lacks(&["<path "]);
    let json = r#"{"type":"FeatureCollection","features":[{"type":"Feature",
        "properties":{"AGS":"14522140"},"geometry":{"type":"Polygon","coordinates":
        [[[13.03,50.83],[13.12,50.83],[13.12,50.89],[13.03,50.89],[13.03,50.83]]]}}]}"#;
    let file = BoundaryFile::read("grenzen.geojson", json.as_bytes()).unwrap();
    server
        .store
        .import_boundaries(&ChangeContext::cli(jiff::Timestamp::now()), &file, false)
        .await
        .unwrap();
    let after = admin.get("/karte?kreis=14522").await;
    after.expect(200).has(&[
        "als Fläche eingezeichnet",
        "<path d=\"M",
        r#"fill="url(#karte-hatch)""#,
        FLOEHA_ON,
    ]);
    // Flöha is an area now; the other places stay markers.
    assert_eq!(after.body.matches("<path d=\"M").count(), 1);
    assert_eq!(drawn(&after.body), drawn(&before.body));
}

#[tokio::test]
async fn the_map_speaks_english() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    guest.post("/sprache", &[("lang", "en")]).await;
    guest
        .get("/karte?ebene=problem-VAN")
        .await
        .expect(200)
        .has(&[
            "<h1>Map</h1>",
            "Map: Vandalism",
            "The map as a table",
            "no open problem",
        ]);
}

#[tokio::test]
async fn every_role_sees_the_private_problem_on_the_map_exactly_when_it_may_read_it() {
    let server = Server::demo().await;
    let private = crate::problems::problem_id(&server, crate::problems::FLOEHA_PRIVATE).await;
    for email in crate::harness::ROLES.into_iter().flatten() {
        let mut client = server.login(email).await;
        let readable = client.get(&format!("/problemlagen/{private}")).await.status == 200;
        let map = client.get("/karte?ebene=problem-VAN").await;
        map.expect(200);
        // Flöha has no other open vandalism problem in the demo.
        assert_eq!(
            map.body.contains(FLOEHA_ON),
            readable,
            "{email}: the map and the problem page disagree"
        );
        assert!(map.body.contains(FLOEHA_ON) || map.body.contains(FLOEHA_OFF));
    }
}

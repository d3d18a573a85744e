//! Kommunen, Kreise and Regionen: lists, filters, the municipality page with its pillar
//! coverage, and what each role may see.

use praevnetz_domain::actor::{Home, OrganisationData, OrganisationKind, Pillar, Pillars};
use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::territory::Ags;
use praevnetz_domain::text::Name;

use crate::harness::Expect::{Login, NotFound};
use crate::harness::expect::{ALL_USERS, READ_OUTSIDE_REGION};
use crate::harness::{ADMIN, COORDINATOR, Case, Expect, FLOEHA, GUEST, POLICE, Server};
use crate::problems::{FLOEHA_PRIVATE, FLOEHA_REGION};

/// Nobody finds it, but anonymous users are sent to log in first.
const NOBODY: [Expect; 6] = [Login, NotFound, NotFound, NotFound, NotFound, NotFound];

const REGION: &str = "chemnitz-erzgebirge-mittelsachsen";
const LEIPZIG_REGION: &str = "leipzig-nordsachsen";

pub fn access_cases() -> Vec<Case> {
    vec![
        Case::get("/kommunen", "/kommunen?kreis=14522", ALL_USERS).showing(&["Flöha"]),
        Case::get(
            "/kommunen",
            "/kommunen?q=Leipzig",
            READ_OUTSIDE_REGION.map(|e| {
                // The list is there for everybody; Leipzig is only in it for those who read it.
                if e == NotFound { Expect::Ok } else { e }
            }),
        ),
        Case::get("/kommunen/{ags}", "/kommunen/14522140", ALL_USERS)
            .showing(&["Kommunaler Präventionsrat Flöha", FLOEHA_REGION]),
        Case::get("/kommunen/{ags}", "/kommunen/14713000", READ_OUTSIDE_REGION)
            .showing(&["Ordnungsamt Leipzig"]),
        Case::get("/kommunen/{ags}", "/kommunen/99999999", NOBODY),
        Case::get("/kommunen/{ags}", "/kommunen/abc", NOBODY),
        Case::get("/kreise", "/kreise", ALL_USERS).showing(&["Mittelsachsen"]),
        Case::get("/kreise/{ags}", "/kreise/14522", ALL_USERS)
            .showing(&["Landratsamt Mittelsachsen", "Freiberg"]),
        Case::get("/kreise/{ags}", "/kreise/14713", READ_OUTSIDE_REGION),
        Case::get("/kreise/{ags}", "/kreise/99999", NOBODY),
        Case::get("/regionen", "/regionen", ALL_USERS).showing(&["Erzgebirgskreis"]),
        Case::get("/regionen/{slug}", format!("/regionen/{REGION}"), ALL_USERS)
            .showing(&["Erzgebirgskreis", "Flöha"]),
        Case::get(
            "/regionen/{slug}",
            format!("/regionen/{LEIPZIG_REGION}"),
            READ_OUTSIDE_REGION,
        ),
        Case::get("/regionen/{slug}", "/regionen/nirgendwo", NOBODY),
    ]
}

#[tokio::test]
async fn the_municipality_page_shows_actors_by_pillar_bodies_problems_and_milestones() {
    let server = Server::demo().await;
    let mut floeha = server.login(FLOEHA).await;
    let page = floeha.get("/kommunen/14522140").await;
    page.expect(200).has(&[
        "<h1>Flöha</h1>",
        "Landkreis Mittelsachsen",
        "href=\"/regionen/chemnitz-erzgebirge-mittelsachsen\"",
        "11.143",
        // The four pillars, each with its organisations and current contacts.
        "id=\"saeule-polizei\"",
        "id=\"saeule-engagement\"",
        "id=\"saeule-kommune\"",
        "id=\"saeule-unterstuetzung\"",
        "Polizeirevier Flöha",
        "Jana Herrmann</a>, Revierleiterin",
        // The police directorate is responsible for the district; the district office is
        // at home there.
        "Polizeidirektion Chemnitz",
        "zuständig für das Gebiet",
        "Landratsamt Mittelsachsen",
        "Kreisbehörde",
        "Alle vier Säulen sind mit aktuellen Ansprechpersonen vertreten.",
        // Bodies with members, working groups under their council.
        "Kommunaler Präventionsrat Flöha",
        "Lenkungsgruppe KPR Flöha",
        "gehört zu Kommunaler Präventionsrat Flöha",
        "Roland Uhlmann</a> <span class=\"badge\">ehemalig</span>",
        // Problems, milestones, the form link for who may edit here.
        FLOEHA_PRIVATE,
        FLOEHA_REGION,
        "Präventionsrat konstituiert",
        "<time datetime=\"2020-",
        "href=\"/problemlagen/neu?kommune=14522140\"",
    ]);
    // The guest reads the page but not the municipality-only problem, and may not record one.
    let mut guest = server.login(GUEST).await;
    guest
        .get("/kommunen/14522140")
        .await
        .expect(200)
        .has(&[FLOEHA_REGION, "Kommunaler Präventionsrat Flöha"])
        .lacks(&[FLOEHA_PRIVATE, "/problemlagen/neu"]);
}

#[tokio::test]
async fn the_coverage_check_names_what_is_missing() {
    let server = Server::demo().await;
    let goerlitz = server
        .store
        .municipality_by_ags(&Ags::parse("14626110").unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut admin = server.login(ADMIN).await;
    admin.get("/kommunen/14626110").await.expect(200).has(&[
        "Im Netzwerk dieser Kommune fehlt:",
        "Kein Kontakt zur Polizei",
        "Keine zivilgesellschaftlichen Akteure",
        "Keine Akteure aus Kommune und Verwaltung",
        "Keine Unterstützungsangebote",
    ]);
    // A police station without members: recorded, but nobody to call.
    let ctx = ChangeContext::cli(jiff::Timestamp::now());
    server
        .store
        .create_organisation(
            &ctx,
            &OrganisationData {
                external_ref: None,
                name: Name::parse("Polizeirevier Görlitz").unwrap(),
                short_name: None,
                aliases: Vec::new(),
                kind: OrganisationKind::PoliceStation,
                pillars: Pillars::new(Pillar::StatePolice, []),
                home: Home::Municipality(goerlitz.id),
                area: Vec::new(),
                email: None,
                phone: None,
                website: None,
                address: None,
                description: None,
            },
        )
        .await
        .unwrap();
    admin
        .get("/kommunen/14626110")
        .await
        .expect(200)
        .has(&[
            "Polizeirevier Görlitz",
            "Polizei erfasst, aber keine aktuelle Ansprechperson",
            "keine aktuelle Ansprechperson",
            "Keine zivilgesellschaftlichen Akteure",
        ])
        .lacks(&["Kein Kontakt zur Polizei"]);
    admin.post("/sprache", &[("lang", "en")]).await.expect(303);
    admin.get("/kommunen/14626110").await.has(&[
        "Police recorded, but no current contact person",
        "No civic actors",
    ]);
}

#[tokio::test]
async fn the_list_filters_by_district_region_block_category_and_search() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    // All 418 municipalities of Saxony, fifty a page.
    admin
        .get("/kommunen")
        .await
        .expect(200)
        .has(&["<strong>418</strong>", "rel=\"next\""]);
    admin
        .get("/kommunen?kreis=14522")
        .await
        .has(&["Flöha", "Freiberg"])
        .lacks(&["Annaberg-Buchholz", ">Leipzig</a>"]);
    admin
        .get(&format!("/kommunen?region={LEIPZIG_REGION}"))
        .await
        .has(&[">Leipzig</a>"])
        .lacks(&["Flöha"]);
    admin
        .get("/kommunen?baustein=council_constituted&kreis=14522")
        .await
        .has(&["Flöha"]);
    admin
        .get("/kommunen?kategorie=VAN&kreis=14522")
        .await
        .has(&["Flöha"]);
    admin
        .get("/kommunen?q=fl%C3%B6")
        .await
        .has(&["Flöha"])
        .lacks(&["Freiberg"]);
    admin.get("/kommunen?q=1452214").await.has(&["Flöha"]);
    // An unknown value is told, and matches nothing.
    admin
        .get("/kommunen?kreis=00000")
        .await
        .expect(200)
        .has(&["Ein Filterwert ist unbekannt", "Keine Kommunen gefunden."]);
    // The guest's list holds their region only.
    let mut guest = server.login(GUEST).await;
    guest
        .get("/kommunen?q=Leipzig")
        .await
        .expect(200)
        .has(&["Keine Kommunen gefunden."]);
}

#[tokio::test]
async fn counts_and_category_filters_count_only_problems_the_user_may_see() {
    let server = Server::demo().await;
    // Flöha's only vandalism problem is visible to the municipality only.
    let mut floeha = server.login(FLOEHA).await;
    floeha
        .get("/kommunen?kategorie=VAN&kreis=14522")
        .await
        .has(&["Flöha"]);
    let mut guest = server.login(GUEST).await;
    guest
        .get("/kommunen?kategorie=VAN&kreis=14522")
        .await
        .lacks(&["href=\"/kommunen/14522140\""]);
    // The district page counts it for the member, not for the guest.
    let member_page = floeha.get("/kreise/14522").await;
    let guest_page = guest.get("/kreise/14522").await;
    let vandalism = "kategorie=VAN&#38;kreis=14522";
    assert!(member_page.body.contains(vandalism), "{}", member_page.body);
    let guest_count = guest_page.body.contains(vandalism);
    let member_row = row_count(&member_page.body, vandalism);
    let guest_row = if guest_count {
        row_count(&guest_page.body, vandalism)
    } else {
        0
    };
    assert!(member_row > guest_row, "{member_row} vs {guest_row}");
}

/// The count in the table row whose link contains `href`.
fn row_count(body: &str, href: &str) -> usize {
    let start = body.find(href).unwrap();
    let cell = &body[start..];
    let open = cell.find("<td class=\"num\">").unwrap() + 16;
    let close = cell[open..].find('<').unwrap() + open;
    cell[open..close].trim().parse().unwrap()
}

#[tokio::test]
async fn district_and_region_pages_summarise_their_municipalities() {
    let server = Server::demo().await;
    let mut coordinator = server.login(COORDINATOR).await;
    coordinator.get("/kreise").await.expect(200).has(&[
        "href=\"/kreise/14522\"",
        "Landkreis",
        "Kreisfreie Stadt",
    ]);
    coordinator.get("/kreise/14522").await.expect(200).has(&[
        "Kommunen nach Programmbaustein",
        "Offene Problemlagen nach Kategorie",
        "href=\"/kommunen/14522140\"",
        "href=\"/karte?kreis=14522\"",
        "Organisationen auf Kreisebene",
    ]);
    coordinator
        .get(&format!("/regionen/{REGION}"))
        .await
        .expect(200)
        .has(&[
            "Vernetzungsregion im Bereich der Polizeidirektion Chemnitz",
            "href=\"/kreise/14511\"",
            "href=\"/kreise/14521\"",
            "href=\"/kreise/14522\"",
            "href=\"/kommunen?baustein=council_constituted&#38;region=chemnitz-erzgebirge-mittelsachsen\"",
        ]);
    let mut police = server.login(POLICE).await;
    police
        .get("/regionen")
        .await
        .expect(200)
        .has(&["Westsachsen"]);
    // The guest's overview of regions holds theirs only.
    let mut guest = server.login(GUEST).await;
    guest
        .get("/regionen")
        .await
        .expect(200)
        .has(&["Chemnitz · Erzgebirge · Mittelsachsen"])
        .lacks(&["Westsachsen"]);
    guest
        .get("/kreise")
        .await
        .has(&["Mittelsachsen"])
        .lacks(&["href=\"/kreise/14713\""]);
}

#[tokio::test]
async fn hostile_keys_and_queries_never_cause_a_server_error() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let long = "x".repeat(10_000);
    for path in [
        "/kommunen/%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
        "/kommunen/14522140'%20or%201=1--".to_owned(),
        "/kommunen/-1".to_owned(),
        "/kommunen/145221400000000000000".to_owned(),
        format!("/kommunen/{long}"),
        "/kreise/%00".to_owned(),
        "/kreise/1452".to_owned(),
        format!("/regionen/{long}"),
        "/regionen/..%2F..%2Fetc".to_owned(),
    ] {
        admin.get(&path).await.expect(404);
    }
    for path in [
        "/kommunen?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
        "/kommunen?q=%27%3B%20drop%20table%20municipality%3B--".to_owned(),
        format!("/kommunen?q={long}"),
        "/kommunen?kreis=%3Cb%3E&baustein=%27&kategorie=1&region=%00".to_owned(),
        "/kommunen?seite=-5".to_owned(),
        "/kommunen?seite=99999999999999999999".to_owned(),
        "/kommunen?q=a&q=b".to_owned(),
    ] {
        let page = admin.get(&path).await;
        assert!(
            page.status == 200 || page.status == 400,
            "{path}: {}",
            page.status
        );
        page.lacks(&["<script>alert(1)</script>", "<b>"]);
    }
}

#[tokio::test]
async fn the_territory_pages_come_in_english_too() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    admin.post("/sprache", &[("lang", "en")]).await.expect(303);
    admin.get("/kommunen/14522140").await.expect(200).has(&[
        "Coverage of the four pillars",
        "All four pillars have current contact persons.",
        "Bodies and members",
        "Programme milestones",
        "Inhabitants (main place)",
        "11,143",
    ]);
    admin
        .get("/kreise/14522")
        .await
        .has(&["Municipalities by building block"]);
    admin.get("/regionen").await.has(&["Network regions"]);
}

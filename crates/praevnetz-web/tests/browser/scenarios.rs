//! What users do, in the browser.

use crate::browser::Browser;
use crate::harness::{ADMIN, COORDINATOR, FLOEHA, GUEST, POLICE, Server};

/// The main pages every logged-in role sees, with the screenshot name.
const MAIN_PAGES: &[(&str, &str)] = &[
    ("/", "uebersicht"),
    ("/karte", "karte"),
    ("/karte?ebene=problem-VAN", "karte-vandalismus"),
    ("/netzwerk", "netzwerk"),
    ("/netzwerk?ebene=organisationen", "netzwerk-organisationen"),
    ("/treffen?zeit=alle", "treffen"),
    ("/treffen/2", "treffen-floeha"),
    ("/treffen/4", "treffen-freiberg-geplant"),
    ("/treffen/aufgaben", "treffen-aufgaben"),
    ("/treffen/neu", "treffen-neu"),
    ("/themen?stand=alle", "themen"),
    (
        "/schnittstellen?bereich=region:chemnitz-erzgebirge-mittelsachsen",
        "schnittstellen",
    ),
    ("/kommunen", "kommunen"),
    ("/kommunen/14522140", "kommune-floeha"),
    ("/kreise", "kreise"),
    ("/kreise/14522", "kreis-mittelsachsen"),
    ("/regionen", "regionen"),
    (
        "/regionen/chemnitz-erzgebirge-mittelsachsen",
        "region-chemnitz",
    ),
    ("/organisationen", "organisationen"),
    ("/personen", "personen"),
    ("/beziehungen", "beziehungen"),
    ("/problemlagen", "problemlagen"),
    ("/praxis", "praxis"),
    ("/konto/kalender", "kalender"),
    ("/ueber", "ueber"),
];

/// The pages only administrators see.
const ADMIN_PAGES: &[(&str, &str)] = &[
    ("/verwaltung", "verwaltung"),
    ("/verwaltung/benutzer", "verwaltung-benutzer"),
    ("/verwaltung/benutzer/neu", "verwaltung-benutzer-neu"),
    ("/verwaltung/benutzer/3", "verwaltung-benutzer-3"),
    ("/verwaltung/protokoll", "verwaltung-protokoll"),
];

#[tokio::test]
async fn every_role_logs_in_and_the_main_pages_pass_axe() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.check_page("/anmelden", "anmelden").await;
    for (email, role) in [
        (ADMIN, "admin"),
        (COORDINATOR, "koordination"),
        (FLOEHA, "floeha"),
        (POLICE, "polizei"),
        (GUEST, "gast"),
    ] {
        browser.login(email).await;
        assert_eq!(browser.path().await, "/");
        assert!(
            browser
                .text()
                .await
                .contains("Kommunen nach Programmbaustein")
        );
        for (path, name) in MAIN_PAGES {
            browser.check_page(path, &format!("{role}-{name}")).await;
        }
        browser
            .check_page("/konto/passwort", &format!("{role}-passwort"))
            .await;
        if email == ADMIN {
            for (path, name) in ADMIN_PAGES {
                browser.check_page(path, &format!("{role}-{name}")).await;
            }
        }
        browser.logout().await;
    }
    browser.close().await;
}

#[tokio::test]
async fn the_language_switch_turns_the_pages_english_and_back() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(FLOEHA).await;
    assert!(browser.text().await.contains("Übersicht"));
    browser.click("button[name=lang][value=en]").await;
    browser.wait_for("html[lang=en]").await;
    let text = browser.text().await;
    assert!(text.contains("Overview"), "{text}");
    browser.check_page("/", "floeha-overview-en").await;
    browser.click("button[name=lang][value=de]").await;
    browser.wait_for("html[lang=de]").await;
    assert!(browser.text().await.contains("Übersicht"));
    browser.close().await;
}

#[tokio::test]
async fn a_wrong_password_is_told_beside_the_form_and_nothing_else_happens() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.open("/anmelden").await;
    browser.fill("email", FLOEHA).await;
    browser.fill("password", "falsch").await;
    browser.click("form[action='/anmelden'] button").await;
    browser.wait_for(".alert").await;
    let text = browser.text().await;
    assert!(
        text.contains("E-Mail-Adresse oder Passwort sind nicht richtig."),
        "{text}"
    );
    let violations = browser.axe_violations().await;
    assert!(violations.is_empty(), "{violations:?}");
    browser.screenshot("anmelden-fehler").await;
    browser.close().await;
}

#[tokio::test]
async fn a_member_records_a_problem_from_their_municipality_page() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(FLOEHA).await;
    browser.open("/kommunen/14522140").await;
    browser
        .click("a[href='/problemlagen/neu?kommune=14522140']")
        .await;
    browser.wait_for_path("/problemlagen/neu").await;
    browser
        .fill("f-titel", "Lärm und Müll am Spielplatz Plauesche Straße")
        .await;
    browser.click("#f-kategorie option[value='ORD']").await;
    browser
        .fill(
            "f-beschreibung",
            "Nächtliche Treffen, Glasscherben am Morgen.",
        )
        .await;
    browser.fill("f-schwere", "3").await;
    browser.screenshot("floeha-problem-neu").await;
    browser.click("button[name=aktion][value=speichern]").await;
    browser.wait_for("h1").await;
    for _ in 0..50 {
        if browser.text().await.contains("Lärm und Müll am Spielplatz") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(browser.path().await.starts_with("/problemlagen/"));
    let text = browser.text().await;
    assert!(text.contains("Lärm und Müll am Spielplatz"), "{text}");
    browser.open("/kommunen/14522140").await;
    assert!(
        browser
            .text()
            .await
            .contains("Lärm und Müll am Spielplatz Plauesche Straße")
    );
    browser.close().await;
}

#[tokio::test]
async fn a_coordinator_records_a_tie_by_searching_and_picking_both_ends() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(COORDINATOR).await;
    browser.open("/beziehungen/neu").await;
    browser.fill("q1", "Jugendhaus Flöha").await;
    browser.fill("q2", "Gewerbeverein Flöha").await;
    browser
        .click("form[method=get][action='/beziehungen/neu'] button")
        .await;
    browser.wait_for("input[name=von]").await;
    browser.wait_for("input[name=zu]").await;
    browser.click("input[name=von]").await;
    browser.click("input[name=zu]").await;
    browser
        .click("form[method=get][action='/beziehungen/neu'] button")
        .await;
    browser
        .wait_for("form[method=post][action='/beziehungen/neu']")
        .await;
    browser.click("#kind option[value='cooperation']").await;
    browser.fill("since", "01.11.2026").await;
    browser
        .fill("source_note", "Absprache beim Stadtfest")
        .await;
    browser.screenshot("koordination-beziehung-neu").await;
    browser
        .click("form[method=post][action='/beziehungen/neu'] button.primary")
        .await;
    browser.wait_for_path("/beziehungen?akteur=").await;
    let text = browser.text().await;
    assert!(text.contains("Gewerbeverein Flöha e.V."), "{text}");
    assert!(text.contains("01.11.2026"), "{text}");
    browser.close().await;
}

#[tokio::test]
async fn practices_are_found_by_full_text_search_with_german_stems() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(GUEST).await;
    browser.open("/praxis").await;
    browser.fill("q-q", "Konflikte Innenstadt").await;
    browser.click("form[action='/praxis'] button").await;
    browser.wait_for_path("/praxis?").await;
    let text = browser.text().await;
    assert!(
        text.contains("Kommunales Konfliktmanagement in der Chemnitzer Innenstadt"),
        "{text}"
    );
    browser.screenshot("gast-praxis-suche").await;
    browser.close().await;
}

#[tokio::test]
async fn from_the_map_to_a_municipality_with_zoom_and_without_the_mouse() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(COORDINATOR).await;
    browser.open("/karte").await;
    // Choose a district and a layer with the form, as without script.
    browser
        .client
        .execute(
            "document.getElementById('f-kreis').value = '14522'; \
             document.getElementById('f-ebene').value = 'problem-JUG';",
            vec![],
        )
        .await
        .unwrap();
    browser.click("form.filters button").await;
    browser.wait_for_path("/karte?ebene=problem-JUG").await;
    assert!(browser.path().await.contains("kreis=14522"));
    // Our script shows the zoom buttons; zooming in narrows the view box.
    let view_box = || async {
        browser
            .client
            .execute(
                "return document.getElementById('karte').getAttribute('viewBox');",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    let home = view_box().await;
    browser.click("[data-zoom=in]").await;
    let zoomed = view_box().await;
    assert_ne!(home, zoomed);
    let numbers = |v: &str| -> Vec<f64> { v.split(' ').map(|n| n.parse().unwrap()).collect() };
    assert!(
        numbers(&zoomed)[2] < numbers(&home)[2],
        "{home} -> {zoomed}"
    );
    browser.click("[data-zoom=reset]").await;
    assert_eq!(numbers(&view_box().await), numbers(&home));
    browser.screenshot("koordination-karte-mittelsachsen").await;
    // Flöha's place is a link reached by the keyboard.
    let place = browser
        .client
        .find(fantoccini::Locator::Css(
            "svg.map a[href='/kommunen/14522140']",
        ))
        .await
        .unwrap();
    place.send_keys("\u{E007}").await.unwrap();
    browser.wait_for_path("/kommunen/14522140").await;
    assert!(browser.text().await.contains("Abdeckung der vier Säulen"));
    browser.close().await;
}

#[tokio::test]
async fn an_administrator_creates_an_account_and_its_holder_sets_the_password_by_link() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(ADMIN).await;
    browser.open("/verwaltung/benutzer/neu").await;
    browser.fill("f-email", "jugendarbeit@floeha.example").await;
    browser.fill("f-name", "Jugendarbeit Flöha").await;
    browser.click("#f-rolle option[value=member]").await;
    browser
        .click("#f-scope option[value='kommune:14522140']")
        .await;
    browser.click("form.form button.primary").await;
    browser.wait_for("#link").await;
    let link = browser
        .client
        .execute("return document.getElementById('link').value;", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    let path = &link[link.find("/passwort-setzen/").unwrap()..];
    let violations = browser.axe_violations().await;
    assert!(violations.is_empty(), "{violations:?}");
    browser.screenshot("admin-link-ausgestellt").await;
    browser.logout().await;
    // The holder opens the link, sets a password and logs in with it.
    browser.open(path).await;
    assert!(browser.text().await.contains("jugendarbeit@floeha.example"));
    browser.fill("new", "sicheres-passwort-2026").await;
    browser.fill("repeat", "sicheres-passwort-2026").await;
    browser.click("form.form button.primary").await;
    browser.wait_for(".notice").await;
    assert!(browser.text().await.contains("Ihr Passwort ist gesetzt."));
    browser.open("/anmelden").await;
    browser.fill("email", "jugendarbeit@floeha.example").await;
    browser.fill("password", "sicheres-passwort-2026").await;
    browser.click("form[action='/anmelden'] button").await;
    browser.wait_for_path_not("/anmelden").await;
    browser.open("/kommunen/14522140").await;
    assert!(browser.text().await.contains("Neue Problemlage"));
    browser.close().await;
}

#[tokio::test]
async fn the_guest_is_refused_where_the_role_does_not_allow() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(GUEST).await;
    // No button to record anything, and the form itself is refused.
    browser.open("/kommunen/14522140").await;
    assert!(!browser.text().await.contains("Neue Problemlage"));
    browser.open("/problemlagen/neu").await;
    let text = browser.text().await;
    assert!(text.contains("Nicht erlaubt"), "{text}");
    let violations = browser.axe_violations().await;
    assert!(violations.is_empty(), "{violations:?}");
    browser.screenshot("gast-verboten").await;
    browser.open("/verwaltung").await;
    let text = browser.text().await;
    assert!(text.contains("Nicht erlaubt"), "{text}");
    // Outside the guest's region nothing exists.
    browser.open("/kommunen/14713000").await;
    let text = browser.text().await;
    assert!(text.contains("Nicht gefunden"), "{text}");
    browser.close().await;
}

#[tokio::test]
async fn a_coordinator_sees_the_floeha_meetings_effect_an_ego_network_and_an_exact_run() {
    // A limit so low that the demo region is estimated and offers the exact computation.
    let server = Server::demo_with(praevnetz_web::WebSettings {
        exact_limit: 1_000,
        ..praevnetz_web::WebSettings::default()
    })
    .await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(COORDINATOR).await;
    browser
        .open("/netzwerk?bereich=region:chemnitz-erzgebirge-mittelsachsen&ebene=personen")
        .await;
    // The meeting is offered as a comparison point; following it compares before and after.
    browser
        .click("nav.anchors a[href*='vergleich=2022-09-05']")
        .await;
    browser.wait_for("#h-changes").await;
    let text = browser.text().await;
    assert!(
        text.contains("Veränderung vom 05.09.2022 zum 06.09.2023"),
        "{text}"
    );
    assert!(text.contains("Neue Verbindungen"), "{text}");
    let violations = browser.axe_violations().await;
    assert!(violations.is_empty(), "{violations:?}");
    browser.scroll_to("#h-changes").await;
    browser.screenshot("koordination-netzwerk-vergleich").await;
    // A person of the new ties: their page shows their ego network.
    browser.click("#new-ties li a").await;
    browser.wait_for_path("/personen/").await;
    browser.wait_for("#h-ego").await;
    assert!(browser.text().await.contains("Direkte Kontakte"));
    let violations = browser.axe_violations().await;
    assert!(violations.is_empty(), "{violations:?}");
    browser.scroll_to("#h-ego").await;
    browser.screenshot("koordination-person-ego").await;
    // The estimate is computed exactly in the background.
    browser
        .open("/netzwerk?bereich=region:chemnitz-erzgebirge-mittelsachsen&ebene=personen")
        .await;
    browser.click("#exact-offer button").await;
    browser.wait_for_path("/netzwerk/berechnung/").await;
    let mut text = String::new();
    for _ in 0..100 {
        text = browser.text().await;
        if text.contains("Fertig") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        text.contains("Fertig") && text.contains("(100 %)"),
        "{text}"
    );
    let violations = browser.axe_violations().await;
    assert!(violations.is_empty(), "{violations:?}");
    browser.screenshot("koordination-berechnung").await;
    browser.click("a.button.primary").await;
    browser.wait_for_path("/netzwerk").await;
    browser.wait_for("#network-summary").await;
    let text = browser.text().await;
    assert!(text.contains("exakt berechnet"), "{text}");
    browser.close().await;
}

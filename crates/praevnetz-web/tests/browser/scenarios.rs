//! What users do, in the browser.

use crate::browser::Browser;
use crate::harness::{ADMIN, COORDINATOR, FLOEHA, GUEST, POLICE, Server};

/// The main pages every logged-in role sees, with the screenshot name.
const MAIN_PAGES: &[(&str, &str)] = &[
    ("/", "uebersicht"),
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
    ("/ueber", "ueber"),
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

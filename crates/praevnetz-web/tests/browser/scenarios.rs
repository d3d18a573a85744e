//! What users do, in the browser.

use praevnetz_domain::text::ExternalRef;

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
    (
        "/netzwerk/runder-tisch?gemeinde=14522140&kategorie=DRG",
        "runder-tisch",
    ),
    ("/ueber", "ueber"),
];

/// The pages only administrators see.
const ADMIN_PAGES: &[(&str, &str)] = &[
    ("/verwaltung", "verwaltung"),
    ("/verwaltung/benutzer", "verwaltung-benutzer"),
    ("/verwaltung/benutzer/neu", "verwaltung-benutzer-neu"),
    ("/verwaltung/benutzer/3", "verwaltung-benutzer-3"),
    ("/verwaltung/protokoll", "verwaltung-protokoll"),
    ("/verwaltung/runder-tisch", "verwaltung-runder-tisch"),
    (
        "/verwaltung/runder-tisch/DRG",
        "verwaltung-runder-tisch-drg",
    ),
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

/// The id of a demo meeting.
async fn meeting_id(server: &Server, key: &str) -> i64 {
    server
        .store
        .meeting_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

/// The id of a demo person.
async fn person_id(server: &Server, key: &str) -> i64 {
    server
        .store
        .person_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

/// Plans a meeting through /treffen/neu as a user would; returns the path of its page.
async fn plan_a_meeting(browser: &Browser) -> String {
    // Planned from the list of meetings.
    browser.open("/treffen").await;
    browser.click("a[href='/treffen/neu']").await;
    browser.wait_for_path("/treffen/neu").await;
    browser
        .fill("f-titel", "Fachrunde Jugend im öffentlichen Raum")
        .await;
    browser.fill("f-beginn", "18.06.2027 14:00").await;
    browser.fill("f-ende", "18.06.2027 17:00").await;
    browser.fill("f-ort", "Jugendhaus Flöha").await;
    browser.fill("f-adresse", "Augustusburger Straße 10").await;
    browser.click("#f-kommune option[value='14522140']").await;
    browser.fill("f-plaetze", "20").await;
    browser
        .fill(
            "f-beschreibung",
            "Austausch zu Treffpunkten Jugendlicher in der Innenstadt.",
        )
        .await;
    browser.check_here("koordination-treffen-planen").await;
    browser.click("form.form button.primary").await;
    browser.wait_for_path_not("/treffen/neu").await;
    let page = browser.path().await;
    assert!(page.starts_with("/treffen/"), "{page}");
    let text = browser
        .wait_for_text("Fachrunde Jugend im öffentlichen Raum")
        .await;
    assert!(text.contains("18.06.2027 14:00–17:00"), "{text}");
    assert!(text.contains("Jugendhaus Flöha"), "{text}");
    browser.check_here("koordination-treffen-geplant").await;
    page
}

#[tokio::test]
async fn a_coordinator_plans_a_meeting_and_invites_by_area_and_pillar_and_by_hand() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(COORDINATOR).await;
    let page = plan_a_meeting(&browser).await;
    // Invited by area and pillar: the Free State and police of Mittelsachsen.
    browser.click("details.invite summary").await;
    browser
        .click("#i-bereich option[value='kreis:14522']")
        .await;
    browser
        .click("#i-saeule option[value='state_police']")
        .await;
    browser
        .click(&format!("form[action='{page}/einladen'] button"))
        .await;
    browser.wait_for_path(&format!("{page}?eingeladen=")).await;
    let text = browser.wait_for_text("Neu eingeladen").await;
    assert!(text.contains("Jana Herrmann"), "{text}");
    assert!(!text.contains("Franziska Hempel"), "{text}");
    browser.check_here("koordination-treffen-eingeladen").await;
    // Invited by hand: two persons found by their organisation's name.
    let hempel = person_id(&server, "p-franziska-hempel").await;
    let nitzsche = person_id(&server, "p-lars-nitzsche").await;
    browser.click("#invite-persons summary").await;
    browser.fill("i-suche", "Jugendhaus Flöha").await;
    browser
        .click("#invite-persons form[role=search] button")
        .await;
    browser
        .wait_for(&format!("input[name=person][value='{hempel}']"))
        .await;
    browser
        .click(&format!("input[name=person][value='{hempel}']"))
        .await;
    browser
        .click(&format!("input[name=person][value='{nitzsche}']"))
        .await;
    browser
        .check_here("koordination-treffen-personen-suchen")
        .await;
    browser
        .click(&format!(
            "form[action='{page}/personen-einladen'] button.primary"
        ))
        .await;
    browser.wait_for_path(&format!("{page}?eingeladen=2")).await;
    let text = browser.wait_for_text("Franziska Hempel").await;
    assert!(text.contains("Lars Nitzsche"), "{text}");
    assert!(text.contains("Jana Herrmann"), "{text}");
    browser
        .check_here("koordination-treffen-personen-eingeladen")
        .await;
    // Searched again, they are shown as on the list already.
    browser.fill("i-suche", "Hempel").await;
    browser
        .click("#invite-persons form[role=search] button")
        .await;
    let text = browser.wait_for_text("steht schon auf der Liste").await;
    assert!(text.contains("Franziska Hempel"), "{text}");
    // Nobody ticked: told beside the pick, nothing invited.
    browser.fill("i-suche", "Heinze").await;
    browser
        .click("#invite-persons form[role=search] button")
        .await;
    browser.wait_for_text("Bernd Heinze").await;
    browser
        .click(&format!(
            "form[action='{page}/personen-einladen'] button.primary"
        ))
        .await;
    browser.wait_for("#person-error").await;
    assert_eq!(
        browser.text_of("#person-error").await,
        "Person: Angabe fehlt"
    );
    browser
        .check_here("koordination-treffen-personen-fehler")
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_coordinator_records_attendance_and_sees_the_counts_change() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(COORDINATOR).await;
    let annaberg = meeting_id(&server, "m-vernetzung-2023-annaberg").await;
    let ficker = person_id(&server, "p-patrick-ficker").await;
    browser.open(&format!("/treffen/{annaberg}")).await;
    let counts = || async { browser.text_of("#participant-counts").await };
    assert_eq!(
        counts().await,
        "teilgenommen: 31 · entschuldigt: 3 · nicht erschienen: 1"
    );
    // Patrick Ficker came after all.
    let form = format!(
        "form[action='/treffen/{annaberg}/teilnahme']:has(input[name=person][value='{ficker}'])"
    );
    browser
        .click(&format!("{form} select option[value=attended]"))
        .await;
    browser.click(&format!("{form} button")).await;
    browser.wait_for("#participant-counts").await;
    for _ in 0..50 {
        if counts().await.starts_with("teilgenommen: 32") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(counts().await, "teilgenommen: 32 · entschuldigt: 3");
    browser.scroll_to("#h-participants").await;
    browser.check_here("koordination-teilnahme-erfasst").await;
    // And someone excused: the counts follow.
    let guenther = person_id(&server, "p-steffen-guenther").await;
    let form = format!(
        "form[action='/treffen/{annaberg}/teilnahme']:has(input[name=person][value='{guenther}'])"
    );
    browser
        .click(&format!("{form} select option[value=absent]"))
        .await;
    browser.click(&format!("{form} button")).await;
    for _ in 0..50 {
        if counts().await.contains("entschuldigt: 2") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        counts().await,
        "teilgenommen: 32 · entschuldigt: 2 · nicht erschienen: 1"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_coordinator_carries_an_open_topic_onto_the_agenda_of_the_planned_follow_up() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(COORDINATOR).await;
    let freiberg = meeting_id(&server, "m-vernetzung-2027-freiberg").await;
    browser.open(&format!("/treffen/{freiberg}")).await;
    let title = "Fördermittel nach RL KommPräv: Eigenanteil und Antragsfristen";
    // Proposed, not yet on the agenda.
    let proposed = browser.text_of("#topics-proposed").await;
    assert!(proposed.contains(title), "{proposed}");
    let before = browser.text_of("#agenda-table").await;
    assert!(!before.contains(title), "{before}");
    browser.scroll_to("#h-proposed").await;
    browser
        .check_here("koordination-themen-vorgeschlagen")
        .await;
    let topic = browser
        .client
        .execute(
            "return [...document.querySelectorAll('#topics-proposed li')] \
               .find(li => li.textContent.includes(arguments[0])) \
               .querySelector('a').getAttribute('href');",
            vec![serde_json::Value::String(title.to_owned())],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    browser
        .click(&format!(
            "#topics-proposed li:has(a[href='{topic}']) form button"
        ))
        .await;
    browser.wait_for("#agenda-table").await;
    for _ in 0..50 {
        if browser.text_of("#agenda-table").await.contains(title) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let agenda = browser.text_of("#agenda-table").await;
    assert!(agenda.contains(title), "{agenda}");
    let proposed = browser.text_of("#topics-proposed").await;
    assert!(!proposed.contains(title), "{proposed}");
    browser.scroll_to("#h-agenda").await;
    browser
        .check_here("koordination-thema-auf-tagesordnung")
        .await;
    // The topic's page: scheduled, and on the follow-up's agenda.
    browser.open(&topic).await;
    let text = browser.wait_for_text("Verlauf über die Treffen").await;
    assert!(text.contains("4. Vernetzungstreffen"), "{text}");
    let history = browser.text_of("#topic-history").await;
    assert!(history.contains("17.03.2027"), "{history}");
    assert!(history.contains(title), "{history}");
    let current = browser.text_of(".pipeline [aria-current=step]").await;
    assert_eq!(current, "eingeplant");
    browser.check_here("koordination-thema-verlauf").await;
    browser.close().await;
}

/// A member of Flöha raises a topic from the list of topics and votes for it.
async fn raise_and_vote(browser: &Browser) {
    let title = "Lärm und Glasscherben am Spielplatz Plauesche Straße";
    browser.login(FLOEHA).await;
    browser.open("/themen").await;
    browser.click("#raise summary").await;
    browser.fill("f-titel", title).await;
    browser
        .fill(
            "f-beschreibung",
            "Nächtliche Treffen Jugendlicher; Anwohner bitten um ein abgestimmtes Vorgehen.",
        )
        .await;
    browser.click("input[name=kategorie][value=ORD]").await;
    browser.click("input[name=kommune][value='14522140']").await;
    browser.check_here("floeha-thema-einbringen").await;
    browser
        .click("form[action='/themen/neu'] button.primary")
        .await;
    browser.wait_for_path("/themen/").await;
    let text = browser.wait_for_text(title).await;
    assert!(text.contains("Flöha"), "{text}");
    assert_eq!(
        browser.text_of(".pipeline [aria-current=step]").await,
        "eingebracht"
    );
    browser.check_here("floeha-thema-eingebracht").await;
    // … and votes for it.
    let topic = browser.path().await;
    browser.click("form.vote button[value=ja]").await;
    for _ in 0..50 {
        if browser.text_of("#vote-count").await == "1" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(browser.text_of("#vote-count").await, "1");
    browser.check_here("floeha-thema-abgestimmt").await;
    // The list has it among the raised topics, with its vote.
    browser.open("/themen").await;
    let id = topic.rsplit('/').next().unwrap();
    let row = browser.text_of(&format!("#thema-{id}")).await;
    assert!(
        row.contains(title) && row.contains("1 Stimme zurückziehen"),
        "{row}"
    );
    browser.check_here("floeha-themen-mit-stimmen").await;
    browser.logout().await;
}

/// A coordinator records a decision and an action item on the Flöha meeting's page.
async fn record_what_was_agreed(browser: &Browser, server: &Server) {
    browser.login(COORDINATOR).await;
    let floeha = meeting_id(server, "m-vernetzung-2022-floeha").await;
    let m = praevnetz_domain::ids::MeetingId::new(floeha);
    let item = server.store.agenda_items(Some(m), None).await.unwrap()[2].id;
    browser.open(&format!("/treffen/{floeha}")).await;
    // Sent empty first: refused, the field named.
    browser.click("#decision-add summary").await;
    browser.click("#decision-add button.primary").await;
    browser.wait_for("#bn-text-error").await;
    let refused = browser.text_of(".alert").await;
    assert!(refused.contains("Was beschlossen wurde: "), "{refused}");
    browser.check_here("koordination-beschluss-fehler").await;
    browser
        .fill(
            "bn-text",
            "Eine Handreichung zum Umgang mit Gruppen an Brennpunkten wird erarbeitet.",
        )
        .await;
    browser
        .click(&format!("#bn-punkt option[value='{item}']"))
        .await;
    browser.click("button.primary").await;
    browser.wait_for_path(&format!("/treffen/{floeha}")).await;
    let decisions = browser.text_of("#decisions").await;
    assert!(decisions.contains("Handreichung zum Umgang"), "{decisions}");
    let decision = server
        .store
        .decisions(Some(m))
        .await
        .unwrap()
        .last()
        .unwrap()
        .id;
    let haensel = person_id(server, "p-janine-haensel").await;
    browser.click("#action-add summary").await;
    browser
        .fill("an-titel", "Entwurf der Handreichung verschicken")
        .await;
    browser
        .click(&format!("#an-zustaendig option[value='{haensel}']"))
        .await;
    browser.fill("an-faellig", "31.03.2023").await;
    browser
        .click(&format!("#an-beschluss option[value='{decision}']"))
        .await;
    browser.scroll_to("#action-add").await;
    browser.check_here("koordination-aufgabe-erfassen").await;
    browser.click("#action-add button.primary").await;
    for _ in 0..50 {
        if browser.text_of("#h-actions").await.contains("Aufgaben")
            && browser.path().await == format!("/treffen/{floeha}")
            && browser
                .text()
                .await
                .contains("Entwurf der Handreichung verschicken")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let actions = browser.text_of("#actions-table").await;
    assert!(
        actions.contains("Entwurf der Handreichung verschicken Janine Hänsel 31.03.2023 offen"),
        "{actions}"
    );
    browser.scroll_to("#h-actions").await;
    browser.check_here("koordination-aufgabe-erfasst").await;
    // Every form of the record unfolded passes too.
    browser
        .client
        .execute(
            "document.querySelectorAll('details').forEach(d => d.open = true);",
            vec![],
        )
        .await
        .unwrap();
    browser
        .check_here("koordination-protokoll-alle-formulare")
        .await;
}

#[tokio::test]
async fn a_member_raises_and_votes_for_a_topic_and_a_coordinator_records_what_was_agreed() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    raise_and_vote(&browser).await;
    record_what_was_agreed(&browser, &server).await;
    browser.close().await;
}

#[tokio::test]
async fn a_coordinator_requests_a_round_table_and_swaps_a_seat() {
    let server = Server::demo().await;
    let Some(browser) = Browser::start(&server).await else {
        return;
    };
    browser.login(FLOEHA).await;
    // From the network page to the round table, for drug crime in Flöha.
    browser.open("/netzwerk").await;
    browser.click("a[href='/netzwerk/runder-tisch']").await;
    browser.wait_for_path("/netzwerk/runder-tisch").await;
    browser.click("#f-gemeinde option[value='14522140']").await;
    browser.click("#f-kategorie option[value='DRG']").await;
    browser.click("form.filters button.primary").await;
    let text = browser.wait_for_text("Vorschlag zu").await;
    assert!(
        text.contains("Rolle: Polizei") && text.contains("Rolle: Suchtberatung"),
        "{text}"
    );
    browser.check_here("floeha-runder-tisch").await;
    // Swap the first seat for its first alternative.
    let first = browser.text_of("#table-seats > li h3").await;
    let alternative = browser
        .text_of("#table-seats > li .alternatives li a")
        .await;
    browser
        .click("#table-seats > li .alternatives li a[href*='runder-tisch']")
        .await;
    let text = browser.wait_for_text("Ausgeschlossen").await;
    assert!(text.contains(&alternative), "{alternative} missing: {text}");
    assert!(text.contains("Gewünscht"), "{text}");
    let seats = browser.text_of("#table-seats").await;
    assert!(
        !seats.contains(&format!("{first}\n")),
        "{first} still seated"
    );
    browser.check_here("floeha-runder-tisch-getauscht").await;
    // From a recorded problem.
    browser.open("/problemlagen/1").await;
    browser
        .click("a[href='/netzwerk/runder-tisch?problem=1']")
        .await;
    browser.wait_for_text("Für die Problemlage").await;
    browser.check_here("floeha-runder-tisch-problemlage").await;
    browser.close().await;
}

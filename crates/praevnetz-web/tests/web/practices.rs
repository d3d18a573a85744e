//! Praxis: the search, the practice page with its Markdown, the forms, reading by area.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::text::{Name, Text};
use praevnetz_store::PracticeSearch;

use crate::harness::Expect::{Forbidden, Login, Ok};
use crate::harness::expect::{ALL_USERS, EDIT_FLOEHA};
use crate::harness::{ADMIN, Case, FLOEHA, GUEST, Server};

/// A practice of Flöha in the demo.
pub const FLOEHA_PRACTICE: &str = "Doppelstreife und Jugendarbeit am Bahnhofsvorplatz";

pub async fn practice_id(server: &Server, title: &str) -> i64 {
    server
        .store
        .search_practices(&PracticeSearch {
            limit: 1000,
            ..PracticeSearch::default()
        })
        .await
        .unwrap()
        .into_iter()
        .find(|h| h.practice.data.title.as_str() == title)
        .unwrap_or_else(|| panic!("demo practice {title}"))
        .practice
        .id
        .get()
}

fn valid_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("kommune", "14522140"),
        ("titel", title),
        ("zusammenfassung", "Kurz gesagt"),
        ("vorgehen", "**Schritt eins**, dann zwei"),
        ("ergebnis", "Weniger Konflikte"),
        ("kategorien", "GRP"),
        ("kategorien", "VAN"),
        ("beginn", "01.02.2023"),
        ("ende", "2023-12-31"),
        ("aktion", "speichern"),
    ]
}

pub async fn access_cases(server: &Server) -> Vec<Case> {
    let id = practice_id(server, FLOEHA_PRACTICE).await;
    let form = valid_form("Neue Praxis im Test");
    let create = [Login, Ok, Ok, Ok, Ok, Forbidden];
    vec![
        Case::get("/praxis", "/praxis?q=Doppelstreife", ALL_USERS).showing(&[FLOEHA_PRACTICE]),
        Case::get("/praxis/neu", "/praxis/neu", create),
        Case::post("/praxis/neu", "/praxis/neu", &form, create),
        Case::get("/praxis/{id}", format!("/praxis/{id}"), ALL_USERS).showing(&[FLOEHA_PRACTICE]),
        Case::get(
            "/praxis/{id}/bearbeiten",
            format!("/praxis/{id}/bearbeiten"),
            EDIT_FLOEHA,
        ),
        Case::post(
            "/praxis/{id}/bearbeiten",
            format!("/praxis/{id}/bearbeiten"),
            &form,
            EDIT_FLOEHA,
        ),
        Case::post(
            "/praxis/{id}/loeschen",
            format!("/praxis/{id}/loeschen"),
            &[],
            EDIT_FLOEHA,
        ),
    ]
}

#[tokio::test]
async fn the_search_finds_by_text_and_category_and_survives_hostile_input() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    client
        .get("/praxis?q=Doppelstreife")
        .await
        .expect(200)
        .has(&[FLOEHA_PRACTICE, "Flöha"])
        .lacks(&["Crystal-Prävention"]);
    // German stemming: an inflected form finds the practice.
    client
        .get("/praxis?q=Schulwegen")
        .await
        .expect(200)
        .has(&["Sichere Schulwege mit Schülerlotsen"]);
    client
        .get("/praxis?kategorie=DRG")
        .await
        .has(&["Crystal-Prävention an Oberschulen"])
        .lacks(&[FLOEHA_PRACTICE]);
    client
        .get("/praxis?kategorie=XYZ")
        .await
        .expect(200)
        .has(&["Kein Praxisbeispiel gefunden."]);
    let long = "a".repeat(10_000);
    for q in [
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%27%20or%201%3D1%20--",
        "%22unclosed",
        "NEAR(a%20b)%20*%20OR",
        long.as_str(),
    ] {
        client
            .get(&format!("/praxis?q={q}&seite=abc"))
            .await
            .expect(200)
            .lacks(&["<script>alert(1)"]);
    }
    client.get("/praxis/abc").await.expect(404);
    client.get("/praxis/99999").await.expect(404);
}

#[tokio::test]
async fn the_practice_page_renders_markdown_without_scripts() {
    let server = Server::demo().await;
    let mut client = server.login(ADMIN).await;
    let mut form = valid_form("Markdown-Probe");
    form.retain(|(k, _)| *k != "vorgehen");
    form.push((
        "vorgehen",
        "**fett**\n\n<script>alert(1)</script>\n\n[Link](javascript:alert(2))",
    ));
    let created = client.post("/praxis/neu", &form).await;
    created.expect(303);
    let page = client.get(created.location()).await;
    page.expect(200).has(&[
        "<strong>fett</strong>",
        "Weniger Konflikte",
        "01.02.2023 – 31.12.2023",
        "/praxis?kategorie=GRP",
    ]);
    assert!(!page.body.contains("<script>alert(1)"));
    assert!(!page.body.contains("javascript:alert(2)"));
}

#[tokio::test]
async fn practices_are_created_edited_and_deleted_and_bad_input_is_kept() {
    let server = Server::demo().await;
    let count = || async { server.store.practices(None, None).await.unwrap().len() };
    let before = count().await;
    let mut client = server.login(FLOEHA).await;
    let mut bad = valid_form("<script>alert(1)</script>");
    bad.retain(|(k, _)| !matches!(*k, "beginn" | "ende" | "kategorien"));
    bad.extend([
        ("beginn", "31.12.2023"),
        ("ende", "01.01.2023"),
        ("kategorien", "ZZZ"),
        ("partner", "abc"),
    ]);
    let page = client.post("/praxis/neu", &bad).await;
    page.expect(422).has(&[
        "liegt nach dem Ende",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "Wählen Sie eine Kategorie",
    ]);
    assert_eq!(count().await, before);

    let created = client
        .post("/praxis/neu", &valid_form("Gemeinsame Streife"))
        .await;
    created.expect(303);
    let location = created.location().to_owned();
    assert_eq!(count().await, before + 1);
    let mut edit = valid_form("Gemeinsame Streife, erweitert");
    edit.push(("partner", "o1"));
    client
        .post(&format!("{location}/bearbeiten"), &edit)
        .await
        .expect(303);
    client
        .get(&location)
        .await
        .expect(200)
        .has(&["Gemeinsame Streife, erweitert"]);
    client
        .post(&format!("{location}/loeschen"), &[])
        .await
        .expect(303);
    client.get(&location).await.expect(404);
    assert_eq!(count().await, before);
}

#[tokio::test]
async fn a_practice_outside_the_region_is_hidden_from_the_guest_only() {
    let server = Server::demo().await;
    let leipzig = server
        .store
        .municipality_by_ags(&praevnetz_domain::territory::Ags::parse("14713000").unwrap())
        .await
        .unwrap()
        .unwrap();
    let flo = practice_id(&server, FLOEHA_PRACTICE).await;
    let template = server
        .store
        .practice(praevnetz_domain::ids::PracticeId::new(flo))
        .await
        .unwrap()
        .unwrap();
    let data = praevnetz_domain::practice::PracticeData {
        municipality_id: leipzig.id,
        title: Name::parse("Leipziger Waffenverbotszone").unwrap(),
        summary: Some(Text::parse("Waffenverbotszone am Hauptbahnhof").unwrap()),
        external_ref: None,
        partners: vec![],
        contact_person_id: None,
        ..template.data
    };
    let id = server
        .store
        .create_practice(&ChangeContext::cli(jiff::Timestamp::now()), &data)
        .await
        .unwrap()
        .get();
    for (email, sees) in [(FLOEHA, true), (ADMIN, true), (GUEST, false)] {
        let mut client = server.login(email).await;
        let list = client.get("/praxis?q=Waffenverbotszone").await;
        assert_eq!(
            list.body.contains("Leipziger Waffenverbotszone"),
            sees,
            "{email}"
        );
        let detail = client.get(&format!("/praxis/{id}")).await;
        assert_eq!(detail.status, if sees { 200 } else { 404 }, "{email}");
    }
}

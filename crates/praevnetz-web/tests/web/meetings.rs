//! Treffen: the list and page of a meeting with participants, agenda, minutes, decisions and
//! action items, its calendar file read back by an independent parser, and who sees what.

use praevnetz_domain::text::ExternalRef;

use crate::harness::expect::ALL_USERS;
use crate::harness::{ADMIN, Case, GUEST, Server};

const FLOEHA_MEETING: &str = "m-vernetzung-2022-floeha";
const FLOEHA_TITLE: &str = "Vernetzungstreffen der Regionen Chemnitz, Erzgebirge, Mittelsachsen";

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

async fn series_id(server: &Server) -> i64 {
    server
        .store
        .meeting_series_by_ref(&ExternalRef::parse("ms-vernetzung-cem").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

pub async fn access_cases(server: &Server) -> Vec<Case> {
    let id = meeting_id(server, FLOEHA_MEETING).await;
    vec![
        Case::get("/treffen", "/treffen?zeit=alle", ALL_USERS).showing(&[FLOEHA_TITLE]),
        Case::get("/treffen/{id}", format!("/treffen/{id}"), ALL_USERS).showing(&[
            "Tagesordnung",
            "Teilnehmende",
            "Beschlüsse",
        ]),
        Case::get(
            "/treffen/reihen/{id}",
            format!("/treffen/reihen/{}", series_id(server).await),
            ALL_USERS,
        )
        .showing(&["Wirkung der ganzen Reihe", "Offene Themen der Reihe"]),
        Case::get("/treffen/aufgaben", "/treffen/aufgaben", ALL_USERS)
            .showing(&["Offene Aufgaben", "Nach Kommune"]),
        Case::get(
            "/treffen/{id}/kalender.ics",
            format!("/treffen/{id}/kalender.ics"),
            ALL_USERS,
        ),
    ]
}

/// The properties of the only event of an iCalendar text, read by the `ical` crate.
fn event_properties(text: &str) -> Vec<(String, String)> {
    let mut calendars = ical::IcalParser::new(text.as_bytes());
    let calendar = calendars.next().unwrap().unwrap();
    assert!(calendars.next().is_none());
    assert_eq!(calendar.events.len(), 1);
    calendar.events[0]
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect()
}

/// A property's value with RFC 5545's TEXT escapes undone (the parser leaves them).
fn property(properties: &[(String, String)], name: &str) -> String {
    let raw = &properties.iter().find(|(n, _)| n == name).unwrap().1;
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[tokio::test]
async fn the_floeha_meeting_shows_its_participants_agenda_minutes_decisions_and_tasks() {
    let server = Server::demo().await;
    let id = meeting_id(&server, FLOEHA_MEETING).await;
    let mut admin = server.login(ADMIN).await;
    let page = admin.get(&format!("/treffen/{id}")).await;
    page.expect(200).has(&[
        &format!("<h1>{FLOEHA_TITLE}</h1>"),
        "06.09.2022 10:00–15:00",
        "Stadtsaal „Alte Baumwolle“",
        "<a href=\"/kommunen/14522140\">Flöha</a>",
        "<h2 id=\"h-agenda\">Tagesordnung</h2>",
        r#"<table class="sortable" aria-labelledby="h-participants" id="participants-table">"#,
        "<h2 id=\"h-minutes\">Protokoll</h2>",
        "<ol id=\"decisions\"><li>",
        r#"<table aria-labelledby="h-actions" id="actions-table">"#,
        &format!("href=\"/treffen/{id}/kalender.ics\""),
    ]);
    // Minutes are Markdown rendered as HTML.
    let minutes = &page.body[page.body.find("id=\"h-minutes\"").unwrap()..];
    assert!(minutes[..minutes.find("</section>").unwrap()].contains("<li>"));
    let attended = page.body.matches("<td>teilgenommen</td>").count();
    assert!(attended >= 10, "{attended}");
    // The list has it among the past meetings, not among the coming ones.
    admin
        .get("/treffen?zeit=vergangen")
        .await
        .expect(200)
        .has(&[&format!("<a href=\"/treffen/{id}\">{FLOEHA_TITLE}</a>")]);
    admin
        .get("/treffen")
        .await
        .expect(200)
        .lacks(&[FLOEHA_TITLE]);
    // The overview's upcoming meetings link to their pages.
    admin
        .get("/")
        .await
        .expect(200)
        .has(&["<a href=\"/treffen/"]);
    // The topics raised there, and the planned follow-up proposes the open ones carried over.
    page.has(&[
        "<ul id=\"topics-raised\">",
        "Personelle Auslastung: Prävention neben dem Tagesgeschäft",
        "Montagsdemonstrationen: Kommune als Versammlungsbehörde",
    ]);
    let planned = meeting_id(&server, "m-vernetzung-2027-freiberg").await;
    let follow_up = admin.get(&format!("/treffen/{planned}")).await;
    follow_up
        .expect(200)
        .has(&["<h2 id=\"h-proposed\">Vorschläge für die Tagesordnung</h2>"]);
    let proposed = &follow_up.body[follow_up.body.find("id=\"topics-proposed\"").unwrap()..];
    let proposed = &proposed[..proposed.find("</ul>").unwrap()];
    assert!(proposed.contains("Gruppen an Brennpunkten"), "{proposed}");
    assert!(
        proposed.contains("Fördermittel nach RL KommPräv"),
        "{proposed}"
    );
    // Closed topics are not carried over.
    assert!(!proposed.contains("Montagsdemonstrationen"), "{proposed}");
    // Its effect: the ties among those who attended, before and after.
    page.has(&[
        "<h2 id=\"h-impact\">Wirkung auf das Netzwerk der Teilnehmenden</h2>",
        "<th scope=\"row\">Tag davor (05.09.2022)</th>",
        "<th scope=\"row\">nach 12 Monaten (06.09.2023)</th>",
    ]);
    let impact = &page.body[page.body.find("id=\"impact-table\"").unwrap()..];
    let rows: Vec<Vec<u64>> = impact[..impact.find("</table>").unwrap()]
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            row.split("<td class=\"num\">")
                .skip(1)
                .map(|c| c[..c.find('<').unwrap()].parse().unwrap_or(0))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 4);
    // New working ties among the participants within a year, more of them than within three
    // months.
    assert!(rows[3][1] > 0 && rows[3][1] >= rows[1][1], "{rows:?}");
    // Working ties only: the 56 of the demo's ties file among the 35 who attended on the day
    // before, 43 begun since (data/README.md). The 595 ties "met at meeting" among them are
    // the meeting itself, not its effect, and are not counted.
    assert_eq!(
        (rows[0][0], rows[1][..2].to_vec(), rows[3][..2].to_vec()),
        (56, vec![75, 20], vec![98, 43]),
        "{rows:?}"
    );
    // Unknown and malformed ids are 404.
    for path in [
        "/treffen/999999",
        "/treffen/abc",
        "/treffen/999999/kalender.ics",
    ] {
        admin.get(path).await.expect(404);
    }
}

#[tokio::test]
async fn the_calendar_file_is_valid_icalendar_in_utc_across_daylight_saving() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    // 6 September 2022, 10:00 in Flöha is summer time (UTC+2).
    let id = meeting_id(&server, FLOEHA_MEETING).await;
    let file = guest.get(&format!("/treffen/{id}/kalender.ics")).await;
    file.expect(200);
    assert_eq!(
        file.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(
        file.header("content-disposition")
            .unwrap()
            .contains(&format!("treffen-{id}.ics"))
    );
    let event = event_properties(&file.body);
    assert_eq!(property(&event, "DTSTART"), "20220906T080000Z");
    assert_eq!(property(&event, "DTEND"), "20220906T130000Z");
    assert_eq!(property(&event, "SUMMARY"), FLOEHA_TITLE);
    assert_eq!(property(&event, "UID"), format!("treffen-{id}@localhost"));
    assert_eq!(property(&event, "STATUS"), "CONFIRMED");
    assert!(property(&event, "URL").ends_with(&format!("/treffen/{id}")));
    assert!(property(&event, "LOCATION").contains("Flöha"));
    // 17 March 2027, 10:00 in Freiberg is winter time (UTC+1).
    let planned = meeting_id(&server, "m-vernetzung-2027-freiberg").await;
    let file = guest.get(&format!("/treffen/{planned}/kalender.ics")).await;
    let event = event_properties(&file.expect(200).body);
    assert_eq!(property(&event, "DTSTART"), "20270317T090000Z");
    assert_eq!(property(&event, "DTEND"), "20270317T140000Z");
}

#[tokio::test]
async fn open_action_items_are_listed_by_person_and_municipality_overdue_first() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let page = admin.get("/treffen/aufgaben").await;
    page.expect(200).has(&[
        "Handreichung Umgang mit Gruppen an Brennpunkten erarbeiten",
        "Raum und Technik für das hybride Format klären",
        // Agreed outside a meeting, and still open.
        "Kampagne gegen Schockanrufe mit Banken und Seniorenvertretungen vorbereiten",
        r#"<table class="sortable" aria-labelledby="h-by-place" id="actions-by-municipality">"#,
        "<a href=\"/kommunen/14522140\">Flöha</a>",
    ]);
    // Done and cancelled items are not open.
    page.lacks(&[
        "Protokoll und Themenspeicher an alle Teilnehmenden versenden",
        "Abgestimmtes Lagebild Versammlungsgeschehen",
    ]);
    // Overdue ones (due in 2024) are marked, and within a person's list come before those due
    // in 2027.
    let overdue = page.body.find("Handreichung Umgang mit Gruppen").unwrap();
    let rest = &page.body[overdue..];
    assert!(rest[..rest.find("</li>").unwrap()].contains("(überfällig)"));
    // Two more items of the person who sends the invitation (due 31.01.2027): one overdue,
    // one without a date. Overdue first, then by date, undated last.
    let owner = server
        .store
        .person_by_ref(&ExternalRef::parse("p-janine-haensel").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    let ctx = praevnetz_domain::audit::ChangeContext::cli(jiff::Timestamp::now());
    for (title, due) in [
        ("Undatierte Aufgabe", None),
        (
            "Längst fällige Aufgabe",
            Some(jiff::civil::date(2024, 1, 15)),
        ),
    ] {
        let data = praevnetz_domain::meeting::ActionItemData {
            meeting_id: None,
            decision_id: None,
            title: praevnetz_domain::text::Name::parse(title).unwrap(),
            owner_id: Some(owner),
            due_on: due,
            status: praevnetz_domain::meeting::ActionStatus::Open,
            completed_on: None,
        };
        server.store.create_action_item(&ctx, &data).await.unwrap();
    }
    let page = admin.get("/treffen/aufgaben").await;
    let body = &page.expect(200).body;
    let at = |text: &str| body.find(text).unwrap();
    assert!(at("Längst fällige Aufgabe") < at("Einladung und Tagesordnung versenden"));
    assert!(at("Einladung und Tagesordnung versenden") < at("Undatierte Aufgabe"));
}

#[tokio::test]
async fn a_viewer_of_another_area_sees_none_of_the_regions_meetings_or_topics() {
    let server = Server::demo().await;
    let mut leipzig = crate::network::leipzig_viewer(&server).await;
    let list = leipzig.get("/treffen?zeit=alle").await;
    list.expect(200).lacks(&[FLOEHA_TITLE, "(online)"]);
    // The online meeting has no venue: its series' region decides.
    for key in [FLOEHA_MEETING, "m-vernetzung-2021-online"] {
        let id = meeting_id(&server, key).await;
        leipzig.get(&format!("/treffen/{id}")).await.expect(404);
        leipzig
            .get(&format!("/treffen/{id}/kalender.ics"))
            .await
            .expect(404);
    }
    let topic = topic_id(&server, "t-gruppen-brennpunkte").await;
    leipzig.get(&format!("/themen/{topic}")).await.expect(404);
    leipzig
        .get("/themen?stand=alle")
        .await
        .expect(200)
        .lacks(&["Gruppen an Brennpunkten"]);
    leipzig.get("/treffen/aufgaben").await.expect(200).lacks(&[
        "Handreichung Umgang mit Gruppen",
        "Kampagne gegen Schockanrufe",
    ]);
    let id = meeting_id(&server, FLOEHA_MEETING).await;
    leipzig
        .get(&format!("/schnittstellen?treffen={id}"))
        .await
        .expect(200)
        .has(&["Dieses Treffen gibt es nicht"]);
    // The guest of the region sees the online meeting.
    let online = meeting_id(&server, "m-vernetzung-2021-online").await;
    let mut guest = server.login(GUEST).await;
    guest.get(&format!("/treffen/{online}")).await.expect(200);
}

async fn topic_id(server: &Server, key: &str) -> i64 {
    server
        .store
        .topic_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

pub async fn topic_cases(server: &Server) -> Vec<Case> {
    let id = topic_id(server, "t-gruppen-brennpunkte").await;
    vec![
        Case::get("/themen", "/themen?stand=alle", ALL_USERS).showing(&["Gruppen an Brennpunkten"]),
        Case::get("/themen/{id}", format!("/themen/{id}"), ALL_USERS).showing(&[
            "Verlauf über die Treffen",
            "href=\"/netzwerk/runder-tisch?gemeinde=",
        ]),
    ]
}

#[tokio::test]
async fn topics_stand_in_their_pipeline_with_their_history_across_meetings() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    // Open topics by default; closed ones only when asked for.
    let open = guest.get("/themen").await;
    open.expect(200)
        .has(&["Gruppen an Brennpunkten", "Fördermittel nach RL KommPräv"])
        .lacks(&["Montagsdemonstrationen: Kommune als Versammlungsbehörde"]);
    guest
        .get("/themen?stand=closed")
        .await
        .expect(200)
        .has(&["Montagsdemonstrationen: Kommune als Versammlungsbehörde"])
        .lacks(&["Gruppen an Brennpunkten"]);
    // A topic shows where it stands, where it came from and where it was discussed.
    let id = topic_id(&server, "t-gruppen-brennpunkte").await;
    let page = guest.get(&format!("/themen/{id}")).await;
    page.expect(200).has(&[
        r#"<li aria-current="step" class="current">Nachbereitung</li>"#,
        "<a href=\"/treffen/2\">",
        "<ol id=\"topic-history\">",
        "<a href=\"/kommunen/14522140\">Flöha</a>",
    ]);
    for path in ["/themen/999999", "/themen/abc"] {
        guest.get(path).await.expect(404);
    }
}

pub fn interface_cases() -> Vec<Case> {
    vec![
        Case::get(
            "/schnittstellen",
            "/schnittstellen?bereich=region:chemnitz-erzgebirge-mittelsachsen",
            ALL_USERS,
        )
        .showing(&["Gemeinsame Problembereiche", "Austauschvorschläge"]),
    ]
}

/// The category codes of the table of shared problem areas, in order.
fn shared_codes(body: &str) -> Vec<String> {
    let start = body.find("id=\"shared-table\"").unwrap();
    let table = &body[start..start + body[start..].find("</table>").unwrap()];
    table
        .split("/problemlagen?kategorie=")
        .skip(1)
        .map(|s| s[..3].to_owned())
        .collect()
}

#[tokio::test]
async fn the_region_shares_the_four_problem_areas_of_the_floeha_report() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    let page = guest
        .get("/schnittstellen?bereich=region:chemnitz-erzgebirge-mittelsachsen")
        .await;
    page.expect(200).has(&[
        "<h2 id=\"h-groups\">Kommunen mit ähnlichem Profil</h2>",
        r#"<table class="sortable" id="suggestions-table">"#,
        r#"<table id="similarity-table">"#,
    ]);
    let codes = shared_codes(&page.body);
    // Staff workload, groups at hotspots, drug crime and the Monday demonstrations.
    for code in ["RES", "GRP", "DRG", "DEM"] {
        assert!(codes.contains(&code.to_owned()), "{code} not in {codes:?}");
    }
    // Groups at hotspots are shared by most municipalities, so they come first.
    assert_eq!(codes[0], "GRP");
    // Suggestions pair a municipality with another's practice and its contact.
    assert!(page.body.contains("<td><a href=\"/praxis/"));
    // The municipalities of a meeting's participants.
    let id = meeting_id(&server, FLOEHA_MEETING).await;
    let meeting = guest.get(&format!("/schnittstellen?treffen={id}")).await;
    meeting.expect(200).has(&[
        &format!("Teilnehmende von „{FLOEHA_TITLE}“"),
        "id=\"shared-table\"",
    ]);
    // An unknown meeting is said so; the user's area is shown instead.
    guest
        .get("/schnittstellen?treffen=99999")
        .await
        .expect(200)
        .has(&["Dieses Treffen gibt es nicht"]);
}

pub fn feed_cases() -> Vec<Case> {
    use crate::harness::Expect::NotFound;
    let unknown = format!("/kalender/{}.ics", "0".repeat(64));
    vec![
        Case::get("/konto/kalender", "/konto/kalender", ALL_USERS)
            .showing(&["Persönlicher Kalender"]),
        Case::post(
            "/konto/kalender/erzeugen",
            "/konto/kalender/erzeugen",
            &[],
            ALL_USERS,
        ),
        Case::post(
            "/konto/kalender/widerrufen",
            "/konto/kalender/widerrufen",
            &[],
            ALL_USERS,
        ),
        Case::get("/kalender/{file}", unknown, [NotFound; 6]),
    ]
}

/// The path of the calendar address a page shows.
fn feed_path(body: &str) -> String {
    let start = body.find("id=\"feed-address\"").unwrap();
    let value = &body[start..];
    let value = &value[value.find("value=\"").unwrap() + 7..];
    let address = &value[..value.find('"').unwrap()];
    address[address.find("/kalender/").unwrap()..].to_owned()
}

#[tokio::test]
async fn a_personal_calendar_address_shows_the_users_meetings_until_renewed_or_revoked() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    guest
        .get("/konto/kalender")
        .await
        .expect(200)
        .has(&["Sie haben noch keine Kalenderadresse."]);
    let made = guest.post("/konto/kalender/erzeugen", &[]).await;
    made.expect(200).has(&["Ihre neue Kalenderadresse"]);
    assert_eq!(made.header("cache-control"), Some("no-store"));
    let path = feed_path(&made.body);
    // Calendar programs fetch it without a login.
    let feed = crate::harness::get(server.addr, &path).await;
    feed.expect(200);
    assert_eq!(
        feed.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let calendar = ical::IcalParser::new(feed.body.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    let starts: Vec<String> = calendar
        .events
        .iter()
        .flat_map(|e| &e.properties)
        .filter(|p| p.name == "DTSTART")
        .filter_map(|p| p.value.clone())
        .collect();
    // The planned meeting in Freiberg, not the one in Flöha (more than a year ago).
    assert!(
        starts.contains(&"20270317T090000Z".to_owned()),
        "{starts:?}"
    );
    assert!(
        !starts.contains(&"20220906T080000Z".to_owned()),
        "{starts:?}"
    );
    // A new address replaces the old one.
    let renewed = guest.post("/konto/kalender/erzeugen", &[]).await;
    let new_path = feed_path(&renewed.expect(200).body);
    assert_ne!(new_path, path);
    crate::harness::get(server.addr, &path).await.expect(404);
    crate::harness::get(server.addr, &new_path)
        .await
        .expect(200);
    guest
        .get("/konto/kalender")
        .await
        .expect(200)
        .has(&["Ihre Kalenderadresse besteht seit"])
        .lacks(&["id=\"feed-address\""]);
    // Revoked: it answers "not found".
    guest
        .post("/konto/kalender/widerrufen", &[])
        .await
        .expect(303);
    crate::harness::get(server.addr, &new_path)
        .await
        .expect(404);
    // Malformed addresses are "not found" too.
    for bad in ["/kalender/abc.ics", "/kalender/abc", "/kalender/%00.ics"] {
        crate::harness::get(server.addr, bad).await.expect(404);
    }
    // A viewer of another area gets a calendar without the region's meetings.
    let mut leipzig = crate::network::leipzig_viewer(&server).await;
    let theirs = leipzig.post("/konto/kalender/erzeugen", &[]).await;
    let feed = crate::harness::get(server.addr, &feed_path(&theirs.expect(200).body)).await;
    feed.expect(200).lacks(&["Vernetzungstreffen"]);
}

async fn person_id(server: &Server, key: &str) -> praevnetz_domain::ids::PersonId {
    server
        .store
        .person_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

pub async fn planning_cases(server: &Server) -> Vec<Case> {
    use crate::harness::Expect::{Forbidden, Login, Ok};
    use crate::harness::expect::EDIT_FLOEHA;
    let id = meeting_id(server, FLOEHA_MEETING).await;
    let planned = meeting_id(server, "m-vernetzung-2027-freiberg").await;
    let topic = topic_id(server, "t-foerdermittel").await;
    let person = person_id(server, "p-janine-haensel").await;
    let by_hand = person_id(server, "p-franziska-hempel").await.to_string();
    vec![
        Case::get("/treffen/neu", "/treffen/neu", EDIT_FLOEHA).showing(&["Treffen planen"]),
        Case::post("/treffen/neu", "/treffen/neu", &[], EDIT_FLOEHA),
        Case::get(
            "/treffen/{id}/bearbeiten",
            format!("/treffen/{id}/bearbeiten"),
            EDIT_FLOEHA,
        )
        .showing(&[FLOEHA_TITLE]),
        Case::post(
            "/treffen/{id}/bearbeiten",
            format!("/treffen/{id}/bearbeiten"),
            &[],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/treffen/{id}/einladen",
            format!("/treffen/{id}/einladen"),
            &[("bereich", "gemeinde:14522140"), ("saeule", "civic")],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/treffen/{id}/personen-einladen",
            format!("/treffen/{id}/personen-einladen"),
            &[("person", &by_hand)],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/treffen/{id}/tagesordnung",
            format!("/treffen/{planned}/tagesordnung"),
            &[("thema", &topic.to_string())],
            [Login, Ok, Ok, Forbidden, Ok, Forbidden],
        ),
        Case::post(
            "/treffen/{id}/folgetreffen",
            format!("/treffen/{id}/folgetreffen"),
            &[("monate", "6")],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/treffen/{id}/teilnahme",
            format!("/treffen/{id}/teilnahme"),
            &[("person", &person.to_string()), ("stand", "attended")],
            EDIT_FLOEHA,
        ),
    ]
}

fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn plan(title: &str, start: &str, end: &str, place: &str) -> Vec<(&'static str, String)> {
    vec![
        ("reihe", String::new()),
        ("titel", title.to_owned()),
        ("beginn", start.to_owned()),
        ("ende", end.to_owned()),
        ("form", "in_person".to_owned()),
        ("stand", "planned".to_owned()),
        ("ort", "Rathaus Flöha, Ratssaal".to_owned()),
        ("adresse", "Markt 1".to_owned()),
        ("kommune", place.to_owned()),
        ("plaetze", "30".to_owned()),
        (
            "beschreibung",
            "Austausch zu Gruppen an Brennpunkten.".to_owned(),
        ),
        ("protokoll", String::new()),
    ]
}

#[tokio::test]
async fn a_member_plans_and_edits_a_meeting_in_their_municipality() {
    let server = Server::demo().await;
    let mut member = server.login(crate::harness::FLOEHA).await;
    // The end before the start: said beside the end, nothing saved.
    let wrong = plan(
        "Stammtisch Prävention",
        "12.05.2027 18:00",
        "12.05.2027 17:00",
        "14522140",
    );
    let refused = member.post("/treffen/neu", &as_refs(&wrong)).await;
    refused.expect(422).has(&["id=\"f-ende-error\""]);
    // A local time that does not exist (the clocks go forward at 2:00 on 28 March 2027).
    let gap = plan(
        "Stammtisch Prävention",
        "28.03.2027 02:30",
        "28.03.2027 04:00",
        "14522140",
    );
    member
        .post("/treffen/neu", &as_refs(&gap))
        .await
        .expect(422)
        .has(&["id=\"f-beginn-error\""]);
    // A municipality the member may not plan for.
    let elsewhere = plan(
        "Stammtisch Prävention",
        "12.05.2027 18:00",
        "12.05.2027 20:00",
        "14713000",
    );
    member
        .post("/treffen/neu", &as_refs(&elsewhere))
        .await
        .expect(422)
        .has(&["Für diese Kommune"]);
    let before = server
        .store
        .meetings(&praevnetz_store::MeetingFilter::default())
        .await
        .unwrap()
        .len();
    assert_eq!(
        before,
        server
            .store
            .meetings(&praevnetz_store::MeetingFilter::default())
            .await
            .unwrap()
            .len()
    );
    // Right: saved, and shown in Berlin time.
    let good = plan(
        "Stammtisch Prävention",
        "12.05.2027 18:00",
        "12.05.2027 20:00",
        "14522140",
    );
    let saved = member.post("/treffen/neu", &as_refs(&good)).await;
    saved.expect(303);
    let page_path = saved.location().to_owned();
    let page = member.get(&page_path).await;
    page.expect(200).has(&[
        "<h1>Stammtisch Prävention</h1>",
        "12.05.2027 18:00–20:00",
        "Rathaus Flöha, Ratssaal",
        "Treffen bearbeiten",
    ]);
    assert_eq!(
        server
            .store
            .meetings(&praevnetz_store::MeetingFilter::default())
            .await
            .unwrap()
            .len(),
        before + 1
    );
    // Its calendar file is in UTC (summer time: two hours behind).
    let file = member.get(&format!("{page_path}/kalender.ics")).await;
    assert!(file.expect(200).body.contains("DTSTART:20270512T160000Z"));
    // Edited: the new title is shown.
    let edited = plan(
        "Stammtisch Prävention Flöha",
        "12.05.2027 18:00",
        "12.05.2027 20:30",
        "14522140",
    );
    member
        .post(&format!("{page_path}/bearbeiten"), &as_refs(&edited))
        .await
        .expect(303);
    member
        .get(&page_path)
        .await
        .expect(200)
        .has(&["<h1>Stammtisch Prävention Flöha</h1>", "18:00–20:30"]);
    // The guest may see it but not change it.
    let mut guest = server.login(GUEST).await;
    guest
        .get(&page_path)
        .await
        .expect(200)
        .lacks(&["/bearbeiten\""]);
    guest
        .post(&format!("{page_path}/bearbeiten"), &as_refs(&edited))
        .await
        .expect(403);
}

#[tokio::test]
async fn a_planner_invites_by_area_and_pillar_and_records_attendance_with_a_waiting_list() {
    let server = Server::demo().await;
    let mut member = server.login(crate::harness::FLOEHA).await;
    // A new meeting in Flöha with one place.
    let mut fields = plan(
        "Runde Polizei Flöha",
        "12.05.2027 18:00",
        "12.05.2027 20:00",
        "14522140",
    );
    fields.retain(|(k, _)| *k != "plaetze");
    fields.push(("plaetze", "1".to_owned()));
    let saved = member.post("/treffen/neu", &as_refs(&fields)).await;
    let page_path = saved.expect(303).location().to_owned();
    // Invite the police of Flöha.
    let invited = member
        .post(
            &format!("{page_path}/einladen"),
            &[("bereich", "gemeinde:14522140"), ("saeule", "state_police")],
        )
        .await;
    assert!(invited.expect(303).location().contains("eingeladen="));
    let id: i64 = page_path.rsplit('/').next().unwrap().parse().unwrap();
    let meeting = praevnetz_domain::ids::MeetingId::new(id);
    let list = server
        .store
        .participations(Some(meeting), None)
        .await
        .unwrap();
    assert!(list.len() >= 2, "{}", list.len());
    assert!(list.iter().all(|p| p.data.status.code() == "invited"));
    // Inviting again adds nobody.
    member
        .post(
            &format!("{page_path}/einladen"),
            &[("bereich", "gemeinde:14522140"), ("saeule", "state_police")],
        )
        .await
        .expect(303);
    assert_eq!(
        server
            .store
            .participations(Some(meeting), None)
            .await
            .unwrap()
            .len(),
        list.len()
    );
    // Two registrations for one place: the second goes to the waiting list.
    let (first, second) = (list[0].data.person_id, list[1].data.person_id);
    for person in [first, second] {
        member
            .post(
                &format!("{page_path}/teilnahme"),
                &[("person", &person.to_string()), ("stand", "registered")],
            )
            .await
            .expect(303);
    }
    let after = server
        .store
        .participations(Some(meeting), None)
        .await
        .unwrap();
    let status = |p| {
        after
            .iter()
            .find(|x| x.data.person_id == p)
            .unwrap()
            .data
            .status
            .code()
    };
    assert_eq!(
        (status(first), status(second)),
        ("registered", "waitlisted")
    );
    // Bad input: an unknown status, a person not on the list.
    member
        .post(
            &format!("{page_path}/teilnahme"),
            &[("person", &first.to_string()), ("stand", "verschollen")],
        )
        .await
        .expect(400);
    member
        .post(
            &format!("{page_path}/teilnahme"),
            &[("person", "999999"), ("stand", "attended")],
        )
        .await
        .expect(404);
    // The page shows the list with the forms to change it.
    member.get(&page_path).await.expect(200).has(&[
        "<details class=\"invite\">",
        "action=\"/treffen/",
        "Warteliste",
    ]);
}

/// The participations of a meeting by person: (person, organisation, status code).
async fn listed(
    server: &Server,
    meeting: praevnetz_domain::ids::MeetingId,
) -> Vec<(i64, Option<i64>, &'static str)> {
    server
        .store
        .participations(Some(meeting), None)
        .await
        .unwrap()
        .iter()
        .map(|p| {
            (
                p.data.person_id.get(),
                p.data
                    .organisation_id
                    .map(praevnetz_domain::ids::OrganisationId::get),
                p.data.status.code(),
            )
        })
        .collect()
}

/// A meeting in Flöha with one place, planned by `member`: its fields, page and id.
async fn youth_round(
    member: &mut crate::harness::Client,
) -> (
    Vec<(&'static str, String)>,
    String,
    praevnetz_domain::ids::MeetingId,
) {
    let mut fields = plan(
        "Runde Jugend Flöha",
        "12.05.2027 18:00",
        "12.05.2027 20:00",
        "14522140",
    );
    fields.retain(|(k, _)| *k != "plaetze");
    fields.push(("plaetze", "1".to_owned()));
    let page_path = member
        .post("/treffen/neu", &as_refs(&fields))
        .await
        .expect(303)
        .location()
        .to_owned();
    let meeting = praevnetz_domain::ids::MeetingId::new(
        page_path.rsplit('/').next().unwrap().parse().unwrap(),
    );
    (fields, page_path, meeting)
}

#[tokio::test]
async fn a_planner_invites_persons_found_by_name_and_those_listed_keep_their_status() {
    let server = Server::demo().await;
    let mut member = server.login(crate::harness::FLOEHA).await;
    let (_, page_path, meeting) = youth_round(&mut member).await;
    let action = format!("{page_path}/personen-einladen");
    let hempel = person_id(&server, "p-franziska-hempel").await;
    let nitzsche = person_id(&server, "p-lars-nitzsche").await;
    let youth_club = server
        .store
        .organisation_by_ref(&ExternalRef::parse("o-floeha-jugendhaus").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .get();
    // The search by name (a plain GET, no script) shows the persons found as checkboxes.
    let found = member.get(&format!("{page_path}?suche=Hempel")).await;
    found.expect(200).has(&[
        "id=\"invite-persons\" open",
        &format!("action=\"{action}\""),
        &format!("name=\"person\" value=\"{hempel}\""),
        "Franziska Hempel",
    ]);
    // Two chosen, one of them twice: both invited (with the organisation they belong to that
    // day), although the meeting has one place: an invitation takes none.
    let (h, n) = (hempel.to_string(), nitzsche.to_string());
    let audit_before = participation_events(&server).await;
    let invited = member
        .post(
            &action,
            &[
                ("person", &h),
                ("person", &n),
                ("person", &h),
                ("suche", "Jugendhaus Flöha"),
            ],
        )
        .await;
    // Back with the search: those just invited show as listed.
    let back = invited.expect(303).location().to_owned();
    assert!(
        back.contains("?eingeladen=2&suche=Jugendhaus+Fl%C3%B6ha#"),
        "{back}"
    );
    member
        .get(&back)
        .await
        .expect(200)
        .has(&["Neu eingeladen: 2", "steht schon auf der Liste: eingeladen"]);
    assert_eq!(
        listed(&server, meeting).await,
        [
            (hempel.get(), Some(youth_club), "invited"),
            (nitzsche.get(), Some(youth_club), "invited"),
        ]
    );
    assert_eq!(participation_events(&server).await, audit_before + 2);
    // Hempel registers; invited again with Wetzel, she keeps her registration.
    member
        .post(
            &format!("{page_path}/teilnahme"),
            &[("person", h.as_str()), ("stand", "registered")],
        )
        .await
        .expect(303);
    let wetzel = person_id(&server, "p-katrin-wetzel").await.to_string();
    let again = member
        .post(&action, &[("person", &h), ("person", &wetzel)])
        .await;
    assert!(again.expect(303).location().contains("eingeladen=1"));
    let now = listed(&server, meeting).await;
    assert_eq!(now[0], (hempel.get(), Some(youth_club), "registered"));
    assert_eq!(now.len(), 3);
    // The search tells who is on the list already.
    member
        .get(&format!("{page_path}?suche=Hempel"))
        .await
        .expect(200)
        .has(&["steht schon auf der Liste: angemeldet"]);
    // The guest may not.
    let mut guest = server.login(GUEST).await;
    guest
        .post(&action, &[("person", &wetzel)])
        .await
        .expect(403);
}

#[tokio::test]
async fn an_invitation_of_a_deleted_or_unknown_person_writes_nothing_and_says_why() {
    let server = Server::demo().await;
    let mut member = server.login(crate::harness::FLOEHA).await;
    let (mut fields, page_path, meeting) = youth_round(&mut member).await;
    let action = format!("{page_path}/personen-einladen");
    let events = participation_events(&server).await;
    let uhlmann = person_id(&server, "p-roland-uhlmann").await;
    let mut admin = server.login(ADMIN).await;
    admin
        .post(&format!("/personen/{uhlmann}/loeschen"), &[])
        .await
        .expect(303);
    let deleted = uhlmann.to_string();
    let bernd = person_id(&server, "p-bernd-heinze").await.to_string();
    for (sent, message) in [
        (vec![], "Person: Angabe fehlt".to_owned()),
        (
            vec![("person", bernd.as_str()), ("person", deleted.as_str())],
            format!("Person: „{deleted}“ ist nicht bekannt"),
        ),
        (
            vec![("person", "999999"), ("suche", "Heinze")],
            "Person: „999999“ ist nicht bekannt".to_owned(),
        ),
        (
            vec![("person", "abc")],
            "Person: „abc“ ist nicht bekannt".to_owned(),
        ),
    ] {
        let refused = member.post(&action, &sent).await;
        refused.expect(422).has(&[
            &message,
            "id=\"person-error\"",
            "Niemand wurde eingeladen",
            "<h1>Runde Jugend Flöha</h1>",
        ]);
        assert!(listed(&server, meeting).await.is_empty(), "{sent:?}");
    }
    // Nothing written, not even the audit log.
    assert_eq!(participation_events(&server).await, events);
    // The valid choice is kept ticked beside the error, and the search shown again.
    let kept = member
        .post(
            &action,
            &[
                ("person", &bernd),
                ("person", &deleted),
                ("suche", "Heinze"),
            ],
        )
        .await;
    kept.expect(422).has(&[
        &format!("name=\"person\" value=\"{bernd}\" checked"),
        "value=\"Heinze\"",
    ]);
    // In English too.
    member.post("/sprache", &[("lang", "en")]).await;
    member
        .post(&action, &[("person", deleted.as_str())])
        .await
        .expect(422)
        .has(&["is not known"]);
    // A cancelled meeting takes no invitations and offers none.
    fields.retain(|(k, _)| *k != "stand");
    fields.push(("stand", "cancelled".to_owned()));
    member
        .post(&format!("{page_path}/bearbeiten"), &as_refs(&fields))
        .await
        .expect(303);
    member
        .post(&action, &[("person", &bernd)])
        .await
        .expect(409);
    member
        .post(
            &format!("{page_path}/einladen"),
            &[("bereich", "gemeinde:14522140")],
        )
        .await
        .expect(409);
    member
        .get(&format!("{page_path}?suche=Heinze"))
        .await
        .expect(200)
        .lacks(&["personen-einladen", "/einladen\""]);
}

/// How many audit events concern participations.
async fn participation_events(server: &Server) -> usize {
    server
        .store
        .audit_events(&praevnetz_store::AuditFilter {
            entity: Some(praevnetz_domain::audit::EntityKind::Participation),
            ..praevnetz_store::AuditFilter::default()
        })
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_topic_is_carried_into_the_planned_follow_up_and_nowhere_it_cannot_go() {
    let server = Server::demo().await;
    let mut coordinator = server.login(crate::harness::COORDINATOR).await;
    let planned = meeting_id(&server, "m-vernetzung-2027-freiberg").await;
    let topic = topic_id(&server, "t-gruppen-brennpunkte").await;
    let carry = |meeting: i64, topic: i64| {
        (
            format!("/treffen/{meeting}/tagesordnung"),
            topic.to_string(),
        )
    };
    let (path, value) = carry(planned, topic);
    coordinator
        .post(&path, &[("thema", value.as_str())])
        .await
        .expect(303);
    let page = coordinator.get(&format!("/treffen/{planned}")).await;
    page.expect(200);
    let agenda = &page.body[page.body.find("id=\"agenda-table\"").unwrap()..];
    assert!(agenda[..agenda.find("</table>").unwrap()].contains("Gruppen an Brennpunkten"));
    // No longer proposed, and scheduled now.
    let proposed = &page.body[page.body.find("id=\"topics-proposed\"").unwrap()..];
    assert!(!proposed[..proposed.find("</ul>").unwrap()].contains("Gruppen an Brennpunkten"));
    let stored = server
        .store
        .topic(praevnetz_domain::ids::TopicId::new(topic))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.data.status.code(), "scheduled");
    // Carried again: still once on the agenda.
    let before = server
        .store
        .agenda_items(Some(praevnetz_domain::ids::MeetingId::new(planned)), None)
        .await
        .unwrap()
        .len();
    coordinator
        .post(&path, &[("thema", value.as_str())])
        .await
        .expect(303);
    assert_eq!(
        server
            .store
            .agenda_items(Some(praevnetz_domain::ids::MeetingId::new(planned)), None)
            .await
            .unwrap()
            .len(),
        before
    );
    // A meeting that took place takes no more topics, and a closed topic goes nowhere.
    let held = meeting_id(&server, FLOEHA_MEETING).await;
    let (path_held, _) = carry(held, topic);
    coordinator
        .post(&path_held, &[("thema", value.as_str())])
        .await
        .expect(409)
        .has(&["Nicht mehr möglich"]);
    let closed = topic_id(&server, "t-montagsdemonstrationen")
        .await
        .to_string();
    coordinator
        .post(&path, &[("thema", closed.as_str())])
        .await
        .expect(409);
    coordinator
        .post(&path, &[("thema", "abc")])
        .await
        .expect(400);
    // The guest may not.
    let mut guest = server.login(GUEST).await;
    guest
        .post(&path, &[("thema", value.as_str())])
        .await
        .expect(403);
}

#[tokio::test]
async fn a_follow_up_is_created_from_a_meeting_months_later_at_the_same_local_time() {
    let server = Server::demo().await;
    let mut coordinator = server.login(crate::harness::COORDINATOR).await;
    let annaberg = meeting_id(&server, "m-vernetzung-2023-annaberg").await;
    // 11 May 2023, 9:30 summer time; six months later it is winter time.
    let made = coordinator
        .post(
            &format!("/treffen/{annaberg}/folgetreffen"),
            &[("monate", "6")],
        )
        .await;
    let edit = made.expect(303).location().to_owned();
    assert!(edit.ends_with("/bearbeiten"), "{edit}");
    let new_page = edit.trim_end_matches("/bearbeiten").to_owned();
    coordinator
        .get(&edit)
        .await
        .expect(200)
        .has(&["value=\"11.11.2023 09:30\"", "value=\"11.11.2023 14:30\""]);
    let page = coordinator.get(&new_page).await;
    page.expect(200).has(&[
        "11.11.2023 09:30–14:30",
        "geplant",
        // A planned meeting of the series: the open topics are proposed.
        "<h2 id=\"h-proposed\">Vorschläge für die Tagesordnung</h2>",
    ]);
    let file = coordinator.get(&format!("{new_page}/kalender.ics")).await;
    assert!(file.expect(200).body.contains("DTSTART:20231111T083000Z"));
    // Bad numbers of months are refused, and the guest may not.
    for months in ["0", "25", "drei"] {
        coordinator
            .post(
                &format!("/treffen/{annaberg}/folgetreffen"),
                &[("monate", months)],
            )
            .await
            .expect(400);
    }
    let mut guest = server.login(GUEST).await;
    guest
        .post(
            &format!("/treffen/{annaberg}/folgetreffen"),
            &[("monate", "3")],
        )
        .await
        .expect(403);
}

#[tokio::test]
async fn a_series_page_shows_its_meetings_topics_and_the_effect_of_the_whole_series() {
    let server = Server::demo().await;
    let id = series_id(&server).await;
    let mut coordinator = server.login(crate::harness::COORDINATOR).await;
    let page = coordinator.get(&format!("/treffen/reihen/{id}")).await;
    page.expect(200).has(&[
        "Vernetzungstreffen Chemnitz · Erzgebirge · Mittelsachsen",
        "<h2 id=\"h-impact\">Wirkung der ganzen Reihe</h2>",
        // Flöha, as on its own page: 43 new working ties among its 35 participants in a year.
        "43 neue Arbeitsbeziehungen unter den Teilnehmenden nach 12 Monaten",
        "Gruppen an Brennpunkten",
    ]);
    // The whole series: from the day before the first meeting to the months after the last.
    let impact = &page.body[page.body.find("id=\"impact-table\"").unwrap()..];
    let impact = &impact[..impact.find("</table>").unwrap()];
    assert!(impact.contains("nach 12 Monaten"), "{impact}");
    // The meeting list links to the series.
    let list = coordinator.get("/treffen?zeit=alle").await;
    assert!(
        list.body
            .contains(&format!("href=\"/treffen/reihen/{id}\""))
    );
    // A viewer of Leipzig does not see a series of another region; unknown ids are 404.
    let mut leipzig = crate::network::leipzig_viewer(&server).await;
    leipzig
        .get(&format!("/treffen/reihen/{id}"))
        .await
        .expect(404);
    for path in ["/treffen/reihen/999999", "/treffen/reihen/abc"] {
        coordinator.get(path).await.expect(404);
    }
}

#[tokio::test]
async fn a_planned_meeting_proposes_the_problem_areas_its_invitees_share() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let planned = meeting_id(&server, "m-vernetzung-2027-freiberg").await;
    let follow_up = admin.get(&format!("/treffen/{planned}")).await;
    // The problem areas its invited municipalities share are proposed for exchange.
    let shared = &follow_up.body[follow_up.body.find("id=\"shared-areas\"").unwrap()..];
    let shared = &shared[..shared.find("</ul>").unwrap()];
    assert!(
        shared.contains("Drogen / Betäubungsmittelkriminalität"),
        "{shared}"
    );
    // Each can go onto the agenda as an exchange of experience, after the last item.
    let title = "Erfahrungsaustausch: Drogen / Betäubungsmittelkriminalität";
    assert!(
        shared.contains(&format!("name=\"titel\" value=\"{title}\"")),
        "{shared}"
    );
    let needle = "name=\"position\" value=\"";
    let position_at = shared.find(needle).unwrap() + needle.len();
    let position = &shared[position_at..][..shared[position_at..].find('"').unwrap()];
    admin
        .post(
            &format!("/treffen/{planned}/punkte"),
            &[("position", position), ("titel", title)],
        )
        .await
        .expect(303);
    let agenda = admin.get(&format!("/treffen/{planned}")).await;
    assert!(
        agenda.body.contains(&format!("<th scope=\"row\">{title}")),
        "{}",
        agenda.body
    );
}

#[tokio::test]
async fn the_invitation_offers_the_meetings_own_municipality() {
    let server = Server::demo().await;
    let mut coordinator = server.login(crate::harness::COORDINATOR).await;
    let planned = meeting_id(&server, "m-vernetzung-2027-freiberg").await;
    let page = coordinator.get(&format!("/treffen/{planned}")).await;
    page.expect(200);
    // Freiberg, the venue, besides the coordinator's region and districts.
    assert!(
        page.body.contains("<option value=\"gemeinde:14522180\">"),
        "{}",
        page.body
    );
    coordinator
        .post(
            &format!("/treffen/{planned}/einladen"),
            &[("bereich", "gemeinde:14522180"), ("saeule", "state_police")],
        )
        .await
        .expect(303);
}

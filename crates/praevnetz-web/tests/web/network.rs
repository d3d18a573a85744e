//! Netzwerk: the picture, the risks, the brokers and the table of the demo network, and that a
//! viewer sees only networks of their own area.

use praevnetz_web::WebSettings;

use crate::harness::Expect::{Forbidden, Login, NotFound, Ok};
use crate::harness::expect::ALL_USERS;
use crate::harness::{ADMIN, COORDINATOR, Case, FLOEHA, GUEST, Server};

const REGION: &str = "region:chemnitz-erzgebirge-mittelsachsen";

pub fn access_cases() -> Vec<Case> {
    let unknown = "/netzwerk/berechnung/0123456789abcdef";
    vec![
        // Under the default limit the demo is computed exactly: starting leads back to the page.
        Case::post(
            "/netzwerk/berechnung",
            "/netzwerk/berechnung",
            &[
                ("bereich", REGION),
                ("ebene", "personen"),
                ("stichtag", "2026-06-01"),
            ],
            [Login, Ok, Ok, Ok, Ok, Forbidden],
        ),
        Case::get(
            "/netzwerk/berechnung/{token}",
            unknown,
            [Login, NotFound, NotFound, NotFound, NotFound, NotFound],
        ),
        Case::get(
            "/netzwerk/berechnung/{token}/stand",
            format!("{unknown}/stand"),
            [Login, NotFound, NotFound, NotFound, NotFound, NotFound],
        ),
        Case::post(
            "/netzwerk/berechnung/{token}/abbrechen",
            format!("{unknown}/abbrechen"),
            &[],
            [Login, NotFound, NotFound, NotFound, NotFound, NotFound],
        ),
        Case::get("/netzwerk", "/netzwerk", ALL_USERS).showing(&[
            "Netzwerkbild",
            "Strukturelle Risiken",
            "Brückenbauer",
            "Alle Kennzahlen",
        ]),
        Case::get(
            "/netzwerk",
            "/netzwerk?bereich=region:chemnitz-erzgebirge-mittelsachsen&ebene=organisationen",
            ALL_USERS,
        )
        .showing(&["/organisationen/", "<svg"]),
        Case::get(
            "/netzwerk",
            "/netzwerk?bereich=gemeinde:14522140&ebene=personen",
            ALL_USERS,
        )
        .showing(&["Netzwerkbild: Flöha"]),
        Case::get(
            "/netzwerk",
            "/netzwerk?bereich=gemeinde:14522140&stichtag=2023-09-06&vergleich=2022-09-05",
            ALL_USERS,
        )
        .showing(&[
            "Veränderung vom 05.09.2022 zum 06.09.2023",
            "Neue Verbindungen",
        ]),
        Case::get(
            "/netzwerk",
            "/netzwerk?ebene=nichts&stichtag=2026-02-30&groesse=x",
            ALL_USERS,
        )
        .showing(&[
            "Diese Ebene gibt es nicht",
            "kein gültiges Datum",
            "Diese Kennzahl gibt es nicht",
        ]),
    ]
}

/// The number of actors and ties the summary tells.
fn summary(body: &str) -> (usize, usize) {
    let start = body.find(r#"id="network-summary">"#).unwrap() + r#"id="network-summary">"#.len();
    let words: Vec<&str> = body[start..].split_whitespace().collect();
    (words[0].parse().unwrap(), words[2].parse().unwrap())
}

#[tokio::test]
async fn the_network_page_draws_the_demo_network_with_risks_brokers_and_a_table() {
    let server = Server::demo().await;
    let mut coordinator = server.login(COORDINATOR).await;
    let page = coordinator.get("/netzwerk?stichtag=2026-06-01").await;
    page.expect(200).has(&[
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="network""#,
        r#"role="img" aria-labelledby="netz-title netz-desc""#,
        "<title id=\"netz-title\">Netzwerkbild: Gesamtes Netzwerk</title>",
        // Colour and shape per pillar, repeated in the legend.
        ">Freistaat / Polizei</text>",
        ">Schlüsselperson</text>",
        "<h3>Schlüsselpersonen (Artikulationspunkte)</h3>",
        "<h3>Kommunen ohne Verbindung zwischen Verwaltung und Polizei</h3>",
        "<h3 id=\"h-brokers-pillars\">zwischen Säulen</h3>",
        "<h2 id=\"h-suggestions\">Vorgeschlagene neue Verbindungen</h2>",
        r#"<table class="sortable" id="network-table">"#,
        r#"<th scope="row"><a href="/personen/"#,
        "<dt>Betweenness</dt>",
        "Was tun:",
    ]);
    let (actors, ties) = summary(&page.body);
    assert!(actors >= 150 && ties >= 400, "{actors} {ties}");
    // Every actor is drawn with its name as a title, and every row is a person.
    assert_eq!(page.body.matches("</title></").count(), actors);
    assert_eq!(
        page.body
            .matches("<tr>\n    <th scope=\"row\"><a href=\"/personen/")
            .count(),
        actors
    );
    // Years earlier, fewer ties counted: the network grew.
    let earlier = coordinator.get("/netzwerk?stichtag=2020-01-01").await;
    let (_, before) = summary(&earlier.expect(200).body);
    assert!(before < ties, "{before} vs {ties}");
    // Organisations and municipalities aggregate the persons' ties.
    let orgs = coordinator
        .get("/netzwerk?ebene=organisationen&stichtag=2026-06-01")
        .await;
    let (organisations, _) = summary(&orgs.expect(200).body);
    assert!(organisations < actors);
    orgs.has(&[r#"<th scope="row"><a href="/organisationen/"#]);
    let places = coordinator
        .get("/netzwerk?ebene=kommunen&bereich=region:chemnitz-erzgebirge-mittelsachsen")
        .await;
    places
        .expect(200)
        .has(&[r#"<th scope="row"><a href="/kommunen/14522140">Flöha</a>"#])
        .lacks(&["<h3>Fehlende Säulen</h3>"]);
    // The same choice twice gives the same bytes (the layout is deterministic).
    let again = coordinator.get("/netzwerk?stichtag=2026-06-01").await;
    assert_eq!(again.body, page.body);
}

#[tokio::test]
async fn a_viewer_sees_only_networks_inside_their_own_area() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    let own = guest.get("/netzwerk").await;
    own.expect(200)
        .has(&["Netzwerkbild: Chemnitz · Erzgebirge · Mittelsachsen"])
        .lacks(&["Gesamtes Netzwerk</option>", "Leipzig</option>"]);
    // Asking for more shows their own area instead and says so.
    for other in ["alle", "kreis:14713", "gemeinde:14713000", "region:leipzig"] {
        let page = guest.get(&format!("/netzwerk?bereich={other}")).await;
        page.expect(200)
            .has(&["Dieses Gebiet gibt es nicht oder Sie dürfen sein Netzwerk nicht sehen"])
            .lacks(&["Netzwerkbild: Gesamtes Netzwerk", "Netzwerkbild: Leipzig"]);
        let (actors, _) = summary(&page.body);
        assert_eq!(actors, summary(&own.body).0);
    }
    let mut admin = server.login(ADMIN).await;
    let all = admin.get("/netzwerk").await;
    assert!(summary(&all.expect(200).body).0 > summary(&own.body).0);
    admin
        .get("/netzwerk?bereich=kreis:14713")
        .await
        .expect(200)
        .lacks(&["Dieses Gebiet gibt es nicht"]);
}

/// The before, after and change columns of a row of the comparison's figures table.
fn figure_row(body: &str, label: &str) -> (String, String, String) {
    let start = body
        .find(&format!(r#"<th scope="row">{label}</th>"#))
        .unwrap_or_else(|| panic!("no row {label}"));
    let cells: Vec<String> = body[start..]
        .split("<td class=\"num\">")
        .skip(1)
        .take(3)
        .map(|c| c[..c.find("</td>").unwrap()].to_owned())
        .collect();
    (cells[0].clone(), cells[1].clone(), cells[2].clone())
}

#[tokio::test]
async fn the_floeha_meeting_shows_its_effect_in_the_date_comparison() {
    let server = Server::demo().await;
    let mut coordinator = server.login(COORDINATOR).await;
    let region = "/netzwerk?bereich=region:chemnitz-erzgebirge-mittelsachsen&ebene=personen";
    // Held meetings of the area are offered as comparison points: the day before against a
    // year later.
    let page = coordinator.get(region).await;
    page.expect(200).has(&[
        "Wirkung eines Treffens ansehen",
        "Vernetzungstreffen der Regionen Chemnitz, Erzgebirge, Mittelsachsen am 06.09.2022: \
         05.09.2022 verglichen mit 06.09.2023",
        "stichtag=2023-09-06&#38;vergleich=2022-09-05#h-changes",
    ]);
    // The working ties that followed the meeting: without the ties "met at meeting" the
    // figures are those of the demo's ties file alone (docs: 43 cooperation or information
    // exchange ties among its attendees begin after it).
    let working = coordinator
        .get(&format!(
            "{region}&stichtag=2023-09-06&vergleich=2022-09-05&treffen=ohne"
        ))
        .await;
    working.expect(200).has(&[
        "<h2 id=\"h-changes\">Veränderung vom 05.09.2022 zum 06.09.2023</h2>",
        "<h3 id=\"h-new-ties\">Neue Verbindungen</h3>",
        "<h3 id=\"h-ended-ties\">Beendete Verbindungen</h3>",
        r#"<table class="sortable" id="changes-movers">"#,
        "Ohne Beziehungen „beim Treffen begegnet“: gezeigt sind nur die Arbeitsbeziehungen.",
        // A cooperation begun after the meeting, and one that ended at the end of 2022.
        "Peggy Graupner</a>: Zusammenarbeit (20.03.2023 –)",
        "Dr. Katja Schlegel</a>: Zusammenarbeit (01.10.2019 – 31.12.2022)",
        // Of the new ties, many join pillars and municipalities.
        "58 neue Verbindungen, davon 14 zwischen Säulen und 44 zwischen Kommunen.",
    ]);
    let body = &working.body;
    // The year after the meeting brought more ties, more of them across pillars and places.
    let number = |s: &str| s.parse::<i64>().unwrap();
    let (before, after, change) = figure_row(body, "Verbindungen");
    assert_eq!((number(&before), number(&after)), (431, 469));
    assert_eq!(number(&change), number(&after) - number(&before));
    let (before, after, _) = figure_row(body, "Verbindungen zwischen Säulen");
    assert!(number(&after) > number(&before), "{before} → {after}");
    let (before, after, _) = figure_row(body, "Verbindungen zwischen Kommunen");
    assert!(number(&after) > number(&before), "{before} → {after}");
    // The network the page shows is the later day's.
    let (_, ties) = summary(body);
    assert_eq!(ties.to_string(), figure_row(body, "Verbindungen").1);
    // The comparison points keep the choice.
    working.has(&["treffen=ohne&#38;stichtag=2023-09-06&#38;vergleich=2022-09-05#h-changes"]);
    // With them (the default, as on the command line), the meeting itself and its follow-up
    // in Annaberg-Buchholz (11 May 2023) tie their attendees: 595 and 465 pairs, of which
    // those in the region and not tied on the day before count as new. The online meeting of
    // 2021 tied its 17 attendees before the day compared with.
    let compared = coordinator
        .get(&format!(
            "{region}&stichtag=2023-09-06&vergleich=2022-09-05"
        ))
        .await;
    compared.expect(200).has(&[
        "660 neue Verbindungen, davon 328 zwischen Säulen und 458 zwischen Kommunen.",
        "beim Treffen begegnet",
    ]);
    compared.lacks(&["Ohne Beziehungen „beim Treffen begegnet“"]);
    let body = &compared.body;
    let (before, after, _) = figure_row(body, "Verbindungen");
    assert_eq!((number(&before), number(&after)), (537, 1180));
    // A day compared with itself changes nothing.
    let same = coordinator
        .get(&format!(
            "{region}&stichtag=2023-09-06&vergleich=2023-09-06"
        ))
        .await;
    let (before, after, change) = figure_row(&same.expect(200).body, "Verbindungen");
    assert_eq!((before, change), (after, String::new()));
    same.lacks(&["<ul id=\"new-ties\">", "<ul id=\"ended-ties\">"]);
    // A comparison day that is no date is said so, and nothing is compared.
    coordinator
        .get(&format!("{region}&vergleich=2022-13-01"))
        .await
        .expect(200)
        .has(&["Der Vergleichstag ist kein gültiges Datum"])
        .lacks(&["id=\"h-changes\""]);
    // Neither is an unknown choice about meeting ties: it is said, and they count.
    coordinator
        .get(&format!("{region}&treffen=vielleicht"))
        .await
        .expect(200)
        .has(&["Für „treffen“ gibt es nur „mit“ und „ohne“"])
        .lacks(&["Ohne Beziehungen „beim Treffen begegnet“:"]);
}

async fn person_id(server: &Server, key: &str) -> i64 {
    let key = praevnetz_domain::text::ExternalRef::parse(key).unwrap();
    server
        .store
        .person_by_ref(&key)
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

/// The number of direct contacts an ego network's summary tells.
fn contacts(body: &str) -> usize {
    let start = body.find("<p>Heute ").unwrap() + "<p>Heute ".len();
    body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn person_and_organisation_pages_show_the_ego_network_of_what_the_user_may_see() {
    let server = Server::demo().await;
    let oehme = person_id(&server, "p-marco-oehme").await;
    let mut admin = server.login(ADMIN).await;
    let page = admin.get(&format!("/personen/{oehme}")).await;
    page.expect(200).has(&[
        "<h2 id=\"h-ego\">Ego-Netzwerk</h2>",
        "<title id=\"ego-title\">Ego-Netzwerk: Marco Oehme</title>",
        r#"<table class="sortable" id="ego-table">"#,
        "Effektive Größe",
        // His tie to Leipzig's Ordnungsamt from a networking meeting.
        ">Kerstin Albrecht</a></th><td>Kommune / Verwaltung</td><td>Ordnungsamt Leipzig</td>",
    ]);
    let all = contacts(&page.body);
    assert!(all >= 3, "{all}");
    // One row and one drawn node per contact, plus the centre in the picture.
    let table = &page.body[page.body.find("id=\"ego-table\"").unwrap()..];
    assert_eq!(table.matches("<tr><th scope=\"row\">").count(), all);
    // The guest reads only the region Chemnitz · Erzgebirge · Mittelsachsen: the contact in
    // Leipzig is not part of the ego network they see, nor counted.
    let mut guest = server.login(GUEST).await;
    let seen = guest.get(&format!("/personen/{oehme}")).await;
    seen.expect(200)
        .has(&["<h2 id=\"h-ego\">Ego-Netzwerk</h2>"])
        .lacks(&["Kerstin Albrecht", "Ordnungsamt Leipzig"]);
    assert_eq!(contacts(&seen.body), all - 1);
    // Organisations have theirs at the organisation level.
    let floeha_oa = server
        .store
        .organisation_by_ref(&praevnetz_domain::text::ExternalRef::parse("o-floeha-oa").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    admin
        .get(&format!("/organisationen/{floeha_oa}"))
        .await
        .expect(200)
        .has(&[
            "<h2 id=\"h-ego\">Ego-Netzwerk</h2>",
            "href=\"/organisationen/",
            "Polizeirevier Flöha",
        ]);
}

/// The table of all measures.
fn measures_table(body: &str) -> &str {
    let start = body
        .find(r#"<table class="sortable" id="network-table">"#)
        .unwrap();
    &body[start..start + body[start..].find("</table>").unwrap()]
}

#[tokio::test]
async fn an_estimated_network_is_computed_exactly_in_the_background_on_request() {
    // A limit so low that the demo region counts as a large network.
    let server = Server::demo_with(WebSettings {
        exact_limit: 1_000,
        ..WebSettings::default()
    })
    .await;
    let page_of = format!("/netzwerk?bereich={REGION}&ebene=personen&stichtag=2026-06-01");
    let start = [
        ("bereich", REGION),
        ("ebene", "personen"),
        ("stichtag", "2026-06-01"),
    ];
    let mut coordinator = server.login(COORDINATOR).await;
    let estimated = coordinator.get(&page_of).await;
    estimated.expect(200).has(&[
        "aus Stichproben geschätzt",
        "Betweenness exakt berechnen",
        r#"action="/netzwerk/berechnung""#,
    ]);
    let (actors, _) = summary(&estimated.body);
    // A viewer sees the estimate but may not start the computation.
    let mut guest = server.login(GUEST).await;
    guest
        .get(&page_of)
        .await
        .expect(200)
        .has(&["aus Stichproben geschätzt"])
        .lacks(&["Betweenness exakt berechnen"]);
    guest.post("/netzwerk/berechnung", &start).await.expect(403);
    // Bad choices are refused.
    for bad in [
        [("bereich", "region:nirgendwo"), start[1], start[2]],
        [start[0], ("ebene", "alles"), start[2]],
        [start[0], start[1], ("stichtag", "2026-02-30")],
    ] {
        let answer = coordinator.post("/netzwerk/berechnung", &bad).await;
        assert!(matches!(answer.status, 400 | 404), "{}", answer.status);
    }
    // The coordinator starts it and is led to its page.
    let started = coordinator.post("/netzwerk/berechnung", &start).await;
    started.expect(303);
    let job = started.location().to_owned();
    assert!(job.starts_with("/netzwerk/berechnung/"), "{job}");
    let mut finished = false;
    for _ in 0..400 {
        let state = coordinator.get(&format!("{job}/stand")).await;
        state.expect(200);
        assert!(
            state.body.contains(&format!(r#""total":{actors}"#)),
            "{}",
            state.body
        );
        if state.body.contains(r#""state":"done""#) {
            finished = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(finished, "the computation did not finish");
    coordinator.get(&job).await.expect(200).has(&[
        "Fertig",
        &format!("{actors} von {actors} Suchen (100 %)"),
        "Zum Netzwerk",
    ]);
    // Asking again leads to the same computation.
    let again = coordinator.post("/netzwerk/berechnung", &start).await;
    assert_eq!(again.expect(303).location(), job);
    // The page now shows the exact values: the same as a server that computes them anyway.
    let exact = coordinator.get(&page_of).await;
    exact
        .expect(200)
        .has(&["Die Betweenness ist exakt berechnet"])
        .lacks(&["aus Stichproben geschätzt", "Betweenness exakt berechnen"]);
    let plain = Server::demo().await;
    let reference = plain.login(COORDINATOR).await.get(&page_of).await;
    assert_eq!(
        measures_table(&exact.body),
        measures_table(&reference.expect(200).body)
    );
    // The viewer of the region sees the computation but may not stop it; nobody but its
    // starter and administrators may.
    guest
        .get(&job)
        .await
        .expect(200)
        .lacks(&["Berechnung abbrechen"]);
    guest
        .post(&format!("{job}/abbrechen"), &[])
        .await
        .expect(403);
    let mut member = server.login(FLOEHA).await;
    member
        .post(&format!("{job}/abbrechen"), &[])
        .await
        .expect(403);
    let mut admin = server.login(ADMIN).await;
    admin
        .post(&format!("{job}/abbrechen"), &[])
        .await
        .expect(303);
    // A finished computation stays finished.
    admin.get(&job).await.expect(200).has(&["Fertig"]);
    // A viewer of another area does not learn that it exists.
    let mut leipzig = leipzig_viewer(&server).await;
    leipzig.get(&job).await.expect(404);
    leipzig.get(&format!("{job}/stand")).await.expect(404);
    leipzig
        .post(&format!("{job}/abbrechen"), &[])
        .await
        .expect(404);
}

/// A viewer who reads the district Leipzig only, logged in.
pub async fn leipzig_viewer(server: &Server) -> crate::harness::Client {
    use praevnetz_domain::audit::ChangeContext;
    use praevnetz_domain::text::{Email, Name};
    use praevnetz_domain::user::{Role, Scope, UserData};
    let leipzig = server
        .store
        .districts()
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.data.ags.as_str() == "14713")
        .unwrap();
    let hash = praevnetz_web::auth::password::hash_now(crate::harness::PASSWORD).unwrap();
    let data = UserData {
        email: Email::parse("leipzig@demo.invalid").unwrap(),
        display_name: Name::parse("Gast Leipzig").unwrap(),
        role: Role::Viewer,
        scopes: vec![Scope::District(leipzig.id)],
        language: praevnetz_domain::i18n::Lang::De,
        active: true,
        person_id: None,
    };
    let ctx = ChangeContext::cli(jiff::Timestamp::now());
    server
        .store
        .create_user(&ctx, &data, Some(&hash))
        .await
        .unwrap();
    server.login("leipzig@demo.invalid").await
}

/// The numbers in the cells of the table with `id`, row by row.
fn table_numbers(body: &str, id: &str) -> Vec<Vec<u64>> {
    let start = body.find(&format!(r#"id="{id}""#)).unwrap();
    let table = &body[start..start + body[start..].find("</table>").unwrap()];
    let tbody = &table[table.find("<tbody>").unwrap()..];
    tbody
        .split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("class=\"num\">")
                .skip(1)
                .map(|cell| cell[..cell.find('<').unwrap()].parse().unwrap())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn groups_and_the_ties_between_pillars_add_up_to_the_network() {
    let server = Server::demo().await;
    let mut coordinator = server.login(COORDINATOR).await;
    let page = coordinator
        .get(&format!("/netzwerk?bereich={REGION}&stichtag=2026-06-01"))
        .await;
    page.expect(200).has(&[
        "<h2 id=\"h-groups\">Gruppen</h2>",
        r#"<table class="sortable" id="groups-table">"#,
        "<h3 id=\"h-apart\">Gruppen ohne Verbindung untereinander</h3>",
        "<caption>Verbindungen zwischen den Säulen</caption>",
        "<th scope=\"row\">Freistaat / Polizei</th>",
    ]);
    let (actors, ties) = summary(&page.body);
    // Every tie is counted once: between two pillars above the diagonal, within one on it.
    let pillars = table_numbers(&page.body, "pillar-table");
    assert_eq!(pillars.len(), 5);
    let counted: u64 = (0..5)
        .flat_map(|a| (a..5).map(move |b| (a, b)))
        .map(|(a, b)| pillars[a][b])
        .sum();
    assert_eq!(counted, ties as u64);
    for (a, row) in pillars.iter().enumerate() {
        for (b, cell) in row.iter().enumerate() {
            assert_eq!(*cell, pillars[b][a]);
        }
    }
    // The groups listed (number, size, inside, outside) and the smaller ones told below the
    // table hold every actor once.
    let groups = table_numbers(&page.body, "groups-table");
    let listed: u64 = groups.iter().map(|g| g[1]).sum();
    let more: u64 = page.body.find("kleinere Gruppe").map_or(0, |at| {
        let rest = &page.body[at..];
        let from = rest.find("mit zusammen ").unwrap() + "mit zusammen ".len();
        rest[from..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    });
    assert_eq!(listed + more, actors as u64);
    // Ties inside the groups listed and half their ties to the outside are at most all ties,
    // and exactly all when every group is listed.
    let inside: u64 = groups.iter().map(|g| g[2]).sum();
    let outside: u64 = groups.iter().map(|g| g[3]).sum();
    if more == 0 {
        assert_eq!(inside + outside / 2, ties as u64);
    } else {
        assert!(inside + outside / 2 <= ties as u64);
    }
}

/// The ties of kind "met at meeting" a page lists in its tables.
fn met_rows(body: &str) -> usize {
    body.matches("<td>beim Treffen begegnet</td>").count()
}

#[tokio::test]
async fn attendance_recorded_on_the_meeting_page_ties_the_attendees_and_can_be_left_out() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let key = |k: &str| praevnetz_domain::text::ExternalRef::parse(k).unwrap();
    let floeha = server
        .store
        .meeting_by_ref(&key("m-vernetzung-2022-floeha"))
        .await
        .unwrap()
        .unwrap()
        .id;
    // Excused from the Flöha meeting, and in no other meeting held.
    let vanessa = person_id(&server, "p-vanessa-mehnert").await;
    let network = |treffen: &str| {
        format!("/netzwerk?bereich={REGION}&ebene=personen&stichtag=2022-09-07&treffen={treffen}")
    };
    let with_before = summary(&admin.get(&network("mit")).await.expect(200).body).1;
    let without_before = summary(&admin.get(&network("ohne")).await.expect(200).body).1;
    let person = format!("/personen/{vanessa}");
    assert_eq!(met_rows(&admin.get(&person).await.expect(200).body), 0);

    // She came after all.
    admin
        .post(
            &format!("/treffen/{floeha}/teilnahme"),
            &[("person", &vanessa.to_string()), ("stand", "attended")],
        )
        .await
        .expect(303);
    // She met the 35 others who attended, from the day of the meeting.
    let page = admin.get(&person).await;
    page.expect(200)
        .has(&["<td>beim Treffen begegnet</td><td class=\"num\">1</td><td>seit 06.09.2022</td>"]);
    assert_eq!(met_rows(&page.body), 35);
    // The list of her ties names the meeting, and offers neither ending nor deleting them.
    let list = admin.get(&format!("/beziehungen?akteur={vanessa}")).await;
    list.expect(200).has(&[&format!(
        "<a href=\"/treffen/{floeha}\">Vernetzungstreffen der Regionen Chemnitz, Erzgebirge, \
         Mittelsachsen</a>"
    )]);
    let met = server
        .store
        .ties(
            Some(praevnetz_domain::ids::ActorId::Person(
                praevnetz_domain::ids::PersonId::new(vanessa),
            )),
            None,
        )
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.data.kind() == praevnetz_domain::tie::TieKind::MetAtMeeting)
        .unwrap()
        .id;
    list.lacks(&[&format!("/beziehungen/{met}/")]);
    for action in ["beenden", "loeschen"] {
        admin
            .post(&format!("/beziehungen/{met}/{action}"), &[])
            .await
            .expect(409);
    }
    assert!(server.store.tie(met).await.unwrap().is_some());
    // The network has the new ties; left out, it is the network of working ties as before.
    let with_after = summary(&admin.get(&network("mit")).await.expect(200).body).1;
    let without = admin.get(&network("ohne")).await;
    without.expect(200).has(&[
        "Ohne Beziehungen „beim Treffen begegnet“: gezeigt sind nur die Arbeitsbeziehungen.",
        r#"<option value="ohne" selected>weglassen</option>"#,
    ]);
    assert!(with_after > with_before, "{with_before} → {with_after}");
    assert_eq!(summary(&without.body).1, without_before);
    // In English too.
    admin
        .post("/sprache", &[("lang", "en"), ("weiter", "/")])
        .await
        .expect(303);
    admin.get(&network("ohne")).await.expect(200).has(&[
        "Ties “met at meeting”",
        "Without ties “met at meeting”: only working ties are shown.",
        r#"<option value="ohne" selected>leave out</option>"#,
    ]);
    admin
        .post("/sprache", &[("lang", "de"), ("weiter", "/")])
        .await
        .expect(303);
    // Nor can the tie form record one by hand: the kind is not offered, and refused if sent.
    admin
        .get("/beziehungen/neu?ebene=personen")
        .await
        .expect(200)
        .lacks(&["value=\"met_at_meeting\""]);
    let other = person_id(&server, "p-marco-oehme").await;
    admin
        .post(
            "/beziehungen/neu",
            &[
                ("ebene", "personen"),
                ("von", &vanessa.to_string()),
                ("zu", &other.to_string()),
                ("kind", "met_at_meeting"),
                ("strength", "1"),
            ],
        )
        .await
        .expect(422)
        .has(&[
            "kind-error",
            "Beziehungen der Art „beim Treffen begegnet“ entstehen aus der erfassten Teilnahme",
        ]);
}

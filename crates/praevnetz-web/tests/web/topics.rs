//! The topic pipeline as users change it: raising a topic on /themen, voting for topics,
//! moving a topic along the pipeline.

use praevnetz_domain::audit::{AuditAction, EntityKind};
use praevnetz_domain::text::ExternalRef;
use praevnetz_store::{AuditFilter, TopicFilter};

use crate::harness::Expect::{Forbidden, Login, Ok};
use crate::harness::{ADMIN, Case, FLOEHA, GUEST, POLICE, Server};

/// Form fields as sent.
type Fields<'a> = Vec<(&'a str, &'a str)>;

/// Who may raise topics: whoever may change data somewhere.
const RAISE: [crate::harness::Expect; 6] = [Login, Ok, Ok, Ok, Ok, Forbidden];

pub async fn topic_id(server: &Server, key: &str) -> i64 {
    server
        .store
        .topic_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

pub async fn access_cases(server: &Server) -> Vec<Case> {
    let groups = topic_id(server, "t-gruppen-brennpunkte").await;
    vec![
        Case::post(
            "/themen/{id}/stand",
            format!("/themen/{groups}/stand"),
            &[("stand", "closed"), ("notiz", "Handreichung liegt vor.")],
            RAISE,
        ),
        Case::post(
            "/themen/{id}/stimme",
            format!("/themen/{groups}/stimme"),
            &[("stimme", "ja")],
            RAISE,
        ),
        Case::get("/themen/neu", "/themen/neu", RAISE).showing(&["Thema einbringen"]),
        Case::post(
            "/themen/neu",
            "/themen/neu",
            &[
                ("titel", "Lärm am Spielplatz"),
                ("kommune", "14522140"),
                ("kategorie", "ORD"),
            ],
            RAISE,
        ),
    ]
}

/// The demo's meeting series.
async fn series_id(server: &Server) -> String {
    server.store.meeting_series_list(None).await.unwrap()[0]
        .id
        .to_string()
}

async fn topic_count(server: &Server) -> usize {
    server
        .store
        .topics(&TopicFilter::default())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_member_raises_a_topic_for_their_municipality_and_it_stands_raised() {
    let server = Server::demo().await;
    let mut member = server.login(FLOEHA).await;
    // The form is on the list, open at /themen/neu, offering only the member's municipality.
    let list = member.get("/themen").await;
    list.expect(200).has(&[
        "<details class=\"raise\" id=\"raise\">",
        "action=\"/themen/neu\"",
        "name=\"kommune\" value=\"14522140\"",
    ]);
    assert_eq!(list.body.matches("name=\"kommune\"").count(), 1);
    member
        .get("/themen/neu")
        .await
        .expect(200)
        .has(&["<details class=\"raise\" id=\"raise\" open>"]);
    let raised = member
        .post(
            "/themen/neu",
            &[
                ("titel", "Lärm und Müll am Spielplatz Plauesche Straße"),
                (
                    "beschreibung",
                    "Nächtliche Treffen, Glasscherben am Morgen.",
                ),
                ("kategorie", "ORD"),
                ("kategorie", "ALK"),
                ("kategorie", "ORD"),
                ("kommune", "14522140"),
                ("reihe", ""),
            ],
        )
        .await;
    let page = raised.expect(303).location().to_owned();
    assert!(page.starts_with("/themen/"), "{page}");
    member.get(&page).await.expect(200).has(&[
        "<h1>Lärm und Müll am Spielplatz Plauesche Straße</h1>",
        r#"<li aria-current="step" class="current">eingebracht</li>"#,
        "<a href=\"/kommunen/14522140\">Flöha</a>",
        "Alkoholkonsum",
    ]);
    let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
    let stored = server
        .store
        .topic(praevnetz_domain::ids::TopicId::new(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored
            .data
            .categories
            .iter()
            .map(praevnetz_domain::problem::CategoryCode::as_str)
            .collect::<Vec<_>>(),
        ["ALK", "ORD"]
    );
    assert_eq!(stored.data.raised_at_id, None);
    // Audited with who raised it.
    let events = server
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Topic),
            entity_id: Some(id),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, AuditAction::Create);
    assert!(events[0].user_id.is_some());
    // The guest sees it among the raised topics, but may raise none.
    let mut guest = server.login(GUEST).await;
    guest
        .get("/themen")
        .await
        .expect(200)
        .has(&["Lärm und Müll am Spielplatz"])
        .lacks(&["action=\"/themen/neu\""]);
    guest
        .post("/themen/neu", &[("titel", "X"), ("kommune", "14522140")])
        .await
        .expect(403);
}

#[tokio::test]
async fn a_topic_with_bad_input_is_shown_again_with_each_error_beside_its_field() {
    let server = Server::demo().await;
    let mut member = server.login(FLOEHA).await;
    let before = topic_count(&server).await;
    let series = series_id(&server).await;
    let cases: Vec<(Fields, &str, &str)> = vec![
        (
            vec![("titel", "  "), ("kommune", "14522140")],
            "f-titel-error",
            "darf nicht leer sein",
        ),
        (
            vec![("titel", "Lärm"), ("kommune", "14713000")],
            "f-kommune-error",
            "Für Leipzig dürfen Sie keine Themen einbringen",
        ),
        (
            vec![("titel", "Lärm"), ("kommune", "99999999")],
            "f-kommune-error",
            "„99999999“ ist nicht bekannt",
        ),
        (
            vec![
                ("titel", "Lärm"),
                ("kommune", "14522140"),
                ("kategorie", "XYZ"),
            ],
            "f-kategorie-error",
            "„XYZ“ ist nicht bekannt",
        ),
        (
            vec![("titel", "Lärm"), ("kommune", "14522140"), ("reihe", "999")],
            "f-reihe-error",
            "Diese Reihe gibt es nicht.",
        ),
        // Without a municipality the series decides, and Flöha plans none.
        (
            vec![("titel", "Lärm"), ("reihe", &series)],
            "f-kommune-error",
            "Wählen Sie mindestens eine Kommune",
        ),
        (
            vec![("titel", "Lärm")],
            "f-kommune-error",
            "Wählen Sie mindestens eine Kommune",
        ),
    ];
    for (fields, error, message) in cases {
        let refused = member.post("/themen/neu", &fields).await;
        refused.expect(422).has(&[
            &format!("id=\"{error}\""),
            message,
            "<details class=\"raise\" id=\"raise\" open>",
        ]);
    }
    // What was typed is kept.
    member
        .post(
            "/themen/neu",
            &[
                ("titel", "Lärm am Markt"),
                ("kategorie", "ORD"),
                ("kommune", "14713000"),
            ],
        )
        .await
        .expect(422)
        .has(&[
            "value=\"Lärm am Markt\"",
            "name=\"kategorie\" value=\"ORD\" checked",
        ]);
    assert_eq!(topic_count(&server).await, before);
    // A coordinator of the region may raise one for the series alone; only administrators
    // raise one for the whole network.
    let mut coordinator = server.login(crate::harness::COORDINATOR).await;
    coordinator
        .post(
            "/themen/neu",
            &[("titel", "Austausch zur Förderung"), ("reihe", &series)],
        )
        .await
        .expect(303);
    let mut police = server.login(POLICE).await;
    police
        .post("/themen/neu", &[("titel", "Ohne Ort")])
        .await
        .expect(422);
    let mut admin = server.login(ADMIN).await;
    admin
        .post("/themen/neu", &[("titel", "Landesweit")])
        .await
        .expect(303);
    assert_eq!(topic_count(&server).await, before + 2);
}

/// The votes shown for a topic on its page.
async fn votes_shown(client: &mut crate::harness::Client, topic: i64) -> String {
    let page = client.get(&format!("/themen/{topic}")).await;
    let body = &page.expect(200).body;
    let marker = "<span id=\"vote-count\">";
    let start = body.find(marker).unwrap() + marker.len();
    body[start..start + body[start..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn members_vote_once_per_topic_and_each_stage_is_ordered_by_votes() {
    let server = Server::demo().await;
    let groups = topic_id(&server, "t-gruppen-brennpunkte").await;
    let police = topic_id(&server, "t-polizei-ansprechpersonen").await;
    let mut member = server.login(FLOEHA).await;
    // Both in follow-up, raised the same day: by id before any vote.
    let order = |body: &str| {
        let g = body.find(&format!("id=\"thema-{groups}\"")).unwrap();
        let p = body.find(&format!("id=\"thema-{police}\"")).unwrap();
        g < p
    };
    let list = member.get("/themen").await;
    assert!(order(&list.expect(200).body));
    // A vote from the list comes back to the list, at the topic.
    let voted = member
        .post(
            &format!("/themen/{police}/stimme"),
            &[("stimme", "ja"), ("ansicht", "offen")],
        )
        .await;
    assert_eq!(
        voted.expect(303).location(),
        format!("/themen?stand=offen#thema-{police}")
    );
    // Voting again counts once.
    member
        .post(&format!("/themen/{police}/stimme"), &[("stimme", "ja")])
        .await
        .expect(303);
    assert_eq!(votes_shown(&mut member, police).await, "1");
    let list = member.get("/themen").await;
    assert!(!order(&list.expect(200).body), "the voted topic first");
    list.has(&["Stimme zurückziehen<span class=\"visually-hidden\">: Prävention bei knappem"]);
    let mut coordinator = server.login(crate::harness::COORDINATOR).await;
    coordinator
        .post(&format!("/themen/{police}/stimme"), &[("stimme", "ja")])
        .await
        .expect(303);
    assert_eq!(votes_shown(&mut coordinator, police).await, "2");
    coordinator
        .get(&format!("/themen/{police}"))
        .await
        .has(&["(darunter Ihre)", "Stimme zurückziehen"]);
    // Withdrawn from the topic's page, back there.
    let withdrawn = member
        .post(&format!("/themen/{police}/stimme"), &[("stimme", "nein")])
        .await;
    assert_eq!(
        withdrawn.expect(303).location(),
        format!("/themen/{police}#stimmen")
    );
    assert_eq!(votes_shown(&mut member, police).await, "1");
    member
        .get(&format!("/themen/{police}"))
        .await
        .has(&["Dafür stimmen"])
        .lacks(&["(darunter Ihre)"]);
    let logged = server
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::TopicVote),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(logged.len(), 3);
}

#[tokio::test]
async fn a_vote_needs_a_readable_topic_a_role_that_changes_data_and_the_form_token() {
    let server = Server::demo().await;
    let groups = topic_id(&server, "t-gruppen-brennpunkte").await;
    let path = format!("/themen/{groups}/stimme");
    // Viewers read but do not vote; the list offers them no button.
    let mut guest = server.login(GUEST).await;
    guest.post(&path, &[("stimme", "ja")]).await.expect(403);
    guest.get("/themen").await.expect(200).lacks(&["/stimme\""]);
    // A topic the user may not read does not exist for them, nor one that does not exist.
    let mut leipzig = crate::network::leipzig_viewer(&server).await;
    leipzig.post(&path, &[("stimme", "ja")]).await.expect(404);
    let mut member = server.login(FLOEHA).await;
    for missing in ["/themen/999999/stimme", "/themen/abc/stimme"] {
        member.post(missing, &[("stimme", "ja")]).await.expect(404);
    }
    // Neither yes nor no, or no form token: refused, nothing counted.
    member
        .post(&path, &[("stimme", "vielleicht")])
        .await
        .expect(400);
    member
        .post_raw(&path, &[("stimme", "ja")])
        .await
        .expect(403);
    assert_eq!(votes_shown(&mut member, groups).await, "0");
}

#[tokio::test]
async fn a_member_closes_a_topic_of_their_municipality_and_its_history_shows_it() {
    let server = Server::demo().await;
    let groups = topic_id(&server, "t-gruppen-brennpunkte").await;
    let path = format!("/themen/{groups}/stand");
    let mut member = server.login(FLOEHA).await;
    // In follow-up: the form offers what may come next.
    member
        .get(&format!("/themen/{groups}"))
        .await
        .expect(200)
        .has(&[
            &format!("action=\"{path}\""),
            "<option value=\"scheduled\">eingeplant</option>",
            "<option value=\"closed\">abgeschlossen</option>",
            "Der Stand wurde noch nicht geändert.",
        ]);
    let closed = member
        .post(
            &path,
            &[("stand", "closed"), ("notiz", "Handreichung liegt vor.")],
        )
        .await;
    assert_eq!(
        closed.expect(303).location(),
        format!("/themen/{groups}#stand")
    );
    let page = member.get(&format!("/themen/{groups}")).await;
    page.expect(200).has(&[
        r#"<li aria-current="step" class="current">abgeschlossen</li>"#,
        "Nachbereitung → abgeschlossen – <span class=\"pre\">Handreichung liegt vor.</span>",
        "<option value=\"raised\">eingebracht</option>",
    ]);
    // A move the pipeline does not allow: said beside the status, nothing written.
    let refused = member.post(&path, &[("stand", "discussed")]).await;
    refused.expect(422).has(&[
        "id=\"f-stand-error\"",
        "ein Thema im Stand „abgeschlossen“ kann nicht in den Stand „besprochen“ wechseln; \
         möglich ist von dort: eingebracht",
        "Der Stand wurde nicht geändert",
    ]);
    member
        .post(&path, &[("stand", "archiviert"), ("notiz", "x")])
        .await
        .expect(422)
        .has(&["„archiviert“ ist kein zulässiger Wert", "x</textarea>"]);
    let stored = server
        .store
        .topic_status_changes(praevnetz_domain::ids::TopicId::new(groups))
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    let updates = server
        .store
        .audit_events(&AuditFilter {
            entity: Some(EntityKind::Topic),
            entity_id: Some(groups),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(updates.len(), 1);
    assert!(updates[0].summary.ends_with("follow_up → closed"));
    // Reopened: raised again.
    member.post(&path, &[("stand", "raised")]).await.expect(303);
    member
        .get("/themen")
        .await
        .has(&["Gruppen an Brennpunkten"]);
}

#[tokio::test]
async fn who_may_move_a_topic_on_follows_its_municipalities_and_series() {
    let server = Server::demo().await;
    // Drug crime concerns Chemnitz, Freiberg and others, not Flöha.
    let drugs = topic_id(&server, "t-drogen-crystal").await;
    let path = format!("/themen/{drugs}/stand");
    let mut member = server.login(FLOEHA).await;
    member.post(&path, &[("stand", "closed")]).await.expect(403);
    member
        .get(&format!("/themen/{drugs}"))
        .await
        .expect(200)
        .lacks(&[&format!("action=\"{path}\"")]);
    let mut guest = server.login(GUEST).await;
    guest.post(&path, &[("stand", "closed")]).await.expect(403);
    let mut leipzig = crate::network::leipzig_viewer(&server).await;
    leipzig
        .post(&path, &[("stand", "closed")])
        .await
        .expect(404);
    // The police of the districts plan the series.
    let mut police = server.login(POLICE).await;
    police
        .post(&path, &[("stand", "follow_up")])
        .await
        .expect(303);
    // Carried onto the planned follow-up's agenda, the move is kept in the history too.
    let mut coordinator = server.login(crate::harness::COORDINATOR).await;
    let planned = server
        .store
        .meeting_by_ref(&ExternalRef::parse("m-vernetzung-2027-freiberg").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    coordinator
        .post(
            &format!("/treffen/{planned}/tagesordnung"),
            &[("thema", &drugs.to_string())],
        )
        .await
        .expect(303);
    coordinator
        .get(&format!("/themen/{drugs}"))
        .await
        .expect(200)
        .has(&["besprochen → Nachbereitung", "Nachbereitung → eingeplant"]);
}

//! A meeting's record edited on its page: agenda items kept numbered without gaps, decisions,
//! action items and the minutes; bad input refused beside its field with nothing written.

use praevnetz_domain::ids::{MeetingId, TopicId};
use praevnetz_domain::text::ExternalRef;
use praevnetz_store::{ActionItemFilter, AuditFilter};

use crate::harness::expect::EDIT_FLOEHA;
use crate::harness::{COORDINATOR, Case, FLOEHA, GUEST, Server};

const FLOEHA_MEETING: &str = "m-vernetzung-2022-floeha";
const FREIBERG_MEETING: &str = "m-vernetzung-2027-freiberg";

async fn meeting(server: &Server, key: &str) -> MeetingId {
    server
        .store
        .meeting_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn person(server: &Server, key: &str) -> String {
    server
        .store
        .person_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// The first agenda item, decision and action item of a meeting.
async fn parts(server: &Server, m: MeetingId) -> (String, String, String) {
    let store = &server.store;
    let item = store.agenda_items(Some(m), None).await.unwrap()[0].id;
    let decision = store.decisions(Some(m)).await.unwrap()[0].id;
    let action = store
        .action_items(&ActionItemFilter {
            meeting: Some(m),
            ..ActionItemFilter::default()
        })
        .await
        .unwrap()[0]
        .id;
    (item.to_string(), decision.to_string(), action.to_string())
}

pub async fn access_cases(server: &Server) -> Vec<Case> {
    let m = meeting(server, FLOEHA_MEETING).await;
    let (item, decision, action) = parts(server, m).await;
    let case = |pattern: &'static str, path: String, form: &[(&str, &str)]| {
        Case::post(pattern, path, form, EDIT_FLOEHA)
    };
    vec![
        case(
            "/treffen/{id}/punkte",
            format!("/treffen/{m}/punkte"),
            &[("position", "1"), ("titel", "Pause"), ("dauer", "15")],
        ),
        case(
            "/treffen/{id}/punkte/{item}",
            format!("/treffen/{m}/punkte/{item}"),
            &[("position", "2"), ("titel", "Begrüßung")],
        ),
        case(
            "/treffen/{id}/punkte/{item}/loeschen",
            format!("/treffen/{m}/punkte/{item}/loeschen"),
            &[],
        ),
        case(
            "/treffen/{id}/beschluesse",
            format!("/treffen/{m}/beschluesse"),
            &[
                ("text", "Eine Handreichung wird erarbeitet."),
                ("punkt", &item),
            ],
        ),
        case(
            "/treffen/{id}/beschluesse/{item}",
            format!("/treffen/{m}/beschluesse/{decision}"),
            &[("text", "Das Treffen wird fortgesetzt."), ("punkt", "")],
        ),
        case(
            "/treffen/{id}/beschluesse/{item}/loeschen",
            format!("/treffen/{m}/beschluesse/{decision}/loeschen"),
            &[],
        ),
        case(
            "/treffen/{id}/aufgaben",
            format!("/treffen/{m}/aufgaben"),
            &[("titel", "Handreichung entwerfen"), ("stand", "open")],
        ),
        case(
            "/treffen/{id}/aufgaben/{item}",
            format!("/treffen/{m}/aufgaben/{action}"),
            &[
                ("titel", "Protokoll versenden"),
                ("stand", "done"),
                ("erledigt", "16.09.2022"),
            ],
        ),
        case(
            "/treffen/{id}/aufgaben/{item}/loeschen",
            format!("/treffen/{m}/aufgaben/{action}/loeschen"),
            &[],
        ),
        case(
            "/treffen/{id}/protokoll",
            format!("/treffen/{m}/protokoll"),
            &[("protokoll", "## Ergebnisse\n- Fortsetzung im Frühjahr")],
        ),
    ]
}

/// The agenda's titles by position, as the store has them (checking the numbers).
async fn agenda(server: &Server, m: MeetingId) -> Vec<String> {
    let items = server.store.agenda_items(Some(m), None).await.unwrap();
    for (k, item) in items.iter().enumerate() {
        assert_eq!(item.data.position as usize, k + 1, "{items:?}");
    }
    items
        .into_iter()
        .map(|a| a.data.title.to_string())
        .collect()
}

async fn audit_count(server: &Server) -> usize {
    server
        .store
        .audit_events(&AuditFilter {
            limit: 10_000,
            ..AuditFilter::default()
        })
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_planner_adds_moves_changes_and_removes_agenda_items_kept_numbered() {
    let server = Server::demo().await;
    let m = meeting(&server, FREIBERG_MEETING).await;
    let mut coordinator = server.login(COORDINATOR).await;
    // The page offers the forms, folded, with the next free place chosen.
    let page = coordinator.get(&format!("/treffen/{m}")).await;
    page.expect(200).has(&[
        "<details class=\"record\" id=\"agenda-add\">",
        &format!("action=\"/treffen/{m}/punkte\""),
        "<option value=\"7\" selected>7</option>",
        "<details class=\"record\" id=\"decision-add\">",
        "<details class=\"record\" id=\"action-add\">",
        "<details class=\"record\" id=\"h-minutes-edit\">",
    ]);
    let before = agenda(&server, m).await;
    assert_eq!(before.len(), 6);
    // A new item second, with a presenter who takes part and a raised topic.
    let haensel = person(&server, "p-janine-haensel").await;
    let funding = server
        .store
        .topic_by_ref(&ExternalRef::parse("t-foerdermittel").unwrap())
        .await
        .unwrap()
        .unwrap();
    let added = coordinator
        .post(
            &format!("/treffen/{m}/punkte"),
            &[
                ("position", "2"),
                ("titel", "Fördermittel: Fristen 2027"),
                ("dauer", "20"),
                ("vortragend", &haensel),
                ("thema", &funding.id.to_string()),
                ("notizen", "Mit Beispielen aus Flöha."),
            ],
        )
        .await;
    assert_eq!(
        added.expect(303).location(),
        format!("/treffen/{m}#h-agenda")
    );
    let now = agenda(&server, m).await;
    assert_eq!(now[1], "Fördermittel: Fristen 2027");
    assert_eq!(now[2], before[1]);
    assert_eq!(now.len(), 7);
    // The topic is on the agenda now.
    let topic = server.store.topic(funding.id).await.unwrap().unwrap();
    assert_eq!(topic.data.status.code(), "scheduled");
    let table = coordinator.get(&format!("/treffen/{m}")).await;
    table.expect(200).has(&[
        "<td class=\"num\">2</td><th scope=\"row\">Fördermittel: Fristen 2027<br><span class=\"hint\">Mit Beispielen aus Flöha.</span></th><td class=\"num\">20</td><td>Janine Hänsel</td><td>Fördermittel nach RL KommPräv",
    ]);
    // The last item moved to the top and renamed: the others follow.
    let items = server.store.agenda_items(Some(m), None).await.unwrap();
    let last = items.last().unwrap().id;
    coordinator
        .post(
            &format!("/treffen/{m}/punkte/{last}"),
            &[("position", "1"), ("titel", "Abschluss vorgezogen")],
        )
        .await
        .expect(303);
    let moved = agenda(&server, m).await;
    assert_eq!(moved[0], "Abschluss vorgezogen");
    assert_eq!(moved[1], before[0]);
    // Removed: the gap closes.
    let second = server.store.agenda_items(Some(m), None).await.unwrap()[1].id;
    coordinator
        .post(&format!("/treffen/{m}/punkte/{second}/loeschen"), &[])
        .await
        .expect(303);
    let after = agenda(&server, m).await;
    assert_eq!(after.len(), 6);
    assert!(!after.contains(&before[0]));
    // An item of another meeting is not found here.
    let floeha = meeting(&server, FLOEHA_MEETING).await;
    let foreign = server.store.agenda_items(Some(floeha), None).await.unwrap()[0].id;
    coordinator
        .post(
            &format!("/treffen/{m}/punkte/{foreign}"),
            &[("position", "1"), ("titel", "X")],
        )
        .await
        .expect(404);
    coordinator
        .post(&format!("/treffen/{m}/punkte/{foreign}/loeschen"), &[])
        .await
        .expect(404);
    assert_eq!(
        server
            .store
            .agenda_items(Some(floeha), None)
            .await
            .unwrap()
            .len(),
        7
    );
}

#[tokio::test]
async fn decisions_action_items_and_minutes_are_recorded_on_the_meeting_page() {
    let server = Server::demo().await;
    let m = meeting(&server, FLOEHA_MEETING).await;
    let (item, _, _) = parts(&server, m).await;
    let mut member = server.login(FLOEHA).await;
    member
        .post(
            &format!("/treffen/{m}/beschluesse"),
            &[
                ("text", "Eine Handreichung zu Brennpunkten wird erarbeitet."),
                ("punkt", &item),
            ],
        )
        .await
        .expect(303);
    let decision = server
        .store
        .decisions(Some(m))
        .await
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        decision.data.agenda_item_id.map(|a| a.to_string()),
        Some(item.clone())
    );
    let beier = person(&server, "p-nico-beier").await;
    let decision_id = decision.id.to_string();
    let recorded = member
        .post(
            &format!("/treffen/{m}/aufgaben"),
            &[
                ("titel", "Handreichung Brennpunkte entwerfen"),
                ("zustaendig", &beier),
                ("faellig", "31.03.2023"),
                ("stand", "in_progress"),
                ("erledigt", ""),
                ("beschluss", &decision_id),
            ],
        )
        .await;
    assert_eq!(
        recorded.expect(303).location(),
        format!("/treffen/{m}#h-actions")
    );
    let page = member.get(&format!("/treffen/{m}")).await;
    page.expect(200).has(&[
        "<li>Eine Handreichung zu Brennpunkten wird erarbeitet.</li>",
        "<th scope=\"row\">Handreichung Brennpunkte entwerfen</th><td>Nico Beier</td><td>31.03.2023</td><td>in Arbeit</td>",
    ]);
    // Done, with its completion date; then removed with its decision.
    let action = server
        .store
        .action_items(&ActionItemFilter {
            meeting: Some(m),
            ..ActionItemFilter::default()
        })
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.data.title.as_str() == "Handreichung Brennpunkte entwerfen")
        .unwrap();
    member
        .post(
            &format!("/treffen/{m}/aufgaben/{}", action.id),
            &[
                ("titel", "Handreichung Brennpunkte entwerfen"),
                ("zustaendig", &beier),
                ("stand", "done"),
                ("erledigt", "02.03.2023"),
                ("beschluss", &decision_id),
            ],
        )
        .await
        .expect(303);
    let done = server.store.action_item(action.id).await.unwrap().unwrap();
    assert_eq!(done.data.completed_on, Some(jiff::civil::date(2023, 3, 2)));
    for path in [
        format!("/treffen/{m}/aufgaben/{}/loeschen", action.id),
        format!("/treffen/{m}/beschluesse/{}/loeschen", decision.id),
    ] {
        member.post(&path, &[]).await.expect(303);
    }
    assert!(server.store.action_item(action.id).await.unwrap().is_none());
    assert!(server.store.decision(decision.id).await.unwrap().is_none());
}

#[tokio::test]
async fn the_minutes_are_markdown_shown_sanitised_and_only_planners_edit_the_record() {
    let server = Server::demo().await;
    let m = meeting(&server, FLOEHA_MEETING).await;
    let mut member = server.login(FLOEHA).await;
    // The minutes: Markdown shown as HTML, sanitised.
    member
        .post(
            &format!("/treffen/{m}/protokoll"),
            &[(
                "protokoll",
                "## Nachtrag\n- **Handreichung** folgt\n\n<script>alert(1)</script>",
            )],
        )
        .await
        .expect(303);
    let page = member.get(&format!("/treffen/{m}")).await;
    page.expect(200)
        .has(&["<h2>Nachtrag</h2>", "<strong>Handreichung</strong>"])
        .lacks(&["<script>alert(1)</script>"]);
    // The guest reads the record but edits none of it.
    let mut guest = server.login(GUEST).await;
    guest
        .get(&format!("/treffen/{m}"))
        .await
        .expect(200)
        .lacks(&["id=\"decision-add\"", "/protokoll\""]);
    guest
        .post(&format!("/treffen/{m}/beschluesse"), &[("text", "X")])
        .await
        .expect(403);
    let mut leipzig = crate::network::leipzig_viewer(&server).await;
    leipzig
        .post(&format!("/treffen/{m}/beschluesse"), &[("text", "X")])
        .await
        .expect(404);
}

/// Form fields as sent.
type Fields<'a> = Vec<(&'a str, &'a str)>;

/// One refused request: where, what was sent, the id of the error shown, and the text naming
/// the field and its error.
type Refusal<'a> = (String, Fields<'a>, String, &'a str);

/// Sends each request as `client` and checks that it is refused beside its field, with the
/// field named at the top, and that nothing was written.
async fn all_refused(
    server: &Server,
    client: &mut crate::harness::Client,
    m: MeetingId,
    cases: &[Refusal<'_>],
) {
    let before = audit_count(server).await;
    let agenda_before = agenda(server, m).await;
    for (path, fields, error, named) in cases {
        let refused = client.post(path, fields).await;
        refused.expect(422).has(&[
            &format!("id=\"{error}\""),
            named,
            "Nichts wurde gespeichert.",
            &format!("<a href=\"/treffen/{m}\">"),
        ]);
    }
    assert_eq!(audit_count(server).await, before);
    assert_eq!(agenda(server, m).await, agenda_before);
}

#[tokio::test]
async fn bad_agenda_items_are_refused_beside_their_field_and_write_nothing() {
    let server = Server::demo().await;
    let m = meeting(&server, FLOEHA_MEETING).await;
    let (item, _, _) = parts(&server, m).await;
    // Philipp Lehmann takes no part in the Flöha meeting.
    let outsider = person(&server, "p-philipp-lehmann").await;
    let mut member = server.login(FLOEHA).await;
    let add = format!("/treffen/{m}/punkte");
    let pause = |more: &[(&'static str, &'static str)]| {
        let mut fields = vec![("position", "1"), ("titel", "Pause")];
        fields.extend_from_slice(more);
        fields
    };
    let mut with_outsider = pause(&[]);
    with_outsider.push(("vortragend", &outsider));
    let cases: Vec<Refusal> = vec![
        (
            add.clone(),
            vec![("position", "9"), ("titel", "Pause")],
            "pn-position-error".into(),
            "Stelle in der Tagesordnung: „9“ liegt nicht zwischen 1 und 8",
        ),
        (
            add.clone(),
            vec![("position", "0"), ("titel", "Pause")],
            "pn-position-error".into(),
            "zwischen 1 und 8",
        ),
        (
            add.clone(),
            vec![("position", "1"), ("titel", " ")],
            "pn-titel-error".into(),
            "Punkt: darf nicht leer sein",
        ),
        (
            add.clone(),
            pause(&[("dauer", "abc")]),
            "pn-dauer-error".into(),
            "Dauer in Minuten: ",
        ),
        (
            add.clone(),
            pause(&[("dauer", "0")]),
            "pn-dauer-error".into(),
            "Dauer in Minuten: ",
        ),
        (
            add.clone(),
            with_outsider,
            "pn-vortragend-error".into(),
            "ist nicht bekannt",
        ),
        (
            add.clone(),
            pause(&[("thema", "999999")]),
            "pn-thema-error".into(),
            "Thema: „999999“ ist nicht bekannt",
        ),
        (
            format!("/treffen/{m}/punkte/{item}"),
            vec![("position", "8"), ("titel", "Begrüßung")],
            format!("p{item}-position-error"),
            "Stelle in der Tagesordnung",
        ),
    ];
    all_refused(&server, &mut member, m, &cases).await;
    // What was typed is kept.
    member
        .post(
            &add,
            &[
                ("position", "1"),
                ("titel", "Kaffeepause"),
                ("dauer", "abc"),
            ],
        )
        .await
        .expect(422)
        .has(&["value=\"Kaffeepause\"", "value=\"abc\""]);
}

#[tokio::test]
async fn bad_decisions_action_items_and_minutes_are_refused_and_write_nothing() {
    let server = Server::demo().await;
    let m = meeting(&server, FLOEHA_MEETING).await;
    let (item, _, action) = parts(&server, m).await;
    let other = meeting(&server, FREIBERG_MEETING).await;
    let foreign_item = server.store.agenda_items(Some(other), None).await.unwrap()[0]
        .id
        .to_string();
    let mut member = server.login(FLOEHA).await;
    let decisions = format!("/treffen/{m}/beschluesse");
    let actions = format!("/treffen/{m}/aufgaben/{action}");
    let task = |more: &[(&'static str, &'static str)]| {
        let mut fields = vec![("titel", "Protokoll versenden")];
        fields.extend_from_slice(more);
        fields
    };
    let field = |name: &str| format!("a{action}-{name}-error");
    let cases: Vec<Refusal> = vec![
        (
            decisions.clone(),
            vec![("text", ""), ("punkt", &item)],
            "bn-text-error".into(),
            "Was beschlossen wurde: ",
        ),
        (
            decisions.clone(),
            vec![("text", "X"), ("punkt", &foreign_item)],
            "bn-punkt-error".into(),
            "ist nicht bekannt",
        ),
        (
            actions.clone(),
            task(&[("stand", "open"), ("erledigt", "16.09.2022")]),
            field("erledigt"),
            "Erledigt am: ist nur beim Status „erledigt“ erlaubt",
        ),
        (
            actions.clone(),
            task(&[("stand", "open"), ("faellig", "31.02.2023")]),
            field("faellig"),
            "Fällig: ",
        ),
        (
            actions.clone(),
            task(&[("stand", "vielleicht")]),
            field("stand"),
            "Stand: ",
        ),
        (
            actions.clone(),
            task(&[("stand", "open"), ("beschluss", "999999")]),
            field("beschluss"),
            "Setzt Beschluss um: ",
        ),
        (
            format!("/treffen/{m}/protokoll"),
            vec![("protokoll", "Text\u{1b}[31m")],
            "m-protokoll-error".into(),
            "Protokoll: ",
        ),
    ];
    all_refused(&server, &mut member, m, &cases).await;
}

#[tokio::test]
async fn a_cancelled_meeting_takes_no_new_parts_and_no_topics() {
    let server = Server::demo().await;
    let m = meeting(&server, FREIBERG_MEETING).await;
    let mut coordinator = server.login(COORDINATOR).await;
    // Cancelled through its form, everything else kept.
    let stored = server.store.meeting(m).await.unwrap().unwrap();
    let mut cancelled = stored.data.clone();
    cancelled.status = praevnetz_domain::meeting::MeetingStatus::Cancelled;
    server
        .store
        .update_meeting(
            &praevnetz_domain::audit::ChangeContext::cli(jiff::Timestamp::now()),
            m,
            &cancelled,
        )
        .await
        .unwrap();
    let page = coordinator.get(&format!("/treffen/{m}")).await;
    page.expect(200)
        .has(&["Das Treffen ist abgesagt: Es nimmt keine neuen"])
        .lacks(&[
            "id=\"agenda-add\"",
            "id=\"decision-add\"",
            "id=\"action-add\"",
        ]);
    for (path, fields) in [
        (
            format!("/treffen/{m}/punkte"),
            vec![("position", "1"), ("titel", "Pause")],
        ),
        (
            format!("/treffen/{m}/beschluesse"),
            vec![("text", "Abgesagt.")],
        ),
        (
            format!("/treffen/{m}/aufgaben"),
            vec![("titel", "Absage versenden"), ("stand", "open")],
        ),
    ] {
        coordinator.post(&path, &fields).await.expect(409);
    }
    // Carrying a topic onto it stays refused.
    let topic = server
        .store
        .topic_by_ref(&ExternalRef::parse("t-schockanrufe").unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    coordinator
        .post(
            &format!("/treffen/{m}/tagesordnung"),
            &[("thema", &topic.to_string())],
        )
        .await
        .expect(409);
    assert_eq!(
        server
            .store
            .topic(topic)
            .await
            .unwrap()
            .unwrap()
            .data
            .status
            .code(),
        "raised"
    );
    // Its existing parts can still be corrected.
    let first = server.store.agenda_items(Some(m), None).await.unwrap()[0].id;
    coordinator
        .post(
            &format!("/treffen/{m}/punkte/{first}"),
            &[("position", "1"), ("titel", "Begrüßung (entfällt)")],
        )
        .await
        .expect(303);
    let _ = TopicId::new(0);
}

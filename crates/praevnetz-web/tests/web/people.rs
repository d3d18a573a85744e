//! Organisationen, Personen, Beziehungen: lists, pages, forms, and who may do what.

use praevnetz_domain::ids::{ActorId, MembershipId, OrganisationId, PersonId, TieId};
use praevnetz_domain::text::ExternalRef;

use crate::harness::Expect::{Forbidden, Login, Ok};
use crate::harness::expect::{ALL_USERS, EDIT_FLOEHA, EDIT_OUTSIDE_REGION, READ_OUTSIDE_REGION};
use crate::harness::{ADMIN, COORDINATOR, Case, FLOEHA, GUEST, Server};

/// Who may open a "new" form: everybody who may change something somewhere.
const EDITORS: [crate::harness::Expect; 6] = [Login, Ok, Ok, Ok, Ok, Forbidden];

async fn org(server: &Server, key: &str) -> OrganisationId {
    server
        .store
        .organisation_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn person(server: &Server, key: &str) -> PersonId {
    server
        .store
        .person_by_ref(&ExternalRef::parse(key).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn membership(server: &Server, person: PersonId, org: OrganisationId) -> MembershipId {
    server
        .store
        .memberships(Some(person), Some(org))
        .await
        .unwrap()[0]
        .id
}

async fn tie(server: &Server, a: OrganisationId, b: OrganisationId) -> TieId {
    let (a, b) = (ActorId::Organisation(a), ActorId::Organisation(b));
    server
        .store
        .ties(Some(a), None)
        .await
        .unwrap()
        .into_iter()
        .find(|t| {
            (t.data.source() == a && t.data.target() == b)
                || (t.data.source() == b && t.data.target() == a)
        })
        .unwrap()
        .id
}

fn org_form(name: &str, home: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", name.to_owned()),
        ("kind", "association".to_owned()),
        ("home", home.to_owned()),
    ]
}

#[allow(
    clippy::too_many_lines,
    reason = "one case per route and place, read as a table"
)]
pub async fn access_cases(server: &Server) -> Vec<Case> {
    let floeha_oa = org(server, "o-floeha-oa").await;
    let floeha_stadt = org(server, "o-floeha-stadt").await;
    let leipzig_oa = org(server, "o-leipzig-oa").await;
    let lpr = org(server, "o-lpr").await;
    let holger = person(server, "p-holger-irmscher").await;
    let kerstin = person(server, "p-kerstin-albrecht").await;
    let holger_oa = membership(server, holger, floeha_oa).await;
    let kerstin_oa = membership(server, kerstin, leipzig_oa).await;
    let floeha_tie = tie(server, floeha_stadt, lpr).await;
    let leipzig_tie = tie(server, leipzig_oa, lpr).await;
    let org_fields = [
        ("name", "Testverein Flöha"),
        ("kind", "association"),
        ("home", "gemeinde-14522140"),
    ];
    let leipzig_fields = [
        ("name", "Ordnungsamt Leipzig"),
        ("kind", "public_order_office"),
        ("home", "gemeinde-14713000"),
    ];
    let person_fields = [
        ("given_name", "Test"),
        ("family_name", "Person"),
        ("basis", "public_task"),
    ];
    let floeha_oa_text = floeha_oa.to_string();
    let floeha_stadt_text = floeha_stadt.to_string();
    let kirche = org(server, "o-floeha-kirche").await.to_string();
    let new_person = [
        ("given_name", "Test"),
        ("family_name", "Person"),
        ("basis", "public_task"),
        ("organisation", floeha_oa_text.as_str()),
    ];
    vec![
        Case::get("/organisationen", "/organisationen", ALL_USERS).showing(&["Ordnungsamt Flöha"]),
        Case::get("/organisationen/neu", "/organisationen/neu", EDITORS),
        Case::post(
            "/organisationen/neu",
            "/organisationen/neu",
            &org_fields,
            EDIT_FLOEHA,
        ),
        Case::get(
            "/organisationen/{id}",
            format!("/organisationen/{floeha_oa}"),
            ALL_USERS,
        )
        .showing(&["Ordnungsamt Flöha", "Holger"]),
        Case::get(
            "/organisationen/{id}",
            format!("/organisationen/{leipzig_oa}"),
            READ_OUTSIDE_REGION,
        )
        .showing(&["Ordnungsamt Leipzig", "Kerstin"]),
        Case::get(
            "/organisationen/{id}/bearbeiten",
            format!("/organisationen/{floeha_oa}/bearbeiten"),
            EDIT_FLOEHA,
        ),
        Case::get(
            "/organisationen/{id}/bearbeiten",
            format!("/organisationen/{leipzig_oa}/bearbeiten"),
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/organisationen/{id}/bearbeiten",
            format!("/organisationen/{floeha_oa}/bearbeiten"),
            &[
                ("name", "Ordnungsamt Flöha"),
                ("kind", "public_order_office"),
                ("home", "gemeinde-14522140"),
            ],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/organisationen/{id}/bearbeiten",
            format!("/organisationen/{leipzig_oa}/bearbeiten"),
            &leipzig_fields,
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/organisationen/{id}/loeschen",
            format!("/organisationen/{floeha_oa}/loeschen"),
            &[],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/organisationen/{id}/loeschen",
            format!("/organisationen/{leipzig_oa}/loeschen"),
            &[],
            EDIT_OUTSIDE_REGION,
        ),
        Case::get("/personen", "/personen", ALL_USERS).showing(&["Treffer"]),
        Case::get("/personen/neu", "/personen/neu", EDITORS),
        Case::post("/personen/neu", "/personen/neu", &new_person, EDIT_FLOEHA),
        Case::get("/personen/{id}", format!("/personen/{holger}"), ALL_USERS)
            .showing(&["Holger Irmscher", "Amtsleiter Ordnungsamt"]),
        Case::get(
            "/personen/{id}",
            format!("/personen/{kerstin}"),
            READ_OUTSIDE_REGION,
        )
        .showing(&["Kerstin Albrecht"]),
        Case::get(
            "/personen/{id}/bearbeiten",
            format!("/personen/{holger}/bearbeiten"),
            EDIT_FLOEHA,
        ),
        Case::get(
            "/personen/{id}/bearbeiten",
            format!("/personen/{kerstin}/bearbeiten"),
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/personen/{id}/bearbeiten",
            format!("/personen/{holger}/bearbeiten"),
            &[
                ("given_name", "Holger"),
                ("family_name", "Irmscher"),
                ("basis", "public_task"),
            ],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/personen/{id}/bearbeiten",
            format!("/personen/{kerstin}/bearbeiten"),
            &person_fields,
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/personen/{id}/loeschen",
            format!("/personen/{holger}/loeschen"),
            &[],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/personen/{id}/loeschen",
            format!("/personen/{kerstin}/loeschen"),
            &[],
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/personen/{id}/mitgliedschaften",
            format!("/personen/{holger}/mitgliedschaften"),
            &[
                ("organisation", floeha_stadt_text.as_str()),
                ("function", "Berater"),
            ],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/personen/{id}/mitgliedschaften/{mid}/beenden",
            format!("/personen/{holger}/mitgliedschaften/{holger_oa}/beenden"),
            &[],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/personen/{id}/mitgliedschaften/{mid}/beenden",
            format!("/personen/{kerstin}/mitgliedschaften/{kerstin_oa}/beenden"),
            &[],
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/personen/{id}/mitgliedschaften/{mid}/loeschen",
            format!("/personen/{holger}/mitgliedschaften/{holger_oa}/loeschen"),
            &[],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/personen/{id}/mitgliedschaften/{mid}/loeschen",
            format!("/personen/{kerstin}/mitgliedschaften/{kerstin_oa}/loeschen"),
            &[],
            EDIT_OUTSIDE_REGION,
        ),
        Case::get("/beziehungen", "/beziehungen", ALL_USERS).showing(&["Stadtverwaltung Flöha"]),
        Case::get(
            "/beziehungen",
            format!("/beziehungen?akteur={leipzig_oa}"),
            ALL_USERS,
        ),
        Case::get("/beziehungen/neu", "/beziehungen/neu", EDITORS),
        Case::post(
            "/beziehungen/neu",
            "/beziehungen/neu",
            &[
                ("ebene", "organisationen"),
                ("von", floeha_oa_text.as_str()),
                ("zu", kirche.as_str()),
                ("kind", "cooperation"),
                ("strength", "3"),
            ],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/beziehungen/{id}/beenden",
            format!("/beziehungen/{floeha_tie}/beenden"),
            &[],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/beziehungen/{id}/beenden",
            format!("/beziehungen/{leipzig_tie}/beenden"),
            &[],
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/beziehungen/{id}/loeschen",
            format!("/beziehungen/{floeha_tie}/loeschen"),
            &[],
            EDIT_FLOEHA,
        ),
        Case::post(
            "/beziehungen/{id}/loeschen",
            format!("/beziehungen/{leipzig_tie}/loeschen"),
            &[],
            EDIT_OUTSIDE_REGION,
        ),
    ]
}

#[tokio::test]
async fn organisations_are_found_by_name_and_alias_and_filtered_by_kind_and_place() {
    let server = Server::demo().await;
    let mut client = server.login(COORDINATOR).await;
    client
        .get("/organisationen?q=flöha")
        .await
        .expect(200)
        .has(&["Ordnungsamt Flöha", "Polizeirevier Flöha"])
        .lacks(&["Landespräventionsrat"]);
    client
        .get("/organisationen?q=ASSKomm-Team")
        .await
        .expect(200)
        .has(&["Landespräventionsrat Sachsen"]);
    client
        .get("/organisationen?art=police_station&gemeinde=14522140")
        .await
        .expect(200)
        .has(&["Polizeirevier Flöha", "Treffer: <strong>1</strong>"])
        .lacks(&["Ordnungsamt Flöha"]);
    client
        .get("/organisationen?kreis=14713")
        .await
        .expect(200)
        .has(&["Ordnungsamt Leipzig"])
        .lacks(&["Ordnungsamt Flöha"]);
}

#[tokio::test]
async fn the_guest_sees_no_organisation_person_or_tie_outside_their_region() {
    let server = Server::demo().await;
    let mut guest = server.login(GUEST).await;
    guest
        .get("/organisationen?q=Leipzig")
        .await
        .expect(200)
        .has(&["Treffer: <strong>0</strong>"])
        .lacks(&["Ordnungsamt Leipzig"]);
    guest
        .get("/personen?q=Albrecht")
        .await
        .expect(200)
        .lacks(&["Albrecht, Kerstin"]);
    guest
        .get("/beziehungen?ebene=organisationen")
        .await
        .expect(200)
        .lacks(&["Ordnungsamt Leipzig"]);
    let mut admin = server.login(ADMIN).await;
    admin.get("/personen?q=Albrecht").await.expect(200).has(&[
        "Albrecht, Kerstin",
        "Sachgebietsleiterin Kriminalprävention",
    ]);
}

#[tokio::test]
async fn lists_page_by_fifty_and_show_the_total() {
    let server = Server::demo().await;
    let mut client = server.login(ADMIN).await;
    let first = client.get("/personen").await;
    first.expect(200).has(&["Seite 1 / ", "rel=\"next\""]);
    assert_eq!(first.body.matches("<tr><th scope=\"row\">").count(), 50);
    client
        .get("/personen?seite=2")
        .await
        .expect(200)
        .has(&["Seite 2 / ", "rel=\"prev\""]);
    // A page that is no number is the first; one past the end is empty.
    client
        .get("/personen?seite=abc")
        .await
        .expect(200)
        .has(&["Seite 1 / "]);
    client
        .get("/personen?seite=999")
        .await
        .expect(200)
        .has(&["Keine Personen gefunden."]);
}

#[tokio::test]
async fn an_organisation_is_created_edited_and_deleted() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    let form = org_form("Präventionsverein Flöha e.V.", "gemeinde-14522140");
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = client.post("/organisationen/neu", &fields).await;
    created.expect(303);
    let page = created.location().to_owned();
    client.get(&page).await.expect(200).has(&[
        "Präventionsverein Flöha e.V.",
        "Verein",
        "Bürgerschaftliches Engagement",
    ]);
    client
        .post(
            &format!("{page}/bearbeiten"),
            &[
                ("name", "Präventionsverein Flöha"),
                ("kind", "association"),
                ("pillar", "support"),
                ("secondary_civic", "on"),
                ("home", "gemeinde-14522140"),
                ("area", "14522140 14522"),
            ],
        )
        .await
        .expect(303);
    client.get(&page).await.expect(200).has(&[
        "Präventionsverein Flöha",
        "Unterstützungsangebote",
        "Landkreis Mittelsachsen",
    ]);
    client
        .post(&format!("{page}/loeschen"), &[])
        .await
        .expect(303);
    client.get(&page).await.expect(404);
}

#[tokio::test]
async fn a_bad_organisation_form_is_shown_again_with_german_messages_and_nothing_saved() {
    let server = Server::demo().await;
    let before = server.store.organisations(None).await.unwrap().len();
    let mut client = server.login(FLOEHA).await;
    let long = "x".repeat(10_000);
    let answer = client
        .post(
            "/organisationen/neu",
            &[
                ("name", "<script>alert(1)</script>"),
                ("short_name", long.as_str()),
                ("kind", "' or 1=1 --"),
                ("home", "gemeinde-14713000"),
                ("email", "abc"),
                ("area", "99999999"),
            ],
        )
        .await;
    answer
        .expect(422)
        .has(&[
            "&#60;script&#62;alert(1)&#60;/script&#62;",
            "ist zu lang",
            "aria-invalid=\"true\"",
            "short_name-error",
            "kind-error",
            "home-error",
            "email-error",
            "area-error",
        ])
        .lacks(&["<script>alert(1)</script>"]);
    let empty = client.post("/organisationen/neu", &[]).await;
    empty
        .expect(422)
        .has(&["darf nicht leer sein", "Angabe fehlt"]);
    assert_eq!(
        server.store.organisations(None).await.unwrap().len(),
        before
    );
}

#[tokio::test]
async fn a_person_is_created_as_member_of_an_organisation_the_user_may_edit() {
    let server = Server::demo().await;
    let floeha_oa = org(&server, "o-floeha-oa").await.to_string();
    let leipzig_oa = org(&server, "o-leipzig-oa").await.to_string();
    let before = server.store.persons(None).await.unwrap().len();
    let mut client = server.login(FLOEHA).await;
    // Not an organisation of Flöha: refused beside the field, nothing saved.
    client
        .post(
            "/personen/neu",
            &[
                ("given_name", "Erika"),
                ("family_name", "Muster"),
                ("basis", "consent"),
                ("organisation", leipzig_oa.as_str()),
            ],
        )
        .await
        .expect(422)
        .has(&["organisation-error", "consent_on-error", "value=\"Erika\""]);
    // Without an organisation only administrators may create a person.
    client
        .post(
            "/personen/neu",
            &[
                ("given_name", "Erika"),
                ("family_name", "Muster"),
                ("basis", "public_task"),
            ],
        )
        .await
        .expect(422)
        .has(&["organisation-error"]);
    assert_eq!(server.store.persons(None).await.unwrap().len(), before);
    let created = client
        .post(
            "/personen/neu",
            &[
                ("given_name", "Erika"),
                ("family_name", "Muster"),
                ("basis", "consent"),
                ("consent_on", "01.02.2024"),
                ("organisation", floeha_oa.as_str()),
                ("function", "Präventionskoordinatorin"),
                ("since", "2024-02-01"),
            ],
        )
        .await;
    created.expect(303);
    let page = created.location().to_owned();
    client.get(&page).await.expect(200).has(&[
        "Erika Muster",
        "Ordnungsamt Flöha",
        "Präventionskoordinatorin",
        "seit 01.02.2024",
        "Einwilligung",
    ]);
    let mut admin = server.login(ADMIN).await;
    admin
        .post(
            "/personen/neu",
            &[
                ("given_name", "Max"),
                ("family_name", "Ohne"),
                ("basis", "public_task"),
            ],
        )
        .await
        .expect(303);
    // The person without organisation belongs to the whole network: Flöha may read, not edit.
    let max = server
        .store
        .search_persons(&praevnetz_store::PersonSearch {
            text: Some("Ohne".into()),
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .id;
    client.get(&format!("/personen/{max}")).await.expect(200);
    client
        .get(&format!("/personen/{max}/bearbeiten"))
        .await
        .expect(403);
}

#[tokio::test]
async fn memberships_are_added_ended_and_deleted_from_the_person_page() {
    let server = Server::demo().await;
    let holger = person(&server, "p-holger-irmscher").await;
    let stadt = org(&server, "o-floeha-stadt").await;
    let mut client = server.login(FLOEHA).await;
    let page = format!("/personen/{holger}");
    client
        .post(
            &format!("{page}/mitgliedschaften"),
            &[("organisation", "abc"), ("since", "gestern")],
        )
        .await
        .expect(422)
        .has(&["organisation-error", "since-error", "kein gültiges Datum"]);
    client
        .post(
            &format!("{page}/mitgliedschaften"),
            &[
                ("organisation", &stadt.to_string()),
                ("function", "Berater"),
            ],
        )
        .await
        .expect(303);
    client
        .get(&page)
        .await
        .expect(200)
        .has(&["Stadtverwaltung Flöha", "Berater"]);
    let added = membership(&server, holger, stadt).await;
    client
        .post(&format!("{page}/mitgliedschaften/{added}/beenden"), &[])
        .await
        .expect(303);
    let ended = server.store.membership(added).await.unwrap().unwrap();
    assert!(ended.data.period.until().is_some());
    client
        .post(&format!("{page}/mitgliedschaften/{added}/loeschen"), &[])
        .await
        .expect(303);
    assert!(server.store.membership(added).await.unwrap().is_none());
    client
        .post(&format!("{page}/mitgliedschaften/abc/loeschen"), &[])
        .await
        .expect(404);
}

#[tokio::test]
async fn a_tie_is_picked_without_javascript_recorded_ended_and_deleted() {
    let server = Server::demo().await;
    let oa = org(&server, "o-floeha-oa").await;
    let kirche = org(&server, "o-floeha-kirche").await;
    let mut client = server.login(FLOEHA).await;
    // Step 1: search both ends; the results are radio buttons.
    let step1 = client
        .get("/beziehungen/neu?ebene=organisationen&q1=Ordnungsamt+Fl%C3%B6ha&q2=Kirchgemeinde")
        .await;
    step1.expect(200).has(&[
        &format!("type=\"radio\" name=\"von\" value=\"{oa}\""),
        &format!("type=\"radio\" name=\"zu\" value=\"{kirche}\""),
    ]);
    // Step 2: both picked, the details form appears.
    let step2 = client
        .get(&format!(
            "/beziehungen/neu?ebene=organisationen&von={oa}&zu={kirche}"
        ))
        .await;
    step2.expect(200).has(&["Schritt 2", "name=\"strength\""]);
    // Bad details: shown again with messages, nothing saved.
    let before = server.store.ties(None, None).await.unwrap().len();
    client
        .post(
            "/beziehungen/neu",
            &[
                ("ebene", "organisationen"),
                ("von", &oa.to_string()),
                ("zu", &oa.to_string()),
                ("kind", "cooperation"),
                ("strength", "abc"),
                ("since", "2024-05-01"),
                ("until", "2023-01-01"),
            ],
        )
        .await
        .expect(422)
        .has(&["strength-error", "until-error"]);
    assert_eq!(server.store.ties(None, None).await.unwrap().len(), before);
    let created = client
        .post(
            "/beziehungen/neu",
            &[
                ("ebene", "organisationen"),
                ("von", &oa.to_string()),
                ("zu", &kirche.to_string()),
                ("kind", "cooperation"),
                ("strength", "4"),
                ("since", "01.01.2023"),
                ("source_note", "Gespräch <b>"),
            ],
        )
        .await;
    created.expect(303);
    let list = client.get(created.location()).await;
    list.expect(200).has(&[
        "Ev.-Luth. Kirchgemeinde Flöha",
        "Gespräch &#60;b&#62;",
        "seit 01.01.2023",
    ]);
    let id = server
        .store
        .ties(Some(ActorId::Organisation(kirche)), None)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.data.source() == ActorId::Organisation(oa.min(kirche)))
        .unwrap()
        .id;
    client
        .post(&format!("/beziehungen/{id}/beenden"), &[])
        .await
        .expect(303);
    let ended = server.store.tie(id).await.unwrap().unwrap();
    assert!(ended.data.period().until().is_some());
    client
        .get(&format!("/organisationen/{oa}"))
        .await
        .expect(200)
        .has(&["Ev.-Luth. Kirchgemeinde Flöha", "01.01.2023 – "]);
    client
        .post(&format!("/beziehungen/{id}/loeschen"), &[])
        .await
        .expect(303);
    assert!(server.store.tie(id).await.unwrap().is_none());
}

#[tokio::test]
async fn hostile_ids_and_queries_never_cause_a_server_error() {
    let server = Server::demo().await;
    let mut client = server.login(ADMIN).await;
    for path in [
        "/organisationen/abc",
        "/organisationen/-1",
        "/organisationen/99999999999999999999",
        "/personen/abc",
        "/personen/1%27%20or%201=1%20--",
        "/organisationen/abc/bearbeiten",
    ] {
        client.get(path).await.expect(404);
    }
    let long = format!("/personen?q={}", "a".repeat(10_000));
    client.get(&long).await.expect(200);
    client
        .get("/organisationen?q=%3Cscript%3Ealert(1)%3C/script%3E&art=x&saeule=y&kreis=z")
        .await
        .expect(200)
        .has(&["&#60;script&#62;alert(1)&#60;/script&#62;"])
        .lacks(&["<script>alert(1)</script>"]);
    client
        .get("/beziehungen?art=abc&akteur=abc&ebene=%27")
        .await
        .expect(200);
    client
        .get("/beziehungen/neu?q1=%27%20or%201=1%20--&von=abc&zu=-5")
        .await
        .expect(200);
    client
        .post("/beziehungen/abc/beenden", &[])
        .await
        .expect(404);
    client.post("/personen/abc/loeschen", &[]).await.expect(404);
    client
        .post("/personen/neu", &[("given_name", &"x".repeat(10_000))])
        .await
        .expect(422)
        .has(&["ist zu lang"]);
}

#[tokio::test]
async fn pages_come_in_english_too() {
    let server = Server::demo().await;
    let mut client = server.login(COORDINATOR).await;
    client.post("/sprache", &[("lang", "en")]).await.expect(303);
    client
        .get("/organisationen")
        .await
        .expect(200)
        .has(&["Organisations", "Results"]);
    client
        .get("/beziehungen/neu")
        .await
        .expect(200)
        .has(&["Step 1"]);
}

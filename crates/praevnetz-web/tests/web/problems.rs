//! Problemlagen: list, filters and counts under problem visibility, detail, forms.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::problem::{ProblemData, Visibility};
use praevnetz_domain::text::Name;
use praevnetz_store::ProblemFilter;

use crate::harness::Expect::{Forbidden, Login, NotFound, Ok};
use crate::harness::expect::{ALL_USERS, EDIT_FLOEHA, EDIT_OUTSIDE_REGION, READ_OUTSIDE_REGION};
use crate::harness::{ADMIN, COORDINATOR, Case, Expect, FLOEHA, GUEST, POLICE, Server};

/// A municipality-visible problem of Flöha in the demo.
pub const FLOEHA_PRIVATE: &str = "Graffiti und Sachbeschädigung an der Bahnunterführung";
/// A region-visible problem of Flöha.
pub const FLOEHA_REGION: &str = "Treffpunkt Jugendlicher am Bahnhofsvorplatz";
/// A network-visible problem of Leipzig.
pub const LEIPZIG_NETWORK: &str = "Gruppen und Konflikte am Bahnhofsumfeld";

/// Who sees a municipality-visible problem of Flöha.
const SEE_FLOEHA_PRIVATE: [Expect; 6] = [Login, Ok, Ok, Ok, Ok, NotFound];

pub async fn problem_id(server: &Server, title: &str) -> i64 {
    server
        .store
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.data.title.as_str().starts_with(title))
        .unwrap_or_else(|| panic!("demo problem {title}"))
        .id
        .get()
}

fn valid_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("kommune", "14522140"),
        ("kategorie", "GRP"),
        ("titel", title),
        ("beschreibung", "Beschreibung"),
        ("schwere", "4"),
        ("trend", "rising"),
        ("status", "open"),
        ("sichtbarkeit", "municipality"),
        ("ort", "Markt"),
        ("breite", "50.86"),
        ("laenge", "13.07"),
        ("seit", "01.03.2024"),
        ("aktion", "speichern"),
    ]
}

pub async fn access_cases(server: &Server) -> Vec<Case> {
    let private = problem_id(server, FLOEHA_PRIVATE).await;
    let region = problem_id(server, FLOEHA_REGION).await;
    let leipzig = problem_id(server, LEIPZIG_NETWORK).await;
    let form = valid_form("Neue Problemlage im Test");
    let create = [Login, Ok, Ok, Ok, Ok, Forbidden];
    vec![
        Case::get("/problemlagen", "/problemlagen", ALL_USERS),
        Case::get("/problemlagen/neu", "/problemlagen/neu", create),
        Case::post("/problemlagen/neu", "/problemlagen/neu", &form, create),
        // Visibility "own municipality": the guest (a viewer) never sees it.
        Case::get(
            "/problemlagen/{id}",
            format!("/problemlagen/{private}"),
            SEE_FLOEHA_PRIVATE,
        )
        .showing(&[FLOEHA_PRIVATE]),
        Case::get(
            "/problemlagen/{id}/bearbeiten",
            format!("/problemlagen/{private}/bearbeiten"),
            SEE_FLOEHA_PRIVATE,
        ),
        Case::post(
            "/problemlagen/{id}/bearbeiten",
            format!("/problemlagen/{private}/bearbeiten"),
            &form,
            SEE_FLOEHA_PRIVATE,
        ),
        Case::post(
            "/problemlagen/{id}/loeschen",
            format!("/problemlagen/{private}/loeschen"),
            &[],
            SEE_FLOEHA_PRIVATE,
        ),
        // Visibility "region": the guest reads but may not change.
        Case::get(
            "/problemlagen/{id}",
            format!("/problemlagen/{region}"),
            ALL_USERS,
        )
        .showing(&[FLOEHA_REGION]),
        Case::get(
            "/problemlagen/{id}/bearbeiten",
            format!("/problemlagen/{region}/bearbeiten"),
            EDIT_FLOEHA,
        ),
        Case::post(
            "/problemlagen/{id}/bearbeiten",
            format!("/problemlagen/{region}/bearbeiten"),
            &form,
            EDIT_FLOEHA,
        ),
        Case::post(
            "/problemlagen/{id}/loeschen",
            format!("/problemlagen/{region}/loeschen"),
            &[],
            EDIT_FLOEHA,
        ),
        // Leipzig, outside the region, visible network-wide.
        Case::get(
            "/problemlagen/{id}",
            format!("/problemlagen/{leipzig}"),
            READ_OUTSIDE_REGION,
        )
        .showing(&[LEIPZIG_NETWORK]),
        Case::get(
            "/problemlagen/{id}/bearbeiten",
            format!("/problemlagen/{leipzig}/bearbeiten"),
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/problemlagen/{id}/bearbeiten",
            format!("/problemlagen/{leipzig}/bearbeiten"),
            &form,
            EDIT_OUTSIDE_REGION,
        ),
        Case::post(
            "/problemlagen/{id}/loeschen",
            format!("/problemlagen/{leipzig}/loeschen"),
            &[],
            EDIT_OUTSIDE_REGION,
        ),
    ]
}

#[tokio::test]
async fn a_municipal_problem_of_floeha_is_seen_in_list_counts_and_detail_by_all_but_the_guest() {
    let server = Server::demo().await;
    let id = problem_id(&server, FLOEHA_PRIVATE).await;
    for (email, sees) in [
        (FLOEHA, true),
        (COORDINATOR, true),
        (POLICE, true),
        (ADMIN, true),
        (GUEST, false),
    ] {
        let mut client = server.login(email).await;
        // The list of Flöha and its count.
        let list = client
            .get("/problemlagen?kommune=14522140&kategorie=VAN")
            .await;
        list.expect(200);
        assert_eq!(list.body.contains(FLOEHA_PRIVATE), sees, "{email}: list");
        let count = if sees {
            "Eine Problemlage gefunden."
        } else {
            "Keine Problemlage gefunden."
        };
        assert!(list.body.contains(count), "{email}: count {}", list.body);
        // The count beside the category choice follows the same rule.
        let all = client.get("/problemlagen?kommune=14522140").await;
        assert_eq!(
            all.body.contains(FLOEHA_PRIVATE),
            sees,
            "{email}: full list"
        );
        assert!(
            all.body
                .contains(if sees { "(1)</option>" } else { "(0)</option>" }),
            "{email}: counts"
        );
        // The detail.
        let detail = client.get(&format!("/problemlagen/{id}")).await;
        assert_eq!(
            detail.status,
            if sees { 200 } else { 404 },
            "{email}: detail"
        );
        assert_eq!(detail.body.contains(FLOEHA_PRIVATE), sees);
    }
}

#[tokio::test]
async fn a_region_visible_problem_of_leipzig_is_not_seen_by_the_floeha_member() {
    let server = Server::demo().await;
    let leipzig = server
        .store
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.data.title.as_str().starts_with(LEIPZIG_NETWORK))
        .unwrap();
    let data = ProblemData {
        title: Name::parse("Regionale Lage in Leipzig").unwrap(),
        visibility: Visibility::Region,
        external_ref: None,
        responsible: vec![],
        affected: vec![],
        ..leipzig.data
    };
    let id = server
        .store
        .create_problem(&ChangeContext::cli(jiff::Timestamp::now()), &data)
        .await
        .unwrap()
        .get();
    for (email, sees) in [
        (FLOEHA, false),
        (GUEST, false),
        (COORDINATOR, false),
        (ADMIN, true),
    ] {
        let mut client = server.login(email).await;
        let list = client.get("/problemlagen?kommune=14713000").await;
        assert_eq!(
            list.body.contains("Regionale Lage in Leipzig"),
            sees,
            "{email}"
        );
        let detail = client.get(&format!("/problemlagen/{id}")).await;
        assert_eq!(detail.status, if sees { 200 } else { 404 }, "{email}");
    }
}

#[tokio::test]
async fn lists_filter_by_category_district_municipality_and_status() {
    let server = Server::demo().await;
    let mut client = server.login(ADMIN).await;
    let grp = client.get("/problemlagen?kategorie=GRP").await;
    grp.expect(200)
        .has(&[FLOEHA_REGION, LEIPZIG_NETWORK])
        .lacks(&[FLOEHA_PRIVATE]);
    let mittelsachsen = client.get("/problemlagen?kreis=14522&kategorie=GRP").await;
    mittelsachsen
        .has(&[FLOEHA_REGION])
        .lacks(&[LEIPZIG_NETWORK]);
    let resolved = client
        .get("/problemlagen?status=resolved&kommune=14522140")
        .await;
    resolved.lacks(&[FLOEHA_REGION, FLOEHA_PRIVATE]);
    // Unknown values match nothing; hostile ones are shown escaped, never a 500.
    for query in [
        "kategorie=XYZ",
        "kreis=%27%20or%201%3D1%20--",
        "kommune=abc",
        "status=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "seite=abc",
        "seite=999999999999999999999",
    ] {
        let page = client.get(&format!("/problemlagen?{query}")).await;
        page.expect(200).lacks(&["<script>alert(1)"]);
    }
    client
        .get("/problemlagen?kategorie=XYZ")
        .await
        .has(&["Keine Problemlage gefunden."]);
    for path in [
        "/problemlagen/abc",
        "/problemlagen/99999",
        "/problemlagen/-1/bearbeiten",
    ] {
        client.get(path).await.expect(404);
    }
}

#[tokio::test]
async fn the_detail_shows_category_definition_actors_and_practices_of_the_category() {
    let server = Server::demo().await;
    let id = problem_id(&server, FLOEHA_REGION).await;
    let mut client = server.login(FLOEHA).await;
    let page = client.get(&format!("/problemlagen/{id}")).await;
    page.expect(200).has(&[
        "Bahnhofsvorplatz",
        "/praxis?kategorie=GRP",
        "Doppelstreife und Jugendarbeit am Bahnhofsvorplatz",
        "/problemlagen/",
        "Bearbeiten",
    ]);
    // The guest reads the region-visible problem without edit buttons.
    let mut guest = server.login(GUEST).await;
    guest
        .get(&format!("/problemlagen/{id}"))
        .await
        .expect(200)
        .lacks(&["/bearbeiten", "/loeschen"]);
}

#[tokio::test]
async fn problems_are_created_edited_and_deleted_through_the_forms() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    let form_page = client.get("/problemlagen/neu").await;
    form_page
        .expect(200)
        .has(&["Flöha", "name=\"verantwortlich\""]);
    // Another district's municipality is not offered.
    assert!(!form_page.body.contains("value=\"14511000\""));
    let created = client
        .post("/problemlagen/neu", &valid_form("Lärm am Marktplatz"))
        .await;
    created.expect(303);
    let location = created.location().to_owned();
    let page = client.get(&location).await;
    page.expect(200)
        .has(&["Lärm am Marktplatz", "Markt", "01.03.2024", "50.86000"]);

    let mut edit = valid_form("Lärm am Marktplatz, abends");
    edit.retain(|(k, _)| *k != "breite" && *k != "laenge");
    edit.push(("seit", "2024-04-02"));
    let updated = client.post(&format!("{location}/bearbeiten"), &edit).await;
    updated.expect(303);
    client
        .get(&location)
        .await
        .expect(200)
        .has(&["Lärm am Marktplatz, abends", "02.04.2024"]);

    client
        .post(&format!("{location}/loeschen"), &[])
        .await
        .expect(303);
    client.get(&location).await.expect(404);
}

#[tokio::test]
async fn bad_input_is_shown_beside_the_field_kept_and_nothing_is_saved() {
    let server = Server::demo().await;
    let before = server
        .store
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .len();
    let mut client = server.login(FLOEHA).await;
    let long = "x".repeat(10_000);
    let mut form = valid_form("<script>alert(1)</script>");
    form.retain(|(k, _)| {
        !matches!(
            *k,
            "schwere" | "seit" | "laenge" | "beschreibung" | "kommune"
        )
    });
    form.extend([
        ("schwere", "abc"),
        ("seit", "32.13.2024"),
        ("beschreibung", long.as_str()),
        ("kommune", "14511000"),
        ("verantwortlich", "' or 1=1 --"),
    ]);
    let page = client.post("/problemlagen/neu", &form).await;
    page.expect(422).has(&[
        "ist keine ganze Zahl",
        "ist kein gültiges Datum",
        "bitte zusammen mit",
        "Wählen Sie eine Kommune, die Sie bearbeiten dürfen.",
        "aria-invalid=\"true\"",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "value=\"abc\"",
    ]);
    assert!(!page.body.contains("<script>alert(1)"));
    // A category that does not exist, a severity out of range.
    let mut form = valid_form("Titel");
    form.retain(|(k, _)| !matches!(*k, "kategorie" | "schwere"));
    form.extend([("kategorie", "ZZZ"), ("schwere", "9")]);
    client
        .post("/problemlagen/neu", &form)
        .await
        .expect(422)
        .has(&[
            "Wählen Sie eine Kategorie aus der Liste.",
            "liegt nicht zwischen",
        ]);
    let after = server
        .store
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .len();
    assert_eq!(before, after);
}

#[tokio::test]
async fn the_actor_pick_searches_without_javascript_and_keeps_the_ticks() {
    let server = Server::demo().await;
    let before = server
        .store
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .len();
    let mut client = server.login(FLOEHA).await;
    let mut form = valid_form("Mit Akteuren");
    form.extend([("suche", "Revier"), ("verantwortlich", "o1")]);
    form.retain(|(k, v)| *k != "aktion" || *v != "speichern");
    form.push(("aktion", "suchen"));
    let page = client.post("/problemlagen/neu", &form).await;
    page.expect(200).has(&[
        "Polizeirevier",
        "name=\"betroffen\"",
        "value=\"Mit Akteuren\"",
    ]);
    let after = server
        .store
        .problems(&ProblemFilter::default())
        .await
        .unwrap()
        .len();
    assert_eq!(before, after);
    // Ticked actors are saved and shown linked on the problem's page.
    let code = page
        .body
        .split("name=\"verantwortlich\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let mut save = valid_form("Mit Akteuren");
    save.extend([
        ("verantwortlich", code.as_str()),
        ("betroffen", code.as_str()),
    ]);
    let created = client.post("/problemlagen/neu", &save).await;
    created.expect(303);
    let id: i64 = created
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let problem = server
        .store
        .problem(praevnetz_domain::ids::ProblemId::new(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(problem.data.responsible.len(), 1);
    assert_eq!(problem.data.affected.len(), 1);
}

//! Verwaltung: accounts, set-password links and the audit log; only administrators reach it,
//! and the link page answers everybody alike.

use praevnetz_domain::text::Email;

use crate::harness::Expect::NotFound;
use crate::harness::expect::ADMIN_ONLY;
use crate::harness::{ADMIN, Case, Client, FLOEHA, PASSWORD, Response, Server};

/// A token of the right shape that was never issued.
const NO_TOKEN: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub fn access_cases() -> Vec<Case> {
    vec![
        Case::get("/verwaltung", "/verwaltung", ADMIN_ONLY).showing(&["Benutzerkonten nach Rolle"]),
        Case::get("/verwaltung/benutzer", "/verwaltung/benutzer", ADMIN_ONLY)
            .showing(&["koordination@demo.invalid"]),
        Case::get(
            "/verwaltung/benutzer",
            "/verwaltung/benutzer?rolle=viewer&status=aktiv",
            ADMIN_ONLY,
        )
        .showing(&["gast@demo.invalid"]),
        Case::get(
            "/verwaltung/benutzer/neu",
            "/verwaltung/benutzer/neu",
            ADMIN_ONLY,
        )
        .showing(&["Neues Benutzerkonto"]),
        Case::post(
            "/verwaltung/benutzer/neu",
            "/verwaltung/benutzer/neu",
            &[("email", "kein-email"), ("name", "X"), ("rolle", "viewer")],
            ADMIN_ONLY,
        ),
        Case::get(
            "/verwaltung/benutzer/{id}",
            "/verwaltung/benutzer/1",
            ADMIN_ONLY,
        )
        .showing(&["Link zum Passwortsetzen"]),
        Case::get(
            "/verwaltung/benutzer/{id}",
            "/verwaltung/benutzer/99999",
            ADMIN_ONLY.map(|e| {
                if e == crate::harness::Expect::Ok {
                    NotFound
                } else {
                    e
                }
            }),
        ),
        Case::post(
            "/verwaltung/benutzer/{id}",
            "/verwaltung/benutzer/1",
            &[("email", "")],
            ADMIN_ONLY,
        ),
        Case::post(
            "/verwaltung/benutzer/{id}/passwort-link",
            "/verwaltung/benutzer/2/passwort-link",
            &[],
            ADMIN_ONLY,
        ),
        Case::get("/verwaltung/protokoll", "/verwaltung/protokoll", ADMIN_ONLY)
            .showing(&["Änderungsprotokoll"]),
        Case::get(
            "/passwort-setzen/{token}",
            format!("/passwort-setzen/{NO_TOKEN}"),
            [NotFound; 6],
        ),
        Case::post(
            "/passwort-setzen/{token}",
            format!("/passwort-setzen/{NO_TOKEN}"),
            &[
                ("new", "ein-langes-passwort"),
                ("repeat", "ein-langes-passwort"),
            ],
            [NotFound; 6],
        ),
    ]
}

/// The link shown on an account page just after it was issued.
fn issued_link(page: &Response) -> String {
    let start = page
        .body
        .find("/passwort-setzen/")
        .unwrap_or_else(|| panic!("no link on the page: {}", page.body));
    page.body[start..start + "/passwort-setzen/".len() + 64].to_owned()
}

/// The id of the account with this login.
async fn account_id(server: &Server, email: &str) -> i64 {
    server
        .store
        .user_by_email(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id
        .get()
}

#[tokio::test]
async fn an_administrator_creates_an_account_whose_holder_sets_a_password_by_link() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let created = admin
        .post(
            "/verwaltung/benutzer/neu",
            &[
                ("email", "ordnungsamt@floeha.example"),
                ("name", "Ordnungsamt Flöha"),
                ("rolle", "member"),
                ("scope", "kommune:14522140"),
                ("sprache", "de"),
                ("aktiv", "ja"),
            ],
        )
        .await;
    created.expect(200).has(&[
        "Der Link zum Passwortsetzen wurde ausgestellt.",
        "http://localhost/passwort-setzen/",
        r#"<option value="kommune:14522140" selected>"#,
    ]);
    assert!(created.headers.contains("cache-control: no-store"));
    // Behind a proxy under its public name, the link is for HTTPS.
    let id = account_id(&server, "ordnungsamt@floeha.example").await;
    let mut proxied = server
        .login(ADMIN)
        .await
        .with_header("Host", "praevnetz.example.org");
    let again = proxied
        .post(&format!("/verwaltung/benutzer/{id}/passwort-link"), &[])
        .await;
    again
        .expect(200)
        .has(&["https://praevnetz.example.org/passwort-setzen/"]);
    // The newer link voided the first; issue one more for the rest of the test.
    let created = admin
        .post(&format!("/verwaltung/benutzer/{id}/passwort-link"), &[])
        .await;
    let link = issued_link(&created);
    // The token is nowhere else: not in the log, not on the page shown again.
    let token = &link["/passwort-setzen/".len()..];
    admin
        .get("/verwaltung/protokoll")
        .await
        .expect(200)
        .has(&["set-password link issued", "Ordnungsamt Flöha"])
        .lacks(&[token]);
    admin
        .get(&format!("/verwaltung/benutzer/{id}"))
        .await
        .expect(200)
        .lacks(&[token]);

    // The holder opens the link without an account session.
    let mut holder = server.client();
    holder
        .get(&link)
        .await
        .expect(200)
        .has(&["ordnungsamt@floeha.example", "Passwort setzen"]);
    holder
        .post(&link, &[("new", "kurz"), ("repeat", "kurz")])
        .await
        .expect(422)
        .has(&["id=\"new-error\"", "zu kurz"]);
    holder
        .post(
            &link,
            &[("new", "ein-gutes-passwort"), ("repeat", "ein-anderes")],
        )
        .await
        .expect(422)
        .has(&["id=\"repeat-error\""]);
    holder
        .post(
            &link,
            &[
                ("new", "ein-gutes-passwort"),
                ("repeat", "ein-gutes-passwort"),
            ],
        )
        .await
        .expect(200)
        .has(&["Ihr Passwort ist gesetzt."]);
    // It works once.
    holder
        .get(&link)
        .await
        .expect(404)
        .has(&["Link ungültig", "schon benutzt"]);
    holder
        .post(
            &link,
            &[
                ("new", "noch-ein-passwort"),
                ("repeat", "noch-ein-passwort"),
            ],
        )
        .await
        .expect(404);
    // The new password logs in, as a member of Flöha.
    let login = holder
        .login("ordnungsamt@floeha.example", "ein-gutes-passwort")
        .await;
    assert_eq!(login.status, 303, "{}", login.body);
    assert_eq!(login.location(), "/");
    holder.get("/kommunen/14522140").await.expect(200);
}

#[tokio::test]
async fn a_new_link_ends_the_old_one_and_sessions_end_when_the_password_is_set() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let mut floeha = server.login(FLOEHA).await;
    floeha.get("/").await.expect(200);
    let id = account_id(&server, FLOEHA).await;
    let path = format!("/verwaltung/benutzer/{id}/passwort-link");
    let first = issued_link(&admin.post(&path, &[]).await);
    let second = issued_link(&admin.post(&path, &[]).await);
    assert_ne!(first, second);
    let mut anybody = server.client();
    anybody.get(&first).await.expect(404);
    anybody
        .post(
            &second,
            &[("new", "neues-passwort-1"), ("repeat", "neues-passwort-1")],
        )
        .await
        .expect(200);
    // Flöha's open session ended; the old password no longer works, the new one does.
    let after = floeha.get("/").await;
    assert_eq!(after.status, 303);
    assert!(after.location().starts_with("/anmelden"));
    let old = server.client().login(FLOEHA, PASSWORD).await;
    assert_eq!(old.status, 422);
    let mut again = server.client();
    assert_eq!(again.login(FLOEHA, "neues-passwort-1").await.status, 303);
}

/// The account form of `id` with `changes` applied to what it shows now.
async fn save_account(admin: &mut Client, id: i64, changes: &[(&str, &str)]) -> Response {
    let mut fields: Vec<(String, String)> = vec![
        ("email".into(), String::new()),
        ("name".into(), String::new()),
        ("rolle".into(), String::new()),
        ("sprache".into(), "de".into()),
        ("aktiv".into(), "ja".into()),
    ];
    let page = admin.get(&format!("/verwaltung/benutzer/{id}")).await;
    for (name, value) in &mut fields {
        let needle = format!("name=\"{name}\" type=\"");
        if let Some(at) = page.body.find(&needle) {
            let rest = &page.body[at..];
            let start = rest.find("value=\"").unwrap() + 7;
            let end = start + rest[start..].find('"').unwrap();
            *value = rest[start..end].replace("&#64;", "@");
        }
    }
    let role = page
        .body
        .split("<select id=\"f-rolle\"")
        .nth(1)
        .and_then(|s| s.split(" selected>").next())
        .and_then(|s| s.rsplit("value=\"").next())
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    fields[2].1 = role;
    let mut scopes: Vec<String> = Vec::new();
    let select = page.body.split("<select id=\"f-scope\"").nth(1).unwrap();
    let select = select.split("</select>").next().unwrap();
    for option in select.split("<option value=\"").skip(1) {
        let (value, rest) = option.split_once('"').unwrap();
        if rest.starts_with(" selected") {
            scopes.push(value.to_owned());
        }
    }
    let mut all: Vec<(&str, &str)> = Vec::new();
    for (name, value) in &fields {
        if let Some((_, v)) = changes.iter().find(|(n, _)| n == name) {
            all.push((name.as_str(), v));
        } else {
            all.push((name.as_str(), value.as_str()));
        }
    }
    let scope_change: Vec<&str> = changes
        .iter()
        .filter(|(n, _)| *n == "scope")
        .map(|(_, v)| *v)
        .collect();
    if scope_change.is_empty() {
        for s in &scopes {
            all.push(("scope", s.as_str()));
        }
    } else {
        for s in scope_change.into_iter().filter(|s| !s.is_empty()) {
            all.push(("scope", s));
        }
    }
    admin
        .post(&format!("/verwaltung/benutzer/{id}"), &all)
        .await
}

#[tokio::test]
async fn role_scope_and_activity_are_changed_and_the_account_logs_in_again() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let mut floeha = server.login(FLOEHA).await;
    let id = account_id(&server, FLOEHA).await;
    // Member → viewer: saved, and Flöha's session ends.
    let saved = save_account(&mut admin, id, &[("rolle", "viewer")]).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location(),
        format!("/verwaltung/benutzer/{id}?gespeichert=1")
    );
    admin.get(saved.location()).await.expect(200).has(&[
        "Die Änderungen wurden gespeichert.",
        r#"<option value="viewer" selected>"#,
    ]);
    assert!(floeha.get("/").await.location().starts_with("/anmelden"));
    let mut floeha = server.login(FLOEHA).await;
    floeha.get("/problemlagen/neu").await.expect(403);
    // Deactivated: no login, and no link for it.
    let off = save_account(&mut admin, id, &[("aktiv", "")]).await;
    assert_eq!(off.status, 303, "{}", off.body);
    assert!(floeha.get("/").await.location().starts_with("/anmelden"));
    assert_eq!(server.client().login(FLOEHA, PASSWORD).await.status, 422);
    admin
        .post(&format!("/verwaltung/benutzer/{id}/passwort-link"), &[])
        .await
        .expect(422)
        .has(&["Das Konto ist deaktiviert"]);
    admin
        .get("/verwaltung/benutzer?status=inaktiv")
        .await
        .expect(200)
        .has(&[FLOEHA]);
}

#[tokio::test]
async fn bad_account_forms_are_shown_again_with_the_errors_beside_the_fields() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let before = server.store.users().await.unwrap().len();
    let page = admin
        .post(
            "/verwaltung/benutzer/neu",
            &[
                ("email", "kein-email"),
                ("name", ""),
                ("rolle", "chef"),
                ("sprache", "fr"),
                ("scope", "kommune:00000000"),
            ],
        )
        .await;
    page.expect(422).has(&[
        "id=\"f-email-error\"",
        "„kein-email“ ist keine gültige E-Mail-Adresse",
        "id=\"f-name-error\"",
        "id=\"f-rolle-error\"",
        "id=\"f-sprache-error\"",
        "id=\"f-scope-error\"",
        // What was typed stays.
        "value=\"kein-email\"",
    ]);
    // A member needs a scope; a login is taken once.
    admin
        .post(
            "/verwaltung/benutzer/neu",
            &[
                ("email", "neu@example.org"),
                ("name", "Neu"),
                ("rolle", "member"),
                ("sprache", "de"),
            ],
        )
        .await
        .expect(422)
        .has(&["id=\"f-scope-error\"", "Angabe fehlt"]);
    admin
        .post(
            "/verwaltung/benutzer/neu",
            &[
                ("email", "GAST@demo.invalid"),
                ("name", "Doppelt"),
                ("rolle", "viewer"),
                ("sprache", "de"),
                ("scope", "kreis:14522"),
            ],
        )
        .await
        .expect(422)
        .has(&["id=\"f-email-error\""]);
    assert_eq!(server.store.users().await.unwrap().len(), before);
    // Unknown and malformed account ids are not found.
    admin.get("/verwaltung/benutzer/abc").await.expect(404);
    admin
        .post("/verwaltung/benutzer/99999/passwort-link", &[])
        .await
        .expect(404);
}

#[tokio::test]
async fn the_last_administrator_cannot_step_down() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let id = account_id(&server, ADMIN).await;
    let page = save_account(
        &mut admin,
        id,
        &[("rolle", "coordinator"), ("scope", "kreis:14522")],
    )
    .await;
    page.expect(422).has(&[
        "id=\"f-rolle-error\"",
        "das letzte aktive Administratorkonto",
    ]);
    let off = save_account(&mut admin, id, &[("aktiv", "")]).await;
    off.expect(422)
        .has(&["das letzte aktive Administratorkonto"]);
    // Still an administrator, still logged in.
    admin.get("/verwaltung").await.expect(200);
}

#[tokio::test]
async fn the_audit_log_is_filtered_and_bad_filters_are_named() {
    let server = Server::demo().await;
    let mut admin = server.login(ADMIN).await;
    let id = account_id(&server, FLOEHA).await;
    admin
        .post(&format!("/verwaltung/benutzer/{id}/passwort-link"), &[])
        .await
        .expect(200);
    let admin_id = account_id(&server, ADMIN).await;
    let mine = admin
        .get(&format!(
            "/verwaltung/protokoll?benutzer={admin_id}&aktion=update&bereich=user"
        ))
        .await;
    mine.expect(200)
        .has(&["set-password link issued", "admin@demo.invalid", "Treffer"]);
    // The demo import was made from the command line, not by the administrator.
    assert!(!mine.body.contains("<td>importiert</td>"));
    let imports = admin.get("/verwaltung/protokoll?aktion=import").await;
    imports.expect(200).has(&["<td>importiert</td>"]);
    assert!(!imports.body.contains("set-password link issued"));
    // A future window is empty; bad values are named and nothing is listed.
    admin
        .get("/verwaltung/protokoll?von=01.01.2999")
        .await
        .expect(200)
        .has(&["Keine Einträge."]);
    admin
        .get("/verwaltung/protokoll?von=31.02.2026&bis=gestern&aktion=x&benutzer=abc")
        .await
        .expect(422)
        .has(&[
            "id=\"f-von-error\"",
            "„31.02.2026“ ist kein gültiges Datum",
            "id=\"f-bis-error\"",
            "„x“ ist kein zulässiger Wert",
            "„abc“ ist keine ganze Zahl",
        ])
        .lacks(&["set-password link issued"]);
    admin
        .get("/verwaltung/protokoll?von=2026-12-03&bis=2026-12-01")
        .await
        .expect(422)
        .has(&["liegt nach dem Ende"]);
}

//! Logging in and out, sessions, form tokens, throttling, passwords, languages, error pages.

use praevnetz_domain::text::Email;
use praevnetz_domain::user::Role;

use crate::harness::{ADMIN, COORDINATOR, FLOEHA, GUEST, PASSWORD, POLICE, Server};

#[tokio::test]
async fn every_demo_login_reaches_the_overview_of_its_own_area() {
    let server = Server::demo().await;
    for (email, area) in [
        (ADMIN, "das ganze Netzwerk"),
        (COORDINATOR, "Chemnitz · Erzgebirge · Mittelsachsen"),
        (FLOEHA, "Flöha"),
        (POLICE, "Erzgebirgskreis"),
        (GUEST, "Chemnitz · Erzgebirge · Mittelsachsen"),
    ] {
        let mut client = server.login(email).await;
        client.get("/").await.expect(200).has(&[
            "Übersicht",
            area,
            "Kommunen nach Programmbaustein",
        ]);
    }
}

#[tokio::test]
async fn pages_ask_for_a_login_and_return_afterwards() {
    let server = Server::demo().await;
    let mut client = server.client();
    let response = client.get("/").await;
    response.expect(303);
    assert_eq!(response.location(), "/anmelden?weiter=%2F");
    let token = client.get("/anmelden?weiter=%2F").await.csrf().unwrap();
    let response = client
        .post_raw(
            "/anmelden",
            &[
                ("csrf", &token),
                ("email", FLOEHA),
                ("password", PASSWORD),
                ("weiter", "/ueber"),
            ],
        )
        .await;
    response.expect(303);
    assert_eq!(response.location(), "/ueber");
    // Only paths of this site are followed after login.
    for target in [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
    ] {
        let mut other = server.client();
        let token = other.csrf().await;
        let response = other
            .post_raw(
                "/anmelden",
                &[
                    ("csrf", &token),
                    ("email", FLOEHA),
                    ("password", PASSWORD),
                    ("weiter", target),
                ],
            )
            .await;
        assert_eq!(response.location(), "/", "{target}");
    }
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let server = Server::demo().await;
    let mut client = server.client();
    let unknown = client.login("niemand@demo.invalid", PASSWORD).await;
    let wrong = client.login(FLOEHA, "falsches-passwort").await;
    unknown.expect(422);
    wrong.expect(422);
    let message = "E-Mail-Adresse oder Passwort sind nicht richtig.";
    unknown.has(&[message]);
    wrong.has(&[message]);
    // What was typed stays, the password does not.
    wrong
        .has(&["value=\"floeha@demo.invalid\""])
        .lacks(&["falsches-passwort"]);
    assert!(client.cookie("pn_session").is_none());
    client
        .login("kein-at-zeichen", PASSWORD)
        .await
        .expect(422)
        .has(&["gültige E-Mail"]);
}

#[tokio::test]
async fn a_deactivated_account_cannot_log_in() {
    let server = Server::demo().await;
    let user = server
        .store
        .user_by_email(&Email::parse(GUEST).unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut data = user.data.clone();
    data.active = false;
    let ctx = praevnetz_domain::audit::ChangeContext::cli(jiff::Timestamp::now());
    server
        .store
        .update_user(&ctx, user.id, &data)
        .await
        .unwrap();
    server.client().login(GUEST, PASSWORD).await.expect(422);
}

#[tokio::test]
async fn session_cookies_are_http_only_same_site_and_secure() {
    let server = Server::demo().await;
    let mut client = server.client();
    let response = client.login(FLOEHA, PASSWORD).await;
    let cookie = response
        .headers
        .lines()
        .find(|l| l.starts_with("set-cookie: pn_session="))
        .unwrap()
        .to_owned();
    for attribute in ["httponly", "samesite=lax", "secure", "path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
}

#[tokio::test]
async fn every_login_starts_a_new_session_and_logout_ends_it() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    let first = client.cookie("pn_session").unwrap().to_owned();
    client.login(FLOEHA, PASSWORD).await.expect(303);
    let second = client.cookie("pn_session").unwrap().to_owned();
    assert_ne!(first, second);
    // The first token is worth nothing now.
    let mut stolen = server
        .client()
        .with_header("Cookie", &format!("pn_session={first}"));
    stolen.get("/").await.expect(303);
    client.post("/abmelden", &[]).await.expect(303);
    let mut replay = server
        .client()
        .with_header("Cookie", &format!("pn_session={second}"));
    replay.get("/").await.expect(303);
    client.get("/").await.expect(303);
}

#[tokio::test]
async fn a_role_change_ends_the_users_sessions() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    client.get("/").await.expect(200);
    let user = server
        .store
        .user_by_email(&Email::parse(FLOEHA).unwrap())
        .await
        .unwrap()
        .unwrap();
    let mut data = user.data.clone();
    data.role = Role::Viewer;
    let ctx = praevnetz_domain::audit::ChangeContext::cli(jiff::Timestamp::now());
    server
        .store
        .update_user(&ctx, user.id, &data)
        .await
        .unwrap();
    client.get("/").await.expect(303);
}

#[tokio::test]
async fn forms_without_the_right_token_are_refused() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    for token in [None, Some("0".repeat(64)), Some("zu-kurz".to_owned())] {
        let mut fields = vec![("lang", "en")];
        if let Some(token) = &token {
            fields.push(("csrf", token));
        }
        client
            .post_raw("/sprache", &fields)
            .await
            .expect(403)
            .has(&["Formular abgelaufen"]);
    }
    // The token of another session does not count either.
    let mut other = server.login(GUEST).await;
    let foreign = other.csrf().await;
    client
        .post_raw("/sprache", &[("csrf", &foreign), ("lang", "en")])
        .await
        .expect(403);
    // Nothing was changed: the page is still German.
    client.get("/").await.has(&["Übersicht"]);
}

#[tokio::test]
async fn five_failed_logins_block_the_account_even_with_the_right_password() {
    let server = Server::demo().await;
    let mut client = server.client();
    for _ in 0..5 {
        client.login(POLICE, "falsch-falsch").await.expect(422);
    }
    let blocked = client.login(POLICE, PASSWORD).await;
    blocked
        .expect(429)
        .has(&["Zu viele fehlgeschlagene Anmeldungen"]);
    assert_eq!(blocked.header("retry-after"), Some("900"));
    // Other accounts are not affected.
    server.client().login(FLOEHA, PASSWORD).await.expect(303);
}

#[tokio::test]
async fn a_password_change_checks_the_old_one_and_ends_other_sessions() {
    let server = Server::demo().await;
    let mut client = server.login(COORDINATOR).await;
    let mut elsewhere = server.login(COORDINATOR).await;
    client
        .post(
            "/konto/passwort",
            &[
                ("current", "falsch"),
                ("new", "neues-passwort-1"),
                ("repeat", "neues-passwort-1"),
            ],
        )
        .await
        .expect(422)
        .has(&["Das bisherige Passwort ist nicht richtig."]);
    client
        .post(
            "/konto/passwort",
            &[("current", PASSWORD), ("new", "kurz"), ("repeat", "kurz")],
        )
        .await
        .expect(422)
        .has(&["zu kurz"]);
    client
        .post(
            "/konto/passwort",
            &[
                ("current", PASSWORD),
                ("new", "neues-passwort-1"),
                ("repeat", "anderes-passwort"),
            ],
        )
        .await
        .expect(422)
        .has(&["Die Wiederholung stimmt nicht"]);
    client
        .post(
            "/konto/passwort",
            &[
                ("current", PASSWORD),
                ("new", "neues-passwort-1"),
                ("repeat", "neues-passwort-1"),
            ],
        )
        .await
        .expect(200)
        .has(&["Ihr Passwort wurde geändert"]);
    client.get("/").await.expect(200);
    elsewhere.get("/").await.expect(303);
    server
        .client()
        .login(COORDINATOR, PASSWORD)
        .await
        .expect(422);
    server
        .client()
        .login(COORDINATOR, "neues-passwort-1")
        .await
        .expect(303);
}

#[tokio::test]
async fn german_by_default_english_by_browser_or_by_choice() {
    let server = Server::demo().await;
    server
        .client()
        .get("/anmelden")
        .await
        .has(&["<html lang=\"de\"", "Anmelden"]);
    server
        .client()
        .with_header("Accept-Language", "en-GB,en;q=0.9,de;q=0.5")
        .get("/anmelden")
        .await
        .has(&["<html lang=\"en\"", "Log in"]);
    // The choice of a logged-in user is kept with the account.
    let mut client = server.login(GUEST).await;
    let response = client
        .post("/sprache", &[("lang", "en"), ("weiter", "/")])
        .await;
    response.expect(303);
    assert_eq!(response.location(), "/");
    client
        .get("/")
        .await
        .has(&["<html lang=\"en\"", "Overview"]);
    let mut again = server.login(GUEST).await;
    again.get("/").await.has(&["Overview"]);
    client.post("/sprache", &[("lang", "fr")]).await.expect(400);
}

#[tokio::test]
async fn error_pages_speak_the_users_language_and_show_the_request_id() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    let response = client.get("/gibt-es-nicht").await;
    response
        .expect(404)
        .has(&["Nicht gefunden", "Anfragenummer"]);
    let id = response.header("x-request-id").unwrap().to_owned();
    response.has(&[&id]);
    let english = server
        .client()
        .with_header("Accept-Language", "en")
        .get("/nope")
        .await;
    english.expect(404).has(&["Not found", "Request number"]);
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let server = Server::demo().await;
    let mut client = server.client();
    let body = vec![b'a'; 17 * 1024 * 1024];
    client
        .post_body("/anmelden", "application/x-www-form-urlencoded", &body)
        .await
        .expect(413)
        .has(&["Zu groß"]);
}

#[tokio::test]
async fn a_lost_database_answers_503_with_a_retry_hint() {
    let server = Server::demo().await;
    let mut client = server.login(FLOEHA).await;
    server.store.close().await;
    let response = client.get("/").await;
    response
        .expect(503)
        .has(&["Vorübergehend nicht verfügbar", "Anfragenummer"]);
    assert_eq!(response.header("retry-after"), Some("30"));
}

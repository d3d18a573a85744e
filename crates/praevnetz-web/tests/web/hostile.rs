//! Hostile input to every form and every page: script tags, SQL fragments, over-long strings,
//! wrong types and control characters, sent as an administrator (who reaches every form) to
//! every route of the role-by-route matrix. No answer may be a server error, and nothing sent
//! may come back unescaped.

use std::collections::BTreeSet;

use crate::access::all_cases;
use crate::harness::{ADMIN, Server};

/// What every field and parameter gets, one value per round.
fn hostile_values() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".to_owned(),
        "'; drop table person; --".to_owned(),
        "x".repeat(10_000),
        "-1".to_owned(),
        "99999999999999999999999".to_owned(),
        "abc".to_owned(),
        "1\u{0}2\u{1b}[31m".to_owned(),
        "\" onmouseover=\"alert(2)".to_owned(),
    ]
}

/// Query parameters the pages read.
const PARAMETERS: &[&str] = &[
    "q",
    "kreis",
    "region",
    "gemeinde",
    "kommune",
    "kategorie",
    "status",
    "seite",
    "ebene",
    "baustein",
    "art",
    "saeule",
    "akteur",
    "organisation",
    "weiter",
    "von",
    "zu",
    "q1",
    "q2",
    "suche",
];

/// Fields of small forms (ending, deleting, logging in) that are not on a page of their own.
const EXTRA_FIELDS: &[&str] = &["weiter", "until", "since", "lang", "email", "password"];

/// The names of the fields of the forms on `page` that post to `action`.
fn field_names(page: &str, action: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let marker = format!("action=\"{action}\"");
    let mut rest = page;
    while let Some(start) = rest.find(&marker) {
        let form = &rest[start..];
        let end = form.find("</form>").unwrap_or(form.len());
        let mut fields = &form[..end];
        while let Some(at) = fields.find("name=\"") {
            let value = &fields[at + 6..];
            if let Some(close) = value.find('"') {
                names.insert(value[..close].to_owned());
            }
            fields = &value[1..];
        }
        rest = &form[end..];
    }
    names.remove("csrf");
    names
}

/// Whether a sent value comes back as markup.
fn unescaped(body: &str) -> bool {
    body.contains("<script>alert(1)</script>") || body.contains("\" onmouseover=\"alert(2)")
}

#[tokio::test]
async fn hostile_query_parameters_never_cause_a_server_error_on_any_page() {
    let server = Server::demo().await;
    let cases = all_cases(&server).await;
    let mut admin = server.login(ADMIN).await;
    let mut paths: BTreeSet<String> = BTreeSet::new();
    for case in cases.iter().filter(|c| c.method == "GET") {
        paths.insert(case.path.split('?').next().unwrap_or("").to_owned());
    }
    for path in paths {
        for value in hostile_values() {
            let query: String = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(PARAMETERS.iter().map(|p| (*p, value.as_str())))
                .finish();
            let response = admin.get(&format!("{path}?{query}")).await;
            assert!(
                response.status < 500 && response.status != 0,
                "GET {path} with {:.40}: {}\n{}",
                value,
                response.status,
                response.body
            );
            assert!(!unescaped(&response.body), "GET {path}: unescaped input");
        }
    }
}

#[tokio::test]
async fn hostile_form_values_never_cause_a_server_error_in_any_form() {
    let template = Server::demo().await;
    let cases = all_cases(&template).await;
    let mut seen = BTreeSet::new();
    let mut forms_read = 0;
    for case in cases.iter().filter(|c| c.method == "POST") {
        if !seen.insert(case.pattern) {
            continue;
        }
        // A fresh copy per form: deleting forms must not take objects from the next ones.
        let server = Server::demo().await;
        let mut admin = server.login(ADMIN).await;
        // The form's own fields, read from the page that shows it, plus the case's.
        let mut names: BTreeSet<String> = case.form.iter().map(|(k, _)| k.clone()).collect();
        let page = admin.get(&case.path).await;
        if page.status == 200 {
            names.extend(field_names(&page.body, &case.path));
        }
        let detail = case.path.rsplit_once('/').map_or("/", |(head, _)| head);
        let page = admin.get(detail).await;
        if page.status == 200 {
            names.extend(field_names(&page.body, &case.path));
        }
        // Forms to create and edit must have been found on their pages.
        if case.path.ends_with("/neu") || case.path.ends_with("/bearbeiten") {
            assert!(names.len() >= 3, "{}: fields {names:?}", case.path);
            forms_read += 1;
        }
        names.extend(EXTRA_FIELDS.iter().map(|n| (*n).to_owned()));
        for value in hostile_values() {
            if case.path == "/abmelden" || case.path == "/anmelden" {
                admin = server.login(ADMIN).await;
            }
            let fields: Vec<(&str, &str)> =
                names.iter().map(|n| (n.as_str(), value.as_str())).collect();
            let response = admin.post(&case.path, &fields).await;
            assert!(
                response.status < 500 && response.status != 0,
                "POST {} with {:?} = {:.40}: {}\n{}",
                case.path,
                names,
                value,
                response.status,
                response.body
            );
            assert!(
                !unescaped(&response.body),
                "POST {}: unescaped input\n{}",
                case.path,
                response.body
            );
            if response.status == 303 && case.path != "/anmelden" && case.path != "/sprache" {
                // Saved despite everything: it must have been a value the form accepts (a
                // name may be any text); the saved page must show it escaped.
                let location = response.location().to_owned();
                if location.starts_with('/') {
                    let shown = admin.get(&location).await;
                    assert!(
                        shown.status < 500,
                        "GET {location} after POST {}",
                        case.path
                    );
                    assert!(!unescaped(&shown.body), "GET {location}: unescaped input");
                }
            }
        }
    }
    assert!(
        forms_read >= 8,
        "only {forms_read} create and edit forms read"
    );
}

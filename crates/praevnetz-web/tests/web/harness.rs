//! Starting the real app on a free port, and a small HTTP client that keeps cookies and form
//! tokens like a browser, without an HTTP client library.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::time::SystemClock;
use praevnetz_store::{DatabaseUrl, ImportOptions, NoProgress, Open, Store};
use praevnetz_web::{App, AppState, ServerSettings, WebSettings};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::OnceCell;

/// The demo logins by role, as the README lists them.
pub const ADMIN: &str = "admin@demo.invalid";
pub const COORDINATOR: &str = "koordination@demo.invalid";
pub const FLOEHA: &str = "floeha@demo.invalid";
pub const POLICE: &str = "polizei@demo.invalid";
pub const GUEST: &str = "gast@demo.invalid";
pub const PASSWORD: &str = "praevnetz-demo";

/// An answer.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// Header lines, lower-cased (for `contains` checks).
    pub headers: String,
    /// Header lines as sent.
    raw_headers: String,
    pub body: String,
}

impl Response {
    /// The value of header `name` (lower-case), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.raw_headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    /// Where a redirect points.
    pub fn location(&self) -> &str {
        self.header("location").unwrap_or("")
    }

    /// The form token of the page (the first hidden `csrf` field).
    pub fn csrf(&self) -> Option<String> {
        let start = self.body.find("name=\"csrf\" value=\"")? + 19;
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned())
    }

    /// Asserts the status, showing the page when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Response {
        assert_eq!(
            self.status, status,
            "expected {status}, got {}\n{}\n{}",
            self.status, self.headers, self.body
        );
        self
    }

    /// Asserts that the body contains every text.
    #[track_caller]
    pub fn has(&self, texts: &[&str]) -> &Response {
        for text in texts {
            assert!(
                self.body.contains(text),
                "missing {text:?} in\n{}",
                self.body
            );
        }
        self
    }

    /// Asserts that the body contains none of the texts.
    #[track_caller]
    pub fn lacks(&self, texts: &[&str]) -> &Response {
        for text in texts {
            assert!(
                !self.body.contains(text),
                "unexpected {text:?} in\n{}",
                self.body
            );
        }
        self
    }
}

/// A raw HTTP/1.1 request.
pub async fn request(addr: SocketAddr, head: &str, body: &[u8]) -> Response {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    // The server may answer (413) and close before it has read a large body.
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw).await;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = head.to_lowercase();
    let body = if headers.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Response {
        status,
        headers,
        raw_headers: head.to_owned(),
        body,
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// A GET without cookies.
pub async fn get(addr: SocketAddr, path: &str) -> Response {
    request(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        b"",
    )
    .await
}

/// The app on a free port with `store`.
pub async fn spawn(store: Store) -> SocketAddr {
    spawn_with(store, WebSettings::default()).await
}

/// The app on a free port with `store` and `settings`.
pub async fn spawn_with(store: Store, settings: WebSettings) -> SocketAddr {
    let app = App::build(
        &ServerSettings {
            bind: "127.0.0.1:0".parse().unwrap(),
        },
        AppState::new(store, Arc::new(SystemClock), settings),
    )
    .await
    .unwrap();
    let addr = app.local_addr().unwrap();
    tokio::spawn(app.run(std::future::pending()));
    addr
}

/// A running server with its store and database file.
pub struct Server {
    pub addr: SocketAddr,
    pub store: Store,
    _dir: tempfile::TempDir,
}

/// The demo database, made once per test run and copied for each test.
static DEMO: OnceCell<PathBuf> = OnceCell::const_new();

async fn demo_template() -> PathBuf {
    DEMO.get_or_init(|| async {
        // A thread of its own: the store's pool must live in one runtime from start to close.
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Runtime::new().unwrap();
            runtime.block_on(async {
                let dir = tempfile::tempdir().unwrap().keep();
                let path = dir.join("demo.db");
                let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
                let store = Store::open(&url, Open::CreateIfMissing).await.unwrap();
                let ctx = ChangeContext::cli(jiff::Timestamp::now());
                let batch = praevnetz_domain::demo::demo_batch().unwrap();
                store
                    .import(&ctx, &batch, &NoProgress, &ImportOptions::default())
                    .await
                    .unwrap();
                praevnetz_web::demo::create_demo_logins(&store, &ctx)
                    .await
                    .unwrap();
                store.close().await;
                path
            })
        })
        .join()
        .unwrap()
    })
    .await
    .clone()
}

impl Server {
    /// A server on a copy of the demo database with its demo logins.
    pub async fn demo() -> Server {
        Server::demo_with(WebSettings::default()).await
    }

    /// [`Server::demo`] with other settings.
    pub async fn demo_with(settings: WebSettings) -> Server {
        let template = demo_template().await;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("web.db");
        std::fs::copy(&template, &path).unwrap();
        Server::open(dir, &path, settings).await
    }

    /// A server on an empty database.
    pub async fn empty() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("web.db");
        Server::open(dir, &path, WebSettings::default()).await
    }

    /// A server on the demo in a PostgreSQL schema of its own, when
    /// `PRAEVNETZ_TEST_POSTGRES_URL` names a server; drop the schema afterwards with
    /// [`PgSchema::drop`].
    pub async fn demo_postgres() -> Option<(Server, PgSchema)> {
        let url = std::env::var("PRAEVNETZ_TEST_POSTGRES_URL").ok()?;
        let name = format!(
            "web_demo_{}_{}",
            std::process::id(),
            jiff::Timestamp::now().as_nanosecond() % 1_000_000_000
        );
        let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&url)
            .await
            .unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("create schema {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
        let separator = if url.contains('?') { '&' } else { '?' };
        let scoped = format!("{url}{separator}options[search_path]={name}");
        let store = Store::open(&DatabaseUrl::parse(&scoped).unwrap(), Open::CreateIfMissing)
            .await
            .unwrap();
        let ctx = ChangeContext::cli(jiff::Timestamp::now());
        let batch = praevnetz_domain::demo::demo_batch().unwrap();
        store
            .import(&ctx, &batch, &NoProgress, &ImportOptions::default())
            .await
            .unwrap();
        praevnetz_web::demo::create_demo_logins(&store, &ctx)
            .await
            .unwrap();
        let addr = spawn(store.clone()).await;
        let server = Server {
            addr,
            store,
            _dir: tempfile::tempdir().unwrap(),
        };
        Some((server, PgSchema { url, name }))
    }

    async fn open(dir: tempfile::TempDir, path: &std::path::Path, settings: WebSettings) -> Server {
        let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap();
        let store = Store::open(&url, Open::CreateIfMissing).await.unwrap();
        let addr = spawn_with(store.clone(), settings).await;
        Server {
            addr,
            store,
            _dir: dir,
        }
    }

    /// A client without cookies.
    pub fn client(&self) -> Client {
        Client {
            addr: self.addr,
            cookies: HashMap::new(),
            headers: Vec::new(),
        }
    }

    /// A client logged in as `email` with the demo password.
    pub async fn login(&self, email: &str) -> Client {
        let mut client = self.client();
        client.login(email, PASSWORD).await.expect(303);
        client
    }
}

/// A PostgreSQL schema made for one test.
pub struct PgSchema {
    url: String,
    name: String,
}

impl PgSchema {
    /// Drops the schema with everything in it.
    pub async fn drop(self, server: Server) {
        server.store.close().await;
        let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&self.url)
            .await
            .unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "drop schema {} cascade",
            self.name
        )))
        .execute(&mut admin)
        .await
        .unwrap();
    }
}

/// A browser-like client: keeps cookies, sends form tokens.
pub struct Client {
    addr: SocketAddr,
    cookies: HashMap<String, String>,
    headers: Vec<(String, String)>,
}

impl Client {
    /// Sends `name: value` with every request.
    pub fn with_header(mut self, name: &str, value: &str) -> Client {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The value of a cookie the server set.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    fn head(&self, method: &str, path: &str, extra: &str) -> String {
        let host = self
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("host"))
            .map_or("localhost", |(_, value)| value.as_str());
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        if !self.cookies.is_empty() {
            let cookies: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            head.push_str("Cookie: ");
            head.push_str(&cookies.join("; "));
            head.push_str("\r\n");
        }
        for (name, value) in self
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
        {
            head.push_str(name);
            head.push_str(": ");
            head.push_str(value);
            head.push_str("\r\n");
        }
        head.push_str(extra);
        head.push_str("\r\n");
        head
    }

    fn keep_cookies(&mut self, response: &Response) {
        for line in response.headers.lines() {
            let Some(value) = line.strip_prefix("set-cookie:") else {
                continue;
            };
            let pair = value.trim().split(';').next().unwrap_or("");
            if let Some((name, value)) = pair.split_once('=') {
                let expired = line.contains("max-age=0");
                if value.is_empty() || expired {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    }

    /// A GET.
    pub async fn get(&mut self, path: &str) -> Response {
        let head = self.head("GET", path, "");
        let response = request(self.addr, &head, b"").await;
        self.keep_cookies(&response);
        response
    }

    /// A form POST exactly as given (no token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.post_body(path, "application/x-www-form-urlencoded", body.as_bytes())
            .await
    }

    /// A POST with any body.
    pub async fn post_body(&mut self, path: &str, content_type: &str, body: &[u8]) -> Response {
        let extra = format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        );
        let head = self.head("POST", path, &extra);
        let response = request(self.addr, &head, body).await;
        self.keep_cookies(&response);
        response
    }

    /// The token forms must carry now: read from a page as a browser would.
    pub async fn csrf(&mut self) -> String {
        let page = self.get("/ueber").await;
        page.csrf().expect("a page with a form token")
    }

    /// A form POST with the current form token.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf().await;
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// Logs in through the form.
    pub async fn login(&mut self, email: &str, password: &str) -> Response {
        self.post(
            "/anmelden",
            &[("email", email), ("password", password), ("weiter", "/")],
        )
        .await
    }
}

/// The roles of the role-by-route matrix, in the order of [`Case::expect`]: not logged in,
/// then the demo logins.
pub const ROLES: [Option<&str>; 6] = [
    None,
    Some(ADMIN),
    Some(COORDINATOR),
    Some(FLOEHA),
    Some(POLICE),
    Some(GUEST),
];

/// What a role gets from a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// `GET`: 200. `POST`: done or shown again with errors (303, 200 or 422), never refused.
    Ok,
    /// Sent to the login page (`GET` 303 to /anmelden) or told the session ended (`POST` 403).
    Login,
    /// 403.
    Forbidden,
    /// 404: the object does not exist for this user.
    NotFound,
    /// 303 somewhere else than the login (a logged-in user asking for the login page).
    Elsewhere,
}

/// One row of the role-by-route matrix: a concrete request to a route of the table, and the
/// answer each role in [`ROLES`] must get.
#[derive(Clone, Debug)]
pub struct Case {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The route pattern as in `praevnetz_web::route_table()`.
    pub pattern: &'static str,
    /// The concrete path.
    pub path: String,
    /// Form fields of a `POST` (the token is added).
    pub form: Vec<(String, String)>,
    /// Per role, in the order of [`ROLES`].
    pub expect: [Expect; 6],
    /// Texts that must appear for roles with [`Expect::Ok`] on a `GET` (and never for others).
    pub shows: Vec<String>,
}

impl Case {
    /// A `GET` case.
    pub fn get(pattern: &'static str, path: impl Into<String>, expect: [Expect; 6]) -> Case {
        Case {
            method: "GET",
            pattern,
            path: path.into(),
            form: Vec::new(),
            expect,
            shows: Vec::new(),
        }
    }

    /// A `POST` case.
    pub fn post(
        pattern: &'static str,
        path: impl Into<String>,
        form: &[(&str, &str)],
        expect: [Expect; 6],
    ) -> Case {
        Case {
            method: "POST",
            pattern,
            path: path.into(),
            form: form
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            expect,
            shows: Vec::new(),
        }
    }

    /// Texts that readers must see.
    pub fn showing(mut self, texts: &[&str]) -> Case {
        self.shows = texts.iter().map(|t| (*t).to_owned()).collect();
        self
    }

    /// Checks one role's answer.
    #[track_caller]
    pub fn check(&self, role: usize, response: &Response) {
        let who = ROLES[role].unwrap_or("anonymous");
        let expect = self.expect[role];
        let ok = match (expect, self.method) {
            (Expect::Ok, "GET") => response.status == 200,
            (Expect::Ok, _) => matches!(response.status, 200 | 303 | 422),
            (Expect::Login, "GET") => {
                response.status == 303 && response.location().starts_with("/anmelden")
            }
            (Expect::Login | Expect::Forbidden, _) => response.status == 403,
            (Expect::NotFound, _) => response.status == 404,
            (Expect::Elsewhere, _) => {
                response.status == 303 && !response.location().starts_with("/anmelden")
            }
        };
        assert!(
            ok,
            "{} {} as {who}: expected {expect:?}, got {}\n{}",
            self.method, self.path, response.status, response.body
        );
        if self.method == "GET" {
            for text in &self.shows {
                assert_eq!(
                    response.body.contains(text.as_str()),
                    expect == Expect::Ok,
                    "{} as {who}: {text:?} shown: {}",
                    self.path,
                    response.body.contains(text.as_str())
                );
            }
        }
    }
}

/// Shorthands for matrix rows.
pub mod expect {
    use super::Expect::{self, Forbidden, Login, NotFound, Ok};

    /// Every logged-in user may.
    pub const ALL_USERS: [Expect; 6] = [Login, Ok, Ok, Ok, Ok, Ok];
    /// Anybody, logged in or not.
    pub const PUBLIC: [Expect; 6] = [Ok, Ok, Ok, Ok, Ok, Ok];
    /// Administrators only.
    pub const ADMIN_ONLY: [Expect; 6] = [Login, Ok, Forbidden, Forbidden, Forbidden, Forbidden];
    /// Something in Flöha (municipality 14522140, district Mittelsachsen, region Chemnitz ·
    /// Erzgebirge · Mittelsachsen): who may change it.
    pub const EDIT_FLOEHA: [Expect; 6] = [Login, Ok, Ok, Ok, Ok, Forbidden];
    /// Something outside the guest's region (Leipzig): who may read it.
    pub const READ_OUTSIDE_REGION: [Expect; 6] = [Login, Ok, Ok, Ok, Ok, NotFound];
    /// Something outside the region: who may change it.
    pub const EDIT_OUTSIDE_REGION: [Expect; 6] =
        [Login, Ok, Forbidden, Forbidden, Forbidden, NotFound];
}

/// Runs every case as every role. Requests that may change data run on a fresh copy of the
/// demo each, so that one role's deletion does not change another's answer.
pub async fn run_matrix(cases: &[Case]) {
    let shared = Server::demo().await;
    let mut clients = Vec::new();
    for role in ROLES {
        clients.push(match role {
            Some(email) => shared.login(email).await,
            None => shared.client(),
        });
    }
    for case in cases {
        for (role, email) in ROLES.iter().enumerate() {
            let response = if case.method == "GET" {
                clients[role].get(&case.path).await
            } else {
                let form: Vec<(&str, &str)> = case
                    .form
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                if case.expect[role] == Expect::Ok {
                    let fresh = Server::demo().await;
                    let mut client = match email {
                        Some(email) => fresh.login(email).await,
                        None => fresh.client(),
                    };
                    client.post(&case.path, &form).await
                } else {
                    clients[role].post(&case.path, &form).await
                }
            };
            case.check(role, &response);
        }
    }
}

//! Starting chromedriver and a headless Chromium, and the checks run in it.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::harness::{PASSWORD, Server};

fn in_ci() -> bool {
    matches!(std::env::var("CI").as_deref(), Ok("true" | "1"))
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where screenshots go.
pub fn screenshot_dir() -> PathBuf {
    let dir = workspace_root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn find(env: &str, candidates: &[PathBuf]) -> Option<PathBuf> {
    if let Ok(path) = std::env::var(env) {
        return Some(PathBuf::from(path));
    }
    candidates.iter().find(|p| p.exists()).cloned()
}

/// A browser session against a server.
pub struct Browser {
    pub client: Client,
    driver: Child,
    axe: String,
    pub base: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // The driver and the browser it started share a process group of their own; ending the
        // group leaves no browser behind when a test fails before `close`.
        // `--` first: procps' kill reads a bare negative number after the signal as an option
        // and then ends every process of the user.
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--"])
            .arg(format!("-{}", self.driver.id()))
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    /// A browser for `server`, or `None` (after saying so) when the tools are missing outside CI.
    pub async fn start(server: &Server) -> Option<Browser> {
        let driver_path = find(
            "PRAEVNETZ_CHROMEDRIVER",
            &[PathBuf::from("/usr/bin/chromedriver")],
        );
        let chromium = find("PRAEVNETZ_CHROMIUM", &[PathBuf::from("/usr/bin/chromium")]);
        let axe = find(
            "PRAEVNETZ_AXE",
            &[workspace_root().join("target/browser-tools/node_modules/axe-core/axe.min.js")],
        );
        let (Some(driver_path), Some(chromium), Some(axe)) = (driver_path, chromium, axe) else {
            let message = "browser tests: chromium, chromedriver or axe-core missing (scripts/test installs them)";
            assert!(!in_ci(), "{message}");
            eprintln!("SKIPPED {message}");
            return None;
        };
        let axe = std::fs::read_to_string(&axe).unwrap();
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
                    format!("--user-data-dir={}", profile.path().display()),
                    "--lang=de-DE",
                ],
                "prefs": {"intl.accept_languages": "de-DE,de"}
            }
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut client = None;
        for _ in 0..50 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        let client = client.expect("chromedriver did not start a browser");
        Some(Browser {
            client,
            driver,
            axe,
            base: format!("http://{}", server.addr),
            _profile: profile,
        })
    }

    /// Opens a path of the server.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// The current path with query.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The page's visible text (read again if the page was being replaced).
    pub async fn text(&self) -> String {
        for _ in 0..20 {
            if let Ok(body) = self.client.find(Locator::Css("body")).await
                && let Ok(text) = body.text().await
            {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the page has no readable body");
    }

    /// Waits until an element matching `css` is on the page.
    pub async fn wait_for(&self, css: &str) {
        for _ in 0..50 {
            if self.client.find(Locator::Css(css)).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no {css} on {}", self.path().await);
    }

    /// Logs in through the form as a user would.
    pub async fn login(&self, email: &str) {
        self.open("/anmelden").await;
        self.fill("email", email).await;
        self.fill("password", PASSWORD).await;
        self.client
            .find(Locator::Css("form[action='/anmelden'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.wait_for_path_not("/anmelden").await;
    }

    /// Logs out with the button in the header.
    pub async fn logout(&self) {
        self.client
            .find(Locator::Css("form[action='/abmelden'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.wait_for_path("/anmelden").await;
    }

    /// Types into the field with this id.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.client.find(Locator::Id(id)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Clicks the element.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// Waits until the path starts with `prefix`.
    pub async fn wait_for_path(&self, prefix: &str) {
        for _ in 0..50 {
            if self.path().await.starts_with(prefix) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("still at {} instead of {prefix}", self.path().await);
    }

    pub async fn wait_for_path_not(&self, prefix: &str) {
        for _ in 0..50 {
            if !self.path().await.starts_with(prefix) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("still at {}: {}", self.path().await, self.text().await);
    }

    /// Scrolls the element matching `css` to the top of the window.
    pub async fn scroll_to(&self, css: &str) {
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView()",
                vec![Value::String(css.to_owned())],
            )
            .await
            .unwrap();
    }

    /// Saves a screenshot as `target/screenshots/{name}.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
    }

    /// Runs axe-core on the page; returns the serious and critical violations.
    pub async fn axe_violations(&self) -> Vec<String> {
        self.client.execute(&self.axe, vec![]).await.unwrap();
        let script = r"
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
              .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), targets: [] }]));
        ";
        let result = self.client.execute_async(script, vec![]).await.unwrap();
        result
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| {
                format!(
                    "{} ({}): {} at {}",
                    v["id"], v["impact"], v["help"], v["targets"]
                )
            })
            .collect()
    }

    /// Opens `path`, checks it with axe-core and keeps a screenshot named `name`.
    pub async fn check_page(&self, path: &str, name: &str) {
        self.open(path).await;
        self.check_here(name).await;
    }

    /// Checks the page the browser is on with axe-core and keeps a screenshot named `name`.
    pub async fn check_here(&self, name: &str) {
        let violations = self.axe_violations().await;
        self.screenshot(name).await;
        assert!(
            violations.is_empty(),
            "{}: serious or critical accessibility violations:\n{}",
            self.path().await,
            violations.join("\n")
        );
    }

    /// The visible text of the first element matching `css` (read again if the page was being
    /// replaced).
    pub async fn text_of(&self, css: &str) -> String {
        for _ in 0..50 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
            {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no {css} on {}", self.path().await);
    }

    /// Waits until the page's text contains `text`; returns the text.
    pub async fn wait_for_text(&self, text: &str) -> String {
        let mut body = String::new();
        for _ in 0..50 {
            body = self.text().await;
            if body.contains(text) {
                return body;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no {text:?} on {}:\n{body}", self.path().await);
    }

    /// Ends the browser session.
    pub async fn close(self) {
        let Browser { client, .. } = &self;
        let _ = client.clone().close().await;
    }
}

//! init, stats, database URLs, configuration, serve.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use crate::util::Dir;

#[test]
fn init_creates_the_database_and_running_it_twice_changes_nothing() {
    let dir = Dir::new();
    let first = dir.run(&["init", "--format", "json"]).ok().json();
    assert_eq!(first["backend"], "sqlite");
    assert!(dir.path("praevnetz.db").exists());
    let stats = dir.stats();
    let second = dir.run(&["init", "--format", "json"]).ok().json();
    assert_eq!(first["schema_version"], second["schema_version"]);
    assert_eq!(dir.stats(), stats);
    assert_eq!(stats["districts"], 0);
    assert_eq!(stats["problem_categories"], 21);
    dir.run(&["init"])
        .ok()
        .stdout_has(&["Datenbank bereit", "Schemaversion"]);
}

#[test]
fn stats_reports_every_kind_in_text_and_json() {
    let dir = Dir::new();
    dir.run(&["init"]).ok();
    let json = dir.stats();
    for key in [
        "districts",
        "municipalities",
        "organisations",
        "persons",
        "memberships",
        "ties",
        "problems",
        "practices",
        "meetings",
        "topics",
        "users",
    ] {
        assert!(json[key].is_i64(), "{key} missing in {json}");
    }
    dir.run(&["stats"])
        .ok()
        .stdout_has(&["Gemeinde", "Beziehung", "Problemkategorie"]);
    dir.run_in(&dir.database, "en", &["stats"])
        .ok()
        .stdout_has(&["municipality", "tie"]);
}

#[test]
fn stats_on_a_missing_database_says_so_and_creates_nothing() {
    let dir = Dir::new();
    dir.run(&["stats"]).code(2).stderr_has(&[
        "Fehler:",
        "gibt es keine Datenbank",
        "praevnetz init",
    ]);
    assert!(!dir.path("praevnetz.db").exists());
}

#[test]
fn an_unknown_url_scheme_is_refused_without_creating_anything() {
    let dir = Dir::new();
    dir.run_in("mysql://root:geheim@localhost/praevnetz", "de", &["init"])
        .code(2)
        .stderr_has(&[
            "wird nicht unterstützt",
            "sqlite://",
            "postgres://",
            "mysql://root:***@",
        ]);
    dir.run_in("praevnetz.db", "en", &["init"])
        .code(2)
        .stderr_has(&["unsupported database URL \"praevnetz.db\""]);
    assert_eq!(std::fs::read_dir(dir.dir.path()).unwrap().count(), 0);
}

#[test]
fn an_unreachable_server_gives_a_clear_message() {
    let dir = Dir::new();
    let run = dir
        .run_in("postgres://postgres:geheim@127.0.0.1:9/test", "en", &["stats"])
        .code(1)
        .stderr_has(&["error: cannot connect to the postgres database at postgres://postgres:***@127.0.0.1:9/test"]);
    assert!(!run.stderr.contains("geheim"));
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn without_a_url_the_database_is_praevnetz_db_in_the_working_directory() {
    let dir = Dir::new();
    let status = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
        .current_dir(dir.dir.path())
        .env_remove("PRAEVNETZ_DATABASE_URL")
        .env_remove("PRAEVNETZ_CONFIG")
        .arg("init")
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(dir.path("praevnetz.db").exists());
    // The environment variable comes next.
    let other = dir.path("other.db");
    let status = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
        .current_dir(dir.dir.path())
        .env(
            "PRAEVNETZ_DATABASE_URL",
            format!("sqlite://{}", other.display()),
        )
        .env_remove("PRAEVNETZ_CONFIG")
        .arg("init")
        .output()
        .unwrap();
    assert!(status.status.success());
    assert!(other.exists());
}

#[test]
fn the_configuration_file_is_used_and_unknown_keys_are_refused() {
    let dir = Dir::new();
    let db = dir.path("from-config.db");
    let config = dir.write(
        "praevnetz.toml",
        format!("database = \"sqlite://{}\"\nlang = \"en\"\n", db.display()).as_bytes(),
    );
    let output = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
        .current_dir(dir.dir.path())
        .env_remove("PRAEVNETZ_DATABASE_URL")
        .env_remove("PRAEVNETZ_LANG")
        .arg("--config")
        .arg(&config)
        .arg("init")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(db.exists());
    assert!(String::from_utf8_lossy(&output.stdout).contains("database ready"));

    let typo = dir.write("typo.toml", b"databse = \"sqlite://x.db\"\n");
    let output = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
        .current_dir(dir.dir.path())
        .env_remove("PRAEVNETZ_DATABASE_URL")
        .arg("--config")
        .arg(&typo)
        .arg("init")
        .output()
        .unwrap();
    // A broken configuration is the user's to fix: exit code 2, message from the catalogue.
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("typo.toml") && stderr.contains("databse"),
        "{stderr}"
    );

    let language = dir.write("lang.toml", b"lang = \"fr\"\n");
    let output = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
        .current_dir(dir.dir.path())
        .env_remove("PRAEVNETZ_DATABASE_URL")
        .env_remove("PRAEVNETZ_LANG")
        .env("LANG", "de_DE.UTF-8")
        .arg("--config")
        .arg(&language)
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Die Sprache „fr“"), "{stderr}");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let dir = Dir::new();
    dir.run_in(&dir.database, "fr", &["init"]).code(2);
    assert!(!dir.path("praevnetz.db").exists());
}

#[test]
fn an_address_in_use_is_reported_in_the_users_language() {
    let dir = Dir::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    dir.run(&["serve", "--bind", &addr]).code(1).stderr_has(&[
        "kann nicht belegt werden",
        &addr,
        "--bind",
    ]);
}

#[test]
fn serve_answers_health_checks_and_stops_on_a_signal() {
    let dir = Dir::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
        .current_dir(dir.dir.path())
        .env("PRAEVNETZ_LANG", "en")
        .args([
            "--database",
            &dir.database,
            "serve",
            "--bind",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let line = lines.next().unwrap().unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"backend\":\"sqlite\""), "{response}");
    // SIGTERM, as service managers stop programs: a graceful shutdown with exit code 0.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
}

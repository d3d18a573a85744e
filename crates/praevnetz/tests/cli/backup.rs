//! Backups while the database is in use, and restoring them after checks.

use std::process::{Command, Stdio};

use crate::util::{Dir, PgSchema};

#[test]
fn a_backup_written_while_the_server_runs_restores_the_same_data() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    let before = dir.stats();
    // The server holds the database open while the backup is written.
    let mut server = Command::new(env!("CARGO_BIN_EXE_praevnetz"))
        .args([
            "--database",
            &dir.database,
            "serve",
            "--bind",
            "127.0.0.1:0",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let file = dir.path("sicherung.db");
    dir.run(&["backup", file.to_str().unwrap(), "--format", "json"])
        .ok();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(file.exists());
    assert!(!dir.path("sicherung.partial").exists());

    // Restored into another database, the data are the same.
    let other = Dir::new();
    other
        .run(&["restore", file.to_str().unwrap()])
        .ok()
        .stdout_has(&["Wiederhergestellt", "418 Gemeinden"]);
    let restored = other.stats();
    let n = |s: &serde_json::Value, k: &str| s[k].as_i64().unwrap();
    for key in [
        "municipalities",
        "organisations",
        "persons",
        "ties",
        "problems",
        "meetings",
    ] {
        assert_eq!(n(&restored, key), n(&before, key), "{key}");
    }
    // The restore is in the audit log, after the backup's own history.
    assert_eq!(n(&restored, "audit_events"), n(&before, "audit_events") + 1);

    // Restoring over existing data replaces them.
    dir.run(&["demo", "--force", "--synthetic", "300", "--seed", "2"])
        .ok();
    assert_eq!(dir.stats()["persons"], 300);
    let history = dir.stats()["audit_events"].as_i64().unwrap();
    dir.run(&["restore", file.to_str().unwrap()]).ok();
    let restored = dir.stats();
    assert_eq!(restored["persons"], before["persons"]);
    // A database with its own history keeps it whole and appends the restore.
    assert_eq!(restored["audit_events"].as_i64().unwrap(), history + 1);
}

#[test]
fn a_backup_does_not_overwrite_a_file_unless_forced() {
    let dir = Dir::new();
    dir.run(&["init"]).ok();
    let file = dir.write("vorhanden.db", b"wichtig");
    dir.run(&["backup", file.to_str().unwrap()])
        .code(2)
        .stderr_has(&["gibt es schon", "--force"]);
    assert_eq!(std::fs::read(&file).unwrap(), b"wichtig");
    dir.run(&["backup", file.to_str().unwrap(), "--force"]).ok();
    assert_ne!(std::fs::read(&file).unwrap(), b"wichtig");
    dir.run(&[
        "backup",
        dir.path("praevnetz.db").to_str().unwrap(),
        "--force",
    ])
    .code(2)
    .stderr_has(&["ist die Datenbank selbst"]);
}

#[test]
fn a_file_that_is_no_praevnetz_backup_is_refused_and_nothing_changes() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    let before = dir.stats();
    let text = dir.write("notizen.txt", b"keine Datenbank");
    dir.run(&["restore", text.to_str().unwrap()])
        .code(2)
        .stderr_has(&["keine SQLite-Datenbank"]);
    // A SQLite database of some other program.
    let foreign = dir.path("fremd.db");
    let status = Command::new("sqlite3")
        .arg(&foreign)
        .arg("create table t (x integer); insert into t values (1);")
        .status();
    if status.is_ok_and(|s| s.success()) {
        dir.run(&["restore", foreign.to_str().unwrap()])
            .code(2)
            .stderr_has(&["keine praevnetz-Datenbank"]);
    }
    dir.run(&["restore", dir.path("fehlt.db").to_str().unwrap()])
        .code(2)
        .stderr_has(&["gibt es nicht"]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn postgresql_backups_point_to_pg_dump_instead_of_pretending() {
    let Some(pg) = PgSchema::new("backup") else {
        return;
    };
    let dir = Dir::new();
    dir.run_in(&pg.url, "de", &["init"]).ok();
    let file = dir.path("pg.dump");
    dir.run_in(&pg.url, "de", &["backup", file.to_str().unwrap()])
        .code(2)
        .stderr_has(&["pg_dump --format=custom", "pg.dump"]);
    assert!(!file.exists());
    dir.run_in(&pg.url, "en", &["restore", file.to_str().unwrap()])
        .code(2)
        .stderr_has(&["pg_restore"]);
}

#[test]
fn a_backup_into_a_missing_directory_is_refused_and_other_files_stay() {
    let dir = Dir::new();
    dir.run(&["init"]).ok();
    let missing = dir.path("gibt/es/nicht/sicherung.db");
    dir.run(&["backup", missing.to_str().unwrap()])
        .code(2)
        .stderr_has(&["Verzeichnis", "gibt es nicht"]);
    // Files beside the target that look like leftovers are not the backup's to remove.
    let neighbour = dir.write("notizen.partial", b"meine Notizen");
    dir.run(&["backup", dir.path("notizen").to_str().unwrap()])
        .ok();
    assert_eq!(std::fs::read(&neighbour).unwrap(), b"meine Notizen");
    let leftovers: Vec<_> = std::fs::read_dir(dir.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".praevnetz-backup-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

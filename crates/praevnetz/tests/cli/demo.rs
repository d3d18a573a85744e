//! The demo data set, synthetic networks, and the import of the demo's own files.

use crate::util::{Dir, PgSchema, data};

fn assert_demo_counts(stats: &serde_json::Value) {
    let n = |key: &str| stats[key].as_i64().unwrap();
    assert_eq!(n("districts"), 13);
    assert_eq!(n("municipalities"), 418);
    assert_eq!(n("regions"), 5);
    assert!(n("organisations") >= 60, "{stats}");
    assert!(n("persons") >= 150, "{stats}");
    assert!(n("ties") >= 400, "{stats}");
    assert!(n("municipalities_with_problems") >= 15, "{stats}");
    assert!(n("meetings") >= 2, "{stats}");
    assert!(n("topics") >= 1, "{stats}");
    assert!(n("practices") >= 1, "{stats}");
    assert!(n("milestones") >= 8, "{stats}");
}

#[test]
fn the_demo_loads_the_real_territory_and_the_invented_network() {
    let dir = Dir::new();
    dir.run(&["demo"])
        .ok()
        .stdout_has(&["418 Gemeinden", "Demodaten geladen"]);
    assert_demo_counts(&dir.stats());
}

#[test]
fn the_demo_refuses_a_database_with_data_unless_forced() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    let before = dir.stats();
    dir.run(&["demo"])
        .code(2)
        .stderr_has(&["enthält bereits Daten", "418 Gemeinden", "--force"]);
    assert_eq!(dir.stats(), before);
    dir.run(&["demo", "--force"]).ok();
    let after = dir.stats();
    assert_demo_counts(&after);
    // The forced load replaced the data: the same counts; the audit log keeps the first load,
    // and records the reset and the second load.
    assert_eq!(after["persons"], before["persons"]);
    assert_eq!(
        after["audit_events"].as_i64().unwrap(),
        2 * before["audit_events"].as_i64().unwrap() + 1
    );
}

#[test]
fn the_demo_files_import_like_any_user_file() {
    let dir = Dir::new();
    let sachsen = data("sachsen");
    let demo = data("demo");
    dir.run(&["import", "directory", sachsen.to_str().unwrap()])
        .ok();
    dir.run(&["import", "directory", demo.to_str().unwrap(), "--dry-run"])
        .ok()
        .stdout_has(&["Probelauf"]);
    assert_eq!(dir.stats()["persons"], 0);
    dir.run(&["import", "directory", demo.to_str().unwrap()])
        .ok();
    let imported = dir.stats();
    assert_demo_counts(&imported);

    let other = Dir::new();
    other.run(&["demo"]).ok();
    let mut loaded = other.stats();
    // The demo command writes one batch, the two directory imports two, and the demo command
    // adds the five demo logins (one audit event each), which imports never create.
    assert_eq!(loaded["users"], 5);
    assert_eq!(imported["users"], 0);
    loaded["users"] = imported["users"].clone();
    loaded["audit_events"] = imported["audit_events"].clone();
    assert_eq!(imported, loaded);
}

#[test]
fn a_synthetic_network_is_the_same_for_the_same_seed() {
    let a = Dir::new();
    let b = Dir::new();
    let c = Dir::new();
    a.run(&["demo", "--synthetic", "600", "--seed", "5"]).ok();
    b.run(&["demo", "--synthetic", "600", "--seed", "5"]).ok();
    c.run(&["demo", "--synthetic", "600", "--seed", "6"]).ok();
    let (sa, sb, sc) = (a.stats(), b.stats(), c.stats());
    assert_eq!(sa, sb);
    assert_eq!(sa["persons"], 600);
    assert_eq!(sa["municipalities"], 418);
    assert_ne!(sa["ties"], sc["ties"]);
    let ties = sa["ties"].as_i64().unwrap();
    assert!(ties > 600 * 3, "{sa}");
}

#[test]
fn the_demo_loads_on_postgresql_too() {
    let Some(pg) = PgSchema::new("demo") else {
        return;
    };
    let dir = Dir::new();
    dir.run_in(&pg.url, "de", &["demo"]).ok();
    let stats = dir
        .run_in(&pg.url, "de", &["stats", "--format", "json"])
        .ok()
        .json();
    assert_demo_counts(&stats);
    dir.run_in(&pg.url, "de", &["demo"]).code(2);
    dir.run_in(&pg.url, "de", &["demo", "--force"]).ok();
    let again = dir
        .run_in(&pg.url, "de", &["stats", "--format", "json"])
        .ok()
        .json();
    assert_eq!(again["persons"], stats["persons"]);
}

#[test]
fn a_synthetic_network_size_outside_the_range_is_a_usage_error() {
    let dir = Dir::new();
    for n in ["0", "1000001", "18446744073709551615", "viele"] {
        dir.run(&["demo", "--synthetic", n]).code(2);
    }
    assert!(!dir.path("praevnetz.db").exists());
}

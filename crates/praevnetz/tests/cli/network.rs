//! `praevnetz analyze` of the stored network and `praevnetz export network`, on the demo.

use std::collections::HashMap;

use serde_json::Value;

use crate::util::{Dir, PgSchema};

fn demo() -> Dir {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    dir
}

fn analyze(dir: &Dir, args: &[&str]) -> Value {
    let mut all = vec!["analyze", "--format", "json"];
    all.extend_from_slice(args);
    dir.run(&all).ok().json()
}

/// A metric of every node by id (as text, so that stored ids and file ids compare).
fn by_id(report: &Value, metric: &str) -> HashMap<String, f64> {
    report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let id = match &n["id"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (id, n[metric].as_f64().unwrap_or(f64::NAN))
        })
        .collect()
}

#[test]
fn the_stored_network_is_analysed_by_scope_level_and_day() {
    let dir = demo();
    let persons = analyze(&dir, &["--at", "2026-06-01"]);
    let n = persons["graph"]["nodes"].as_u64().unwrap();
    assert!(n >= 150, "{}", persons["graph"]);
    let first = &persons["nodes"][0];
    assert!(
        first["id"].is_number() && first["name"].is_string(),
        "{first}"
    );
    assert!(
        first.get("pillar").is_some() && first.get("betweenness").is_some(),
        "{first}"
    );
    // Ties come and go: fewer of them years earlier.
    let earlier = analyze(&dir, &["--at", "2020-01-01", "--metrics", "degree"]);
    assert!(
        earlier["graph"]["edges"].as_u64() < persons["graph"]["edges"].as_u64(),
        "{} vs {}",
        earlier["graph"],
        persons["graph"]
    );
    // Organisation and municipality levels aggregate the person ties.
    let organisations = analyze(&dir, &["--at", "2026-06-01", "--level", "organisation"]);
    let orgs = organisations["graph"]["nodes"].as_u64().unwrap();
    assert!(orgs >= 60 && orgs < n, "{}", organisations["graph"]);
    let municipalities = analyze(
        &dir,
        &[
            "--at",
            "2026-06-01",
            "--level",
            "municipality",
            "--scope",
            "region:chemnitz-erzgebirge-mittelsachsen",
        ],
    );
    let ids: Vec<&str> = municipalities["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"14522140"), "Flöha is in the region: {ids:?}");
    assert!(ids.iter().all(|ags| {
        ["145", "14511", "14521", "14522"]
            .iter()
            .any(|p| ags.starts_with(p))
    }));
    // A municipality's network: its own actors and the partners above it tied to them.
    let floeha = analyze(
        &dir,
        &["--at", "2026-06-01", "--scope", "municipality:14522140"],
    );
    let local = floeha["nodes"].as_array().unwrap();
    assert!(!local.is_empty() && (local.len() as u64) < n);
    assert!(local.iter().any(|p| p["municipality"] == "14522140"));
    let district = analyze(&dir, &["--at", "2026-06-01", "--scope", "district:14522"]);
    assert!(district["graph"]["nodes"].as_u64().unwrap() > local.len() as u64);
}

#[test]
fn exports_read_back_with_the_same_network_and_figures() {
    let dir = demo();
    for level in ["person", "organisation", "municipality"] {
        let stored = analyze(
            &dir,
            &[
                "--at",
                "2026-06-01",
                "--level",
                level,
                "--metrics",
                "degree,betweenness,core",
            ],
        );
        let graphml = dir
            .run(&["export", "network", "--at", "2026-06-01", "--level", level])
            .ok()
            .stdout;
        assert!(graphml.starts_with("<?xml") && graphml.contains("attr.name=\"pillar\""));
        let file = dir.write(&format!("{level}.graphml"), graphml.as_bytes());
        let gexf = dir
            .run(&[
                "export",
                "network",
                "--format",
                "gexf",
                "--at",
                "2026-06-01",
                "--level",
                level,
            ])
            .ok()
            .stdout;
        assert!(gexf.contains("<gexf") && gexf.contains("title=\"kinds\""));
        let gexf_file = dir.write(&format!("{level}.gexf"), gexf.as_bytes());
        for path in [&file, &gexf_file] {
            let back = analyze(
                &dir,
                &[
                    "--graph",
                    path.to_str().unwrap(),
                    "--metrics",
                    "degree,betweenness,core",
                ],
            );
            assert_eq!(back["graph"]["nodes"], stored["graph"]["nodes"], "{level}");
            assert_eq!(back["graph"]["edges"], stored["graph"]["edges"], "{level}");
            for metric in ["degree", "betweenness", "core"] {
                let (ours, theirs) = (by_id(&stored, metric), by_id(&back, metric));
                for (id, v) in &ours {
                    assert!((v - theirs[id]).abs() < 1e-12, "{level} {metric} {id}");
                }
            }
            // The export's weights are the summed tie strengths.
            let weighted = analyze(
                &dir,
                &[
                    "--graph",
                    path.to_str().unwrap(),
                    "--weight",
                    "weight",
                    "--metrics",
                    "degree",
                ],
            );
            assert_eq!(weighted["graph"]["weighted"], true);
        }
    }
}

#[test]
fn postgresql_gives_the_same_network_as_sqlite() {
    let Some(pg) = PgSchema::new("network") else {
        return;
    };
    let dir = demo();
    dir.run_in(&pg.url, "de", &["demo"]).ok();
    for level in ["person", "organisation"] {
        let args = [
            "analyze",
            "--format",
            "json",
            "--at",
            "2026-06-01",
            "--level",
            level,
            "--metrics",
            "degree,core",
        ];
        let sqlite = dir.run(&args).ok().json();
        let postgres = dir.run_in(&pg.url, "de", &args).ok().json();
        assert_eq!(sqlite, postgres, "{level}");
        let export = ["export", "network", "--at", "2026-06-01", "--level", level];
        assert_eq!(
            dir.run(&export).ok().stdout,
            dir.run_in(&pg.url, "de", &export).ok().stdout
        );
    }
}

#[test]
fn bad_network_arguments_are_refused() {
    let dir = demo();
    let cases: [(&[&str], &str); 7] = [
        (
            &["analyze", "--scope", "region:nirgendwo"],
            "zum Bereich „region:nirgendwo“ ist nichts gespeichert",
        ),
        (
            &["analyze", "--scope", "kreis:14522"],
            "ist nicht all, region:KÜRZEL",
        ),
        (
            &["analyze", "--scope", "municipality:99999999"],
            "„municipality:99999999“",
        ),
        (
            &["analyze", "--at", "2026-02-30"],
            "„2026-02-30“ ist kein Tag",
        ),
        (
            &["analyze", "--graph", "x.csv", "--scope", "district:14522"],
            "--graph analysiert eine Datei",
        ),
        (
            &["export", "network", "--format", "json"],
            "bietet die Formate graphml, gexf",
        ),
        (
            &["analyze", "--format", "gexf"],
            "bietet die Formate text, json, csv",
        ),
    ];
    for (args, message) in cases {
        dir.run(args).code(2).stderr_has(&[message]);
    }
    // An empty database has no network to analyse.
    let empty = Dir::new();
    empty.run(&["init"]).ok();
    let report = analyze(&empty, &[]);
    assert_eq!(report["graph"]["nodes"], 0);
    assert_eq!(report["nodes"], serde_json::json!([]));
}

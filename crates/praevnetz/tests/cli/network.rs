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

#[test]
fn two_days_of_the_stored_network_are_compared() {
    let dir = demo();
    let region = "region:chemnitz-erzgebirge-mittelsachsen";
    let args = [
        "--scope",
        region,
        "--at",
        "2023-09-06",
        "--compare",
        "2022-09-05",
        "--without-meeting-ties",
    ];
    let c = analyze(&dir, &args);
    // The same figures as the network page: a year after the Flöha meeting, 58 new working
    // ties (those of the demo's ties file; ties "met at meeting" left out).
    assert_eq!(c["before"]["day"], "2022-09-05");
    assert_eq!(c["after"]["day"], "2023-09-06");
    assert_eq!(c["new_ties"].as_array().unwrap().len(), 58);
    let (before, after) = (&c["before"]["summary"], &c["after"]["summary"]);
    assert_eq!(
        after["edges"].as_i64().unwrap() - before["edges"].as_i64().unwrap(),
        58 - i64::try_from(c["ended_ties"].as_array().unwrap().len()).unwrap()
    );
    assert_eq!(c["after"]["graph"]["edges"], after["edges"]);
    assert!(after["across_municipalities"].as_u64() > before["across_municipalities"].as_u64());
    // With them (the default), the meeting and its follow-up of May 2023 tie their attendees
    // too: 660 new ties, 537 → 1,180 in all (the online meeting of 2021 tied its attendees
    // before the day compared with).
    let all = analyze(&dir, &args[..6]);
    assert_eq!(all["new_ties"].as_array().unwrap().len(), 660);
    let (before_all, after_all) = (&all["before"]["summary"], &all["after"]["summary"]);
    assert_eq!(
        (before_all["edges"].as_i64(), after_all["edges"].as_i64()),
        (Some(537), Some(1180))
    );
    assert!(after_all["edges"].as_i64() > after["edges"].as_i64());
    // Each day's report is that of a plain analysis of the day.
    let later = analyze(
        &dir,
        &[
            "--scope",
            region,
            "--at",
            "2023-09-06",
            "--without-meeting-ties",
        ],
    );
    let by = by_id(&later, "betweenness");
    for node in c["nodes"].as_array().unwrap() {
        let id = node["id"].to_string();
        match &node["after"] {
            Value::Null => assert!(!by.contains_key(&id)),
            after => assert_eq!(after["betweenness"].as_f64(), by.get(&id).copied()),
        }
    }
    let joined = c["joined"].as_array().unwrap();
    assert!(joined.iter().all(|id| {
        c["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["id"] == *id && n["before"].is_null() && !n["after"].is_null())
    }));
    // CSV: a row per node, each measure before and after.
    let mut csv_args = vec![
        "analyze",
        "--format",
        "csv",
        "--metrics",
        "degree,betweenness",
    ];
    csv_args.extend_from_slice(&args);
    let csv = dir.run(&csv_args).ok().stdout.clone();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,name,degree_before,degree_after,betweenness_before,betweenness_after")
    );
    assert_eq!(lines.count(), c["nodes"].as_array().unwrap().len());
    // Text: the figures of both days and the counts.
    let mut text_args = vec!["analyze", "--lang", "en"];
    text_args.extend_from_slice(&args);
    dir.run(&text_args).ok().stdout_has(&[
        "Comparison of the network: 2022-09-05 → 2023-09-06",
        "Ties between municipalities",
        "58 new and",
        "Largest changes (betweenness, ties):",
    ]);
    // A comparison day that is no date, and a comparison of a file, are refused.
    dir.run(&["analyze", "--compare", "2022-13-01"])
        .code(2)
        .stderr_has(&["2022-13-01"]);
    dir.run(&["analyze", "--graph", "x.csv", "--compare", "2022-01-01"])
        .code(2);
}

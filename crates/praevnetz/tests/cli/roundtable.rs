//! `praevnetz roundtable` on the demo: distinct people who cover the template's roles, with
//! reasons and alternatives, the gaps named, and bad requests refused.

use std::collections::HashSet;

use serde_json::Value;

use crate::util::Dir;

const FLOEHA: &str = "14522140";
const ANNABERG: &str = "14521020";
const DAY: &str = "2026-06-01";

fn table(dir: &Dir, args: &[&str]) -> Value {
    let mut all = vec!["roundtable", "--format", "json", "--at", DAY];
    all.extend_from_slice(args);
    dir.run(&all).ok().json()
}

fn seat_ids(table: &Value) -> Vec<i64> {
    table["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["person_id"].as_i64().unwrap())
        .collect()
}

fn roles(table: &Value) -> HashSet<String> {
    table["seats"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["roles"].as_array().unwrap().iter())
        .map(|r| r.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_drug_round_table_for_floeha_seats_eight_people_who_cover_the_template() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    let t = table(&dir, &["--municipality", FLOEHA, "--category", "DRG"]);
    let ids = seat_ids(&t);
    assert_eq!(ids.len(), 8);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 8, "{ids:?}");
    // The demo network has every role the drug template asks for around Flöha.
    let covered = roles(&t);
    for role in [
        "police",
        "public_order",
        "addiction_counselling",
        "youth_work",
        "school",
        "streetwork",
    ] {
        assert!(covered.contains(role), "{role} missing: {covered:?}");
    }
    assert_eq!(t["uncovered_roles"], Value::Array(Vec::new()));
    assert_eq!(
        t["objective"]["roles_covered"],
        t["objective"]["roles_needed"]
    );
    assert_eq!(t["objective"]["pillars"].as_array().unwrap().len(), 4);
    assert!(t["objective"]["weights"]["roles"].as_f64().unwrap() > 0.0);
    for seat in t["seats"].as_array().unwrap() {
        assert!(seat["name"].as_str().is_some_and(|n| !n.is_empty()));
        assert!(seat["organisation"].is_string() && seat["pillar"].is_string());
        let reasons = seat["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty());
        assert!(
            reasons
                .iter()
                .all(|r| r["text"].is_string() && r["reason"].is_string())
        );
        let alternatives = seat["alternatives"].as_array().unwrap();
        assert!(!alternatives.is_empty() && alternatives.len() <= 3);
        for a in alternatives {
            assert!(!ids.contains(&a["person_id"].as_i64().unwrap()));
        }
    }
    // The police seat is the station responsible for Flöha.
    let police = t["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["roles"]
                .as_array()
                .unwrap()
                .contains(&Value::from("police"))
        })
        .unwrap();
    assert_eq!(police["organisation"], "Polizeirevier Flöha");
    // The same request gives the same table.
    assert_eq!(
        t,
        table(&dir, &["--municipality", FLOEHA, "--category", "DRG"])
    );
}

#[test]
fn roles_the_network_lacks_are_named() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    // The demo's Erzgebirgskreis has no addiction counselling.
    let t = table(
        &dir,
        &[
            "--municipality",
            ANNABERG,
            "--category",
            "SUC",
            "--seats",
            "6",
        ],
    );
    let gaps = t["uncovered_roles"].as_array().unwrap();
    assert!(
        gaps.iter().any(|g| g["role"] == "addiction_counselling"
            && g["gap"] == "none_in_network"
            && g["label"] == "Suchtberatung"),
        "{gaps:?}"
    );
    dir.run(&[
        "roundtable",
        "--at",
        DAY,
        "--municipality",
        ANNABERG,
        "--category",
        "SUC",
    ])
    .ok()
    .stdout_has(&[
        "Runder Tisch zu SUC in Annaberg-Buchholz",
        "Nicht besetzt: Suchtberatung – im Netzwerk um die Kommune gibt es niemanden",
    ]);
}

#[test]
fn included_and_excluded_people_and_a_recorded_problem_are_honoured() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    let first = table(&dir, &["--municipality", FLOEHA, "--category", "DRG"]);
    let ids = seat_ids(&first);
    let out = ids[0].to_string();
    // Someone from far away who would not be chosen: the first Chemnitz seat of a Chemnitz table.
    let chemnitz = table(&dir, &["--municipality", "14511000", "--category", "GEW"]);
    let guest = seat_ids(&chemnitz)
        .into_iter()
        .find(|id| !ids.contains(id))
        .unwrap()
        .to_string();
    let t = table(
        &dir,
        &[
            "--municipality",
            FLOEHA,
            "--category",
            "DRG",
            "--include",
            &guest,
            "--exclude",
            &out,
        ],
    );
    let seated = seat_ids(&t);
    assert!(seated.contains(&guest.parse().unwrap()) && !seated.contains(&ids[0]));
    let guest_seat = t["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["person_id"].as_i64() == guest.parse().ok())
        .unwrap();
    assert_eq!(guest_seat["reasons"][0]["reason"], "included");
    // A recorded problem brings its municipality and category.
    let problem = dir.run(&["roundtable", "--at", DAY, "--problem", "1", "--lang", "en"]);
    let problem = problem.ok();
    assert!(
        problem.stdout.starts_with("Round table on "),
        "{}",
        problem.stdout
    );
}

#[test]
fn bad_requests_are_refused_with_a_message_and_a_nonzero_exit() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    let refused = |args: &[&str], fragments: &[&str]| {
        let mut all = vec!["roundtable", "--at", DAY];
        all.extend_from_slice(args);
        dir.run(&all).code(2).stderr_has(fragments);
    };
    refused(
        &["--municipality", FLOEHA, "--category", "XYZ"],
        &["„XYZ“ ist keine Kategorie", "DRG"],
    );
    refused(
        &["--municipality", "1452214", "--category", "DRG"],
        &["Schlüssel „1452214“"],
    );
    // Arnsdorf (Bautzen) has no actors in the demo.
    refused(
        &["--municipality", "14625010", "--category", "DRG"],
        &["in Arnsdorf arbeitet niemand"],
    );
    refused(
        &[
            "--municipality",
            FLOEHA,
            "--category",
            "DRG",
            "--seats",
            "0",
        ],
        &["0 Plätze", "1 bis 30"],
    );
    refused(
        &[
            "--municipality",
            FLOEHA,
            "--category",
            "DRG",
            "--seats",
            "31",
        ],
        &["31 Plätze"],
    );
    refused(
        &["--problem", "99999"],
        &["Problemlage mit der Nummer 99999"],
    );
    refused(
        &[
            "--municipality",
            FLOEHA,
            "--category",
            "DRG",
            "--include",
            "99999",
        ],
        &["Person mit der Nummer 99999"],
    );
    // Either a problem or municipality and category.
    dir.run(&["roundtable", "--municipality", FLOEHA])
        .code(2)
        .stderr_has(&["--category"]);
}

#[test]
fn analyze_tells_the_effect_of_a_meeting_and_of_its_series() {
    let dir = Dir::new();
    dir.run(&["demo"]).ok();
    let series = dir
        .run(&["analyze", "--series", "1", "--format", "json"])
        .ok()
        .json();
    let meetings = series["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 4);
    let floeha = meetings.iter().find(|m| m["day"] == "2022-09-06").unwrap();
    assert_eq!(floeha["attended"], 35);
    // The planned meeting has no effect yet.
    assert!(
        meetings
            .iter()
            .any(|m| m["status"] == "planned" && m["points"] == Value::Array(Vec::new()))
    );
    // The series from the day before its first meeting: more ties after than before.
    let points = series["points"].as_array().unwrap();
    assert_eq!(points[0]["months"], 0);
    assert!(points.last().unwrap()["ties"].as_u64() > points[0]["ties"].as_u64());
    // The Flöha meeting alone: 56 working ties the day before, 43 new ones a year later, as
    // on its page.
    let id = floeha["id"].to_string();
    let meeting = dir
        .run(&["analyze", "--meeting", &id, "--format", "json"])
        .ok()
        .json();
    let points = meeting["points"].as_array().unwrap();
    assert_eq!(points[0]["ties"], 56);
    assert_eq!(points[3]["months"], 12);
    assert_eq!(points[3]["new_ties"], 43);
    dir.run(&["analyze", "--meeting", &id]).ok().stdout_has(&[
        "Wirkung von „Vernetzungstreffen der Regionen",
        "35 Teilnehmenden",
    ]);
    // Unknown numbers and mixed options are refused.
    dir.run(&["analyze", "--meeting", "99999"])
        .code(2)
        .stderr_has(&["Treffen mit der Nummer 99999"]);
    dir.run(&["analyze", "--series", "99999"])
        .code(2)
        .stderr_has(&["Treffenreihe mit der Nummer 99999"]);
    dir.run(&["analyze", "--meeting", &id, "--scope", "district:14522"])
        .code(2)
        .stderr_has(&["--meeting und --series"]);
    dir.run(&["analyze", "--meeting", &id, "--compare", "2022-01-01"])
        .code(2);
}

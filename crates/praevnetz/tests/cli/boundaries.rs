//! `praevnetz import boundaries FILE.geojson`: municipality boundaries for the map.

use std::path::PathBuf;

use crate::util::{Dir, data};

/// A database with Saxony's districts and municipalities, and its statistics.
fn with_municipalities() -> (Dir, serde_json::Value) {
    let dir = Dir::new();
    for (kind, file) in [
        ("districts", "sachsen/districts.csv"),
        ("municipalities", "sachsen/municipalities.csv"),
    ] {
        dir.run(&["import", kind, data(file).to_str().unwrap()])
            .ok();
    }
    let stats = dir.stats();
    (dir, stats)
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/fixtures/grenzen.geojson")
}

fn polygon(ags: &str, kind: &str, coordinates: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"AGS":"{ags}"}},
            "geometry":{{"type":"{kind}","coordinates":{coordinates}}}}}"#
    )
}

const SQUARE: &str = "[[[13.0,50.8],[13.1,50.8],[13.1,50.9],[13.0,50.9],[13.0,50.8]]]";

fn collection(features: &[String]) -> String {
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}",
        features.join(",\n")
    )
}

#[test]
fn a_good_file_is_imported_and_importing_again_replaces_it() {
    let (dir, before) = with_municipalities();
    let path = fixture();
    dir.run(&["import", "boundaries", path.to_str().unwrap()])
        .ok()
        .stdout_has(&["grenzen.geojson: Grenzen von 3 Gemeinden importiert"]);
    let after = dir.stats();
    assert_eq!(
        after["audit_events"].as_i64().unwrap(),
        before["audit_events"].as_i64().unwrap() + 1
    );
    let again = dir
        .run(&[
            "import",
            "boundaries",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(again["boundaries"], 3);
    assert_eq!(again["dry_run"], false);
    assert!(again["points"].as_u64().unwrap() >= 4 * 4);
}

#[test]
fn a_dry_run_checks_and_writes_nothing() {
    let (dir, before) = with_municipalities();
    dir.run_in(
        &dir.database,
        "en",
        &[
            "import",
            "boundaries",
            fixture().to_str().unwrap(),
            "--dry-run",
        ],
    )
    .ok()
    .stdout_has(&[
        "boundaries of 3 municipalities imported",
        "Dry run: everything checked, nothing saved.",
    ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn unknown_municipality_keys_are_refused_naming_every_feature() {
    let (dir, before) = with_municipalities();
    let content = collection(&[
        polygon("14522140", "Polygon", SQUARE),
        polygon("14522999", "Polygon", SQUARE),
        polygon("14522998", "Polygon", SQUARE),
    ]);
    let path = dir.write("grenzen.geojson", content.as_bytes());
    dir.run(&["import", "boundaries", path.to_str().unwrap()])
        .code(2)
        .stderr_has(&[
            "grenzen.geojson, features[1]: Amtlicher Gemeindeschlüssel",
            "„14522999“",
            "grenzen.geojson, features[2]:",
            "„14522998“",
        ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn malformed_json_is_refused_with_its_line_and_column() {
    let (dir, before) = with_municipalities();
    let path = dir.write(
        "grenzen.geojson",
        b"{\"type\": \"FeatureCollection\",\n \"features\": [}\n",
    );
    dir.run(&["import", "boundaries", path.to_str().unwrap()])
        .code(2)
        .stderr_has(&["grenzen.geojson, Zeile 2: die Datei ist kein gültiges JSON (Spalte 15"]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn a_point_is_no_boundary() {
    let (dir, before) = with_municipalities();
    let content = collection(&[polygon("14522140", "Point", "[13.07, 50.85]")]);
    let path = dir.write("punkte.geojson", content.as_bytes());
    dir.run_in(
        &dir.database,
        "en",
        &["import", "boundaries", path.to_str().unwrap()],
    )
    .code(2)
    .stderr_has(&[
        r#"punkte.geojson, features[0].geometry.type: the geometry is a "Point"; a boundary must be a Polygon or MultiPolygon"#,
    ]);
    assert_eq!(dir.stats(), before);
}

#[test]
fn a_feature_without_a_municipality_key_and_a_missing_file_are_refused() {
    let (dir, before) = with_municipalities();
    let content = collection(&[format!(
        r#"{{"type":"Feature","properties":{{"GEN":"Flöha"}},
            "geometry":{{"type":"Polygon","coordinates":{SQUARE}}}}}"#
    )]);
    let path = dir.write("grenzen.geojson", content.as_bytes());
    dir.run(&["import", "boundaries", path.to_str().unwrap()])
        .code(2)
        .stderr_has(&["features[0].properties: das Feature nennt keine Gemeinde"]);
    dir.run(&["import", "boundaries", "fehlt.geojson"])
        .code(2)
        .stderr_has(&["fehlt.geojson"]);
    assert_eq!(dir.stats(), before);
}

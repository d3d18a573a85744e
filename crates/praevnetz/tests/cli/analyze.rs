//! `praevnetz analyze --graph`: files written by NetworkX give NetworkX's values, and bad files
//! are refused naming the line and the rule.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

use crate::util::Dir;

/// A file of the graph crate's NetworkX fixtures.
fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../praevnetz-graph/tests/fixtures")
        .join(name)
}

/// NetworkX's reference values of one graph, by node id.
struct Reference {
    data: Value,
    nodes: Vec<String>,
}

impl Reference {
    fn of(name: &str) -> Reference {
        let text = std::fs::read_to_string(fixture(&format!("{name}.json"))).unwrap();
        let data: Value = serde_json::from_str(&text).unwrap();
        let nodes = data["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        Reference { data, nodes }
    }

    /// The values at `path` (e.g. `["weighted", "betweenness"]`) by node id.
    fn values(&self, path: &[&str]) -> HashMap<String, f64> {
        let mut v = &self.data;
        for p in path {
            v = &v[*p];
        }
        self.nodes
            .iter()
            .cloned()
            .zip(v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()))
            .collect()
    }

    fn id_of(&self, index: &Value) -> String {
        self.nodes[usize::try_from(index.as_u64().unwrap()).unwrap()].clone()
    }

    fn articulation_points(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.data["articulation_points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| self.id_of(i))
            .collect();
        ids.sort();
        ids
    }

    fn bridges(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = self.data["bridges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| ordered(self.id_of(&p[0]), self.id_of(&p[1])))
            .collect();
        pairs.sort();
        pairs
    }
}

fn ordered(a: String, b: String) -> (String, String) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Our value of `metric` for every node, by id.
fn ours(report: &Value, metric: &str) -> HashMap<String, f64> {
    report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let value = n[metric].as_f64().unwrap_or(f64::NAN);
            (n["id"].as_str().unwrap().to_owned(), value)
        })
        .collect()
}

fn assert_within(
    what: &str,
    expected: &HashMap<String, f64>,
    ours: &HashMap<String, f64>,
    relative: f64,
) {
    assert_eq!(expected.len(), ours.len(), "{what}: node count");
    for (id, e) in expected {
        let o = ours[id];
        assert!(
            (e - o).abs() <= relative * e.abs().max(1e-12),
            "{what} of {id}: NetworkX {e}, ours {o}"
        );
    }
}

fn analyze(dir: &Dir, file: &str, extra: &[&str]) -> Value {
    let path = fixture(file);
    let mut args = vec![
        "analyze",
        "--graph",
        path.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    dir.run(&args).ok().json()
}

fn check_structure(name: &str, reference: &Reference, report: &Value) {
    let mut points: Vec<String> = report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["articulation_point"].as_bool().unwrap())
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect();
    points.sort();
    assert_eq!(
        points,
        reference.articulation_points(),
        "{name} articulation points"
    );
    let mut bridges: Vec<(String, String)> = report["bridges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            ordered(
                p[0].as_str().unwrap().to_owned(),
                p[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    bridges.sort();
    assert_eq!(bridges, reference.bridges(), "{name} bridges");
    assert_eq!(
        ours(report, "core"),
        reference.values(&["metrics", "core"]),
        "{name} cores"
    );
}

#[test]
fn graphml_written_by_networkx_gives_networkx_values() {
    let dir = Dir::new();
    for name in ["karate", "lesmis"] {
        let reference = Reference::of(name);
        let report = analyze(&dir, &format!("{name}.graphml"), &[]);
        assert_eq!(
            usize::try_from(report["graph"]["nodes"].as_u64().unwrap()).unwrap(),
            reference.nodes.len()
        );
        for metric in [
            "betweenness",
            "closeness",
            "harmonic",
            "clustering",
            "constraint",
        ] {
            let what = format!("{name} {metric}");
            assert_within(
                &what,
                &reference.values(&["metrics", metric]),
                &ours(&report, metric),
                1e-6,
            );
        }
        for metric in ["pagerank", "eigenvector"] {
            let what = format!("{name} {metric}");
            assert_within(
                &what,
                &reference.values(&["converged", metric]),
                &ours(&report, metric),
                1e-4,
            );
        }
        check_structure(name, &reference, &report);
    }
}

#[test]
fn with_a_weight_paths_read_it_as_length_and_the_rest_as_strength() {
    let dir = Dir::new();
    for name in ["karate", "lesmis"] {
        let reference = Reference::of(name);
        let report = analyze(&dir, &format!("{name}.graphml"), &["--weight", "weight"]);
        assert_eq!(report["graph"]["weighted"], true);
        for metric in [
            "betweenness",
            "closeness",
            "harmonic",
            "constraint",
            "effective_size",
        ] {
            let what = format!("{name} weighted {metric}");
            assert_within(
                &what,
                &reference.values(&["weighted", metric]),
                &ours(&report, metric),
                1e-6,
            );
        }
        for (metric, key) in [
            ("pagerank", "pagerank_weighted"),
            ("eigenvector", "eigenvector_weighted"),
        ] {
            let what = format!("{name} weighted {metric}");
            assert_within(
                &what,
                &reference.values(&["converged", key]),
                &ours(&report, metric),
                1e-4,
            );
        }
        check_structure(name, &reference, &report);
    }
}

#[test]
fn metrics_restrict_the_output_and_csv_has_one_row_per_node() {
    let dir = Dir::new();
    let report = analyze(&dir, "karate.graphml", &["--metrics", "degree,core"]);
    let first = report["nodes"][0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert!(first.contains_key("degree") && first.contains_key("core"));
    assert!(report.get("bridges").is_none());
    let path = fixture("karate.graphml");
    let csv = dir
        .run(&[
            "analyze",
            "--graph",
            path.to_str().unwrap(),
            "--format",
            "csv",
            "--metrics",
            "betweenness",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,betweenness");
    assert_eq!(lines.len(), 35);
    dir.run(&[
        "analyze",
        "--graph",
        path.to_str().unwrap(),
        "--metrics",
        "betweeness",
    ])
    .code(2)
    .stderr_has(&["„betweeness“ ist keine Kennzahl", "betweenness"]);
}

#[test]
fn the_same_network_reads_alike_from_graphml_gexf_and_csv() {
    let dir = Dir::new();
    let graphml = dir.write(
        "g.graphml",
        br#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="edge" attr.name="strength" attr.type="double"><default>1.0</default></key>
  <graph edgedefault="undirected">
    <node id="Polizei"/><node id="Rathaus"/><node id="Jugend &amp; Schule"/><node id="Verein"/>
    <edge source="Polizei" target="Rathaus"><data key="w">3</data></edge>
    <edge source="Rathaus" target="Jugend &amp; Schule"/>
    <edge source="Jugend &amp; Schule" target="Verein"><data key="w">2.5</data></edge>
  </graph>
</graphml>"#,
    );
    let gexf = dir.write(
        "g.gexf",
        br#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <graph defaultedgetype="undirected">
    <attributes class="node"><attribute id="0" title="pillar" type="string"/></attributes>
    <attributes class="edge"><attribute id="1" title="strength" type="double"/></attributes>
    <nodes>
      <node id="Polizei" label="Polizei"><attvalues><attvalue for="0" value="police"/></attvalues></node>
      <node id="Rathaus" label="Rathaus"/>
      <node id="Jugend &amp; Schule" label="Jugend"/>
      <node id="Verein" label="Verein"/>
    </nodes>
    <edges>
      <edge id="0" source="Polizei" target="Rathaus" weight="3"><attvalues><attvalue for="1" value="3"/></attvalues></edge>
      <edge id="1" source="Rathaus" target="Jugend &amp; Schule"><attvalues><attvalue for="1" value="1"/></attvalues></edge>
      <edge id="2" source="Jugend &amp; Schule" target="Verein" weight="2.5"><attvalues><attvalue for="1" value="2.5"/></attvalues></edge>
    </edges>
  </graph>
</gexf>"#,
    );
    let csv = dir.write(
        "g.csv",
        "source,target,strength\nPolizei,Rathaus,3\nRathaus,Jugend & Schule,1\nJugend & Schule,Verein,2.5\n".as_bytes(),
    );
    let run = |path: &PathBuf, weight: &str| {
        dir.run(&[
            "analyze",
            "--graph",
            path.to_str().unwrap(),
            "--format",
            "json",
            "--weight",
            weight,
        ])
        .ok()
        .json()
    };
    let expected = run(&graphml, "strength");
    assert_eq!(expected["nodes"][2]["id"], "Jugend & Schule");
    assert_eq!(expected["graph"]["edges"], 3);
    assert_eq!(run(&gexf, "strength"), expected);
    assert_eq!(run(&gexf, "weight"), expected);
    assert_eq!(run(&csv, "strength"), expected);
    // Lengths 3, 1, 2.5: the path measures follow them.
    let close = expected["nodes"][0]["closeness"].as_f64().unwrap();
    assert!((close - 3.0 / (3.0 + 4.0 + 6.5)).abs() < 1e-12, "{close}");
}

#[test]
fn self_loops_and_duplicate_edges_are_normalised_and_reported() {
    let dir = Dir::new();
    let path = dir.write("e.csv", b"source,target\nA,B\nB,A\nB,C\nC,C\n");
    let report = dir
        .run(&[
            "analyze",
            "--graph",
            path.to_str().unwrap(),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(report["graph"]["edges"], 2);
    assert_eq!(report["graph"]["nodes"], 3);
    let notes = report["notes"].as_array().unwrap();
    assert!(
        notes.contains(&serde_json::json!({"kind": "self_loops_dropped", "count": 1})),
        "{notes:?}"
    );
    assert!(
        notes.contains(&serde_json::json!({"kind": "duplicate_edges_merged", "count": 1})),
        "{notes:?}"
    );
    // Directed, A→B and B→A are two edges.
    let report = dir
        .run(&[
            "analyze",
            "--graph",
            path.to_str().unwrap(),
            "--format",
            "json",
            "--directed",
        ])
        .ok()
        .json();
    assert_eq!(report["graph"]["edges"], 3);
    assert_eq!(report["graph"]["directed"], true);
    // An isolated node: constraint and effective size are undefined (null), as in NetworkX.
    let lonely = dir.write(
        "l.graphml",
        br#"<graphml><graph edgedefault="undirected"><node id="a"/><node id="b"/><node id="c"/><edge source="a" target="b"/></graph></graphml>"#,
    );
    let report = dir
        .run(&[
            "analyze",
            "--graph",
            lonely.to_str().unwrap(),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(report["nodes"][2]["constraint"], Value::Null);
    assert_eq!(report["nodes"][2]["closeness"], 0.0);
    assert_eq!(report["graph"]["components"], 2);
}

#[test]
fn bad_network_files_are_refused_naming_line_and_rule() {
    let dir = Dir::new();
    let cases: Vec<(&str, &[u8], &[&str], &str)> = vec![
        ("a.graphml", b"<graphml><graph><node id=\"a\"/>\n<edge source=\"a\" target=\"b\"/></graph></graphml>", &[], "Zeile 2: die Kante nennt den Knoten „b“"),
        ("b.graphml", b"<graphml><graph>\n<node id=\"a\"/><node id=\"a\"/></graph></graphml>", &[], "Zeile 2: der Knoten „a“ ist doppelt"),
        ("c.graphml", b"<graphml><graph><node id=\"a\">\n</graph></graphml>", &[], "Zeile 2: das XML ist nicht wohlgeformt"),
        ("d.graphml", b"<graphml><graph></graph></graphml>", &[], "enthält kein Netzwerk"),
        ("e.graphml", b"<graphml><graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\"/></graph></graphml>", &["--weight", "w"], "Zeile 2: das Gewichtsattribut „w“"),
        ("f.graphml", b"<graphml><key id=\"w\" for=\"edge\" attr.name=\"w\"/><graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\"><data key=\"w\">NaN</data></edge></graph></graphml>", &["--weight", "w"], "Zeile 2: das Gewicht „NaN“ ist keine endliche Zahl"),
        ("g.graphml", b"<graphml><key id=\"w\" for=\"edge\" attr.name=\"w\"/><graph><node id=\"a\"/><node id=\"b\"/>\n<edge source=\"a\" target=\"b\"/></graph></graphml>", &["--weight", "w"], "Zeile 2: die Kante hat keinen Wert für das Gewicht „w“"),
        ("h.gexf", b"<graphml/>", &[], "keine GEXF-Datei"),
        ("i.csv", b"von,nach\nA,B\n", &[], "Zeile 1: die Kopfzeile muss mit „source,target“ beginnen"),
        ("j.csv", b"source,target,weight\nA,B,1\nA,C,0\n", &["--weight", "weight"], "Zeile 3: das Gewicht „0“"),
        ("k.csv", b"source,target,weight\nA,B,1\nA,C,inf\n", &["--weight", "weight"], "Zeile 3: das Gewicht „inf“"),
        ("l.csv", b"source,target,weight\nA,B,x\n", &["--weight", "weight"], "Zeile 2: das Gewicht „x“ ist keine Zahl"),
        ("m.csv", b"source,target\nA,B\nA\n", &[], "Zeile 3"),
        ("n.csv", b"source,target\n", &[], "enthält kein Netzwerk"),
        ("o.csv", b"source,target\nA,\n", &[], "Zeile 2: eine Knotenkennung ist leer"),
        ("p.csv", b"source,target\nA,B\n\xff,C\n", &[], "Zeile 3: die Datei ist kein UTF-8-Text"),
        ("q.csv", b"", &[], "Kopfzeile"),
        ("r.graphml", b"<graphml><graph edgedefault=\"sideways\"/></graphml>", &[], "„edgedefault“ hat den Wert „sideways“"),
        ("s.csv", b"source,target\nA,B\n", &["--weight", "weight"], "Zeile 1: das Gewichtsattribut „weight“"),
    ];
    for (name, content, extra, message) in cases {
        let path = dir.write(name, content);
        let mut args = vec!["analyze", "--graph", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        dir.run(&args).code(2).stderr_has(&[name, message]);
    }
    dir.run(&[
        "analyze",
        "--graph",
        dir.path("missing.csv").to_str().unwrap(),
    ])
    .code(2)
    .stderr_has(&["missing.csv", "nicht lesbar"]);
    dir.run(&["stats", "--format", "csv"])
        .code(2)
        .stderr_has(&["keine Datenbank"]);
    dir.run(&["init", "--format", "csv"])
        .code(2)
        .stderr_has(&["bietet die Formate text, json"]);
}

#[test]
fn large_networks_get_estimated_betweenness_with_its_bound() {
    // A wheel of 20,000 spokes: too large for exact betweenness in seconds, yet shallow.
    let dir = Dir::new();
    let n = 20_000;
    let mut csv = String::from("source,target\n");
    for i in 1..=n {
        writeln!(csv, "0,{i}\n{i},{}", i % n + 1).unwrap();
    }
    let path = dir.write("wheel.csv", csv.as_bytes());
    let report = dir
        .run(&[
            "analyze",
            "--graph",
            path.to_str().unwrap(),
            "--format",
            "json",
            "--metrics",
            "betweenness",
        ])
        .ok()
        .json();
    let note = &report["notes"][0];
    assert_eq!(note["kind"], "estimated", "{note}");
    assert_eq!(note["metric"], "betweenness");
    let epsilon = note["epsilon"].as_f64().unwrap();
    assert!(epsilon > 0.01 && epsilon < 0.0101, "{epsilon}");
    assert!(note["samples"].as_u64().unwrap() > 10_000);
    // The hub lies on almost every shortest path between two rim nodes that are not neighbours
    // or neighbours' neighbours (those have other shortest paths too).
    let hub = report["nodes"][0]["betweenness"].as_f64().unwrap();
    let rim = f64::from(n);
    let pairs = rim * (rim - 1.0) / 2.0;
    let exact_share = (pairs - rim - rim * 0.5) / ((rim) * (rim - 1.0) / 2.0);
    assert!(
        (hub - exact_share).abs() <= epsilon + 1e-3,
        "{hub} vs {exact_share}"
    );
    let text = dir
        .run(&[
            "analyze",
            "--graph",
            path.to_str().unwrap(),
            "--metrics",
            "betweenness",
        ])
        .ok()
        .stdout;
    assert!(
        text.contains("geschätzt") && text.contains("--exact"),
        "{text}"
    );
}

//! The measures against NetworkX's values for the karate club and Les Misérables graphs
//! (`tests/fixtures/*.json`, made by `tests/fixtures/make_fixtures.py` with the NetworkX version
//! each file names).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests report failure by panicking"
)]

use praevnetz_graph::centrality::{
    Threads, betweenness, closeness, edge_betweenness, eigenvector, harmonic, pagerank,
};
use praevnetz_graph::community::{louvain, modularity};
use praevnetz_graph::groups::{ei_index, mixing_matrix};
use praevnetz_graph::holes::{constraint, effective_size};
use praevnetz_graph::links::{Score, suggest};
use praevnetz_graph::structure::{clustering, core_numbers, cut_sets, transitivity};
use praevnetz_graph::{Direction, Graph};
use serde_json::Value;

struct Fixture {
    name: String,
    graph: Graph,
    metrics: Value,
    data: Value,
}

fn fixture(file: &str) -> Fixture {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let data: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let nodes = data["nodes"].as_array().unwrap().len();
    let edges: Vec<(usize, usize)> = data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let pair = e.as_array().unwrap();
            (
                usize::try_from(pair[0].as_u64().unwrap()).unwrap(),
                usize::try_from(pair[1].as_u64().unwrap()).unwrap(),
            )
        })
        .collect();
    Fixture {
        name: data["graph"].as_str().unwrap().to_owned(),
        graph: Graph::from_edges(nodes, &edges, Direction::Undirected).unwrap(),
        metrics: data["metrics"].clone(),
        data,
    }
}

/// A JSON array of numbers.
fn floats(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

/// A JSON array of node indices.
fn indices(value: &Value) -> Vec<usize> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| usize::try_from(v.as_u64().unwrap()).unwrap())
        .collect()
}

/// Ours against NetworkX's, node by node, to 1e-12 relative.
fn assert_values(what: &str, expected: &[f64], ours: &[f64]) {
    assert_eq!(expected.len(), ours.len(), "{what}");
    for (node, (e, o)) in expected.iter().zip(ours).enumerate() {
        assert!(
            (e - o).abs() <= 1e-12 * e.abs().max(1.0),
            "{what} of node {node}: NetworkX {e}, ours {o}"
        );
    }
}

fn assert_close(fixture: &Fixture, metric: &str, ours: &[f64]) {
    assert_values(
        &format!("{} {metric}", fixture.name),
        &floats(&fixture.metrics[metric]),
        ours,
    );
}

#[test]
fn path_based_centralities_match_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        for threads in [Threads::ONE, Threads::new(2), Threads::new(5)] {
            assert_close(&f, "betweenness", &betweenness(&f.graph, threads));
            assert_close(&f, "closeness", &closeness(&f.graph, threads));
            assert_close(&f, "harmonic", &harmonic(&f.graph, threads));
        }
    }
}

fn pairs(value: &Value) -> Vec<(usize, usize)> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let p = p.as_array().unwrap();
            (
                usize::try_from(p[0].as_u64().unwrap()).unwrap(),
                usize::try_from(p[1].as_u64().unwrap()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn structure_matches_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        assert_close(&f, "clustering", &clustering(&f.graph));
        #[allow(clippy::cast_precision_loss, reason = "small core numbers")]
        let cores: Vec<f64> = core_numbers(&f.graph).iter().map(|&c| c as f64).collect();
        assert_close(&f, "core", &cores);
        let expected = f.data["transitivity"].as_f64().unwrap();
        assert!(
            (transitivity(&f.graph) - expected).abs() < 1e-12,
            "{}",
            f.name
        );
        let cuts = cut_sets(&f.graph);
        let points = indices(&f.data["articulation_points"]);
        assert_eq!(cuts.articulation_points, points, "{}", f.name);
        assert_eq!(cuts.bridges, pairs(&f.data["bridges"]), "{}", f.name);
    }
}

#[test]
fn power_iterations_match_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        let pr = pagerank(&f.graph, 0.85).unwrap();
        assert_close(&f, "pagerank", &pr);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let ev = eigenvector(&f.graph).unwrap();
        assert_close(&f, "eigenvector", &ev);
        assert!((ev.iter().map(|v| v * v).sum::<f64>() - 1.0).abs() < 1e-12);
    }
}

#[test]
fn structural_holes_match_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        assert_close(&f, "constraint", &constraint(&f.graph));
        assert_close(&f, "effective_size", &effective_size(&f.graph));
    }
}

#[test]
fn link_suggestions_match_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        for (score, key) in [
            (Score::AdamicAdar, "adamic_adar"),
            (Score::ResourceAllocation, "resource_allocation"),
        ] {
            let mut ours = suggest(&f.graph, score, usize::MAX);
            ours.sort_by_key(|s| s.pair);
            let expected = f.data[key].as_array().unwrap();
            assert_eq!(ours.len(), expected.len(), "{} {key}", f.name);
            for (o, e) in ours.iter().zip(expected) {
                let e = e.as_array().unwrap();
                let pair = (
                    usize::try_from(e[0].as_u64().unwrap()).unwrap(),
                    usize::try_from(e[1].as_u64().unwrap()).unwrap(),
                );
                let value = e[2].as_f64().unwrap();
                assert_eq!(o.pair, pair, "{} {key}", f.name);
                assert!((o.score - value).abs() < 1e-12, "{} {key} {pair:?}", f.name);
            }
        }
    }
}

#[test]
fn the_club_mixing_matrix_matches_networkx() {
    let f = fixture("karate.json");
    let clubs = indices(&f.data["club"]);
    let expected: Vec<Vec<u64>> = f.data["mixing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(mixing_matrix(&f.graph, &clubs, 2).unwrap(), expected);
    // E-I from the same counts: 11 ties across, (70 + 64) / 2 = 67 inside.
    let ei = ei_index(&f.graph, &clubs, 2).unwrap();
    assert!((ei.graph - (11.0 - 67.0) / 78.0).abs() < 1e-12);
}

#[test]
fn modularity_and_louvain_match_networkx() {
    let karate = fixture("karate.json");
    let clubs = indices(&karate.data["club"]);
    let expected = karate.data["club_modularity"].as_f64().unwrap();
    assert!((modularity(&karate.graph, &clubs).unwrap() - expected).abs() < 1e-12);
    // Louvain is randomised in both: over seeds 0–19, ours must do as well as NetworkX's at
    // the worst seed and at the median.
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        let worst = f.data["louvain_modularity"]["min"].as_f64().unwrap();
        let median = f.data["louvain_modularity"]["median"].as_f64().unwrap();
        let mut ours: Vec<f64> = (0..20)
            .map(|seed| {
                let p = louvain(&f.graph, seed);
                assert!((modularity(&f.graph, &p.labels).unwrap() - p.modularity).abs() < 1e-12);
                p.modularity
            })
            .collect();
        ours.sort_by(f64::total_cmp);
        let our_median = f64::midpoint(ours[9], ours[10]);
        assert!(
            ours[0] >= worst - 0.005,
            "{}: worst {} vs {worst}",
            f.name,
            ours[0]
        );
        assert!(
            our_median >= median - 0.01,
            "{}: median {our_median} vs {median}",
            f.name
        );
    }
}

#[test]
fn edge_betweenness_matches_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        for threads in [Threads::ONE, Threads::new(2)] {
            let ours = edge_betweenness(&f.graph, threads);
            assert_edge_values(&f, &ours, &f.data["edge_betweenness"]);
        }
    }
}

/// Edge values against NetworkX's `[a, b, value]` list, in the same order.
fn assert_edge_values(f: &Fixture, ours: &[((usize, usize), f64)], expected: &Value) {
    let expected = expected.as_array().unwrap();
    assert_eq!(ours.len(), expected.len());
    for (o, e) in ours.iter().zip(expected) {
        let e = e.as_array().unwrap();
        let pair = (
            usize::try_from(e[0].as_u64().unwrap()).unwrap(),
            usize::try_from(e[1].as_u64().unwrap()).unwrap(),
        );
        let value = e[2].as_f64().unwrap();
        assert_eq!(o.0, pair, "{}", f.name);
        assert!(
            (o.1 - value).abs() <= 1e-12 * value.max(1.0),
            "{} {pair:?}: NetworkX {value}, ours {}",
            f.name,
            o.1
        );
    }
}

/// The fixture's graph with its edge weights.
fn weighted(f: &Fixture) -> Graph {
    let edges: Vec<(usize, usize, f64)> = pairs(&f.data["edges"])
        .into_iter()
        .zip(floats(&f.data["weights"]))
        .map(|((a, b), w)| (a, b, w))
        .collect();
    Graph::from_weighted_edges(f.graph.node_count(), &edges, Direction::Undirected).unwrap()
}

/// Ours against a NetworkX value computed with weights.
fn assert_weighted(f: &Fixture, metric: &str, ours: &[f64]) {
    assert_values(
        &format!("{} weighted {metric}", f.name),
        &floats(&f.data["weighted"][metric]),
        ours,
    );
}

#[test]
fn weighted_path_measures_read_weights_as_lengths_as_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        let g = weighted(&f);
        for threads in [Threads::ONE, Threads::new(2), Threads::new(3)] {
            assert_weighted(&f, "betweenness", &betweenness(&g, threads));
            assert_weighted(&f, "closeness", &closeness(&g, threads));
            assert_weighted(&f, "harmonic", &harmonic(&g, threads));
            assert_edge_values(
                &f,
                &edge_betweenness(&g, threads),
                &f.data["edge_betweenness_weighted"],
            );
        }
        // Stripping the weights gives the unweighted values back.
        assert_close(
            &f,
            "betweenness",
            &betweenness(&g.unweighted(), Threads::ONE),
        );
    }
}

#[test]
fn weighted_structural_holes_and_communities_read_weights_as_strengths() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        let g = weighted(&f);
        assert_weighted(&f, "constraint", &constraint(&g));
        assert_weighted(&f, "effective_size", &effective_size(&g));
        let worst = f.data["louvain_modularity_weighted"]["min"]
            .as_f64()
            .unwrap();
        let mut ours: Vec<f64> = (0..20)
            .map(|seed| {
                let p = louvain(&g, seed);
                assert!((modularity(&g, &p.labels).unwrap() - p.modularity).abs() < 1e-12);
                p.modularity
            })
            .collect();
        ours.sort_by(f64::total_cmp);
        assert!(
            ours[0] >= worst - 0.005,
            "{}: {} vs {worst}",
            f.name,
            ours[0]
        );
        // A partition is judged by the weights: NetworkX's value for the two clubs.
        if let Some(clubs) = f.data.get("club") {
            let expected = f.data["club_modularity_weighted"].as_f64().unwrap();
            let ours = modularity(&g, &indices(clubs)).unwrap();
            assert!((ours - expected).abs() < 1e-12, "{ours} vs {expected}");
        }
    }
}

#[test]
fn weighted_pagerank_and_eigenvector_match_networkx() {
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        let g = weighted(&f);
        assert_values(
            &format!("{} weighted pagerank", f.name),
            &floats(&f.data["pagerank_weighted"]),
            &pagerank(&g, 0.85).unwrap(),
        );
        assert_values(
            &format!("{} weighted eigenvector", f.name),
            &floats(&f.data["eigenvector_weighted"]),
            &eigenvector(&g).unwrap(),
        );
    }
}

#[test]
fn sampled_betweenness_keeps_its_stated_bound_and_ignores_the_thread_count() {
    use praevnetz_graph::centrality::{Accuracy, betweenness_sampled};
    for file in ["karate.json", "lesmis.json"] {
        let f = fixture(file);
        let exact = floats(&f.metrics["betweenness"]);
        for seed in 0..5 {
            let accuracy = Accuracy {
                epsilon: 0.03,
                delta: 0.01,
                seed,
            };
            let one = betweenness_sampled(&f.graph, accuracy, Threads::ONE);
            let two = betweenness_sampled(&f.graph, accuracy, Threads::new(2));
            assert_eq!(one, two, "{} seed {seed}", f.name);
            assert!(one.samples > 1000 && one.epsilon > 0.03, "{one:?}");
            let worst = exact
                .iter()
                .zip(&one.values)
                .map(|(e, o)| (e - o).abs())
                .fold(0.0, f64::max);
            assert!(
                worst <= one.epsilon,
                "{} seed {seed}: off by {worst}",
                f.name
            );
            // The estimate is an estimate, not the exact values by another name.
            assert!(worst > 0.0);
        }
    }
}

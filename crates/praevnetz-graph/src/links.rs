//! Suggested new ties: pairs without a tie that share contacts, scored as NetworkX's link
//! prediction indices (Liben-Nowell & Kleinberg 2007, "The link-prediction problem for social
//! networks", JASIST 58(7)). Directions are ignored.

use crate::Graph;
use crate::structure::undirected;

/// How a pair without a tie is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// Σ 1 / ln(deg w) over the shared contacts w (`networkx.adamic_adar_index`; Adamic &
    /// Adar 2003).
    AdamicAdar,
    /// Σ 1 / deg w over the shared contacts w (`networkx.resource_allocation_index`; Zhou, Lü &
    /// Zhang 2009).
    ResourceAllocation,
}

/// A suggested tie.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Suggestion {
    /// The pair, `a < b`.
    pub pair: (usize, usize),
    /// Its score (higher first).
    pub score: f64,
    /// How many contacts the two share.
    pub shared: usize,
}

/// The `limit` best-scored pairs without a tie that share at least one contact, best first
/// (ties in score broken by the pair, ascending). Pairs without shared contacts score 0 in
/// NetworkX and are never suggested here. O(Σ deg²) time, O(n) memory per node.
///
/// ```
/// use praevnetz_graph::{Direction, Graph, links::{suggest, Score}};
/// // Two contacts of node 0 who do not know each other yet.
/// let g = Graph::from_edges(3, &[(0, 1), (0, 2)], Direction::Undirected)?;
/// let s = suggest(&g, Score::ResourceAllocation, 10);
/// assert_eq!(s.len(), 1);
/// assert_eq!((s[0].pair, s[0].score, s[0].shared), ((1, 2), 0.5, 1));
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
#[allow(clippy::cast_precision_loss, reason = "degrees far below 2^52")]
pub fn suggest(graph: &Graph, score: Score, limit: usize) -> Vec<Suggestion> {
    let g = undirected(graph);
    let n = g.node_count();
    let weight = |w: usize| {
        let d = g.neighbors(w).len() as f64;
        match score {
            Score::AdamicAdar => 1.0 / d.ln(),
            Score::ResourceAllocation => 1.0 / d,
        }
    };
    let mut found = Vec::new();
    let mut sum = vec![0.0; n];
    let mut count = vec![0_usize; n];
    let mut touched = Vec::new();
    for a in 0..n {
        for &w in g.neighbors(a) {
            // A shared contact has at least two contacts, so ln(deg) > 0.
            let share = weight(w);
            for &b in g.neighbors(w) {
                if b > a {
                    if count[b] == 0 {
                        touched.push(b);
                    }
                    sum[b] += share;
                    count[b] += 1;
                }
            }
        }
        for &b in &touched {
            if g.neighbors(a).binary_search(&b).is_err() {
                found.push(Suggestion {
                    pair: (a, b),
                    score: sum[b],
                    shared: count[b],
                });
            }
            sum[b] = 0.0;
            count[b] = 0;
        }
        touched.clear();
    }
    found.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.pair.cmp(&y.pair)));
    found.truncate(limit);
    found
}

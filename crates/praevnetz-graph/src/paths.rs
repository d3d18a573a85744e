//! Paths between two actors and the neighbourhood of one (its ego network).

use crate::{Graph, NodeOutOfRange};

fn check(graph: &Graph, node: usize) -> Result<(), NodeOutOfRange> {
    if node < graph.node_count() {
        Ok(())
    } else {
        Err(NodeOutOfRange {
            node,
            nodes: graph.node_count(),
        })
    }
}

/// A shortest path from `from` to `to` along edges (successors for directed graphs), as
/// `networkx.shortest_path` without weights: the node list from `from` to `to`, `None` if `to`
/// cannot be reached. Among several shortest paths this is the one breadth-first search finds
/// first (smaller neighbours first), so the answer is deterministic. O(n + m).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, paths::shortest_path};
/// // Youth club 3 reaches the police 0 through the town hall 1 or the school 2.
/// let g = Graph::from_edges(4, &[(0, 1), (0, 2), (1, 3), (2, 3)], Direction::Undirected)?;
/// assert_eq!(shortest_path(&g, 3, 0)?, Some(vec![3, 1, 0]));
/// assert_eq!(shortest_path(&g, 0, 0)?, Some(vec![0]));
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
///
/// # Errors
/// [`NodeOutOfRange`] for a node not in the graph.
pub fn shortest_path(
    graph: &Graph,
    from: usize,
    to: usize,
) -> Result<Option<Vec<usize>>, NodeOutOfRange> {
    check(graph, from)?;
    check(graph, to)?;
    let n = graph.node_count();
    let mut parent = vec![usize::MAX; n];
    parent[from] = from;
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(v) = queue.pop_front() {
        if v == to {
            break;
        }
        for &w in graph.neighbors(v) {
            if parent[w] == usize::MAX {
                parent[w] = v;
                queue.push_back(w);
            }
        }
    }
    if parent[to] == usize::MAX {
        return Ok(None);
    }
    let mut path = vec![to];
    let mut v = to;
    while v != from {
        v = parent[v];
        path.push(v);
    }
    path.reverse();
    Ok(Some(path))
}

/// The nodes of `center`'s ego network of the given `radius`, as the nodes of
/// `networkx.ego_graph(G, center, radius)`: every node within `radius` steps along edges
/// (successors for directed graphs), the centre included, ascending. The ego network itself is
/// the subgraph these nodes induce. O(n + m).
///
/// ```
/// use praevnetz_graph::{Direction, Graph, paths::ego_nodes};
/// let path = Graph::from_edges(5, &[(0, 1), (1, 2), (2, 3), (3, 4)], Direction::Undirected)?;
/// assert_eq!(ego_nodes(&path, 2, 1)?, vec![1, 2, 3]);
/// assert_eq!(ego_nodes(&path, 0, 2)?, vec![0, 1, 2]);
/// # Ok::<(), praevnetz_graph::NodeOutOfRange>(())
/// ```
///
/// # Errors
/// [`NodeOutOfRange`] if `center` is not in the graph.
pub fn ego_nodes(
    graph: &Graph,
    center: usize,
    radius: usize,
) -> Result<Vec<usize>, NodeOutOfRange> {
    check(graph, center)?;
    let n = graph.node_count();
    let mut distance = vec![usize::MAX; n];
    distance[center] = 0;
    let mut queue = std::collections::VecDeque::from([center]);
    let mut found = Vec::new();
    while let Some(v) = queue.pop_front() {
        found.push(v);
        if distance[v] == radius {
            continue;
        }
        for &w in graph.neighbors(v) {
            if distance[w] == usize::MAX {
                distance[w] = distance[v] + 1;
                queue.push_back(w);
            }
        }
    }
    found.sort_unstable();
    Ok(found)
}

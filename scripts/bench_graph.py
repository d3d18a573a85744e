"""Times NetworkX, igraph and rustworkx on an edge list, for scripts/bench-graph.

    python bench_graph.py EDGES ALGORITHM...

Prints one JSON object per tool and algorithm (median of RUNS runs, seconds); an algorithm a
tool does not offer is left out, one that is skipped for size is reported with "skipped".
The graph is read once per tool, outside the timing.
"""

import json
import os
import statistics
import sys
import time

import igraph
import networkx as nx
import rustworkx as rx

RUNS = int(os.environ.get("RUNS", "3"))
# NetworkX's pure-Python path measures take hours above this size (about 290 s for exact
# betweenness at 10,000 nodes and 50,000 edges here).
NX_PATH_LIMIT = int(os.environ.get("NX_PATH_LIMIT", "20000"))


def load(path):
    g = nx.read_edgelist(path, nodetype=int)
    g.add_nodes_from(range(max(g.nodes) + 1))
    ig = igraph.Graph(n=g.number_of_nodes(), edges=list(g.edges()), directed=False)
    rg = rx.PyGraph()
    rg.add_nodes_from(range(g.number_of_nodes()))
    rg.add_edges_from_no_data(list(g.edges()))
    rd = rx.PyDiGraph()
    rd.add_nodes_from(range(g.number_of_nodes()))
    rd.add_edges_from_no_data([e for a, b in g.edges() for e in ((a, b), (b, a))])
    return g, ig, rg, rd


def algorithms(g, ig, rg, rd):
    big = g.number_of_nodes() > NX_PATH_LIMIT
    return {
        "networkx": {
            "betweenness": None if big else lambda: nx.betweenness_centrality(g),
            "closeness": None if big else lambda: nx.closeness_centrality(g),
            "harmonic": None if big else lambda: nx.harmonic_centrality(g),
            "pagerank": lambda: nx.pagerank(g),
            "louvain": lambda: nx.community.louvain_communities(g, seed=1),
            "constraint": None if big else lambda: nx.constraint(g),
            "core": lambda: nx.core_number(g),
            "cut_sets": lambda: list(nx.articulation_points(g)),
        },
        "igraph": {
            "betweenness": lambda: ig.betweenness(),
            "closeness": lambda: ig.closeness(),
            "harmonic": lambda: ig.harmonic_centrality(),
            "pagerank": lambda: ig.pagerank(),
            "louvain": lambda: ig.community_multilevel(),
            "constraint": lambda: ig.constraint(),
            "core": lambda: ig.coreness(),
            "cut_sets": lambda: ig.articulation_points(),
        },
        "rustworkx": {
            "betweenness": lambda: rx.betweenness_centrality(rg),
            "closeness": lambda: rx.closeness_centrality(rg),
            "pagerank": lambda: rx.pagerank(rd),
            "core": lambda: rx.core_number(rg),
            "cut_sets": lambda: rx.articulation_points(rg),
        },
    }


def main():
    path, wanted = sys.argv[1], sys.argv[2:]
    graphs = load(path)
    versions = {"networkx": nx.__version__, "igraph": igraph.__version__, "rustworkx": rx.__version__}
    for tool, table in algorithms(*graphs).items():
        for name in wanted:
            if name not in table:
                continue
            run = table[name]
            record = {"tool": tool, "version": versions[tool], "algorithm": name}
            if run is None:
                record["skipped"] = f"more than {NX_PATH_LIMIT} nodes"
            else:
                # NetworkX's path measures take minutes each: one run.
                slow = tool == "networkx" and name in ("betweenness", "closeness", "harmonic", "constraint")
                runs = 1 if slow else RUNS
                times = []
                for _ in range(runs):
                    start = time.perf_counter()
                    run()
                    times.append(time.perf_counter() - start)
                record.update(median=statistics.median(times), runs=runs)
            print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()

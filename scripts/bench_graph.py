"""Times NetworkX, igraph and rustworkx on an edge list, for scripts/bench-graph.

    python bench_graph.py EDGES ALGORITHM...

Prints one JSON object per tool and algorithm (median of RUNS runs, seconds); an algorithm a
tool does not offer is left out, one that is skipped for size is reported with "skipped".
The graph is read once per tool, outside the timing. Louvain also reports the modularity of
each run's partition (computed outside the timing).

With ESTIMATE_FROM (a results file of scripts/bench-graph) and ESTIMATE_GRAPH (a smaller graph
in it), a path measure is estimated from that graph's median times the ratio of n·m; a run
estimated above SLOW_LIMIT seconds is skipped, and a skipped run reports its estimate.
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
# NetworkX's pure-Python path measures take hours above this size (387 s and 447 s for exact
# betweenness at 10,000 nodes and 37,000 or 50,000 edges here, 2026-12-05).
NX_PATH_LIMIT = int(os.environ.get("NX_PATH_LIMIT", "20000"))
# A single run estimated above this (seconds) is skipped. The n·m estimate falls short at
# 100,000 persons: our own exact betweenness took 1.6 times its estimate there (2026-12-05),
# so 930 s keeps the expected run under about 25 minutes.
SLOW_LIMIT = float(os.environ.get("SLOW_LIMIT", "930"))
PATH_MEASURES = ("betweenness", "closeness", "harmonic")


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
    }


def modularity(g):
    """The modularity of a run's result, per tool, for Louvain."""
    return {
        "igraph": lambda r: r.modularity,
        "networkx": lambda r: nx.community.modularity(g, r),
    }


def estimates(g):
    """Expected seconds per (tool, algorithm) for the path measures on g, from the medians on
    the smaller graph ESTIMATE_GRAPH in ESTIMATE_FROM times the ratio of n·m."""
    source, small = os.environ.get("ESTIMATE_FROM"), os.environ.get("ESTIMATE_GRAPH")
    if not source or not small or not os.path.exists(source):
        return {}
    records = [json.loads(line) for line in open(source) if line.startswith("{")]
    records = [r for r in records if r.get("graph") == small]
    size = next((r for r in records if "nodes" in r), None)
    if size is None:
        return {}
    ratio = g.number_of_nodes() * g.number_of_edges() / (size["nodes"] * size["edges"])
    return {
        (r["tool"], r["algorithm"]): r["median"] * ratio
        for r in records
        if r["algorithm"] in PATH_MEASURES and "median" in r
    }


def main():
    path, wanted = sys.argv[1], sys.argv[2:]
    graphs = load(path)
    quality = modularity(graphs[0])
    expected = estimates(graphs[0])
    versions = {"networkx": nx.__version__, "igraph": igraph.__version__, "rustworkx": rx.__version__}
    for tool, table in algorithms(*graphs).items():
        for name in wanted:
            if name not in table:
                continue
            run = table[name]
            record = {"tool": tool, "version": versions[tool], "algorithm": name}
            estimate = expected.get((tool, name))
            if estimate is not None:
                record["estimate"] = round(estimate, 1)
                record["estimate_from"] = os.environ["ESTIMATE_GRAPH"] + " median times the n*m ratio"
            if run is None:
                record["skipped"] = f"more than {NX_PATH_LIMIT} nodes"
            elif estimate is not None and estimate > SLOW_LIMIT:
                record["skipped"] = f"estimated above {SLOW_LIMIT:.0f} s"
            else:
                # NetworkX's path measures take minutes each: one run.
                slow = tool == "networkx" and name in ("betweenness", "closeness", "harmonic", "constraint")
                runs = 1 if slow else RUNS
                times, results = [], []
                for _ in range(runs):
                    start = time.perf_counter()
                    results.append(run())
                    times.append(time.perf_counter() - start)
                record.update(median=statistics.median(times), runs=runs)
                if name == "louvain" and tool in quality:
                    record["modularity"] = [round(quality[tool](r), 4) for r in results]
            print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()

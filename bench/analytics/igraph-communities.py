"""Peer for bench/analytics/leiden-vs-igraph.ts: python-igraph community detection on an edge file.

usage: /usr/bin/python3 igraph-communities.py EDGES NODE_COUNT leiden|louvain ITERATIONS SEED OUT_MEMBERSHIP
Writes the membership as little-endian int32 to OUT_MEMBERSHIP and one JSON line to stdout.
"""
import json
import random
import resource
import sys
import time
from array import array

import igraph

edges_path, node_count, algorithm, iterations, seed, out_path = sys.argv[1:7]
node_count = int(node_count)
random.seed(int(seed))

t0 = time.perf_counter()
graph = igraph.Graph.Read_Edgelist(edges_path, directed=False)
if graph.vcount() < node_count:
    graph.add_vertices(node_count - graph.vcount())
t1 = time.perf_counter()
c1 = time.process_time()
if algorithm == "leiden":
    clustering = graph.community_leiden(
        objective_function="modularity", resolution_parameter=1.0, beta=0.01, n_iterations=int(iterations)
    )
elif algorithm == "louvain":
    clustering = graph.community_multilevel()
else:
    raise SystemExit(f"unknown algorithm {algorithm}")
t2 = time.perf_counter()
c2 = time.process_time()
membership = array("i", clustering.membership)
if sys.byteorder != "little":
    membership.byteswap()
with open(out_path, "wb") as handle:
    membership.tofile(handle)
print(
    json.dumps(
        {
            "implementation": f"python-igraph {igraph.__version__}",
            "loadSeconds": t1 - t0,
            "algorithmSeconds": t2 - t1,
            "algorithmCpuSeconds": c2 - c1,
            "communities": len(clustering),
            "modularity": graph.modularity(clustering.membership),
            "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    )
)

"""Peer for bench/analytics/betweenness-vs-igraph.ts: python-igraph betweenness on an edge file.

usage: /usr/bin/python3 igraph-betweenness.py EDGES NODE_COUNT OUT_VALUES
Writes unnormalised betweenness (each unordered pair once) as little-endian float64 to OUT_VALUES
and one JSON line (timings) to stdout.
"""
import json
import sys
import time
from array import array

import igraph

edges_path, node_count, out_path = sys.argv[1:4]
graph = igraph.Graph.Read_Edgelist(edges_path, directed=False)
if graph.vcount() < int(node_count):
    graph.add_vertices(int(node_count) - graph.vcount())
graph.simplify()
t0 = time.perf_counter()
values = graph.betweenness(directed=False)
t1 = time.perf_counter()
out = array("d", values)
if sys.byteorder != "little":
    out.byteswap()
with open(out_path, "wb") as handle:
    out.tofile(handle)
print(json.dumps({"implementation": f"python-igraph {igraph.__version__}", "seconds": t1 - t0}))

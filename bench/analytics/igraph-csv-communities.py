"""Peer for bench/analytics/end-to-end-bench.ts: python-igraph's whole process on Musubi's relations CSV.

usage: /usr/bin/python3 igraph-csv-communities.py RELATIONS_CSV ITERATIONS SEED OUT_JSON
Reads the CSV (source_id,target_id,...) with Python's csv module, builds an undirected Graph over
the actor ids, runs Leiden on modularity (resolution 1, beta 0.01) and writes
{"ids": [...], "membership": [...]} to OUT_JSON; prints one JSON line with timings.
"""
import csv
import json
import random
import resource
import sys
import time

import igraph

relations_path, iterations, seed, out_path = sys.argv[1:5]
random.seed(int(seed))

t0 = time.perf_counter()
index = {}
edges = []
with open(relations_path, newline="", encoding="utf-8") as handle:
    reader = csv.reader(handle)
    next(reader)
    for row in reader:
        u = index.setdefault(row[0], len(index))
        v = index.setdefault(row[1], len(index))
        edges.append((u, v))
graph = igraph.Graph(n=len(index), edges=edges, directed=False)
del edges
t1 = time.perf_counter()
clustering = graph.community_leiden(
    objective_function="modularity", resolution_parameter=1.0, beta=0.01, n_iterations=int(iterations)
)
t2 = time.perf_counter()
ids = [None] * len(index)
for key, at in index.items():
    ids[at] = key
with open(out_path, "w", encoding="utf-8") as handle:
    json.dump({"ids": ids, "membership": clustering.membership}, handle)
print(
    json.dumps(
        {
            "implementation": f"python-igraph {igraph.__version__}",
            "readSeconds": t1 - t0,
            "leidenSeconds": t2 - t1,
            "communities": len(clustering),
            "modularity": graph.modularity(clustering.membership),
            "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        }
    )
)

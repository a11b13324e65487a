"""Peer for bench/analytics/end-to-end-bench.ts: python-igraph's whole process on Musubi's relations CSV.

usage: /usr/bin/python3 igraph-csv-communities.py RELATIONS_CSV ITERATIONS SEED OUT_JSON
Reads the CSV (source_id,target_id,...) as its best users would: the file split in one pass, the
endpoint ids numbered with numpy (`np.unique(..., return_inverse=True)`), then `Graph(n, edges)`;
runs Leiden on modularity (resolution 1, beta 0.01) and writes {"ids": [...], "membership": [...]}
to OUT_JSON; prints one JSON line with timings. Needs Debian's python3-numpy beside python3-igraph.
"""
import json
import random
import resource
import sys
import time

import igraph
import numpy as np

relations_path, iterations, seed, out_path = sys.argv[1:5]
random.seed(int(seed))

t0 = time.perf_counter()
with open(relations_path, "rb") as handle:
    header = handle.readline().rstrip(b"\r\n").split(b",")
    data = handle.read()
width = len(header)
tokens = data.replace(b"\r", b"").replace(b"\n", b",").split(b",")
if tokens and tokens[-1] == b"":
    tokens.pop()
del data
ends = np.array(tokens[0::width] + tokens[1::width])
del tokens
names, numbers = np.unique(ends, return_inverse=True)
half = len(numbers) // 2
edges = np.column_stack((numbers[:half], numbers[half:]))
graph = igraph.Graph(n=len(names), edges=edges.tolist(), directed=False)
del edges, ends, numbers
t1 = time.perf_counter()
clustering = graph.community_leiden(
    objective_function="modularity", resolution_parameter=1.0, beta=0.01, n_iterations=int(iterations)
)
t2 = time.perf_counter()
ids = [name.decode("utf-8") for name in names]
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

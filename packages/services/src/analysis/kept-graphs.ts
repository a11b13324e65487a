/**
 * The actor graph of a loaded network and what depends on the graph alone (PageRank percentiles),
 * kept while that network's relations live (the server's network cache holds one per data state):
 * the brokers and gap filling for every community and wheel sector ask for the same graph, which
 * at a million organisations takes seconds to build and rank.
 */
import {
  buildActorGraphFromColumns,
  type ActorGraph,
  type ActorGraphOptions,
} from '#analytics/abc/actor-graph.ts';
import { strengthPercentiles } from '#analytics/abc/gap-fill.ts';
import type { NetworkActor } from '#core/network-columns.ts';
import { compactNetworkOf, type AnyNetwork } from './load-network.ts';

/** Graphs kept per network: a few option sets at most (the date of "today" moves the key). */
const KEPT_PER_NETWORK = 2;

const graphs = new WeakMap<object, Map<string, ActorGraph<NetworkActor>>>();
const strengths = new WeakMap<object, Float64Array>();

/** The graph of `network` under `options`, and the options as text (the key of what is kept). */
export function keptActorGraph(
  network: AnyNetwork,
  options: ActorGraphOptions,
): { graph: ActorGraph<NetworkActor>; graphKey: string } {
  const graphKey = JSON.stringify(options);
  const forNetwork = graphs.get(network.relations) ?? new Map<string, ActorGraph<NetworkActor>>();
  graphs.set(network.relations, forNetwork);
  const known = forNetwork.get(graphKey);
  if (known) return { graph: known, graphKey };
  const { actors, relations } = compactNetworkOf(network);
  const graph = buildActorGraphFromColumns(actors, relations, options);
  if (forNetwork.size >= KEPT_PER_NETWORK) {
    const oldest = forNetwork.keys().next().value;
    if (oldest !== undefined) forNetwork.delete(oldest);
  }
  forNetwork.set(graphKey, graph);
  return { graph, graphKey };
}

/** Each node's PageRank percentile in a kept graph (see `strengthPercentiles`). */
export function keptStrength(graph: ActorGraph<NetworkActor>): Float64Array {
  const known = strengths.get(graph);
  if (known) return known;
  const strength = strengthPercentiles(graph.graph);
  strengths.set(graph, strength);
  return strength;
}

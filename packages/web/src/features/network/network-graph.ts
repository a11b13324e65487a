import Graph from 'graphology';
import type { WebNetwork } from '../../api/types.ts';
import { sectorColour } from '#core/sector-colours.ts';
import { communityColour } from '../../colors.ts';

export type ColourMode = 'community' | 'sector';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  /** Null for small nodes of very large graphs: sigma skips them in its label grid. */
  label: string | null;
  color: string;
  community: number;
  sector: string;
}

export interface EdgeAttributes {
  color: string;
  size: number;
  /** The tie's strength (type weight × own weight, summed over the pair). */
  weight: number;
}

export const EDGE_COLOUR = 'rgba(70, 80, 100, 0.32)';
/** Ties of the selected actor, and actors outside its neighbourhood. */
export const EDGE_SELECTED_COLOUR = 'rgba(20, 24, 32, 0.85)';
export const FADED_NODE_COLOUR = '#dde1e7';
/** Edge widths (px) from the weakest to the strongest tie on screen. */
export const EDGE_MIN_SIZE = 0.4;
export const EDGE_MAX_SIZE = 3.2;

/** Width of a tie: the square root of its weight's share of the strongest, between the bounds. */
export function edgeSize(weight: number, maxWeight: number): number {
  if (maxWeight <= 0) return EDGE_MIN_SIZE;
  const share = Math.sqrt(Math.max(0, weight) / maxWeight);
  return EDGE_MIN_SIZE + (EDGE_MAX_SIZE - EDGE_MIN_SIZE) * Math.min(1, share);
}

export function nodeColour(mode: ColourMode, community: number, sector: string): string {
  return mode === 'community' ? communityColour(community) : sectorColour(sector);
}

/** Builds the graphology graph from the columnar response; positions come from the server. */
export function buildGraph(
  data: WebNetwork,
  mode: ColourMode,
): Graph<NodeAttributes, EdgeAttributes> {
  const graph = new Graph<NodeAttributes, EdgeAttributes>({
    type: 'undirected',
    multi: false,
    allowSelfLoops: false,
  });
  const { nodes, edges } = data;
  // Beyond 20,000 nodes only well-connected actors carry a canvas label (the rest are named in the
  // side panel when clicked or searched): indexing 50,000 labels costs a second in sigma.
  const labelMinSize = data.nodeCount > 20_000 ? 5 : 0;
  for (let i = 0; i < data.nodeCount; i++) {
    const sector = data.sectors[nodes.sector[i] ?? 0] ?? 'other';
    const community = nodes.community[i] ?? -1;
    graph.addNode(nodes.id[i] ?? String(i), {
      x: nodes.x[i] ?? 0,
      y: nodes.y[i] ?? 0,
      size: nodes.size[i] ?? 1,
      label: (nodes.size[i] ?? 0) >= labelMinSize ? (nodes.label[i] ?? '') : null,
      color: nodeColour(mode, community, sector),
      community,
      sector,
    });
  }
  let maxWeight = 0;
  for (let e = 0; e < data.edgeCount; e++) maxWeight = Math.max(maxWeight, edges.weight[e] ?? 1);
  for (let e = 0; e < data.edgeCount; e++) {
    const source = nodes.id[edges.source[e] ?? 0];
    const target = nodes.id[edges.target[e] ?? 0];
    if (source === undefined || target === undefined || source === target) continue;
    // The server sends each pair once; a repeated pair would be skipped rather than throw.
    if (graph.hasEdge(source, target)) continue;
    const weight = edges.weight[e] ?? 1;
    graph.addEdgeWithKey(e, source, target, {
      color: EDGE_COLOUR,
      size: edgeSize(weight, maxWeight),
      weight,
    });
  }
  return graph;
}

/** Case- and width-insensitive search over labels and ids, best (prefix) matches first. */
export function searchNodes(data: WebNetwork, query: string, limit = 10): number[] {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase();
  const needle = fold(query.trim());
  if (!needle) return [];
  const prefix: number[] = [];
  const inner: number[] = [];
  for (let i = 0; i < data.nodeCount && prefix.length < limit; i++) {
    const label = fold(data.nodes.label[i] ?? '');
    if (label.startsWith(needle)) prefix.push(i);
    else if (
      inner.length < limit &&
      (label.includes(needle) || fold(data.nodes.id[i] ?? '') === needle)
    )
      inner.push(i);
  }
  return [...prefix, ...inner].slice(0, limit);
}

/** The selected actor's neighbours (empty when nothing or an unknown node is selected). */
export function neighboursOf(
  graph: Graph<NodeAttributes, EdgeAttributes>,
  node: string | null,
): Set<string> {
  if (node === null || !graph.hasNode(node)) return new Set();
  return new Set(graph.neighbors(node));
}

/** Legend of tie widths: the weakest, middle and strongest weights drawn, with their widths. */
export function edgeWeightSteps(weights: readonly number[]): { weight: number; size: number }[] {
  if (weights.length === 0) return [];
  const sorted = [...weights].sort((a, b) => a - b);
  const max = sorted[sorted.length - 1] ?? 0;
  const picks = [sorted[0] ?? 0, sorted[Math.floor(sorted.length / 2)] ?? 0, max];
  return [...new Set(picks)].map((weight) => ({ weight, size: edgeSize(weight, max) }));
}

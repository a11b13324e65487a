/** The region at a glance (`/api/web/summary`) and the ABC network (`/api/web/network`). */
import { z } from 'zod';
import { creditsOf, provenanceSources } from '#connectors/connectors.ts';
import { DEFAULT_TYPE_WEIGHTS } from '#analytics/abc/actor-graph.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Clock } from '#core/ports.ts';
import { ACTOR_FLAGS, ACTOR_KINDS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import type { ZNetworkQuery } from '#contract/routes/web-data.ts';
import type { WebSnapshot } from './web-data-snapshot.ts';
import type { WebNetwork, WebSummary } from '#contract/web-data-types.ts';
import { fiscalYear, increment, ownerPrefecture, zeroes } from './web-data-maps.ts';

export function summary(
  snapshot: WebSnapshot,
  scope: { prefecture?: string; community?: string },
  clock: Clock,
): WebSummary {
  const n = snapshot.actors.length;
  const inScope = new Uint8Array(n);
  let communityIndex = -1;
  if (scope.community) {
    communityIndex = snapshot.communities.communities.findIndex((c) => c.id === scope.community);
    if (communityIndex < 0)
      throw new DomainError('not_found', `no community ${scope.community}`, { field: 'community' });
    for (const i of snapshot.communityMembers[communityIndex] ?? []) inScope[i] = 1;
  } else if (scope.prefecture) {
    snapshot.actors.forEach((a, i) => {
      if (a.prefectureCode === scope.prefecture) inScope[i] = 1;
    });
  } else inScope.fill(1);
  const within = (actorId: string) => {
    const i = snapshot.indexOf.get(actorId);
    return i !== undefined && inScope[i] === 1;
  };
  const placeMatches = (prefectureCode: string | undefined, ownerId: string | undefined) =>
    scope.community
      ? ownerId !== undefined && within(ownerId)
      : scope.prefecture
        ? (prefectureCode ?? ownerPrefecture(snapshot, ownerId)) === scope.prefecture
        : true;

  const bySector = zeroes(SECTORS);
  const byKind = zeroes(ACTOR_KINDS);
  const byFlag = zeroes(ACTOR_FLAGS);
  const research = { papers: 0, citations: 0, patents: 0 };
  let total = 0;
  snapshot.actors.forEach((a, i) => {
    if (!inScope[i]) return;
    total += 1;
    increment(bySector, a.sector);
    increment(byKind, a.kind);
    for (const flag of a.flags) increment(byFlag, flag);
    research.papers += a.papers ?? 0;
    research.citations += a.citations ?? 0;
    research.patents += a.patents ?? 0;
  });

  let internal = 0;
  let external = 0;
  const byType = zeroes(RELATION_TYPES);
  const { relations } = snapshot;
  for (let r = 0; r < relations.count; r++) {
    const inside =
      (inScope[relations.source[r] ?? 0] ?? 0) + (inScope[relations.target[r] ?? 0] ?? 0);
    if (inside === 0) continue;
    if (inside === 2) internal += 1;
    else external += 1;
    increment(byType, RELATION_TYPES[relations.type[r] ?? 0] ?? 'participation');
  }

  const today = clock.now().toISOString().slice(0, 10);
  const projects = snapshot.projects.filter((p) =>
    scope.community
      ? p.members.some((m) => within(m.actorId))
      : scope.prefecture
        ? p.prefectureCode === scope.prefecture
        : true,
  );
  const byStage: Record<string, number> = {};
  let active = 0;
  for (const p of projects) {
    increment(byStage, p.stage);
    const running = p.stage !== 'completed' && p.stage !== 'stopped';
    if (running && (!p.endDate || p.endDate >= today)) active += 1;
  }

  const seeds = snapshot.seeds.filter((s) => placeMatches(s.prefectureCode, s.ownerId));
  const needs = snapshot.publicNeeds.filter((s) => placeMatches(s.prefectureCode, s.ownerId));
  const projectAdoptions = new Set(projects.map((p) => p.adoptionId).filter(Boolean));
  const adoptions = snapshot.adoptions.filter((a) =>
    scope.community
      ? (a.coreInstitutionId !== undefined && within(a.coreInstitutionId)) ||
        projectAdoptions.has(a.id)
      : scope.prefecture
        ? a.prefectureCodes.includes(scope.prefecture)
        : true,
  );
  const currentFy = fiscalYear(clock.now());

  const indicatorValues: WebSummary['indicators']['values'] = {};
  let indicatorYear: number | null = null;
  const areaType = scope.community ? 'community' : 'prefecture';
  const relevant = snapshot.indicators.filter(
    (i) =>
      i.areaType === areaType &&
      (scope.community
        ? i.areaCode === scope.community
        : scope.prefecture
          ? i.areaCode === scope.prefecture
          : true),
  );
  for (const i of relevant)
    if (indicatorYear === null || i.year > indicatorYear) indicatorYear = i.year;
  for (const i of relevant) {
    if (i.year !== indicatorYear) continue;
    const entry = indicatorValues[i.metric] ?? { value: 0, unit: i.unit };
    entry.value += i.value;
    indicatorValues[i.metric] = entry;
  }

  const communities = snapshot.communities.communities
    .map((c, ci) => {
      let members = 0;
      for (const i of snapshot.communityMembers[ci] ?? []) members += inScope[i] ?? 0;
      return { id: c.id, name: c.name, nameEn: c.nameEn, size: c.size, members };
    })
    .filter((c) => c.members > 0)
    .sort((a, b) => b.members - a.members);

  return {
    scope: scope.community
      ? { type: 'community', code: scope.community }
      : scope.prefecture
        ? { type: 'prefecture', code: scope.prefecture }
        : { type: 'nation', code: null },
    actors: { total, bySector, byKind, byFlag },
    relations: { internal, external, byType },
    projects: { total: projects.length, active, byStage },
    seeds: { total: seeds.length, available: seeds.filter((s) => s.available).length },
    needs: { public: needs.length, open: needs.filter((s) => s.open).length },
    adoptions: {
      total: adoptions.length,
      ongoing: adoptions.filter((a) => a.endFy !== undefined && a.endFy >= currentFy).length,
      endUnknown: adoptions.filter((a) => a.endFy === undefined).length,
    },
    indicators: { year: indicatorYear, values: indicatorValues },
    research,
    communities,
    community:
      communityIndex >= 0 ? (snapshot.communities.communities[communityIndex] ?? null) : null,
    credits: creditsOf(
      provenanceSources([
        ...snapshot.actors.filter((_, i) => inScope[i] === 1),
        ...seeds,
        ...needs,
        ...adoptions,
        ...relevant,
      ]),
    ),
  };
}

// ---------------------------------------------------------------- network

/** A tie's strength as the communities' graph weighs it: its type's weight × its own weight. */
function tieWeight(snapshot: WebSnapshot, r: number): number {
  return (
    DEFAULT_TYPE_WEIGHTS[RELATION_TYPES[snapshot.relations.type[r] ?? 0] ?? 'participation'] *
    (snapshot.relations.weight[r] ?? 1)
  );
}

/**
 * Leaves at most `max` organisations kept: those without a drawn tie go first, then the least tied
 * (ties to the same count broken by position, so the answer is stable). Returns how many went.
 */
function keepAtMost(
  snapshot: WebSnapshot,
  keep: Uint8Array,
  touched: Uint8Array,
  max: number,
): number {
  const kept: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i]) kept.push(i);
  if (kept.length <= max) return 0;
  const order = kept.sort(
    (a, b) =>
      (touched[b] ?? 0) - (touched[a] ?? 0) ||
      (snapshot.degree[b] ?? 0) - (snapshot.degree[a] ?? 0) ||
      a - b,
  );
  for (let k = max; k < order.length; k++) keep[order[k] ?? 0] = 0;
  return order.length - max;
}

export function network(snapshot: WebSnapshot, query: z.output<typeof ZNetworkQuery>): WebNetwork {
  const n = snapshot.actors.length;
  const keep = new Uint8Array(n).fill(1);
  if (query.community && query.community.length > 0) {
    keep.fill(0);
    for (const id of query.community) {
      const ci = snapshot.communities.communities.findIndex((c) => c.id === id);
      if (ci < 0) throw new DomainError('not_found', `no community ${id}`, { field: 'community' });
      for (const i of snapshot.communityMembers[ci] ?? []) keep[i] = 1;
    }
  }
  if (query.sectors && query.sectors.length > 0) {
    const sectors = new Set(query.sectors.map((s) => SECTORS.indexOf(s)));
    for (let i = 0; i < n; i++) if (!sectors.has(snapshot.sectorIndex[i] ?? 0)) keep[i] = 0;
  }
  const types =
    query.types && query.types.length > 0
      ? new Set(query.types.map((t) => RELATION_TYPES.indexOf(t)))
      : undefined;

  const seenPairs = new Map<number, number>();
  const candidates: number[] = [];
  /** Summed tie weight of each candidate's pair, parallel to `candidates`. */
  const pairWeight: number[] = [];
  const { relations } = snapshot;
  for (let r = 0; r < relations.count; r++) {
    const s = relations.source[r] ?? 0;
    const t = relations.target[r] ?? 0;
    if (s === t || !keep[s] || !keep[t]) continue;
    if (types && !types.has(relations.type[r] ?? 0)) continue;
    const start = snapshot.relStartYear[r] ?? 0;
    const end = snapshot.relEndYear[r] ?? 0;
    if (query.to !== undefined && start !== 0 && start > query.to) continue;
    if (query.from !== undefined && end !== 0 && end < query.from) continue;
    const pair = s < t ? s * n + t : t * n + s;
    const first = seenPairs.get(pair);
    if (first !== undefined) {
      // each pair is sent once, carrying the weight of all its ties
      pairWeight[first] = (pairWeight[first] ?? 0) + tieWeight(snapshot, r);
      continue;
    }
    seenPairs.set(pair, candidates.length);
    candidates.push(r);
    pairWeight.push(tieWeight(snapshot, r));
  }
  let dropped = 0;
  let edges = candidates;
  const summed = new Map(candidates.map((r, k) => [r, pairWeight[k] ?? 0]));
  if (candidates.length > query.maxEdges) {
    const weightOf = (r: number) => summed.get(r) ?? 0;
    edges = [...candidates]
      .sort((a, b) => weightOf(b) - weightOf(a) || a - b)
      .slice(0, query.maxEdges);
    dropped = candidates.length - edges.length;
  }
  const touched = new Uint8Array(n);
  for (const r of edges) {
    touched[relations.source[r] ?? 0] = 1;
    touched[relations.target[r] ?? 0] = 1;
  }
  if (query.isolated === 'false') for (let i = 0; i < n; i++) if (!touched[i]) keep[i] = 0;
  const droppedNodes = keepAtMost(snapshot, keep, touched, query.maxNodes);
  if (droppedNodes > 0)
    edges = edges.filter((r) => keep[relations.source[r] ?? 0] && keep[relations.target[r] ?? 0]);

  const position = new Int32Array(n).fill(-1);
  const nodes: WebNetwork['nodes'] = {
    id: [],
    label: [],
    x: [],
    y: [],
    size: [],
    community: [],
    sector: [],
  };
  const round = (v: number) => Math.round(v * 10) / 10;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const actor = snapshot.actors[i];
    if (!actor) continue;
    position[i] = nodes.id.length;
    nodes.id.push(actor.id);
    nodes.label.push(actor.name);
    nodes.x.push(round(snapshot.x[i] ?? 0));
    nodes.y.push(round(snapshot.y[i] ?? 0));
    nodes.size.push(round(1 + Math.log2(1 + (snapshot.degree[i] ?? 0))));
    nodes.community.push(snapshot.communityOf[i] ?? -1);
    nodes.sector.push(snapshot.sectorIndex[i] ?? 0);
  }
  const out: WebNetwork['edges'] = { source: [], target: [], type: [], weight: [] };
  for (const r of edges) {
    out.source.push(position[relations.source[r] ?? 0] ?? 0);
    out.target.push(position[relations.target[r] ?? 0] ?? 0);
    out.type.push(relations.type[r] ?? 0);
    out.weight.push(round(summed.get(r) ?? 0));
  }
  return {
    nodeCount: nodes.id.length,
    edgeCount: out.source.length,
    droppedEdges: dropped,
    droppedNodes,
    sectors: [...SECTORS],
    relationTypes: [...RELATION_TYPES],
    communities: snapshot.communities.communities.map((c) => c.id),
    communityNames: snapshot.communities.communities.map((c) => c.name),
    communityNamesEn: snapshot.communities.communities.map((c) => c.nameEn),
    nodes,
    edges: out,
  };
}

// ---------------------------------------------------------------- directory and profile

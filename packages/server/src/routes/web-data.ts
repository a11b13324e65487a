/**
 * Data endpoints shaped for the web app's views (`/api/web/*`): the region at a glance, choropleth
 * values per prefecture, the ABC network with precomputed positions, the actor directory with
 * community and role filters, and actor profiles. All read from one in-memory snapshot (see
 * web-data-snapshot.ts). Anonymous view: only public needs are ever counted or shown.
 */
import { creditsOf, provenanceSources } from '#connectors/connectors.ts';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { z } from 'zod';
import { DEFAULT_TYPE_WEIGHTS } from '#analytics/abc/actor-graph.ts';
import { DomainError, isDomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import { mapUnitOf, mapUnitsOf, PREFECTURES } from '#core/geo.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { ACTOR_FLAGS, ACTOR_KINDS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import { contract } from '#contract/contract.ts';
import type { ZDirectoryQuery, ZNetworkQuery } from '#contract/routes/web-data.ts';
import { HTTP_STATUS } from '../errors.ts';
import { HttpProblem, problem } from '../problem.ts';
import { parameterNames, rejectUnknownParameters } from '../query-parameters.ts';
import { registerRoute, type QueryParser } from '../register-route.ts';
import { createSnapshotCache, type WebSnapshot } from './web-data-snapshot.ts';
import type {
  WebActorPage,
  WebActorProfile,
  WebChoropleth,
  WebMeta,
  WebMetricInfo,
  WebMunicipalityChoropleth,
  WebNetwork,
  WebSummary,
} from '#contract/web-data-types.ts';

/** Validates a query; a parameter the route does not take is refused (400) rather than ignored. */
const parseStrictQuery: QueryParser = (schema, query, route) => {
  if (schema instanceof z.ZodObject)
    rejectUnknownParameters(query, parameterNames(schema), route.path);
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    throw new DomainError('validation_failed', `${field}: ${issue?.message}`, { field });
  }
  return parsed.data;
};

function increment(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

function zeroes(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

/** Japanese fiscal year (April–March) of a date. */
function fiscalYear(date: Date): number {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

// ---------------------------------------------------------------- metrics for the choropleth

interface Metric {
  id: string;
  unit: string;
  /** Value per prefecture code. */
  values(snapshot: WebSnapshot): Record<string, number>;
}

function countBy<T>(
  items: readonly T[],
  prefectureOf: (item: T) => string | undefined,
  weight: (item: T) => number = () => 1,
) {
  const values: Record<string, number> = {};
  for (const item of items) {
    const code = prefectureOf(item);
    if (code) increment(values, code, weight(item));
  }
  return values;
}

function ownerPrefecture(snapshot: WebSnapshot, ownerId: string | undefined): string | undefined {
  if (ownerId === undefined) return undefined;
  const i = snapshot.indexOf.get(ownerId);
  return i === undefined ? undefined : snapshot.actors[i]?.prefectureCode;
}

const COUNT_METRICS: readonly Metric[] = [
  { id: 'actors', unit: '件', values: (s) => countBy(s.actors, (a) => a.prefectureCode) },
  {
    id: 'universities',
    unit: '件',
    values: (s) =>
      countBy(
        s.actors.filter((a) => a.sector === 'university'),
        (a) => a.prefectureCode,
      ),
  },
  {
    id: 'companies',
    unit: '社',
    values: (s) =>
      countBy(
        s.actors.filter((a) => a.sector === 'company'),
        (a) => a.prefectureCode,
      ),
  },
  {
    id: 'star_scientists',
    unit: '人',
    values: (s) =>
      countBy(
        s.actors.filter((a) => a.flags.includes('star_scientist')),
        (a) => a.prefectureCode,
      ),
  },
  {
    id: 'patents',
    unit: '件',
    values: (s) =>
      countBy(
        s.actors,
        (a) => a.prefectureCode,
        (a) => a.patents ?? 0,
      ),
  },
  {
    id: 'seeds',
    unit: '件',
    values: (s) =>
      countBy(s.seeds, (seed) => seed.prefectureCode ?? ownerPrefecture(s, seed.ownerId)),
  },
  {
    id: 'needs',
    unit: '件',
    values: (s) =>
      countBy(s.publicNeeds, (need) => need.prefectureCode ?? ownerPrefecture(s, need.ownerId)),
  },
  { id: 'projects', unit: '件', values: (s) => countBy(s.projects, (p) => p.prefectureCode) },
  {
    id: 'adoptions',
    unit: '件',
    values: (s) => {
      const values: Record<string, number> = {};
      for (const a of s.adoptions) for (const code of a.prefectureCodes) increment(values, code);
      return values;
    },
  },
];

function indicatorMetrics(snapshot: WebSnapshot): WebMetricInfo[] {
  const byMetric = new Map<string, { unit: string; years: Set<number> }>();
  for (const i of snapshot.indicators) {
    if (i.areaType !== 'prefecture') continue;
    const entry = byMetric.get(i.metric) ?? { unit: i.unit, years: new Set<number>() };
    entry.years.add(i.year);
    byMetric.set(i.metric, entry);
  }
  return [...byMetric.entries()]
    .filter(([id]) => !COUNT_METRICS.some((m) => m.id === id))
    .map(([id, { unit, years }]) => ({
      id,
      unit,
      yearly: true,
      years: [...years].sort((a, b) => a - b),
    }));
}

function metricsOf(snapshot: WebSnapshot): WebMetricInfo[] {
  return [
    ...COUNT_METRICS.map((m) => ({ id: m.id, unit: m.unit, yearly: false, years: [] })),
    ...indicatorMetrics(snapshot),
  ];
}

function choropleth(
  snapshot: WebSnapshot,
  metricId: string,
  year: number | 'all' | undefined,
): WebChoropleth {
  const counted = COUNT_METRICS.find((m) => m.id === metricId);
  let values: Record<string, number>;
  let unit: string;
  let shownYear: number | null = null;
  let years: number[] = [];
  if (counted) {
    values = counted.values(snapshot);
    unit = counted.unit;
  } else {
    const info = indicatorMetrics(snapshot).find((m) => m.id === metricId);
    if (!info) {
      throw new DomainError('validation_failed', `metric: unknown metric ${metricId}`, {
        field: 'metric',
        known: metricsOf(snapshot).map((m) => m.id),
      });
    }
    unit = info.unit;
    years = info.years;
    shownYear = year === 'all' ? null : (year ?? years[years.length - 1] ?? null);
    values = {};
    for (const i of snapshot.indicators) {
      if (i.areaType !== 'prefecture' || i.metric !== metricId) continue;
      if (shownYear !== null && i.year !== shownYear) continue;
      increment(values, i.areaCode, i.value);
    }
  }
  const complete = Object.fromEntries(PREFECTURES.map((p) => [p.code, values[p.code] ?? 0]));
  const total = Object.values(complete).reduce((a, b) => a + b, 0);
  return { metric: metricId, unit, year: shownYear, years, values: complete, total };
}

// ---------------------------------------------------------------- municipalities of a prefecture

/**
 * Per actor: what it adds to a municipality metric. Seeds and public needs count where their owner
 * is (a seed or need placed in another prefecture than its owner is left unplaced). Projects,
 * adoptions and indicators are known per prefecture only.
 */
const MUNICIPALITY_METRICS: Record<
  string,
  (s: WebSnapshot) => { actor: Actor; prefectureCode?: string; weight: number }[]
> = {
  actors: (s) => s.actors.map((actor) => ({ actor, weight: 1 })),
  universities: (s) =>
    s.actors.filter((a) => a.sector === 'university').map((actor) => ({ actor, weight: 1 })),
  companies: (s) =>
    s.actors.filter((a) => a.sector === 'company').map((actor) => ({ actor, weight: 1 })),
  star_scientists: (s) =>
    s.actors
      .filter((a) => a.flags.includes('star_scientist'))
      .map((actor) => ({ actor, weight: 1 })),
  patents: (s) => s.actors.map((actor) => ({ actor, weight: actor.patents ?? 0 })),
  seeds: (s) => ownedBy(s, s.seeds),
  needs: (s) => ownedBy(s, s.publicNeeds),
};

function ownedBy(
  snapshot: WebSnapshot,
  items: readonly { ownerId?: string | undefined; prefectureCode?: string | undefined }[],
) {
  const rows: { actor: Actor; prefectureCode?: string; weight: number }[] = [];
  for (const item of items) {
    if (item.ownerId === undefined) continue; // owner not registered yet
    const i = snapshot.indexOf.get(item.ownerId);
    const actor = i === undefined ? undefined : snapshot.actors[i];
    if (actor)
      rows.push({ actor, prefectureCode: item.prefectureCode ?? actor.prefectureCode, weight: 1 });
  }
  return rows;
}

function municipalityChoropleth(
  snapshot: WebSnapshot,
  prefecture: string,
  metricId: string,
): WebMunicipalityChoropleth {
  const info = metricsOf(snapshot).find((m) => m.id === metricId);
  if (!info) {
    throw new DomainError('validation_failed', `metric: unknown metric ${metricId}`, {
      field: 'metric',
      known: metricsOf(snapshot).map((m) => m.id),
    });
  }
  const units = mapUnitsOf(prefecture);
  const municipalities = units.map((m) => ({ code: m.code, name: m.name }));
  const rowsOf = MUNICIPALITY_METRICS[metricId];
  if (!rowsOf) {
    return {
      prefecture,
      metric: metricId,
      unit: info.unit,
      available: false,
      municipalities,
      values: {},
      total: 0,
      unplaced: 0,
    };
  }
  const values = zeroes(units.map((m) => m.code));
  let unplaced = 0;
  for (const row of rowsOf(snapshot)) {
    if ((row.prefectureCode ?? row.actor.prefectureCode) !== prefecture || row.weight === 0)
      continue;
    const code = row.actor.municipalityCode;
    const unit = code ? mapUnitOf(code) : undefined;
    if (unit && unit.prefectureCode === prefecture && unit.code in values)
      increment(values, unit.code, row.weight);
    else unplaced += row.weight;
  }
  const total = Object.values(values).reduce((a, b) => a + b, 0);
  return {
    prefecture,
    metric: metricId,
    unit: info.unit,
    available: true,
    municipalities,
    values,
    total,
    unplaced,
  };
}

// ---------------------------------------------------------------- summary

function summary(
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
  for (let r = 0; r < snapshot.relations.length; r++) {
    const s = snapshot.relSource[r] ?? -1;
    const t = snapshot.relTarget[r] ?? -1;
    if (s < 0 || t < 0) continue;
    const inside = (inScope[s] ?? 0) + (inScope[t] ?? 0);
    if (inside === 0) continue;
    if (inside === 2) internal += 1;
    else external += 1;
    increment(byType, RELATION_TYPES[snapshot.relType[r] ?? 0] ?? 'participation');
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
      return { id: c.id, size: c.size, members };
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

function network(snapshot: WebSnapshot, query: z.output<typeof ZNetworkQuery>): WebNetwork {
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

  const seenPairs = new Set<number>();
  const candidates: number[] = [];
  for (let r = 0; r < snapshot.relations.length; r++) {
    const s = snapshot.relSource[r] ?? -1;
    const t = snapshot.relTarget[r] ?? -1;
    if (s < 0 || t < 0 || s === t || !keep[s] || !keep[t]) continue;
    if (types && !types.has(snapshot.relType[r] ?? 0)) continue;
    const start = snapshot.relStartYear[r] ?? 0;
    const end = snapshot.relEndYear[r] ?? 0;
    if (query.to !== undefined && start !== 0 && start > query.to) continue;
    if (query.from !== undefined && end !== 0 && end < query.from) continue;
    const pair = s < t ? s * n + t : t * n + s;
    if (seenPairs.has(pair)) continue;
    seenPairs.add(pair);
    candidates.push(r);
  }
  let dropped = 0;
  let edges = candidates;
  if (candidates.length > query.maxEdges) {
    const weightOf = (r: number) =>
      DEFAULT_TYPE_WEIGHTS[RELATION_TYPES[snapshot.relType[r] ?? 0] ?? 'participation'] *
      (snapshot.relations[r]?.weight ?? 1);
    edges = [...candidates]
      .sort((a, b) => weightOf(b) - weightOf(a) || a - b)
      .slice(0, query.maxEdges);
    dropped = candidates.length - edges.length;
  }
  if (query.isolated === 'false') {
    const touched = new Uint8Array(n);
    for (const r of edges) {
      touched[snapshot.relSource[r] ?? 0] = 1;
      touched[snapshot.relTarget[r] ?? 0] = 1;
    }
    for (let i = 0; i < n; i++) if (!touched[i]) keep[i] = 0;
  }

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
  const out: WebNetwork['edges'] = { source: [], target: [], type: [] };
  for (const r of edges) {
    out.source.push(position[snapshot.relSource[r] ?? 0] ?? 0);
    out.target.push(position[snapshot.relTarget[r] ?? 0] ?? 0);
    out.type.push(snapshot.relType[r] ?? 0);
  }
  return {
    nodeCount: nodes.id.length,
    edgeCount: out.source.length,
    droppedEdges: dropped,
    sectors: [...SECTORS],
    relationTypes: [...RELATION_TYPES],
    communities: snapshot.communities.communities.map((c) => c.id),
    nodes,
    edges: out,
  };
}

// ---------------------------------------------------------------- directory and profile

/** Full-width → half-width, case-folded, katakana → hiragana: 「ﾄｳｷｮｳ」 finds 「とうきょう」. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** Per actor list (kept while the network part of the snapshot is the same). */
const searchTexts = new WeakMap<readonly Actor[], string[]>();

function searchTextOf(snapshot: WebSnapshot): string[] {
  let texts = searchTexts.get(snapshot.actors);
  if (!texts) {
    texts = snapshot.actors.map((a) =>
      foldForSearch([a.name, a.nameEn ?? '', a.nameKana ?? '', a.id].join('\u0000')),
    );
    searchTexts.set(snapshot.actors, texts);
  }
  return texts;
}

function directory(snapshot: WebSnapshot, query: z.output<typeof ZDirectoryQuery>): WebActorPage {
  const texts = searchTextOf(snapshot);
  const needle = query.q ? foldForSearch(query.q.trim()) : '';
  const communityIndex = query.community
    ? snapshot.communities.communities.findIndex((c) => c.id === query.community)
    : -1;
  if (query.community && communityIndex < 0)
    throw new DomainError('not_found', `no community ${query.community}`, { field: 'community' });
  const matches: number[] = [];
  snapshot.actors.forEach((a, i) => {
    if (query.sector && a.sector !== query.sector) return;
    if (query.kind && a.kind !== query.kind) return;
    if (query.flag && !a.flags.includes(query.flag)) return;
    if (query.prefecture && a.prefectureCode !== query.prefecture) return;
    if (query.community && snapshot.communityOf[i] !== communityIndex) return;
    if (needle && !(texts[i] ?? '').includes(needle)) return;
    matches.push(i);
  });
  const startsWith = (i: number) => (needle && (texts[i] ?? '').startsWith(needle) ? 1 : 0);
  matches.sort(
    (a, b) =>
      startsWith(b) - startsWith(a) ||
      (snapshot.degree[b] ?? 0) - (snapshot.degree[a] ?? 0) ||
      (snapshot.actors[a]?.id ?? '').localeCompare(snapshot.actors[b]?.id ?? ''),
  );
  const items = matches.slice(query.offset, query.offset + query.limit).map((i) => {
    const a = snapshot.actors[i];
    const ci = snapshot.communityOf[i] ?? -1;
    return {
      id: a?.id ?? '',
      name: a?.name ?? '',
      nameEn: a?.nameEn ?? null,
      kind: a?.kind ?? 'organization',
      sector: a?.sector ?? 'other',
      prefectureCode: a?.prefectureCode ?? '',
      flags: a?.flags ?? [],
      community: ci >= 0 ? (snapshot.communities.communities[ci]?.id ?? null) : null,
      degree: snapshot.degree[i] ?? 0,
    };
  });
  return { total: matches.length, offset: query.offset, limit: query.limit, items };
}

const PROFILE_RELATIONS = 300;

function profile(snapshot: WebSnapshot, id: string): WebActorProfile {
  const i = snapshot.indexOf.get(id);
  const actor = i === undefined ? undefined : snapshot.actors[i];
  if (i === undefined || !actor) throw new DomainError('not_found', `no actor ${id}`);
  const ci = snapshot.communityOf[i] ?? -1;
  const community = ci >= 0 ? snapshot.communities.communities[ci] : undefined;

  const relationIndices: number[] = [];
  for (let k = snapshot.relationOffsets[i] ?? 0; k < (snapshot.relationOffsets[i + 1] ?? 0); k++)
    relationIndices.push(snapshot.relationsOf[k] ?? 0);
  relationIndices.sort((a, b) =>
    (snapshot.relations[b]?.startDate ?? '').localeCompare(snapshot.relations[a]?.startDate ?? ''),
  );
  const relations = relationIndices.slice(0, PROFILE_RELATIONS).map((r) => {
    const relation = snapshot.relations[r];
    const out = snapshot.relSource[r] === i;
    const other = out ? (snapshot.relTarget[r] ?? 0) : (snapshot.relSource[r] ?? 0);
    const otherActor = snapshot.actors[other];
    return {
      otherId: otherActor?.id ?? '',
      otherName: otherActor?.name ?? '',
      otherSector: otherActor?.sector ?? 'other',
      type: relation?.type ?? 'participation',
      direction: out ? ('out' as const) : ('in' as const),
      startDate: relation?.startDate ?? null,
      endDate: relation?.endDate ?? null,
    };
  });

  const projects = snapshot.projects.flatMap((p) => {
    const member = p.members.find((m) => m.actorId === id);
    return member
      ? [{ id: p.id, title: p.title, stage: p.stage, role: member.role, adoptionId: p.adoptionId }]
      : [];
  });
  const programmeName = new Map(snapshot.programmes.map((p) => [p.id, p.name]));
  const projectAdoptions = new Set(projects.map((p) => p.adoptionId).filter(Boolean));
  const adoptions = snapshot.adoptions
    .filter((a) => a.coreInstitutionId === id || projectAdoptions.has(a.id))
    .map((a) => ({
      id: a.id,
      regionName: a.regionName,
      programmeName: programmeName.get(a.programmeId) ?? a.programmeId,
      startFy: a.startFy,
      endFy: a.endFy ?? null,
      via: a.coreInstitutionId === id ? ('core_institution' as const) : ('project' as const),
    }));

  return {
    actor: { ...actor },
    community: community ? { id: community.id, size: community.size } : null,
    degree: snapshot.degree[i] ?? 0,
    relations: { total: relationIndices.length, items: relations },
    seeds: snapshot.seeds
      .filter((s) => s.ownerId === id)
      .map((s) => ({ id: s.id, title: s.title, kind: s.kind, trl: s.trl ?? null })),
    needs: snapshot.publicNeeds
      .filter((s) => s.ownerId === id)
      .map((s) => ({ id: s.id, title: s.title, open: s.open })),
    projects: projects.map(({ adoptionId: _adoptionId, ...rest }) => rest),
    adoptions,
    roles: snapshot.roles.get(id) ?? [],
  };
}

// ---------------------------------------------------------------- registration

function meta(snapshot: WebSnapshot): WebMeta {
  let from = Infinity;
  let to = -Infinity;
  for (const year of snapshot.relStartYear) {
    if (year === 0) continue;
    if (year < from) from = year;
    if (year > to) to = year;
  }
  return {
    prefectures: PREFECTURES.map((p) => ({
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
      region: p.region,
      regionEn: p.regionEn,
      lat: p.lat,
      lon: p.lon,
    })),
    sectors: [...SECTORS],
    relationTypes: [...RELATION_TYPES],
    flags: [...ACTOR_FLAGS],
    metrics: metricsOf(snapshot),
    years: Number.isFinite(from) ? { from, to } : null,
    builtAt: snapshot.builtAt,
  };
}

/** Registers `/api/web/*` on the app. Register before any generic `/api/:entity/:id` route. */
export function registerWebDataRoutes(
  app: Hono,
  deps: {
    repos: Repositories;
    clock?: Clock;
    /** Build the snapshot right away rather than on the first request (default true). */
    warm?: boolean;
  },
): void {
  const clock = deps.clock ?? systemClock;
  const cache = createSnapshotCache(deps.repos, clock);
  if (deps.warm ?? true) cache.get().catch(() => undefined);
  const web = new Hono();
  web.onError((error) => {
    if (isDomainError(error))
      return problem(HTTP_STATUS[error.code], error.code, error.message, error.details);
    if (error instanceof HttpProblem)
      return problem(error.status, error.code, error.message, error.extra);
    return problem(500, 'internal_error', 'unexpected error', {});
  });
  web.use('*', compress());
  web.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-cache');
  });

  const on = { mountedAt: '/api/web', parseQuery: parseStrictQuery };
  registerRoute(web, contract.webMeta, async () => meta(await cache.get()), on);
  registerRoute(web, contract.webCommunities, async () => (await cache.get()).communities, on);
  registerRoute(
    web,
    contract.webSummary,
    async ({ query }) => {
      if (query.prefecture && query.community)
        throw new DomainError(
          'validation_failed',
          'prefecture: give a prefecture or a community, not both',
          {
            field: 'prefecture',
          },
        );
      return summary(await cache.get(), query, clock);
    },
    on,
  );
  registerRoute(
    web,
    contract.webChoropleth,
    async ({ query }) => choropleth(await cache.get(), query.metric, query.year),
    on,
  );
  registerRoute(
    web,
    contract.webMunicipalityChoropleth,
    async ({ query }) => municipalityChoropleth(await cache.get(), query.prefecture, query.metric),
    on,
  );
  registerRoute(
    web,
    contract.webNetwork,
    async ({ query }) => network(await cache.get(), query),
    on,
  );
  registerRoute(
    web,
    contract.webActors,
    async ({ query }) => directory(await cache.get(), query),
    on,
  );
  registerRoute(
    web,
    contract.webActorProfile,
    async ({ params }) => profile(await cache.get(), params.id),
    on,
  );

  app.route('/api/web', web);
}

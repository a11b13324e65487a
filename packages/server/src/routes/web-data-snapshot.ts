/**
 * An in-memory, read-only view of the ecosystem shaped for the web app: actors and ties in typed
 * arrays, ABC communities (latest stored run, else computed here), a precomputed geographic layout
 * and the detected roles. Built once per database state and shared by all requests, in two parts
 * keyed on the data versions of the tables each reads (checked on every request):
 *
 * - the records part (public needs, adoptions, programmes, indicators) is read again as soon as one
 *   of its tables changed, before answering: a need made confidential leaves every view at once;
 * - the network part (actors, relations, seeds, projects, communities, layout, roles) takes seconds
 *   to build on a large registry: once one exists, a change starts a new build in the background and
 *   requests keep the previous part (which holds no confidential record) until it is ready.
 *
 * Confidentiality: only public needs are ever loaded here, so nothing built from the snapshot can
 * count or show a members-only or confidential need.
 */
import { z } from 'zod';
import { relationColumnsOf } from '#analytics/abc/actor-graph.ts';
import {
  findAnchorCompanies,
  findCoreCompanies,
  findStarScientists,
  type RoleCandidate,
} from '#analytics/abc/roles.ts';
import type { Actor } from '#core/entities/actor.ts';
import { ZAdoption, type Adoption } from '#core/entities/adoption.ts';
import { ZIndicator, type Indicator } from '#core/entities/indicator.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import { ZProgramme, type Programme } from '#core/entities/programme.ts';
import type { Project } from '#core/entities/project.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { EntityName } from '#core/entities/registry.ts';
import { ABROAD_GROUP, PREFECTURES, findPrefecture, prefectureGroupOf } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import {
  defaultCommunitiesFingerprint,
  sharedCommunities,
  type SharedCommunity,
} from '#services/analysis/current-communities.ts';
import { communityNames } from '#services/analysis/community-names.ts';
import { invalidRecordLine, loadNetwork } from '#services/analysis/load-network.ts';
import type { CommunityName } from '#analytics/abc/community-names.ts';
import { layoutGroups, type LayoutGroup } from './web-data-layout.ts';
import type {
  WebCommunities,
  WebCommunitySummary,
  WebRoleEvidence,
} from '#contract/web-data-types.ts';

export interface WebSnapshot {
  builtAt: string;
  actors: Actor[];
  indexOf: Map<string, number>;
  /** Distinct neighbours per actor. */
  degree: Int32Array;
  relations: Relation[];
  /** Relation indices per actor (CSR: relationsOf[offsets[i] .. offsets[i+1]]). */
  relationOffsets: Int32Array;
  relationsOf: Int32Array;
  /** Per relation: endpoint indices, type index, start/end year (0 when unknown). */
  relSource: Int32Array;
  relTarget: Int32Array;
  relType: Uint8Array;
  relStartYear: Int16Array;
  relEndYear: Int16Array;
  communities: WebCommunities;
  /** Members of each community (actor indices), parallel to communities.communities. */
  communityMembers: number[][];
  /** Community index of each actor, or -1. */
  communityOf: Int32Array;
  x: Float32Array;
  y: Float32Array;
  sectorIndex: Uint8Array;
  seeds: Seed[];
  /** Public needs only. */
  publicNeeds: Need[];
  projects: Project[];
  adoptions: Adoption[];
  programmes: Programme[];
  indicators: Indicator[];
  roles: Map<string, WebRoleEvidence[]>;
}

/**
 * Every valid record of `entity` that `keep` keeps. A stored row that fails its schema (written
 * past every check) is left out with one line to the server's log naming the table, the id and the
 * field, as the network read does; a need's line quotes no reason, so no text of a confidential
 * need reaches the log.
 */
async function readAll<T>(
  repos: Repositories,
  entity: EntityName,
  schema: z.ZodType<T, unknown>,
  keep: (record: T) => boolean = () => true,
): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of repos.entity(entity).iterate(10_000))
    for (const record of batch) {
      const parsed = schema.safeParse(record);
      if (!parsed.success)
        console.error(
          invalidRecordLine(entity, record, parsed.error, 'the web views', entity !== 'needs'),
        );
      else if (keep(parsed.data)) out.push(parsed.data);
    }
  return out;
}

function yearOf(date: string | undefined): number {
  return date ? Number(date.slice(0, 4)) : 0;
}

function toSummary(
  c: SharedCommunity,
  names: ReadonlyMap<string, CommunityName>,
): WebCommunitySummary {
  const named = names.get(c.id);
  return {
    id: c.id,
    name: named?.name ?? c.id,
    nameEn: named?.nameEn ?? c.id,
    size: c.size,
    prefectures: c.prefectures,
    prefectureCounts: c.prefectureCounts,
    crossPrefectureShare: c.crossPrefectureShare,
    scale: c.scale,
    coreActors: c.coreActors,
    wheelCounts: c.wheelCounts,
    gaps: c.gaps,
  };
}

function rolesByActor(
  actors: Actor[],
  relations: Relation[],
  projects: Project[],
  asOfYear: number,
): Map<string, WebRoleEvidence[]> {
  const limit = actors.length;
  const roles = new Map<string, WebRoleEvidence[]>();
  const add = (role: WebRoleEvidence['role'], candidates: RoleCandidate[]) => {
    for (const c of candidates) {
      const list = roles.get(c.id) ?? [];
      list.push({ role, score: c.score, qualifies: c.qualifies, evidence: c.evidence });
      roles.set(c.id, list);
    }
  };
  const columns = relationColumnsOf(actors, relations);
  add('star_scientist', findStarScientists(actors, columns, { limit, asOfYear }));
  add('core_company', findCoreCompanies(actors, columns, projects, { limit }));
  add('anchor_company', findAnchorCompanies(actors, columns, { limit }));
  return roles;
}

/** What the snapshot reads from the network tables (actors, relations, seeds, projects). */
export type WebNetworkPart = Omit<
  WebSnapshot,
  'builtAt' | 'publicNeeds' | 'adoptions' | 'programmes' | 'indicators'
>;
/** What the snapshot reads from the other tables (needs, adoptions, programmes, indicators). */
export type WebRecordsPart = Pick<
  WebSnapshot,
  'publicNeeds' | 'adoptions' | 'programmes' | 'indicators'
>;

/** The tables each part reads, whose data versions key it. */
const NETWORK_TABLES = ['actors', 'relations', 'seeds', 'projects'] as const;
const RECORD_TABLES = ['needs', 'adoptions', 'programmes', 'indicators'] as const;

export async function readRecordsPart(repos: Repositories): Promise<WebRecordsPart> {
  const [publicNeeds, adoptions, programmes, indicators] = await Promise.all([
    readAll(repos, 'needs', ZNeed, (need) => need.confidentiality === 'public'),
    readAll(repos, 'adoptions', ZAdoption),
    readAll(repos, 'programmes', ZProgramme),
    readAll(repos, 'indicators', ZIndicator),
  ]);
  return { publicNeeds, adoptions, programmes, indicators };
}

export async function buildWebSnapshot(repos: Repositories, clock: Clock): Promise<WebSnapshot> {
  const [network, records] = await Promise.all([
    buildNetworkPart(repos, clock),
    readRecordsPart(repos),
  ]);
  return { ...network, ...records, builtAt: clock.now().toISOString() };
}

/**
 * `keepAs`: what computed default communities are kept under (`defaultCommunitiesFingerprint` of
 * the data versions read before loading), shared with the analysis workers: whichever needs them
 * first computes them, the other reads them back.
 */
export async function buildNetworkPart(
  repos: Repositories,
  clock: Clock,
  keepAs?: string,
): Promise<WebNetworkPart> {
  const network = await loadNetwork(repos, { seeds: true, projects: true });
  const { actors, relations } = network;
  const n = actors.length;
  const indexOf = new Map(actors.map((a, i) => [a.id, i]));
  const typeIndex = new Map<string, number>(RELATION_TYPES.map((t, i) => [t, i]));
  const sectorIndexOf = new Map<string, number>(SECTORS.map((s, i) => [s, i]));

  const m = relations.length;
  const relSource = new Int32Array(m).fill(-1);
  const relTarget = new Int32Array(m).fill(-1);
  const relType = new Uint8Array(m);
  const relStartYear = new Int16Array(m);
  const relEndYear = new Int16Array(m);
  const counts = new Int32Array(n + 1);
  relations.forEach((r, i) => {
    const s = indexOf.get(r.sourceId) ?? -1;
    const t = indexOf.get(r.targetId) ?? -1;
    relSource[i] = s;
    relTarget[i] = t;
    relType[i] = typeIndex.get(r.type) ?? 0;
    relStartYear[i] = yearOf(r.startDate);
    relEndYear[i] = yearOf(r.endDate);
    if (s >= 0 && t >= 0) {
      counts[s + 1] = (counts[s + 1] ?? 0) + 1;
      if (t !== s) counts[t + 1] = (counts[t + 1] ?? 0) + 1;
    }
  });
  const relationOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++)
    relationOffsets[i + 1] = (relationOffsets[i] ?? 0) + (counts[i + 1] ?? 0);
  const relationsOf = new Int32Array(relationOffsets[n] ?? 0);
  const fill = relationOffsets.slice(0, n);
  for (let i = 0; i < m; i++) {
    const s = relSource[i] ?? -1;
    const t = relTarget[i] ?? -1;
    if (s < 0 || t < 0) continue;
    relationsOf[fill[s] ?? 0] = i;
    fill[s] = (fill[s] ?? 0) + 1;
    if (t !== s) {
      relationsOf[fill[t] ?? 0] = i;
      fill[t] = (fill[t] ?? 0) + 1;
    }
  }
  const degree = new Int32Array(n);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    seen.clear();
    for (let k = relationOffsets[i] ?? 0; k < (relationOffsets[i + 1] ?? 0); k++) {
      const r = relationsOf[k] ?? 0;
      const other = relSource[r] === i ? (relTarget[r] ?? 0) : (relSource[r] ?? 0);
      seen.add(other);
    }
    degree[i] = seen.size;
  }

  // the same communities as the portfolio and the region report: latest stored run, else defaults
  const shared = await sharedCommunities(
    repos,
    clock,
    network,
    keepAs !== undefined ? { fingerprint: keepAs } : undefined,
  );
  const communityData = shared.result;
  const names = communityNames(network, communityData.communities);
  const communityOf = new Int32Array(n).fill(-1);
  const communityMembers = communityData.communities.map((c, ci) => {
    const members: number[] = [];
    for (const id of c.members) {
      const i = indexOf.get(id);
      if (i === undefined) continue;
      communityOf[i] = ci;
      members.push(i);
    }
    return members;
  });

  // Layout: one disc per community at its main prefecture, one per prefecture for the rest.
  const byDegree = (a: number, b: number) => (degree[b] ?? 0) - (degree[a] ?? 0) || a - b;
  const groups: LayoutGroup[] = [];
  const positionOf = (code: string | undefined) => {
    const prefecture = code ? findPrefecture(code) : undefined;
    return prefecture ? { lat: prefecture.lat, lon: prefecture.lon } : { lat: 36.5, lon: 137.5 };
  };
  communityData.communities.forEach((c, ci) => {
    groups.push({
      ...positionOf(c.prefectures[0]),
      members: [...(communityMembers[ci] ?? [])].sort(byDegree),
    });
  });
  const loose = new Map<string, number[]>();
  actors.forEach((actor, i) => {
    if (communityOf[i] !== -1) return;
    const group = prefectureGroupOf(actor);
    const list = loose.get(group) ?? [];
    list.push(i);
    loose.set(group, list);
  });
  for (const prefecture of PREFECTURES) {
    const members = loose.get(prefecture.code);
    if (members)
      groups.push({ lat: prefecture.lat, lon: prefecture.lon, members: members.sort(byDegree) });
  }
  // Actors abroad outside any community: one group off the south-west coast.
  const abroad = loose.get(ABROAD_GROUP.code);
  if (abroad) groups.push({ lat: 30.5, lon: 127.5, members: abroad.sort(byDegree) });
  const { x, y } = layoutGroups(n, groups);

  const sectorIndex = new Uint8Array(n);
  actors.forEach((a, i) => {
    sectorIndex[i] = sectorIndexOf.get(a.sector) ?? SECTORS.length - 1;
  });

  return {
    actors,
    indexOf,
    degree,
    relations,
    relationOffsets,
    relationsOf,
    relSource,
    relTarget,
    relType,
    relStartYear,
    relEndYear,
    communities: {
      source: shared.source.source,
      runId: shared.source.runId,
      computedAt: shared.source.computedAt,
      resolution: communityData.resolution,
      modularity: communityData.modularity,
      ami: communityData.ami,
      communityCount: communityData.communityCount,
      unassigned: communityData.unassigned,
      communities: communityData.communities.map((c) => toSummary(c, names)),
    },
    communityMembers,
    communityOf,
    x,
    y,
    sectorIndex,
    seeds: network.seeds,
    projects: network.projects,
    roles: rolesByActor(actors, relations, network.projects, clock.now().getUTCFullYear()),
  };
}

interface Keyed<T> {
  key: string;
  part: Promise<T>;
}

function keyOf(
  versions: Readonly<Record<string, number>>,
  tables: readonly string[],
  extra: unknown = null,
): string {
  return JSON.stringify([tables.map((t) => versions[t] ?? 0), extra]);
}

/**
 * Snapshots per database, keyed on the content: the data versions of the tables each part reads
 * and the latest communities run (point reads on every request). Requests that find the same
 * versions share one build. `keyed()` also gives the key of the data the snapshot was built from
 * (while a new network part is built, the previous one is served: its key, not today's), and
 * `currentKey()` the key of the data as they are now, without building anything.
 */
export function createSnapshotCache(repos: Repositories, clock: Clock) {
  let network: Keyed<WebNetworkPart> | undefined;
  let nextNetwork: Keyed<WebNetworkPart> | undefined;
  let records: Keyed<WebRecordsPart> | undefined;
  let combined:
    { network: WebNetworkPart; records: WebRecordsPart; keyed: KeyedSnapshot } | undefined;
  let builds = 0;

  const start = <T>(key: string, build: () => Promise<T>, forget: (k: Keyed<T>) => void) => {
    const keyed: Keyed<T> = { key, part: build() };
    keyed.part.catch(() => forget(keyed));
    return keyed;
  };

  const keysNow = async () => {
    const [versions, [latest]] = await Promise.all([
      repos.dataVersions(),
      repos.analysisRuns.list('communities', 1),
    ]);
    return {
      recordsKey: keyOf(versions, RECORD_TABLES),
      networkKey: keyOf(versions, NETWORK_TABLES, latest?.id ?? null),
      communitiesKey: defaultCommunitiesFingerprint(versions, latest?.id ?? null),
    };
  };
  const buildNetwork = (communitiesKey: string) => {
    builds += 1;
    return buildNetworkPart(repos, clock, communitiesKey);
  };

  const keyed = async (): Promise<KeyedSnapshot> => {
    const { recordsKey, networkKey, communitiesKey } = await keysNow();
    if (records?.key !== recordsKey)
      records = start(
        recordsKey,
        () => readRecordsPart(repos),
        (failed) => {
          if (records === failed) records = undefined;
        },
      );
    if (network === undefined) {
      network = start(
        networkKey,
        () => buildNetwork(communitiesKey),
        (failed) => {
          if (network === failed) network = undefined;
        },
      );
    } else if (network.key !== networkKey && nextNetwork?.key !== networkKey) {
      const next = start(
        networkKey,
        () => buildNetwork(communitiesKey),
        (failed) => {
          if (nextNetwork === failed) nextNetwork = undefined;
        },
      );
      nextNetwork = next;
      void next.part.then(
        () => {
          if (nextNetwork !== next) return;
          network = next;
          nextNetwork = undefined;
        },
        () => undefined,
      );
    }
    const [servedNetwork, servedRecords] = [network, records];
    const [networkPart, recordsPart] = await Promise.all([servedNetwork.part, servedRecords.part]);
    if (combined?.network === networkPart && combined.records === recordsPart)
      return combined.keyed;
    const snapshot: WebSnapshot = {
      ...networkPart,
      ...recordsPart,
      builtAt: clock.now().toISOString(),
    };
    const made = { snapshot, key: snapshotKey(servedNetwork.key, servedRecords.key) };
    combined = { network: networkPart, records: recordsPart, keyed: made };
    return made;
  };

  return {
    async get(): Promise<WebSnapshot> {
      return (await keyed()).snapshot;
    },
    keyed,
    /** The key of the data as they are now (point reads; builds nothing). */
    async currentKey(): Promise<string> {
      const { networkKey, recordsKey } = await keysNow();
      return snapshotKey(networkKey, recordsKey);
    },
    /** How many network parts were started since this cache was made. */
    builds: () => builds,
  };
}

/** A snapshot and the key of the data it was built from. */
export interface KeyedSnapshot {
  snapshot: WebSnapshot;
  key: string;
}

function snapshotKey(networkKey: string, recordsKey: string): string {
  return JSON.stringify([networkKey, recordsKey]);
}

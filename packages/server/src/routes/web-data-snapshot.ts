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
 *   requests keep the previous part (which holds no confidential record) until it is ready. Its
 *   relations come from the compact read the analyses share (`readNetworkInput`), not as records.
 *
 * Confidentiality: only public needs are ever loaded here, so nothing built from the snapshot can
 * count or show a members-only or confidential need.
 */
import type { z } from 'zod';
import type { Actor } from '#core/entities/actor.ts';
import { ZAdoption, type Adoption } from '#core/entities/adoption.ts';
import { ZIndicator, type Indicator } from '#core/entities/indicator.ts';
import { ZNeed, type Need } from '#core/entities/need.ts';
import { ZProgramme, type Programme } from '#core/entities/programme.ts';
import type { Project } from '#core/entities/project.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { EntityName } from '#core/entities/registry.ts';
import type { RelationColumns } from '#core/network-columns.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { defaultCommunitiesFingerprint } from '#services/analysis/current-communities.ts';
import {
  invalidRecordLine,
  loadActors,
  loadProjects,
  loadSeeds,
  type InvalidRecordReport,
} from '#services/analysis/load-network.ts';
import type { WebCommunities, WebRoleEvidence } from '#contract/web-data-types.ts';
import { networkPartOf, type WebNetworkInput } from './web-data-network-part.ts';
import { relationsInIdentityOrder } from './web-data-relations.ts';

export interface WebSnapshot {
  builtAt: string;
  /** In the order of their ids. */
  actors: readonly Actor[];
  indexOf: Map<string, number>;
  /** Distinct neighbours per actor. */
  degree: Int32Array;
  /**
   * The relations as columns, in the order of their ids: ends as positions in `actors`, the type
   * as its position in RELATION_TYPES, the weight, start and end as day numbers.
   */
  relations: RelationColumns;
  /** Relation indices per actor (CSR: relationsOf[offsets[i] .. offsets[i+1]]). */
  relationOffsets: Int32Array;
  relationsOf: Int32Array;
  /** Per relation: start/end year (0 when unknown). */
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
  /**
   * The roles detected for each actor, found on first use and kept with the network part: only the
   * profiles show them, so the first answers do not wait for them.
   */
  roles(): Map<string, WebRoleEvidence[]>;
}

/** An actor as the views read it. */
export type WebActor = Actor;

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
 * What the network part is built from. The relations come from the compact read
 * (`repos.network.readCompact()`: the stored network snapshot the analyses read, decoded, or the
 * rows as typed columns), never as records: no object and no schema check per relation, which was
 * most of the snapshot's cost. The actors are read as records and checked (the directory shows
 * their readings and confirmation dates, the profiles every field, the credits each field's
 * source); one failing its schema is left out of every view with a line to the log, and its ties
 * with it.
 */
export async function readNetworkInput(
  repos: Repositories,
  onInvalid: InvalidRecordReport = (line) => console.error(line),
): Promise<WebNetworkInput> {
  const [{ actors, leftOut }, compact, seeds, projects] = await Promise.all([
    loadActors(repos, onInvalid),
    repos.network.readCompact(),
    loadSeeds(repos, onInvalid),
    loadProjects(repos, onInvalid),
  ]);
  const indexOf = new Map(actors.map((a, i) => [a.id, i]));
  const ids = compact.actors.map((a) => a.id);
  const positionOf = Int32Array.from(ids, (id) => indexOf.get(id) ?? -1);
  const relations = relationsInIdentityOrder(ids, compact.relations, positionOf);
  if (leftOut.size > 0) {
    let withLeftOut = 0;
    for (let r = 0; r < compact.relations.count; r++)
      if (
        leftOut.has(ids[compact.relations.source[r] ?? 0] ?? '') ||
        leftOut.has(ids[compact.relations.target[r] ?? 0] ?? '')
      )
        withLeftOut++;
    if (withLeftOut > 0)
      onInvalid(
        `musubi: ${withLeftOut} relations of the actors left out (${[...leftOut].join(', ')}) left out with them`,
      );
  }
  return { actors, relations, seeds, projects };
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
  return networkPartOf(repos, clock, await readNetworkInput(repos), keepAs);
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

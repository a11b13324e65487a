/**
 * The loaded network and the shared communities, kept while the data stay the same, a user asks
 * several analyses in a row (one per wheel sector). The network in compact form
 * (`repos.network.readCompact()`, from its stored snapshot while the data are unchanged) for the
 * communities, brokers, gap filling, roles and strengths, never the records (loading and validating
 * every actor and relation was 1.5 s of 2 on the demo); the seeds on their own.
 */
import type { CompactNetwork } from '#core/network-columns.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  defaultCommunitiesFingerprint,
  sharedCommunities,
  type SharedCommunities,
} from './current-communities.ts';
import type { Seed } from '#core/entities/seed.ts';
import { loadSeeds } from './load-network.ts';

export interface LoadedNetwork {
  network: CompactNetwork;
  shared: SharedCommunities;
}

/** The tables the loaded network reads. */
const NETWORK_TABLES = ['actors', 'relations', 'seeds'] as const;

interface DataState {
  versions: Readonly<Record<string, number>>;
  latestRunId: string | null;
}

async function readDataState(repos: Repositories): Promise<DataState> {
  const [versions, [latest]] = await Promise.all([
    repos.dataVersions(),
    repos.analysisRuns.list('communities', 1),
  ]);
  return { versions, latestRunId: latest?.id ?? null };
}

/**
 * What changes when the data an analysis reads change: the data versions of its tables (every
 * committed write changes them, also an edit that keeps every count) and the latest stored
 * communities run.
 */
function fingerprintOf(state: DataState, tables: readonly string[]): string {
  return JSON.stringify({
    versions: tables.map((t) => state.versions[t] ?? 0),
    run: state.latestRunId,
  });
}

/** A value read once on first use; a failed read is read again next time. */
interface Once<T> {
  value?: Promise<T>;
}

function readOnce<T>(slot: Once<T>, load: () => Promise<T>): Promise<T> {
  if (slot.value) return slot.value;
  const loading = load();
  slot.value = loading;
  loading.catch(() => {
    if (slot.value === loading) delete slot.value;
  });
  return loading;
}

/**
 * `patient`: the cache of a worker computing ahead of being asked (the warm-up, at lowered
 * priority): its computation of the default communities never holds up another worker's.
 */
export function createNetworkCache(
  repos: Repositories,
  clock: Clock,
  options: { patient?: boolean } = {},
) {
  interface Entry {
    fingerprint: string;
    /** What the default communities of this data state are kept under (shared with other workers). */
    communities: string;
    compact: Once<CompactNetwork>;
    seeds: Once<Seed[]>;
    loaded?: Promise<LoadedNetwork>;
  }
  let entry: Entry | undefined;
  /** The entry for the data as they are now: each form of the network read once per data state. */
  const current = async (): Promise<Entry> => {
    const state = await readDataState(repos);
    const fingerprint = fingerprintOf(state, NETWORK_TABLES);
    if (entry?.fingerprint !== fingerprint)
      entry = {
        fingerprint,
        communities: defaultCommunitiesFingerprint(state.versions, state.latestRunId),
        compact: {},
        seeds: {},
      };
    return entry;
  };
  const compact = (found: Entry) => readOnce(found.compact, () => repos.network.readCompact());
  return {
    /** The network and the shared communities (found or computed once per data state). */
    async get(): Promise<LoadedNetwork> {
      const found = await current();
      if (found.loaded) return found.loaded;
      const loaded = (async () => {
        const network = await compact(found);
        const keep = { fingerprint: found.communities, patient: options.patient ?? false };
        return { network, shared: await sharedCommunities(repos, clock, network, keep) };
      })();
      found.loaded = loaded;
      loaded.catch(() => {
        if (found.loaded === loaded) delete found.loaded;
      });
      return loaded;
    },
    /**
     * The compact network alone (`repos.network.readCompact()`: no record objects, no schema
     * checks), for an analysis that needs no communities (the same object as `get`'s).
     */
    async compact(): Promise<CompactNetwork> {
      return compact(await current());
    },
    /** The seeds, checked as they are read. */
    async seeds(): Promise<readonly Seed[]> {
      return readOnce((await current()).seeds, () => loadSeeds(repos));
    },
  };
}

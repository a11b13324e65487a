/**
 * The loaded network and the shared communities, kept while the data stay the same: loading and
 * validating every actor, relation and seed is most of an analysis request's time (1.5 s of 2 on the
 * demo), and a user asks several in a row (one per wheel sector).
 */
import type { CompactNetwork } from '#core/network-columns.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { sharedCommunities, type SharedCommunities } from './current-communities.ts';
import { loadNetwork, type Network } from './load-network.ts';

export interface LoadedNetwork {
  network: Network;
  shared: SharedCommunities;
}

/** The tables the loaded network reads. */
const NETWORK_TABLES = ['actors', 'relations', 'seeds'] as const;

/**
 * What changes when the data an analysis reads change: the data versions of its tables (every
 * committed write changes them, also an edit that keeps every count) and the latest stored
 * communities run.
 */
export async function dataFingerprint(
  repos: Repositories,
  tables: readonly string[] = NETWORK_TABLES,
): Promise<string> {
  const [versions, [latest]] = await Promise.all([
    repos.dataVersions(),
    repos.analysisRuns.list('communities', 1),
  ]);
  return JSON.stringify({ versions: tables.map((t) => versions[t] ?? 0), run: latest?.id ?? null });
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

export function createNetworkCache(repos: Repositories, clock: Clock) {
  interface Entry {
    fingerprint: string;
    network: Once<Network>;
    compact: Once<CompactNetwork>;
    loaded?: Promise<LoadedNetwork>;
  }
  let entry: Entry | undefined;
  /** The entry for the data as they are now: each form of the network read once per data state. */
  const current = async (): Promise<Entry> => {
    const fingerprint = await dataFingerprint(repos);
    if (entry?.fingerprint !== fingerprint) entry = { fingerprint, network: {}, compact: {} };
    return entry;
  };
  const records = (found: Entry) =>
    readOnce(found.network, () => loadNetwork(repos, { seeds: true }));
  return {
    /** The network and the shared communities (found or computed once per data state). */
    async get(): Promise<LoadedNetwork> {
      const found = await current();
      if (found.loaded) return found.loaded;
      const loaded = (async () => {
        const network = await records(found);
        const keep = { key: 'network', fingerprint: found.fingerprint };
        return { network, shared: await sharedCommunities(repos, clock, network, keep) };
      })();
      found.loaded = loaded;
      loaded.catch(() => {
        if (found.loaded === loaded) delete found.loaded;
      });
      return loaded;
    },
    /** The network alone, for an analysis that needs no communities (the same objects as `get`'s). */
    async network(): Promise<Network> {
      return records(await current());
    },
    /**
     * The compact network (`repos.network.readCompact()`: no record objects, no schema checks,
     * from the stored snapshot while the data are unchanged), for an analysis that reads only the
     * actors' analysis fields and the relations' ends, types and dates.
     */
    async compact(): Promise<CompactNetwork> {
      return readOnce((await current()).compact, () => repos.network.readCompact());
    },
  };
}

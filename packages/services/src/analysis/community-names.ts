/**
 * The names of the shared communities (「静岡大学・浜松ホトニクス圏（光・量子）」), made from their
 * members over the loaded network (see analytics/abc/community-names.ts): the same names in the
 * web app, the CLI and the region report. Kept per partition object, so a cached network names
 * its communities once. Either form of the network names alike: records, or the compact read
 * (`Repositories.network.readCompact()`, what `analyze communities` already holds).
 */
import {
  nameCommunities,
  type CommunityName,
  type CommunityToName,
  type NamingActor,
} from '#analytics/abc/community-names.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { CompactNetwork, RelationColumns } from '#core/network-columns.ts';
import type { Repositories } from '#core/ports.ts';
import type { CommunitiesOutput } from './analyze-communities.ts';

const named = new WeakMap<object, Map<string, CommunityName>>();

/** Ties of each actor in the whole network: how large an organisation is, for naming. */
function tieCounts(relations: readonly Relation[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of relations) {
    counts.set(r.sourceId, (counts.get(r.sourceId) ?? 0) + 1);
    counts.set(r.targetId, (counts.get(r.targetId) ?? 0) + 1);
  }
  return counts;
}

/** The same counts from relation columns, by actor position. */
function tieCountsByPosition(actorCount: number, relations: RelationColumns): Int32Array {
  const counts = new Int32Array(actorCount);
  const { source, target } = relations;
  for (let r = 0; r < relations.count; r++) {
    const u = source[r] as number;
    const v = target[r] as number;
    counts[u] = (counts[u] as number) + 1;
    counts[v] = (counts[v] as number) + 1;
  }
  return counts;
}

/** Name of each community id of `communities` (a partition's list, in its order). */
export function communityNames(
  network: {
    actors: readonly NamingActor[];
    relations: readonly Relation[] | RelationColumns;
  },
  communities: readonly CommunityToName[],
): Map<string, CommunityName> {
  const known = named.get(communities);
  if (known) return known;
  const { actors, relations } = network;
  const positionOf = new Map<string, number>();
  actors.forEach((a, i) => positionOf.set(a.id, i));
  let tiesOf: (id: string) => number;
  if ('count' in relations) {
    const counts = tieCountsByPosition(actors.length, relations);
    tiesOf = (id) => {
      const at = positionOf.get(id);
      return at === undefined ? 0 : (counts[at] ?? 0);
    };
  } else {
    const counts = tieCounts(relations);
    tiesOf = (id) => counts.get(id) ?? 0;
  }
  const actorOf = (id: string): NamingActor | undefined => {
    const at = positionOf.get(id);
    return at === undefined ? undefined : actors[at];
  };
  const names = new Map(nameCommunities(communities, actorOf, tiesOf).map((n) => [n.id, n]));
  named.set(communities, names);
  return names;
}

/** The names as a plain record (JSON answers): `{ c1: { name, nameEn } }`. */
export function communityNameRecord(
  names: ReadonlyMap<string, CommunityName>,
): Record<string, { name: string; nameEn: string }> {
  return Object.fromEntries([...names].map(([id, n]) => [id, { name: n.name, nameEn: n.nameEn }]));
}

/** `analyze communities` outputs with each community's name added (`name`, `nameEn`). */
export type NamedCommunitiesOutput = Omit<CommunitiesOutput, 'communities'> & {
  communities: (CommunitiesOutput['communities'][number] & { name: string; nameEn: string })[];
};

/**
 * Adds the names to `analyze communities` outputs: over `network` when the caller holds it (the
 * compact read the partition was computed on), else one compact read for all of them.
 */
export async function nameCommunitiesOutputs(
  repos: Repositories,
  outputs: readonly CommunitiesOutput[],
  network?: CompactNetwork,
): Promise<NamedCommunitiesOutput[]> {
  const held = network ?? (await repos.network.readCompact());
  return outputs.map((output) => {
    const names = communityNames(held, output.communities);
    return {
      ...output,
      communities: output.communities.map((c) => ({
        ...c,
        name: names.get(c.id)?.name ?? c.id,
        nameEn: names.get(c.id)?.nameEn ?? c.id,
      })),
    };
  });
}

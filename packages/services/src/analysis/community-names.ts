/**
 * The names of the shared communities (「静岡大学・浜松ホトニクス圏（光・量子）」), made from their
 * members over the loaded network (see analytics/abc/community-names.ts): the same names in the
 * web app, the CLI and the region report. Kept per partition object, so a cached network names
 * its communities once.
 */
import {
  nameCommunities,
  type CommunityName,
  type CommunityToName,
} from '#analytics/abc/community-names.ts';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import type { Repositories } from '#core/ports.ts';
import type { CommunitiesOutput } from './analyze-communities.ts';
import { loadNetwork } from './load-network.ts';

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

/** Name of each community id of `communities` (a partition's list, in its order). */
export function communityNames(
  network: { actors: readonly Actor[]; relations: readonly Relation[] },
  communities: readonly CommunityToName[],
): Map<string, CommunityName> {
  const known = named.get(communities);
  if (known) return known;
  const byId = new Map(network.actors.map((a) => [a.id, a]));
  const ties = tieCounts(network.relations);
  const names = new Map(
    nameCommunities(
      communities,
      (id) => byId.get(id),
      (id) => ties.get(id) ?? 0,
    ).map((n) => [n.id, n]),
  );
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

/** Adds the names to `analyze communities` outputs (one network load for all of them). */
export async function nameCommunitiesOutputs(
  repos: Repositories,
  outputs: readonly CommunitiesOutput[],
): Promise<NamedCommunitiesOutput[]> {
  const network = await loadNetwork(repos);
  return outputs.map((output) => {
    const names = communityNames(network, output.communities);
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

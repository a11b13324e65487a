import { relationColumnsOf } from '#analytics/abc/actor-graph.ts';
import { ZActor, type Actor } from '#core/entities/actor.ts';
import type { EntityName } from '#core/entities/registry.ts';
import { ZProject, type Project } from '#core/entities/project.ts';
import { ZRelation, type Relation } from '#core/entities/relation.ts';
import { ZSeed, type Seed } from '#core/entities/seed.ts';
import type { CompactNetwork } from '#core/network-columns.ts';
import type { Repositories } from '#core/ports.ts';
import type { z } from 'zod';

async function readAll<T>(
  repos: Repositories,
  entity: EntityName,
  schema: z.ZodType<T, unknown>,
): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of repos.entity(entity).iterate(10_000))
    for (const record of batch) out.push(schema.parse(record));
  return out;
}

export interface Network {
  actors: Actor[];
  relations: Relation[];
  seeds: Seed[];
  projects: Project[];
}

/** Reads what the network analyses need, validating each record as it leaves storage. */
export async function loadNetwork(
  repos: Repositories,
  parts: { seeds?: boolean; projects?: boolean } = {},
): Promise<Network> {
  const [actors, relations, seeds, projects] = await Promise.all([
    readAll(repos, 'actors', ZActor),
    readAll(repos, 'relations', ZRelation),
    parts.seeds ? readAll(repos, 'seeds', ZSeed) : Promise.resolve([]),
    parts.projects ? readAll(repos, 'projects', ZProject) : Promise.resolve([]),
  ]);
  return { actors, relations, seeds, projects };
}

/** The network in the compact form, for analyses that accept either (a network already loaded). */
export function compactNetworkOf(network: Network | CompactNetwork): CompactNetwork {
  const { actors, relations } = network;
  if ('count' in relations) return { actors, relations };
  return { actors, relations: relationColumnsOf(actors, relations) };
}

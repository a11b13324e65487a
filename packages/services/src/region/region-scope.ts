/**
 * The region an analysis is about: a prefecture or an Actors-Based Community, with the actors and
 * projects in it. A project belongs to a community when its lead does (else most of its members),
 * as in the portfolio.
 */
import { DomainError } from '#core/domain-error.ts';
import { ZActor, type Actor } from '#core/entities/actor.ts';
import { ZProject, type Project } from '#core/entities/project.ts';
import { findPrefecture } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import {
  sharedCommunities,
  unknownCommunityMessage,
  type CommunitySource,
} from '../analysis/current-communities.ts';
import { loadNetwork, type Network } from '../analysis/load-network.ts';
import { readAll } from '../programmes/load-records.ts';

export interface RegionRequest {
  prefectureCode?: string;
  communityId?: string;
}

export interface RegionScope {
  kind: 'prefecture' | 'community';
  id: string;
  name: string;
  /** Prefecture codes the region lies in (a community's: those of its members). */
  prefectureCodes: string[];
}

export interface ScopedRegion {
  scope: RegionScope;
  communitySource: CommunitySource | null;
  actorIds: Set<string>;
  projects: Project[];
  network: Network;
}

/** Refuses anything but exactly one of a prefecture or a community. */
export function checkRegionRequest(request: RegionRequest): void {
  if ((request.prefectureCode === undefined) === (request.communityId === undefined))
    throw new DomainError('validation_failed', 'give exactly one of a prefecture or a community');
}

/** A network without ties: what a prefecture's scope needs. */
async function actorsAndProjects(repos: Repositories): Promise<Network> {
  const [actors, projects] = await Promise.all([
    readAll(repos, 'actors', ZActor),
    readAll(repos, 'projects', ZProject),
  ]);
  return { actors, relations: [], seeds: [], projects };
}

/**
 * The region's scope, actors and projects. `loaded`: the network the caller has already read (with
 * its projects); otherwise a prefecture reads actors and projects only (its ties are not needed) and
 * a community the whole network.
 */
export async function scopeRegion(
  repos: Repositories,
  clock: Clock,
  request: RegionRequest,
  loaded?: Network,
): Promise<ScopedRegion> {
  checkRegionRequest(request);
  if (request.prefectureCode !== undefined) {
    const code = request.prefectureCode;
    const prefecture = findPrefecture(code);
    if (!prefecture)
      throw new DomainError('validation_failed', `"${code}" is not a prefecture code 01..47`, {
        field: 'prefecture',
      });
    const network = loaded ?? (await actorsAndProjects(repos));
    return {
      scope: { kind: 'prefecture', id: code, name: prefecture.name, prefectureCodes: [code] },
      communitySource: null,
      actorIds: new Set(network.actors.filter((a) => a.prefectureCode === code).map((a) => a.id)),
      projects: network.projects.filter((p) => p.prefectureCode === code),
      network,
    };
  }
  const network = loaded ?? (await loadNetwork(repos, { projects: true }));
  const shared = await sharedCommunities(repos, clock, network);
  const id = request.communityId ?? '';
  const community = shared.result.communities.find((c) => c.id === id);
  if (!community) throw new DomainError('not_found', unknownCommunityMessage(id, shared));
  const members = new Set(community.members);
  const prefectureCodes = new Set<string>();
  for (const actor of network.actors as readonly Actor[])
    if (members.has(actor.id) && actor.prefectureCode) prefectureCodes.add(actor.prefectureCode);
  return {
    scope: {
      kind: 'community',
      id: community.id,
      name: `ABC ${community.id}`,
      prefectureCodes: [...prefectureCodes].sort(),
    },
    communitySource: shared.source,
    actorIds: members,
    projects: network.projects.filter((p) => {
      const lead = p.members.find((m) => m.role === 'lead');
      if (lead) return members.has(lead.actorId);
      return p.members.filter((m) => members.has(m.actorId)).length * 2 > p.members.length;
    }),
    network,
  };
}

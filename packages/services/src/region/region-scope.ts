/**
 * The region an analysis is about: a prefecture, an Actors-Based Community or a named consortium,
 * with the actors and projects in it. A project belongs to a community or a consortium when its
 * lead does (else most of its members), as in the portfolio.
 *
 * A consortium (協議会・コンソーシアム) is an actor standing for it, its code the actor's id; its
 * members are the actors tied to it by a `membership` or `participation` relation (member → body),
 * with the body itself (core/consortium.ts). Its members may lie in several prefectures. Asked by
 * code, any organisation with members answers, flagged `consortium` or not.
 */
import { isMembershipOf } from '#core/consortium.ts';
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
import { communityNames } from '../analysis/community-names.ts';
import { loadNetwork, type Network } from '../analysis/load-network.ts';
import { readAll } from '../programmes/load-records.ts';

export interface RegionRequest {
  prefectureCode?: string;
  communityId?: string;
  /** A consortium's code: the id of the actor standing for it. */
  consortium?: string;
}

export interface RegionScope {
  kind: 'prefecture' | 'community' | 'consortium';
  id: string;
  name: string;
  /** Its English name, when it has one (a prefecture's, a community's, a consortium body's). */
  nameEn?: string;
  /** Prefecture codes the region lies in (a community's or a consortium's: those of its members). */
  prefectureCodes: string[];
  /** Actors in the region (a consortium's: its members and the body itself). */
  members: number;
}

export interface ScopedRegion {
  scope: RegionScope;
  communitySource: CommunitySource | null;
  actorIds: Set<string>;
  projects: Project[];
  network: Network;
}

/** Refuses anything but exactly one of a prefecture, a community or a consortium. */
export function checkRegionRequest(request: RegionRequest): void {
  const given = [request.prefectureCode, request.communityId, request.consortium].filter(
    (x) => x !== undefined,
  ).length;
  if (given !== 1)
    throw new DomainError(
      'validation_failed',
      'give exactly one of a prefecture, a community or a consortium',
    );
}

/** The prefectures the given actors lie in, sorted. */
function prefecturesOf(network: Network, members: ReadonlySet<string>): string[] {
  const codes = new Set<string>();
  for (const actor of network.actors as readonly Actor[])
    if (members.has(actor.id) && actor.prefectureCode) codes.add(actor.prefectureCode);
  return [...codes].sort();
}

/** Projects led by a member (else with most of their members in the set). */
function projectsOf(network: Network, members: ReadonlySet<string>): Project[] {
  return network.projects.filter((p) => {
    const lead = p.members.find((m) => m.role === 'lead');
    if (lead) return members.has(lead.actorId);
    return p.members.filter((m) => members.has(m.actorId)).length * 2 > p.members.length;
  });
}

/** The consortium's body and members, or a not-found naming what to record. */
export function consortiumMembers(
  network: Network,
  code: string,
): { body: Actor; members: Set<string> } {
  const body = network.actors.find((a) => a.id === code);
  if (!body)
    throw new DomainError(
      'not_found',
      `no actor "${code}" stands for a consortium: record the consortium as an actor (its id is the consortium's code) ／ コンソーシアム「${code}」に当たる主体が登録されていません`,
      { field: 'consortium' },
    );
  const members = new Set([body.id]);
  for (const r of network.relations) if (isMembershipOf(body.id, r)) members.add(r.sourceId);
  if (members.size === 1)
    throw new DomainError(
      'not_found',
      `consortium "${code}" (${body.name}) has no members: record each member's membership relation to it (member → ${code}) ／ コンソーシアム「${body.name}」の構成員（membership の関係）が登録されていません`,
      { field: 'consortium' },
    );
  return { body, members };
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
    const actorIds = new Set(
      network.actors.filter((a) => a.prefectureCode === code).map((a) => a.id),
    );
    return {
      scope: {
        kind: 'prefecture',
        id: code,
        name: prefecture.name,
        nameEn: prefecture.nameEn,
        prefectureCodes: [code],
        members: actorIds.size,
      },
      communitySource: null,
      actorIds,
      projects: network.projects.filter((p) => p.prefectureCode === code),
      network,
    };
  }
  if (request.consortium !== undefined) {
    const network = loaded ?? (await loadNetwork(repos, { projects: true }));
    const { body, members } = consortiumMembers(network, request.consortium);
    return {
      scope: {
        kind: 'consortium',
        id: body.id,
        name: body.name,
        ...(body.nameEn ? { nameEn: body.nameEn } : {}),
        prefectureCodes: prefecturesOf(network, members),
        members: members.size,
      },
      communitySource: null,
      actorIds: members,
      projects: projectsOf(network, members),
      network,
    };
  }
  const network = loaded ?? (await loadNetwork(repos, { projects: true }));
  const shared = await sharedCommunities(repos, clock, network);
  const id = request.communityId ?? '';
  const community = shared.result.communities.find((c) => c.id === id);
  if (!community) throw new DomainError('not_found', unknownCommunityMessage(id, shared));
  const members = new Set(community.members);
  const named = communityNames(network, shared.result.communities).get(community.id);
  return {
    scope: {
      kind: 'community',
      id: community.id,
      name: named?.name ?? id,
      ...(named ? { nameEn: named.nameEn } : {}),
      prefectureCodes: prefecturesOf(network, members),
      members: members.size,
    },
    communitySource: shared.source,
    actorIds: members,
    projects: projectsOf(network, members),
    network,
  };
}

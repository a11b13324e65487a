/**
 * The network part of the web views' snapshot (web-data-snapshot.ts): from the actors, their
 * relations as columns, the seeds and the projects, each actor's relations and degree, the shared
 * communities and their names, the geographic layout, the sectors and the detected roles.
 */
import {
  findAnchorCompanies,
  findCoreCompanies,
  findStarScientists,
  type RoleCandidate,
} from '#analytics/abc/roles.ts';
import type { Project } from '#core/entities/project.ts';
import type { Seed } from '#core/entities/seed.ts';
import { ABROAD_GROUP, PREFECTURES, findPrefecture, prefectureGroupOf } from '#core/geo.ts';
import { NO_DAY, type RelationColumns } from '#core/network-columns.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { SECTORS } from '#core/vocabulary.ts';
import { communityNames } from '#services/analysis/community-names.ts';
import { sharedCommunities, type SharedCommunity } from '#services/analysis/current-communities.ts';
import type { CommunityName } from '#analytics/abc/community-names.ts';
import type { WebCommunitySummary, WebRoleEvidence } from '#contract/web-data-types.ts';
import { layoutGroups, type LayoutGroup } from './web-data-layout.ts';
import { indexRelations, yearOfDay } from './web-data-relations.ts';
import type { WebActor, WebNetworkPart } from './web-data-snapshot.ts';

/** What the network part is built from. */
export interface WebNetworkInput {
  /** In the order of their ids. */
  actors: readonly WebActor[];
  /** In the order of their ids (`relationsInIdentityOrder`), ends as positions in `actors`. */
  relations: RelationColumns;
  seeds: Seed[];
  projects: Project[];
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
  actors: readonly WebActor[],
  relations: RelationColumns,
  projects: readonly Project[],
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
  add('star_scientist', findStarScientists(actors, relations, { limit, asOfYear }));
  add('core_company', findCoreCompanies(actors, relations, projects, { limit }));
  add('anchor_company', findAnchorCompanies(actors, relations, { limit }));
  return roles;
}

/**
 * Where each actor is drawn: one disc per community at its main prefecture, one per prefecture
 * for the rest, one off the south-west coast for the actors abroad outside any community.
 */
function layout(
  actors: readonly WebActor[],
  degree: Int32Array,
  communityPrefectures: readonly (string | undefined)[],
  communityMembers: readonly number[][],
  communityOf: Int32Array,
) {
  const byDegree = (a: number, b: number) => (degree[b] ?? 0) - (degree[a] ?? 0) || a - b;
  const groups: LayoutGroup[] = [];
  const positionOf = (code: string | undefined) => {
    const prefecture = code ? findPrefecture(code) : undefined;
    return prefecture ? { lat: prefecture.lat, lon: prefecture.lon } : { lat: 36.5, lon: 137.5 };
  };
  communityPrefectures.forEach((prefecture, ci) => {
    groups.push({
      ...positionOf(prefecture),
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
  const abroad = loose.get(ABROAD_GROUP.code);
  if (abroad) groups.push({ lat: 30.5, lon: 127.5, members: abroad.sort(byDegree) });
  return layoutGroups(actors.length, groups);
}

/**
 * `keepAs`: what computed default communities are kept under (`defaultCommunitiesFingerprint` of
 * the data versions read before loading), shared with the analysis workers: whichever needs them
 * first computes them, the other reads them back.
 */
export async function networkPartOf(
  repos: Repositories,
  clock: Clock,
  input: WebNetworkInput,
  keepAs?: string,
): Promise<WebNetworkPart> {
  const { actors, relations } = input;
  const n = actors.length;
  const indexOf = new Map(actors.map((a, i) => [a.id, i]));
  const { relationOffsets, relationsOf, degree } = indexRelations(n, relations);
  const relStartYear = new Int16Array(relations.count);
  const relEndYear = new Int16Array(relations.count);
  for (let r = 0; r < relations.count; r++) {
    relStartYear[r] = yearOfDay(relations.startDay[r] ?? NO_DAY);
    relEndYear[r] = yearOfDay(relations.endDay[r] ?? NO_DAY);
  }

  // the same communities as the portfolio and the region report: latest stored run, else defaults
  const network = { actors, relations };
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
  const { x, y } = layout(
    actors,
    degree,
    communityData.communities.map((c) => c.prefectures[0]),
    communityMembers,
    communityOf,
  );

  // The roles as of the year the part is built, found when a profile first asks.
  const asOfYear = clock.now().getUTCFullYear();
  let roles: Map<string, WebRoleEvidence[]> | undefined;

  const sectorIndexOf = new Map<string, number>(SECTORS.map((s, i) => [s, i]));
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
    seeds: input.seeds,
    projects: input.projects,
    roles: () => {
      roles ??= rolesByActor(actors, relations, input.projects, asOfYear);
      return roles;
    },
  };
}

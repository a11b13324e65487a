/**
 * The area a region-level record is kept under (a prefecture, a community or a consortium) and the
 * indicators measured for it.
 */
import { DomainError } from '#core/domain-error.ts';
import { ZIndicator, type Indicator } from '#core/entities/indicator.ts';
import type { StrategyAreaType } from '#core/entities/region-strategy.ts';
import { findPrefecture } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { communityNames } from '../analysis/community-names.ts';
import { sharedCommunities } from '../analysis/current-communities.ts';
import { loadNetwork, type Network } from '../analysis/load-network.ts';
import { readAll } from '../programmes/load-records.ts';

export interface RegionArea {
  areaType: StrategyAreaType;
  areaCode: string;
  name: string;
  /** Its English name, when it has one (a prefecture's, a community's). */
  nameEn?: string;
}

export function regionArea(request: {
  prefectureCode?: string;
  communityId?: string;
  consortium?: string;
}): RegionArea {
  const given = [request.prefectureCode, request.communityId, request.consortium].filter(
    (x) => x !== undefined,
  ).length;
  if (given !== 1)
    throw new DomainError(
      'validation_failed',
      request.consortium === undefined
        ? 'give exactly one of a prefecture or a community'
        : 'give exactly one of a prefecture, a community or a consortium',
    );
  if (request.consortium !== undefined)
    return { areaType: 'consortium', areaCode: request.consortium, name: request.consortium };
  if (request.prefectureCode !== undefined) {
    const prefecture = findPrefecture(request.prefectureCode);
    if (!prefecture)
      throw new DomainError(
        'validation_failed',
        `"${request.prefectureCode}" is not a prefecture code 01..47`,
        { field: 'prefecture' },
      );
    return {
      areaType: 'prefecture',
      areaCode: prefecture.code,
      name: prefecture.name,
      nameEn: prefecture.nameEn,
    };
  }
  const id = request.communityId ?? '';
  if (!/^c\d+$/.test(id))
    throw new DomainError('validation_failed', `"${id}" is not a community id like c3`, {
      field: 'community',
    });
  // Named from its members by `namedArea` (the id until then).
  return { areaType: 'community', areaCode: id, name: id };
}

/**
 * The area as people read it: a community under the name made from its members
 * (「静岡大学・浜松ホトニクス圏（光・量子）」, as in the web's community list and the region report)
 * — from the shared partition over `network` (loaded when not given); its id when the partition
 * holds no such community (a record kept under an id of an earlier run). Other areas as they are.
 */
export async function namedArea(
  repos: Repositories,
  clock: Clock,
  area: RegionArea,
  network?: Network,
): Promise<RegionArea> {
  if (area.areaType !== 'community') return area;
  const loaded = network ?? (await loadNetwork(repos));
  const shared = await sharedCommunities(repos, clock, loaded);
  const named = communityNames(loaded, shared.result.communities).get(area.areaCode);
  return named
    ? { ...area, name: named.name, nameEn: named.nameEn }
    : { ...area, name: area.areaCode };
}

/** The area's indicators, metric → fiscal year → value. */
export async function areaMeasurements(
  repos: Repositories,
  area: Pick<RegionArea, 'areaType' | 'areaCode'>,
): Promise<Map<string, Map<number, number>>> {
  const all: Indicator[] = await readAll(repos, 'indicators', ZIndicator);
  const out = new Map<string, Map<number, number>>();
  for (const i of all) {
    if (i.areaType !== area.areaType || i.areaCode !== area.areaCode) continue;
    const series = out.get(i.metric) ?? new Map<number, number>();
    series.set(i.year, i.value);
    out.set(i.metric, series);
  }
  return out;
}

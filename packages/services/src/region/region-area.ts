/**
 * The area a region-level record is kept under (a prefecture, a community or a consortium) and the
 * indicators measured for it.
 */
import { DomainError } from '#core/domain-error.ts';
import { ZIndicator, type Indicator } from '#core/entities/indicator.ts';
import type { StrategyAreaType } from '#core/entities/region-strategy.ts';
import { findPrefecture } from '#core/geo.ts';
import type { Repositories } from '#core/ports.ts';
import { readAll } from '../programmes/load-records.ts';

export interface RegionArea {
  areaType: StrategyAreaType;
  areaCode: string;
  name: string;
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
    return { areaType: 'prefecture', areaCode: prefecture.code, name: prefecture.name };
  }
  const id = request.communityId ?? '';
  if (!/^c\d+$/.test(id))
    throw new DomainError('validation_failed', `"${id}" is not a community id like c3`, {
      field: 'community',
    });
  return { areaType: 'community', areaCode: id, name: `ABC ${id}` };
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

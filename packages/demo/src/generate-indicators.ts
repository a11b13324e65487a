/**
 * Demo indicators per prefecture and year (RESAS-like maps), computed from the generated records
 * so that maps, networks and funding views agree.
 */
import type { FundingFlow } from '#core/entities/funding-flow.ts';
import type { Indicator } from '#core/entities/indicator.ts';
import type { Relation } from '#core/entities/relation.ts';
import { PREFECTURES } from '#core/geo.ts';
import type { ActorWorld } from './generate-actors.ts';

export const INDICATOR_YEARS = { from: 2002, to: 2025 } as const;

export function generateIndicators(
  world: ActorWorld,
  relations: readonly Relation[],
  funding: readonly FundingFlow[],
): Indicator[] {
  const years: number[] = [];
  for (let y = INDICATOR_YEARS.from; y <= INDICATOR_YEARS.to; y++) years.push(y);
  const cell = (prefectureCode: string, year: number) => `${prefectureCode}:${year}`;
  const jointResearch = new Map<string, number>();
  const ventures = new Map<string, number>();
  const fundingJpy = new Map<string, number>();
  const papersTotal = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, by: number) =>
    map.set(key, (map.get(key) ?? 0) + by);

  for (const r of relations) {
    if (r.type !== 'joint_research' || !r.startDate) continue;
    const source = world.byId.get(r.sourceId);
    if (source)
      bump(jointResearch, cell(source.prefectureCode, Number(r.startDate.slice(0, 4))), 1);
  }
  for (const startup of world.national.startup) {
    if (startup.flags.includes('university_venture') && startup.foundedYear !== undefined)
      bump(ventures, cell(startup.prefectureCode, startup.foundedYear), 1);
  }
  for (const flow of funding) {
    const recipient = flow.recipientId ? world.byId.get(flow.recipientId) : undefined;
    if (recipient) bump(fundingJpy, cell(recipient.prefectureCode, flow.fiscalYear), flow.amount);
  }
  for (const researcher of world.national.researcher.concat(world.national.star_scientist)) {
    bump(papersTotal, researcher.prefectureCode, researcher.papers ?? 0);
  }
  // papers spread over the years with a gentle upward trend
  const trend = years.map((y) => 1 + (y - INDICATOR_YEARS.from) * 0.03);
  const trendSum = trend.reduce((a, b) => a + b, 0);

  const indicators: Indicator[] = [];
  for (const prefecture of PREFECTURES) {
    years.forEach((year, i) => {
      const key = cell(prefecture.code, year);
      const base = {
        areaType: 'prefecture' as const,
        areaCode: prefecture.code,
        year,
        source: 'demo',
      };
      indicators.push(
        {
          ...base,
          metric: 'papers',
          value: Math.round(((papersTotal.get(prefecture.code) ?? 0) * (trend[i] ?? 1)) / trendSum),
          unit: '件',
        },
        { ...base, metric: 'joint_research', value: jointResearch.get(key) ?? 0, unit: '件' },
        { ...base, metric: 'university_ventures', value: ventures.get(key) ?? 0, unit: '社' },
        { ...base, metric: 'funding_jpy', value: fundingJpy.get(key) ?? 0, unit: 'JPY' },
      );
    });
  }
  return indicators;
}

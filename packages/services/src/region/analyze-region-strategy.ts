/**
 * `musubi analyze strategy`: a region's strategies (vision, KPI targets by year on the three
 * values, PDCA log) and their progress against the area's measured indicators.
 */
import {
  analyseStrategyProgress,
  type StrategyProgress,
} from '#analytics/region/strategy-progress.ts';
import { DomainError } from '#core/domain-error.ts';
import type { PdcaEntry } from '#core/entities/project-management.ts';
import { ZRegionStrategy, type RegionStrategy } from '#core/entities/region-strategy.ts';
import { findPrefecture } from '#core/geo.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import { fiscalYearOf, readAll } from '../programmes/load-records.ts';
import { areaMeasurements, namedArea, regionArea, type RegionArea } from './region-area.ts';

export interface RegionStrategyRequest {
  prefectureCode?: string;
  communityId?: string;
  strategyId?: string;
  asOfFy?: number;
}

export interface StrategyReport extends StrategyProgress {
  id: string;
  name: string;
  areaType: RegionStrategy['areaType'];
  areaCode: string;
  vision: string | null;
  coreBodyId: string | null;
  startFy: number | null;
  endFy: number | null;
  pdca: PdcaEntry[];
  /** The latest PDCA entry of each phase and how many days since the last check. */
  lastCheck: string | null;
  daysSinceCheck: number | null;
}

export interface RegionStrategyOutput {
  area: RegionArea;
  asOfFy: number;
  strategies: StrategyReport[];
  method: string;
  note: string | null;
}

const METHOD =
  'Each KPI target is judged on the indicator of the same area and metric: a passed target year on its measured value (met: on track), a target ahead on the latest measurement against the straight line from the baseline; no measurement or no baseline: no data (no claim).';

const DAY_MS = 86_400_000;

function areaOf(strategy: RegionStrategy): RegionArea {
  const area = { areaType: strategy.areaType, areaCode: strategy.areaCode };
  const prefecture =
    strategy.areaType === 'prefecture' ? findPrefecture(strategy.areaCode) : undefined;
  // A community is named from its members by `namedArea`.
  return prefecture
    ? { ...area, name: prefecture.name, nameEn: prefecture.nameEn }
    : { ...area, name: strategy.areaCode };
}

export async function analyzeRegionStrategy(
  repos: Repositories,
  clock: Clock,
  request: RegionStrategyRequest,
): Promise<RegionStrategyOutput> {
  const asOfFy = request.asOfFy ?? fiscalYearOf(clock.now());
  const all = await readAll(repos, 'region-strategies', ZRegionStrategy);
  let area: RegionArea;
  let selected: RegionStrategy[];
  if (request.strategyId !== undefined) {
    const found = all.find((s) => s.id === request.strategyId);
    if (!found)
      throw new DomainError('not_found', `no region strategy ${request.strategyId}`, {
        field: 'strategy',
      });
    area = await namedArea(repos, clock, areaOf(found));
    selected = [found];
  } else {
    area = await namedArea(repos, clock, regionArea(request));
    selected = all.filter((s) => s.areaType === area.areaType && s.areaCode === area.areaCode);
  }
  const measurements = await areaMeasurements(repos, area);
  const today = clock.now().getTime();
  const strategies = selected.map((s): StrategyReport => {
    const pdca = [...s.pdca].sort((a, b) => a.date.localeCompare(b.date));
    const lastCheck = pdca.filter((e) => e.phase === 'check').at(-1)?.date ?? null;
    return {
      id: s.id,
      name: s.name,
      areaType: s.areaType,
      areaCode: s.areaCode,
      vision: s.vision ?? null,
      coreBodyId: s.coreBodyId ?? null,
      startFy: s.startFy ?? null,
      endFy: s.endFy ?? null,
      pdca,
      lastCheck,
      daysSinceCheck:
        lastCheck === null
          ? null
          : Math.floor((today - new Date(`${lastCheck}T00:00:00Z`).getTime()) / DAY_MS),
      ...analyseStrategyProgress(s.kpiTargets, measurements, asOfFy, s.startFy),
    };
  });
  return {
    area,
    asOfFy,
    strategies,
    method: METHOD,
    note:
      strategies.length === 0
        ? `no region strategy recorded for ${area.name} (add one under region-strategies)`
        : null,
  };
}

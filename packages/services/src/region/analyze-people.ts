/**
 * `musubi analyze people`: a region's human-resource development programmes (人材育成), where
 * their learners went (local retention with its interval) and coordinator staffing and turnover
 * (indicators `coordinators` and `coordinator_departures` of the area).
 */
import {
  coordinatorStaffing,
  programmePeople,
  regionRetention,
  type CoordinatorStaffing,
  type ProgrammePeople,
} from '#analytics/region/people-indicators.ts';
import { ZTrainingProgramme } from '#core/entities/training-programme.ts';
import { systemClock, type Clock, type Repositories } from '#core/ports.ts';
import { readAll } from '../programmes/load-records.ts';
import { areaMeasurements, namedArea, regionArea, type RegionArea } from './region-area.ts';

export interface PeopleOutput {
  area: RegionArea;
  programmes: ProgrammePeople[];
  retention: ReturnType<typeof regionRetention>;
  coordinators: CoordinatorStaffing;
  method: string;
  note: string | null;
}

const METHOD =
  'Local retention: those who completed and stayed in the region ÷ destinations known, 95% Wilson interval, with the worst and best cases if every unknown destination left or stayed; no claim under 20 known destinations or over 30% unknown. Coordinator turnover: departures ÷ staff at the start of each year (indicators coordinators, coordinator_departures), pooled with a Wilson interval.';

export async function analyzePeople(
  repos: Repositories,
  request: { prefectureCode?: string; communityId?: string; consortium?: string },
  /** For a community's name when its partition is computed now (see `namedArea`). */
  clock: Clock = systemClock,
): Promise<PeopleOutput> {
  const area = await namedArea(repos, clock, regionArea(request));
  const programmes = (await readAll(repos, 'training-programmes', ZTrainingProgramme)).filter(
    (p) => p.areaType === area.areaType && p.areaCode === area.areaCode,
  );
  const measurements = await areaMeasurements(repos, area);
  const coordinators = coordinatorStaffing(
    measurements.get('coordinators') ?? new Map(),
    measurements.get('coordinator_departures') ?? new Map(),
  );
  const notes = [
    programmes.length === 0 ? `no training programme recorded for ${area.name}` : null,
    coordinators.years.length === 0
      ? `no coordinator staffing recorded for ${area.name} (indicators coordinators, coordinator_departures)`
      : null,
  ].filter((n) => n !== null);
  return {
    area,
    programmes: programmes.map(programmePeople).sort((a, b) => a.id.localeCompare(b.id)),
    retention: regionRetention(programmes),
    coordinators,
    method: METHOD,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}

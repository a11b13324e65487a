/**
 * The web views' metrics and maps: what each choropleth counts, the values per prefecture and per
 * municipality, and the metadata the views start from (`/api/web/meta`).
 */
import { DomainError } from '#core/domain-error.ts';
import type { Actor } from '#core/entities/actor.ts';
import { mapUnitOf, mapUnitsOf, PREFECTURES } from '#core/geo.ts';
import { ACTOR_FLAGS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import type { WebSnapshot } from './web-data-snapshot.ts';
import type {
  WebChoropleth,
  WebMeta,
  WebMetricInfo,
  WebMunicipalityChoropleth,
} from '#contract/web-data-types.ts';

export function increment(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

export function zeroes(keys: readonly string[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k, 0]));
}

/** Japanese fiscal year (April–March) of a date. */
export function fiscalYear(date: Date): number {
  return date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
}

// ---------------------------------------------------------------- metrics for the choropleth

interface Metric {
  id: string;
  unit: string;
  /** Value per prefecture code. */
  values(snapshot: WebSnapshot): Record<string, number>;
}

function countBy<T>(
  items: readonly T[],
  prefectureOf: (item: T) => string | undefined,
  weight: (item: T) => number = () => 1,
) {
  const values: Record<string, number> = {};
  for (const item of items) {
    const code = prefectureOf(item);
    if (code) increment(values, code, weight(item));
  }
  return values;
}

export function ownerPrefecture(
  snapshot: WebSnapshot,
  ownerId: string | undefined,
): string | undefined {
  if (ownerId === undefined) return undefined;
  const i = snapshot.indexOf.get(ownerId);
  return i === undefined ? undefined : snapshot.actors[i]?.prefectureCode;
}

const COUNT_METRICS: readonly Metric[] = [
  { id: 'actors', unit: '件', values: (s) => countBy(s.actors, (a) => a.prefectureCode) },
  {
    id: 'universities',
    unit: '件',
    values: (s) =>
      countBy(
        s.actors.filter((a) => a.sector === 'university'),
        (a) => a.prefectureCode,
      ),
  },
  {
    id: 'companies',
    unit: '社',
    values: (s) =>
      countBy(
        s.actors.filter((a) => a.sector === 'company'),
        (a) => a.prefectureCode,
      ),
  },
  {
    id: 'star_scientists',
    unit: '人',
    values: (s) =>
      countBy(
        s.actors.filter((a) => a.flags.includes('star_scientist')),
        (a) => a.prefectureCode,
      ),
  },
  {
    id: 'patents',
    unit: '件',
    values: (s) =>
      countBy(
        s.actors,
        (a) => a.prefectureCode,
        (a) => a.patents ?? 0,
      ),
  },
  {
    id: 'seeds',
    unit: '件',
    values: (s) =>
      countBy(s.seeds, (seed) => seed.prefectureCode ?? ownerPrefecture(s, seed.ownerId)),
  },
  {
    id: 'needs',
    unit: '件',
    values: (s) =>
      countBy(s.publicNeeds, (need) => need.prefectureCode ?? ownerPrefecture(s, need.ownerId)),
  },
  { id: 'projects', unit: '件', values: (s) => countBy(s.projects, (p) => p.prefectureCode) },
  {
    id: 'adoptions',
    unit: '件',
    values: (s) => {
      const values: Record<string, number> = {};
      for (const a of s.adoptions) for (const code of a.prefectureCodes) increment(values, code);
      return values;
    },
  },
];

function indicatorMetrics(snapshot: WebSnapshot): WebMetricInfo[] {
  const byMetric = new Map<string, { unit: string; years: Set<number> }>();
  for (const i of snapshot.indicators) {
    if (i.areaType !== 'prefecture') continue;
    const entry = byMetric.get(i.metric) ?? { unit: i.unit, years: new Set<number>() };
    entry.years.add(i.year);
    byMetric.set(i.metric, entry);
  }
  return [...byMetric.entries()]
    .filter(([id]) => !COUNT_METRICS.some((m) => m.id === id))
    .map(([id, { unit, years }]) => ({
      id,
      unit,
      yearly: true,
      years: [...years].sort((a, b) => a - b),
    }));
}

function metricsOf(snapshot: WebSnapshot): WebMetricInfo[] {
  return [
    ...COUNT_METRICS.map((m) => ({ id: m.id, unit: m.unit, yearly: false, years: [] })),
    ...indicatorMetrics(snapshot),
  ];
}

export function choropleth(
  snapshot: WebSnapshot,
  metricId: string,
  year: number | 'all' | undefined,
): WebChoropleth {
  const counted = COUNT_METRICS.find((m) => m.id === metricId);
  let values: Record<string, number>;
  let unit: string;
  let shownYear: number | null = null;
  let years: number[] = [];
  if (counted) {
    values = counted.values(snapshot);
    unit = counted.unit;
  } else {
    const info = indicatorMetrics(snapshot).find((m) => m.id === metricId);
    if (!info) {
      throw new DomainError('validation_failed', `metric: unknown metric ${metricId}`, {
        field: 'metric',
        known: metricsOf(snapshot).map((m) => m.id),
      });
    }
    unit = info.unit;
    years = info.years;
    shownYear = year === 'all' ? null : (year ?? years[years.length - 1] ?? null);
    values = {};
    for (const i of snapshot.indicators) {
      if (i.areaType !== 'prefecture' || i.metric !== metricId) continue;
      if (shownYear !== null && i.year !== shownYear) continue;
      increment(values, i.areaCode, i.value);
    }
  }
  const complete = Object.fromEntries(PREFECTURES.map((p) => [p.code, values[p.code] ?? 0]));
  const total = Object.values(complete).reduce((a, b) => a + b, 0);
  return { metric: metricId, unit, year: shownYear, years, values: complete, total };
}

// ---------------------------------------------------------------- municipalities of a prefecture

/**
 * Per actor: what it adds to a municipality metric. Seeds and public needs count where their owner
 * is (a seed or need placed in another prefecture than its owner is left unplaced). Projects,
 * adoptions and indicators are known per prefecture only.
 */
const MUNICIPALITY_METRICS: Record<
  string,
  (s: WebSnapshot) => { actor: Actor; prefectureCode?: string; weight: number }[]
> = {
  actors: (s) => s.actors.map((actor) => ({ actor, weight: 1 })),
  universities: (s) =>
    s.actors.filter((a) => a.sector === 'university').map((actor) => ({ actor, weight: 1 })),
  companies: (s) =>
    s.actors.filter((a) => a.sector === 'company').map((actor) => ({ actor, weight: 1 })),
  star_scientists: (s) =>
    s.actors
      .filter((a) => a.flags.includes('star_scientist'))
      .map((actor) => ({ actor, weight: 1 })),
  patents: (s) => s.actors.map((actor) => ({ actor, weight: actor.patents ?? 0 })),
  seeds: (s) => ownedBy(s, s.seeds),
  needs: (s) => ownedBy(s, s.publicNeeds),
};

function ownedBy(
  snapshot: WebSnapshot,
  items: readonly { ownerId?: string | undefined; prefectureCode?: string | undefined }[],
) {
  const rows: { actor: Actor; prefectureCode?: string; weight: number }[] = [];
  for (const item of items) {
    if (item.ownerId === undefined) continue; // owner not registered yet
    const i = snapshot.indexOf.get(item.ownerId);
    const actor = i === undefined ? undefined : snapshot.actors[i];
    if (actor)
      rows.push({ actor, prefectureCode: item.prefectureCode ?? actor.prefectureCode, weight: 1 });
  }
  return rows;
}

export function municipalityChoropleth(
  snapshot: WebSnapshot,
  prefecture: string,
  metricId: string,
): WebMunicipalityChoropleth {
  const info = metricsOf(snapshot).find((m) => m.id === metricId);
  if (!info) {
    throw new DomainError('validation_failed', `metric: unknown metric ${metricId}`, {
      field: 'metric',
      known: metricsOf(snapshot).map((m) => m.id),
    });
  }
  const units = mapUnitsOf(prefecture);
  const municipalities = units.map((m) => ({ code: m.code, name: m.name }));
  const rowsOf = MUNICIPALITY_METRICS[metricId];
  if (!rowsOf) {
    return {
      prefecture,
      metric: metricId,
      unit: info.unit,
      available: false,
      municipalities,
      values: {},
      total: 0,
      unplaced: 0,
    };
  }
  const values = zeroes(units.map((m) => m.code));
  let unplaced = 0;
  for (const row of rowsOf(snapshot)) {
    if ((row.prefectureCode ?? row.actor.prefectureCode) !== prefecture || row.weight === 0)
      continue;
    const code = row.actor.municipalityCode;
    const unit = code ? mapUnitOf(code) : undefined;
    if (unit && unit.prefectureCode === prefecture && unit.code in values)
      increment(values, unit.code, row.weight);
    else unplaced += row.weight;
  }
  const total = Object.values(values).reduce((a, b) => a + b, 0);
  return {
    prefecture,
    metric: metricId,
    unit: info.unit,
    available: true,
    municipalities,
    values,
    total,
    unplaced,
  };
}

// ---------------------------------------------------------------- summary

export function meta(snapshot: WebSnapshot): WebMeta {
  let from = Infinity;
  let to = -Infinity;
  for (const year of snapshot.relStartYear) {
    if (year === 0) continue;
    if (year < from) from = year;
    if (year > to) to = year;
  }
  return {
    prefectures: PREFECTURES.map((p) => ({
      code: p.code,
      name: p.name,
      nameEn: p.nameEn,
      region: p.region,
      regionEn: p.regionEn,
      lat: p.lat,
      lon: p.lon,
    })),
    sectors: [...SECTORS],
    relationTypes: [...RELATION_TYPES],
    flags: [...ACTOR_FLAGS],
    metrics: metricsOf(snapshot),
    years: Number.isFinite(from) ? { from, to } : null,
    builtAt: snapshot.builtAt,
  };
}

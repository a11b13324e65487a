/**
 * Demo region strategies and people for two prefectures (静岡県, 福岡県): a vision with KPI targets
 * by year on the three values, measured by the demo's indicators, a PDCA log, human-resource
 * development programmes with cohorts, and coordinator staffing as indicators. Drawn from its own
 * generator so the rest of the demo stays as it was.
 */
import type { Indicator } from '#core/entities/indicator.ts';
import type { RegionStrategy } from '#core/entities/region-strategy.ts';
import type { TrainingProgramme } from '#core/entities/training-programme.ts';
import { createRandom } from './random.ts';

const REGIONS = [
  { code: '22', name: '静岡県', theme: '光・電子技術で次の産業をつくる', lead: '浜松' },
  { code: '40', name: '福岡県', theme: '半導体・水素で世界とつながる', lead: '福岡' },
] as const;

const YEARS = [2021, 2022, 2023, 2024, 2025];

export interface RegionPlans {
  strategies: RegionStrategy[];
  trainingProgrammes: TrainingProgramme[];
  indicators: Indicator[];
}

/** `indicators` are the demo's own (the KPI targets start from their FY2020 values). */
export function generateRegionPlans(seed: number, indicators: readonly Indicator[]): RegionPlans {
  const random = createRandom(seed + 14);
  const valueOf = (code: string, metric: string, year: number) =>
    indicators.find(
      (i) =>
        i.areaType === 'prefecture' &&
        i.areaCode === code &&
        i.metric === metric &&
        i.year === year,
    )?.value;
  const strategies: RegionStrategy[] = [];
  const trainingProgrammes: TrainingProgramme[] = [];
  const added: Indicator[] = [];
  for (const region of REGIONS) {
    const base = { areaType: 'prefecture' as const, areaCode: region.code, source: 'demo' };
    const programmes: TrainingProgramme[] = [
      {
        id: `tp-${region.code}-reskill`,
        name: `${region.lead}リスキリング講座`,
        kind: 'reskilling',
      },
      {
        id: `tp-${region.code}-doctor`,
        name: `${region.lead}博士人材キャリア形成`,
        kind: 'doctoral',
      },
      {
        id: `tp-${region.code}-coord`,
        name: `${region.name}コーディネーター養成`,
        kind: 'coordinator',
      },
    ].map((p) => ({
      ...p,
      ...base,
      kind: p.kind as TrainingProgramme['kind'],
      cohorts: YEARS.map((fiscalYear) => {
        const enrolled = p.kind === 'reskilling' ? random.int(60, 160) : random.int(6, 24);
        const completed = Math.round(enrolled * (0.7 + random.next() * 0.25));
        const unknown = Math.round(completed * random.next() * 0.2);
        const stayedLocal = Math.round((completed - unknown) * (0.45 + random.next() * 0.4));
        return {
          fiscalYear,
          enrolled,
          completed,
          stayedLocal,
          leftRegion: completed - unknown - stayedLocal,
          unknown,
        };
      }),
    }));
    trainingProgrammes.push(...programmes);
    let staff = random.int(8, 14);
    for (const year of YEARS) {
      const departures = random.int(0, 3);
      added.push(
        { ...base, year, metric: 'coordinators', value: staff, unit: '人' },
        { ...base, year, metric: 'coordinator_departures', value: departures, unit: '人' },
        {
          ...base,
          year,
          metric: 'reskilling_completions',
          value: programmes.reduce(
            (sum, p) => sum + (p.cohorts.find((c) => c.fiscalYear === year)?.completed ?? 0),
            0,
          ),
          unit: '人',
        },
      );
      staff = Math.max(4, staff - departures + random.int(0, 3));
    }
    const from = (metric: string) => valueOf(region.code, metric, 2020) ?? 0;
    const targets = (
      metric: string,
      value: 'social' | 'industrial' | 'economic',
      unit: string,
      baseline: number,
      growth: number,
      baselineYear = 2020,
    ) =>
      [2023, 2025, 2027].map((year) => ({
        metric,
        value,
        year,
        unit,
        baseline,
        baselineYear,
        // at least one more than the baseline: a target of 0 ventures is no target
        target: Math.max(
          baseline + 1,
          Math.round(baseline * (1 + growth * ((year - baselineYear) / (2027 - baselineYear)))),
        ),
        direction: 'increase' as const,
      }));
    // the training programmes start in FY2021: their first year is the social KPI's baseline
    const reskillBase =
      added.find(
        (i) =>
          i.areaCode === region.code && i.metric === 'reskilling_completions' && i.year === 2021,
      )?.value ?? 0;
    strategies.push({
      id: `rs-${region.code}`,
      name: `${region.name} 地域イノベーション戦略 2021–2027`,
      ...base,
      vision: `${region.theme}。大学・企業・自治体・金融が一つのビジョンを共有し、国の事業終了後も自立して続く地域をつくる。`,
      startFy: 2021,
      endFy: 2027,
      kpiTargets: [
        ...targets('reskilling_completions', 'social', '人', reskillBase, 0.3, 2021),
        ...targets('joint_research', 'industrial', '件', from('joint_research'), 0.5),
        ...targets('university_ventures', 'economic', '社', from('university_ventures'), 1),
      ],
      pdca: [
        { phase: 'plan', date: '2021-04-01', note: '戦略策定・KPI設定（推進協議会）' },
        { phase: 'do', date: '2022-04-01', note: '共同研究マッチングとリスキリング講座を開始' },
        {
          phase: 'check',
          date: '2024-03-15',
          note: '中間点検：大学発ベンチャー創出が目標に届かず',
        },
        { phase: 'act', date: '2024-06-01', note: 'ギャップファンドと伴走支援を増強' },
      ],
    });
  }
  return { strategies, trainingProgrammes, indicators: added };
}

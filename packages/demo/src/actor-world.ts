/**
 * The demo's world of actors under construction: pools by community, places, counts per scale,
 * and the builder the actor generators share (generate-actors.ts runs them in order).
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import { MUNICIPALITIES, PREFECTURES, type Municipality, type Prefecture } from '#core/geo.ts';
import type { Sector } from '#core/vocabulary.ts';
import { FIELDS } from './field-vocabulary.ts';
import { PLANTED_COMMUNITIES, type PlantedCommunity } from './planted-communities.ts';
import type { Random } from './random.ts';

export const LAST_FOUNDING_YEAR = 2025;

/** Groups of actors the relation generator draws from. */
export const POOL_KEYS = [
  'university',
  'public_research',
  'national_lab',
  'company',
  'sme',
  'large',
  'startup',
  'regional_core',
  'anchor',
  'bank',
  'vc',
  'national_government',
  'prefecture',
  'municipality',
  'support_org',
  'npo',
  'school',
  'researcher',
  'star_scientist',
  'coordinator',
  'pd_pm',
  'entrepreneur',
  'student',
  'other',
] as const;
export type PoolKey = (typeof POOL_KEYS)[number];
export type Pools = Record<PoolKey, ActorInJapan[]>;

export interface ActorWorld {
  actors: ActorInJapan[];
  byId: Map<string, ActorInJapan>;
  /** Index into PLANTED_COMMUNITIES of each actor. */
  communityOf: Map<string, number>;
  /** Per community, the actors by pool. */
  pools: Pools[];
  /** All actors by pool. */
  national: Pools;
  /** A person's home organisation (employer, university, own startup). */
  homeOf: Map<string, string>;
  /** Founder of each startup. */
  founderOf: Map<string, string>;
}

export function emptyPools(): Pools {
  return Object.fromEntries(POOL_KEYS.map((key) => [key, []])) as unknown as Pools;
}

const municipalitiesByPrefecture = new Map<string, Municipality[]>();
for (const m of MUNICIPALITIES) {
  const list = municipalitiesByPrefecture.get(m.prefectureCode) ?? [];
  list.push(m);
  municipalitiesByPrefecture.set(m.prefectureCode, list);
}
export const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

export function municipalitiesIn(prefectureCode: string): Municipality[] {
  return municipalitiesByPrefecture.get(prefectureCode) ?? [];
}

export function capitalOf(prefecture: Prefecture): Municipality {
  const list = municipalitiesIn(prefecture.code);
  const found = list.find((m) => m.name === prefecture.capital) ?? list[0];
  if (!found) throw new Error(`no municipality in prefecture ${prefecture.code}`);
  return found;
}

export function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** A point a few kilometres around a municipality's reference point. */
export function near(
  random: Random,
  m: { lat: number; lon: number },
): { lat: number; lon: number } {
  return {
    lat: round5(Math.min(45.9, Math.max(20.1, m.lat + (random.next() - 0.5) * 0.04))),
    lon: round5(Math.min(153.9, Math.max(122.1, m.lon + (random.next() - 0.5) * 0.05))),
  };
}

/** A valid 法人番号: check digit + 12-digit 会社法人等番号 (registry office, kind, serial). */
export function corporateNumber(base12: string): string {
  if (!/^\d{12}$/.test(base12)) throw new RangeError(`not twelve digits: ${base12}`);
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${base12}`;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function share(value: number): number {
  return Math.round(clamp(value, 0, 1) * 100) / 100;
}

export const NATIONAL_MINISTRIES: readonly (readonly [id: string, name: string, nameEn: string])[] =
  [
    ['gov-mext', '文部科学省', 'Ministry of Education, Culture, Sports, Science and Technology'],
    ['gov-meti', '経済産業省', 'Ministry of Economy, Trade and Industry'],
    ['gov-cao', '内閣府', 'Cabinet Office'],
    ['gov-maff', '農林水産省', 'Ministry of Agriculture, Forestry and Fisheries'],
    ['gov-mhlw', '厚生労働省', 'Ministry of Health, Labour and Welfare'],
    ['gov-mic', '総務省', 'Ministry of Internal Affairs and Communications'],
    ['gov-env', '環境省', 'Ministry of the Environment'],
    ['gov-sme', '中小企業庁', 'Small and Medium Enterprise Agency'],
    ['gov-jpo', '特許庁', 'Japan Patent Office'],
  ];

/** Regional bureaus of METI (経済産業局) with the prefecture of their office. */
export const METI_BUREAUS: readonly (readonly [name: string, prefectureCode: string])[] = [
  ['北海道経済産業局', '01'],
  ['東北経済産業局', '04'],
  ['関東経済産業局', '11'],
  ['中部経済産業局', '23'],
  ['近畿経済産業局', '27'],
  ['中国経済産業局', '34'],
  ['四国経済産業局', '37'],
  ['九州経済産業局', '40'],
  ['沖縄総合事務局 経済産業部', '47'],
];

export interface ActorCounts {
  smes: number;
  large: number;
  startups: number;
  vcs: number;
  municipalities: number;
  incubators: number;
  npos: number;
  schools: number;
  researchers: number;
  stars: number;
  coordinators: number;
  pdPms: number;
  students: number;
}

export function actorCounts(scale: number): ActorCounts {
  const n = (base: number, min = 1) => Math.max(min, Math.round(base * scale));
  return {
    smes: n(7000, 20),
    large: n(400, 5),
    startups: n(900, 10),
    vcs: n(50, 3),
    municipalities: n(815, 47),
    incubators: n(80, 3),
    npos: n(300, 5),
    schools: n(500, 5),
    researchers: n(5000, 40),
    stars: n(150, 5),
    coordinators: n(600, 10),
    pdPms: n(150, 5),
    students: n(1500, 10),
  };
}

/** Builds every actor; `scale` 1 gives about 24,000. */

/**
 * The world under construction and the helpers every part of the generator draws on: adding an
 * actor to its community's pools, placing it, choosing its community, field and prefecture.
 */
export interface ActorBuilder {
  readonly random: Random;
  readonly scale: number;
  readonly counts: ActorCounts;
  readonly world: ActorWorld;
  readonly prefectureByCode: ReadonlyMap<string, Prefecture>;
  /** The planted communities present in each prefecture. */
  readonly communitiesOfPrefecture: ReadonlyMap<string, readonly number[]>;
  readonly communityIndexes: readonly number[];
  readonly communityWeights: readonly number[];
  communityForPrefecture(prefectureCode: string): number;
  /** A prefecture of the community: its centre more often. */
  prefectureOfCommunity(community: number): string;
  add(actor: ActorInJapan, community: number, keys: readonly PoolKey[]): ActorInJapan;
  place(
    prefectureCode: string,
    municipality?: Municipality,
  ): Pick<ActorInJapan, 'prefectureCode' | 'municipalityCode' | 'lat' | 'lon'>;
  fieldOf(community: number): string;
  scaleSubset<T>(items: readonly T[], minimum: number): readonly T[];
  /** The next serial part of a synthetic 会社法人等番号, unique across the run. */
  nextCompanySerial(): number;
}

export function createActorBuilder(random: Random, scale: number): ActorBuilder {
  const counts = actorCounts(scale);
  const actors: ActorInJapan[] = [];
  const byId = new Map<string, ActorInJapan>();
  const communityOf = new Map<string, number>();
  const pools = PLANTED_COMMUNITIES.map(() => emptyPools());
  const national = emptyPools();
  const homeOf = new Map<string, string>();
  const founderOf = new Map<string, string>();
  const prefectureByCode = new Map(PREFECTURES.map((p) => [p.code, p]));
  /** Serial part of the synthetic 会社法人等番号, unique across the run. */
  let companySerial = 0;

  const communitiesOfPrefecture = new Map<string, number[]>();
  PLANTED_COMMUNITIES.forEach((c, index) => {
    for (const code of c.prefectureCodes) {
      const list = communitiesOfPrefecture.get(code) ?? [];
      list.push(index);
      communitiesOfPrefecture.set(code, list);
    }
  });
  const communityWeights = PLANTED_COMMUNITIES.map((c) => c.weight);
  const communityIndexes = PLANTED_COMMUNITIES.map((_, i) => i);

  function communityForPrefecture(prefectureCode: string): number {
    const list = communitiesOfPrefecture.get(prefectureCode) ?? [0];
    return random.weighted(
      list,
      list.map((i) => {
        const c = PLANTED_COMMUNITIES[i] as PlantedCommunity;
        // a community's first prefecture is its centre; later ones hold fewer of its actors
        const position = c.prefectureCodes.indexOf(prefectureCode);
        return c.weight / (position === 0 ? 1 : 2);
      }),
    );
  }

  function prefectureOfCommunity(community: number): string {
    const codes = (PLANTED_COMMUNITIES[community] as PlantedCommunity).prefectureCodes;
    return random.weighted(
      codes,
      codes.map((_, i) => (i === 0 ? 3 : 1)),
    );
  }

  function add(actor: ActorInJapan, community: number, keys: readonly PoolKey[]): ActorInJapan {
    if (byId.has(actor.id)) throw new Error(`duplicate demo actor id ${actor.id}`);
    actors.push(actor);
    byId.set(actor.id, actor);
    communityOf.set(actor.id, community);
    const pool = pools[community] as Pools;
    for (const key of keys) {
      pool[key].push(actor);
      national[key].push(actor);
    }
    return actor;
  }

  function place(
    prefectureCode: string,
    municipality?: Municipality,
  ): Pick<ActorInJapan, 'prefectureCode' | 'municipalityCode' | 'lat' | 'lon'> {
    const m = municipality ?? random.pick(municipalitiesIn(prefectureCode));
    return { prefectureCode, municipalityCode: m.code, ...near(random, m) };
  }

  function fieldOf(community: number): string {
    const fields = (PLANTED_COMMUNITIES[community] as PlantedCommunity).fields;
    if (random.chance(0.7)) return random.weighted(fields, [2, 1]);
    return random.pick(FIELDS).field;
  }

  const scaleSubset = <T>(items: readonly T[], minimum: number): readonly T[] =>
    scale >= 1 ? items : random.sample(items, Math.max(minimum, Math.round(items.length * scale)));

  return {
    random,
    scale,
    counts,
    world: { actors, byId, communityOf, pools, national, homeOf, founderOf },
    prefectureByCode,
    communitiesOfPrefecture,
    communityIndexes,
    communityWeights,
    communityForPrefecture,
    prefectureOfCommunity,
    add,
    place,
    fieldOf,
    scaleSubset,
    nextCompanySerial: () => ++companySerial,
  };
}

export function poolOfSector(sector: Sector): PoolKey {
  switch (sector) {
    case 'university':
    case 'public_research':
    case 'national_lab':
    case 'company':
    case 'national_government':
    case 'prefecture':
    case 'municipality':
    case 'support_org':
    case 'npo':
    case 'school':
      return sector;
    case 'financial':
      return 'bank';
    default:
      return 'other';
  }
}

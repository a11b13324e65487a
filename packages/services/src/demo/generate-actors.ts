/**
 * Demo actors (主体) of every sector: the real universities and ROR organisations, and synthetic
 * companies, financial institutions, governments, support organisations, NPOs, schools and people,
 * each placed in one planted community.
 */
import type { Actor } from '#core/entities/actor.ts';
import { MUNICIPALITIES, PREFECTURES, type Municipality, type Prefecture } from '#core/geo.ts';
import type { ActorFlag, Sector } from '#core/vocabulary.ts';
import { FIELDS } from './field-vocabulary.ts';
import { companyName, personName, startupName } from './japanese-names.ts';
import { PLANTED_COMMUNITIES, type PlantedCommunity } from './planted-communities.ts';
import type { Random } from './random.ts';
import { REFERENCE_ORGANISATIONS, REFERENCE_UNIVERSITIES } from './reference-data.ts';

/** Startups are founded up to the last year the demo's indicators cover. */
const LAST_FOUNDING_YEAR = 2025;

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
export type Pools = Record<PoolKey, Actor[]>;

export interface ActorWorld {
  actors: Actor[];
  byId: Map<string, Actor>;
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

function emptyPools(): Pools {
  return Object.fromEntries(POOL_KEYS.map((key) => [key, []])) as unknown as Pools;
}

const municipalitiesByPrefecture = new Map<string, Municipality[]>();
for (const m of MUNICIPALITIES) {
  const list = municipalitiesByPrefecture.get(m.prefectureCode) ?? [];
  list.push(m);
  municipalitiesByPrefecture.set(m.prefectureCode, list);
}
const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

function municipalitiesIn(prefectureCode: string): Municipality[] {
  return municipalitiesByPrefecture.get(prefectureCode) ?? [];
}

function capitalOf(prefecture: Prefecture): Municipality {
  const list = municipalitiesIn(prefecture.code);
  const found = list.find((m) => m.name === prefecture.capital) ?? list[0];
  if (!found) throw new Error(`no municipality in prefecture ${prefecture.code}`);
  return found;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

/** A point a few kilometres around a municipality's reference point. */
function near(random: Random, m: { lat: number; lon: number }): { lat: number; lon: number } {
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

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function share(value: number): number {
  return Math.round(clamp(value, 0, 1) * 100) / 100;
}

const NATIONAL_MINISTRIES: readonly (readonly [id: string, name: string, nameEn: string])[] = [
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
const METI_BUREAUS: readonly (readonly [name: string, prefectureCode: string])[] = [
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
export function generateActors(random: Random, scale: number): ActorWorld {
  const counts = actorCounts(scale);
  const actors: Actor[] = [];
  const byId = new Map<string, Actor>();
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

  /** A prefecture of the community: its centre more often. */
  function prefectureOfCommunity(community: number): string {
    const codes = (PLANTED_COMMUNITIES[community] as PlantedCommunity).prefectureCodes;
    return random.weighted(
      codes,
      codes.map((_, i) => (i === 0 ? 3 : 1)),
    );
  }

  function add(actor: Actor, community: number, keys: readonly PoolKey[]): Actor {
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
  ): Pick<Actor, 'prefectureCode' | 'municipalityCode' | 'lat' | 'lon'> {
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

  // ---- national ministries and METI bureaus (Tokyo and regional offices)
  const kasumigaseki = municipalityByCode.get('131016'); // 千代田区
  const realMinistries = new Map(
    REFERENCE_ORGANISATIONS.filter((o) => o.sector === 'national_government').map((o) => [
      o.name,
      o,
    ]),
  );
  for (const [id, name, nameEn] of NATIONAL_MINISTRIES) {
    const real = realMinistries.get(name);
    add(
      {
        id,
        kind: 'organization',
        sector: 'national_government',
        name,
        nameEn,
        ...place('13', kasumigaseki),
        ...(real ? { ror: real.ror } : {}),
        flags: [],
        keywords: [],
        source: real ? 'ROR (CC0) + demo' : 'demo',
      },
      communityForPrefecture('13'),
      ['national_government'],
    );
  }
  METI_BUREAUS.forEach(([name, prefectureCode], i) => {
    const prefecture = prefectureByCode.get(prefectureCode);
    add(
      {
        id: `gov-meti-bureau-${i + 1}`,
        kind: 'organization',
        sector: 'national_government',
        name,
        ...place(prefectureCode, prefecture ? capitalOf(prefecture) : undefined),
        flags: [],
        keywords: [],
        source: 'demo',
      },
      communityForPrefecture(prefectureCode),
      ['national_government'],
    );
  });

  // ---- the 47 prefectural governments, with their real local government codes
  const prefectureOffices = new Map(
    REFERENCE_ORGANISATIONS.filter((o) => o.sector === 'prefecture').map((o) => [
      o.prefectureCode,
      o,
    ]),
  );
  for (const prefecture of PREFECTURES) {
    const ror = prefectureOffices.get(prefecture.code)?.ror;
    add(
      {
        id: `pref-${prefecture.localGovernmentCode}`,
        kind: 'organization',
        sector: 'prefecture',
        name: prefecture.name,
        nameEn: `${prefecture.nameEn} Prefectural Government`,
        nameKana: prefecture.nameKana,
        ...place(prefecture.code, capitalOf(prefecture)),
        ...(ror ? { ror } : {}),
        flags: [],
        keywords: [],
        source: 'demo (全国地方公共団体コード)',
      },
      communityForPrefecture(prefecture.code),
      ['prefecture'],
    );
  }

  // ---- municipalities: every prefectural capital, then other cities
  const capitals = new Set(PREFECTURES.map((p) => capitalOf(p).code));
  const cities = MUNICIPALITIES.filter(
    (m) =>
      !capitals.has(m.code) &&
      (/市$/u.test(m.name) || (m.prefectureCode === '13' && /区$/u.test(m.name))) &&
      !/市.+区$/u.test(m.name),
  );
  const chosenCities = [
    ...MUNICIPALITIES.filter((m) => capitals.has(m.code)),
    ...random.sample(cities, Math.max(0, counts.municipalities - capitals.size)),
  ];
  for (const m of chosenCities) {
    add(
      {
        id: `muni-${m.code}`,
        kind: 'organization',
        sector: 'municipality',
        name: m.name,
        nameKana: m.nameKana,
        prefectureCode: m.prefectureCode,
        municipalityCode: m.code,
        lat: round5(m.lat),
        lon: round5(m.lon),
        flags: [],
        keywords: [],
        source: 'demo (全国地方公共団体コード)',
      },
      communityForPrefecture(m.prefectureCode),
      ['municipality'],
    );
  }

  // ---- real universities (MEXT list)
  for (const u of scaleSubset(REFERENCE_UNIVERSITIES, 60)) {
    const m = municipalityByCode.get(u.municipalityCode);
    const community = communityForPrefecture(u.prefectureCode);
    add(
      {
        id: `univ-${u.code}`,
        kind: 'organization',
        sector: 'university',
        name: u.name,
        ...(u.nameEn ? { nameEn: u.nameEn } : {}),
        ...place(u.prefectureCode, m),
        ...(u.ror ? { ror: u.ror } : {}),
        flags: [],
        field: fieldOf(community),
        keywords: [],
        source: 'MEXT 大学一覧 (令和4年度) via EJU-Express/University-info-of-Japan (MIT)',
      },
      community,
      ['university'],
    );
  }

  // ---- real research organisations (ROR): 公設試, national labs, companies, NPOs…
  for (const o of scaleSubset(
    REFERENCE_ORGANISATIONS.filter(
      (r) => r.sector !== 'prefecture' && r.sector !== 'national_government',
    ),
    120,
  )) {
    const community = communityForPrefecture(o.prefectureCode);
    const m = municipalityByCode.get(o.municipalityCode);
    const position =
      o.lat !== undefined && o.lon !== undefined
        ? {
            prefectureCode: o.prefectureCode,
            municipalityCode: o.municipalityCode,
            lat: clamp(o.lat, 20.1, 45.9),
            lon: clamp(o.lon, 122.1, 153.9),
          }
        : place(o.prefectureCode, m);
    const flags: ActorFlag[] = o.sector === 'company' ? ['large'] : [];
    const keys: PoolKey[] = [o.sector === 'prefecture' ? 'other' : poolOfSector(o.sector)];
    if (o.sector === 'company') keys.push('large');
    add(
      {
        id: `ror-${o.ror}`,
        kind: 'organization',
        sector: o.sector,
        name: o.name,
        ...(o.nameEn && o.nameEn !== o.name ? { nameEn: o.nameEn } : {}),
        ...position,
        ror: o.ror,
        url: `https://ror.org/${o.ror}`,
        flags,
        ...(o.sector === 'public_research' || o.sector === 'national_lab' || o.sector === 'company'
          ? { field: fieldOf(community) }
          : {}),
        keywords: [],
        ...(o.established !== undefined && o.established >= 1600 && o.established <= 2100
          ? { foundedYear: o.established }
          : {}),
        source: 'ROR (CC0)',
      },
      community,
      keys,
    );
  }

  // ---- support organisations: 産業振興財団, 商工会議所, incubators, TLOs
  let supportSeq = 0;
  const supportId = () => `sup-${String(++supportSeq).padStart(4, '0')}`;
  for (const prefecture of PREFECTURES) {
    const community = communityForPrefecture(prefecture.code);
    add(
      {
        id: supportId(),
        kind: 'organization',
        sector: 'support_org',
        name: `公益財団法人${prefecture.shortName}産業振興${random.pick(['センター', '財団', '機構'])}`,
        ...place(prefecture.code, capitalOf(prefecture)),
        flags: [],
        keywords: ['産業振興', '産学官連携'],
        source: 'demo',
      },
      community,
      ['support_org'],
    );
    const chambers = random.sample(
      municipalitiesIn(prefecture.code).filter((m) => /市$/u.test(m.name)),
      Math.max(1, Math.round(3 * Math.min(1, scale * 4))),
    );
    for (const m of chambers) {
      add(
        {
          id: supportId(),
          kind: 'organization',
          sector: 'support_org',
          name: `${m.name.replace(/市$/u, '')}商工会議所`,
          ...place(prefecture.code, m),
          flags: [],
          keywords: ['経営相談', '事業承継'],
          source: 'demo',
        },
        communityForPrefecture(prefecture.code),
        ['support_org'],
      );
    }
  }
  for (let i = 0; i < counts.incubators; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const prefectureCode = prefectureOfCommunity(community);
    const m = random.pick(municipalitiesIn(prefectureCode));
    add(
      {
        id: supportId(),
        kind: 'organization',
        sector: 'support_org',
        name: `${m.name.replace(/[市町村区]$/u, '')}${random.pick(['インキュベーションセンター', 'ビジネスインキュベータ', 'イノベーションハブ', 'スタートアップ支援拠点'])}`,
        ...place(prefectureCode, m),
        flags: ['incubator'],
        keywords: ['創業支援', 'インキュベーション'],
        source: 'demo',
      },
      community,
      ['support_org'],
    );
  }
  const nationalUniversities = national.university.filter((u) =>
    REFERENCE_UNIVERSITIES.some((r) => `univ-${r.code}` === u.id && r.type === '国立'),
  );
  for (const university of random.sample(
    nationalUniversities,
    Math.max(2, Math.round(40 * scale)),
  )) {
    const community = communityOf.get(university.id) ?? 0;
    add(
      {
        id: supportId(),
        kind: 'organization',
        sector: 'support_org',
        name: `株式会社${university.name.replace(/大学$/u, '')}TLO`,
        ...place(
          university.prefectureCode,
          municipalityByCode.get(university.municipalityCode ?? ''),
        ),
        flags: ['tlo'],
        keywords: ['技術移転', '知的財産'],
        source: 'demo',
      },
      community,
      ['support_org'],
    );
  }

  // ---- financial institutions: regional banks, 信用金庫, VCs
  let financialSeq = 0;
  const financialId = () => `fin-${String(++financialSeq).padStart(4, '0')}`;
  const bankStems = ['第一', '中央', '共立', '殖産', '興業', '相互', 'みらい', 'ふるさと'];
  for (const prefecture of PREFECTURES) {
    const banks = scale >= 0.2 ? random.int(1, 2) : 1;
    for (let b = 0; b < banks; b++) {
      const name =
        b === 0
          ? `株式会社${prefecture.shortName}銀行`
          : `株式会社${prefecture.shortName}${random.pick(bankStems)}銀行`;
      add(
        {
          id: financialId(),
          kind: 'organization',
          sector: 'financial',
          name,
          ...place(prefecture.code, capitalOf(prefecture)),
          corporateNumber: corporateNumber(
            `${prefecture.code}0001${String(++companySerial).padStart(6, '0')}`,
          ),
          flags: ['bank'],
          keywords: ['地域金融', '事業性評価'],
          source: 'demo',
        },
        communityForPrefecture(prefecture.code),
        ['bank'],
      );
    }
    const shinkin = scale >= 0.2 ? random.int(2, 4) : 1;
    for (const m of random.sample(
      municipalitiesIn(prefecture.code).filter((x) => /市$/u.test(x.name)),
      shinkin,
    )) {
      add(
        {
          id: financialId(),
          kind: 'organization',
          sector: 'financial',
          name: `${m.name.replace(/市$/u, '')}信用金庫`,
          ...place(prefecture.code, m),
          corporateNumber: corporateNumber(
            `${prefecture.code}0005${String(++companySerial).padStart(6, '0')}`,
          ),
          flags: ['bank'],
          keywords: ['地域金融', '創業融資'],
          source: 'demo',
        },
        communityForPrefecture(prefecture.code),
        ['bank'],
      );
    }
  }
  for (let i = 0; i < counts.vcs; i++) {
    const community = random.chance(0.5)
      ? random.pick(communitiesOfPrefecture.get('13') ?? [0])
      : random.weighted(communityIndexes, communityWeights);
    const prefectureCode = prefectureOfCommunity(community);
    const stem = random.pick([
      'ミライ',
      'リージョナル',
      'ユニバーシティ',
      'ディープテック',
      'グロース',
      'シード',
    ]);
    add(
      {
        id: financialId(),
        kind: 'organization',
        sector: 'financial',
        name: `${stem}${random.pick(['キャピタル', 'ベンチャーズ', 'イノベーション投資'])}株式会社`,
        ...place(prefectureCode),
        corporateNumber: corporateNumber(
          `${prefectureCode}0101${String(++companySerial).padStart(6, '0')}`,
        ),
        flags: ['vc'],
        keywords: ['ベンチャー投資', 'シード投資'],
        source: 'demo',
      },
      community,
      ['vc'],
    );
  }

  // ---- companies: SMEs (some regional core), large firms (some anchors), startups
  let companySeq = 0;
  function addCompany(kind: 'sme' | 'large' | 'startup', community: number): Actor {
    const prefectureCode = prefectureOfCommunity(community);
    const field = fieldOf(community);
    const id = `co-${String(++companySeq).padStart(6, '0')}`;
    const flags: ActorFlag[] = [kind];
    const keys: PoolKey[] = ['company', kind];
    let employees: number;
    let foundedYear: number;
    let inRegion = random.next() * 0.6 + 0.1;
    let outOfRegion = random.next() * 0.6 + 0.1;
    let growth = random.normal() * 0.04 + 0.01;
    let name: { name: string; nameKana: string };
    if (kind === 'sme') {
      employees = Math.round(clamp(random.logNormal(25, 1), 2, 299));
      foundedYear = random.int(1920, 2018);
      name = companyName(random);
      if (employees >= 60 && random.chance(0.28)) {
        flags.push('regional_core');
        keys.push('regional_core');
        inRegion = 0.55 + random.next() * 0.35;
        outOfRegion = 0.5 + random.next() * 0.45;
        growth = 0.04 + random.next() * 0.14;
      }
    } else if (kind === 'large') {
      employees = Math.round(clamp(random.logNormal(2500, 1), 300, 60_000));
      foundedYear = random.int(1890, 1995);
      name = companyName(random);
      if (random.chance(0.25)) {
        flags.push('anchor');
        keys.push('anchor');
        inRegion = 0.35 + random.next() * 0.3;
      }
    } else {
      employees = Math.round(clamp(random.logNormal(12, 0.8), 1, 150));
      foundedYear = random.int(2002, LAST_FOUNDING_YEAR);
      name = startupName(random);
      growth = 0.1 + random.next() * 0.9;
      if (random.chance(0.55)) {
        flags.push('university_venture');
      }
    }
    const revenue = Math.round(employees * random.logNormal(22_000_000, 0.5));
    return add(
      {
        id,
        kind: 'organization',
        sector: 'company',
        ...name,
        ...place(prefectureCode),
        corporateNumber: corporateNumber(
          `${prefectureCode}${String(random.int(1, 9)).padStart(2, '0')}01${String(++companySerial).padStart(6, '0')}`,
        ),
        flags,
        field,
        keywords: [],
        employees,
        revenue,
        foundedYear,
        patents: Math.round(random.logNormal(kind === 'large' ? 60 : 2, 1)),
        inRegionProcurementShare: share(inRegion),
        outOfRegionSalesShare: share(outOfRegion),
        growthRate: Math.round(clamp(growth, -0.5, 5) * 1000) / 1000,
        source: 'demo',
      },
      community,
      keys,
    );
  }
  for (let i = 0; i < counts.smes; i++)
    addCompany('sme', random.weighted(communityIndexes, communityWeights));
  for (let i = 0; i < counts.large; i++)
    addCompany('large', random.weighted(communityIndexes, communityWeights));
  for (let i = 0; i < counts.startups; i++)
    addCompany('startup', random.weighted(communityIndexes, communityWeights));

  // ---- NPOs and schools
  for (let i = 0; i < counts.npos; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const prefectureCode = prefectureOfCommunity(community);
    const m = random.pick(municipalitiesIn(prefectureCode));
    add(
      {
        id: `npo-${String(i + 1).padStart(4, '0')}`,
        kind: 'organization',
        sector: 'npo',
        name: `特定非営利活動法人${m.name.replace(/[市町村区]$/u, '')}${random.pick(['まちづくりネット', '地域振興会', '子ども科学クラブ', '環境ネットワーク', '見守りサポート', '食と農の会'])}`,
        ...place(prefectureCode, m),
        flags: [],
        keywords: [],
        source: 'demo',
      },
      community,
      ['npo'],
    );
  }
  for (let i = 0; i < counts.schools; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const prefectureCode = prefectureOfCommunity(community);
    const prefecture = prefectureByCode.get(prefectureCode);
    const m = random.pick(municipalitiesIn(prefectureCode));
    add(
      {
        id: `school-${String(i + 1).padStart(4, '0')}`,
        kind: 'organization',
        sector: 'school',
        name: `${prefecture?.name ?? ''}立${m.name.replace(/[市町村区]$/u, '')}${random.pick(['高等学校', '工業高等学校', '農業高等学校', '商業高等学校', '水産高等学校'])}`,
        ...place(prefectureCode, m),
        flags: [],
        keywords: [],
        source: 'demo',
      },
      community,
      ['school'],
    );
  }

  // ---- people
  let personSeq = 0;
  function addPerson(
    community: number,
    home: Actor,
    flags: ActorFlag[],
    keys: PoolKey[],
    extra: Partial<Actor> = {},
  ): Actor {
    const id = `person-${String(++personSeq).padStart(6, '0')}`;
    // a person belongs where their home organisation is (the home may come from another community
    // when theirs has no organisation of that kind)
    const homeCommunity = communityOf.get(home.id) ?? community;
    const m = municipalityByCode.get(home.municipalityCode ?? '');
    const person = add(
      {
        id,
        kind: 'person',
        sector: home.sector,
        ...personName(random),
        ...place(home.prefectureCode, m),
        flags,
        keywords: [],
        source: 'demo',
        ...extra,
      },
      homeCommunity,
      keys,
    );
    homeOf.set(id, home.id);
    return person;
  }

  function localOrNational(community: number, keys: readonly PoolKey[]): Actor {
    const pool = pools[community] as Pools;
    const candidates = keys.flatMap((key) => pool[key]);
    if (candidates.length > 0) return random.pick(candidates);
    const fallback = keys.flatMap((key) => national[key]);
    return random.pick(fallback);
  }

  const researchHomes: readonly PoolKey[][] = [
    ['university'],
    ['university'],
    ['university'],
    ['university'],
    ['university'],
    ['university'],
    ['public_research'],
    ['public_research'],
    ['national_lab'],
    ['large'],
  ];
  function researcher(star: boolean): void {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(community, star ? ['university'] : random.pick(researchHomes));
    const papers = star
      ? random.int(150, 450)
      : Math.round(clamp(random.logNormal(22, 0.9), 0, 400));
    const citations = star
      ? random.int(5000, 30000)
      : Math.round(papers * clamp(random.logNormal(9, 0.7), 0, 60));
    addPerson(
      community,
      home,
      star ? ['researcher', 'star_scientist'] : ['researcher'],
      star ? ['researcher', 'star_scientist'] : ['researcher'],
      {
        field: home.field ?? fieldOf(community),
        papers,
        citations,
        patents: Math.round(random.logNormal(star ? 25 : 2, 1)),
      },
    );
  }
  for (let i = 0; i < counts.researchers; i++) researcher(false);
  for (let i = 0; i < counts.stars; i++) researcher(true);
  for (let i = 0; i < counts.coordinators; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(
      community,
      random.pick<PoolKey[]>([
        ['support_org'],
        ['university'],
        ['public_research'],
        ['prefecture'],
      ]),
    );
    addPerson(community, home, ['coordinator'], ['coordinator'], { field: fieldOf(community) });
  }
  for (let i = 0; i < counts.pdPms; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(
      community,
      random.pick<PoolKey[]>([['support_org'], ['university'], ['prefecture']]),
    );
    addPerson(community, home, ['pd_pm'], ['pd_pm']);
  }
  for (const startup of national.startup) {
    const community = communityOf.get(startup.id) ?? 0;
    const founder = addPerson(community, startup, ['entrepreneur'], ['entrepreneur'], {
      field: startup.field,
    });
    founderOf.set(startup.id, founder.id);
  }
  for (let i = 0; i < counts.students; i++) {
    const community = random.weighted(communityIndexes, communityWeights);
    const home = localOrNational(community, ['university']);
    addPerson(community, home, ['student'], ['student'], {
      field: home.field ?? fieldOf(community),
    });
  }

  return { actors, byId, communityOf, pools, national, homeOf, founderOf };
}

function poolOfSector(sector: Sector): PoolKey {
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

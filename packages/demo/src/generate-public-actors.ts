/**
 * Demo actors of the public side: national ministries and METI bureaus, prefectural and
 * municipal governments, the real universities and research organisations, and support
 * organisations (産業振興財団, 商工会議所, incubators, TLOs).
 */
import { MUNICIPALITIES, PREFECTURES } from '#core/geo.ts';
import type { ActorFlag } from '#core/vocabulary.ts';
import {
  municipalitiesIn,
  capitalOf,
  round5,
  clamp,
  NATIONAL_MINISTRIES,
  METI_BUREAUS,
  municipalityByCode,
  poolOfSector,
  type ActorBuilder,
  type PoolKey,
} from './actor-world.ts';
import { plausibleField } from './field-by-name.ts';
import { REFERENCE_ORGANISATIONS, REFERENCE_UNIVERSITIES } from './reference-data.ts';

export function addPublicActors(builder: ActorBuilder): void {
  const {
    random,
    scale,
    counts,
    prefectureByCode,
    communityIndexes,
    communityWeights,
    communityForPrefecture,
    prefectureOfCommunity,
    add,
    place,
    fieldOf,
    scaleSubset,
  } = builder;
  const { communityOf, national } = builder.world;
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
        field: plausibleField(u.name, fieldOf(community), u.prefectureCode),
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
        ...(o.sector === 'public_research' ||
        o.sector === 'national_lab' ||
        o.sector === 'university' ||
        o.sector === 'company'
          ? { field: plausibleField(o.name, fieldOf(community), o.prefectureCode) }
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
}

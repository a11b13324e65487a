/**
 * Demo actors of the private side: regional banks, 信用金庫 and VCs; SMEs (some regional core),
 * large firms (some anchors) and startups; NPOs and schools.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import { PREFECTURES } from '#core/geo.ts';
import type { ActorFlag } from '#core/vocabulary.ts';
import {
  municipalitiesIn,
  capitalOf,
  clamp,
  share,
  LAST_FOUNDING_YEAR,
  corporateNumber,
  type ActorBuilder,
  type PoolKey,
} from './actor-world.ts';
import { plausibleField } from './field-by-name.ts';
import { companyName, startupName } from './japanese-names.ts';

export function addPrivateActors(builder: ActorBuilder): void {
  const {
    random,
    scale,
    counts,
    prefectureByCode,
    communitiesOfPrefecture,
    communityIndexes,
    communityWeights,
    communityForPrefecture,
    prefectureOfCommunity,
    add,
    place,
    fieldOf,
    nextCompanySerial,
  } = builder;
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
            `${prefecture.code}0001${String(nextCompanySerial()).padStart(6, '0')}`,
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
            `${prefecture.code}0005${String(nextCompanySerial()).padStart(6, '0')}`,
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
          `${prefectureCode}0101${String(nextCompanySerial()).padStart(6, '0')}`,
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
  function addCompany(kind: 'sme' | 'large' | 'startup', community: number): ActorInJapan {
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
          `${prefectureCode}${String(random.int(1, 9)).padStart(2, '0')}01${String(nextCompanySerial()).padStart(6, '0')}`,
        ),
        flags,
        field: plausibleField(name.name, field, prefectureCode),
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
}

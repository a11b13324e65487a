/**
 * Demo support measures (支援施策): national schemes, one per prefecture, and those of banks,
 * 公設試, incubators and chambers of commerce, with the stages, sectors and fields they target.
 */
import type { SupportMeasure } from '#core/entities/support-measure.ts';
import { PREFECTURES } from '#core/geo.ts';
import type { InnovationPath, Sector } from '#core/vocabulary.ts';
import { FIELDS } from './field-vocabulary.ts';
import type { ActorWorld } from './generate-actors.ts';
import type { Random } from './random.ts';

type NationalMeasure = readonly [
  name: string,
  provider: string,
  providerId: string | undefined,
  stages: readonly InnovationPath[],
  sectors: readonly Sector[],
  maxAmount: number,
  eligibility: string,
];

const NATIONAL: readonly NationalMeasure[] = [
  [
    'ものづくり・商業・サービス生産性向上促進補助金',
    '中小企業庁',
    'gov-sme',
    ['one_to_hundred'],
    ['company'],
    12_500_000,
    '中小企業・小規模事業者等の革新的な製品・サービス開発や生産プロセスの改善',
  ],
  [
    '成長型中小企業等研究開発支援事業（Go-Tech事業）',
    '中小企業庁',
    'gov-sme',
    ['one_to_hundred', 'hundred_to_infinity'],
    ['company', 'university', 'public_research'],
    97_500_000,
    '中小企業が大学・公設試等と連携して行う研究開発・試作',
  ],
  [
    '研究成果最適展開支援プログラム（A-STEP）',
    'JST',
    undefined,
    ['zero_to_one', 'one_to_hundred'],
    ['university', 'company'],
    300_000_000,
    '大学等の研究成果を実用化につなげる産学共同の研究開発',
  ],
  [
    '大学発新産業創出基金事業',
    'JST',
    undefined,
    ['zero_to_one'],
    ['university'],
    100_000_000,
    '大学等発スタートアップの創出に向けた研究開発・事業化支援',
  ],
  [
    '中小企業イノベーション創出推進事業（SBIR フェーズ3）',
    '内閣府',
    'gov-cao',
    ['one_to_hundred'],
    ['company'],
    5_000_000_000,
    'スタートアップ等による先端技術の社会実装に向けた大規模実証',
  ],
  [
    '研究開発型スタートアップ支援事業',
    'NEDO',
    undefined,
    ['zero_to_one'],
    ['company'],
    70_000_000,
    '研究開発型スタートアップのシード期の研究開発',
  ],
  [
    '事業承継・引継ぎ補助金',
    '中小企業庁',
    'gov-sme',
    ['one_to_hundred'],
    ['company'],
    6_000_000,
    '事業承継を契機とした経営革新（第二創業）',
  ],
  [
    '地域未来投資促進法に基づく支援',
    '経済産業省',
    'gov-meti',
    ['hundred_to_infinity'],
    ['company'],
    0,
    '地域経済牽引事業計画の承認を受けた地域中核企業',
  ],
  [
    '知財総合支援窓口',
    '特許庁',
    'gov-jpo',
    ['zero_to_one', 'one_to_hundred'],
    ['company', 'npo'],
    0,
    '中小企業の知的財産に関する相談（無料）',
  ],
  [
    '農林水産研究推進事業',
    '農林水産省',
    'gov-maff',
    ['zero_to_one', 'one_to_hundred'],
    ['university', 'public_research', 'company'],
    50_000_000,
    '農林水産・食品分野の産学官連携研究',
  ],
  [
    '医療機器開発推進研究事業',
    '日本医療研究開発機構',
    undefined,
    ['one_to_hundred'],
    ['university', 'company'],
    100_000_000,
    '医工連携による医療機器の開発',
  ],
  [
    '地域脱炭素移行・再エネ推進交付金',
    '環境省',
    'gov-env',
    ['hundred_to_infinity'],
    ['municipality', 'prefecture'],
    5_000_000_000,
    '脱炭素先行地域に選定された自治体',
  ],
];

export function generateSupportMeasures(random: Random, world: ActorWorld): SupportMeasure[] {
  const measures: SupportMeasure[] = [];
  let sequence = 0;
  const nextId = () => `measure-${String(++sequence).padStart(3, '0')}`;
  for (const [name, provider, providerId, stages, sectors, maxAmount, eligibility] of NATIONAL) {
    measures.push({
      id: nextId(),
      name,
      provider,
      ...(providerId && world.byId.has(providerId) ? { providerId } : {}),
      stages: [...stages],
      targetSectors: [...sectors],
      fields: [],
      prefectureCodes: [],
      ...(maxAmount > 0 ? { maxAmount } : {}),
      startDate: `${random.int(2012, 2023)}-04-01`,
      eligibility,
      source: 'demo (real scheme names; terms simplified)',
    });
  }
  for (const prefecture of PREFECTURES) {
    const field = random.pick(FIELDS).field;
    const government = `pref-${prefecture.localGovernmentCode}`;
    measures.push({
      id: nextId(),
      name: `${prefecture.name}${random.pick(['新事業創出支援補助金', '産学官共同研究開発支援事業', 'ものづくり技術高度化補助金', 'スタートアップ挑戦支援事業'])}`,
      provider: prefecture.name,
      ...(world.byId.has(government) ? { providerId: government } : {}),
      stages: random.sample<InnovationPath>(
        ['zero_to_one', 'one_to_hundred', 'hundred_to_infinity'],
        random.int(1, 2),
      ),
      targetSectors: ['company', ...(random.chance(0.5) ? (['university'] as const) : [])],
      fields: random.chance(0.5) ? [field] : [],
      prefectureCodes: [prefecture.code],
      maxAmount: random.pick([3_000_000, 5_000_000, 10_000_000, 20_000_000]),
      startDate: `${random.int(2015, 2024)}-04-01`,
      endDate: `${random.int(2026, 2028)}-03-31`,
      eligibility: `${prefecture.name}内に事業所を有する中小企業等`,
      source: 'demo',
    });
  }
  const providers = [
    ...random.sample(world.national.bank, 6).map((actor) => ({ actor, kind: 'bank' as const })),
    ...random
      .sample(world.national.public_research, 6)
      .map((actor) => ({ actor, kind: 'lab' as const })),
    ...random
      .sample(
        world.national.support_org.filter((s) => s.flags.includes('incubator')),
        4,
      )
      .map((actor) => ({ actor, kind: 'incubator' as const })),
    ...random
      .sample(
        world.national.support_org.filter((s) => s.name.endsWith('商工会議所')),
        4,
      )
      .map((actor) => ({ actor, kind: 'chamber' as const })),
  ];
  for (const { actor, kind } of providers) {
    const base = {
      id: nextId(),
      provider: actor.name,
      providerId: actor.id,
      prefectureCodes: [actor.prefectureCode],
      fields: [] as string[],
      source: 'demo',
    };
    if (kind === 'bank') {
      measures.push({
        ...base,
        name: `${actor.name.replace(/^株式会社/u, '')} 創業・第二創業支援融資`,
        stages: ['zero_to_one', 'one_to_hundred'],
        targetSectors: ['company'],
        maxAmount: 50_000_000,
        eligibility: '創業5年以内または事業承継後の中小企業',
      });
    } else if (kind === 'lab') {
      measures.push({
        ...base,
        name: `${actor.name} 技術相談・依頼試験・機器開放`,
        stages: ['one_to_hundred', 'hundred_to_infinity'],
        targetSectors: ['company'],
        fields: actor.field ? [actor.field] : [],
        eligibility: '県内中小企業（技術相談は無料）',
      });
    } else if (kind === 'incubator') {
      measures.push({
        ...base,
        name: `${actor.name} 入居・ハンズオン支援`,
        stages: ['zero_to_one'],
        targetSectors: ['company'],
        eligibility: '創業予定者および創業3年以内のスタートアップ',
      });
    } else {
      measures.push({
        ...base,
        name: `${actor.name} 経営相談・事業承継相談`,
        stages: ['one_to_hundred'],
        targetSectors: ['company'],
        eligibility: '会員事業所',
      });
    }
  }
  return measures;
}

/**
 * Demo seeds (シーズ: research results, patents, technologies, open facilities of 公設試) and needs
 * (ニーズ: company and community problems in plain business language), composed from field
 * vocabulary.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { Need } from '#core/entities/need.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { Confidentiality, SeedKind } from '#core/vocabulary.ts';
import {
  COMMUNITY_NEEDS,
  FIELDS,
  GENERIC_PARTNERS,
  fieldKeywords,
  fieldVocabulary,
  type FieldVocabulary,
} from './field-vocabulary.ts';
import type { ActorWorld, PoolKey } from './generate-actors.ts';
import type { Random } from './random.ts';

function sdgsOf(random: Random, vocabulary: FieldVocabulary): number[] {
  const picked = random.sample(vocabulary.sdgs, random.int(1, vocabulary.sdgs.length));
  if (random.chance(0.3) && !picked.includes(17)) picked.push(17);
  return picked.sort((a, b) => a - b);
}

function seedVocabulary(random: Random, owner: ActorInJapan): FieldVocabulary {
  return random.chance(0.75) && owner.field ? fieldVocabulary(owner.field) : random.pick(FIELDS);
}

function seedText(
  random: Random,
  kind: SeedKind,
  v: FieldVocabulary,
  owner: ActorInJapan,
): { title: string; abstract: string } {
  const subject = random.pick(v.subjects);
  const method = random.pick(v.methods);
  const application = random.pick(v.applications);
  const problem = random.pick(v.problems);
  const metric = random.pick(v.metrics);
  const gain = random.int(12, 65);
  const partner = random.pick(GENERIC_PARTNERS);
  if (kind === 'facility') {
    const equipment = random.pick(v.facilities);
    return {
      title: `${equipment}の開放利用（${v.field}分野）`,
      abstract: [
        `${owner.name}では、${equipment}を企業の皆様に開放しています。`,
        `${subject}などの評価や${application}向け製品の品質確認に利用できます。`,
        `職員による依頼試験のほか、技術相談や操作研修にも対応します。`,
        `${problem}に取り組む中小企業の試作・評価を支援します。`,
      ].join(''),
    };
  }
  const titles: readonly string[] = [
    `${method}による${subject}の高性能化`,
    `${subject}を用いた${application}向け新技術`,
    `${method}を活用した${application}の${metric}改善`,
    `${application}のための${subject}${kind === 'patent' ? 'の製造方法' : 'の開発'}`,
  ];
  const sentences = [
    `${application}の分野では、${problem}が大きな課題となっている。`,
    kind === 'patent'
      ? `本発明は、${method}を用いて${subject}を得る方法に関するものであり、従来技術に比べて工程を簡素化できる。`
      : `本研究では、${method}を用いて${subject}の特性を詳細に評価し、最適な条件を明らかにした。`,
    `その結果、従来法と比較して${metric}を約${gain}％改善することに成功した。`,
    random.chance(0.5)
      ? `本技術は${v.keywords.slice(0, 2).join('や')}にも応用が期待される。`
      : `試作段階での評価を終え、量産化に向けた検討を進めている。`,
    `今後は${partner}との連携により、${application}への実用化を目指す。`,
  ];
  return { title: random.pick(titles), abstract: sentences.join('') };
}

const SEED_OWNERS: readonly (readonly [
  kind: SeedKind,
  owners: readonly PoolKey[],
  weight: number,
])[] = [
  ['research_result', ['researcher', 'star_scientist'], 22],
  ['research_result', ['university'], 10],
  ['research_result', ['public_research', 'national_lab'], 8],
  ['patent', ['university'], 12],
  ['patent', ['star_scientist', 'researcher'], 6],
  ['patent', ['large', 'regional_core', 'startup'], 7],
  ['technology', ['public_research'], 10],
  ['technology', ['sme', 'regional_core', 'startup'], 15],
  ['facility', ['public_research'], 10],
];

export function generateSeeds(random: Random, world: ActorWorld, total: number): Seed[] {
  const seeds: Seed[] = [];
  const weights = SEED_OWNERS.map((s) => s[2]);
  const rows = SEED_OWNERS.map(([kind, owners]) => ({
    kind,
    candidates: owners.flatMap((key) => world.national[key]),
  })).filter((row) => row.candidates.length > 0);
  let patentSerial = 5_000_000;
  for (let i = 0; i < total; i++) {
    const { kind, candidates } = random.weighted(rows, weights);
    const owner = random.pick(candidates);
    const v = seedVocabulary(random, owner);
    const { title, abstract } = seedText(random, kind, v, owner);
    patentSerial += random.int(1, 400);
    const trl =
      kind === 'research_result'
        ? random.int(1, 4)
        : kind === 'patent'
          ? random.int(2, 6)
          : kind === 'technology'
            ? random.int(4, 8)
            : random.int(7, 9);
    seeds.push({
      id: `seed-${String(i + 1).padStart(5, '0')}`,
      kind,
      title,
      abstract,
      keywords: fieldKeywords(random, v, random.int(3, 5)),
      field: v.field,
      ownerId: owner.id,
      prefectureCode: owner.prefectureCode,
      trl,
      sdgs: sdgsOf(random, v),
      ...(kind === 'patent' ? { patentNumber: `特許第${patentSerial}号` } : {}),
      available: random.chance(0.9),
      source: 'demo',
    });
  }
  return seeds;
}

const NEED_CONTEXTS: readonly string[] = [
  '当社は創業{years}年の{business}で、従業員は{employees}名です。',
  '{business}として地域の取引先と長く仕事をしてきました。',
  '取引先からの要望が年々厳しくなっています。',
];

function needDescription(
  random: Random,
  wish: string,
  v: FieldVocabulary,
  owner: ActorInJapan,
): string {
  const context = random
    .pick(NEED_CONTEXTS)
    .replace('{years}', String(Math.max(3, 2025 - (owner.foundedYear ?? 1990))))
    .replace('{business}', `${v.field}関連の会社`)
    .replace('{employees}', String(owner.employees ?? 20));
  const problem = random.pick(v.problems);
  return [
    context,
    `いま困っているのは${problem}で、社内だけでは解決の見通しが立っていません。`,
    `${wish.replace(/たい$/u, 'たい')}と考えています。`,
    random.pick([
      '大学や公設試の先生に相談できればありがたいです。',
      'まずは試作や評価をお願いできる相手を探しています。',
      '補助金を使えるかどうかも含めて相談したいです。',
      '県外の研究機関でも構いません。',
    ]),
    random.pick([
      '予算は数百万円程度を考えています。',
      '1年以内に目処をつけたいです。',
      '詳しい条件は面談でお話しします。',
    ]),
  ].join('');
}

const CONFIDENTIALITY: readonly Confidentiality[] = ['public', 'members', 'confidential'];

export function generateNeeds(random: Random, world: ActorWorld, total: number): Need[] {
  const needs: Need[] = [];
  const companies = [
    ...world.national.sme,
    ...world.national.sme,
    ...world.national.regional_core,
    ...world.national.startup,
    ...world.national.large,
  ];
  const communityOwners = [
    ...world.national.municipality,
    ...world.national.npo,
    ...world.national.prefecture,
    ...world.national.school,
    ...world.national.support_org,
  ];
  for (let i = 0; i < total; i++) {
    const community = random.chance(0.2);
    const owner = random.pick(community ? communityOwners : companies);
    let title: string;
    let v: FieldVocabulary;
    let sdgs: number[];
    let description: string;
    if (community) {
      const [wish, field, goals] = random.pick(COMMUNITY_NEEDS);
      v = fieldVocabulary(field);
      title = wish;
      sdgs = [...goals];
      description = [
        `${owner.name}の地域では、${wish.replace(/たい$/u, 'たい')}という声が住民から寄せられています。`,
        `これまで行政や地域団体で取り組んできましたが、人手と費用の面で限界があります。`,
        `技術を持つ企業や大学と一緒に、小さく試しながら解決策を探したいと考えています。`,
      ].join('');
    } else {
      v = owner.field && random.chance(0.8) ? fieldVocabulary(owner.field) : random.pick(FIELDS);
      title = random.pick(v.needs);
      sdgs = sdgsOf(random, v);
      description = needDescription(random, title, v, owner);
    }
    const posted = Date.UTC(2018, 0, 1) + random.int(0, 2920) * 86_400_000;
    needs.push({
      id: `need-${String(i + 1).padStart(5, '0')}`,
      kind: community ? 'community' : 'company',
      title,
      description,
      ownerId: owner.id,
      prefectureCode: owner.prefectureCode,
      confidentiality: random.weighted(CONFIDENTIALITY, [5, 3.5, 1.5]),
      keywords: fieldKeywords(random, v, random.int(2, 4)),
      field: v.field,
      sdgs,
      desiredTrl: random.int(4, 9),
      postedOn: new Date(posted).toISOString().slice(0, 10),
      open: random.chance(0.8),
      source: 'demo',
    });
  }
  return needs;
}

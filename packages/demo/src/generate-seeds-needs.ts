/**
 * Demo seeds (シーズ: research results, patents, technologies, open facilities of 公設試) and needs
 * (ニーズ: company and community problems in plain business language). A seed is written in its
 * owner's field from one research topic; a company's need in its own trade's words; no two seeds
 * and no two needs share a title.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { Need } from '#core/entities/need.ts';
import type { Seed } from '#core/entities/seed.ts';
import type { Confidentiality, SeedKind } from '#core/vocabulary.ts';
import { municipalityByCode } from './actor-world.ts';
import { COMMUNITY_NEED_PHRASES, type CommunityNeedPhrase } from './community-need-phrases.ts';
import { holdsTechnologySeeds } from './field-by-name.ts';
import { fieldKeywords, fieldVocabulary, type FieldVocabulary } from './field-vocabulary.ts';
import type { ActorWorld, PoolKey } from './generate-actors.ts';
import { keywordsIn } from './need-keywords.ts';
import { NEED_PHRASES, type TradePhrases } from './need-phrases.ts';
import { PLANTED_COMMUNITIES } from './planted-communities.ts';
import type { Random } from './random.ts';
import { REFERENCE_UNIVERSITIES } from './reference-data.ts';
import { SEED_TOPICS, topicsOf } from './seed-topics.ts';
import { writeSeedText } from './write-seed-text.ts';

function sdgsOf(random: Random, vocabulary: FieldVocabulary): number[] {
  const picked = random.sample(vocabulary.sdgs, random.int(1, vocabulary.sdgs.length));
  if (random.chance(0.3) && !picked.includes(17)) picked.push(17);
  return picked.sort((a, b) => a - b);
}

/** The owner's own field; for an owner without one, its community's leading field. */
export function fieldOfOwner(world: ActorWorld, owner: ActorInJapan): string {
  if (owner.field !== undefined && SEED_TOPICS[owner.field] !== undefined) return owner.field;
  const community = PLANTED_COMMUNITIES[world.communityOf.get(owner.id) ?? 0];
  return community?.fields[0] ?? 'ものづくり';
}

/** A person's home organisation (a researcher's university); an organisation itself. */
function organisationOf(world: ActorWorld, actor: ActorInJapan): ActorInJapan {
  if (actor.kind !== 'person') return actor;
  return world.byId.get(world.homeOf.get(actor.id) ?? '') ?? actor;
}

const universityFacts = new Map(REFERENCE_UNIVERSITIES.map((u) => [u.name, u]));

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
  const taken = new Set<string>();
  const weights = SEED_OWNERS.map((s) => s[2]);
  const rows = SEED_OWNERS.map(([kind, owners]) => ({
    kind,
    candidates: owners
      .flatMap((key) => world.national[key])
      .filter((owner) => {
        const organisation = organisationOf(world, owner);
        return holdsTechnologySeeds(organisation.name, universityFacts.get(organisation.name));
      }),
  })).filter((row) => row.candidates.length > 0);
  let patentSerial = 5_000_000;
  for (let i = 0; i < total; i++) {
    const { kind, candidates } = random.weighted(rows, weights);
    const owner = random.pick(candidates);
    const field = fieldOfOwner(world, owner);
    const v = fieldVocabulary(field);
    const { title, abstract } = writeSeedText(random, kind, topicsOf(field), v, owner, taken);
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
      keywords: seedKeywords(random, field, title, abstract),
      field,
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

/** Keywords of the topic the text was written from, then of its field. */
function seedKeywords(random: Random, field: string, title: string, abstract: string): string[] {
  const text = `${title}${abstract}`;
  const topic = topicsOf(field).find((t) => text.includes(t.subject));
  const own = topic ? random.sample(topic.keywords, random.int(2, 4)) : [];
  const more = fieldKeywords(random, fieldVocabulary(field), 2).filter((k) => !own.includes(k));
  return [...own, ...more].slice(0, Math.max(3, own.length + 1));
}

/** Where the owner is, as a resident would say it: its municipality, else its prefecture. */
function placeOf(owner: ActorInJapan): string {
  if (owner.sector === 'municipality' || owner.sector === 'prefecture') return owner.name;
  const municipality = municipalityByCode.get(owner.municipalityCode ?? '');
  return municipality?.name ?? owner.name;
}

/** What the owner's name says it is, for the community needs it would raise. */
function ownerTag(owner: ActorInJapan): string {
  if (owner.sector === 'municipality') return `${owner.name} 市町村`;
  if (owner.sector === 'prefecture') return `${owner.name} 県`;
  return owner.name;
}

/** The first title in `candidates` (tried from a random start) that is not taken yet. */
function firstUntaken(random: Random, candidates: readonly string[], taken: Set<string>) {
  const start = random.int(0, Math.max(0, candidates.length - 1));
  for (let k = 0; k < candidates.length; k++) {
    const candidate = candidates[(start + k) % candidates.length];
    if (candidate !== undefined && !taken.has(candidate)) return candidate;
  }
  return undefined;
}

function companyTitle(
  random: Random,
  phrases: TradePhrases,
  owner: ActorInJapan,
  taken: Set<string>,
): string {
  const say = (wish: string, product: string, lead = '') =>
    `${lead}${wish.replace('{p}', product)}`;
  for (let attempt = 0; attempt < 12; attempt++) {
    const lead = random.chance(0.2) ? random.pick(phrases.leads) : '';
    const title = say(random.pick(phrases.wishes), random.pick(phrases.products), lead);
    if (!taken.has(title)) return title;
  }
  const plain = phrases.wishes.flatMap((w) => phrases.products.map((p) => say(w, p)));
  const led = phrases.leads.flatMap((lead) => plain.map((title) => `${lead}${title}`));
  return (
    firstUntaken(random, plain, taken) ??
    firstUntaken(random, led, taken) ??
    firstUntaken(
      random,
      plain.map((title) => `${placeOf(owner)}の工場で、${title}`),
      taken,
    ) ??
    `${owner.name}として、${random.pick(plain)}`
  );
}

function companyDescription(
  random: Random,
  title: string,
  phrases: TradePhrases,
  owner: ActorInJapan,
): string {
  const years = Math.max(3, 2025 - (owner.foundedYear ?? 1990));
  return [
    random.pick([
      `当社は創業${years}年、${phrases.trade}を営む従業員${owner.employees ?? 20}名の会社です。`,
      `${placeOf(owner)}で${phrases.trade}を${years}年続けてきました。`,
      `${phrases.trade}の会社で、地元の取引先と長く仕事をしてきました。`,
    ]),
    `いま一番困っているのは、${random.pick(phrases.troubles)}です。`,
    `${title}と考えていますが、社内だけでは進め方がわかりません。`,
    random.pick([
      '大学や公設試の先生に相談できればありがたいです。',
      'まずは試作や評価をお願いできる相手を探しています。',
      '補助金を使えるかどうかも含めて相談したいです。',
      '県外の研究機関でも構いません。',
      '同じ悩みを持つ会社と一緒に取り組めればと思います。',
    ]),
    random.pick([
      '予算は数百万円程度を考えています。',
      '1年以内に目処をつけたいです。',
      '詳しい条件は面談でお話しします。',
      'まずは現場を見に来ていただけると助かります。',
    ]),
  ].join('');
}

function communityNeed(
  random: Random,
  owner: ActorInJapan,
  taken: Set<string>,
): { title: string; phrase: CommunityNeedPhrase } {
  const tag = ownerTag(owner);
  const fitting = COMMUNITY_NEED_PHRASES.filter((p) => p.owners?.test(tag) ?? true);
  // an owner whose name says nothing (a hospital, a foundation) raises what any town would
  const phrases =
    fitting.length > 0
      ? fitting
      : COMMUNITY_NEED_PHRASES.filter((p) => p.owners?.test('市町村') ?? true);
  const place = placeOf(owner);
  for (let attempt = 0; attempt < 8; attempt++) {
    const phrase = random.pick(phrases);
    const title = phrase.wish.replace('{place}', place);
    if (!taken.has(title)) return { title, phrase };
  }
  const phrase = random.pick(phrases);
  const base = phrase.wish.replace('{place}', place);
  for (let n = 2; ; n++) {
    const title = `${base}（${owner.name}${n === 2 ? '' : ` その${n - 1}`}）`;
    if (!taken.has(title)) return { title, phrase };
  }
}

const CONFIDENTIALITY: readonly Confidentiality[] = ['public', 'members', 'confidential'];

/**
 * Two to four of the need's own words (`keywordsIn`), never its owner's field vocabulary; the
 * field's only when the text has none. It takes as many draws as the field keywords it
 * replaced, so the records drawn after it are unchanged.
 */
function needKeywords(random: Random, own: readonly string[], v: FieldVocabulary): string[] {
  const count = random.int(2, 4);
  if (own.length === 0) return fieldKeywords(random, v, count);
  const picked = random.sample(own, count);
  for (let skipped = picked.length; skipped < count; skipped++) random.next();
  return picked;
}

export function generateNeeds(random: Random, world: ActorWorld, total: number): Need[] {
  const needs: Need[] = [];
  const taken = new Set<string>();
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
    let ownKeywords: string[];
    if (community) {
      const need = communityNeed(random, owner, taken);
      v = fieldVocabulary(need.phrase.field);
      title = need.title;
      ownKeywords = keywordsIn(title, [placeOf(owner), owner.name]);
      sdgs = [...need.phrase.sdgs];
      description = [
        `${need.title}という声が、住民から寄せられています。`,
        random.pick([
          'これまで行政や地域団体で取り組んできましたが、人手と費用の面で限界があります。',
          'ボランティアで続けてきましたが、担い手が高齢になってきました。',
          '他の地域の取組みも調べましたが、そのままでは当てはまりませんでした。',
        ]),
        '技術を持つ企業や大学と一緒に、小さく試しながら解決策を探したいと考えています。',
      ].join('');
    } else {
      const field = fieldOfOwner(world, owner);
      const phrases = NEED_PHRASES[field] ?? NEED_PHRASES['ものづくり'];
      if (!phrases) throw new RangeError(`no need phrases for ${field}`);
      v = fieldVocabulary(field);
      title = companyTitle(random, phrases, owner, taken);
      // The product as the firm names it (めっき部品, 干し柿), then the other words of its wish.
      const product = phrases.products.find((p) => title.includes(p));
      ownKeywords = [
        ...(product !== undefined ? [product] : []),
        ...keywordsIn(product !== undefined ? title.replace(product, '、') : title, [
          placeOf(owner),
          owner.name,
        ]),
      ];
      sdgs = sdgsOf(random, v);
      description = companyDescription(random, title, phrases, owner);
    }
    taken.add(title);
    const posted = Date.UTC(2018, 0, 1) + random.int(0, 2920) * 86_400_000;
    needs.push({
      id: `need-${String(i + 1).padStart(5, '0')}`,
      kind: community ? 'community' : 'company',
      title,
      description,
      ownerId: owner.id,
      prefectureCode: owner.prefectureCode,
      confidentiality: random.weighted(CONFIDENTIALITY, [5, 3.5, 1.5]),
      keywords: needKeywords(random, ownKeywords, v),
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

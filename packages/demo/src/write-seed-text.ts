/**
 * A seed's title and abstract, written from one research topic of its owner's field: a university
 * writes as a KAKEN project does, a patent as its 公報 abstract (【課題】【解決手段】), a firm or a
 * 公設試 as a technology sheet, an open facility as its 機器開放 notice.
 */
import type { ActorInJapan } from '#core/entities/actor.ts';
import type { SeedKind } from '#core/vocabulary.ts';
import { GENERIC_PARTNERS, type FieldVocabulary } from './field-vocabulary.ts';
import type { Random } from './random.ts';
import type { SeedTopic } from './seed-topics.ts';

export interface SeedText {
  title: string;
  abstract: string;
}

/** The parts of one topic a text is written from. */
interface Parts {
  s: string;
  m: string;
  a: string;
  f: string;
  u: string;
}

function partsOf(random: Random, topic: SeedTopic): Parts {
  return {
    s: topic.subject,
    m: random.pick(topic.methods),
    a: random.pick(topic.aims),
    f: random.pick(topic.findings),
    u: random.pick(topic.uses),
  };
}

/** 「…による」 reads badly after a method that already says 「…による…」. */
const by = (method: string): string =>
  method.includes('による') ? `${method}を用いた` : `${method}による`;

/** Aims a technology's name can end on (「高強度化技術」, not 「確立技術」). */
const nameable = (aim: string): boolean => !/の(確立|開発|解明|検証|発見)$/u.test(aim);

function researchTitle(random: Random, p: Parts): string {
  return random.pick([
    `${by(p.m)}${p.s}の${p.a}`,
    `${p.s}における${p.f}の解明`,
    `${p.u}に向けた${p.s}の${p.a}`,
    `${p.f}に着目した${p.s}の${p.a}`,
    `${p.s}の${p.f}に関する研究`,
    `${p.s}を対象とした${p.m}の高度化`,
    `${p.s}の${p.a}を目指した${p.m}の検討`,
    `${p.u}における${p.s}の${p.f}`,
    `${p.s}の${p.a}に向けた${p.f}の解明`,
  ]);
}

function patentTitle(random: Random, p: Parts): string {
  if (!p.a.endsWith('化'))
    return random.pick([`${p.s}の${p.f}の評価方法`, `${p.m}を用いた${p.s}の評価装置`]);
  return random.pick([
    `${p.s}の${p.a}方法`,
    `${p.m}を用いた${p.s}の${p.a}方法`,
    `${p.s}の${p.a}装置`,
  ]);
}

function technologyTitle(random: Random, p: Parts): string {
  return random.pick([
    `${p.u}向け${p.s}の${p.m}技術`,
    nameable(p.a) ? `${p.s}の${p.a}技術` : `${by(p.m)}${p.u}の課題解決`,
    `${p.m}を活用した${p.s}の${p.a}`,
  ]);
}

function researchAbstract(random: Random, p: Parts, topic: SeedTopic, gain: number): string {
  return [
    random.pick([
      `${p.u}の現場では、${topic.problem}。`,
      `近年、${p.u}において${p.s}への関心が高まっているが、${topic.problem}。`,
    ]),
    random.pick([
      `本研究では、${p.m}に着目し、${p.s}の${p.a}に取り組んだ。`,
      `そこで、${p.m}を用いて${p.s}の${p.f}を系統的に調べた。`,
      `本研究は、${p.s}の${p.f}を明らかにし、${p.a}につなげることを目的とする。`,
    ]),
    random.pick([
      `その結果、${topic.metric}を従来法に比べて約${gain}％改善できることを確かめた。`,
      `試作と評価を重ね、${topic.metric}で約${gain}％の改善を得るとともに、${p.f}についての知見を得た。`,
    ]),
    random.pick([
      `今後は${random.pick(GENERIC_PARTNERS)}と連携し、${p.u}での実証を進める。`,
      `${p.u}への展開に向けて、共同研究の相手を求めている。`,
      `得られた知見は${random.pick(topic.uses.filter((u) => u !== p.u))}にも応用できると考えている。`,
    ]),
  ].join('');
}

function patentAbstract(p: Parts, topic: SeedTopic, gain: number): string {
  return [
    `【課題】${topic.problem}という問題に対し、${p.s}の${p.a}を可能にする手段を提供する。`,
    `【解決手段】${p.m}を用い、${p.f}を踏まえて処理条件を定める。`,
    `【効果】${p.u}において、${topic.metric}が従来より約${gain}％改善する。`,
  ].join('');
}

function technologyAbstract(
  random: Random,
  p: Parts,
  topic: SeedTopic,
  owner: ActorInJapan,
  gain: number,
): string {
  const we = owner.sector === 'company' ? '当社' : '当センター';
  return [
    `${we}が取り組んできた${p.s}の${p.m}技術です。`,
    `${p.u}では${topic.problem}という声が多く、その解決のために開発しました。`,
    `${topic.metric}は従来に比べて約${gain}％改善しています。`,
    random.pick([
      '試作や評価のご相談に応じます。',
      'ライセンスや共同開発の相手を探しています。',
      `${p.u}以外への応用も一緒に検討できます。`,
    ]),
  ].join('');
}

function facilityText(random: Random, p: Parts, v: FieldVocabulary, owner: ActorInJapan): SeedText {
  const equipment = random.pick(v.facilities);
  return {
    title: random.pick([
      `${equipment}の開放利用（${owner.name}）`,
      `${owner.name}の${equipment}による依頼試験`,
    ]),
    abstract: [
      `${owner.name}では、${equipment}を企業の皆様に開放しています。`,
      `${p.s}の${p.f}など、${p.u}向けの製品や試作品の評価に利用できます。`,
      random.pick([
        '職員による依頼試験のほか、技術相談や操作研修にも対応します。',
        '初めての方には職員が測定方法の選び方から説明します。',
      ]),
      `${p.s}の${p.a}に取り組む中小企業の試作・評価を支援します。`,
    ].join(''),
  };
}

/** One seed's text; `taken` holds the titles already used, and the new one is added to it. */
export function writeSeedText(
  random: Random,
  kind: SeedKind,
  topics: readonly SeedTopic[],
  v: FieldVocabulary,
  owner: ActorInJapan,
  taken: Set<string>,
): SeedText {
  let text: SeedText | undefined;
  let chosen: SeedTopic | undefined;
  let parts: Parts | undefined;
  for (let attempt = 0; attempt < 16; attempt++) {
    chosen = random.pick(topics);
    parts = partsOf(random, chosen);
    const gain = random.int(12, 65);
    text =
      kind === 'facility'
        ? facilityText(random, parts, v, owner)
        : kind === 'patent'
          ? { title: patentTitle(random, parts), abstract: patentAbstract(parts, chosen, gain) }
          : kind === 'technology'
            ? {
                title: technologyTitle(random, parts),
                abstract: technologyAbstract(random, parts, chosen, owner, gain),
              }
            : {
                title: researchTitle(random, parts),
                abstract: researchAbstract(random, parts, chosen, gain),
              };
    if (!taken.has(text.title)) break;
  }
  if (!text || !chosen || !parts) throw new RangeError('no research topic for the seed');
  const title = untakenTitle(text.title, chosen, taken);
  taken.add(title);
  return { title, abstract: text.abstract };
}

/** A subtitle as KAKEN titles carry one (「―…への適用―」), then a report number (「第2報」). */
function untakenTitle(title: string, topic: SeedTopic, taken: Set<string>): string {
  if (!taken.has(title)) return title;
  for (const use of topic.uses) {
    const candidate = `${title} ―${use}への適用―`;
    if (!taken.has(candidate)) return candidate;
  }
  for (let report = 2; ; report++) {
    const candidate = `${title}（第${report}報）`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Synthetic distractor seeds (シーズ) for the matching evaluation and the peers benchmark,
 * composed like the demo generator's seeds (packages/demo) from its field
 * vocabulary, plus a long tail of pseudo technical words so that a million of them still
 * have a realistic, Zipf-like vocabulary. Deterministic for a given seed number.
 */
import { FIELDS, GENERIC_PARTNERS } from '#demo/field-vocabulary.ts';
import { createRandom, type Random } from '#demo/random.ts';

export interface CorpusSeed {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  readonly keywords: readonly string[];
}

const KANJI = Array.from(
  '熱光電磁波粒子膜層材質量圧力流体界面結晶分子酸塩素水炭窒硫鉄銅銀金亜鉛錫鋼微細超高低耐性温湿度感応答変換制御検出測定抽出精製培養発酵醸造育種栽培収穫漁獲加工成形溶接研磨切削鋳造鍛接合塗装乾燥冷凍殺菌保存輸送販売診断治療予防介護歩行視聴覚脳神経筋骨血管細胞遺伝蛋白糖脂質繊維紙木竹石土砂岩油',
);
const KATAKANA = Array.from(
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン',
);

/** A long-tail vocabulary of pseudo technical words (2–3 kanji or 3–6 katakana). */
function longTail(size: number, random: Random): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    let w = '';
    if (random.chance(0.7)) {
      const n = random.chance(0.7) ? 2 : 3;
      for (let i = 0; i < n; i += 1) w += random.pick(KANJI);
    } else {
      const n = random.int(3, 6);
      for (let i = 0; i < n; i += 1) w += random.pick(KATAKANA);
    }
    words.add(w);
  }
  return [...words];
}

/** Zipf-like draw: low indexes are frequent, the tail is rare. */
function skewed<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(items.length * random.next() ** 3)];
  if (item === undefined) throw new RangeError('empty list');
  return item;
}

export interface DistractorOptions {
  readonly count: number;
  readonly seed: number;
  /** Id prefix (default 'd'); ids are `${prefix}${n}` zero-padded to 7 digits. */
  readonly prefix?: string;
}

/** Generates `count` distractor seeds in researcher voice. */
export function* generateDistractors(options: DistractorOptions): Generator<CorpusSeed> {
  const random = createRandom(options.seed);
  const tail = longTail(40_000, createRandom(options.seed ^ 0x7a11));
  const prefix = options.prefix ?? 'd';
  for (let i = 0; i < options.count; i += 1) {
    const v = random.pick(FIELDS);
    const subject = random.pick(v.subjects);
    const method = random.pick(v.methods);
    const application = random.pick(v.applications);
    const problem = random.pick(v.problems);
    const metric = random.pick(v.metrics);
    const rare = [skewed(random, tail), skewed(random, tail), skewed(random, tail)];
    const lead = random.chance(0.5) ? `${rare[0] ?? ''}系${subject}` : subject;
    const title = random.pick([
      `${method}による${lead}の高性能化`,
      `${lead}を用いた${application}向け新技術`,
      `${method}を活用した${application}の${metric}向上`,
      `${application}のための${lead}の開発`,
    ]);
    const abstract = [
      `${application}の分野では、${problem}が大きな課題となっている。`,
      random.chance(0.5)
        ? `本研究では、${method}を用いて${lead}の特性を評価し、最適な条件を明らかにした。`
        : `本発明は、${method}により${lead}を得る方法に関するものであり、工程を簡素化できる。`,
      `特に${rare[1] ?? ''}と${rare[2] ?? ''}の関係に着目し、${metric}を約${random.int(12, 65)}％改善した。`,
      random.chance(0.5)
        ? `本技術は${random.sample(v.keywords, 2).join('や')}にも応用が期待される。`
        : `今後は${random.pick(GENERIC_PARTNERS)}との連携により、実用化を目指す。`,
    ].join('');
    yield {
      id: `${prefix}${String(i + 1).padStart(7, '0')}`,
      title,
      abstract,
      keywords: [...random.sample(v.keywords, random.int(2, 4)), rare[1] ?? ''],
    };
  }
}

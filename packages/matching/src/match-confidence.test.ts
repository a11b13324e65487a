import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFields, createAnalyzer, type Analyzer } from './analyze.ts';
import { createBm25fIndex, type Bm25fIndex } from './bm25f.ts';
import { buildQuery, type QueryTerm } from './expansion.ts';
import {
  absoluteText,
  assessHit,
  confidenceOf,
  coreWords,
  isNoGoodMatch,
  noGoodMatchNotice,
  textScale,
} from './match-confidence.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';

let analyzer: Analyzer;
let index: Bm25fIndex;

// Seeds in the demo's register: the precision-parts seed shares only 自動 with the drone need.
const SEEDS = [
  {
    id: 'parts',
    title: '住宅設備のための精密部品の開発',
    abstract: '自動化した加工ラインで精密部品を量産する。',
    keywords: '精密部品、住宅設備',
  },
  {
    id: 'plating',
    title: 'めっき工場のための汚染土壌の製造方法',
    abstract: '汚染土壌の処理と自動計測。',
    keywords: '汚染土壌',
  },
  {
    id: 'weld',
    title: '自動車部品のレーザ溶接',
    abstract: '自動制御で溶接条件を最適化する。',
    keywords: '溶接',
  },
  {
    id: 'warehouse',
    title: '自動倉庫の搬送制御',
    abstract: '自動搬送の経路計画。',
    keywords: '物流',
  },
  {
    id: 'coating',
    title: '金型の表面処理による長寿命化',
    abstract: '硬質被膜で摩耗を抑える。',
    keywords: '金型、摩耗',
  },
  {
    id: 'crack',
    title: 'ドローン画像による橋梁ひび割れの自動点検',
    abstract: '橋梁のひび割れを撮影画像から自動で抽出し点検を省力化する。',
    keywords: 'ドローン、橋梁、ひび割れ',
  },
];

beforeAll(async () => {
  analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer() });
  index = createBm25fIndex({
    fields: [
      { name: 'title', weight: 3 },
      { name: 'abstract', weight: 1 },
      { name: 'keywords', weight: 2 },
    ],
  });
  for (const s of SEEDS) {
    index.upsert(
      s.id,
      analyzeFields(analyzer, { title: s.title, abstract: s.abstract, keywords: s.keywords }),
    );
  }
  index.flush();
});

const DRONE_NEED = 'ドローンで橋梁のひび割れを自動点検したい';

describe('assessHit', () => {
  it('gives the seed that explains the need high confidence, on a scale where 1 is not automatic', () => {
    const query = buildQuery(analyzer, DRONE_NEED);
    const hits = index.search(query, 5);
    const scale = textScale(index, query);
    expect(hits[0]?.id).toBe('crack');
    const best = assessHit(index, query, hits[0] ?? { id: '', score: 0 }, scale);
    expect(best.confidence).toBe('high');
    expect(best.expansionOnly).toBe(false);
    expect(best.coverage).toBeGreaterThan(0.8);
    expect(isNoGoodMatch(best)).toBe(false);
  });

  it('gives a seed sharing only 自動 with the drone need low confidence', () => {
    index.remove('crack');
    try {
      const query = buildQuery(analyzer, DRONE_NEED);
      const hits = index.search(query, 5);
      const scale = textScale(index, query);
      expect(hits.map((h) => h.id)).toContain('parts');
      for (const hit of hits) {
        const evidence = assessHit(index, query, hit, scale);
        expect(evidence.confidence).toBe('low');
        expect(evidence.coverage).toBeLessThan(0.2);
        expect(evidence.text).toBeLessThan(0.3);
        expect(isNoGoodMatch(evidence)).toBe(true);
      }
    } finally {
      const s = SEEDS[3];
      if (s !== undefined)
        index.upsert(
          s.id,
          analyzeFields(analyzer, { title: s.title, abstract: s.abstract, keywords: s.keywords }),
        );
    }
  });

  it('credits a word the seed lacks through a linked term it holds, by the link weight', () => {
    const own = buildQuery(analyzer, '金型の寿命を延ばす');
    const linked: QueryTerm = { term: '摩耗', weight: 0.5, source: 'dictionary', via: ['寿命'] };
    const withLink = [...own, linked];
    const hitOf = (q: readonly QueryTerm[]) =>
      index.search(q, 5).find((h) => h.id === 'coating') ?? { id: '', score: 0 };
    const without = assessHit(index, own, hitOf(own), textScale(index, own));
    const withIt = assessHit(index, withLink, hitOf(withLink), textScale(index, withLink));
    expect(withIt.coverage).toBeGreaterThan(without.coverage);
    expect(withIt.matchedWords).toBe(without.matchedWords + 1);
  });

  it('counts a word and its katakana reading as one word of the need, held in either form', () => {
    const cedar = createBm25fIndex({ fields: [{ name: 'title', weight: 3 }] });
    cedar.upsert('katakana', { title: analyzer.terms('スギ材の強度と乾燥') });
    cedar.upsert('kanji', { title: analyzer.terms('杉材の強度と乾燥') });
    cedar.upsert('other', { title: analyzer.terms('竹材の強度') });
    cedar.flush();
    const written = buildQuery(analyzer, '杉の乾燥');
    const reading: QueryTerm = { term: 'スギ', weight: 0.8, source: 'synonym', via: ['杉'] };
    const query = [...written, reading];
    const scale = textScale(cedar, query);
    // The reading adds nothing to the need's core: the scale is the written need's.
    expect(scale).toBeCloseTo(textScale(cedar, written), 12);
    const evidenceOf = (id: string) =>
      assessHit(
        cedar,
        query,
        cedar.search(query, 3).find((h) => h.id === id) ?? { id, score: 0 },
        scale,
      );
    const katakana = evidenceOf('katakana');
    const kanji = evidenceOf('kanji');
    // Either form of the word explains it fully; neither seed is carried by expansion alone.
    expect(katakana.coverage).toBeCloseTo(1, 12);
    expect(kanji.coverage).toBeCloseTo(1, 12);
    expect(katakana.matchedWords).toBe(kanji.matchedWords);
    expect(katakana.expansionOnly).toBe(false);
  });

  it('judges an English need over Japanese seeds by the words its own words were linked to', () => {
    const seeds = createBm25fIndex({ fields: [{ name: 'title', weight: 3 }] });
    seeds.upsert('boar', { title: analyzer.terms('イノシシによる農作物の被害の対策') });
    seeds.upsert('forceps', { title: analyzer.terms('手術用鉗子の把持力と組織損傷') });
    for (let n = 0; n < 8; n += 1)
      seeds.upsert(`other-${n}`, { title: analyzer.terms(`精密部品の加工 ${n}`) });
    seeds.flush();
    const own = ['wild', 'boar', 'deer', 'damage', 'rice', 'field'].map((term): QueryTerm => ({
      term,
      weight: 1,
      source: 'query',
      via: [],
    }));
    const gloss = (term: string, weight: number, via: string[]): QueryTerm => ({
      term,
      weight,
      source: 'gloss',
      via,
    });
    const query = [
      ...own,
      gloss('イノシシ', 0.57, ['wild', 'boar']),
      gloss('損傷', 0.57, ['damage']),
      gloss('被害', 0.46, ['damage']),
    ];
    const scale = textScale(seeds, query);
    const evidenceOf = (id: string) =>
      assessHit(
        seeds,
        query,
        seeds.search(query, 5).find((h) => h.id === id) ?? { id, score: 0 },
        scale,
      );
    const forceps = evidenceOf('forceps');
    const boar = evidenceOf('boar');
    // No own word is in the index: the scale is not one of idf 1, where any link was a full match.
    expect(forceps.text).toBeLessThan(0.5);
    expect(forceps).toMatchObject({ expansionOnly: true, matchedWords: 1, confidence: 'low' });
    // The surest link of a word no seed holds explains it fully (boar, wild), a lesser one in
    // proportion (被害 for damage, 0.46 of 0.57).
    expect(boar.matchedWords).toBe(3);
    expect(boar.coverage).toBeGreaterThan(0.4);
    expect(boar.coverage).toBeGreaterThan(2 * forceps.coverage);
  });

  it('marks a seed reached only through expansion terms, and never calls it high', () => {
    const own = buildQuery(analyzer, '金属部品の検査');
    const added: QueryTerm = { term: '摩耗', weight: 0.5, source: 'dictionary', via: ['部品'] };
    const query = [...own, added];
    const hit = index.search(query, 5).find((h) => h.id === 'coating');
    expect(hit).toBeDefined();
    const evidence = assessHit(index, query, hit ?? { id: '', score: 0 }, textScale(index, query));
    expect(evidence.expansionOnly).toBe(true);
    expect(evidence.coverage).toBeLessThan(0.5);
    expect(evidence.confidence).toBe('low');
  });
});

describe('confidence of a title alone and of the same title with a long description', () => {
  // A corpus where the words of a firm's description (会社, 技術, 作業, 計画 …) are common, as
  // they are among real seeds, and one seed answers the drone need.
  const seed = (id: string, title: string, abstract: string, keywords: string) => ({
    id,
    title,
    abstract,
    keywords,
  });
  const CORPUS = [
    ...SEEDS,
    seed(
      'plan',
      '地域企業の技術開発計画',
      '地域の会社が大学の技術を使って作業計画を立てる。',
      '技術、計画',
    ),
    seed(
      'staff',
      '中小企業の人材育成と技術継承',
      '会社の熟練作業者の技術を若手に伝える計画。',
      '人材、技術',
    ),
    seed('safety', '高所作業の安全管理', '作業者の危険を減らす計画と記録の方法。', '安全、作業'),
    seed(
      'photo',
      '画像記録による製造現場の改善',
      '撮影した画像を記録し作業の計画に役立てる技術。',
      '画像、記録',
    ),
    seed(
      'road',
      '道路舗装材の長寿命化',
      '道路の補修の計画を立て、会社の維持管理費を下げる。',
      '道路、補修',
    ),
    seed(
      'aging',
      '地域の高齢化と公共施設の維持管理',
      '県内の施設の維持管理を大学と会社で考える。',
      '高齢化、維持管理',
    ),
    seed('lab', '公設試の技術支援', '県内の会社の試作を公設試が技術で支える。', '公設試、技術'),
    seed(
      'sensor',
      '振動センサによる機械の異常検知',
      '工場の機械の振動を記録し作業者に知らせる技術。',
      'センサ、異常検知',
    ),
  ];
  const LONG_NEED = `${DRONE_NEED}。当社は県内で道路や橋梁の維持管理を請け負う建設会社で、従業員は30名です。点検員の高齢化が進み、高所での作業の危険も増えています。撮影した画像からひび割れの位置と幅を記録し、補修の計画づくりに役立てたいと考えています。大学や公設試の技術を使って、小さく試すところから始めたいです。`;
  let corpusIndex: Bm25fIndex;

  beforeAll(() => {
    corpusIndex = createBm25fIndex({
      fields: [
        { name: 'title', weight: 3 },
        { name: 'abstract', weight: 1 },
        { name: 'keywords', weight: 2 },
      ],
    });
    for (const s of CORPUS) {
      corpusIndex.upsert(
        s.id,
        analyzeFields(analyzer, { title: s.title, abstract: s.abstract, keywords: s.keywords }),
      );
    }
    corpusIndex.flush();
  });

  const levelOf = (text: string, seedId: string) => {
    const query = buildQuery(analyzer, text);
    const hit = corpusIndex.search(query, CORPUS.length).find((h) => h.id === seedId);
    expect(hit).toBeDefined();
    return assessHit(
      corpusIndex,
      query,
      hit ?? { id: '', score: 0 },
      textScale(corpusIndex, query),
    );
  };

  it('gives the seed that answers the need the same level in both forms', () => {
    expect(levelOf(DRONE_NEED, 'crack').confidence).toBe('high');
    expect(levelOf(LONG_NEED, 'crack').confidence).toBe('high');
  });

  it('keeps the seed sharing only 自動 low, or no good match, in both forms', () => {
    for (const text of [DRONE_NEED, LONG_NEED]) {
      const parts = levelOf(text, 'parts');
      expect(parts.confidence).toBe('low');
    }
  });

  it('does not lift a seed that shares only the description’s common words above low', () => {
    expect(levelOf(LONG_NEED, 'plan').confidence).toBe('low');
    expect(levelOf(LONG_NEED, 'safety').confidence).not.toBe('high');
  });
});

describe('the core of a need written as a title and a description', () => {
  // The firm's description names its trade (めっき, 樹脂), rarer in the corpus than what the
  // title asks for (寿命, 見積もり): judged on the weightiest words alone, the trade took the
  // core and a seed about the trade looked like an answer.
  const trade = createBm25fIndex({ fields: [{ name: 'title', weight: 3 }] });
  const titles = [
    ['wastewater', 'めっき排水の樹脂吸着'],
    ['life', '部品の寿命予測と見積もり'],
    ['life2', '部品の寿命の評価'],
    ['life3', '機械部品の寿命'],
    ['quote', '見積もりの自動化'],
    ['quote2', '見積もり作業の効率化'],
  ] as const;
  const NEED = 'めっき部品の寿命を見積もりたい\n当社はめっきと樹脂の加工をしている。';

  beforeAll(() => {
    for (const [id, title] of titles) trade.upsert(id, { title: analyzer.terms(title) });
    trade.flush();
  });

  it('takes the title’s words first, and marks the description’s words by their line', () => {
    const query = buildQuery(analyzer, NEED);
    expect(query.find((t) => t.term === '寿命')?.line).toBeUndefined();
    expect(query.find((t) => t.term === '樹脂')?.line).toBe(1);
    const core = coreWords(trade, query).map((w) => w.term);
    const lastOfTitle = Math.max(...['寿命', '見積もる', '部品'].map((w) => core.indexOf(w)));
    expect(core.slice(0, lastOfTitle)).not.toContain('樹脂');
    const wastewater = trade.search(query, 6).find((h) => h.id === 'wastewater');
    expect(wastewater).toBeDefined();
    const evidence = assessHit(
      trade,
      query,
      wastewater ?? { id: '', score: 0 },
      textScale(trade, query),
    );
    expect(evidence.confidence).not.toBe('high');
  });
});

describe('confidenceOf and absoluteText', () => {
  it('caps expansion-only hits at medium and maps scores onto [0, 1]', () => {
    const of = (text: number, coverage: number, matchedWords: number, expansionOnly = false) =>
      confidenceOf({ text, coverage, matchedWords, expansionOnly });
    // Expansion alone: medium only when its links reach two of the need's words or half of it
    // (a boar need reaching a forceps seed through damage → 損傷 alone is low).
    expect(of(1, 0.6, 1, true)).toBe('medium');
    expect(of(1, 0.3, 2, true)).toBe('medium');
    expect(of(1, 0.2, 1, true)).toBe('low');
    expect(of(0.1, 0.6, 2, true)).toBe('low');
    expect(of(0.9, 0.9, 4)).toBe('high');
    expect(of(0.9, 0.6, 1)).toBe('high');
    expect(of(0.3, 0.1, 2)).toBe('medium');
    expect(of(0.5, 0.3, 3)).toBe('high');
    expect(of(0.9, 0.3, 1)).toBe('low');
    expect(of(0.9, 0.05, 2)).toBe('low');
    const low = { text: 0.3, coverage: 0.1, matchedWords: 1, expansionOnly: false } as const;
    expect(isNoGoodMatch({ ...low, specificity: 0.8, confidence: 'low' })).toBe(false);
    expect(isNoGoodMatch({ ...low, specificity: 0.3, confidence: 'low' })).toBe(true);
    expect(isNoGoodMatch({ ...low, specificity: 0.3, confidence: 'medium' })).toBe(false);
    expect(isNoGoodMatch(undefined)).toBe(true);
    expect(absoluteText(5, 10)).toBe(0.5);
    expect(absoluteText(15, 10)).toBe(1);
    expect(absoluteText(1, 0)).toBe(0);
  });
});

describe('noGoodMatchNotice', () => {
  it('suggests widening the region and the field only when they were narrowed', () => {
    const narrow = noGoodMatchNotice('in', '環境').suggestions.join('\n');
    expect(narrow).toMatch(/region: any/);
    expect(narrow).toMatch(/環境/);
    const wide = noGoodMatchNotice('any', undefined).suggestions.join('\n');
    expect(wide).not.toMatch(/region: any/);
    expect(wide).toMatch(/materials, products or processes/);
  });
});

/**
 * Matching benchmark: analyser throughput (chars/s) with kuromoji and with the dictionary-free
 * script-run tokenizer, BM25F index build, query latency (lexical and expanded), live edits
 * and serialise/restore, on a synthetic Japanese corpus of research seeds.
 *
 * The entry point is ./tokenize-throughput.ts; this module has no side effects so a runner
 * can import `runThroughputBench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeFields, createAnalyzer } from '#matching/analyze.ts';
import type { Analyzer } from '#matching/analyze.ts';
import {
  createBm25fIndex,
  decodeSerializedIndex,
  encodeSerializedIndex,
  restoreBm25fIndex,
} from '#matching/bm25f.ts';
import type { Bm25fIndex, SearchHit } from '#matching/bm25f.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { buildQuery, searchWithExpansion } from '#matching/expansion.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { createScriptRunTokenizer } from '#matching/tokenizer.ts';
import type { Tokenizer } from '#matching/tokenizer.ts';
import { createRng } from '#analytics/random.ts';

export interface ThroughputBenchOptions {
  /** Documents in the synthetic corpus (default 100 000). */
  readonly documents?: number;
  /** Queries timed (default 300). */
  readonly queries?: number;
  /** Documents used for the separate throughput figures (default 5 000). */
  readonly throughputSample?: number;
  readonly seed?: number;
  /** Where to write the JSON report; null for none (default bench/results/matching-throughput.json). */
  readonly outputPath?: string | null;
  readonly log?: (line: string) => void;
}

export interface ThroughputFigure {
  readonly name: string;
  readonly documents: number;
  readonly chars: number;
  readonly seconds: number;
  readonly charsPerSecond: number;
}

export interface LatencyFigure {
  readonly name: string;
  readonly queries: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly queriesPerSecond: number;
  readonly meanHits: number;
}

export interface ThroughputBenchReport {
  readonly generatedAt: string;
  readonly machine: { cpus: string; cpuCount: number; memoryGiB: number; node: string };
  readonly settings: { documents: number; queries: number; throughputSample: number; seed: number };
  readonly corpus: { documents: number; chars: number; meanCharsPerDocument: number };
  readonly dictionaryLoadSeconds: number;
  readonly throughput: readonly ThroughputFigure[];
  readonly build: {
    readonly analyseSeconds: number;
    readonly analyseCharsPerSecond: number;
    readonly indexSeconds: number;
    readonly documentsPerSecond: number;
    readonly vocabulary: number;
    readonly postings: number;
    readonly heapUsedMiB: number;
  };
  readonly query: readonly LatencyFigure[];
  readonly liveEdits: {
    readonly upsertMs: number;
    readonly removeMs: number;
    readonly edits: number;
  };
  readonly serialisation: {
    readonly serialiseSeconds: number;
    readonly encodeSeconds: number;
    readonly bytes: number;
    readonly decodeSeconds: number;
    readonly restoreSeconds: number;
    readonly identicalResults: boolean;
  };
}

const createRandom = createRng;

const SUBJECTS = [
  ...STARTER_DOMAIN_DICTIONARY.map((entry) => entry.term),
  '地域資源',
  '中小企業',
  '地場産業',
  '農産物',
  '水産物',
  '工場排水',
  '間伐材',
  '温泉水',
  '廃プラスチック',
  '焼酎粕',
  '米ぬか',
  '牡蠣殻',
  '竹材',
  '和紙',
  '清酒酵母',
];
const METHODS = [
  '高感度計測',
  '低コスト製造',
  '連続生産',
  '選択的分離',
  '高効率回収',
  '非破壊評価',
  '遠隔監視',
  '自動制御',
  '表面改質',
  '成分分析',
  '品質評価',
  '機械学習による予測',
];
const OBJECTS = [
  '新製品の開発',
  '生産性の向上',
  '品質の安定化',
  '省力化',
  '付加価値の向上',
  '地域雇用の創出',
  '販路の拡大',
  '環境負荷の低減',
  '安全性の確保',
  '高齢者の生活支援',
];
const SENTENCES = [
  (a: string, b: string, _c: string) => `${a}を対象として、${b}の手法を開発した。`,
  (a: string, b: string, c: string) => `本研究では${a}と${b}を組み合わせ、${c}を目指す。`,
  (a: string, b: string, c: string) => `${a}に含まれる成分を${b}により評価し、${c}に応用する。`,
  (a: string, b: string, c: string) =>
    `従来の${b}では困難であった${a}の課題を解決し、${c}につなげる。`,
  (a: string, b: string, c: string) =>
    `地域の企業と連携して${a}の実証試験を行い、${c}の効果を確認した。`,
  (a: string, b: string, c: string) =>
    `A new ${b.length > 4 ? 'sensing' : 'processing'} method for ${c.length > 5 ? 'regional industries' : 'SMEs'} using ${a}.`,
];

interface SyntheticDocument {
  readonly id: string;
  readonly fields: { title: string; abstract: string; keywords: string };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty pool');
  return item;
}

const KANJI = Array.from(
  '熱光電磁波粒子膜層材質量圧力流体界面結晶分子酸塩素水炭窒硫鉄銅銀金亜鉛錫鋼微細超高低耐性温湿度感応答変換制御検出測定抽出精製培養発酵醸造育種栽培収穫漁獲加工成形溶接研磨切削鋳造鍛接合塗装乾燥冷凍殺菌保存輸送販売診断治療予防介護歩行視聴覚脳神経筋骨血管細胞遺伝蛋白糖脂質繊維紙木竹石土砂岩油',
);
const KATAKANA = Array.from(
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン',
);

/** A long-tail vocabulary of pseudo technical words (2–3 kanji or 3–6 katakana). */
function generateVocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    if (random() < 0.7) {
      const n = random() < 0.7 ? 2 : 3;
      let w = '';
      for (let i = 0; i < n; i += 1) w += pick(random, KANJI);
      words.add(w);
    } else {
      const n = 3 + Math.floor(random() * 4);
      let w = '';
      for (let i = 0; i < n; i += 1) w += pick(random, KATAKANA);
      words.add(random() < 0.3 ? `${w}ー` : w);
    }
  }
  return [...words];
}

/** Zipf-like draw: low indexes are frequent, the tail is rare. */
function pickSkewed<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(items.length * random() ** 3)];
  if (item === undefined) throw new Error('empty pool');
  return item;
}

/**
 * Synthetic seeds: title ~30 chars, abstract ~170 chars (3 template sentences with field
 * vocabulary and long-tail technical words), 4 keywords.
 */
export function generateCorpus(documents: number, seed: number): SyntheticDocument[] {
  const random = createRandom(seed);
  const vocabulary = generateVocabulary(30_000, createRandom(seed ^ 0xabc));
  const out: SyntheticDocument[] = [];
  for (let i = 0; i < documents; i += 1) {
    const rare = [pickSkewed(random, vocabulary), pickSkewed(random, vocabulary)];
    const a = random() < 0.5 ? pick(random, SUBJECTS) : `${rare[0] ?? ''}${pick(random, SUBJECTS)}`;
    const b = pick(random, METHODS);
    const c = pick(random, OBJECTS);
    const d = pick(random, SUBJECTS);
    const sentences: string[] = [];
    for (let s = 0; s < 3; s += 1) {
      sentences.push(
        pick(random, SENTENCES)(s === 0 ? a : d, pick(random, METHODS), pick(random, OBJECTS)),
      );
    }
    sentences.push(`特に${rare[1] ?? ''}と${pickSkewed(random, vocabulary)}の関係に着目した。`);
    out.push({
      id: `seed-${i}`,
      fields: {
        title: `${a}の${b}による${c}`,
        abstract: sentences.join(''),
        keywords: [a, d, b, rare[1] ?? ''].join('、'),
      },
    });
  }
  return out;
}

/** Synthetic needs (ニーズ) phrased like a company's consultation. */
export function generateNeeds(count: number, seed: number): string[] {
  const random = createRandom(seed ^ 0x5eed);
  const forms = [
    (a: string, c: string) => `${a}を使って${c}をしたい`,
    (a: string, c: string) => `${a}の${c}について相談したい`,
    (a: string, c: string) => `自社の${a}で${c}を実現する技術を探している`,
  ];
  return Array.from({ length: count }, () =>
    pick(random, forms)(pick(random, SUBJECTS), pick(random, OBJECTS)),
  );
}

function charsOf(doc: SyntheticDocument): number {
  return doc.fields.title.length + doc.fields.abstract.length + doc.fields.keywords.length;
}

function measureThroughput(
  name: string,
  analyzer: Analyzer,
  corpus: readonly SyntheticDocument[],
): ThroughputFigure {
  let chars = 0;
  const start = performance.now();
  for (const doc of corpus) {
    analyzeFields(analyzer, doc.fields);
    chars += charsOf(doc);
  }
  const seconds = (performance.now() - start) / 1000;
  return { name, documents: corpus.length, chars, seconds, charsPerSecond: chars / seconds };
}

function measureTokenizer(
  name: string,
  tokenizer: Tokenizer,
  corpus: readonly SyntheticDocument[],
): ThroughputFigure {
  let chars = 0;
  const start = performance.now();
  for (const doc of corpus) {
    tokenizer.tokenize(doc.fields.title);
    tokenizer.tokenize(doc.fields.abstract);
    tokenizer.tokenize(doc.fields.keywords);
    chars += charsOf(doc);
  }
  const seconds = (performance.now() - start) / 1000;
  return { name, documents: corpus.length, chars, seconds, charsPerSecond: chars / seconds };
}

function latency(name: string, timesMs: number[], hits: number[]): LatencyFigure {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const total = timesMs.reduce((s, t) => s + t, 0);
  return {
    name,
    queries: timesMs.length,
    meanMs: total / timesMs.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    queriesPerSecond: (timesMs.length * 1000) / total,
    meanHits: hits.reduce((s, h) => s + h, 0) / hits.length,
  };
}

const FIELDS = [
  { name: 'title', weight: 3 },
  { name: 'abstract', weight: 1 },
  { name: 'keywords', weight: 2 },
];

export async function runThroughputBench(
  options: ThroughputBenchOptions = {},
): Promise<ThroughputBenchReport> {
  const documents = options.documents ?? 100_000;
  const queries = options.queries ?? 300;
  const sampleSize = Math.min(documents, options.throughputSample ?? 5_000);
  const seed = options.seed ?? 1;
  const log = options.log ?? ((line: string) => console.log(line));
  const outputPath =
    options.outputPath === undefined
      ? resolve('bench/results/matching-throughput.json')
      : options.outputPath;

  log(`generating ${documents} synthetic seeds`);
  const corpus = generateCorpus(documents, seed);
  const needs = generateNeeds(queries, seed);
  const totalChars = corpus.reduce((s, d) => s + charsOf(d), 0);

  let start = performance.now();
  const kuromoji = await createKuromojiTokenizer();
  const dictionaryLoadSeconds = (performance.now() - start) / 1000;
  const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
  const analyzer = createAnalyzer({ tokenizer: kuromoji, dictionary });
  const scriptAnalyzer = createAnalyzer({ tokenizer: createScriptRunTokenizer(), dictionary });

  const sample = corpus.slice(0, sampleSize);
  // Warm-up so the JIT has compiled the hot paths before timing.
  measureThroughput('warm-up', analyzer, sample.slice(0, 300));
  const throughput = [
    measureTokenizer('kuromoji tokenize only', kuromoji, sample),
    measureThroughput('analyser (kuromoji + dictionary)', analyzer, sample),
    measureThroughput('analyser (script-run tokenizer + dictionary)', scriptAnalyzer, sample),
  ];
  for (const t of throughput) {
    log(`${t.name}: ${(t.charsPerSecond / 1e6).toFixed(3)} M chars/s`);
  }

  log(`analysing ${documents} documents with kuromoji`);
  start = performance.now();
  const analysed = corpus.map((doc) => analyzeFields(analyzer, doc.fields));
  const analyseSeconds = (performance.now() - start) / 1000;
  log(`analysed in ${analyseSeconds.toFixed(1)} s`);

  start = performance.now();
  const index = createBm25fIndex({ fields: FIELDS });
  corpus.forEach((doc, i) => index.upsert(doc.id, analysed[i] ?? {}));
  const indexSeconds = (performance.now() - start) / 1000;
  analysed.length = 0;
  const serialized0 = index.serialize();
  const heapUsedMiB = process.memoryUsage().heapUsed / 2 ** 20;
  log(`indexed in ${indexSeconds.toFixed(2)} s`);

  const timeQueries = (
    name: string,
    run: (need: string) => readonly SearchHit[],
  ): LatencyFigure => {
    for (const need of needs.slice(0, 20)) run(need);
    const times: number[] = [];
    const hits: number[] = [];
    for (const need of needs) {
      const t0 = performance.now();
      const result = run(need);
      times.push(performance.now() - t0);
      hits.push(result.length);
    }
    const figure = latency(name, times, hits);
    log(`${name}: mean ${figure.meanMs.toFixed(2)} ms, p95 ${figure.p95Ms.toFixed(2)} ms`);
    return figure;
  };
  const query = [
    timeQueries('lexical top-10 (analyse + search)', (need) =>
      index.search(buildQuery(analyzer, need), 10),
    ),
    timeQueries(
      'expanded top-10 (dictionary + co-occurrence + feedback)',
      (need) => searchWithExpansion(index, analyzer, need, { k: 10, dictionary }).hits,
    ),
  ];

  // Serialise → bytes → restore, and check the restored index answers identically.
  start = performance.now();
  const serialized = index.serialize();
  const serialiseSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const bytes = encodeSerializedIndex(serialized);
  const encodeSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const decoded = decodeSerializedIndex(bytes);
  const decodeSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const restored: Bm25fIndex = restoreBm25fIndex(decoded);
  const restoreSeconds = (performance.now() - start) / 1000;
  const identicalResults = needs.slice(0, 50).every((need) => {
    const q = buildQuery(analyzer, need);
    return JSON.stringify(index.search(q, 10)) === JSON.stringify(restored.search(q, 10));
  });
  log(
    `serialised ${(bytes.length / 2 ** 20).toFixed(1)} MiB; restore ${restoreSeconds.toFixed(2)} s; identical ${identicalResults}`,
  );

  // Live edits on the full index.
  const edits = Math.min(1000, documents);
  const editFields = corpus
    .slice(0, edits)
    .map((doc) => analyzeFields(analyzer, { ...doc.fields, title: `${doc.fields.title}（改訂）` }));
  start = performance.now();
  corpus.slice(0, edits).forEach((doc, i) => index.upsert(doc.id, editFields[i] ?? {}));
  const upsertMs = (performance.now() - start) / edits;
  start = performance.now();
  for (const doc of corpus.slice(0, edits)) index.remove(doc.id);
  const removeMs = (performance.now() - start) / edits;

  const report: ThroughputBenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus()[0]?.model.trim() ?? 'unknown',
      cpuCount: cpus().length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
    },
    settings: { documents, queries, throughputSample: sampleSize, seed },
    corpus: { documents, chars: totalChars, meanCharsPerDocument: totalChars / documents },
    dictionaryLoadSeconds,
    throughput,
    build: {
      analyseSeconds,
      analyseCharsPerSecond: totalChars / analyseSeconds,
      indexSeconds,
      documentsPerSecond: documents / indexSeconds,
      vocabulary: serialized0.terms.length,
      postings: serialized0.docTermIds.length,
      heapUsedMiB,
    },
    query,
    liveEdits: { upsertMs, removeMs, edits },
    serialisation: {
      serialiseSeconds,
      encodeSeconds,
      bytes: bytes.length,
      decodeSeconds,
      restoreSeconds,
      identicalResults,
    },
  };
  if (outputPath !== null) {
    mkdirSync(dirname(outputPath), { recursive: true });
    writeFileSync(outputPath, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${outputPath}`);
  }
  return report;
}

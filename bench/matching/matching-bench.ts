/**
 * Matching benchmark against peers (issue 4): the same corpus — the evaluation set's 3,000
 * seeds plus generated distractors up to 10 k (tiny), 100 k (small) or 1 M (full) — loaded into
 * Musubi's BM25F index, Groonga (TokenBigram) and SQLite FTS5 (trigram); the same 60 needs of
 * the evaluation set ranked by each. Reports quality (nDCG@10, recall@20, MRR; overall and
 * on the vocabulary-gap subset; Musubi lexical-only and with expansion), top-20 query latency,
 * build time and peak memory, the live index (an edit visible to the next query) and the
 * restart path (snapshot restore vs rebuild). Writes bench/results/matching-<size>.json/.md
 * and matching.json/.md (the largest size run so far). Ratios first.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer, type Analyzer } from '#matching/analyze.ts';
import {
  createBm25fIndex,
  decodeSerializedIndex,
  encodeSerializedIndex,
  restoreBm25fIndex,
  type Bm25fIndex,
} from '#matching/bm25f.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import {
  parseEvalSet,
  vocabularyGaps,
  type EvalNeed,
  type EvalSet,
} from '#matching/evaluation-set.ts';
import { buildQuery, searchWithExpansion } from '#matching/expansion.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { EDICT_PATH, readEdict } from '#matching-node/edict-file.ts';
import { readSudachiSynonyms } from '#matching-node/sudachi-synonyms-file.ts';
import {
  buildGlossLinkTable,
  encodeGlossLinkTable,
  glossLinkTableSize,
} from '#matching/gloss-link-table.ts';
import { synonymLinks } from '#matching/synonym-groups.ts';
import { isMecabAvailable } from '#matching-node/mecab-tokenizer.ts';
import {
  analyzeTermIdsInOrder,
  createParallelAnalyzer,
  defaultAnalysisWorkers,
} from '#matching-node/parallel-analyzer.ts';
import { meanRankingQuality, type RankingQuality } from '#matching/ranking-metrics.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { COMMUNITY_NEEDS, FIELDS } from '#demo/field-vocabulary.ts';
import { generateDistractors, type CorpusSeed } from './distractors.ts';
import {
  buildFts5,
  buildGroonga,
  ensureGroonga,
  openFts5,
  openGroonga,
  peakMemoryMiB,
} from './peers.ts';

export const MATCHING_SIZES = { tiny: 10_000, small: 100_000, full: 1_000_000 } as const;
export type MatchingSize = keyof typeof MATCHING_SIZES;

export interface MatchingBenchOptions {
  readonly size?: MatchingSize;
  /** Overrides the size's document count. */
  readonly documents?: number;
  readonly seed?: number;
  readonly root?: string;
  readonly log?: (line: string) => void;
  /** Analysis worker threads for the build (default one per core, capped). */
  readonly analysisWorkers?: number;
}

interface Latency {
  readonly queries: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly meanMs: number;
}

interface EngineResult {
  readonly name: string;
  readonly quality: { readonly all: RankingQuality; readonly gap: RankingQuality };
  readonly latency: Latency;
  readonly buildSeconds: number;
  readonly peakMemoryMiB: number;
  readonly restartSeconds?: number;
  readonly note?: string;
}

export interface MatchingBenchReport {
  readonly generatedAt: string;
  readonly size: string;
  readonly machine: { cpus: string; cpuCount: number; memoryGiB: number; node: string };
  readonly corpus: { documents: number; judgedSeeds: number; needs: number; gapNeeds: number };
  readonly tokenizer: string;
  /** Worker threads the build analysed in. */
  readonly analysisWorkers: number;
  readonly engines: readonly EngineResult[];
  readonly ratios: Record<string, number>;
  readonly targets: readonly { name: string; value: string; target: string; met: boolean }[];
  readonly live: { readonly insertVisibleMs: number; readonly editVisibleMs: number };
  readonly restart: {
    readonly snapshotBytes: number;
    readonly saveSeconds: number;
    readonly restoreSeconds: number;
    readonly rebuildSeconds: number;
    readonly identicalResults: boolean;
  };
  readonly skipped: readonly string[];
}

/** The service's field weights (packages/services matching-index.ts SEED_FIELDS). */
export const FIELD_SPECS = [
  { name: 'title', weight: 2 },
  { name: 'abstract', weight: 1 },
  { name: 'keywords', weight: 2 },
];

export function loadJson(root: string, path: string): unknown {
  return JSON.parse(readFileSync(join(root, path), 'utf8'));
}

/** The corpus as a re-iterable stream (it is generated again for each engine, not kept). */
export function corpusOf(
  set: EvalSet,
  fixedDistractors: readonly CorpusSeed[],
  total: number,
  seed: number,
) {
  return {
    *[Symbol.iterator](): Generator<CorpusSeed> {
      let n = 0;
      for (const s of [...set.seeds, ...fixedDistractors]) {
        if (n >= total) return;
        n += 1;
        yield s;
      }
      if (n < total)
        yield* generateDistractors({ count: total - n, seed: seed + 7_919, prefix: 'x' });
    },
  };
}

function latencyOf(timesMs: readonly number[]): Latency {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return {
    queries: sorted.length,
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    meanMs: sorted.reduce((s, t) => s + t, 0) / Math.max(1, sorted.length),
  };
}

type Search = (text: string) => Promise<readonly string[]> | readonly string[];

async function evaluate(
  needs: readonly EvalNeed[],
  gapIds: ReadonlySet<string>,
  search: Search,
): Promise<EngineResult['quality']> {
  const runs: { id: string; ranked: readonly string[]; judgments: ReadonlyMap<string, number> }[] =
    [];
  for (const need of needs)
    runs.push({ id: need.id, ranked: await search(need.text), judgments: need.judgments });
  return {
    all: meanRankingQuality(runs),
    gap: meanRankingQuality(runs.filter((r) => gapIds.has(r.id))),
  };
}

async function timeQueries(
  queries: readonly string[],
  search: Search,
  rounds = 2,
): Promise<Latency> {
  for (const q of queries.slice(0, 20)) await search(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (const q of queries) {
      const started = performance.now();
      await search(q);
      times.push(performance.now() - started);
    }
  }
  return latencyOf(times);
}

const rssPeakMiB = (): number => process.resourceUsage().maxRSS / 1024;

export async function runMatchingBench(
  options: MatchingBenchOptions = {},
): Promise<MatchingBenchReport> {
  const root = options.root ?? resolve('.');
  const size = options.size ?? 'small';
  const total = options.documents ?? MATCHING_SIZES[size];
  const seed = options.seed ?? 1;
  const log = options.log ?? ((line: string) => console.log(line));
  const tmp = join(root, 'bench', 'tmp', 'matching');
  mkdirSync(tmp, { recursive: true });
  const skipped: string[] = [];

  const set = parseEvalSet(loadJson(root, 'packages/matching/eval/eval-set.json'));
  const fixed = loadJson(root, 'packages/matching/eval/distractors.json') as CorpusSeed[];
  const corpus = corpusOf(set, fixed, total, seed);
  const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
  const kuromoji = await createKuromojiTokenizer();
  const queryAnalyzer: Analyzer = createAnalyzer({ tokenizer: kuromoji, dictionary });
  const gaps = vocabularyGaps(set, queryAnalyzer);
  const gapIds = new Set(gaps.filter((g) => g.gap).map((g) => g.needId));
  const latencyQueries = [
    ...set.needs.map((n) => n.text),
    ...FIELDS.flatMap((f) => f.needs),
    ...COMMUNITY_NEEDS.map(([title]) => title),
  ];
  log(`corpus ${total.toLocaleString('en')} seeds; ${set.needs.length} needs (${gapIds.size} gap)`);

  // ---- Musubi: analyse in worker threads, each with its own MeCab (kuromoji when absent). ----
  const useMecab = isMecabAvailable();
  const tokenizerName = useMecab ? 'mecab' : 'kuromoji';
  const analysisWorkers = options.analysisWorkers ?? defaultAnalysisWorkers();
  const buildMusubi = async (): Promise<{ index: Bm25fIndex; seconds: number }> => {
    const started = performance.now();
    const index = createBm25fIndex({ fields: FIELD_SPECS });
    const analyzer = await createParallelAnalyzer({
      tokenizer: useMecab ? 'mecab' : 'kuromoji',
      dictionary: STARTER_DOMAIN_DICTIONARY,
      workers: analysisWorkers,
    });
    let done = 0;
    try {
      await analyzeTermIdsInOrder(
        analyzer,
        corpus,
        (d) => ({ title: d.title, abstract: d.abstract, keywords: d.keywords.join('、') }),
        (d, fields, vocabulary) => {
          index.upsertTermIds(d.id, fields, vocabulary);
          done += 1;
          if (done % 100_000 === 0)
            log(
              `  musubi ${done.toLocaleString('en')} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
            );
        },
      );
    } finally {
      await analyzer.close();
    }
    index.flush();
    return { index, seconds: (performance.now() - started) / 1000 };
  };
  log('musubi: building');
  const built = await buildMusubi();
  const index = built.index;
  const musubiPeak = rssPeakMiB();
  log(`musubi: ${built.seconds.toFixed(1)} s, peak RSS ${musubiPeak.toFixed(0)} MiB`);

  // The link table the service builds with its index (EDICT gloss links + SudachiDict
  // synonyms, decision 016), built here as the service does, right after the index: its peak is
  // the index's with the dictionaries read, before the restart check below holds a second index.
  const linkTable = existsSync(EDICT_PATH)
    ? (() => {
        const t0 = performance.now();
        const edict = readEdict();
        const t1 = performance.now();
        const synonyms = synonymLinks(readSudachiSynonyms());
        const t2 = performance.now();
        const table = buildGlossLinkTable(edict, index.vocabulary(), {
          synonyms,
          preferred: dictionary.canonical,
        });
        const t3 = performance.now();
        const tableBytes = encodeGlossLinkTable(table);
        const t4 = performance.now();
        const size = glossLinkTableSize(table);
        return {
          table,
          peakMiB: rssPeakMiB(),
          seconds: (t4 - t2) / 1000,
          note: `link table built in ${((t3 - t2) / 1000).toFixed(1)} s and encoded in ${((t4 - t3) / 1000).toFixed(1)} s after reading EDICT (${((t1 - t0) / 1000).toFixed(1)} s) and SudachiDict synonyms (${((t2 - t1) / 1000).toFixed(1)} s), ${(tableBytes.length / 1024).toFixed(0)} KiB, ${size.linkedWords.toLocaleString('en')} words with links, ${size.links.toLocaleString('en')} links; build = index + table; peak = the index with EDICT and the synonyms read`,
        };
      })()
    : undefined;

  const lexical: Search = (text) =>
    index.search(buildQuery(queryAnalyzer, text), 20).map((h) => h.id);
  const expanded: Search = (text) =>
    searchWithExpansion(index, queryAnalyzer, text, { k: 20, dictionary }).hits.map((h) => h.id);

  // Restart path: snapshot (serialise + encode + file) and restore, vs the rebuild above.
  let started = performance.now();
  const snapshotPath = join(tmp, 'musubi-index.bin');
  const bytes = encodeSerializedIndex(index.serialize());
  writeFileSync(snapshotPath, bytes);
  const saveSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const restored = restoreBm25fIndex(decodeSerializedIndex(readFileSync(snapshotPath)));
  const restoreSeconds = (performance.now() - started) / 1000;
  const identicalResults = set.needs.every((need) => {
    const q = buildQuery(queryAnalyzer, need.text);
    return JSON.stringify(index.search(q, 20)) === JSON.stringify(restored.search(q, 20));
  });
  log(
    `musubi restart: restore ${restoreSeconds.toFixed(2)} s (${(bytes.length / 2 ** 20).toFixed(0)} MiB snapshot)`,
  );
  rmSync(snapshotPath, { force: true });

  const engines: EngineResult[] = [];
  const lexicalLatency = await timeQueries(latencyQueries, lexical);
  engines.push({
    name: 'Musubi lexical (BM25F only)',
    quality: await evaluate(set.needs, gapIds, lexical),
    latency: lexicalLatency,
    buildSeconds: built.seconds,
    peakMemoryMiB: musubiPeak,
    restartSeconds: restoreSeconds,
  });
  engines.push({
    name: 'Musubi (BM25F + expansion)',
    quality: await evaluate(set.needs, gapIds, expanded),
    latency: await timeQueries(latencyQueries, expanded),
    buildSeconds: built.seconds,
    peakMemoryMiB: musubiPeak,
    restartSeconds: restoreSeconds,
  });
  if (linkTable !== undefined) {
    const linked: Search = (text) =>
      searchWithExpansion(index, queryAnalyzer, text, {
        k: 20,
        dictionary,
        glosses: linkTable.table,
      }).hits.map((h) => h.id);
    engines.push({
      name: 'Musubi (BM25F + expansion + link table)',
      quality: await evaluate(set.needs, gapIds, linked),
      latency: await timeQueries(latencyQueries, linked),
      buildSeconds: built.seconds + linkTable.seconds,
      peakMemoryMiB: linkTable.peakMiB,
      restartSeconds: restoreSeconds,
      note: linkTable.note,
    });
  } else {
    skipped.push(`Musubi with the link table skipped: no ${EDICT_PATH} (apt-get install edict)`);
  }
  log(`musubi: ${JSON.stringify(engines.map((e) => [e.name, e.quality.all, e.latency.p95Ms]))}`);

  // Live index: a new seed and an edit, each visible to the very next query.
  const liveText = {
    title: '酵母由来エルゴチオネインの高効率生産',
    abstract: '清酒酵母の代謝経路を改変し、抗酸化物質エルゴチオネインの生産量を高めた。',
    keywords: 'エルゴチオネイン、清酒酵母',
  };
  started = performance.now();
  index.upsert('live-1', {
    title: queryAnalyzer.terms(liveText.title),
    abstract: queryAnalyzer.terms(liveText.abstract),
    keywords: queryAnalyzer.terms(liveText.keywords),
  });
  const insertHit = expanded('エルゴチオネインを作りたい');
  const insertVisibleMs = performance.now() - started;
  if (!(await insertHit).includes('live-1')) throw new Error('live insert not visible');
  const target = set.seeds[0];
  started = performance.now();
  if (target !== undefined)
    index.upsert(target.id, {
      title: queryAnalyzer.terms(`${target.title}（ゼータ電位の制御）`),
      abstract: queryAnalyzer.terms(target.abstract),
      keywords: queryAnalyzer.terms(target.keywords.join('、')),
    });
  const editHit = await expanded('ゼータ電位の制御');
  const editVisibleMs = performance.now() - started;
  if (target !== undefined && !editHit.includes(target.id))
    throw new Error('live edit not visible');

  // ---- Groonga, with bigrams and with MeCab words ----
  for (const tokenizer of ['TokenBigram', 'TokenMecab'] as const) {
    const groongaSkip = ensureGroonga(log, tokenizer);
    if (groongaSkip !== null) {
      log(groongaSkip);
      skipped.push(groongaSkip);
      continue;
    }
    log(`groonga ${tokenizer}: building`);
    const dir = join(tmp, `groonga-${tokenizer}`);
    const g = await buildGroonga(dir, corpus, tokenizer);
    log(`groonga ${tokenizer}: ${g.buildSeconds.toFixed(1)} s`);
    const search: Search = async (text) => (await g.peer.search(text, 20)).map((h) => h.id);
    const quality = await evaluate(set.needs, gapIds, search);
    const latency = await timeQueries(latencyQueries, search);
    const peak = peakMemoryMiB(g.pid);
    await g.peer.close();
    const reopened = await openGroonga(dir, tokenizer);
    await reopened.peer.close();
    engines.push({
      name: g.peer.name,
      quality,
      latency,
      buildSeconds: g.buildSeconds,
      peakMemoryMiB: Math.max(peak, g.peakMiB),
      restartSeconds: reopened.seconds,
    });
    rmSync(dir, { recursive: true, force: true });
  }

  // ---- SQLite FTS5 trigram ----
  log('fts5: building');
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const ftsPath = join(tmp, 'fts5.db');
  const f = buildFts5(ftsPath, corpus);
  log(`fts5: ${f.buildSeconds.toFixed(1)} s`);
  const ftsSearch: Search = async (text) => (await f.peer.search(text, 20)).map((h) => h.id);
  engines.push({
    name: f.peer.name,
    quality: await evaluate(set.needs, gapIds, ftsSearch),
    latency: await timeQueries(latencyQueries, ftsSearch),
    buildSeconds: f.buildSeconds,
    peakMemoryMiB: Math.max(0, process.memoryUsage().rss / 2 ** 20 - rssBefore),
    note: `database ${(f.bytes / 2 ** 20).toFixed(0)} MiB; memory = RSS growth of the bench process`,
  });
  await f.peer.close();
  const reopenedFts = openFts5(ftsPath);
  await reopenedFts.peer.search('銅を回収したい', 20);
  await reopenedFts.peer.close();
  const ftsEngine = engines[engines.length - 1];
  if (ftsEngine !== undefined)
    engines[engines.length - 1] = { ...ftsEngine, restartSeconds: reopenedFts.seconds };
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${ftsPath}${suffix}`, { force: true });

  // ---- Ratios and targets ----
  // The targets read Musubi as the service runs it: with the link table when EDICT is there.
  const musubi =
    engines.find((e) => e.name === 'Musubi (BM25F + expansion + link table)') ?? engines[1];
  const musubiLexical = engines[0];
  const groonga = engines.find((e) => e.name.startsWith('Groonga (TokenBigram)'));
  const fts5 = engines.find((e) => e.name.startsWith('SQLite'));
  const groongaMecab = engines.find((e) => e.name.startsWith('Groonga (TokenMecab)'));
  const peers = [groonga, groongaMecab, fts5].filter((e): e is EngineResult => e !== undefined);
  const bestPeerRecall = Math.max(...peers.map((p) => p.quality.all.recallAt20));
  const ratios: Record<string, number> = {};
  if (musubi !== undefined && musubiLexical !== undefined) {
    ratios.recallVsBestPeer = musubi.quality.all.recallAt20 / bestPeerRecall;
    ratios.gapRecallVsBestPeer =
      musubi.quality.gap.recallAt20 / Math.max(...peers.map((p) => p.quality.gap.recallAt20));
    ratios.expansionGainGapRecall =
      musubi.quality.gap.recallAt20 / Math.max(1e-9, musubiLexical.quality.gap.recallAt20);
    ratios.expansionGainGapNdcg =
      musubi.quality.gap.ndcgAt10 / Math.max(1e-9, musubiLexical.quality.gap.ndcgAt10);
    if (groonga !== undefined) {
      ratios.p95VsGroonga = musubi.latency.p95Ms / groonga.latency.p95Ms;
      ratios.lexicalP95VsGroonga = musubiLexical.latency.p95Ms / groonga.latency.p95Ms;
      ratios.buildVsGroonga = musubi.buildSeconds / groonga.buildSeconds;
    }
    if (fts5 !== undefined) ratios.p95VsFts5 = musubi.latency.p95Ms / fts5.latency.p95Ms;
  }
  const targets =
    musubi === undefined
      ? []
      : [
          {
            name: 'recall@20 ≥ best peer',
            value: `${musubi.quality.all.recallAt20.toFixed(3)} vs ${bestPeerRecall.toFixed(3)}`,
            target: '≥ 1.00×',
            met: musubi.quality.all.recallAt20 >= bestPeerRecall,
          },
          ...(groonga === undefined
            ? []
            : [
                {
                  name: 'query p95 ≤ 1.5× Groonga',
                  value: `${musubi.latency.p95Ms.toFixed(1)} ms vs ${groonga.latency.p95Ms.toFixed(1)} ms`,
                  target: '≤ 1.5×',
                  met: musubi.latency.p95Ms <= 1.5 * groonga.latency.p95Ms,
                },
              ]),
          {
            name: 'query p95 < 30 ms (top-20)',
            value: `${musubi.latency.p95Ms.toFixed(1)} ms`,
            target: '< 30 ms',
            met: musubi.latency.p95Ms < 30,
          },
          {
            name: 'index build < 3 min',
            value: `${musubi.buildSeconds.toFixed(0)} s`,
            target: '< 180 s',
            met: musubi.buildSeconds < 180,
          },
          {
            name: 'memory < 4 GB',
            value: `${(musubi.peakMemoryMiB / 1024).toFixed(2)} GiB peak RSS`,
            target: '< 4 GiB',
            met: musubi.peakMemoryMiB < 4096,
          },
          {
            name: 'live edit visible < 1 s',
            value: `${editVisibleMs.toFixed(0)} ms`,
            target: '< 1000 ms',
            met: editVisibleMs < 1000,
          },
        ];

  const report: MatchingBenchReport = {
    generatedAt: new Date().toISOString(),
    size,
    machine: {
      cpus: cpus()[0]?.model.trim() ?? 'unknown',
      cpuCount: cpus().length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
    },
    corpus: {
      documents: total,
      judgedSeeds: set.seeds.length,
      needs: set.needs.length,
      gapNeeds: gapIds.size,
    },
    tokenizer: tokenizerName,
    analysisWorkers,
    engines,
    ratios,
    targets,
    live: { insertVisibleMs, editVisibleMs },
    restart: {
      snapshotBytes: bytes.length,
      saveSeconds,
      restoreSeconds,
      rebuildSeconds: built.seconds,
      identicalResults,
    },
    skipped,
  };
  writeReport(root, report);
  return report;
}

const f3 = (x: number): string => x.toFixed(3);

export function renderMarkdown(r: MatchingBenchReport): string {
  const ratio = (name: string): string =>
    r.ratios[name] === undefined ? 'n/a' : `**${(r.ratios[name] ?? 0).toFixed(2)}×**`;
  const lines = [
    `# Matching vs peers — ${r.size} (${r.corpus.documents.toLocaleString('en')} seeds)`,
    '',
    `Generated ${r.generatedAt} on ${r.machine.cpuCount} × ${r.machine.cpus}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}. ` +
      `Regenerate: \`npm run bench -- --only matching --size ${r.size}\`.`,
    '',
    '## Ratios',
    '',
    `- recall@20, Musubi / best peer: ${ratio('recallVsBestPeer')} (gap subset ${ratio('gapRecallVsBestPeer')})`,
    `- query p95 top-20, Musubi / Groonga: ${ratio('p95VsGroonga')} (lexical only ${ratio('lexicalP95VsGroonga')}); Musubi / FTS5: ${ratio('p95VsFts5')}`,
    `- index build, Musubi / Groonga: ${ratio('buildVsGroonga')}`,
    `- expansion gain on the gap subset, with / without: recall@20 ${ratio('expansionGainGapRecall')}, nDCG@10 ${ratio('expansionGainGapNdcg')}`,
    '',
    '## Targets',
    '',
    '| target | measured | goal | met |',
    '|---|---|---|---|',
    ...r.targets.map(
      (t) => `| ${t.name} | ${t.value} | ${t.target} | ${t.met ? 'yes' : '**no**'} |`,
    ),
    '',
    `## Quality (${r.corpus.needs} needs; gap subset ${r.corpus.gapNeeds})`,
    '',
    '| engine | nDCG@10 | recall@20 | MRR | gap nDCG@10 | gap recall@20 | gap MRR |',
    '|---|---|---|---|---|---|---|',
    ...r.engines.map(
      (e) =>
        `| ${e.name} | ${f3(e.quality.all.ndcgAt10)} | ${f3(e.quality.all.recallAt20)} | ${f3(e.quality.all.mrr)} | ${f3(e.quality.gap.ndcgAt10)} | ${f3(e.quality.gap.recallAt20)} | ${f3(e.quality.gap.mrr)} |`,
    ),
    '',
    '## Speed and memory',
    '',
    '| engine | query p50 ms | p95 ms | mean ms | build s | peak memory MiB | restart s |',
    '|---|---|---|---|---|---|---|',
    ...r.engines.map(
      (e) =>
        `| ${e.name} | ${e.latency.p50Ms.toFixed(2)} | ${e.latency.p95Ms.toFixed(2)} | ${e.latency.meanMs.toFixed(2)} | ${e.buildSeconds.toFixed(1)} | ${e.peakMemoryMiB.toFixed(0)} | ${e.restartSeconds?.toFixed(2) ?? ''} |`,
    ),
    '',
    ...r.engines.filter((e) => e.note).map((e) => `- ${e.name}: ${e.note ?? ''}`),
    '',
    '## Live index and restart',
    '',
    `- New seed visible to the next query: ${r.live.insertVisibleMs.toFixed(1)} ms; edited seed: ${r.live.editVisibleMs.toFixed(1)} ms (upsert + analysed, expanded top-20 query).`,
    `- Restart: snapshot ${(r.restart.snapshotBytes / 2 ** 20).toFixed(0)} MiB saved in ${r.restart.saveSeconds.toFixed(1)} s, restored in ${r.restart.restoreSeconds.toFixed(1)} s vs ${r.restart.rebuildSeconds.toFixed(0)} s to rebuild (analysis included); identical results: ${r.restart.identicalResults}.`,
    '',
    '## Method',
    '',
    `- Corpus: the evaluation set's 200 judged seeds and 2,800 fixed distractors (packages/matching/eval), then generated distractors (bench/matching/distractors.ts, seeded). Musubi tokenises with ${r.tokenizer} at build time (analysis in ${r.analysisWorkers} worker threads, each with its own ${r.tokenizer}; merged in corpus order) and kuromoji for queries (both IPADIC).`,
    '- Peers get the need text as an OR of its runs of kanji, katakana and Latin characters (hiragana and punctuation removed); FTS5 trigram only the runs of 3+ characters (shorter ones cannot match a trigram index). Field weights title 3, keywords 2, abstract 1 everywhere.',
    '- Latency: every need of the evaluation set and the demo field and community needs, two rounds after a warm-up, top-20, analysis included; Groonga over a pipe to one `groonga` process. Musubi keeps no result cache; co-occurrence neighbours of a term are cached per index revision (any edit clears them), so they are warm for words earlier needs used.',
    "- Musubi peak memory is the bench process's peak RSS after the Musubi build (before the peers run); Groonga's is its process VmHWM.",
    ...(r.skipped.length > 0 ? ['', ...r.skipped.map((s) => `- Skipped: ${s}`)] : []),
    '',
  ];
  return lines.join('\n');
}

function writeReport(root: string, report: MatchingBenchReport): void {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const md = renderMarkdown(report);
  writeFileSync(join(dir, `matching-${report.size}.json`), json);
  writeFileSync(join(dir, `matching-${report.size}.md`), md);
  // matching.json/.md: the largest size run so far.
  const order = ['tiny', 'small', 'full'];
  const current = existsSync(join(dir, 'matching.json'))
    ? (JSON.parse(readFileSync(join(dir, 'matching.json'), 'utf8')) as { size?: string })
    : undefined;
  if (order.indexOf(current?.size ?? '') <= order.indexOf(report.size)) {
    writeFileSync(join(dir, 'matching.json'), json);
    writeFileSync(join(dir, 'matching.md'), md);
  }
}

/**
 * Matching on the demo's own needs (issue 13): the demo ecosystem at scale 1 (5,000 seeds,
 * 2,000 needs written in the trade's words), the seeds indexed as the service indexes them,
 * each need ranked as the service ranks it (its title, description and keywords; dictionary,
 * co-occurrence and feedback expansion; with the link table of EDICT gloss links and
 * SudachiDict synonyms, and without links). Counts the needs whose first result is of high,
 * medium or low confidence, and those answered "no good match", with a few examples.
 *
 *   node bin/run-ts.mjs bench/matching/demo-needs-confidence.ts
 *
 * Writes bench/results/matching-demo-needs.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAnalyzer, type Analyzer } from '#matching/analyze.ts';
import { createBm25fIndex, type Bm25fIndex } from '#matching/bm25f.ts';
import { compileDictionary, type CompiledDictionary } from '#matching/dictionary.ts';
import { searchWithExpansion, type QueryTerm } from '#matching/expansion.ts';
import { buildGlossLinkTable } from '#matching/gloss-link-table.ts';
import type { GlossLinker } from '#matching/gloss-links.ts';
import {
  assessHit,
  DEFAULT_CONFIDENCE_THRESHOLDS,
  isNoGoodMatch,
  textScale,
  type Confidence,
  type HitEvidence,
} from '#matching/match-confidence.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { synonymLinks } from '#matching/synonym-groups.ts';
import { EDICT_PATH, readEdict } from '#matching-node/edict-file.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { readSudachiSynonyms } from '#matching-node/sudachi-synonyms-file.ts';
import { ZNeed } from '#core/entities/need.ts';
import { ZSeed } from '#core/entities/seed.ts';
import { generateDemoEcosystem } from '#demo/generate-demo-ecosystem.ts';

const SEED_FIELDS = [
  { name: 'title', weight: 2 },
  { name: 'keywords', weight: 2 },
  { name: 'abstract', weight: 1 },
];

type Level = Confidence | 'no good match' | 'no result';

interface Answer {
  readonly need: string;
  readonly level: Level;
  readonly seed: string;
  readonly expansionOnly: boolean;
  /** The first seed's id and confidence; the final query and its text scale. */
  readonly seedId?: string;
  readonly confidence?: Confidence;
  readonly query?: readonly QueryTerm[];
  readonly scale?: number;
}

const ORDER = { high: 0, medium: 1, low: 2 } as const;

/** `--core-words N`: the size of the need's core confidence judges (a large N: every word, as before). */
const at = process.argv.indexOf('--core-words');
const THRESHOLDS = {
  ...DEFAULT_CONFIDENCE_THRESHOLDS,
  ...(at > 0 ? { coreWords: Number(process.argv[at + 1]) } : {}),
};

function answer(
  index: Bm25fIndex,
  analyzer: Analyzer,
  dictionary: CompiledDictionary,
  titles: ReadonlyMap<string, string>,
  need: { title: string; text: string },
  glosses: GlossLinker | undefined,
): Answer {
  const { query, hits } = searchWithExpansion(index, analyzer, need.text, {
    k: 10,
    dictionary,
    ...(glosses !== undefined ? { glosses } : {}),
    cooccurrence: false,
    feedback: { documents: 8 },
  });
  const first = hits[0];
  if (first === undefined)
    return { need: need.title, level: 'no result', seed: '', expansionOnly: false };
  const scale = textScale(index, query, THRESHOLDS.coreWords);
  const evidence: HitEvidence[] = hits.map((hit) =>
    assessHit(index, query, hit, scale, THRESHOLDS),
  );
  const strongest = [...evidence].sort(
    (a, b) => ORDER[a.confidence] - ORDER[b.confidence] || b.specificity - a.specificity,
  )[0];
  const top = evidence[0];
  return {
    need: need.title,
    level: isNoGoodMatch(strongest) ? 'no good match' : (top?.confidence ?? 'low'),
    seed: titles.get(first.id) ?? first.id,
    expansionOnly: top?.expansionOnly ?? false,
    seedId: first.id,
    ...(top !== undefined ? { confidence: top.confidence } : {}),
    query,
    scale,
  };
}

/** A seed's confidence for a query it may not rank first (its text score summed term by term). */
function confidenceFor(index: Bm25fIndex, query: readonly QueryTerm[], scale: number, id: string) {
  const score = query.reduce(
    (sum, t) => sum + t.weight * (index.scoreTerm(id, t.term)?.score ?? 0),
    0,
  );
  return assessHit(index, query, { id, score }, scale, THRESHOLDS).confidence;
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..', '..');
  const ecosystem = generateDemoEcosystem({ scale: 1 });
  const seeds = (ecosystem.seeds ?? []).map((r) => ZSeed.parse(r));
  const needs = (ecosystem.needs ?? []).map((r) => ZNeed.parse(r));
  const dictionary = compileDictionary(STARTER_DOMAIN_DICTIONARY);
  const analyzer = createAnalyzer({ tokenizer: await createKuromojiTokenizer(), dictionary });
  const index = createBm25fIndex({ fields: SEED_FIELDS });
  for (const seed of seeds) {
    index.upsert(seed.id, {
      title: analyzer.terms(seed.title),
      keywords: analyzer.terms(seed.keywords.join('、')),
      abstract: analyzer.terms(seed.abstract ?? ''),
    });
  }
  index.flush();
  const titles = new Map(seeds.map((s) => [s.id, s.title]));
  const table = existsSync(EDICT_PATH)
    ? buildGlossLinkTable(readEdict(), index.vocabulary(), {
        synonyms: synonymLinks(readSudachiSynonyms()),
        preferred: dictionary.canonical,
      })
    : undefined;
  type Parts = 'all' | 'title and description' | 'title';
  const texts = (parts: Parts) =>
    needs.map((n) => ({
      title: n.title,
      text: [
        n.title,
        parts !== 'title' ? (n.description ?? '') : '',
        parts === 'all' ? n.keywords.join('、') : '',
      ].join('\n'),
    }));
  const levels: Level[] = ['high', 'medium', 'low', 'no good match', 'no result'];
  const runs: [string, GlossLinker | undefined, Parts][] = [
    ['with the link table (the service)', table, 'all'],
    ['without links', undefined, 'all'],
    [
      'with the link table, title and description only (keywords left out)',
      table,
      'title and description',
    ],
    ['with the link table, title only', table, 'title'],
  ];
  // `--agreement`: only the title-only and title-and-description runs (a quicker comparison).
  const quick = process.argv.includes('--agreement');
  const counted = runs
    .filter(([, , parts]) => !quick || parts !== 'all')
    .map(([name, glosses, parts]) => {
      const answers = texts(parts).map((t) =>
        answer(index, analyzer, dictionary, titles, t, glosses),
      );
      return { name, answers };
    });
  const rows = counted.map(({ name, answers }) => {
    const cells = levels.map((level) => {
      const n = answers.filter((a) => a.level === level).length;
      return `${n} (${((100 * n) / answers.length).toFixed(0)} %)`;
    });
    const carried = answers.filter((a) => a.expansionOnly && a.level !== 'no good match').length;
    return `| ${name} | ${cells.join(' | ')} | ${carried} |`;
  });
  // The same need as a title alone and with its description: does the level say the same?
  const answersOf = (name: string) => counted.find((c) => c.name.endsWith(name))?.answers ?? [];
  const described = answersOf('(keywords left out)');
  const titled = answersOf('title only');
  const same = described.filter((a, i) => titled[i]?.level === a.level).length;
  // The seed the title alone ranks first, judged for the title and for title and description.
  let judged = 0;
  let sameSeed = 0;
  titled.forEach((a, i) => {
    const long = described[i];
    if (a.seedId === undefined || a.confidence === undefined) return;
    if (long?.query === undefined || long.scale === undefined) return;
    judged += 1;
    if (confidenceFor(index, long.query, long.scale, a.seedId) === a.confidence) sameSeed += 1;
  });
  const agreement = `Title alone against title and description (no keywords): the first result's level is the same for ${same.toLocaleString('en')} of ${described.length.toLocaleString('en')} needs (${((100 * same) / Math.max(1, described.length)).toFixed(0)} %); the seed the title alone ranks first gets the same level for both texts in ${sameSeed.toLocaleString('en')} of ${judged.toLocaleString('en')} needs (${((100 * sameSeed) / Math.max(1, judged)).toFixed(0)} %).`;
  const withTable = counted[0]?.answers ?? [];
  const examples = (['high', 'medium', 'low', 'no good match'] as const).flatMap((level) =>
    withTable
      .filter((a) => a.level === level)
      .filter((a, i, all) => all.findIndex((b) => b.need === a.need) === i)
      .slice(0, 3)
      .map(
        (a) =>
          `| ${level} | ${a.need} | ${level === 'no good match' ? `(withheld: ${a.seed})` : a.seed}${a.expansionOnly ? ' (expansion only)' : ''} |`,
      ),
  );
  const md = `# Matching on the demo's own needs (${new Date().toISOString()}, confidence on the need's ${THRESHOLDS.coreWords} weightiest words)

The demo ecosystem at scale 1: ${seeds.length.toLocaleString('en')} seeds, ${needs.length.toLocaleString('en')} needs (${new Set(needs.map((n) => n.title)).size.toLocaleString('en')} distinct titles). Each need (title, description, keywords) ranked as the service ranks it; the level is the first result's confidence, "no good match" when the strongest of the top 10 is low and generic (decision 014). \`node bin/run-ts.mjs bench/matching/demo-needs-confidence.ts\`.

| ranking | high | medium | low | no good match | no result | first result by expansion only |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${agreement}

Examples (with the link table, the service's query; the first three distinct needs of each level in generation order):

| level | need | first seed |
|---|---|---|
${examples.join('\n')}
`;
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  // The hand-written reading of the runs (from its "Reading" line on) is kept under new figures.
  const file = join(out, 'matching-demo-needs.md');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const reading = before.indexOf('\nReading (');
  writeFileSync(file, reading >= 0 ? `${md.trimEnd()}\n${before.slice(reading)}` : md);
  console.log(md);
}

await main();

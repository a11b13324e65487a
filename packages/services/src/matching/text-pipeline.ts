/**
 * Chooses the tokenizer for matching: MeCab (a long-lived child process, ~10× faster for bulk
 * indexing) when installed, kuromoji.js otherwise; both use IPADIC so indexes agree. Bulk
 * indexing (a rebuild, a large catch-up) analyses in worker threads (`bulk`), each with its own
 * tokenizer, started on first use; live edits and small catch-ups stay in this thread.
 */
import { createHash } from 'node:crypto';
import { createBatchAnalyzer, type BatchAnalyzer } from '#matching/batch-analyzer.ts';
import { compileDictionary, type DomainDictionaryEntry } from '#matching/dictionary.ts';
import type { CompiledDictionary } from '#matching/dictionary.ts';
import { STARTER_DOMAIN_DICTIONARY } from '#matching/starter-dictionary.ts';
import { fromSyncTokenizer, type BatchTokenizer } from '#matching/tokenizer.ts';
import { dictionaryFromEnvironment } from '#matching-node/dictionary-file.ts';
import { createKuromojiTokenizer } from '#matching-node/kuromoji-tokenizer.ts';
import { createMecabTokenizer, isMecabAvailable } from '#matching-node/mecab-tokenizer.ts';
import {
  createParallelAnalyzer,
  defaultAnalysisWorkers,
  type ParallelAnalyzer,
} from '#matching-node/parallel-analyzer.ts';

export type TokenizerChoice = 'auto' | 'mecab' | 'kuromoji';

/** Rows to analyse at once from which the worker threads are worth starting them. */
export const DEFAULT_BULK_THRESHOLD = 5_000;

export interface TextPipeline {
  readonly batch: BatchTokenizer;
  readonly analyzer: BatchAnalyzer;
  readonly dictionary: CompiledDictionary;
  /**
   * Stands for the dictionary's entries (starter and the administrator's): an index analysed
   * with other entries holds other terms, so its stored snapshot is not reused.
   */
  readonly dictionaryFingerprint: string;
  /** Fewer rows than this are analysed in this thread. */
  readonly bulkThreshold: number;
  /**
   * The worker-thread analyser (same terms as `analyzer`), started on first use; undefined
   * when workers cannot start here (then callers use `analyzer`).
   */
  bulk(): Promise<ParallelAnalyzer | undefined>;
  close(): Promise<void>;
}

export async function createTextPipeline(
  options: {
    tokenizer?: TokenizerChoice;
    /** The region's own entries (default: the file `MUSUBI_DICTIONARY` names, if any). */
    dictionary?: readonly DomainDictionaryEntry[];
    /** Analysis worker threads for bulk indexing (default one per core, capped; 0: none). */
    workers?: number;
    bulkThreshold?: number;
  } = {},
): Promise<TextPipeline> {
  const choice = options.tokenizer ?? 'auto';
  const useMecab = choice === 'mecab' || (choice === 'auto' && isMecabAvailable());
  // Queries go through this one: readings for the katakana forms (杉 → スギ); bulk indexing
  // has its own processes without them.
  const batch = useMecab
    ? createMecabTokenizer({ readings: true })
    : fromSyncTokenizer(await createKuromojiTokenizer(), 'kuromoji');
  const entries = [
    ...STARTER_DOMAIN_DICTIONARY,
    ...(options.dictionary ?? dictionaryFromEnvironment()),
  ];
  const dictionary = compileDictionary(entries);
  const dictionaryFingerprint = createHash('sha256')
    .update(JSON.stringify(entries))
    .digest('hex')
    .slice(0, 16);
  const workers = options.workers ?? defaultAnalysisWorkers();
  let bulk: Promise<ParallelAnalyzer | undefined> | undefined;
  return {
    batch,
    dictionary,
    dictionaryFingerprint,
    analyzer: createBatchAnalyzer({ batch, dictionary }),
    bulkThreshold: options.bulkThreshold ?? DEFAULT_BULK_THRESHOLD,
    bulk() {
      if (workers <= 0) return Promise.resolve(undefined);
      bulk ??= createParallelAnalyzer({
        tokenizer: useMecab ? 'mecab' : 'kuromoji',
        dictionary: entries,
        workers,
      }).catch(() => undefined);
      return bulk;
    },
    async close() {
      await Promise.all([batch.close(), bulk?.then((b) => b?.close())]);
    },
  };
}

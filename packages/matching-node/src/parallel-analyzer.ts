/**
 * Bulk analysis in worker threads (`analysis-worker.ts`), each with its own tokenizer (a MeCab
 * child process, or kuromoji). `termsMany` gives every text's index terms exactly as
 * `Analyzer.terms` of a batch analyser over the same tokenizer and dictionary would, so an index
 * built from them in the same order is the same index. Calls may overlap (that is how the
 * workers are kept busy); each resolves with its own texts. The live single-document path keeps
 * using the in-process analyser.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { DomainDictionaryEntry } from '#matching/dictionary.ts';
import { workerEntry } from '#core/worker-entry.ts';

export const ZAnalysisWorkerConfig = z.object({
  tokenizer: z.enum(['mecab', 'kuromoji']),
  dictionary: z.array(
    z.object({
      term: z.string(),
      synonyms: z.array(z.string()).optional(),
      related: z.array(z.string()).optional(),
      category: z.string().optional(),
    }),
  ),
  mecab: z.object({ command: z.string().optional(), dictionaryDir: z.string().optional() }),
  unknownBigramMinLength: z.number().int().optional(),
  compoundBigramMinLength: z.number().int().optional(),
  /** The worker module itself (read by the TypeScript boot file). */
  entry: z.string(),
});

export type AnalysisWorkerConfig = z.infer<typeof ZAnalysisWorkerConfig>;

export interface AnalysisRequest {
  readonly id: number;
  readonly texts: readonly string[];
}

export type AnalysisReply =
  | {
      readonly id: number;
      /** Terms this worker saw first in this batch; their ids continue its vocabulary. */
      readonly newTerms: readonly string[];
      /** End (exclusive) of each text's ids in `ids`. */
      readonly ends: Int32Array;
      readonly ids: Int32Array;
      readonly error?: undefined;
    }
  | { readonly id: number; readonly error: string };

export interface ParallelAnalyzerOptions {
  readonly tokenizer: 'mecab' | 'kuromoji';
  /** The uncompiled entries (the workers compile them). */
  readonly dictionary: readonly DomainDictionaryEntry[];
  readonly mecab?: { readonly command?: string; readonly dictionaryDir?: string };
  /** Number of worker threads (default `defaultAnalysisWorkers()`). */
  readonly workers?: number;
  readonly unknownBigramMinLength?: number;
  readonly compoundBigramMinLength?: number;
}

/** A batch's index terms as positions in the vocabulary of the worker that analysed it. */
export interface AnalysedBatch {
  /** That worker's vocabulary: it only grows, so positions stay valid. */
  readonly vocabulary: readonly string[];
  /** End (exclusive) of each text's positions in `ids`. */
  readonly ends: Int32Array;
  readonly ids: Int32Array;
}

export interface ParallelAnalyzer {
  readonly workers: number;
  readonly tokenizerName: string;
  /** Index terms of each text (`Analyzer.terms`), in order. */
  termsMany(texts: readonly string[]): Promise<string[][]>;
  /** The same terms as positions in a worker's vocabulary (no string per occurrence). */
  termIdsMany(texts: readonly string[]): Promise<AnalysedBatch>;
  close(): Promise<void>;
}

/** At most this many analysis workers: beyond it the main thread's merge is the bottleneck. */
export const MAX_ANALYSIS_WORKERS = 4;

/** One worker per available core, capped at `MAX_ANALYSIS_WORKERS`. */
export function defaultAnalysisWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_ANALYSIS_WORKERS));
}

interface Slot {
  readonly worker: Worker;
  /** Worker-local term id → term. */
  readonly vocabulary: string[];
  readonly pending: Map<number, { resolve(batch: AnalysedBatch): void; reject(e: Error): void }>;
}

function decode({ vocabulary, ends, ids }: AnalysedBatch): string[][] {
  const out: string[][] = new Array<string[]>(ends.length);
  let from = 0;
  for (let i = 0; i < ends.length; i += 1) {
    const to = ends[i] ?? from;
    const terms = new Array<string>(to - from);
    for (let j = from; j < to; j += 1) terms[j - from] = vocabulary[ids[j] ?? 0] ?? '';
    out[i] = terms;
    from = to;
  }
  return out;
}

/** Starts the workers (each loads its tokenizer) and resolves once all are ready. */
export async function createParallelAnalyzer(
  options: ParallelAnalyzerOptions,
): Promise<ParallelAnalyzer> {
  const count = Math.max(1, Math.floor(options.workers ?? defaultAnalysisWorkers()));
  const { file, entry } = workerEntry('analysis-worker', import.meta.url);
  const config: AnalysisWorkerConfig = {
    tokenizer: options.tokenizer,
    dictionary: options.dictionary.map((e) => ({
      term: e.term,
      ...(e.synonyms === undefined ? {} : { synonyms: [...e.synonyms] }),
      ...(e.related === undefined ? {} : { related: [...e.related] }),
      ...(e.category === undefined ? {} : { category: e.category }),
    })),
    mecab: { ...options.mecab },
    unknownBigramMinLength: options.unknownBigramMinLength,
    compoundBigramMinLength: options.compoundBigramMinLength,
    entry,
  };
  const slots: Slot[] = [];
  let nextId = 0;
  let closed = false;

  const start = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(file, { workerData: config });
      const slot: Slot = { worker, vocabulary: [], pending: new Map() };
      let ready = false;
      const failAll = (error: Error): void => {
        for (const p of slot.pending.values()) p.reject(error);
        slot.pending.clear();
        if (!ready) reject(error);
      };
      worker.on('message', (message: AnalysisReply | 'ready') => {
        if (message === 'ready') {
          ready = true;
          resolve(slot);
          return;
        }
        const waiting = slot.pending.get(message.id);
        slot.pending.delete(message.id);
        if (message.error !== undefined) {
          waiting?.reject(new Error(`analysis worker: ${message.error}`));
          return;
        }
        // Replies arrive in the order the worker analysed them: its vocabulary grows in order.
        for (const term of message.newTerms) slot.vocabulary.push(term);
        waiting?.resolve({ vocabulary: slot.vocabulary, ends: message.ends, ids: message.ids });
      });
      worker.on('error', failAll);
      worker.on('exit', (code) => {
        if (!closed || slot.pending.size > 0)
          failAll(new Error(`analysis worker exited (${String(code)})`));
      });
    });

  try {
    for (let i = 0; i < count; i += 1) slots.push(await start());
  } catch (error) {
    closed = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw error;
  }

  const termIdsMany = (texts: readonly string[]): Promise<AnalysedBatch> => {
    if (closed) return Promise.reject(new Error('parallel analyzer closed'));
    if (texts.length === 0) {
      return Promise.resolve({ vocabulary: [], ends: new Int32Array(0), ids: new Int32Array(0) });
    }
    // The least busy worker (ties: the first).
    let slot = slots[0];
    for (const s of slots) if (slot === undefined || s.pending.size < slot.pending.size) slot = s;
    if (slot === undefined) return Promise.reject(new Error('no analysis worker'));
    const target = slot;
    const id = nextId;
    nextId += 1;
    return new Promise<AnalysedBatch>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      const request: AnalysisRequest = { id, texts };
      target.worker.postMessage(request);
    });
  };

  return {
    workers: count,
    tokenizerName: options.tokenizer,
    termIdsMany,
    termsMany: async (texts) => decode(await termIdsMany(texts)),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.worker.once('exit', () => resolve());
              s.worker.postMessage('close');
            }),
        ),
      );
    },
  };
}

export interface AnalyzeInOrderOptions {
  /** Documents per request (default 2,000). */
  readonly batchSize?: number;
  /** Requests in flight (default two per worker: one analysed, one waiting). */
  readonly window?: number;
}

/**
 * Analyses documents through the workers and hands each one's terms per field to `sink`
 * strictly in input order (the order an index built sequentially would see them), while the
 * workers analyse the next batches.
 */
export async function analyzeInOrder<D>(
  analyzer: ParallelAnalyzer,
  documents: Iterable<D>,
  fieldsOf: (document: D) => Readonly<Record<string, string>>,
  sink: (document: D, fields: Record<string, string[]>) => void,
  options: AnalyzeInOrderOptions = {},
): Promise<void> {
  await inOrder(analyzer, documents, fieldsOf, options, (batch, docs, names) => {
    const terms = decode(batch);
    let at = 0;
    docs.forEach((doc, i) => {
      const fields: Record<string, string[]> = {};
      for (const name of names[i] ?? []) {
        fields[name] = terms[at] ?? [];
        at += 1;
      }
      sink(doc, fields);
    });
  });
}

/**
 * `analyzeInOrder` with each field's terms as positions in `vocabulary` (for
 * `Bm25fIndex.upsertTermIds`): no string per term occurrence on this thread.
 */
export async function analyzeTermIdsInOrder<D>(
  analyzer: ParallelAnalyzer,
  documents: Iterable<D>,
  fieldsOf: (document: D) => Readonly<Record<string, string>>,
  sink: (document: D, fields: Record<string, Int32Array>, vocabulary: readonly string[]) => void,
  options: AnalyzeInOrderOptions = {},
): Promise<void> {
  await inOrder(
    analyzer,
    documents,
    fieldsOf,
    options,
    ({ vocabulary, ends, ids }, docs, names) => {
      let text = 0;
      docs.forEach((doc, i) => {
        const fields: Record<string, Int32Array> = {};
        for (const name of names[i] ?? []) {
          const from = text === 0 ? 0 : (ends[text - 1] ?? 0);
          fields[name] = ids.subarray(from, ends[text] ?? from);
          text += 1;
        }
        sink(doc, fields, vocabulary);
      });
    },
  );
}

async function inOrder<D>(
  analyzer: ParallelAnalyzer,
  documents: Iterable<D>,
  fieldsOf: (document: D) => Readonly<Record<string, string>>,
  options: AnalyzeInOrderOptions,
  deliver: (
    batch: AnalysedBatch,
    docs: readonly D[],
    names: readonly (readonly string[])[],
  ) => void,
): Promise<void> {
  const batchSize = Math.max(1, options.batchSize ?? 2_000);
  const window = Math.max(1, options.window ?? analyzer.workers * 2);
  interface Batch {
    readonly docs: D[];
    readonly names: (readonly string[])[];
    readonly analysed: Promise<AnalysedBatch>;
  }
  const inFlight: Batch[] = [];
  const merge = async (): Promise<void> => {
    const head = inFlight.shift();
    if (head === undefined) return;
    deliver(await head.analysed, head.docs, head.names);
  };
  let docs: D[] = [];
  const send = async (): Promise<void> => {
    const names: (readonly string[])[] = [];
    const texts: string[] = [];
    for (const doc of docs) {
      const fields = fieldsOf(doc);
      const keys = Object.keys(fields);
      names.push(keys);
      for (const key of keys) texts.push(fields[key] ?? '');
    }
    inFlight.push({ docs, names, analysed: analyzer.termIdsMany(texts) });
    docs = [];
    if (inFlight.length >= window) await merge();
  };
  try {
    for (const doc of documents) {
      docs.push(doc);
      if (docs.length >= batchSize) await send();
    }
    if (docs.length > 0) await send();
    while (inFlight.length > 0) await merge();
  } finally {
    // A failed batch must not leave the others' rejections unhandled.
    for (const batch of inFlight) batch.analysed.catch(() => undefined);
  }
}

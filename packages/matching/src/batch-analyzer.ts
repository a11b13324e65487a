/**
 * Analysis over a `BatchTokenizer`: the texts of a batch are normalised exactly as the
 * analyser does, tokenised in one round trip, and served to a synchronous analyser from a
 * cache. Texts outside the batch fall back to the given synchronous tokenizer.
 */
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analyze.ts';
import { normalizeWithOffsets, type NormalizedText } from './normalize.ts';
import {
  createScriptRunTokenizer,
  type BatchTokenizer,
  type Token,
  type Tokenizer,
} from './tokenizer.ts';

/** A tokenizer answering from pre-computed tokens, `fallback` for anything else. */
export function createPretokenizedTokenizer(
  tokens: ReadonlyMap<string, Token[]>,
  fallback: Tokenizer,
): Tokenizer {
  return { tokenize: (text) => tokens.get(text) ?? fallback.tokenize(text) };
}

export interface BatchAnalyzerOptions extends Omit<AnalyzerOptions, 'tokenizer'> {
  readonly batch: BatchTokenizer;
  /** Used for texts not in the prepared batch (default: script runs, never fails). */
  readonly fallback?: Tokenizer;
}

export interface BatchAnalyzer {
  readonly tokenizerName: string;
  /** An analyser that knows these texts (any of their fields) without further I/O. */
  prepare(texts: readonly string[]): Promise<Analyzer>;
}

export function createBatchAnalyzer(options: BatchAnalyzerOptions): BatchAnalyzer {
  const fallback = options.fallback ?? createScriptRunTokenizer();
  return {
    tokenizerName: options.batch.name,
    async prepare(texts) {
      // Normalised once, with offsets: the analyser reuses them instead of normalising again.
      const byText = new Map<string, NormalizedText>();
      for (const text of texts)
        if (text !== '' && !byText.has(text)) byText.set(text, normalizeWithOffsets(text));
      const normalized = [...new Set([...byText.values()].map((n) => n.text))];
      const tokens = await options.batch.tokenizeMany(normalized);
      const cache = new Map<string, Token[]>();
      normalized.forEach((text, i) => cache.set(text, tokens[i] ?? []));
      return createAnalyzer({
        ...options,
        tokenizer: createPretokenizedTokenizer(cache, fallback),
        normalized: byText,
      });
    },
  };
}

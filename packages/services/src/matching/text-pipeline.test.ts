import { afterAll, describe, expect, it } from 'vitest';
import { isMecabAvailable } from '#matching-node/mecab-tokenizer.ts';
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts';

// Queries are analysed through the pipeline's own tokenizer: it must give a kanji noun's
// reading, which query expansion turns into the katakana form seeds write (杉 → スギ).
describe.each(['kuromoji', ...(isMecabAvailable() ? ['mecab' as const] : [])] as const)(
  'the text pipeline with %s',
  (tokenizer) => {
    let pipeline: TextPipeline | undefined;
    afterAll(async () => pipeline?.close());

    it('gives the reading of a kanji noun in a query', async () => {
      pipeline = await createTextPipeline({ tokenizer, workers: 0 });
      const text = '杉の使い道を探したい';
      const analyzer = await pipeline.analyzer.prepare([text]);
      const cedar = analyzer.analyze(text).find((t) => t.term === '杉');
      expect(cedar?.reading).toBe('スギ');
    }, 30_000);
  },
);

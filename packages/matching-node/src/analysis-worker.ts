/**
 * Worker thread of `parallel-analyzer.ts`: its own tokenizer (a MeCab child process, kuromoji
 * when MeCab is absent) and analyser. A request is a batch of texts; the reply gives each
 * text's index terms as ids into a vocabulary this worker grows (the terms first seen in the
 * batch travel with it), in transferable arrays instead of an object graph.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createBatchAnalyzer } from '#matching/batch-analyzer.ts';
import { compileDictionary } from '#matching/dictionary.ts';
import { createKuromojiTokenizer } from './kuromoji-tokenizer.ts';
import { fromSyncTokenizer, type BatchTokenizer } from '#matching/tokenizer.ts';
import { createMecabTokenizer } from './mecab-tokenizer.ts';
import {
  ZAnalysisWorkerConfig,
  type AnalysisReply,
  type AnalysisRequest,
} from './parallel-analyzer.ts';

const port = parentPort;
if (port === null) throw new Error('analysis-worker runs in a worker thread');
const config = ZAnalysisWorkerConfig.parse(workerData);

const batch: BatchTokenizer =
  config.tokenizer === 'mecab'
    ? createMecabTokenizer(config.mecab)
    : fromSyncTokenizer(await createKuromojiTokenizer(), 'kuromoji');
const analyzer = createBatchAnalyzer({
  batch,
  dictionary: compileDictionary(config.dictionary),
  unknownBigramMinLength: config.unknownBigramMinLength,
  compoundBigramMinLength: config.compoundBigramMinLength,
});
const vocabulary = new Map<string, number>();

port.on('message', (message: AnalysisRequest | 'close') => {
  if (message === 'close') {
    void batch.close().then(() => port.close());
    return;
  }
  const { id, texts } = message;
  analyzer.prepare(texts).then(
    (prepared) => {
      const newTerms: string[] = [];
      const ends = new Int32Array(texts.length);
      let ids = new Int32Array(Math.max(1024, texts.length * 64));
      let count = 0;
      texts.forEach((text, i) => {
        for (const term of prepared.terms(text)) {
          let termId = vocabulary.get(term);
          if (termId === undefined) {
            termId = vocabulary.size;
            vocabulary.set(term, termId);
            newTerms.push(term);
          }
          if (count === ids.length) {
            const grown = new Int32Array(ids.length * 2);
            grown.set(ids);
            ids = grown;
          }
          ids[count] = termId;
          count += 1;
        }
        ends[i] = count;
      });
      const used = ids.slice(0, count);
      const reply: AnalysisReply = { id, newTerms, ends, ids: used };
      port.postMessage(reply, [ends.buffer, used.buffer]);
    },
    (error: unknown) => {
      const reply: AnalysisReply = {
        id,
        error: error instanceof Error ? error.message : String(error),
      };
      port.postMessage(reply);
    },
  );
});
port.postMessage('ready');

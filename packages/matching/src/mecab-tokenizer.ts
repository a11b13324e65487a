/**
 * Adapter: MeCab (Debian `mecab` + `mecab-ipadic-utf8`) as a long-lived child process with a
 * line protocol: one text per input line, the tokens of a line end with `EOS`. About ten times
 * faster than kuromoji.js for bulk indexing; both use IPADIC, so terms agree.
 *
 * MeCab is asynchronous (a pipe), the analyser's `Tokenizer` port is synchronous: callers
 * tokenise a batch here, then analyse through `createPretokenizedTokenizer` (see
 * `batch-analyzer.ts`).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Token, Tokenizer } from './tokenizer.ts';

/** Tokenises many texts at once (a pipe to a process, a worker, or a synchronous tokenizer). */
export interface BatchTokenizer {
  readonly name: string;
  tokenizeMany(texts: readonly string[]): Promise<Token[][]>;
  close(): Promise<void>;
}

export interface MecabOptions {
  /** Executable (default `mecab` on PATH). */
  readonly command?: string;
  /** System dictionary directory (default the IPADIC UTF-8 one when present). */
  readonly dictionaryDir?: string;
}

export const IPADIC_UTF8_DIR = '/var/lib/mecab/dic/ipadic-utf8';

/**
 * Node format: surface, status (0 known, 1 unknown), then the IPADIC features the analyser
 * uses: part of speech and its three details, base form, reading (unknown words have no
 * reading: IPADIC gives them 7 features, and MeCab refuses an index past the last).
 */
const FORMAT_ARGS = [
  '--node-format=%m\\t%s\\t%f[0],%f[1],%f[2],%f[3],%f[6],%f[7]\\n',
  '--unk-format=%m\\t%s\\t%f[0],%f[1],%f[2],%f[3],%f[6]\\n',
  '--eos-format=EOS\\n',
  '--input-buffer-size=4194304',
];

function dictionaryArgs(options: MecabOptions): string[] {
  const dir = options.dictionaryDir ?? IPADIC_UTF8_DIR;
  return ['-d', dir];
}

/** True when MeCab with the IPADIC dictionary answers (a short synchronous probe). */
export function isMecabAvailable(options: MecabOptions = {}): boolean {
  try {
    const probe = spawnSync(
      options.command ?? 'mecab',
      [...dictionaryArgs(options), ...FORMAT_ARGS],
      {
        input: '銅\n',
        encoding: 'utf8',
        timeout: 5_000,
      },
    );
    return probe.status === 0 && probe.stdout.includes('名詞');
  } catch {
    return false;
  }
}

/** Characters MeCab must not see: line breaks (they end a text) and other controls; same length. */
export function toMecabLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

function field(value: string | undefined): string {
  return value === undefined || value === '*' ? '' : value;
}

interface PartOfSpeech {
  readonly partOfSpeech: string;
  readonly partOfSpeechDetail: readonly string[];
}

/**
 * Part of speech and details by their text (`名詞,サ変接続,*,*`): a few hundred combinations
 * come back in every text, so tokens share them instead of splitting each line again.
 */
const partsOfSpeech = new Map<string, PartOfSpeech>();
const NO_FEATURES: PartOfSpeech = { partOfSpeech: '名詞', partOfSpeechDetail: [] };

function partOfSpeechOf(key: string): PartOfSpeech {
  let found = partsOfSpeech.get(key);
  if (found === undefined) {
    const features = key.split(',');
    const detail: string[] = [];
    for (let d = 1; d <= 3; d += 1) {
      const value = field(features[d]);
      if (value !== '') detail.push(value);
    }
    found = { partOfSpeech: features[0] ?? '名詞', partOfSpeechDetail: detail };
    if (partsOfSpeech.size < 10_000) partsOfSpeech.set(key, found);
  }
  return found;
}

/**
 * Parses MeCab's output lines for one text into tokens with offsets into `text`. A line is
 * `surface \t status \t pos,detail1,detail2,detail3,base form[,reading]`.
 */
export function parseMecabLines(text: string, lines: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let cursor = 0;
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const surface = line.slice(0, tab);
    const tab2 = line.indexOf('\t', tab + 1);
    const statusEnd = tab2 < 0 ? line.length : tab2;
    const known = statusEnd === tab + 2 && line.charCodeAt(tab + 1) === 48; // '0'
    let pos = NO_FEATURES;
    let baseForm = '';
    let reading = '';
    if (tab2 >= 0) {
      // The fourth comma ends the part of speech; base form and reading follow.
      let comma = tab2;
      for (let c = 0; c < 4 && comma >= 0; c += 1) comma = line.indexOf(',', comma + 1);
      if (comma < 0) {
        const features = line.slice(tab2 + 1).split(',');
        pos = partOfSpeechOf(features.slice(0, 4).join(','));
        baseForm = field(features[4]);
        reading = field(features[5]);
      } else {
        pos = partOfSpeechOf(line.slice(tab2 + 1, comma));
        const comma5 = line.indexOf(',', comma + 1);
        baseForm = field(comma5 < 0 ? line.slice(comma + 1) : line.slice(comma + 1, comma5));
        if (comma5 >= 0) {
          const comma6 = line.indexOf(',', comma5 + 1);
          reading = field(comma6 < 0 ? line.slice(comma5 + 1) : line.slice(comma5 + 1, comma6));
        }
      }
    }
    const found = text.indexOf(surface, cursor);
    const start = found >= 0 ? found : cursor;
    cursor = found >= 0 ? start + surface.length : cursor;
    tokens.push({
      surface,
      baseForm: baseForm || surface,
      reading,
      partOfSpeech: pos.partOfSpeech,
      partOfSpeechDetail: pos.partOfSpeechDetail,
      start,
      known,
    });
  }
  return tokens;
}

interface Pending {
  readonly texts: readonly string[];
  readonly results: Token[][];
  lines: string[];
  resolve(tokens: Token[][]): void;
  reject(error: Error): void;
}

/** Starts `mecab` and returns a batch tokenizer over it; close it when done. */
export function createMecabTokenizer(options: MecabOptions = {}): BatchTokenizer {
  const child: ChildProcessWithoutNullStreams = spawn(
    options.command ?? 'mecab',
    [...dictionaryArgs(options), ...FORMAT_ARGS],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const queue: Pending[] = [];
  let buffer = '';
  let failed: Error | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let closing = false;
  child.stdout.setEncoding('utf8');
  child.stderr.resume();

  const fail = (error: Error): void => {
    failed = error;
    for (const pending of queue.splice(0)) pending.reject(error);
  };
  child.on('error', fail);
  child.on('exit', (code) => {
    if (queue.length > 0) fail(new Error(`mecab exited (${String(code)}) with work pending`));
  });
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf('\n');
    let from = 0;
    while (newline >= 0) {
      const line = buffer.slice(from, newline);
      from = newline + 1;
      const pending = queue[0];
      if (pending !== undefined) {
        if (line === 'EOS') {
          const text = pending.texts[pending.results.length] ?? '';
          pending.results.push(parseMecabLines(text, pending.lines));
          pending.lines = [];
          if (pending.results.length === pending.texts.length) {
            queue.shift();
            pending.resolve(pending.results);
          }
        } else {
          pending.lines.push(line);
        }
      }
      newline = buffer.indexOf('\n', from);
    }
    buffer = buffer.slice(from);
  });

  const run = (texts: readonly string[]): Promise<Token[][]> =>
    new Promise<Token[][]>((resolve, reject) => {
      if (failed !== undefined) {
        reject(failed);
        return;
      }
      if (texts.length === 0) {
        resolve([]);
        return;
      }
      const lines = texts.map(toMecabLine);
      queue.push({ texts: lines, results: [], lines: [], resolve, reject });
      child.stdin.write(`${lines.join('\n')}\n`);
    });

  return {
    name: 'mecab',
    tokenizeMany(texts) {
      if (closing) return Promise.reject(new Error('the MeCab tokenizer is closed'));
      // One batch at a time: replies are matched to requests by order.
      const result = chain.then(() => run(texts));
      chain = result.catch(() => undefined);
      return result;
    },
    close() {
      // Work already asked for is finished first (a server stopping mid-request still answers it);
      // work asked for after close is refused.
      closing = true;
      return chain.then(
        () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || failed !== undefined) {
              resolve();
              return;
            }
            child.once('exit', () => resolve());
            child.stdin.end();
          }),
      );
    },
  };
}

/** Wraps a synchronous tokenizer (kuromoji, script runs) as a batch tokenizer. */
export function fromSyncTokenizer(tokenizer: Tokenizer, name: string): BatchTokenizer {
  return {
    name,
    tokenizeMany: async (texts) => texts.map((text) => tokenizer.tokenize(text)),
    close: async () => undefined,
  };
}

/**
 * Adapter: MeCab (Debian `mecab` + `mecab-ipadic-utf8`) as a long-lived child process with a
 * line protocol: one text per input line, the tokens of a line end with `EOS`. About ten times
 * faster than kuromoji.js for bulk indexing; both use IPADIC, so terms agree.
 *
 * MeCab is asynchronous (a pipe), the analyser's `Tokenizer` port is synchronous: callers
 * tokenise a batch here, then analyse through `createPretokenizedTokenizer` (see
 * `#matching/batch-analyzer.ts`).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { BatchTokenizer, Token } from '#matching/tokenizer.ts';

export interface MecabOptions {
  /** Executable (default `mecab` on PATH). */
  readonly command?: string;
  /** System dictionary directory (default the IPADIC UTF-8 one when present). */
  readonly dictionaryDir?: string;
  /**
   * Print each known word's reading too (a fifth column): queries need it (杉 → スギ), bulk
   * indexing does not, and its output stays shorter without.
   */
  readonly readings?: boolean;
}

export const IPADIC_UTF8_DIR = '/var/lib/mecab/dic/ipadic-utf8';

/**
 * Node format: surface, status (0 known, 1 unknown), part-of-speech id, base form. The id is
 * IPADIC's (`pos-id.def`, `IPADIC_PARTS_OF_SPEECH`): a number instead of four feature names
 * makes the output a third as long to write, decode and parse. Readings are printed only when
 * asked (`readings`, for queries); otherwise MeCab tokens have an empty reading.
 */
const FORMAT_ARGS = [
  '--node-format=%m\\t%s\\t%h\\t%f[6]\\n',
  '--unk-format=%m\\t%s\\t%h\\t%f[6]\\n',
  '--eos-format=EOS\\n',
  '--input-buffer-size=4194304',
];

/** The same with the reading (IPADIC feature 7) after the base form; unknown words have none. */
const READING_FORMAT_ARGS = [
  '--node-format=%m\\t%s\\t%h\\t%f[6]\\t%f[7]\\n',
  ...FORMAT_ARGS.slice(1),
];

/** IPADIC's part-of-speech ids (`pos-id.def` of mecab-ipadic 2.7.0): id → features. */
export const IPADIC_PARTS_OF_SPEECH: readonly string[] = [
  'その他,間投,*,*',
  'フィラー,*,*,*',
  '感動詞,*,*,*',
  '記号,アルファベット,*,*',
  '記号,一般,*,*',
  '記号,括弧開,*,*',
  '記号,括弧閉,*,*',
  '記号,句点,*,*',
  '記号,空白,*,*',
  '記号,読点,*,*',
  '形容詞,自立,*,*',
  '形容詞,接尾,*,*',
  '形容詞,非自立,*,*',
  '助詞,格助詞,一般,*',
  '助詞,格助詞,引用,*',
  '助詞,格助詞,連語,*',
  '助詞,係助詞,*,*',
  '助詞,終助詞,*,*',
  '助詞,接続助詞,*,*',
  '助詞,特殊,*,*',
  '助詞,副詞化,*,*',
  '助詞,副助詞,*,*',
  '助詞,副助詞／並立助詞／終助詞,*,*',
  '助詞,並立助詞,*,*',
  '助詞,連体化,*,*',
  '助動詞,*,*,*',
  '接続詞,*,*,*',
  '接頭詞,形容詞接続,*,*',
  '接頭詞,数接続,*,*',
  '接頭詞,動詞接続,*,*',
  '接頭詞,名詞接続,*,*',
  '動詞,自立,*,*',
  '動詞,接尾,*,*',
  '動詞,非自立,*,*',
  '副詞,一般,*,*',
  '副詞,助詞類接続,*,*',
  '名詞,サ変接続,*,*',
  '名詞,ナイ形容詞語幹,*,*',
  '名詞,一般,*,*',
  '名詞,引用文字列,*,*',
  '名詞,形容動詞語幹,*,*',
  '名詞,固有名詞,一般,*',
  '名詞,固有名詞,人名,一般',
  '名詞,固有名詞,人名,姓',
  '名詞,固有名詞,人名,名',
  '名詞,固有名詞,組織,*',
  '名詞,固有名詞,地域,一般',
  '名詞,固有名詞,地域,国',
  '名詞,数,*,*',
  '名詞,接続詞的,*,*',
  '名詞,接尾,サ変接続,*',
  '名詞,接尾,一般,*',
  '名詞,接尾,形容動詞語幹,*',
  '名詞,接尾,助数詞,*',
  '名詞,接尾,助動詞語幹,*',
  '名詞,接尾,人名,*',
  '名詞,接尾,地域,*',
  '名詞,接尾,特殊,*',
  '名詞,接尾,副詞可能,*',
  '名詞,代名詞,一般,*',
  '名詞,代名詞,縮約,*',
  '名詞,動詞非自立的,*,*',
  '名詞,特殊,助動詞語幹,*',
  '名詞,非自立,一般,*',
  '名詞,非自立,形容動詞語幹,*',
  '名詞,非自立,助動詞語幹,*',
  '名詞,非自立,副詞可能,*',
  '名詞,副詞可能,*,*',
  '連体詞,*,*,*',
];

/**
 * Words whose part-of-speech ids the probe checks: a dictionary with other ids (not IPADIC)
 * must not be read through the table above.
 */
const PROBE = { text: '銅を使った', ids: [38, 13, 31, 25] } as const;

function dictionaryArgs(options: MecabOptions): string[] {
  const dir = options.dictionaryDir ?? IPADIC_UTF8_DIR;
  return ['-d', dir];
}

/**
 * True when MeCab with the IPADIC dictionary answers and numbers parts of speech as IPADIC does
 * (a short synchronous probe).
 */
export function isMecabAvailable(options: MecabOptions = {}): boolean {
  try {
    const probe = spawnSync(
      options.command ?? 'mecab',
      [...dictionaryArgs(options), ...FORMAT_ARGS],
      { input: `${PROBE.text}\n`, encoding: 'utf8', timeout: 5_000 },
    );
    if (probe.status !== 0) return false;
    const ids = probe.stdout
      .split('\n')
      .filter((line) => line.includes('\t'))
      .map((line) => Number(line.split('\t')[2]));
    return ids.join(',') === PROBE.ids.join(',');
  } catch {
    return false;
  }
}

/** Characters MeCab must not see: line breaks (they end a text) and other controls; same length. */
export function toMecabLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

interface PartOfSpeech {
  readonly partOfSpeech: string;
  readonly partOfSpeechDetail: readonly string[];
}

/** Parts of speech by id, shared by every token. */
const PARTS_OF_SPEECH: readonly PartOfSpeech[] = IPADIC_PARTS_OF_SPEECH.map((key) => {
  const features = key.split(',');
  return {
    partOfSpeech: features[0] ?? '名詞',
    partOfSpeechDetail: features.slice(1, 4).filter((d) => d !== '*' && d !== ''),
  };
});
const NO_FEATURES: PartOfSpeech = { partOfSpeech: '名詞', partOfSpeechDetail: [] };

/**
 * Parses one MeCab output line (`surface \t status \t part-of-speech id \t base form`),
 * `out[from..to)`, of `text`, whose tokens so far end at `cursor`; undefined for a line that
 * is not a token.
 */
function parseMecabLine(
  text: string,
  out: string,
  from: number,
  to: number,
  cursor: number,
): Token | undefined {
  const tab = out.indexOf('\t', from);
  if (tab <= from || tab >= to) return undefined;
  const surface = out.slice(from, tab);
  const tab2 = out.indexOf('\t', tab + 1);
  const statusEnd = tab2 < 0 || tab2 > to ? to : tab2;
  const known = statusEnd === tab + 2 && out.charCodeAt(tab + 1) === 48; // '0'
  let pos = NO_FEATURES;
  let baseForm = surface;
  let reading = '';
  if (statusEnd < to) {
    let id = 0;
    let at = statusEnd + 1;
    for (let c = out.charCodeAt(at); c >= 48 && c <= 57; c = out.charCodeAt(at)) {
      id = id * 10 + c - 48;
      at += 1;
    }
    pos = PARTS_OF_SPEECH[id] ?? NO_FEATURES;
    // Base form after the third tab; most words' equal their surface (no new string then).
    const baseFrom = at + 1;
    const readingTab = out.indexOf('\t', baseFrom);
    const baseTo = readingTab >= 0 && readingTab < to ? readingTab : to;
    if (baseTo < to) {
      const written = out.slice(baseTo + 1, to);
      if (written !== '*') reading = written;
    }
    const length = baseTo - baseFrom;
    if (length > 0 && !(length === 1 && out.charCodeAt(baseFrom) === 42)) {
      if (length !== surface.length || !out.startsWith(surface, baseFrom)) {
        baseForm = out.slice(baseFrom, baseTo);
      }
    }
  }
  const found = text.indexOf(surface, cursor);
  return {
    surface,
    baseForm,
    reading,
    partOfSpeech: pos.partOfSpeech,
    partOfSpeechDetail: pos.partOfSpeechDetail,
    start: found >= 0 ? found : cursor,
    known,
  };
}

/** The end of `token` in its text (where the next token is searched from). */
function tokenEnd(token: Token, text: string, cursor: number): number {
  return text.startsWith(token.surface, token.start) && token.start >= cursor
    ? token.start + token.surface.length
    : cursor;
}

/** Parses MeCab's output lines for one text into tokens with offsets into `text`. */
export function parseMecabLines(text: string, lines: readonly string[]): Token[] {
  const tokens: Token[] = [];
  let cursor = 0;
  for (const line of lines) {
    const token = parseMecabLine(text, line, 0, line.length, cursor);
    if (token === undefined) continue;
    tokens.push(token);
    cursor = tokenEnd(token, text, cursor);
  }
  return tokens;
}

interface Pending {
  readonly texts: readonly string[];
  readonly results: Token[][];
  /** Tokens of the text being read, and where its last token ended. */
  tokens: Token[];
  cursor: number;
  resolve(tokens: Token[][]): void;
  reject(error: Error): void;
}

/** Starts `mecab` and returns a batch tokenizer over it; close it when done. */
export function createMecabTokenizer(options: MecabOptions = {}): BatchTokenizer {
  const child: ChildProcessWithoutNullStreams = spawn(
    options.command ?? 'mecab',
    [
      ...dictionaryArgs(options),
      ...(options.readings === true ? READING_FORMAT_ARGS : FORMAT_ARGS),
    ],
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
      const pending = queue[0];
      if (pending !== undefined) {
        const text = pending.texts[pending.results.length] ?? '';
        if (newline - from === 3 && buffer.startsWith('EOS', from)) {
          pending.results.push(pending.tokens);
          pending.tokens = [];
          pending.cursor = 0;
          if (pending.results.length === pending.texts.length) {
            queue.shift();
            pending.resolve(pending.results);
          }
        } else {
          const token = parseMecabLine(text, buffer, from, newline, pending.cursor);
          if (token !== undefined) {
            pending.tokens.push(token);
            pending.cursor = tokenEnd(token, text, pending.cursor);
          }
        }
      }
      from = newline + 1;
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
      queue.push({ texts: lines, results: [], tokens: [], cursor: 0, resolve, reject });
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

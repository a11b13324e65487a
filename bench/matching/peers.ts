/**
 * The two peers of the matching benchmark, driven over the same corpus and query strings:
 * - Groonga (Debian `groonga-bin`), TokenBigram or TokenMecab (Debian
 *   `groonga-tokenizer-mecab`) + NormalizerAuto, one long-lived `groonga DB` process spoken to
 *   over a pipe (one command per line, one JSON response per line);
 * - SQLite FTS5 with the trigram tokenizer (better-sqlite3), ranked by bm25().
 * Both rank with the same field weights as Musubi (title 3, keywords 2, abstract 1).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CorpusSeed } from './distractors.ts';

/**
 * A need as a peer query: the runs of kanji, katakana and Latin letters/digits (what is left
 * after removing hiragana, punctuation and spaces), longest first, without repeats.
 */
export function queryChunks(text: string): string[] {
  const runs = text.normalize('NFKC').match(/[\p{sc=Han}\p{sc=Katakana}ー々A-Za-z0-9]+/gu) ?? [];
  return [...new Set(runs)];
}

export interface PeerHit {
  readonly id: string;
  readonly score: number;
}

export interface Peer {
  readonly name: string;
  search(text: string, k: number): Promise<PeerHit[]>;
  close(): Promise<void>;
}

export type GroongaTokenizer = 'TokenBigram' | 'TokenMecab';

const MECAB_PLUGIN = '/usr/lib/x86_64-linux-gnu/groonga/plugins/tokenizers/mecab.so';

/**
 * Makes sure the groonga command (and, for TokenMecab, its MeCab tokenizer plugin) is present
 * (apt-get install groonga-bin groonga-tokenizer-mecab when root); a reason when not.
 */
export function ensureGroonga(
  log: (line: string) => void,
  tokenizer: GroongaTokenizer = 'TokenBigram',
): string | null {
  const probe = (): boolean =>
    spawnSync('groonga', ['--version'], { encoding: 'utf8' }).status === 0 &&
    (tokenizer !== 'TokenMecab' || existsSync(MECAB_PLUGIN));
  if (probe()) return null;
  log('groonga not found; trying apt-get install -y groonga-bin groonga-tokenizer-mecab');
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get install -y groonga-bin groonga-tokenizer-mecab'],
    {
      encoding: 'utf8',
      stdio: 'inherit',
    },
  );
  if (install.status === 0 && probe()) return null;
  return `Groonga (${tokenizer}) skipped: the groonga command or its MeCab plugin is missing and apt-get install failed`;
}

/** Peak resident memory (VmHWM) of a process in MiB, from /proc. */
export function peakMemoryMiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    return match?.[1] === undefined ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}

class GroongaPipe {
  readonly process: ChildProcessWithoutNullStreams;
  private buffer = '';
  private readonly waiting: ((line: string) => void)[] = [];

  constructor(dbPath: string, create: boolean) {
    this.process = spawn('groonga', create ? ['-n', dbPath] : [dbPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let at = this.buffer.indexOf('\n');
      while (at >= 0) {
        const line = this.buffer.slice(0, at);
        this.buffer = this.buffer.slice(at + 1);
        this.waiting.shift()?.(line);
        at = this.buffer.indexOf('\n');
      }
    });
    this.process.stderr.resume();
  }

  /** Sends one command (possibly followed by load data lines) and parses its JSON response. */
  command(text: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        try {
          const parsed: unknown = JSON.parse(line);
          const header = Array.isArray(parsed) ? (parsed[0] as unknown) : undefined;
          if (Array.isArray(header) && header[0] !== 0) {
            reject(new Error(`groonga: ${JSON.stringify(header)}`));
          } else resolve(parsed);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      this.process.stdin.write(text.endsWith('\n') ? text : `${text}\n`);
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.process.once('exit', () => resolve());
      this.process.stdin.end('quit\n');
    });
  }
}

const escapeGroongaPhrase = (chunk: string): string => `"${chunk.replace(/["\\]/g, '\\$&')}"`;
const quoteArgument = (value: string): string => `'${value.replace(/['\\]/g, '\\$&')}'`;

export interface GroongaBuild {
  readonly peer: Peer;
  readonly buildSeconds: number;
  readonly peakMiB: number;
  readonly pid: number | undefined;
}

/** Creates a Groonga database from the corpus (load, then a static index build). */
export async function buildGroonga(
  dir: string,
  corpus: Iterable<CorpusSeed>,
  tokenizer: GroongaTokenizer = 'TokenBigram',
): Promise<GroongaBuild> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const pipe = new GroongaPipe(join(dir, 'db'), true);
  if (tokenizer === 'TokenMecab') await pipe.command('plugin_register tokenizers/mecab');
  await pipe.command('table_create Seeds TABLE_HASH_KEY ShortText');
  for (const column of ['title', 'abstract', 'keywords'])
    await pipe.command(`column_create Seeds ${column} COLUMN_SCALAR Text`);
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await pipe.command(`load --table Seeds\n[\n${batch.join(',\n')}\n]`);
    batch = [];
  };
  for (const seed of corpus) {
    batch.push(
      JSON.stringify({
        _key: seed.id,
        title: seed.title,
        abstract: seed.abstract,
        keywords: seed.keywords.join('、'),
      }),
    );
    if (batch.length >= 5_000) await flush();
  }
  await flush();
  await pipe.command(
    `table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer ${tokenizer} --normalizer NormalizerAuto`,
  );
  await pipe.command(
    'column_create Terms seeds_index COLUMN_INDEX|WITH_POSITION|WITH_SECTION Seeds title,abstract,keywords',
  );
  const buildSeconds = (performance.now() - started) / 1000;
  const pid = pipe.process.pid;
  return {
    peer: groongaPeer(pipe, tokenizer),
    buildSeconds,
    peakMiB: peakMemoryMiB(pid),
    pid,
  };
}

/** Opens an existing Groonga database (the restart path). */
export async function openGroonga(
  dir: string,
  tokenizer: GroongaTokenizer = 'TokenBigram',
): Promise<{ peer: Peer; seconds: number }> {
  const started = performance.now();
  const pipe = new GroongaPipe(join(dir, 'db'), false);
  await pipe.command('status');
  const peer = groongaPeer(pipe, tokenizer);
  await peer.search('銅', 1);
  return { peer, seconds: (performance.now() - started) / 1000 };
}

function groongaPeer(pipe: GroongaPipe, tokenizer: GroongaTokenizer): Peer {
  return {
    name: `Groonga (${tokenizer})`,
    async search(text, k) {
      const chunks = queryChunks(text);
      if (chunks.length === 0) return [];
      const query = chunks.map(escapeGroongaPhrase).join(' OR ');
      const response = await pipe.command(
        `select Seeds --match_columns ${quoteArgument('title * 3 || keywords * 2 || abstract')} --query ${quoteArgument(query)} --output_columns _key,_score --sort_keys -_score,_key --limit ${k}`,
      );
      // [[status…], [[[count], [columns…], [key, score]…]]]
      const body = Array.isArray(response) ? (response[1] as unknown) : undefined;
      const table = Array.isArray(body) ? (body[0] as unknown) : undefined;
      if (!Array.isArray(table)) return [];
      return table.slice(2).map((row) => {
        const [id, score] = row as [string, number];
        return { id, score };
      });
    },
    close: () => pipe.close(),
  };
}

export interface Fts5Build {
  readonly peer: Peer;
  readonly buildSeconds: number;
  readonly bytes: number;
}

/** Creates an SQLite FTS5 trigram table from the corpus, in one transaction. */
export function buildFts5(path: string, corpus: Iterable<CorpusSeed>): Fts5Build {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const started = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.exec(
    "CREATE VIRTUAL TABLE seeds USING fts5(id UNINDEXED, title, abstract, keywords, tokenize='trigram')",
  );
  const insert = db.prepare(
    'INSERT INTO seeds (id, title, abstract, keywords) VALUES (?, ?, ?, ?)',
  );
  let pending: CorpusSeed[] = [];
  const flush = db.transaction((rows: CorpusSeed[]) => {
    for (const row of rows) insert.run(row.id, row.title, row.abstract, row.keywords.join('、'));
  });
  for (const seed of corpus) {
    pending.push(seed);
    if (pending.length >= 20_000) {
      flush(pending);
      pending = [];
    }
  }
  flush(pending);
  db.exec("INSERT INTO seeds(seeds) VALUES('optimize')");
  db.pragma('wal_checkpoint(TRUNCATE)');
  const buildSeconds = (performance.now() - started) / 1000;
  const bytes = existsSync(path) ? statSync(path).size : 0;
  return { peer: fts5Peer(db), buildSeconds, bytes };
}

/** Opens an existing FTS5 database (the restart path). */
export function openFts5(path: string): { peer: Peer; seconds: number } {
  const started = performance.now();
  const peer = fts5Peer(new Database(path, { readonly: true }));
  return { peer, seconds: (performance.now() - started) / 1000 };
}

function fts5Peer(db: Database.Database): Peer {
  const select = db.prepare(
    'SELECT id, bm25(seeds, 0.0, 3.0, 1.0, 2.0) AS score FROM seeds WHERE seeds MATCH ? ORDER BY score LIMIT ?',
  );
  return {
    name: 'SQLite FTS5 (trigram)',
    async search(text, k) {
      // A trigram index cannot match a run shorter than three characters.
      const chunks = queryChunks(text).filter((chunk) => [...chunk].length >= 3);
      if (chunks.length === 0) return [];
      const query = chunks.map((chunk) => `"${chunk.replace(/"/g, '""')}"`).join(' OR ');
      const rows = select.all(query, k) as { id: string; score: number }[];
      return rows.map((row) => ({ id: row.id, score: -row.score }));
    },
    close: async () => {
      db.close();
    },
  };
}

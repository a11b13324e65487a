/**
 * The backup file (decision 011): gzip-compressed UTF-8 lines of JSON.
 *
 *   {"format":"musubi-backup","formatVersion":1,"createdAt":…,"engine":"sqlite","schemaVersions":[1,…]}
 *   {"table":"accounts","columns":["id","email",…]}
 *   ["acc-1","a@example.org",…]                      one line per row, values in column order
 *   …
 *   {"end":true,"rows":{"accounts":3,…},"sha256":"…"}   digest of every byte above this line
 *
 * The reader checks each line as it goes and the digest and row counts at the end, so a damaged,
 * truncated or edited file is named as such before anything relies on it.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import type { BackupTable, BackupValue } from '#core/backup-port.ts';
import { DomainError } from '#core/domain-error.ts';

export const BACKUP_FORMAT = 'musubi-backup';
export const BACKUP_FORMAT_VERSION = 1;

export const ZBackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  engine: z.enum(['sqlite', 'postgres']),
  schemaVersions: z.array(z.number().int()),
});
export type BackupHeader = z.infer<typeof ZBackupHeader>;

const ZTableLine = z.object({
  table: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
});
const ZEndLine = z.object({
  end: z.literal(true),
  rows: z.record(z.string(), z.number().int().nonnegative()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What a writer is given: the header, then each table with its pages of rows. */
export interface BackupContent {
  header: BackupHeader;
  tables: AsyncIterable<{ table: BackupTable; pages: AsyncIterable<BackupValue[][]> }>;
}

/**
 * Writes the file next to `path` and renames it into place: a failed backup leaves no partial
 * file, and an earlier backup of the same name stays until the new one is whole. The file is
 * readable by its owner only (it holds password hashes and confidential needs).
 */
export async function writeBackupFile(
  path: string,
  content: BackupContent,
  onRows?: (table: string, rows: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  async function* lines(): AsyncIterable<string> {
    const emit = (line: string) => {
      const text = `${line}\n`;
      hash.update(text);
      return text;
    };
    yield emit(JSON.stringify(content.header));
    for await (const { table, pages } of content.tables) {
      yield emit(JSON.stringify({ table: table.name, columns: table.columns }));
      let count = 0;
      for await (const page of pages) {
        let chunk = '';
        for (const row of page) chunk += emit(JSON.stringify(row));
        count += page.length;
        yield chunk;
        onRows?.(table.name, count);
      }
      counts[table.name] = count;
    }
    yield `${JSON.stringify({ end: true, rows: counts, sha256: hash.digest('hex') })}\n`;
  }
  const partial = `${path}.partial-${process.pid}`;
  try {
    await pipeline(
      Readable.from(lines(), { objectMode: false }),
      createGzip(),
      createWriteStream(partial, { mode: 0o600 }),
    );
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new DomainError(
        'validation_failed',
        `cannot write the backup to ${path}: ${(error as Error).message}`,
        { path },
      );
    }
    throw error;
  }
  return counts;
}

export type BackupEntry =
  | { kind: 'table'; table: BackupTable }
  | { kind: 'rows'; table: BackupTable; rows: BackupValue[][] };

export interface BackupSummary {
  header: BackupHeader;
  tables: BackupTable[];
  rows: Record<string, number>;
}

function damaged(path: string, what: string): DomainError {
  return new DomainError('validation_failed', `backup ${path}: ${what}`, { path });
}

function isBackupValue(value: unknown): value is BackupValue {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function parseLine(path: string, lineNo: number, line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw damaged(
      path,
      lineNo === 1
        ? 'not a Musubi backup (line 1 is not JSON)'
        : `line ${lineNo} is not JSON (the file is damaged or truncated)`,
    );
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`)
    .join('; ');
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw damaged(path, error.code === 'ENOENT' ? 'no such file' : error.message);
  });
  try {
    const buffer = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buffer, 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Lines of the file, decompressed when it is gzip; stream errors name the damage. */
async function* linesOf(path: string): AsyncIterable<string> {
  // Checked before the stream opens: a stream on a missing file would fail with no listener.
  const gzip = await isGzip(path);
  const file = createReadStream(path);
  const source = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (error) => source.destroy(error));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of source) {
      rest += decoder.write(chunk as Buffer);
      let newline = rest.indexOf('\n');
      let start = 0;
      while (newline >= 0) {
        yield rest.slice(start, newline);
        start = newline + 1;
        newline = rest.indexOf('\n', start);
      }
      rest = rest.slice(start);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw damaged(
      path,
      code === 'Z_BUF_ERROR'
        ? 'the compressed data end early (the file is truncated)'
        : `the compressed data are damaged (${(error as Error).message})`,
    );
  } finally {
    file.destroy();
    source.destroy();
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest;
}

/**
 * Reads a backup file entry by entry (rows in batches of `batchSize`), checking as it goes; the
 * last step checks the digest and the row counts, and throws if they do not match. A consumer
 * that writes must therefore do so in a transaction it can roll back.
 */
export async function* readBackupFile(
  path: string,
  onHeader: (header: BackupHeader) => void,
  batchSize = 500,
): AsyncIterable<BackupEntry> {
  const hash: Hash = createHash('sha256');
  const counts: Record<string, number> = {};
  let lineNo = 0;
  let header: BackupHeader | undefined;
  let table: BackupTable | undefined;
  let batch: BackupValue[][] = [];
  let end: z.infer<typeof ZEndLine> | undefined;
  for await (const line of linesOf(path)) {
    lineNo += 1;
    if (end) throw damaged(path, `line ${lineNo}: text after the end record`);
    const value = parseLine(path, lineNo, line);
    if (!header) {
      const parsed = ZBackupHeader.safeParse(value);
      if (!parsed.success) {
        throw damaged(path, `not a Musubi backup (line 1: ${describe(parsed.error)})`);
      }
      if (parsed.data.formatVersion > BACKUP_FORMAT_VERSION) {
        throw damaged(
          path,
          `format version ${parsed.data.formatVersion} is newer than this Musubi reads (${BACKUP_FORMAT_VERSION}); restore it with a newer Musubi`,
        );
      }
      header = parsed.data;
      onHeader(header);
    } else if (Array.isArray(value)) {
      if (!table) throw damaged(path, `line ${lineNo}: a row before any table record`);
      if (value.length !== table.columns.length) {
        throw damaged(
          path,
          `line ${lineNo}: a row of ${table.name} has ${value.length} values, expected ${table.columns.length}`,
        );
      }
      const bad = value.findIndex((v) => !isBackupValue(v));
      if (bad >= 0) {
        throw damaged(
          path,
          `line ${lineNo}: ${table.name}.${table.columns[bad] ?? bad} holds a value that is not text, a number, true/false or null`,
        );
      }
      batch.push(value as BackupValue[]);
      counts[table.name] = (counts[table.name] ?? 0) + 1;
      if (batch.length >= batchSize) {
        yield { kind: 'rows', table, rows: batch };
        batch = [];
      }
    } else if (value !== null && typeof value === 'object' && 'end' in value) {
      const parsed = ZEndLine.safeParse(value);
      if (!parsed.success) throw damaged(path, `line ${lineNo}: ${describe(parsed.error)}`);
      end = parsed.data;
      continue; // the end record is not part of the digest
    } else {
      const parsed = ZTableLine.safeParse(value);
      if (!parsed.success) throw damaged(path, `line ${lineNo}: ${describe(parsed.error)}`);
      if (table && batch.length > 0) yield { kind: 'rows', table, rows: batch };
      batch = [];
      if (parsed.data.table in counts) {
        throw damaged(path, `line ${lineNo}: table ${parsed.data.table} appears twice`);
      }
      table = { name: parsed.data.table, columns: parsed.data.columns };
      counts[table.name] = 0;
      yield { kind: 'table', table };
    }
    hash.update(`${line}\n`);
  }
  if (!header) throw damaged(path, 'the file is empty');
  if (!end) throw damaged(path, `no end record after line ${lineNo} (the file is truncated)`);
  const digest = hash.digest('hex');
  if (digest !== end.sha256) {
    throw damaged(
      path,
      `checksum mismatch: the end record says sha256 ${end.sha256}, the content has ${digest} (the file was changed or damaged)`,
    );
  }
  for (const name of new Set([...Object.keys(counts), ...Object.keys(end.rows)])) {
    if ((counts[name] ?? 0) !== (end.rows[name] ?? 0)) {
      throw damaged(
        path,
        `table ${name}: the end record counts ${end.rows[name] ?? 0} rows, the file holds ${counts[name] ?? 0}`,
      );
    }
  }
  if (table && batch.length > 0) yield { kind: 'rows', table, rows: batch };
}

/** Reads the whole file and checks it (format, version, every line, digest, counts); writes nothing. */
export async function verifyBackupFile(path: string): Promise<BackupSummary> {
  let header: BackupHeader | undefined;
  const tables: BackupTable[] = [];
  const rows: Record<string, number> = {};
  for await (const entry of readBackupFile(path, (h) => (header = h), 5000)) {
    if (entry.kind === 'table') {
      tables.push(entry.table);
      rows[entry.table.name] = 0;
    } else rows[entry.table.name] = (rows[entry.table.name] ?? 0) + entry.rows.length;
  }
  if (!header) throw damaged(path, 'the file is empty');
  return { header, tables, rows };
}

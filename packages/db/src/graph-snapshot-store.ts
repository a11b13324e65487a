/**
 * The actor network kept as one stored snapshot (migration 17, issue 16): the compact network —
 * actors' analysis and naming fields, relations as typed columns by actor position — serialised
 * once and stored under the data versions of `actors` and `relations` it was read at. A read whose
 * versions match decodes the snapshot instead of reading every row and mapping ids to positions;
 * a stale or absent snapshot is read from the rows (`readCompactNetwork`) and stored again.
 *
 * Kept as the relation columns rather than a built CSR graph: the graph depends on the analysis'
 * parameters (as-of date, period, relation types, half-life), the columns do not.
 *
 * Stored as base64 text chunks (as the matching index is), so one column type serves SQLite and
 * PostgreSQL and no row exceeds either's limits. The versions only grow, and they are read before
 * the rows and checked again after, so a snapshot never stands for data other than its own.
 */
import { deserialize, serialize } from 'node:v8';
import type { CompactNetwork } from '#core/network-columns.ts';
import { readDataVersions } from './data-version.ts';
import { readCompactNetwork } from './network-reader.ts';
import type { SqlClient } from './sql-client.ts';

/**
 * The snapshot's layout, part of its key: a change to it makes every stored snapshot stale, so a
 * snapshot written by an older program (v1: actors without the roles', strengths' and gap
 * filling's fields, relations without `generated`; v2: without coordinates and keywords; v3: the
 * whole network as one v8 serialisation) is read again from the rows, never taken for the new layout.
 */
export const SNAPSHOT_FORMAT = 'compact-network-v4';
const NAME = 'network';
/** Characters of base64 per stored row (6 MiB of data; a multiple of 4, so each chunk decodes alone). */
const CHUNK_CHARS = 8 * 1024 * 1024;

/** Migration 17: the stored snapshots, one or more chunks per name. */
export function graphSnapshotMigration(): string[] {
  return [
    `CREATE TABLE graph_snapshot_chunks (
  name TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (name, chunk)
)`,
  ];
}

/** What the snapshot of the network read at these data versions is stored under. */
export async function networkFingerprint(client: SqlClient): Promise<string> {
  const versions = await readDataVersions(client);
  return `${SNAPSHOT_FORMAT}:${versions['actors'] ?? 0}:${versions['relations'] ?? 0}`;
}

/** The relation columns in their stored order, with the typed array each is read into. */
const COLUMNS = [
  ['source', Int32Array],
  ['target', Int32Array],
  ['type', Uint8Array],
  ['weight', Float64Array],
  ['startDay', Int32Array],
  ['endDay', Int32Array],
  ['generated', Uint8Array],
] as const;
type ColumnName = (typeof COLUMNS)[number][0];
/** Bytes per relation over all columns. */
const RELATION_BYTES = COLUMNS.reduce((sum, [, Type]) => sum + Type.BYTES_PER_ELEMENT, 0);

/**
 * The snapshot's bytes, in order: the header's length (u32), the header (JSON: relation count
 * and the actors' byte length), the actors (v8 serialised), then each relation column's own bytes.
 * The columns are written from the arrays and read into new ones a chunk at a time: no copy of
 * the whole network is ever held beside it (at 10 M relations one was 260 MB on the first
 * analysis after a load, and the decoded copy as much again on every read).
 */
function snapshotParts(network: CompactNetwork): Uint8Array[] {
  const actors = serialize(network.actors);
  const header = Buffer.from(
    JSON.stringify({ count: network.relations.count, actorBytes: actors.length }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const columns = COLUMNS.map(([name]) => {
    const column = network.relations[name];
    return new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
  });
  return [length, header, actors, ...columns];
}

/** `parts` as one stream cut into pieces of `size` bytes (the last shorter), each copied once. */
function* piecesOf(parts: readonly Uint8Array[], size: number): Generator<Buffer> {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  let piece = Buffer.allocUnsafe(Math.min(size, total));
  let filled = 0;
  for (const part of parts) {
    for (let at = 0; at < part.length;) {
      const taken = Math.min(part.length - at, piece.length - filled);
      piece.set(part.subarray(at, at + taken), filled);
      filled += taken;
      at += taken;
      if (filled === piece.length) {
        yield piece;
        filled = 0;
        piece = Buffer.allocUnsafe(Math.min(size, total));
      }
    }
  }
  if (filled > 0) yield piece.subarray(0, filled);
}

/**
 * Reads the snapshot's byte stream into its parts as it comes: the header first, then the
 * actors' bytes and each column straight into its own typed array. `network()` is undefined for
 * bytes that are not a whole snapshot of this layout (cut short, too long, or another layout).
 */
function snapshotReader(mostBytes: number) {
  interface Region {
    readonly bytes: Uint8Array;
    filled: number;
    readonly full: () => boolean;
  }
  const regions: Region[] = [];
  let broken = false;
  let actorBytes: Uint8Array | undefined;
  let count = 0;
  const columns = new Map<ColumnName, Int32Array | Uint8Array | Float64Array>();
  const region = (bytes: Uint8Array, full: () => boolean = () => true): void => {
    regions.push({ bytes, filled: 0, full });
  };
  const headerLength = new Uint8Array(4);
  region(headerLength, () => {
    const length = Buffer.from(headerLength).readUInt32LE(0);
    if (length > 1024) return false;
    const header = new Uint8Array(length);
    region(header, () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(header).toString('utf8'));
      } catch {
        return false;
      }
      const { count: relations, actorBytes: actorLength } = (parsed ?? {}) as Record<
        string,
        unknown
      >;
      if (!Number.isSafeInteger(relations) || !Number.isSafeInteger(actorLength)) return false;
      count = relations as number;
      const size = 4 + length + (actorLength as number) + count * RELATION_BYTES;
      // A header promising more than the chunks hold is not allocated for.
      if (count < 0 || (actorLength as number) < 0 || size > mostBytes) return false;
      actorBytes = new Uint8Array(actorLength as number);
      region(actorBytes);
      for (const [name, Type] of COLUMNS) {
        const column = new Type(count);
        columns.set(name, column);
        region(new Uint8Array(column.buffer));
      }
      return true;
    });
    return true;
  });
  /** Regions filled (empty ones at once) leave the queue; a region may queue the next ones. */
  const settle = (): void => {
    for (let current = regions[0]; current !== undefined && !broken; current = regions[0]) {
      if (current.filled < current.bytes.length) return;
      regions.shift();
      if (!current.full()) broken = true;
    }
  };
  return {
    write(data: Uint8Array): void {
      for (let at = 0; at < data.length && !broken;) {
        settle();
        const current = regions[0];
        if (current === undefined) {
          broken = true;
          return;
        }
        const taken = Math.min(data.length - at, current.bytes.length - current.filled);
        current.bytes.set(data.subarray(at, at + taken), current.filled);
        current.filled += taken;
        at += taken;
      }
    },
    network(): CompactNetwork | undefined {
      settle();
      if (broken || regions.length > 0 || actorBytes === undefined) return undefined;
      const actors: unknown = deserialize(actorBytes);
      if (!Array.isArray(actors)) return undefined;
      const column = <T>(name: ColumnName): T => columns.get(name) as T;
      return {
        actors: actors as CompactNetwork['actors'],
        relations: {
          count,
          source: column('source'),
          target: column('target'),
          type: column('type'),
          weight: column('weight'),
          startDay: column('startDay'),
          endDay: column('endDay'),
          generated: column('generated'),
        },
      };
    },
  };
}

/**
 * The stored snapshot if it was made at `fingerprint`; undefined when absent or stale. Read a
 * chunk at a time: the whole text at once (at 10 M relations 330 MB of base64, joined into a
 * second copy) was the command's peak memory, and past V8's longest string (≈ 500 M characters,
 * about 15 M relations) it could not be joined at all.
 */
export async function readNetworkSnapshot(
  client: SqlClient,
  fingerprint: string,
): Promise<CompactNetwork | undefined> {
  const chunks = await client.all<{ chunk: number; fingerprint: string; size: number }>(
    'SELECT chunk, fingerprint, length(data) AS size FROM graph_snapshot_chunks WHERE name = ? ORDER BY chunk',
    [NAME],
  );
  if (chunks.length === 0 || chunks.some((row) => row.fingerprint !== fingerprint))
    return undefined;
  // Base64 quads: at most this many bytes (the last chunk's padding aside).
  const reader = snapshotReader(chunks.reduce((sum, row) => sum + (Number(row.size) / 4) * 3, 0));
  for (const { chunk } of chunks) {
    const [row] = await client.all<{ fingerprint: string; data: string }>(
      'SELECT fingerprint, data FROM graph_snapshot_chunks WHERE name = ? AND chunk = ?',
      [NAME, chunk],
    );
    // A write between the chunks (another process storing a newer snapshot): not this one.
    if (row === undefined || row.fingerprint !== fingerprint) return undefined;
    reader.write(Buffer.from(row.data, 'base64'));
  }
  try {
    return reader.network();
  } catch {
    // Written by another program version (or cut short): read from the rows instead.
    return undefined;
  }
}

/**
 * Stores the network as the snapshot at `fingerprint`, replacing any other, in one transaction,
 * a chunk at a time.
 */
export async function writeNetworkSnapshot(
  client: SqlClient,
  fingerprint: string,
  network: CompactNetwork,
  chunkChars = CHUNK_CHARS,
): Promise<void> {
  const chunkBytes = (chunkChars / 4) * 3;
  await client.transaction(async (tx) => {
    await tx.run('DELETE FROM graph_snapshot_chunks WHERE name = ?', [NAME]);
    let chunk = 0;
    for (const piece of piecesOf(snapshotParts(network), chunkBytes)) {
      await tx.run(
        'INSERT INTO graph_snapshot_chunks (name, chunk, fingerprint, data) VALUES (?, ?, ?, ?)',
        [NAME, chunk, fingerprint, piece.toString('base64')],
      );
      chunk += 1;
    }
  });
}

/**
 * The compact network from its snapshot when the actors and relations are as they were when it was
 * stored; otherwise read from the rows and stored (when no write came during the read).
 */
export async function readNetworkThroughSnapshot(client: SqlClient): Promise<CompactNetwork> {
  const fingerprint = await networkFingerprint(client);
  const stored = await readNetworkSnapshot(client, fingerprint);
  if (stored !== undefined) return stored;
  const network = await readCompactNetwork(client);
  if ((await networkFingerprint(client)) === fingerprint) {
    try {
      await writeNetworkSnapshot(client, fingerprint, network);
    } catch {
      // The snapshot only saves time: another process storing its own at the same moment, or a
      // read-only database, leaves the next read to the rows again.
    }
  }
  return network;
}

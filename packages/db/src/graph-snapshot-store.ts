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
 * filling's fields, relations without `generated`; v2: without coordinates and keywords) is read again from the rows, never taken for the new layout.
 */
export const SNAPSHOT_FORMAT = 'compact-network-v3';
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

function decode(bytes: Buffer): CompactNetwork | undefined {
  const value: unknown = deserialize(bytes);
  if (typeof value !== 'object' || value === null) return undefined;
  const { actors, relations } = value as Partial<CompactNetwork>;
  if (!Array.isArray(actors) || relations === undefined) return undefined;
  const { count } = relations;
  const columns = [
    relations.source,
    relations.target,
    relations.type,
    relations.weight,
    relations.startDay,
    relations.endDay,
    relations.generated,
  ];
  if (!columns.every((column) => ArrayBuffer.isView(column) && column.length === count))
    return undefined;
  return value as CompactNetwork;
}

/**
 * The stored snapshot if it was made at `fingerprint`; undefined when absent or stale. Read and
 * decoded a chunk at a time into one buffer: the whole text at once (at 10 M relations 330 MB of
 * base64, joined into a second copy) was the command's peak memory, and past V8's longest string
 * (≈ 500 M characters, about 15 M relations) it could not be joined at all.
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
  // Every chunk but the last holds a whole number of base64 quads: each decodes on its own.
  const bytes = Buffer.allocUnsafe(
    chunks.reduce((total, row) => total + (Number(row.size) / 4) * 3, 0),
  );
  let filled = 0;
  for (const { chunk } of chunks) {
    const [row] = await client.all<{ fingerprint: string; data: string }>(
      'SELECT fingerprint, data FROM graph_snapshot_chunks WHERE name = ? AND chunk = ?',
      [NAME, chunk],
    );
    // A write between the chunks (another process storing a newer snapshot): not this one.
    if (row === undefined || row.fingerprint !== fingerprint) return undefined;
    filled += bytes.write(row.data, filled, 'base64');
  }
  try {
    return decode(bytes.subarray(0, filled));
  } catch {
    // Written by another program version (or cut short): read from the rows instead.
    return undefined;
  }
}

/**
 * Stores `network` as the snapshot made at `fingerprint`, replacing any earlier one; encoded a
 * chunk at a time (one base64 text of the whole would double the serialised size in memory).
 */
export async function writeNetworkSnapshot(
  client: SqlClient,
  fingerprint: string,
  network: CompactNetwork,
  chunkChars = CHUNK_CHARS,
): Promise<void> {
  const bytes = serialize(network);
  const chunkBytes = (chunkChars / 4) * 3;
  await client.transaction(async (tx) => {
    await tx.run('DELETE FROM graph_snapshot_chunks WHERE name = ?', [NAME]);
    for (let at = 0, chunk = 0; at < bytes.length || chunk === 0; at += chunkBytes, chunk++)
      await tx.run(
        'INSERT INTO graph_snapshot_chunks (name, chunk, fingerprint, data) VALUES (?, ?, ?, ?)',
        [NAME, chunk, fingerprint, bytes.subarray(at, at + chunkBytes).toString('base64')],
      );
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

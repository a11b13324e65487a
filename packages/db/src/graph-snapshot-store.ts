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
/** Characters of base64 per stored row (6 MiB of data). */
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

function encode(network: CompactNetwork): string {
  return serialize(network).toString('base64');
}

function decode(text: string): CompactNetwork | undefined {
  const value: unknown = deserialize(Buffer.from(text, 'base64'));
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

/** The stored snapshot if it was made at `fingerprint`; undefined when absent or stale. */
export async function readNetworkSnapshot(
  client: SqlClient,
  fingerprint: string,
): Promise<CompactNetwork | undefined> {
  const rows = await client.all<{ fingerprint: string; data: string }>(
    'SELECT fingerprint, data FROM graph_snapshot_chunks WHERE name = ? ORDER BY chunk',
    [NAME],
  );
  if (rows.length === 0 || rows.some((row) => row.fingerprint !== fingerprint)) return undefined;
  try {
    return decode(rows.map((row) => row.data).join(''));
  } catch {
    // Written by another program version (or cut short): read from the rows instead.
    return undefined;
  }
}

/** Stores `network` as the snapshot made at `fingerprint`, replacing any earlier one. */
export async function writeNetworkSnapshot(
  client: SqlClient,
  fingerprint: string,
  network: CompactNetwork,
): Promise<void> {
  const text = encode(network);
  const rows: [string, number, string, string][] = [];
  for (let at = 0, chunk = 0; at < text.length || chunk === 0; at += CHUNK_CHARS, chunk++)
    rows.push([NAME, chunk, fingerprint, text.slice(at, at + CHUNK_CHARS)]);
  await client.transaction(async (tx) => {
    await tx.run('DELETE FROM graph_snapshot_chunks WHERE name = ?', [NAME]);
    await tx.runMany(
      'INSERT INTO graph_snapshot_chunks (name, chunk, fingerprint, data) VALUES (?, ?, ?, ?)',
      rows,
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

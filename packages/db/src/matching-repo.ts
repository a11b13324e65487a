import { ZMatchFeedback, type MatchFeedback } from '#core/match-feedback.ts';
import type { MatchingRepo } from '#core/ports.ts';
import { createSqlAuditRepo } from './audit-repo.ts';
import { optionalNumber, optionalText, readJson } from './json-column.ts';
import type { SqlClient } from './sql-client.ts';

/** Characters of base64 per stored chunk of a serialised index. */
const CHUNK_CHARS = 8 << 20;

const TABLES = { seeds: 'seeds', needs: 'needs', actors: 'actors', relations: 'relations' };

/** Match feedback, index snapshots (base64 chunks, portable across both dialects), fingerprints. */
export function createSqlMatchingRepo(client: SqlClient): MatchingRepo {
  let hasNeedAssignments: boolean | undefined;
  return {
    async addFeedback(feedback, audit) {
      if (audit !== undefined) {
        await client.transaction(async (tx) => {
          await createSqlMatchingRepo(tx).addFeedback(feedback);
          await createSqlAuditRepo(tx).append(audit);
        });
        return;
      }
      await client.run(
        `INSERT INTO match_feedback (id, need_id, seed_id, decision, reason, note, need_field, seed_field, seed_trl, need_terms, consultation_id, actor_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          feedback.id,
          feedback.needId,
          feedback.seedId,
          feedback.decision,
          feedback.reason ?? null,
          feedback.note ?? null,
          feedback.needField ?? null,
          feedback.seedField ?? null,
          feedback.seedTrl ?? null,
          JSON.stringify(feedback.needTerms),
          feedback.consultationId ?? null,
          feedback.actorId,
          feedback.at,
        ],
      );
    },
    async listFeedback() {
      const rows = await client.all('SELECT * FROM match_feedback ORDER BY at, id');
      return rows.map((row): MatchFeedback =>
        ZMatchFeedback.parse({
          id: row['id'],
          needId: row['need_id'],
          seedId: row['seed_id'],
          decision: row['decision'],
          reason: optionalText(row['reason']),
          note: optionalText(row['note']),
          needField: optionalText(row['need_field']),
          seedField: optionalText(row['seed_field']),
          seedTrl: optionalNumber(row['seed_trl']),
          needTerms: readJson(row['need_terms']),
          consultationId: optionalText(row['consultation_id']),
          actorId: row['actor_id'],
          at: row['at'],
        }),
      );
    },
    async judgedNeedIds(where) {
      const [column, value] =
        'seedId' in where ? ['seed_id', where.seedId] : ['need_id', where.needId];
      const rows = await client.all<{ need_id: string }>(
        `SELECT need_id FROM match_feedback WHERE ${column} = ? ORDER BY at, id`,
        [value],
      );
      return rows.map((row) => String(row.need_id));
    },
    async fingerprint(entity) {
      const rows = await client.all(
        `SELECT count(*) AS n, max(updated_at) AS u, sum(version) AS v FROM ${TABLES[entity]}`,
      );
      const row = rows[0] ?? {};
      return `${String(row['n'] ?? 0)}:${String(row['u'] ?? '')}:${String(row['v'] ?? 0)}`;
    },
    async versions(entity) {
      const rows = await client.all<{ id: string; version: number }>(
        `SELECT id, version FROM ${TABLES[entity]}`,
      );
      return new Map(rows.map((row) => [String(row.id), Number(row.version)]));
    },
    async saveIndexSnapshot(name, fingerprint, bytes) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
      await client.transaction(async (tx) => {
        await tx.run('DELETE FROM matching_index_chunks WHERE name = ?', [name]);
        const rows: [string, number, string, string][] = [];
        for (let at = 0, chunk = 0; at < text.length || chunk === 0; at += CHUNK_CHARS, chunk++) {
          rows.push([name, chunk, fingerprint, text.slice(at, at + CHUNK_CHARS)]);
        }
        await tx.runMany(
          'INSERT INTO matching_index_chunks (name, chunk, fingerprint, data) VALUES (?, ?, ?, ?)',
          rows,
        );
      });
    },
    async loadIndexSnapshot(name) {
      const rows = await client.all<{ fingerprint: string; data: string }>(
        'SELECT fingerprint, data FROM matching_index_chunks WHERE name = ? ORDER BY chunk',
        [name],
      );
      const first = rows[0];
      if (first === undefined) return undefined;
      if (rows.some((row) => row.fingerprint !== first.fingerprint)) return undefined;
      const buffer = Buffer.from(rows.map((row) => row.data).join(''), 'base64');
      return {
        fingerprint: first.fingerprint,
        bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
      };
    },
    async needAssignments(needId) {
      // need_assignments arrives with the accounts migration; until then nobody is assigned directly.
      if (hasNeedAssignments !== true) {
        const probe =
          client.dialect === 'sqlite'
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'need_assignments'"
            : "SELECT to_regclass('need_assignments') AS name";
        const rows = await client.all(probe);
        hasNeedAssignments = rows.some((row) => row['name'] !== null && row['name'] !== undefined);
        if (!hasNeedAssignments) return [];
      }
      const rows = await client.all<{ account_id: string }>(
        'SELECT account_id FROM need_assignments WHERE need_id = ?',
        [needId],
      );
      return rows.map((row) => String(row.account_id));
    },
  };
}

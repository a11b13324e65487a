import type { AnalysisRun, AnalysisRunRepo } from '#core/ports.ts';
import type { SqlClient } from './sql-client.ts';

function parseJson(value: unknown): Record<string, unknown> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error('analysis run column is not a JSON object');
  return parsed as Record<string, unknown>;
}

/** Analysis snapshots in the `analysis_runs` table. */
export function createSqlAnalysisRunRepo(client: SqlClient): AnalysisRunRepo {
  return {
    async save(run) {
      await client.run(
        'INSERT INTO analysis_runs (id, kind, parameters, summary, result, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [
          run.id,
          run.kind,
          JSON.stringify(run.parameters),
          JSON.stringify(run.summary),
          JSON.stringify(run.result),
          run.createdAt,
        ],
      );
    },
    async get(id) {
      const rows = await client.all(
        'SELECT id, kind, parameters, summary, result, created_at FROM analysis_runs WHERE id = ?',
        [id],
      );
      const row = rows[0];
      if (!row) return undefined;
      const run: AnalysisRun = {
        id: String(row['id']),
        kind: String(row['kind']),
        parameters: parseJson(row['parameters']),
        summary: parseJson(row['summary']),
        result:
          typeof row['result'] === 'string'
            ? (JSON.parse(row['result']) as unknown)
            : row['result'],
        createdAt: String(row['created_at']),
      };
      return run;
    },
    async list(kind, limit = 50) {
      const rows = await client.all(
        'SELECT id, kind, parameters, summary, created_at FROM analysis_runs WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT ?',
        [kind, limit],
      );
      return rows.map((row) => ({
        id: String(row['id']),
        kind: String(row['kind']),
        parameters: parseJson(row['parameters']),
        summary: parseJson(row['summary']),
        createdAt: String(row['created_at']),
      }));
    },
  };
}

import type { AnalysisResultRepo } from '#core/ports.ts';
import type { SqlClient } from './sql-client.ts';

/** Migration 16: the kept answers of shared analyses, one row per analysis and parameters. */
export function analysisResultsMigration(): string[] {
  return [
    `CREATE TABLE analysis_results (
  key TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  value TEXT NOT NULL,
  computed_at TEXT NOT NULL
)`,
  ];
}

/** Shared analyses' answers as JSON text in `analysis_results`, each under its data's fingerprint. */
export function createSqlAnalysisResultRepo(client: SqlClient): AnalysisResultRepo {
  return {
    async read(key, fingerprint) {
      const rows = await client.all<{ value: string }>(
        'SELECT value FROM analysis_results WHERE key = ? AND fingerprint = ?',
        [key, fingerprint],
      );
      return rows[0]?.value;
    },
    async write(key, fingerprint, value, computedAt) {
      await client.run(
        `INSERT INTO analysis_results (key, fingerprint, value, computed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, value = excluded.value,
           computed_at = excluded.computed_at`,
        [key, fingerprint, value, computedAt],
      );
    },
    async claim(key, fingerprint, holder, at, staleBefore) {
      // One statement: of two claimants at once, the second finds the first's row and leaves it.
      await client.run(
        `INSERT INTO analysis_results (key, fingerprint, value, computed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, value = excluded.value,
           computed_at = excluded.computed_at
         WHERE analysis_results.fingerprint <> excluded.fingerprint
           OR analysis_results.computed_at < ?`,
        [key, fingerprint, holder, at, staleBefore],
      );
      const rows = await client.all<{ value: string }>(
        'SELECT value FROM analysis_results WHERE key = ? AND fingerprint = ?',
        [key, fingerprint],
      );
      return rows[0]?.value === holder;
    },
    async release(key, holder) {
      await client.run('DELETE FROM analysis_results WHERE key = ? AND value = ?', [key, holder]);
    },
  };
}

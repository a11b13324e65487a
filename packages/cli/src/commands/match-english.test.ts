/**
 * `musubi match text` and `match batch` with English text (issue 13) read the Debian package's
 * EDICT (/usr/share/edict/edict) when the index is built; skipped where it is not installed.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open-database.ts';
import { EDICT_PATH } from '#matching-node/edict-file.ts';
import { buildActor, buildSeed } from '#test/factories.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-match-english-'));

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const context: CommandContext = {
    config: { defaultDatabase: join(dir, 'default.sqlite'), defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: () => undefined },
  };
  const code = await runCli(args, context);
  return { code, out };
}

describe('musubi match with English text', () => {
  it.runIf(existsSync(EDICT_PATH))(
    'finds Japanese seeds for English needs (text and batch, contract unchanged)',
    async () => {
      const db = await sqliteTestDatabase.freshTarget();
      const database = await openDatabase(db);
      await database.repos.entity('actors').upsertMany([buildActor({ id: 'lab' })]);
      await database.repos.entity('seeds').upsertMany([
        buildSeed({
          id: 's-bridge',
          ownerId: 'lab',
          title: 'ドローン画像による橋梁のひび割れ自動点検',
          keywords: ['橋梁', '点検'],
        }),
        buildSeed({
          id: 's-copper',
          ownerId: 'lab',
          title: 'めっき廃液からの銅の電解回収',
          keywords: ['銅', '回収', '排水'],
        }),
        buildSeed({ id: 's-paint', ownerId: 'lab', title: '塗料の乾燥時間の短縮' }),
      ]);
      await database.close();

      const text = await run(['match', 'text', 'Bridge inspection', '--json', '--db', db]);
      expect(text.code).toBe(0);
      const parsed = JSON.parse(text.out) as { results: { seedId: string }[] };
      expect(parsed.results[0]?.seedId).toBe('s-bridge');

      const batchFile = join(dir, 'english.ndjson');
      writeFileSync(
        batchFile,
        [
          '{"id":"bridge","text":"Automatic inspection of bridge cracks"}',
          '{"id":"copper","text":"We want to recover copper from our plating wastewater"}',
        ].join('\n'),
      );
      const batch = await run(['match', 'batch', batchFile, '--limit', '3', '--json', '--db', db]);
      expect(batch.code).toBe(0);
      const lines = batch.out
        .trim()
        .split('\n')
        .map(
          (l) => JSON.parse(l) as { id: string; results: { seedId: string; confidence: string }[] },
        );
      expect(lines.map((l) => [l.id, l.results[0]?.seedId])).toEqual([
        ['bridge', 's-bridge'],
        ['copper', 's-copper'],
      ]);
      for (const line of lines) expect(line.results.length).toBeLessThanOrEqual(3);
    },
    120_000,
  );
});

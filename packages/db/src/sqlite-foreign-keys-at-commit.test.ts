import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';
import { isSqliteClient } from './sqlite-client.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-fk-at-commit-'));
const NOW = '2026-01-01T00:00:00.000Z';
const insertActor = `INSERT INTO actors (id, kind, sector, name, prefecture_code, version, updated_at) VALUES (?, 'organization', 'company', '甲', '13', 1, '${NOW}')`;
const insertRelation = `INSERT INTO relations (id, source_id, target_id, type, weight, version, updated_at) VALUES (?, ?, ?, 'mou', 1, 1, '${NOW}')`;

describe('SQLite foreign keys checked at commit', () => {
  it('commits rows that name existing records, rolls back any that do not, and checks row by row again after', async () => {
    const db = await openDatabase(join(dir, 'fk.sqlite'));
    try {
      const client = db.client;
      if (!isSqliteClient(client)) throw new Error('expected the SQLite client');
      await client.run(insertActor, ['a1']);
      await client.run(insertActor, ['a2']);
      const atCommit = { foreignKeysAtCommit: ['relations'] };
      await client.transaction(async (tx) => {
        await tx.run(insertRelation, ['a1>a2:mou@', 'a1', 'a2']);
      }, atCommit);
      const failed = client.transaction(async (tx) => {
        await tx.run(insertRelation, ['a2>a1:mou@', 'a2', 'a1']);
        // Accepted row by row while the check waits for the commit…
        await tx.run(insertRelation, ['a1>nobody:mou@', 'a1', 'nobody']);
      }, atCommit);
      // …which refuses the whole transaction.
      await expect(failed).rejects.toThrow(/1 rows of relations name records that do not exist/);
      expect(await client.all('SELECT id FROM relations')).toEqual([{ id: 'a1>a2:mou@' }]);
      await expect(client.run(insertRelation, ['a2>nobody:mou@', 'a2', 'nobody'])).rejects.toThrow(
        /FOREIGN KEY/,
      );
    } finally {
      await db.close();
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { cliActor } from '../cli-audit.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-cli-audit-'));

function quiet(): CommandContext {
  return {
    config: { defaultDatabase: join(dir, 'default.sqlite'), defaultPort: 0 },
    stdout: { write: () => undefined },
    stderr: { write: () => undefined },
  };
}

describe.each(TEST_DATABASES)('CLI audit on $name', (kind) => {
  it('M6: import and export are audited with the operating-system user, the entity, the counts and the file', async () => {
    const db = await kind.freshTarget();
    const actors = join(dir, `${kind.name}-actors.csv`);
    writeFileSync(
      actors,
      'id,kind,sector,name,prefecture_code\nc1,organization,company,阿波精工,36\n',
    );
    const needs = join(dir, `${kind.name}-needs.csv`);
    writeFileSync(
      needs,
      'id,kind,title,owner_id,confidentiality\nn1,company,秘密の課題,c1,confidential\nn2,company,公開の課題,c1,public\n',
    );
    expect(await runCli(['import', 'actors', actors, '--db', db], quiet())).toBe(0);
    expect(await runCli(['import', 'needs', needs, '--db', db], quiet())).toBe(0);
    const out = join(dir, `${kind.name}-needs.ndjson`);
    expect(
      await runCli(['export', 'needs', '--format', 'ndjson', '--out', out, '--db', db], quiet()),
    ).toBe(0);

    const database = await openDatabase(db);
    try {
      const { items } = await database.repos.audit.list({ limit: 10 });
      expect(items.map((e) => [e.action, e.entity, e.accountId])).toEqual([
        ['export', 'needs', cliActor()],
        ['import', 'needs', cliActor()],
        ['import', 'actors', cliActor()],
      ]);
      expect(cliActor()).toMatch(/^cli(:.+)?$/);
      expect(items[0]?.after).toMatchObject({ records: 2, confidential: 1, file: out });
      expect(items[1]?.after).toMatchObject({ written: 2, rejected: 0, rows: 2, file: needs });
    } finally {
      await database.close();
    }
  });
});

/** M7 (issue 12): the rejects file of `import --partial` is escaped against formula injection too. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { TEST_WORK_DIR } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

describe('import rejects file', () => {
  it('M7: escapes cells that would start a formula', async () => {
    const file = join(TEST_WORK_DIR, 'formula-actors.csv');
    writeFileSync(
      file,
      [
        'id,kind,sector,name,prefecture_code',
        'x1,organization,company,"=HYPERLINK(""http://evil.example"",""x"")",48',
      ].join('\n'),
    );
    const db = join(TEST_WORK_DIR, 'formula.sqlite');
    const context: CommandContext = {
      config: { defaultDatabase: db, defaultPort: 0 },
      stdout: { write: () => true },
      stderr: { write: () => true },
    };
    await runCli(['import', 'actors', file, '--partial', '--db', db], context);
    const rows = parse(readFileSync(`${file}.rejects.csv`, 'utf8')) as string[][];
    expect(rows[1]).toContain('\'=HYPERLINK("http://evil.example","x")');
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

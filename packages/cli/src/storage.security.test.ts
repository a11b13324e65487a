/**
 * L-storage (issue 12): a database that cannot be written ends the CLI with one line and exit 10,
 * not a stack trace. The file is made immutable with chattr (works as root, even for root); where
 * chattr is not available the test is skipped.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_WORK_DIR } from '#test/test-databases.ts';
import type { CommandContext } from './context.ts';
import { EXIT_STORAGE_NOT_WRITABLE } from './exit-codes.ts';
import { runCli } from './main.ts';

function chattr(flag: '+i' | '-i', path: string): boolean {
  try {
    execFileSync('chattr', [flag, path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function capture() {
  let out = '';
  let err = '';
  const context: CommandContext = {
    config: { defaultDatabase: join(TEST_WORK_DIR, 'unused.sqlite'), defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  };
  return { context, out: () => out, err: () => err };
}

describe('the CLI on a database that cannot be written', () => {
  const locked: string[] = [];
  afterEach(() => {
    for (const path of locked.splice(0)) chattr('-i', path);
  });

  it('L-storage: prints one line and exits 10 when the database is read-only', async () => {
    const db = join(TEST_WORK_DIR, 'read-only.sqlite');
    expect(await runCli(['stats', '--db', db], capture().context)).toBe(0);
    const file = join(TEST_WORK_DIR, 'read-only-actors.csv');
    writeFileSync(
      file,
      'id,kind,sector,name,prefecture_code\nc1,organization,company,阿波精工株式会社,36\n',
    );
    if (!chattr('+i', db)) return; // no chattr here (not root, or a file system without it)
    locked.push(db);
    const run = capture();
    expect(await runCli(['import', 'actors', file, '--db', db], run.context)).toBe(
      EXIT_STORAGE_NOT_WRITABLE,
    );
    expect(run.err()).toMatch(/^musubi: the database is read-only.*\n$/);
    expect(run.err().split('\n')).toHaveLength(2);
    expect(run.err()).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

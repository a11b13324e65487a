import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '#demo/demo-accounts.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-demo-'));

function capture() {
  let out = '';
  const context: CommandContext = {
    config: { defaultDatabase: join(dir, 'default.sqlite'), defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: () => undefined },
  };
  return { context, out: () => out };
}

describe('musubi demo', () => {
  it('prints one demo account per role with its password', async () => {
    const run = capture();
    expect(await runCli(['demo', '--db', join(dir, 'demo.sqlite')], run.context)).toBe(0);
    for (const account of DEMO_ACCOUNTS) {
      expect(run.out()).toContain(account.email);
      expect(run.out()).toContain(account.password);
    }
  }, 120_000);
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open-database.ts';
import { loadRegionFixture } from '#test/region-report-fixture.ts';
import { sqliteTestDatabase, TEST_WORK_DIR } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

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

describe('programme, support, case and report commands', () => {
  let target: string;
  beforeAll(async () => {
    target = await sqliteTestDatabase.freshTarget();
    const db = await openDatabase(target);
    await loadRegionFixture(db.repos);
    await db.close();
  });

  it('analyze continuation --json keeps the contract and explains thin data', async () => {
    const run = capture();
    expect(
      await runCli(
        ['analyze', 'continuation', '--db', target, '--as-of-fy', '2026', '--json'],
        run.context,
      ),
    ).toBe(0);
    const output = JSON.parse(run.out()) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(
      expect.arrayContaining(['records', 'factors', 'crossTabs', 'survival', 'summary']),
    );
    expect(output['records']).toBe(1);
    expect(output['summary']).toContain('要因の回帰分析は行えませんでした');
    expect(run.out()).not.toContain('NaN');
    const readable = capture();
    expect(await runCli(['analyze', 'continuation', '--db', target], readable.context)).toBe(0);
    expect(readable.out()).toContain('JAREC知見1');
  });

  it('support fit lists fitting measures with reasons, and refuses a missing subject', async () => {
    const run = capture();
    expect(await runCli(['support', 'fit', '--db', target, '--actor', 'f-c1'], run.context)).toBe(
      0,
    );
    expect(run.out()).toContain('博多精機<株>');
    const bad = capture();
    expect(await runCli(['support', 'fit', '--db', target], bad.context)).not.toBe(0);
    expect(bad.err()).toContain('exactly one');
  });

  it('cases search and cases factors', async () => {
    const search = capture();
    expect(
      await runCli(
        ['cases', 'search', '--db', target, '--prefecture', '40', '--json'],
        search.context,
      ),
    ).toBe(0);
    expect(JSON.parse(search.out())).toMatchObject({ total: 1 });
    const factors = capture();
    expect(await runCli(['cases', 'factors', '--db', target], factors.context)).toBe(0);
    expect(factors.out()).toContain('1 success(es), 1 failure(s)');
  });

  it('report writes printable HTML, and a PDF through Debian chromium', async () => {
    const html = join(TEST_WORK_DIR, 'report.html');
    const run = capture();
    expect(
      await runCli(['report', '--db', target, '--prefecture', '40', '--out', html], run.context),
    ).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('地域レポート: 福岡県');
    const bad = capture();
    expect(
      await runCli(['report', '--db', target, '--prefecture', '40', '--out', 'x.txt'], bad.context),
    ).not.toBe(0);
    if (!existsSync('/usr/bin/chromium')) return;
    const pdf = join(TEST_WORK_DIR, 'report.pdf');
    expect(
      await runCli(
        ['report', '--db', target, '--prefecture', '40', '--out', pdf],
        capture().context,
      ),
    ).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
  it('projects health and projects portfolio', async () => {
    const health = capture();
    expect(
      await runCli(['projects', 'health', '--db', target, '--project', 'pj-1'], health.context),
    ).toBe(0);
    expect(health.out()).toContain('team lacks');
    const portfolio = capture();
    expect(
      await runCli(
        ['projects', 'portfolio', '--db', target, '--prefecture', '40', '--json'],
        portfolio.context,
      ),
    ).toBe(0);
    expect(JSON.parse(portfolio.out())).toMatchObject({ scope: { name: '福岡県' } });
  });
});

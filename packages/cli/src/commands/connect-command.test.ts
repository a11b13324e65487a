import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePath } from '#test/connector-input.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-connect-'));

function capture() {
  let out = '';
  let err = '';
  const context: CommandContext = {
    config: { defaultDatabase: join(dir, 'default.sqlite'), defaultPort: 0 },
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  };
  return { context, out: () => out, err: () => err };
}

const KEYS = ['source', 'read', 'added', 'updated', 'unchanged', 'closed', 'rejected', 'review'];

describe.each(TEST_DATABASES)('musubi connect on $name', (kind) => {
  it('prints the report object; a second run adds and updates nothing', async () => {
    const db = await kind.freshTarget();
    const file = samplePath('houjin-bangou', 'diff_20211001_unicode_sample.csv');
    const first = capture();
    expect(
      await runCli(['connect', 'houjin-bangou', file, '--db', db, '--json'], first.context),
    ).toBe(0);
    const report = JSON.parse(first.out()) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(KEYS);
    expect(report).toMatchObject({ source: 'houjin-bangou', read: 25, updated: 0, rejected: 0 });
    const second = capture();
    expect(
      await runCli(['connect', 'houjin-bangou', file, '--db', db, '--json'], second.context),
    ).toBe(0);
    expect(JSON.parse(second.out())).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: report['added'],
    });
  });

  it('--dry-run writes nothing', async () => {
    const db = await kind.freshTarget();
    const run = capture();
    const file = samplePath('jgrants', 'subsidies_list_record_from_fixture.json');
    expect(
      await runCli(['connect', 'jgrants', file, '--db', db, '--dry-run', '--json'], run.context),
    ).toBe(0);
    expect(JSON.parse(run.out())).toMatchObject({ added: 1 });
    const again = capture();
    expect(await runCli(['connect', 'jgrants', file, '--db', db, '--json'], again.context)).toBe(0);
    expect(JSON.parse(again.out())).toMatchObject({ added: 1 });
  });

  it('names the wrong source and a bad check digit, exit codes 2 and 3', async () => {
    const db = await kind.freshTarget();
    const wrong = capture();
    expect(
      await runCli(
        [
          'connect',
          'estat',
          samplePath('gbizinfo', 'v1_hojin_3011101042092_jigjp.json'),
          '--db',
          db,
        ],
        wrong.context,
      ),
    ).toBe(2);
    expect(wrong.err()).toMatch(/not a e-Stat file/);
    const lines = readFileSync(
      samplePath('houjin-bangou', 'diff_20211001_unicode_sample.csv'),
      'utf8',
    ).split('\n');
    lines[1] = (lines[1] ?? '').replace(',1010001217137,', ',2010001217137,');
    const bad = join(dir, `${kind.name}-bad.csv`);
    writeFileSync(bad, lines.join('\n'));
    const run = capture();
    expect(await runCli(['connect', 'houjin-bangou', bad, '--db', db, '--json'], run.context)).toBe(
      3,
    );
    expect(run.err()).toMatch(
      /line 2, corporateNumber: 法人番号 2010001217137 のチェックデジットが正しくありません/,
    );
    expect(JSON.parse(run.out())).toMatchObject({ rejected: 1, added: 0 });
    const stats = capture();
    await runCli(['stats', '--json', '--db', db], stats.context);
    expect(JSON.parse(stats.out())).toMatchObject({ actors: 0 });
  });

  it('review list, merge and keep-apart', async () => {
    const db = await kind.freshTarget();
    const actors = join(dir, `${kind.name}-actors.csv`);
    writeFileSync(
      actors,
      'id,kind,sector,name,prefecture_code\nme-akita,organization,public_research,秋田県畜産試験所,05\n',
    );
    expect(await runCli(['import', 'actors', actors, '--db', db], capture().context)).toBe(0);
    const researcher = samplePath('researchmap', 'researcher_0000010581_read0001541_trimmed.json');
    const run = capture();
    expect(
      await runCli(['connect', 'researchmap', researcher, '--db', db, '--json'], run.context),
    ).toBe(0);
    expect(JSON.parse(run.out())).toMatchObject({ review: 1 });
    const list = capture();
    expect(await runCli(['review', 'list', '--db', db, '--json'], list.context)).toBe(0);
    const [queued] = JSON.parse(list.out()) as { id: string; candidateId: string }[];
    expect(queued?.candidateId).toBe('me-akita');
    const merge = capture();
    expect(await runCli(['review', 'merge', queued?.id ?? '', '--db', db], merge.context)).toBe(0);
    expect(merge.out()).toMatch(/merged into me-akita/);
    const again = capture();
    expect(
      await runCli(['review', 'keep-apart', queued?.id ?? '', '--db', db], again.context),
    ).toBe(5);
    const rerun = capture();
    expect(
      await runCli(['connect', 'researchmap', researcher, '--db', db, '--json'], rerun.context),
    ).toBe(0);
    expect(JSON.parse(rerun.out())).toMatchObject({ review: 0 });
  });
});

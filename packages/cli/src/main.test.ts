import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '#core/entities/registry.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import type { CommandContext } from './context.ts';
import { runCli } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-cli-'));
const ROOT = resolve(import.meta.dirname, '../../..');

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

const ACTORS = [
  'id,kind,sector,name,prefecture_code,flags',
  'u1,organization,university,徳島大学,36,',
  'c1,organization,company,阿波精工株式会社,36,sme',
  'c2,organization,company,讃岐製作所,37,sme',
].join('\n');

describe.each(TEST_DATABASES)('musubi CLI on $name', (kind) => {
  it('imports, reports stats as JSON with every entity key, and exports', async () => {
    const db = await kind.freshTarget();
    const actors = join(dir, `${kind.name}-actors.csv`);
    writeFileSync(actors, ACTORS);
    const imported = capture();
    expect(await runCli(['import', 'actors', actors, '--db', db], imported.context)).toBe(0);
    expect(imported.out()).toMatch(/actors: 3 written, 0 rejected of 3 rows \(csv, utf-8\)/);

    const stats = capture();
    expect(await runCli(['stats', '--json', '--db', db], stats.context)).toBe(0);
    const counts = JSON.parse(stats.out()) as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual([...ENTITY_NAMES, 'prefectures'].sort());
    expect(counts).toMatchObject({ actors: 3, relations: 0, prefectures: 2 });

    const out = join(dir, `${kind.name}-out.ndjson`);
    const exported = capture();
    expect(
      await runCli(
        ['export', 'actors', '--format', 'ndjson', '--out', out, '--db', db],
        exported.context,
      ),
    ).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('fails with exit 3 naming row and field, and imports nothing', async () => {
    const db = await kind.freshTarget();
    const bad = join(dir, `${kind.name}-bad.csv`);
    writeFileSync(bad, `${ACTORS}\nx1,organization,company,X,48,`);
    const run = capture();
    expect(await runCli(['import', 'actors', bad, '--db', db], run.context)).toBe(3);
    expect(run.err()).toContain('1 of 4 rows rejected; nothing was imported');
    expect(run.err()).toContain('row 5, prefecture_code: not a prefecture code 01..47');
    const stats = capture();
    await runCli(['stats', '--json', '--db', db], stats.context);
    expect(JSON.parse(stats.out())).toMatchObject({ actors: 0 });
  });

  it('with --partial imports the valid rows and writes the rejects file', async () => {
    const db = await kind.freshTarget();
    const bad = join(dir, `${kind.name}-partial.csv`);
    writeFileSync(bad, `${ACTORS}\nx1,organization,company,X,48,`);
    const run = capture();
    expect(await runCli(['import', 'actors', bad, '--partial', '--db', db], run.context)).toBe(0);
    expect(run.out()).toContain('3 written, 1 rejected');
    const rejects = readFileSync(`${bad}.rejects.csv`, 'utf8');
    expect(rejects).toContain('_row,_errors,id,kind,sector,name,prefecture_code,flags');
    expect(rejects).toContain(
      '5,prefecture_code: not a prefecture code 01..47,x1,organization,company,X,48,',
    );
  });
});

describe('musubi CLI usage', () => {
  it.each(['start', 'demo', 'import', 'export', 'stats', 'serve'])(
    '%s --help describes --db',
    async (command) => {
      const run = capture();
      expect(await runCli([command, '--help'], run.context)).toBe(0);
      expect(run.out()).toContain('--db <pathOrUrl>');
    },
  );

  it('names the unknown entity and the valid ones', async () => {
    const run = capture();
    const file = join(dir, 'x.csv');
    writeFileSync(file, ACTORS);
    expect(
      await runCli(['import', 'actresses', file, '--db', join(dir, 'u.sqlite')], run.context),
    ).toBe(3);
    expect(run.err()).toContain('unknown entity "actresses"; one of: actors, relations');
  });

  it('says clearly when the database cannot be reached', async () => {
    const run = capture();
    const code = await runCli(
      ['stats', '--db', 'postgres://nobody:secret@127.0.0.1:1/none'],
      run.context,
    );
    expect(code).toBe(9);
    expect(run.err()).toContain('cannot open database postgres://nobody:***@127.0.0.1:1/none');
    expect(run.err()).not.toContain('secret');
  });

  it('leaves the database as it was when the import process is killed mid-way', async () => {
    const db = join(dir, 'killed.sqlite');
    const actors = join(dir, 'kill-actors.csv');
    const rows = ['id,kind,sector,name,prefecture_code'];
    for (let i = 0; i < 2000; i++)
      rows.push(`a${i},organization,company,会社${i},${String((i % 47) + 1).padStart(2, '0')}`);
    writeFileSync(actors, rows.join('\n'));
    expect(await runCli(['import', 'actors', actors, '--db', db], capture().context)).toBe(0);

    const relations = join(dir, 'kill-relations.csv');
    const lines = ['source_id,target_id,type,weight,start_date'];
    for (let i = 0; i < 400_000; i++) {
      lines.push(
        `a${i % 2000},a${(i * 7 + 1) % 2000},joint_research,1,${2000 + (i % 25)}-0${(i % 9) + 1}-01`,
      );
    }
    writeFileSync(relations, lines.join('\n'));
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/musubi.mjs'), 'import', 'relations', relations, '--db', db],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const exited = new Promise<[number | null, string | null]>((done) =>
      child.on('exit', (c, s) => done([c, s])),
    );
    // Kill at the first progress line: rows are being written inside the open transaction.
    let stderr = '';
    await new Promise<void>((done) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('import relations:')) done();
      });
      void exited.then(() => done());
    });
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect({ code, signal, stderr: stderr.slice(0, 200) }).toMatchObject({ signal: 'SIGKILL' });

    const check = new Database(db);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('SELECT count(*) AS n FROM relations').get()).toEqual({ n: 0 });
    expect(check.prepare('SELECT count(*) AS n FROM actors').get()).toEqual({ n: 2000 });
    check.close();
  }, 60_000);
});

describe('musubi analyze', () => {
  it('prints communities, roles and gap-fill candidates in the contract JSON shapes', async () => {
    const db = join(dir, 'analyze.sqlite');
    const { openDatabase } = await import('#db/open-database.ts');
    const { loadDemoEcosystem } = await import('#demo/load-demo-ecosystem.ts');
    const database = await openDatabase(db);
    await loadDemoEcosystem(database.repos, { scale: 0.05 });
    await database.close();

    const communities = capture();
    expect(
      await runCli(
        ['analyze', 'communities', '--seed', '2', '--json', '--db', db],
        communities.context,
      ),
    ).toBe(0);
    const partition = JSON.parse(communities.out()) as {
      modularity: number;
      ami: number;
      communities: {
        id: string;
        members: string[];
        prefectures: string[];
        crossPrefectureShare: number;
        wheel: Record<string, string[]>;
        gaps: unknown[];
      }[];
    };
    expect(typeof partition.modularity).toBe('number');
    expect(typeof partition.ami).toBe('number');
    const first = partition.communities[0];
    expect(first && Object.keys(first)).toEqual(
      expect.arrayContaining([
        'id',
        'members',
        'prefectures',
        'crossPrefectureShare',
        'wheel',
        'gaps',
      ]),
    );
    expect(first && Object.keys(first.wheel)).toEqual([
      'university',
      'large_companies',
      'new_companies',
      'national_government',
      'regional_government',
      'local_government',
      'support_groups',
    ]);

    const roles = capture();
    expect(await runCli(['analyze', 'roles', '--json', '--db', db], roles.context)).toBe(0);
    expect(Object.keys(JSON.parse(roles.out()) as object)).toEqual(
      expect.arrayContaining(['starScientists', 'coreCompanies', 'anchorCompanies']),
    );

    const gapFill = capture();
    expect(
      await runCli(
        [
          'analyze',
          'gap-fill',
          '--community',
          first?.id ?? 'c1',
          '--seed',
          '2',
          '--json',
          '--db',
          db,
        ],
        gapFill.context,
      ),
    ).toBe(0);
    const candidates = (
      JSON.parse(gapFill.out()) as { candidates: { id: string; reasons: unknown[] }[] }
    ).candidates;
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates[0]?.reasons.length).toBeGreaterThan(0);

    const missing = capture();
    expect(await runCli(['analyze', 'gap-fill', '--db', db], missing.context)).toBe(3);
    expect(missing.err()).toContain('--community is required');
  }, 60_000);
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#db/open-database.ts';
import { loadWorld } from '#test/matching-world.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-match-cli-'));

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

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await runCli(args, c.context);
  return { code, out: c.out(), err: c.err() };
}

describe('musubi match / consult / index', () => {
  it('matches needs, text, seeds and batches, and runs a consultation', async () => {
    const db = await sqliteTestDatabase.freshTarget();
    const database = await openDatabase(db);
    await loadWorld(database.repos);
    await database.close();

    const need = await run(['match', 'need', 'n-public', '--json', '--limit', '5', '--db', db]);
    expect(need.code).toBe(0);
    const parsed = JSON.parse(need.out) as {
      results: {
        seedId: string;
        score: number;
        explanation: { terms: unknown[]; signals: Record<string, number>; path: unknown[] };
      }[];
    };
    expect(parsed.results[0]).toMatchObject({
      seedId: expect.any(String),
      score: expect.any(Number),
    });
    expect(parsed.results.map((r) => r.seedId)).toContain('s-chelate');
    expect(Object.keys(parsed.results[0]?.explanation.signals ?? {})).toContain('network');

    const text = await run([
      'match',
      'text',
      '排水の銅を回収したい',
      '--region',
      'in-region',
      '--prefecture',
      '36',
      '--json',
      '--db',
      db,
    ]);
    expect(JSON.parse(text.out).results.map((r: { seedId: string }) => r.seedId)).toContain(
      's-chelate',
    );
    expect((await run(['match', 'text', 'x', '--region', 'mars', '--db', db])).code).toBe(3);
    const inherited = await run(['match', 'text', 'x', '--region', 'constructor', '--db', db]);
    expect(inherited.code).toBe(3);
    expect(inherited.err).toContain('--region must be any | near | in');

    const secret = await run(['match', 'need', 'n-secret', '--json', '--db', db]);
    expect(secret.code).toBe(4);
    expect(secret.err).not.toContain('讃岐');
    expect(
      (
        await run([
          'match',
          'need',
          'n-secret',
          '--org',
          'c2',
          '--role',
          'member',
          '--json',
          '--db',
          db,
        ])
      ).code,
    ).toBe(0);

    const reverse = await run(['match', 'seed', 's-plating', '--json', '--db', db]);
    expect(reverse.code).toBe(0);
    expect(reverse.out).not.toContain('c2');

    const batchFile = join(dir, 'batch.ndjson');
    writeFileSync(
      batchFile,
      [
        '{"id":"a","text":"工場排水から銅を回収したい"}',
        'not json',
        '{"id":2,"text":"  "}',
        '{"id":"drift","text":"ドローンで撮った橋梁の銅の部分を点検したい"}',
      ].join('\n'),
    );
    const batch = await run(['match', 'batch', batchFile, '--json', '--db', db]);
    const lines = batch.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'a', results: expect.any(Array) });
    const first = (lines[0]?.results as { seedId: string; score: number; confidence: string }[])[0];
    expect(first).toMatchObject({ seedId: expect.any(String), score: expect.any(Number) });
    expect(['high', 'medium', 'low']).toContain(first?.confidence);
    expect(lines[3]).toMatchObject({ id: 'drift', results: [], noGoodMatch: expect.any(Object) });
    expect(lines[1]).toMatchObject({ line: 2, error: expect.any(String) });
    expect(lines[2]).toMatchObject({ id: '2', error: 'the query text is empty' });

    const rebuilt = await run(['index', 'rebuild', '--json', '--db', db]);
    expect(JSON.parse(rebuilt.out)).toMatchObject({ seeds: 4, sharedNeeds: 2 });

    const opened = await run(['consult', 'open', 'n-public', '--as', 'k1', '--json', '--db', db]);
    const id = (JSON.parse(opened.out) as { id: string }).id;
    expect((await run(['consult', 'move', id, 'triage', '--as', 'k1', '--db', db])).out).toContain(
      'triage 振り分け',
    );
    expect(
      (await run(['consult', 'move', id, 'closed', '--outcome', 'lost', '--as', 'k1', '--db', db]))
        .code,
    ).toBe(3);
    expect(
      (
        await run([
          'consult',
          'move',
          id,
          'closed',
          '--outcome',
          'lost',
          '--reason',
          '予算不足',
          '--as',
          'k1',
          '--db',
          db,
        ])
      ).code,
    ).toBe(0);
    const list = await run(['consult', 'list', '--as', 'k1', '--json', '--db', db]);
    expect(JSON.parse(list.out).consultations[0]).toMatchObject({
      id,
      stage: 'closed',
      outcome: 'lost',
    });
    const show = await run(['consult', 'show', id, '--as', 'k1', '--db', db]);
    expect(show.out).toContain('moved → closed');
    const figures = await run(['consult', 'figures', '--as', 'k1', '--json', '--db', db]);
    expect(JSON.parse(figures.out).total).toMatchObject({ consultations: 1, lost: 1 });
  }, 120_000);

  it('reads the region’s own dictionary that MUSUBI_DICTIONARY names, and rebuilds for it', async () => {
    const db = await sqliteTestDatabase.freshTarget();
    const database = await openDatabase(db);
    await loadWorld(database.repos);
    await database.close();
    // かなけ (iron taste in well water) is a word of the region, in no packaged dictionary.
    const need = '井戸水のかなけを取りたい';
    const first = async () => {
      const answer = await run(['match', 'text', need, '--json', '--db', db]);
      expect(answer.code).toBe(0);
      return JSON.parse(answer.out) as {
        results?: { seedId: string; explanation: { terms: { term: string; from?: string[] }[] } }[];
      };
    };
    const before = await first();
    expect(before.results?.[0]?.seedId).not.toBe('s-chelate');
    const path = join(dir, 'region-dictionary.csv');
    writeFileSync(path, 'term,related,category\nかなけ,重金属|吸着,生活語\n');
    process.env['MUSUBI_DICTIONARY'] = path;
    try {
      const after = await first();
      expect(after.results?.[0]?.seedId).toBe('s-chelate');
      const reached = after.results?.[0]?.explanation.terms.find((t) => t.term === '重金属');
      expect(reached?.from).toEqual(['カナケ']);
      // A bad file is refused with its line, not matched without it.
      writeFileSync(path, 'term,related\n,重金属\n');
      const refused = await run(['match', 'text', need, '--db', db]);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toMatch(/line 2: term is required/);
    } finally {
      delete process.env['MUSUBI_DICTIONARY'];
    }
  }, 60_000);
});

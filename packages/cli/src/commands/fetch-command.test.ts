import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePath } from '#test/connector-input.ts';
import { startSampleApiServer, type SampleApiServer } from '#test/sample-api-server.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import type { CommandContext } from '../context.ts';
import { runCli } from '../main.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-fetch-cli-'));
const KEY = 'nta-app-id-secret';
let folders = 0;
const folder = () => join(dir, `download-${++folders}`);

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

let api: SampleApiServer;
beforeAll(async () => {
  const first = await readFile(
    samplePath('houjin-bangou', 'webapi_v4_diff_response_excerpt.xml'),
    'utf8',
  );
  const second = (
    await readFile(samplePath('houjin-bangou', 'webapi_v4_num_response.xml'), 'utf8')
  ).replace(
    '<divideNumber>1</divideNumber><divideSize>1</divideSize>',
    '<divideNumber>2</divideNumber><divideSize>2</divideSize>',
  );
  api = await startSampleApiServer([
    { path: '/4/diff', params: { divide: '1', id: KEY }, body: first },
    { path: '/4/diff', params: { divide: '2', id: KEY }, body: second },
    {
      path: '/subsidies',
      params: { keyword: '経済安全保障' },
      body: await readFile(
        samplePath('jgrants', 'subsidies_list_record_from_fixture.json'),
        'utf8',
      ),
    },
  ]);
});
afterAll(async () => api.close());

const houjinQuery = ['--query', 'from=2022-01-26', '--query', 'to=2022-02-03'];

describe.each(TEST_DATABASES)('online mode of musubi connect on $name', (kind) => {
  it('fetches every page with the key and imports them; the key is printed nowhere', async () => {
    const db = await kind.freshTarget();
    const run = capture();
    const args = ['connect', 'houjin-bangou', '--api', ...houjinQuery, '--api-url', api.url];
    expect(
      await runCli(
        [...args, '--api-key', KEY, '--out', folder(), '--db', db, '--json'],
        run.context,
      ),
    ).toBe(0);
    const report = JSON.parse(run.out()) as Record<string, number>;
    // two corporations on the real first page, one on the second
    expect(report).toMatchObject({ source: 'houjin-bangou', read: 3, rejected: 0 });
    expect(report['added'] ?? 0).toBeGreaterThan(0);
    expect(run.out() + run.err()).not.toContain(KEY);
    // the same query again: nothing new
    const again = capture();
    await runCli(
      [...args, '--api-key', KEY, '--out', folder(), '--db', db, '--json'],
      again.context,
    );
    expect(JSON.parse(again.out())).toMatchObject({ added: 0, updated: 0 });
  });

  it('imports nothing from a download that stopped, and all of it once resumed', async () => {
    const db = await kind.freshTarget();
    const out = folder();
    const args = ['connect', 'houjin-bangou', '--api', ...houjinQuery, '--api-url', api.url];
    const stopped = capture();
    expect(
      await runCli(
        [...args, '--api-key', KEY, '--out', out, '--max-pages', '1', '--db', db, '--json'],
        stopped.context,
      ),
    ).toBe(5);
    expect(stopped.err()).toMatch(/--resume --out/);
    const resumed = capture();
    expect(
      await runCli(
        [...args, '--api-key', KEY, '--out', out, '--resume', '--db', db, '--json'],
        resumed.context,
      ),
    ).toBe(0);
    // the stopped run wrote nothing: every record is new to the resumed import
    expect(JSON.parse(resumed.out())).toMatchObject({ read: 3, rejected: 0, unchanged: 0 });
  });

  it('takes the key from the environment variable, and refuses a connect with neither files nor --api', async () => {
    const db = await kind.freshTarget();
    const run = capture();
    expect(
      await runCli(
        [
          'fetch',
          'jgrants',
          '--query',
          'keyword=経済安全保障',
          '--api-url',
          api.url,
          '--out',
          folder(),
          '--json',
        ],
        run.context,
      ),
    ).toBe(0);
    const fetched = JSON.parse(run.out()) as { files: string[]; complete: boolean };
    expect(fetched).toMatchObject({ complete: true });
    const connect = capture();
    expect(
      await runCli(['connect', 'jgrants', ...fetched.files, '--db', db, '--json'], connect.context),
    ).toBe(0);
    expect(JSON.parse(connect.out())).toMatchObject({ source: 'jgrants', read: 1, rejected: 0 });

    const missingKey = capture();
    const previous = process.env['MUSUBI_HOUJIN_BANGOU_KEY'];
    delete process.env['MUSUBI_HOUJIN_BANGOU_KEY'];
    expect(
      await runCli(
        ['fetch', 'houjin-bangou', ...houjinQuery, '--api-url', api.url, '--out', folder()],
        missingKey.context,
      ),
    ).toBe(3);
    expect(missingKey.err()).toMatch(/MUSUBI_HOUJIN_BANGOU_KEY/);
    process.env['MUSUBI_HOUJIN_BANGOU_KEY'] = KEY;
    try {
      const fromEnv = capture();
      expect(
        await runCli(
          [
            'fetch',
            'houjin-bangou',
            ...houjinQuery,
            '--api-url',
            api.url,
            '--out',
            folder(),
            '--json',
          ],
          fromEnv.context,
        ),
      ).toBe(0);
    } finally {
      if (previous === undefined) delete process.env['MUSUBI_HOUJIN_BANGOU_KEY'];
      else process.env['MUSUBI_HOUJIN_BANGOU_KEY'] = previous;
    }
    const neither = capture();
    expect(await runCli(['connect', 'houjin-bangou', '--db', db], neither.context)).toBe(3);
    expect(neither.err()).toMatch(/--api/);
  });
});

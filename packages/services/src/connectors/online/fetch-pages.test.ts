import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiPlanOf } from '#connectors/online/api-plans.ts';
import { samplePath } from '#test/connector-input.ts';
import { startSampleApiServer, type SampleApiServer } from '#test/sample-api-server.ts';
import { fetchPages, PROGRESS_FILE } from './fetch-pages.ts';

const KEY = 'app-id-0123456789';
const noWait = () => Promise.resolve();

async function houjinPages(): Promise<[string, string]> {
  // page 1 of 2 is a real diff answer; page 2 follows the same format (divideNumber 2 of 2)
  const first = await readFile(
    samplePath('houjin-bangou', 'webapi_v4_diff_response_excerpt.xml'),
    'utf8',
  );
  const one = await readFile(samplePath('houjin-bangou', 'webapi_v4_num_response.xml'), 'utf8');
  const second = one.replace(
    /<divideNumber>1<\/divideNumber><divideSize>1<\/divideSize>/u,
    '<divideNumber>2</divideNumber><divideSize>2</divideSize>',
  );
  expect(second).toContain('<divideNumber>2</divideNumber>');
  return [first, second];
}

describe('fetching a source page by page', () => {
  let server: SampleApiServer | undefined;
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'musubi-fetch-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  async function houjinServer(failFirst: { status: number; retryAfter?: string }[] = []) {
    const [first, second] = await houjinPages();
    server = await startSampleApiServer([
      { path: '/4/diff', params: { divide: '1' }, body: first, contentType: 'application/xml' },
      {
        path: '/4/diff',
        params: { divide: '2' },
        body: second,
        contentType: 'application/xml',
        failFirst,
      },
    ]);
    return server;
  }

  it('follows the pages, retries a 429 after Retry-After, and keeps the key out of every file', async () => {
    const api = await houjinServer([{ status: 429, retryAfter: '0' }, { status: 503 }]);
    const waits: number[] = [];
    const result = await fetchPages({
      plan: apiPlanOf('houjin-bangou'),
      query: { from: '2022-01-26', to: '2022-02-03' },
      directory,
      key: KEY,
      baseUrl: api.url,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(result).toMatchObject({ complete: true, pagesThisRun: 2, retries: 2 });
    expect(api.requests.map((r) => r.url.searchParams.get('divide'))).toEqual(['1', '2', '2', '2']);
    expect(api.requests.every((r) => r.url.searchParams.get('id') === KEY)).toBe(true);
    // Retry-After: 0 is honoured as given; the 503 on the second attempt waits 2 s (1 s doubled)
    expect(waits).toContain(0);
    expect(waits).toContain(2000);
    const files = await readdir(directory);
    expect(files.sort()).toEqual([PROGRESS_FILE, 'page-00001.xml', 'page-00002.xml']);
    for (const file of files)
      expect(await readFile(join(directory, file), 'utf8'), file).not.toContain(KEY);
    expect(await readFile(join(directory, 'page-00001.xml'), 'utf8')).toContain('1010001012570');
  });

  it('paces requests at the source’s rate, never faster', async () => {
    const api = await houjinServer();
    const waits: number[] = [];
    await fetchPages({
      plan: apiPlanOf('houjin-bangou'),
      query: { from: '2022-01-26', to: '2022-02-03' },
      directory,
      key: KEY,
      baseUrl: api.url,
      requestsPerSecond: 50,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    // 法人番号 asks for 1 request a second: a faster pace given by the user is not taken
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(900);
  });

  it('stops after --max-pages and resumes from the next page, not from the start', async () => {
    const api = await houjinServer();
    const plan = apiPlanOf('houjin-bangou');
    const query = { from: '2022-01-26', to: '2022-02-03' };
    const common = { plan, query, directory, key: KEY, baseUrl: api.url, sleep: noWait };
    const partial = await fetchPages({ ...common, maxPages: 1 });
    expect(partial).toMatchObject({ complete: false, pagesThisRun: 1 });
    await expect(fetchPages(common)).rejects.toMatchObject({ code: 'conflict' });
    const rest = await fetchPages({ ...common, resume: true });
    expect(rest).toMatchObject({ complete: true, pagesThisRun: 1 });
    expect(rest.files.map((f) => f.slice(directory.length + 1))).toEqual([
      'page-00001.xml',
      'page-00002.xml',
    ]);
    expect(api.requests.map((r) => r.url.searchParams.get('divide'))).toEqual(['1', '2']);
  });

  it('says the key was refused, and gives up on a source that keeps failing with what is saved', async () => {
    server = await startSampleApiServer([
      {
        path: '/4/diff',
        body: '',
        failFirst: [{ status: 401 }],
      },
    ]);
    const plan = apiPlanOf('houjin-bangou');
    const query = { from: '2022-01-26', to: '2022-02-03' };
    const refused = fetchPages({
      plan,
      query,
      directory,
      key: KEY,
      baseUrl: server.url,
      sleep: noWait,
    });
    await expect(refused).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(refused).rejects.not.toThrow(KEY);
    await server.close();

    const down = await startSampleApiServer([
      { path: '/4/diff', body: '', failFirst: Array.from({ length: 9 }, () => ({ status: 503 })) },
    ]);
    server = down;
    const other = join(directory, 'other');
    await expect(
      fetchPages({
        plan,
        query,
        directory: other,
        key: KEY,
        baseUrl: down.url,
        sleep: noWait,
        maxAttempts: 3,
      }),
    ).rejects.toMatchObject({ code: 'rate_limited', details: { pagesSaved: 0 } });
    expect(down.requests).toHaveLength(3);
    await expect(
      fetchPages({ plan, query, directory: join(directory, 'none'), baseUrl: down.url }),
    ).rejects.toThrow(/MUSUBI_HOUJIN_BANGOU_KEY/);
  });

  it('sends gBizINFO’s token as a header and follows the pages of an update list', async () => {
    const subsidy = await readFile(
      samplePath('gbizinfo', 'v1_updateInfo_subsidy_okinawa_excerpt.json'),
      'utf8',
    );
    const answer = (page: number) =>
      JSON.stringify({
        ...JSON.parse(`{"hojin-infos":[${subsidy}]}`),
        totalPage: '2',
        pageNumber: String(page),
      });
    server = await startSampleApiServer([
      { path: '/v2/hojin/updateInfo/subsidy', params: { page: '1' }, body: answer(1) },
      { path: '/v2/hojin/updateInfo/subsidy', params: { page: '2' }, body: answer(2) },
    ]);
    const result = await fetchPages({
      plan: apiPlanOf('gbizinfo'),
      query: { from: '20200401', to: '20210331', topic: 'subsidy' },
      directory,
      key: KEY,
      baseUrl: server.url,
      sleep: noWait,
    });
    expect(result.files).toHaveLength(2);
    expect(server.requests.map((r) => r.headers['x-hojininfo-api-token'])).toEqual([KEY, KEY]);
    expect(server.requests.every((r) => !r.url.search.includes(KEY))).toBe(true);
  });
});

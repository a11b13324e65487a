/**
 * English needs through the HTTP API (issue 13): `POST /api/matching/needs` with English text
 * finds Japanese seeds, and Japanese text a seed written in English, through the gloss link
 * table the matching worker builds from EDICT with its index.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, type ApiFixture } from '../api-test-fixture.ts';

// A few EDICT lines, in the Debian package's encoding (EUC-JP).
const EDICT_SAMPLE = [
  '橋梁 [きょうりょう] /(n) bridge/(P)/',
  '点検 [てんけん] /(n,vs) inspection/examination/checking/(P)/',
  'ひび割れ [ひびわれ] /(n,vs) crack/(P)/',
  '鮮度 [せんど] /(n) freshness/(P)/',
].join('\n');
const dir = mkdtempSync(join(tmpdir(), 'musubi-edict-http-'));
const edictPath = join(dir, 'edict');
writeFileSync(edictPath, iconv.encode(`${EDICT_SAMPLE}\n`, 'euc-jp'));

type Result = { results: { seedId: string; explanation: { terms: { source: string }[] } }[] };

describe.each(TEST_DATABASES)('English needs over HTTP on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind, {}, { matchingWorkers: 1, glossLinks: { edictPath } });
    await f.database.repos.entity('seeds').upsertMany([
      buildSeed({
        id: 'seed-bridge',
        ownerId: 'uni-u',
        title: 'ドローン画像による橋梁のひび割れ自動点検',
        keywords: ['橋梁', '点検'],
      }),
      buildSeed({
        id: 'seed-english',
        ownerId: 'uni-u',
        title: 'Keeping food freshness in cold-chain transport',
        keywords: ['freshness'],
      }),
    ]);
  }, 60_000);
  afterEach(async () => f.close());

  const seedsFor = async (text: string): Promise<Result['results']> => {
    const response = await f.call('/api/matching/needs', { body: { text } });
    expect(response.status).toBe(200);
    return ((await response.json()) as Result).results;
  };

  it('finds the Japanese seed for an English need, and the English seed for a Japanese one', async () => {
    const english = await seedsFor('Inspection of bridge cracks');
    expect(english[0]?.seedId).toBe('seed-bridge');
    expect(english[0]?.explanation.terms.some((t) => t.source === 'gloss')).toBe(true);
    const japanese = await seedsFor('鮮度を保ちたい');
    expect(japanese.map((r) => r.seedId)).toContain('seed-english');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import type { Viewer } from '#core/viewer.ts';
import { buildActor, buildNeed, buildSeed } from '#test/factories.ts';
import { ANONYMOUS } from '#test/matching-world.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createMatchingService, type NeedMatchResult } from './matching-service.ts';
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts';

// Lines in EDICT's format, written in its encoding (EUC-JP) as the Debian package ships it.
const EDICT_SAMPLE = [
  '　？？？ /EDICT, EDICT_SUB(P), EDICT2 Japanese-English Electronic Dictionary Files/',
  '竹やぶ [たけやぶ] /(n) bamboo grove/',
  '竹林 [ちくりん] /(n) bamboo thicket/bamboo grove/(P)/',
  '魚 [さかな] /(n) fish/(P)/',
  '魚類 [ぎょるい] /(n) fish/fishes/(P)/',
  '橋梁 [きょうりょう] /(n) bridge/(P)/',
  '点検 [てんけん] /(n,vs) inspection/examination/checking/(P)/',
  'ひび割れ [ひびわれ] /(n,vs) crack/(P)/',
  'ドローン /(n) drone (unmanned aircraft)/',
  '鮮度 [せんど] /(n) freshness/(P)/',
  '土手 [どて] /(n) embankment/bank/levee/dyke/(P)/',
  '堤防 [ていぼう] /(n) bank/weir/embankment/levee/(P)/',
].join('\n');

const clock = { now: () => new Date('2025-04-01T00:00:00Z') };
const dir = mkdtempSync(join(tmpdir(), 'musubi-edict-'));
const edictPath = join(dir, 'edict');
writeFileSync(edictPath, iconv.encode(`${EDICT_SAMPLE}\n`, 'euc-jp'));
const missingPath = join(dir, 'no-such-edict');
// A group in the shape of SudachiDict's synonym file (npm sudachi-synonyms-dictionary).
const synonymsPath = join(dir, 'synonyms.json');
writeFileSync(
  synonymsPath,
  JSON.stringify([
    {
      id: '000100',
      items: ['亀裂', 'ひび割れ', 'クラック'].map((midashi, i) => ({
        taigenYogen: '体言',
        expandControl: 0,
        vocabularyNumber: i + 1,
        midashi,
      })),
    },
  ]),
);

const OWNER = buildActor({ id: 'lab', sector: 'university', name: '森林研究室' });
const SEEDS = [
  buildSeed({
    id: 's-bamboo',
    ownerId: 'lab',
    title: '放置された竹林の整備と竹材の活用',
    keywords: ['竹林', '竹材'],
  }),
  buildSeed({
    id: 's-fish',
    ownerId: 'lab',
    title: '魚類の鮮度を保つ輸送技術',
    keywords: ['魚類', '鮮度'],
  }),
  buildSeed({
    id: 's-bridge',
    ownerId: 'lab',
    title: 'ドローン画像による橋梁のひび割れ自動点検',
    keywords: ['橋梁', '点検'],
  }),
  buildSeed({
    id: 's-levee',
    ownerId: 'lab',
    title: '河川堤防の浸透対策と点検',
    keywords: ['堤防', '河川'],
  }),
  buildSeed({ id: 's-paint', ownerId: 'lab', title: '塗料の乾燥時間の短縮', keywords: ['塗料'] }),
  buildSeed({
    id: 's-english',
    ownerId: 'lab',
    title: 'Keeping fish fresh in cold-chain transport',
    keywords: ['freshness', 'fish'],
  }),
];

// 土手 and 堤防 share only EDICT glosses (embankment, levee): no other knowledge relates them.
const LEVEE_NEED = '土手を見て回るのが大変だ';

const ids = (result: NeedMatchResult): string[] => result.results.map((r) => r.seedId);
const glossTerms = (result: NeedMatchResult, seedId: string): string[] =>
  result.results
    .find((r) => r.seedId === seedId)
    ?.explanation.terms.filter((t) => t.source === 'gloss')
    .map((t) => t.term) ?? [];

let text: TextPipeline;
beforeAll(async () => {
  text = await createTextPipeline({ workers: 0 });
}, 30_000);
afterAll(async () => text.close());

describe.each(TEST_DATABASES)('gloss links in the matching service on $name', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await kind.open(clock);
    await db.repos.entity('actors').upsertMany([OWNER]);
    await db.repos.entity('seeds').upsertMany(SEEDS);
  }, 30_000);
  afterAll(async () => db.close());

  it('builds the link table with the index: 土手 finds 堤防, 魚 finds 魚類 (none without it)', async () => {
    const plain = await createMatchingService({ repos: db.repos, clock, text, persist: false });
    expect(ids(await plain.matchText(ANONYMOUS, LEVEE_NEED))).not.toContain('s-levee');
    await plain.close();
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      glossLinks: { edictPath },
    });
    const levee = await service.matchText(ANONYMOUS, LEVEE_NEED);
    expect(ids(levee)[0]).toBe('s-levee');
    expect(glossTerms(levee, 's-levee')).toEqual(['堤防']);
    const fish = await service.matchText(ANONYMOUS, '魚を遠くの店まで運びたい');
    // 魚 reaches 魚類 (a gloss neighbour) and "fish" (its gloss) in the English seed.
    expect(ids(fish).slice(0, 2).sort()).toEqual(['s-english', 's-fish']);
    expect(service.stats().timings['glossLinks:seeds']).toBeGreaterThanOrEqual(0);
    await service.close();
  });

  it('merges SudachiDict synonyms into the table: 亀裂 finds the seed that says ひび割れ', async () => {
    const need = '亀裂が心配だ';
    const glossOnly = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      persist: false,
      glossLinks: { edictPath },
    });
    expect(ids(await glossOnly.matchText(ANONYMOUS, need))).not.toContain('s-bridge');
    await glossOnly.close();
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      persist: false,
      glossLinks: { edictPath, synonymsPath },
    });
    const cracks = await service.matchText(ANONYMOUS, need);
    expect(ids(cracks)[0]).toBe('s-bridge');
    expect(glossTerms(cracks, 's-bridge')).toEqual(['ひび割れ']);
    await service.close();
  });

  it('keeps the EDICT links without the synonym file, and says so in one log line', async () => {
    const lines: string[] = [];
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      persist: false,
      glossLinks: {
        edictPath,
        synonymsPath: join(dir, `no-synonyms-${kind.name}.json`),
        log: (line) => lines.push(line),
      },
    });
    const levee = await service.matchText(ANONYMOUS, LEVEE_NEED);
    expect(ids(levee)[0]).toBe('s-levee');
    expect(lines.filter((line) => line.includes('SudachiDict'))).toHaveLength(1);
    await service.close();
  });

  it('loads the table with the index snapshot: no EDICT needed to serve', async () => {
    const lines: string[] = [];
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      // The file is gone: the links come from the snapshot the first service stored.
      glossLinks: { edictPath: missingPath, log: (line) => lines.push(line) },
    });
    const levee = await service.matchText(ANONYMOUS, LEVEE_NEED);
    expect(ids(levee)[0]).toBe('s-levee');
    expect(service.stats().timings['glossLinks:seeds']).toBeUndefined();
    expect(lines).toEqual([]);
    await service.close();
  });

  it('lets an English need find Japanese seeds through EDICT translations', async () => {
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      glossLinks: { edictPath },
    });
    const english = await service.matchText(
      ANONYMOUS,
      'Automatic inspection of bridge cracks with drones',
    );
    expect(ids(english)[0]).toBe('s-bridge');
    expect(glossTerms(english, 's-bridge')).toEqual(
      expect.arrayContaining(['橋梁', '点検', 'ひび割れ']),
    );
    await service.close();
  });

  it('lets a Japanese need find a seed written in English, through the words it glosses as', async () => {
    const plain = await createMatchingService({ repos: db.repos, clock, text, persist: false });
    expect(ids(await plain.matchText(ANONYMOUS, '鮮度'))).not.toContain('s-english');
    await plain.close();
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      glossLinks: { edictPath },
    });
    const fresh = await service.matchText(ANONYMOUS, '鮮度');
    expect(ids(fresh)).toContain('s-english');
    expect(glossTerms(fresh, 's-english')).toEqual(['freshness']);
    await service.close();
  });
});

describe('gloss links without EDICT', () => {
  it('matches without links and says so in one log line', async () => {
    const db = await TEST_DATABASES[0]?.open(clock);
    if (db === undefined) throw new Error('no test database');
    await db.repos.entity('actors').upsertMany([OWNER]);
    await db.repos.entity('seeds').upsertMany(SEEDS);
    const lines: string[] = [];
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      glossLinks: { edictPath: `${missingPath}-2`, log: (line) => lines.push(line) },
    });
    const direct = await service.matchText(ANONYMOUS, '放置竹林の整備');
    expect(ids(direct)[0]).toBe('s-bamboo');
    // The starter dictionary's everyday words relate 竹やぶ to 竹林 without EDICT.
    const bamboo = await service.matchText(ANONYMOUS, '竹やぶが道路まで広がって困っている');
    expect(ids(bamboo)[0]).toBe('s-bamboo');
    expect(
      bamboo.results[0]?.explanation.terms
        .filter((t) => t.source === 'dictionary')
        .map((t) => t.term),
    ).toContain('竹林');
    // The answer says which of the need's words each added term came from.
    expect(bamboo.results[0]?.explanation.terms.find((t) => t.term === '竹林')?.from).toEqual([
      '竹やぶ',
    ]);
    expect(ids(await service.matchText(ANONYMOUS, LEVEE_NEED))).not.toContain('s-levee');
    await service.refresh();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/without gloss links.*apt-get install edict/);
    await service.close();
    await db.close();
  });
});

describe('learning from coordinators: a link whose expansions are rejected loses weight', () => {
  it("lowers a later seed reached through the rejected link, not the need's own words", async () => {
    const db = await TEST_DATABASES[0]?.open(clock);
    if (db === undefined) throw new Error('no test database');
    const farm = buildSeed({
      id: 's-farm',
      ownerId: 'lab',
      title: '魚類の陸上養殖',
      keywords: ['魚類'],
    });
    await db.repos.entity('actors').upsertMany([OWNER]);
    await db.repos.entity('seeds').upsertMany([...SEEDS, farm]);
    await db.repos
      .entity('needs')
      .upsertMany([buildNeed({ id: 'n-fish', ownerId: 'lab', title: '魚を遠くの店まで運びたい' })]);
    const owner: Viewer = {
      kind: 'account',
      accountId: 'u1',
      role: 'member',
      organisationId: 'lab',
    };
    const service = await createMatchingService({
      repos: db.repos,
      clock,
      text,
      glossLinks: { edictPath },
    });
    const scoreOf = async (query: string, seedId: string): Promise<number> =>
      (await service.matchText(ANONYMOUS, query)).results.find((r) => r.seedId === seedId)?.score ??
      0;
    const before = await scoreOf('魚を育てたい', 's-farm');
    expect(before).toBeGreaterThan(0);
    const own = await scoreOf('魚類を育てたい', 's-farm');
    // The coordinator rejects, twice, the seed 魚 → 魚類 brought for the transport need.
    for (let i = 0; i < 2; i += 1) {
      await service.recordFeedback(owner, {
        needId: 'n-fish',
        seedId: 's-fish',
        decision: 'rejected',
        reason: 'benefit_unclear',
      });
    }
    const after = await scoreOf('魚を育てたい', 's-farm');
    expect(after).toBeLessThan(before);
    expect(await scoreOf('魚類を育てたい', 's-farm')).toBeCloseTo(own, 6);
    await service.close();
    await db.close();
  });
});

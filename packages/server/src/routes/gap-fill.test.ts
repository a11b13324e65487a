import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

const actor = (
  id: string,
  sector: Actor['sector'],
  prefectureCode: string,
  name: string,
  keywords: string[] = [],
): Actor => ({ id, kind: 'organization', sector, name, prefectureCode, flags: [], keywords });

// Two tight clusters: Fukuoka without any national-government actor, Tokyo with MEXT, one tie between.
const ACTORS: Actor[] = [
  actor('univ-f', 'university', '40', '博多工業大学', ['医薬品']),
  actor('co-f1', 'company', '40', '博多精機株式会社'),
  actor('co-f2', 'company', '40', '久留米化成株式会社', ['医薬品']),
  actor('pref-40', 'prefecture', '40', '福岡県'),
  actor('mext', 'national_government', '13', '文部科学省', ['医薬品']),
  actor('univ-t', 'university', '13', '東京理工大学'),
  actor('co-t1', 'company', '13', '江戸製作所株式会社'),
  actor('co-t2', 'company', '13', '品川電子株式会社'),
];
const clique = (ids: string[]): Relation[] =>
  ids.flatMap((a, i) =>
    ids.slice(i + 1).map((b) => ({
      sourceId: a,
      targetId: b,
      type: 'joint_research' as const,
      weight: 5,
      startDate: '2023-04-01',
    })),
  );
const RELATIONS: Relation[] = [
  ...clique(['univ-f', 'co-f1', 'co-f2', 'pref-40']),
  ...clique(['mext', 'univ-t', 'co-t1', 'co-t2']),
  { sourceId: 'co-t1', targetId: 'co-f2', type: 'supply', weight: 1, startDate: '2023-04-01' },
];

describe.each(TEST_DATABASES)('gap-fill API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos.entity('actors').upsertMany(ACTORS);
    await f.database.repos.entity('relations').upsertMany(RELATIONS);
  });
  afterEach(async () => f.close());

  it('ranks the missing national government for the Fukuoka community, with reasons and the path', async () => {
    // The community ids come from the shared partition the web list shows; find Fukuoka's.
    const list = (await (await f.call('/api/web/communities')).json()) as {
      communities: { id: string; prefectures: string[] }[];
    };
    expect(list.communities).toHaveLength(2);
    const fukuoka = list.communities.find((c) => c.prefectures.includes('40'));
    expect(fukuoka?.prefectures).toEqual(['40']);
    const response = await f.call(
      `/api/analyses/gap-fill?community=${fukuoka?.id}&sector=national_government`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      sector: string;
      community: unknown;
      communitySource: { source: string };
      candidates: { id: string; path: string[]; reasons: { ja: string }[] }[];
    };
    expect(body.sector).toBe('national_government');
    expect(body.community).toMatchObject({ id: fukuoka?.id, size: 4, prefectures: ['40'] });
    expect(body.communitySource.source).toBe('computed');
    expect(body.candidates[0]?.id).toBe('mext');
    expect(body.candidates[0]?.path).toEqual([
      '久留米化成株式会社',
      '江戸製作所株式会社',
      '文部科学省',
    ]);
    expect(body.candidates[0]?.reasons.map((r) => r.ja)).toContain('共通の専門: 医薬品');
  });

  it('answers from the loaded network until the data change, then from the new data', async () => {
    // Fukuoka's candidates, whichever id its community has in the partition of the moment.
    const ask = async () => {
      for (const id of ['c1', 'c2']) {
        const body = (await (
          await f.call(`/api/analyses/gap-fill?community=${id}&sector=national_government`)
        ).json()) as { community: { prefectures: string[] }; candidates: { id: string }[] };
        if (body.community.prefectures.includes('40')) return body.candidates.map((c) => c.id);
      }
      throw new Error('no Fukuoka community');
    };
    const before = await ask();
    expect(await ask()).toEqual(before);
    expect(before).not.toContain('meti');
    await f.database.repos
      .entity('actors')
      .upsertMany([actor('meti', 'national_government', '13', '経済産業省', ['医薬品'])]);
    await f.database.repos
      .entity('relations')
      .upsertMany([
        { sourceId: 'meti', targetId: 'co-t2', type: 'grant', weight: 2, startDate: '2024-04-01' },
      ]);
    expect(await ask()).toContain('meti');
  });

  it('names the bad parameter and the unknown community', async () => {
    await expectProblem(await f.call('/api/analyses/gap-fill'), 422);
    await expectProblem(await f.call('/api/analyses/gap-fill?community=c1&sector=army'), 422);
    await expectProblem(await f.call('/api/analyses/gap-fill?community=c99'), 404);
  });
});

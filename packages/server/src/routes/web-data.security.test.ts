/**
 * M1 (issue 12): a need made confidential stayed in the anonymous views, because the web views'
 * snapshot was rebuilt only when record counts changed. Every public view must drop it at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

type Profile = { needs: { id: string }[] };
type Choropleth = { values: Record<string, number>; total: number };
type Summary = { needs: { public: number } };

describe.each(TEST_DATABASES)('public views after a change of confidentiality on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
  });
  afterEach(async () => {
    await f.close();
  });

  const anonymous = async <T>(path: string): Promise<T> => {
    const response = await f.call(path);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const publicViews = async () => ({
    profile: (await anonymous<Profile>('/api/web/actors/co-a')).needs.map((n) => n.id),
    choropleth: (await anonymous<Choropleth>('/api/web/choropleth?metric=needs')).total,
    summary: (await anonymous<Summary>('/api/web/summary')).needs.public,
    list: await (await f.call('/api/needs?limit=100')).text(),
    search: await (await f.call(`/api/needs?q=${encodeURIComponent('公開ニーズ')}`)).text(),
    stats: (await anonymous<{ needs: number }>('/api/stats')).needs,
    read: (await f.call('/api/needs/need-a-public')).status,
  });

  it('M1: a need made confidential (PATCH) leaves the profile, the map, the summary, lists, search and counts at once', async () => {
    const before = await publicViews();
    expect(before.profile).toEqual(['need-a-public']);
    expect(before.choropleth).toBe(1);
    expect(before.summary).toBe(1);
    expect(before.list).toContain('need-a-public');
    expect(before.search).toContain('need-a-public');
    expect(before.stats).toBe(1);
    expect(before.read).toBe(200);

    const member = await f.signIn('a@test.example');
    const patched = await f.call('/api/needs/need-a-public', {
      method: 'PATCH',
      as: member,
      body: { confidentiality: 'confidential' },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.status).toBe(200);

    // No clock moves and no record count changes: the views follow the content.
    const after = await publicViews();
    expect(after.profile).toEqual([]);
    expect(after.choropleth).toBe(0);
    expect(after.summary).toBe(0);
    expect(after.list).not.toContain('need-a-public');
    expect(after.search).not.toContain('need-a-public');
    expect(after.stats).toBe(0);
    expect(after.read).toBe(404);

    // And back: made public again, it shows again at once.
    await f.call('/api/needs/need-a-public', {
      method: 'PATCH',
      as: member,
      body: { confidentiality: 'public' },
      headers: { 'if-match': '"2"' },
    });
    expect((await publicViews()).profile).toEqual(['need-a-public']);
  });

  it('M1: a write by another process (straight to the database) changes the views too', async () => {
    expect((await anonymous<Profile>('/api/web/actors/co-a')).needs).toHaveLength(1);
    const stored = await f.database.repos.entity('needs').get('need-a-public');
    await f.database.repos
      .entity('needs')
      .upsertMany([{ ...stored?.record, confidentiality: 'members' }]);
    expect((await anonymous<Profile>('/api/web/actors/co-a')).needs).toEqual([]);
    expect((await anonymous<Choropleth>('/api/web/choropleth?metric=needs')).total).toBe(0);
  });

  it('M1: an edit of an actor reaches the views once the network part is rebuilt, in the background', async () => {
    const name = async () =>
      (await anonymous<{ actor: { name: string } }>('/api/web/actors/co-a')).actor.name;
    expect(await name()).toBe('株式会社エー');
    const stored = await f.database.repos.entity('actors').get('co-a');
    await f.database.repos
      .entity('actors')
      .upsertMany([{ ...stored?.record, name: '株式会社エース' }]);
    await expect.poll(name, { timeout: 10_000 }).toBe('株式会社エース');
  });

  it('low: list and view endpoints refuse a filter they do not support, naming it (400)', async () => {
    for (const [path, name] of [
      ['/api/seeds?keywords=x', 'keywords'],
      ['/api/needs?confidentiality=confidential', 'confidentiality'],
      ['/api/actors?nosuch=1', 'nosuch'],
      ['/api/consultations?owner=co-a', 'owner'],
      ['/api/digests?needId=need-a-secret', 'needId'],
      ['/api/web/actors?city=x', 'city'],
      ['/api/web/choropleth?metric=needs&confidential=1', 'confidential'],
    ] as const) {
      const refused = await expectProblem(await f.call(path), 400, 'unsupported_parameter');
      expect(refused['field'], path).toBe(name);
      expect(String(refused['detail']), path).toContain(name);
    }
    // Supported filters still work, by field or column name (SDGs are a list filter).
    expect((await f.call('/api/seeds?sdgs=14')).status).toBe(200);
    expect((await f.call('/api/seeds?ownerId=uni-u')).status).toBe(200);
    expect((await f.call('/api/seeds?owner_id=uni-u')).status).toBe(200);
  });
});

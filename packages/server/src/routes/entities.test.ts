import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

describe.each(TEST_DATABASES)('entity API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
  });
  afterEach(async () => {
    await f.close();
  });

  const ids = async (response: Response) => {
    expect(response.status).toBe(200);
    return ((await response.json()) as Page).items.map((r) => r['id']);
  };

  describe('lists', () => {
    it('pages every contract list with limit and cursor', async () => {
      for (const entity of ['actors', 'relations', 'seeds', 'needs', 'projects', 'programmes']) {
        const response = await f.call(`/api/${entity}?limit=2`);
        expect(response.status, entity).toBe(200);
        const page = (await response.json()) as Page;
        expect(Array.isArray(page.items)).toBe(true);
        expect(page).toHaveProperty('nextCursor');
      }
      const first = (await (await f.call('/api/actors?limit=2')).json()) as Page;
      expect(first.items.map((a) => a['id'])).toEqual(['co-a', 'co-b']);
      expect(first.nextCursor).toBe('co-b');
      const second = (await (
        await f.call(`/api/actors?limit=2&cursor=${first.nextCursor}`)
      ).json()) as Page;
      expect(second.items.map((a) => a['id'])).toEqual(['uni-u']);
      expect(second.nextCursor).toBeNull();
    });

    it('lists only records past their source age with ?stale=true', async () => {
      const today = f.clock.now().toISOString().slice(0, 10);
      const daysAgo = (days: number) =>
        new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
      await f.database.repos.entity('actors').upsertMany([
        {
          id: 'st-fresh',
          kind: 'organization',
          sector: 'company',
          name: '新しい',
          prefectureCode: '13',
          source: 'houjin-bangou',
          confirmedAt: daysAgo(10),
          flags: [],
          keywords: [],
        },
        {
          id: 'st-old',
          kind: 'organization',
          sector: 'company',
          name: '古い',
          prefectureCode: '13',
          source: 'houjin-bangou',
          confirmedAt: daysAgo(100),
          flags: [],
          keywords: [],
        },
        {
          id: 'st-person',
          kind: 'organization',
          sector: 'company',
          name: '手入力',
          prefectureCode: '13',
          confirmedAt: daysAgo(100),
          flags: [],
          keywords: [],
        },
      ]);
      const stale = await ids(await f.call('/api/actors?stale=true&limit=1000'));
      expect(stale).toContain('st-old');
      expect(stale).not.toContain('st-fresh');
      expect(stale).not.toContain('st-person');
      expect(await ids(await f.call('/api/actors?stale=false&limit=1000'))).toContain('st-fresh');
    });

    it('filters on indexed fields and searches with q', async () => {
      expect(await ids(await f.call('/api/actors?sector=university'))).toEqual(['uni-u']);
      expect(await ids(await f.call('/api/seeds?ownerId=uni-u'))).toEqual(['seed-u1']);
      expect(await ids(await f.call(`/api/seeds?q=${encodeURIComponent('キレート')}`))).toEqual([
        'seed-u1',
      ]);
    });

    it('filters on the SDGs a seed, need or project holds (?sdgs=14), with other filters and sorts', async () => {
      const { repos } = f.database;
      await repos
        .entity('seeds')
        .upsertMany([
          buildSeed({ id: 'seed-sea', ownerId: 'uni-u', title: '海洋プラ分解', sdgs: [14, 12] }),
          buildSeed({ id: 'seed-sea2', ownerId: 'co-a', title: '養殖の餌', sdgs: [2, 14] }),
          buildSeed({ id: 'seed-four', ownerId: 'uni-u', title: '教育', sdgs: [4] }),
          buildSeed({ id: 'seed-141', ownerId: 'uni-u', title: '十四と一', sdgs: [1, 4] }),
        ]);
      expect(await ids(await f.call('/api/seeds?sdgs=14'))).toEqual(['seed-sea', 'seed-sea2']);
      expect(await ids(await f.call('/api/seeds?sdgs=14&ownerId=uni-u'))).toEqual(['seed-sea']);
      expect(await ids(await f.call('/api/seeds?sdgs=14&sort=-title'))).toEqual([
        'seed-sea2',
        'seed-sea',
      ]);
      expect(await ids(await f.call('/api/seeds?sdgs=4'))).toEqual(['seed-141', 'seed-four']);
      expect(await ids(await f.call('/api/seeds?sdgs=13'))).toEqual([]);
      await repos.entity('projects').upsertMany([
        { id: 'pj-sea', title: '海の再生', members: [], sdgs: [14] },
        { id: 'pj-land', title: '森の再生', members: [], sdgs: [15] },
      ]);
      expect(await ids(await f.call('/api/projects?sdgs=14'))).toEqual(['pj-sea']);
      expect(await ids(await f.call('/api/needs?sdgs=17'))).toEqual([]);
      const bad = await expectProblem(
        await f.call('/api/seeds?sdgs=sea'),
        422,
        'validation_failed',
      );
      expect(bad['field']).toBe('sdgs');
    });

    it('leaves the long project logs out of lists unless asked, and gives the fields asked for', async () => {
      await f.database.repos.entity('projects').upsertMany([
        {
          id: 'pj-1',
          title: '希少糖の量産',
          members: [],
          sdgs: [],
          pdca: [{ phase: 'plan', date: '2025-04-01', note: '計画' }],
          milestones: [{ id: 'm1', title: '試作', plannedDate: '2025-09-30' }],
          risks: [],
          kpis: [],
        },
      ]);
      const plain = ((await (await f.call('/api/projects')).json()) as Page).items[0];
      expect(plain).toMatchObject({ id: 'pj-1', title: '希少糖の量産' });
      for (const field of ['pdca', 'milestones', 'risks', 'kpis'])
        expect(plain).not.toHaveProperty(field);
      const all = ((await (await f.call('/api/projects?fields=*')).json()) as Page).items[0];
      expect(all?.['milestones']).toEqual([{ id: 'm1', title: '試作', plannedDate: '2025-09-30' }]);
      const one = (await (await f.call('/api/projects/pj-1')).json()) as Record<string, unknown>;
      expect(one['pdca']).toEqual([{ phase: 'plan', date: '2025-04-01', note: '計画' }]);
      const some = ((await (await f.call('/api/projects?fields=title,pdca')).json()) as Page).items;
      expect(some).toEqual([
        { title: '希少糖の量産', pdca: [{ phase: 'plan', date: '2025-04-01', note: '計画' }] },
      ]);
      const actors = ((await (await f.call('/api/actors?fields=id,sector&limit=1')).json()) as Page)
        .items;
      expect(actors).toEqual([{ id: 'co-a', sector: 'company' }]);
      const needs = ((await (await f.call('/api/needs?fields=id&limit=1')).json()) as Page).items;
      expect(needs.every((n) => Object.keys(n).join() === 'id')).toBe(true);
      const bad = await expectProblem(
        await f.call('/api/projects?fields=title,secret'),
        422,
        'validation_failed',
      );
      expect(bad['field']).toBe('fields');
      expect(bad['detail']).toContain('"secret"');
      await expectProblem(await f.call('/api/projects?fields=,'), 422);
    });

    it('rejects bad list parameters with a problem naming the parameter', async () => {
      const body = await expectProblem(
        await f.call('/api/actors?limit=0'),
        422,
        'validation_failed',
      );
      expect(body['field']).toBe('limit');
      await expectProblem(await f.call('/api/actors?limit=abc'), 422);
      await expectProblem(await f.call(`/api/actors?q=${'x'.repeat(300)}`), 422);
      await expectProblem(await f.call('/api/nonsense'), 404, 'not_found');
    });

    it('treats SQL metacharacters in q and filters as text', async () => {
      for (const q of ["' OR 1=1 --", '%', '_', '"; DROP TABLE actors; --', '\\']) {
        expect(await ids(await f.call(`/api/actors?q=${encodeURIComponent(q)}`)), q).toEqual([]);
      }
      expect(
        await ids(await f.call(`/api/actors?sector=${encodeURIComponent("x' OR '1'='1")}`)),
      ).toEqual([]);
      expect(await ids(await f.call('/api/actors'))).toHaveLength(3);
    });
  });

  describe('confidential needs', () => {
    const all = ['need-a-members', 'need-a-public', 'need-a-secret', 'need-b-secret'];

    it('shows each principal only the needs it may see, in lists, search and reads', async () => {
      const cases: [string | undefined, string[]][] = [
        [undefined, ['need-a-public']],
        ['viewer@test.example', ['need-a-members', 'need-a-public']],
        ['a@test.example', ['need-a-members', 'need-a-public', 'need-a-secret']],
        ['b@test.example', ['need-a-members', 'need-a-public', 'need-b-secret']],
        ['u@test.example', ['need-a-members', 'need-a-public']],
        ['coord@test.example', ['need-a-members', 'need-a-public', 'need-b-secret']],
        ['coord2@test.example', ['need-a-members', 'need-a-public']],
        ['admin@test.example', all],
      ];
      for (const [email, visible] of cases) {
        const as = email ? await f.signIn(email) : undefined;
        const options = as ? { as } : {};
        expect(await ids(await f.call('/api/needs', options)), `list as ${email}`).toEqual(visible);
        const q = encodeURIComponent('銅の回収');
        expect(await ids(await f.call(`/api/needs?q=${q}`, options)), `search as ${email}`).toEqual(
          visible,
        );
        expect(
          await ids(await f.call('/api/needs?ownerId=co-b', options)),
          `filter as ${email}`,
        ).toEqual(visible.filter((id) => id.startsWith('need-b')));
        for (const id of all) {
          const response = await f.call(`/api/needs/${id}`, options);
          expect(response.status, `${id} as ${email}`).toBe(visible.includes(id) ? 200 : 404);
          if (!visible.includes(id)) expect(await response.text()).not.toContain('秘密');
        }
        const stats = (await (await f.call('/api/stats', options)).json()) as Record<
          string,
          number
        >;
        expect(stats['needs'], `count as ${email}`).toBe(visible.length);
      }
    });

    it('answers lists read again after a change with the change, for everyone at once', async () => {
      const admin = await f.signIn('admin@test.example');
      const other = await f.signIn('coord2@test.example');
      const names = async (as?: typeof admin) =>
        ((await (await f.call('/api/actors?limit=10', as ? { as } : {})).json()) as Page).items.map(
          (a) => a['name'],
        );
      const before = await names();
      expect(await names(other)).toEqual(before);
      const current = await f.call('/api/actors/co-a', { as: admin });
      const renamed = await f.call('/api/actors/co-a', {
        method: 'PATCH',
        as: admin,
        body: { name: '改名した会社' },
        headers: { 'if-match': current.headers.get('etag') ?? '' },
      });
      expect(renamed.status).toBe(200);
      expect(await names()).toContain('改名した会社');
      expect(await names(other)).toContain('改名した会社');

      // Needs are chosen per viewer: the second coordinator sees a need once assigned to it.
      const needs = async () => ids(await f.call('/api/needs', { as: other }));
      expect(await needs()).not.toContain('need-b-secret');
      const accounts = await f.database.repos.accounts.list();
      const coord2 = accounts.find((a) => a.email === 'coord2@test.example');
      await f.database.repos.accounts.assignNeed({
        needId: 'need-b-secret',
        accountId: coord2?.id ?? '',
        assignedBy: accounts.find((a) => a.role === 'admin')?.id ?? '',
        assignedAt: f.clock.now().toISOString(),
      });
      expect(await needs()).toContain('need-b-secret');
    });

    it('fills a page past hidden needs and pages on', async () => {
      const as = await f.signIn('b@test.example');
      const first = (await (await f.call('/api/needs?limit=2', { as })).json()) as Page;
      expect(first.items.map((n) => n['id'])).toEqual(['need-a-members', 'need-a-public']);
      expect(first.nextCursor).not.toBeNull();
      const second = (await (
        await f.call(`/api/needs?limit=2&cursor=${first.nextCursor}`, { as })
      ).json()) as Page;
      expect(second.items.map((n) => n['id'])).toEqual(['need-b-secret']);
      expect(second.nextCursor).toBeNull();
    });

    it('never lets others change or delete a confidential need they cannot see', async () => {
      const as = await f.signIn('coord2@test.example');
      await expectProblem(
        await f.call('/api/needs/need-b-secret', {
          method: 'PATCH',
          as,
          body: { title: 'x' },
          headers: { 'if-match': '"1"' },
        }),
        404,
      );
      await expectProblem(
        await f.call('/api/needs/need-b-secret', {
          method: 'DELETE',
          as,
          headers: { 'if-match': '"1"' },
        }),
        404,
      );
    });
  });

  describe('writes', () => {
    it('creates, reads with an ETag, patches, replaces and deletes with If-Match', async () => {
      const as = await f.signIn('admin@test.example');
      const created = await f.call('/api/actors', {
        as,
        body: {
          id: 'npo-1',
          kind: 'organization',
          sector: 'npo',
          name: 'NPO 結び',
          prefectureCode: '13',
        },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.headers.get('location')).toBe('/api/actors/npo-1');
      expect(await created.json()).toMatchObject({ id: 'npo-1', flags: [] });

      const read = await f.call('/api/actors/npo-1');
      expect(read.headers.get('etag')).toBe('"1"');

      const patched = await f.call('/api/actors/npo-1', {
        method: 'PATCH',
        as,
        headers: { 'if-match': '"1"', 'content-type': 'application/merge-patch+json' },
        body: { nameEn: 'NPO Musubi', url: null },
      });
      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe('"2"');
      expect(await patched.json()).toMatchObject({ name: 'NPO 結び', nameEn: 'NPO Musubi' });

      const replaced = await f.call('/api/actors/npo-1', {
        method: 'PUT',
        as,
        headers: { 'if-match': '"2"' },
        body: { kind: 'organization', sector: 'npo', name: 'NPO 結び 改', prefectureCode: '14' },
      });
      expect(replaced.status).toBe(200);
      const after = (await replaced.json()) as Record<string, unknown>;
      expect(after).toMatchObject({ id: 'npo-1', name: 'NPO 結び 改', prefectureCode: '14' });
      expect(after['nameEn']).toBeUndefined();

      const deleted = await f.call('/api/actors/npo-1', {
        method: 'DELETE',
        as,
        headers: { 'if-match': '"3"' },
      });
      expect(deleted.status).toBe(204);
      await expectProblem(await f.call('/api/actors/npo-1'), 404, 'not_found');
    });

    it('refuses a stale ETag (412), a missing If-Match (428) and a taken identity (409)', async () => {
      const as = await f.signIn('coord@test.example');
      const one = await f.call('/api/seeds/seed-u1', {
        method: 'PATCH',
        as,
        headers: { 'if-match': '"1"' },
        body: { trl: 3 },
      });
      expect(one.status).toBe(200);
      const stale = await expectProblem(
        await f.call('/api/seeds/seed-u1', {
          method: 'PATCH',
          as,
          headers: { 'if-match': '"1"' },
          body: { trl: 5 },
        }),
        412,
        'precondition_failed',
      );
      expect(stale['currentVersion']).toBe(2);
      expect(
        (await (await f.call('/api/seeds/seed-u1')).json()) as Record<string, unknown>,
      ).toMatchObject({ trl: 3 });
      const missing = await expectProblem(
        await f.call('/api/seeds/seed-u1', { method: 'PATCH', as, body: { trl: 5 } }),
        428,
        'precondition_required',
      );
      expect(missing['field']).toBe('If-Match');
      await expectProblem(await f.call('/api/seeds/seed-u1', { method: 'DELETE', as }), 428);
      await expectProblem(
        await f.call('/api/seeds/seed-u1', {
          method: 'DELETE',
          as,
          headers: { 'if-match': 'nonsense' },
        }),
        412,
      );
      await expectProblem(
        await f.call('/api/seeds', {
          as,
          body: { id: 'seed-u1', ownerId: 'uni-u', title: 'again' },
        }),
        409,
        'conflict',
      );
    });

    it('validates bodies against the entity schema and names the field', async () => {
      const as = await f.signIn('admin@test.example');
      const wrongType = await expectProblem(
        await f.call('/api/seeds', {
          as,
          body: { id: 's-x', ownerId: 'uni-u', title: 'ok', trl: 'high' },
        }),
        422,
        'validation_failed',
      );
      expect(wrongType['field']).toBe('trl');
      expect(wrongType['errors']).toEqual([expect.objectContaining({ field: 'trl' })]);
      const missing = await expectProblem(
        await f.call('/api/needs', { as, body: { id: 'n-x', ownerId: 'co-a' } }),
        422,
      );
      expect(missing['field']).toBe('title');
      const reference = await expectProblem(
        await f.call('/api/needs', { as, body: { id: 'n-x', ownerId: 'nobody', title: 't' } }),
        422,
        'unknown_reference',
      );
      expect(reference['field']).toBe('ownerId');
      await expectProblem(await f.call('/api/needs', { as, body: [1, 2] }), 422);
      const identity = await expectProblem(
        await f.call('/api/seeds/seed-u1', {
          method: 'PATCH',
          as,
          headers: { 'if-match': '"1"' },
          body: { id: 'other' },
        }),
        422,
      );
      expect(identity['field']).toBe('id');
    });

    it('stores script tags in names as plain text', async () => {
      const as = await f.signIn('admin@test.example');
      const name = '<script>alert("x")</script>株式会社';
      const created = await f.call('/api/actors', {
        as,
        body: { id: 'xss', kind: 'organization', sector: 'company', name, prefectureCode: '13' },
      });
      expect(created.status).toBe(201);
      const read = await f.call('/api/actors/xss');
      expect(read.headers.get('content-type')).toMatch(/^application\/json/);
      expect(read.headers.get('x-content-type-options')).toBe('nosniff');
      expect(((await read.json()) as Record<string, unknown>)['name']).toBe(name);
    });

    it('works on entities with derived identities (relations)', async () => {
      const as = await f.signIn('admin@test.example');
      const created = await f.call('/api/relations', {
        as,
        body: {
          sourceId: 'co-a',
          targetId: 'uni-u',
          type: 'joint_research',
          startDate: '2024-04-01',
        },
      });
      expect(created.status).toBe(201);
      const location = created.headers.get('location') ?? '';
      expect(decodeURIComponent(location)).toBe(
        '/api/relations/co-a>uni-u:joint_research@2024-04-01',
      );
      const patched = await f.call(location, {
        method: 'PATCH',
        as,
        headers: { 'if-match': '"1"' },
        body: { weight: 3 },
      });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ weight: 3 });
      await expectProblem(
        await f.call(location, {
          method: 'PATCH',
          as,
          headers: { 'if-match': '"2"' },
          body: { type: 'license' },
        }),
        422,
      );
      await expectProblem(
        await f.call('/api/actors/uni-u', { method: 'DELETE', as, headers: { 'if-match': '"1"' } }),
        409,
        'conflict',
      );
    });
  });

  describe('permissions', () => {
    it('refuses anonymous and viewer changes', async () => {
      const body = { id: 's-new', ownerId: 'uni-u', title: 'new seed' };
      await expectProblem(await f.call('/api/seeds', { body }), 401, 'unauthenticated');
      const viewer = await f.signIn('viewer@test.example');
      await expectProblem(await f.call('/api/seeds', { as: viewer, body }), 403, 'forbidden');
      await expectProblem(
        await f.call('/api/seeds/seed-u1', {
          method: 'PATCH',
          as: viewer,
          headers: { 'if-match': '"1"' },
          body: { trl: 2 },
        }),
        403,
      );
    });

    it('lets a member change only their organisation’s actor, seeds and needs', async () => {
      const u = await f.signIn('u@test.example');
      expect(
        (
          await f.call('/api/seeds', {
            as: u,
            body: { id: 's-u2', ownerId: 'uni-u', title: '新シーズ' },
          })
        ).status,
      ).toBe(201);
      const other = await expectProblem(
        await f.call('/api/seeds', {
          as: u,
          body: { id: 's-a2', ownerId: 'co-a', title: '他社名義' },
        }),
        403,
        'forbidden',
      );
      expect(String(other['detail'])).toContain('uni-u');
      await expectProblem(
        await f.call('/api/seeds/seed-a1', {
          method: 'PATCH',
          as: u,
          headers: { 'if-match': '"1"' },
          body: { trl: 4 },
        }),
        403,
      );
      // Handing one's own seed to another organisation is refused too.
      await expectProblem(
        await f.call('/api/seeds/seed-u1', {
          method: 'PATCH',
          as: u,
          headers: { 'if-match': '"1"' },
          body: { ownerId: 'co-a' },
        }),
        403,
      );
      expect(
        (
          await f.call('/api/actors/uni-u', {
            method: 'PATCH',
            as: u,
            headers: { 'if-match': '"1"' },
            body: { url: 'https://u.example.jp/' },
          })
        ).status,
      ).toBe(200);
      await expectProblem(
        await f.call('/api/actors/co-a', {
          method: 'PATCH',
          as: u,
          headers: { 'if-match': '"1"' },
          body: { url: 'https://x.example/' },
        }),
        403,
      );
      await expectProblem(
        await f.call('/api/actors', {
          as: u,
          body: { id: 'new', kind: 'organization', sector: 'npo', name: 'n', prefectureCode: '13' },
        }),
        403,
      );
      await expectProblem(
        await f.call('/api/programmes', { as: u, body: { id: 'p', name: 'p' } }),
        403,
      );
      const a = await f.signIn('a@test.example');
      expect(
        (
          await f.call('/api/needs/need-a-secret', {
            method: 'DELETE',
            as: a,
            headers: { 'if-match': '"1"' },
          })
        ).status,
      ).toBe(204);
    });
  });
});

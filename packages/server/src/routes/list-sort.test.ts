import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';
import { buildOpenApiDocument } from './openapi.ts';

type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

describe.each(TEST_DATABASES)('sorted lists on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos
      .entity('seeds')
      .upsertMany([
        buildSeed({ id: 'seed-t3', ownerId: 'uni-u', title: 'T3', trl: 3 }),
        buildSeed({ id: 'seed-t7', ownerId: 'uni-u', title: 'T7', trl: 7 }),
        buildSeed({ id: 'seed-t3b', ownerId: 'co-a', title: 'T3b', trl: 3 }),
      ]);
  });
  afterEach(async () => {
    await f.close();
  });

  /** Follows nextCursor with limit=1 and returns the ids in order. */
  const walk = async (path: string, cookie?: string): Promise<unknown[]> => {
    const out: unknown[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const sep = path.includes('?') ? '&' : '?';
      const response = await f.call(
        `${path}${sep}limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        cookie ? { headers: { cookie } } : {},
      );
      expect(response.status, path).toBe(200);
      const page = (await response.json()) as Page;
      out.push(...page.items.map((r) => r['id']));
      cursor = page.nextCursor;
      if (cursor === null) return out;
    }
    throw new Error('did not end');
  };

  it('sorts ascending and descending, pages without gaps, missing values last', async () => {
    const ascending = await walk('/api/actors?sort=name');
    expect([...ascending].sort()).toEqual(['co-a', 'co-b', 'uni-u']);
    expect(await walk('/api/actors?sort=-name')).toEqual([...ascending].reverse());
    // SQLite compares code points (ユ < 株); PostgreSQL uses the database's collation.
    if (kind.name === 'sqlite') expect(ascending).toEqual(['uni-u', 'co-a', 'co-b']);
    // Ties broken by id; seeds without a TRL come last either way.
    expect(await walk('/api/seeds?sort=trl')).toEqual([
      'seed-t3',
      'seed-t3b',
      'seed-t7',
      'seed-a1',
      'seed-u1',
    ]);
    expect(await walk('/api/seeds?sort=-trl')).toEqual([
      'seed-t7',
      'seed-t3b',
      'seed-t3',
      'seed-u1',
      'seed-a1',
    ]);
  });

  it('keeps confidentiality while sorting needs', async () => {
    const member = await f.signIn('a@test.example');
    expect(await walk('/api/needs?sort=-title', member.cookie)).toEqual([
      'need-a-secret',
      'need-a-public',
      'need-a-members',
    ]);
    expect(await walk('/api/needs?sort=title')).toEqual(['need-a-public']);
  });

  it('refuses unknown sort fields and cursors of another sort', async () => {
    const unknown = await expectProblem(await f.call('/api/actors?sort=password'), 422);
    expect(unknown['field']).toBe('sort');
    await expectProblem(await f.call('/api/seeds?sort=keywords'), 422);
    const first = (await (await f.call('/api/actors?sort=name&limit=1')).json()) as Page;
    const cursor = encodeURIComponent(first.nextCursor ?? '');
    const other = await expectProblem(
      await f.call(`/api/actors?sort=-name&limit=1&cursor=${cursor}`),
      422,
    );
    expect(other['field']).toBe('cursor');
    await expectProblem(await f.call(`/api/actors?limit=1&cursor=${cursor}`), 422);
  });

  it('documents the sortable fields of each list', () => {
    const document = buildOpenApiDocument();
    const parameters = (document.paths['/api/seeds']?.['get'] as { parameters: unknown[] })
      .parameters as { name: string; schema: { enum?: string[] } }[];
    const sort = parameters.find((p) => p.name === 'sort');
    expect(sort?.schema.enum).toContain('-trl');
    expect(sort?.schema.enum).not.toContain('keywords');
  });
});

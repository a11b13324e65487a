/**
 * The review queue of entity resolution over HTTP: administrators and coordinators see likely
 * duplicates beside the actor they may be and decide; nobody else sees or decides anything.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActorReview } from '#core/ports.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type AccountKey,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const REVIEW: ActorReview = {
  id: 'review-u',
  source: 'ror',
  candidateId: 'uni-u',
  record: {
    keys: { ror: '057zh3y96', name: 'ユー大学', prefectureCode: '13' },
    fields: {
      kind: 'organization',
      sector: 'university',
      name: 'ユー大学',
      nameEn: 'U University',
      prefectureCode: '13',
    },
    on: '2026-11-30',
  },
  score: 0.82,
  reasons: 'name+prefecture',
  status: 'open',
  createdAt: '2026-12-01T00:00:00.000Z',
};

describe.each(TEST_DATABASES)('review queue over HTTP on $name', (kind) => {
  let f: ApiFixture;
  let as: Record<AccountKey, Credentials>;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    as = await f.signInAll();
    await f.database.repos.reviews.add(REVIEW);
  });
  afterEach(async () => {
    await f.close();
  });

  const decide = (who: Credentials | undefined, decision: string, id = REVIEW.id) =>
    f.call(`/api/reviews/${id}/decision`, {
      ...(who ? { as: who } : {}),
      body: { decision },
    });

  it('shows an administrator the queued record beside the actor it may be, with the evidence', async () => {
    const response = await f.call('/api/reviews', { as: as['admin'] });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { items } = (await response.json()) as {
      items: { id: string; record: Record<string, string>; candidate: Record<string, string> }[];
    };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: 'review-u',
      source: 'ror',
      score: 0.82,
      reasons: 'name+prefecture',
      // Queued without a code (before codes were kept): its stored words.
      evidence: { code: 'other', values: { text: 'name+prefecture' } },
      status: 'open',
      candidateId: 'uni-u',
      record: { name: 'ユー大学', nameEn: 'U University', ror: '057zh3y96', prefectureCode: '13' },
      candidate: { name: 'ユー大学', sector: 'university' },
    });
  });

  it('lets a coordinator merge the record into the candidate, once', async () => {
    const merged = await decide(as['coordinator'], 'merge');
    expect(merged.status).toBe(200);
    await expect(merged.json()).resolves.toEqual({
      review: 'review-u',
      decision: 'merge',
      actorId: 'uni-u',
    });
    const actor = await f.database.repos.entity('actors').get('uni-u');
    expect(actor?.record['ror']).toBe('057zh3y96');
    await expectProblem(await decide(as['admin'], 'keep-apart'), 409);
    const open = (await (await f.call('/api/reviews', { as: as['admin'] })).json()) as {
      items: unknown[];
    };
    expect(open.items).toEqual([]);
    const all = (await (await f.call('/api/reviews?status=all', { as: as['admin'] })).json()) as {
      items: { status: string }[];
    };
    expect(all.items.map((i) => i.status)).toEqual(['merged']);
  });

  it('refuses members, viewers and anonymous callers, showing them nothing', async () => {
    const anonymous = await f.call('/api/reviews');
    await expectProblem(anonymous, 401);
    await expectProblem(await decide(undefined, 'merge'), 401);
    for (const key of ['memberA', 'memberU', 'viewer'] as const) {
      const list = await f.call('/api/reviews', { as: as[key] });
      const body = await expectProblem(list, 403, 'forbidden');
      expect(JSON.stringify(body), key).not.toContain('ユー大学');
      await expectProblem(await decide(as[key], 'merge'), 403, 'forbidden');
      await expectProblem(await decide(as[key], 'keep-apart', 'no-such-review'), 403);
    }
    // Nothing was decided by those attempts.
    expect((await f.database.repos.reviews.get(REVIEW.id))?.status).toBe('open');
    expect((await f.database.repos.entity('actors').get('uni-u'))?.record['ror']).toBeUndefined();
  });

  it('checks the decision and the status named', async () => {
    await expectProblem(await decide(as['admin'], 'delete'), 422);
    await expectProblem(await f.call('/api/reviews?status=maybe', { as: as['admin'] }), 422);
    await expectProblem(await decide(as['admin'], 'merge', 'no-such-review'), 404);
  });
});

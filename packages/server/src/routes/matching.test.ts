import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTextPipeline, type TextPipeline } from '#services/matching/text-pipeline.ts';
import { buildNeed, buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

let text: TextPipeline;
beforeAll(async () => {
  text = await createTextPipeline();
}, 60_000);
afterAll(async () => text.close());

type Result = {
  results: {
    seedId: string;
    score: number;
    confidence: string;
    explanation: {
      terms: { term: string; source: string }[];
      signals: Record<string, number>;
      path: unknown[];
      region: string;
      highlightedTitle: string;
    };
  }[];
  researchers: { actorId: string }[];
  facilities: unknown[];
};
type Reverse = { results: { actorId: string; needIds: string[] }[] };

const SECRET = ['need-a-secret', 'need-b-secret'];

describe.each(TEST_DATABASES)('matching API on $name', (kind) => {
  let f: ApiFixture;
  const as: Record<string, Credentials> = {};
  beforeEach(async () => {
    f = await createApiFixture(
      kind,
      { rateLimits: { search: { capacity: 50, refillPerSecond: 1 } } },
      { text },
    );
    await f.database.repos.entity('seeds').upsertMany([
      buildSeed({
        id: 'seed-copper',
        ownerId: 'uni-u',
        title: '銅の回収 と 重金属 の 分離',
        keywords: ['銅', '回収'],
        field: '環境',
      }),
    ]);
    await f.database.repos.entity('needs').upsertMany([
      buildNeed({
        id: 'need-a-secret',
        ownerId: 'co-a',
        title: '秘密ニーズ 銅の回収 A 極秘工程',
        confidentiality: 'confidential',
      }),
    ]);
    for (const [key, email] of [
      ['coordinator', 'coord@test.example'],
      ['otherCoordinator', 'coord2@test.example'],
      ['memberA', 'a@test.example'],
      ['memberB', 'b@test.example'],
      ['viewer', 'viewer@test.example'],
      ['admin', 'admin@test.example'],
    ] as const)
      as[key] = await f.signIn(email);
  });
  afterEach(async () => {
    await f.close();
  });

  it('ranks seeds for a need written now, each with its explanation', async () => {
    const response = await f.call('/api/matching/needs', {
      body: { text: '銅の回収と重金属の分離をしたい', prefectureCode: '13' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Result;
    const top = body.results[0];
    expect(top?.seedId).toBe('seed-copper');
    expect(['high', 'medium']).toContain(top?.confidence);
    expect(top?.explanation.terms.length).toBeGreaterThan(0);
    expect(top?.explanation.highlightedTitle).toContain('【');
    const sum = Object.values(top?.explanation.signals ?? {}).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(top?.score ?? 0, 2);
    expect(Array.isArray(body.researchers)).toBe(true);
    expect(Array.isArray(body.facilities)).toBe(true);
  });

  it('refuses bad input with a problem naming the field', async () => {
    const empty = await expectProblem(
      await f.call('/api/matching/needs', { body: { text: '  ' } }),
      422,
      'validation_failed',
    );
    expect(empty['field']).toBe('text');
    const region = await expectProblem(
      await f.call('/api/matching/needs', { body: { text: '銅', region: 'mars' } }),
      422,
    );
    expect(region['field']).toBe('region');
    const limit = await expectProblem(
      await f.call('/api/needs/need-a-public/matches?limit=0'),
      422,
    );
    expect(limit['field']).toBe('limit');
  });

  it('matches a confidential need only for its owner organisation and assigned coordinators', async () => {
    expect((await f.call('/api/needs/need-a-secret/matches', { as: as['memberA'] })).status).toBe(
      200,
    );
    expect(
      (await f.call('/api/needs/need-b-secret/matches', { as: as['coordinator'] })).status,
    ).toBe(200);
    for (const who of [
      undefined,
      'memberB',
      'viewer',
      'coordinator',
      'otherCoordinator',
      'admin',
    ]) {
      const response = await f.call('/api/needs/need-a-secret/matches', {
        ...(who ? { as: as[who] } : {}),
      });
      // Not allowed looks exactly like not there.
      const body = await expectProblem(response, 404, 'not_found');
      expect(body['detail']).toBe('no need need-a-secret');
    }
    await expectProblem(
      await f.call('/api/needs/no-such-need/matches', { as: as['memberA'] }),
      404,
    );
    expect((await f.call('/api/needs/need-a-public/matches')).status).toBe(200);
    await expectProblem(await f.call('/api/needs/need-a-members/matches'), 404);
    expect((await f.call('/api/needs/need-a-members/matches', { as: as['viewer'] })).status).toBe(
      200,
    );
  });

  it('never shows confidential needs in reverse matches, for anyone', async () => {
    for (const who of [undefined, 'memberA', 'memberB', 'coordinator', 'admin']) {
      const response = await f.call('/api/seeds/seed-copper/matches', {
        ...(who ? { as: as[who] } : {}),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as Reverse;
      const needIds = body.results.flatMap((r) => r.needIds);
      expect(needIds, String(who)).toContain('need-a-public');
      for (const secret of SECRET) expect(needIds, String(who)).not.toContain(secret);
      expect(JSON.stringify(body)).not.toContain('極秘');
      if (who === undefined) expect(needIds).not.toContain('need-a-members');
    }
    await expectProblem(await f.call('/api/seeds/nope/matches'), 404);
  });

  it('records judgements on candidates: a rejection needs a reason, only the owner side judges', async () => {
    const noReason = await expectProblem(
      await f.call('/api/needs/need-a-public/feedback', {
        as: as['memberA'],
        body: { seedId: 'seed-copper', decision: 'rejected' },
      }),
      422,
    );
    expect(noReason['field']).toBe('reason');
    const ok = await f.call('/api/needs/need-a-public/feedback', {
      as: as['memberA'],
      body: { seedId: 'seed-copper', decision: 'rejected', reason: 'wrong_field' },
    });
    expect(ok.status).toBe(201);
    await expectProblem(
      await f.call('/api/needs/need-a-public/feedback', {
        as: as['memberB'],
        body: { seedId: 'seed-copper', decision: 'chosen' },
      }),
      403,
    );
    await expectProblem(
      await f.call('/api/needs/need-a-public/feedback', {
        body: { seedId: 'seed-copper', decision: 'chosen' },
      }),
      401,
    );
  });

  it('rate limits searches per caller with Retry-After', async () => {
    const g = await createApiFixture(
      kind,
      { rateLimits: { search: { capacity: 2, refillPerSecond: 0.01 } } },
      { text },
    );
    try {
      for (let i = 0; i < 2; i++)
        expect((await g.call('/api/needs/need-a-public/matches')).status).toBe(200);
      const refused = await g.call('/api/matching/needs', { body: { text: '銅' } });
      await expectProblem(refused, 429, 'rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await g.close();
    }
  });
});

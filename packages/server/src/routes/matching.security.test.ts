/**
 * M2 (issue 12): matching could take the server down — 50 concurrent reverse matches made
 * /api/health take 12–14 s. Matching now runs in worker threads behind a bounded queue: a full
 * queue answers 429 with Retry-After, health is answered while matches run, and the answers are
 * the ones matching in the server's own thread gives.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_VIEWER } from '#core/viewer.ts';
import { createRng } from '#analytics/random.ts';
import { createMatchingService } from '#services/matching/matching-service.ts';
import { buildNeed, buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';
import { createApp } from '../app.ts';
import { createWorkflowServices, type WorkflowServices } from '../workflow-services.ts';

const WORDS = (
  '銅 回収 重金属 分離 吸着 排水 処理 膜 樹脂 触媒 電池 蓄電 水素 燃料 半導体 センサ 計測 ' +
  '画像 解析 機械 学習 ロボット 制御 農業 漁業 養殖 食品 発酵 醸造 医療 診断 創薬 材料 ' +
  '複合 繊維 炭素 鋼材 溶接 塗装 めっき 防錆 腐食 省エネ 断熱 建築 耐震 木材 バイオマス ' +
  '肥料 土壌 微生物 酵素 微細 加工 金型 成形 射出 切削 研磨 光学 レーザー 通信 無線 ' +
  '電波 音響 振動 騒音 熱 流体 冷却 乾燥 粉体 粒子 ナノ 薄膜 印刷 包装 物流 自動化'
).split(' ');

function phrase(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++)
    out.push(WORDS[Math.floor(random() * WORDS.length)] ?? '銅', i % 3 === 2 ? 'の' : 'と');
  return out.join('');
}

/** Enough seeds and needs that one match takes a while. */
async function loadCorpus(f: ApiFixture): Promise<void> {
  const random = createRng(12);
  const seeds = Array.from({ length: 1500 }, (_, i) =>
    buildSeed({
      id: `m2-seed-${i}`,
      ownerId: i % 2 === 0 ? 'uni-u' : 'co-a',
      title: phrase(random, 6),
      abstract: phrase(random, 40),
      keywords: [phrase(random, 1), phrase(random, 1)],
    }),
  );
  const needs = Array.from({ length: 600 }, (_, i) =>
    buildNeed({
      id: `m2-need-${i}`,
      ownerId: i % 2 === 0 ? 'co-a' : 'co-b',
      title: phrase(random, 5),
      description: phrase(random, 30),
    }),
  );
  await f.database.repos.entity('seeds').upsertMany(seeds);
  await f.database.repos.entity('needs').upsertMany(needs);
}

const LONG_QUERY = phrase(createRng(7), 600);

describe.each(TEST_DATABASES)('M2: matching saturated on $name', (kind) => {
  let f: ApiFixture;
  let workflow: WorkflowServices;
  let base: string;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    f = await createApiFixture(kind);
    await loadCorpus(f);
    workflow = createWorkflowServices(f.database.repos, f.clock, {
      matchingWorkers: 1,
      maxWaitingMatches: 2,
      refreshIntervalMs: 60_000,
      persist: false,
    });
    await workflow.warm();
    const app = createApp({
      repos: f.database.repos,
      clock: f.clock,
      // The per-caller search limit is not what this test is about.
      config: { rateLimits: { search: { capacity: 1_000, refillPerSecond: 1_000 } } },
      webDistDir: '/nonexistent-web-dist/',
      warmWebData: false,
      onUnexpectedError: () => undefined,
      workflow,
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address() as AddressInfo;
    base = `http://127.0.0.1:${address.port}`;
    stop = async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await workflow.close();
    };
  }, 120_000);
  afterEach(async () => {
    await stop();
    await f.close();
  });

  const match = (path: string, body?: unknown): Promise<Response> =>
    fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('M2: a full matching queue answers 429 problem+json with Retry-After, never 5xx', async () => {
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => match('/api/matching/needs', { text: LONG_QUERY })),
      ...Array.from({ length: 4 }, (_, i) => match(`/api/seeds/m2-seed-${i}/matches`)),
    ]);
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.every((s) => s === 200 || s === 429),
      statuses.join(' '),
    ).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const response of refused) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = await expectProblem(response, 429, 'rate_limited');
      expect(String(body['detail'])).toMatch(/matching is busy/);
    }
    expect((await workflow.matching()).load().refused).toBe(refused.length);
  }, 60_000);

  it('M2: /api/health and lists answer while matches run, and matches answer as before', async () => {
    const service = await workflow.matching();
    // First requests compile code paths; measure the loop after them.
    expect((await match('/api/health')).status).toBe(200);
    expect((await match('/api/needs?limit=5')).status).toBe(200);
    expect((await match('/api/matching/needs', { text: '銅の回収' })).status).toBe(200);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const started = performance.now();
    const finished: string[] = [];
    const matches = Array.from({ length: 3 }, (_, i) =>
      match('/api/matching/needs', { text: `${LONG_QUERY}${WORDS[i] ?? ''}` }).then(
        async (response) => {
          finished.push(`match ${i}`);
          return { status: response.status, body: (await response.json()) as unknown };
        },
      ),
    );
    // Wait until a match is being computed and the other two are queued.
    while (service.load().running + service.load().waiting < 3 && finished.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 1));
    const health = await match('/api/health');
    finished.push('health');
    const list = await match('/api/needs?limit=5');
    finished.push('list');
    expect(health.status).toBe(200);
    expect(list.status).toBe(200);
    const answered = await Promise.all(matches);
    delay.disable();
    const perMatchMs = (performance.now() - started) / 3;
    const blockedMs = delay.max / 1e6;
    // Matching in this thread blocks the loop for a whole match at a time; in workers it never
    // comes near that.
    expect(blockedMs, `loop blocked ${blockedMs} ms, a match takes ${perMatchMs} ms`).toBeLessThan(
      perMatchMs * 0.75,
    );
    // Health and the list were answered before the queued matches were done.
    expect(finished.indexOf('health')).toBeLessThan(finished.indexOf('match 2'));
    expect(finished.indexOf('list')).toBeLessThan(finished.indexOf('match 2'));
    // The same answers as matching in this thread.
    const inThread = await createMatchingService({
      repos: f.database.repos,
      clock: f.clock,
      persist: false,
    });
    try {
      for (const [i, got] of answered.entries()) {
        expect(got.status).toBe(200);
        const expected = await inThread.matchText(
          ANONYMOUS_VIEWER,
          `${LONG_QUERY}${WORDS[i] ?? ''}`,
        );
        expect(got.body).toEqual(JSON.parse(JSON.stringify(expected)));
      }
    } finally {
      await inThread.close();
    }
  }, 60_000);
});

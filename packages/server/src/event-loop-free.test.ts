/**
 * Long computations never run on the server's event loop: with the database given by location,
 * the web views' snapshot (the home page's data) and the shared analyses are built in worker
 * threads, so while they run this thread stays idle and answers at once.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '#core/ports.ts';
import { openDatabase, type Database } from '#db/open-database.ts';
import type { AnalysisStore } from '#services/analysis-store/analysis-store.ts';
import { loadLargeNetwork } from '#test/large-network.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createAnalysisServices, createWebDataServices } from './analysis-services.ts';
import { createApp } from './app.ts';

const clock: Clock = { now: () => new Date() };

describe.each(TEST_DATABASES)('the event loop on $name', (kind) => {
  let db: Database | undefined;
  let analyses: AnalysisStore | undefined;
  let webData: ReturnType<typeof createWebDataServices> | undefined;
  afterEach(async () => {
    await analyses?.close();
    await webData?.close();
    await db?.close();
  });

  it(
    'stays free while the home data and an analysis are computed',
    { timeout: 180_000 },
    async () => {
      const target = await kind.freshTarget();
      db = await openDatabase(target, clock);
      await loadLargeNetwork(db.repos, 1_500);
      analyses = createAnalysisServices(db.repos, clock, { database: target });
      webData = createWebDataServices(db.repos, clock, { database: target });
      const app = createApp({
        repos: db.repos,
        analyses,
        webData: webData.answers,
        warmWebData: false,
      });

      const before = performance.eventLoopUtilization();
      const home = app.request('/api/web/summary');
      const brokers = app.request('/api/analyses/brokers');
      const health: number[] = [];
      let done = false;
      const both = Promise.all([home, brokers]).finally(() => {
        done = true;
      });
      while (!done) {
        const asked = performance.now();
        const response = await app.request('/api/health');
        expect(response.status).toBe(200);
        health.push(performance.now() - asked);
        await new Promise((wait) => setTimeout(wait, 100));
      }
      const [homeResponse, brokersResponse] = await both;
      const busy = performance.eventLoopUtilization(before);

      expect(homeResponse.status).toBe(200);
      expect(((await homeResponse.json()) as { actors: { total: number } }).actors.total).toBe(
        1_500,
      );
      expect(brokersResponse.status).toBe(200);
      // This thread was idle most of the time (built here, it would be busy nearly all of it).
      expect(busy.utilization).toBeLessThan(0.5);
      expect(Math.max(...health)).toBeLessThan(1_000);
    },
  );
});

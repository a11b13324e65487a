import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { ANONYMOUS, loadWorld } from '#test/matching-world.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createMatchingService } from './matching-service.ts';
import { createTextPipeline, type TextPipeline } from './text-pipeline.ts';

const clock = { now: () => new Date('2025-04-01T00:00:00Z') };
let text: TextPipeline;
beforeAll(async () => {
  text = await createTextPipeline();
}, 30_000);
afterAll(async () => text.close());

describe.each(TEST_DATABASES)(
  'matching reads the relations only when a match needs them (issue 16) on $name',
  (kind) => {
    let db: Database;
    beforeAll(async () => {
      db = await kind.open(clock);
      await loadWorld(db.repos);
    }, 30_000);
    afterAll(async () => db.close());

    it('a free-text match without an origin does not read the relations; a need match (its owner an origin) does', async () => {
      const service = await createMatchingService({ repos: db.repos, clock, text });
      try {
        const byText = await service.matchText(ANONYMOUS, '排水処理');
        expect(byText.results.length).toBeGreaterThan(0);
        expect(service.stats().timings.relations).toBeUndefined();
        const byNeed = await service.matchNeed(ANONYMOUS, 'n-public', { limit: 10 });
        expect(service.stats().timings.relations).toBeGreaterThanOrEqual(0);
        expect(service.stats().relations).toBeGreaterThan(0);
        expect(byNeed.results.some((r) => r.explanation.path.length > 0)).toBe(true);
      } finally {
        await service.close();
      }
    });
  },
);

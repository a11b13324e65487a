import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { ANONYMOUS, loadWorld, WORLD } from '#test/matching-world.ts';
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

    it("a text match reads only its hits' owners, named as before; a seed's companies read every actor", async () => {
      const service = await createMatchingService({ repos: db.repos, clock, text });
      try {
        const byText = await service.matchText(ANONYMOUS, '排水処理');
        expect(byText.results.length).toBeGreaterThan(0);
        // No full read of the actors: neither timed nor held.
        expect(service.stats().timings.actors).toBeUndefined();
        expect(service.stats().actors).toBe(0);
        const nameOf = new Map(WORLD.actors.map((a) => [a.id, a.name]));
        for (const r of byText.results)
          if (r.ownerId !== '') expect(r.ownerName).toBe(nameOf.get(r.ownerId));
        expect(byText.results.some((r) => nameOf.has(r.ownerId))).toBe(true);
        for (const r of byText.researchers) expect(r.name).toBe(nameOf.get(r.actorId));

        const reverse = await service.matchSeed(ANONYMOUS, 's-plating', { limit: 50 });
        expect(reverse.results.length).toBeGreaterThan(0);
        for (const r of reverse.results) expect(r.name).toBe(nameOf.get(r.actorId));
        expect(service.stats().actors).toBe(WORLD.actors.length);
      } finally {
        await service.close();
      }
    });

    it('a reindex still counts every actor in its stats', async () => {
      const service = await createMatchingService({ repos: db.repos, clock, text });
      try {
        await service.refresh({ rebuild: true });
        expect(service.stats().actors).toBe(WORLD.actors.length);
      } finally {
        await service.close();
      }
    });
  },
);

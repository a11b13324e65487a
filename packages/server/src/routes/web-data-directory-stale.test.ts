import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { ZWebActorPage } from '#contract/web-data-types.ts';
import { buildActor } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { registerWebDataRoutes } from './web-data.ts';

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

/** The directory flags records to confirm as the programme lists do (core/freshness.ts). */
describe.each(TEST_DATABASES)('the actor directory’s stale flag ($name)', (kind) => {
  let db: Database;
  let app: Hono;
  beforeAll(async () => {
    db = await kind.open(clock);
    await db.repos.entity('actors').upsertMany([
      // 法人番号 records are stale after 62 days
      buildActor({ id: 'fresh', source: 'houjin-bangou', confirmedAt: '2026-05-20' }),
      buildActor({ id: 'old', source: 'houjin-bangou', confirmedAt: '2026-02-01' }),
      // entered by a person: two years
      buildActor({ id: 'typed', confirmedAt: '2025-01-10' }),
      buildActor({ id: 'never' }),
    ]);
    app = new Hono();
    registerWebDataRoutes(app, { repos: db.repos, clock, warm: false });
  });
  afterAll(async () => db.close());

  const page = async (query: string) => {
    const response = await app.request(`/api/web/actors?limit=200${query}`);
    expect(response.status).toBe(200);
    return ZWebActorPage.parse(await response.json());
  };

  it('carries each row’s confirmation date and source, and whether it is to confirm', async () => {
    const rows = Object.fromEntries((await page('')).items.map((a) => [a.id, a]));
    expect(rows['fresh']).toMatchObject({
      source: 'houjin-bangou',
      confirmedAt: '2026-05-20',
      stale: false,
    });
    expect(rows['old']).toMatchObject({ confirmedAt: '2026-02-01', stale: true });
    expect(rows['typed']).toMatchObject({ source: null, confirmedAt: '2025-01-10', stale: false });
    expect(rows['never']).toMatchObject({ confirmedAt: null, stale: true });
  });

  it('lists only those to confirm with ?stale=true, all with ?stale=false', async () => {
    const stale = await page('&stale=true');
    expect(stale.items.map((a) => a.id).sort()).toEqual(['never', 'old']);
    expect(stale.total).toBe(2);
    expect((await page('&stale=false')).total).toBe(4);
    expect((await app.request('/api/web/actors?stale=yes')).status).toBe(422);
  });
});

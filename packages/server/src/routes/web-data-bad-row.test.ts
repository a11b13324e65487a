import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { registerWebDataRoutes } from './web-data.ts';

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

/**
 * A row stored past every write path (here a foreign actor given coordinates straight in SQL,
 * which the actor schema refuses) is left out of the web views with one log line naming the
 * record and the field; every `/api/web/*` route still answers.
 */
describe.each(TEST_DATABASES)('a row stored without validation ($name)', (kind) => {
  let db: Database;
  let app: Hono;
  let logged: string[];
  beforeEach(async () => {
    db = await kind.open(clock);
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'u1', sector: 'university', prefectureCode: '13' }),
        buildActor({ id: 'c1', sector: 'company', prefectureCode: '13' }),
        buildActor({ id: 'x1', sector: 'company', prefectureCode: undefined, countryCode: 'US' }),
      ]);
    await db.repos
      .entity('relations')
      .upsertMany([
        buildRelation({ sourceId: 'u1', targetId: 'c1' }),
        buildRelation({ sourceId: 'u1', targetId: 'x1' }),
      ]);
    await db.client.exec(`UPDATE actors SET lat = 40.7, lon = -74.0 WHERE id = 'x1'`);
    logged = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      logged.push(String(line));
    });
    app = new Hono();
    registerWebDataRoutes(app, { repos: db.repos, clock, warm: false });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await db.close();
  });

  const get = async (path: string) => {
    const response = await app.request(path);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers every view without the row, and says which record and field once', async () => {
    const paths = [
      '/api/web/meta',
      '/api/web/communities',
      '/api/web/summary',
      '/api/web/choropleth?metric=actors',
      '/api/web/choropleth/municipalities?prefecture=13&metric=actors',
      '/api/web/network?isolated=true',
      '/api/web/actors',
      '/api/web/actors/u1',
    ];
    for (const path of paths) expect((await get(path)).status, path).toBe(200);
    const summary = (await get('/api/web/summary')).body as { actors: { total: number } };
    expect(summary.actors.total).toBe(2);
    const directory = (await get('/api/web/actors')).body as { items: { id: string }[] };
    expect(directory.items.map((a) => a.id).sort()).toEqual(['c1', 'u1']);
    const network = (await get('/api/web/network?isolated=true')).body as { edgeCount: number };
    expect(network.edgeCount).toBe(1);
    expect((await get('/api/web/actors/x1')).status).toBe(404);

    const lines = logged.filter((l) => l.includes('x1'));
    expect(lines[0]).toMatch(/actors x1 .*field .*\blat\b/);
    expect(lines[0]).toContain('coordinates are kept for actors in Japan only');
    // once per snapshot built, not once per request
    expect(logged.filter((l) => l.includes('actors x1'))).toHaveLength(1);
  });

  it('logs a bad need or programme row of the records part once, quoting no need text', async () => {
    await db.repos.entity('needs').upsertMany([
      {
        id: 'need-bad',
        title: '秘密の銅回収計画',
        description: '極秘の工程',
        ownerId: 'c1',
        confidentiality: 'confidential',
      },
      { id: 'need-ok', title: '公開ニーズ', ownerId: 'c1', confidentiality: 'public' },
    ]);
    await db.repos.entity('programmes').upsertMany([{ id: 'prog-bad', name: '壊れた事業' }]);
    await db.client.exec(`UPDATE needs SET kind = 'bogus' WHERE id = 'need-bad'`);
    await db.client.exec(
      `UPDATE programmes SET start_fy = 2010, end_fy = 2000 WHERE id = 'prog-bad'`,
    );
    expect((await get('/api/web/summary')).status).toBe(200);
    expect((await get('/api/web/meta')).status).toBe(200);

    const need = logged.filter((l) => l.includes('need-bad'));
    expect(need).toHaveLength(1);
    expect(need[0]).toMatch(/needs need-bad left out of the web views, field kind/);
    expect(logged.join('\n')).not.toMatch(/秘密|極秘|銅回収|工程/);
    const programme = logged.filter((l) => l.includes('prog-bad'));
    expect(programme).toHaveLength(1);
    expect(programme[0]).toMatch(/programmes prog-bad left out of the web views, field endFy/);
    expect(programme[0]).toContain('end FY 2000 is before start FY 2010');
    expect(logged.some((l) => l.includes('need-ok'))).toBe(false);
  });
});

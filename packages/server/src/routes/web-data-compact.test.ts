import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { relationColumnsOf } from '#analytics/abc/actor-graph.ts';
import type { Clock, EntityRepo, Repositories } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { loadNetwork } from '#services/analysis/load-network.ts';
import { buildActor, buildNeed, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { webViewPaths } from '#test/web-view-paths.ts';
import { registerWebDataRoutes } from './web-data.ts';
import { answerView, type WebDataAnswers } from './web-data-answers.ts';
import { networkPartOf } from './web-data-network-part.ts';
import { buildNetworkPart, readRecordsPart, type WebSnapshot } from './web-data-snapshot.ts';

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

/**
 * The snapshot as it was built before the compact read: every actor and every relation read as a
 * record and checked against its schema, the relations in the order of their ids.
 */
async function recordSnapshot(repos: Repositories): Promise<WebSnapshot> {
  const network = await loadNetwork(repos, { seeds: true, projects: true });
  const input = {
    actors: network.actors,
    relations: relationColumnsOf(network.actors, network.relations),
    seeds: network.seeds,
    projects: network.projects,
  };
  const [part, records] = await Promise.all([
    networkPartOf(repos, clock, input),
    readRecordsPart(repos),
  ]);
  return { ...part, ...records, builtAt: clock.now().toISOString() };
}

/** The views answered from one snapshot, made at each request. */
function answersOf(snapshot: WebSnapshot): WebDataAnswers {
  return {
    answer: async (view, input) => answerView(snapshot, view, input, clock),
    answerJson: async (view, input) => JSON.stringify(answerView(snapshot, view, input, clock)),
    warm: async () => undefined,
  };
}

/** `repos` noting which entities' records are read in full. */
function noticingFullReads(repos: Repositories, read: string[]): Repositories {
  return {
    ...repos,
    entity(name) {
      const repo = repos.entity(name);
      const noticed: EntityRepo = {
        ...repo,
        iterate(batchSize) {
          read.push(name);
          return repo.iterate(batchSize);
        },
      };
      return noticed;
    },
  };
}

/**
 * The web views' snapshot takes the relations from the compact read (no record per relation) and
 * answers every request of the web app as the record read did, byte for byte: on the generated
 * demo (its relations stored in generation order, not in the order of their ids), with an actor
 * stored past its schema (left out with its ties) and a confidential need.
 */
describe.each(TEST_DATABASES)('web views from the compact network ($name)', (kind) => {
  let db: Database;
  let before: WebSnapshot;
  beforeAll(async () => {
    db = await kind.open(clock);
    await loadDemoEcosystem(db.repos, { scale: 0.05, seed: 3 });
    const [first, second] = (await db.repos.entity('actors').list({ limit: 2 })).items;
    const [one, two] = [String(first?.['id']), String(second?.['id'])];
    await db.repos
      .entity('actors')
      .upsertMany([buildActor({ id: 'zz-abroad', prefectureCode: undefined, countryCode: 'US' })]);
    await db.repos
      .entity('relations')
      .upsertMany([
        buildRelation({ sourceId: one, targetId: 'zz-abroad' }),
        buildRelation({ sourceId: 'zz-abroad', targetId: two, startDate: '2019-04-01' }),
      ]);
    await db.client.exec(`UPDATE actors SET lat = 40.7, lon = -74.0 WHERE id = 'zz-abroad'`);
    await db.repos.entity('needs').upsertMany([
      buildNeed({
        ownerId: one,
        title: 'SECRET confidential need',
        prefectureCode: '13',
        confidentiality: 'confidential',
      }),
    ]);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    before = await recordSnapshot(db.repos);
  }, 120_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await db.close();
  });

  it('reads no relation record to build the network part', async () => {
    const read: string[] = [];
    const part = await buildNetworkPart(noticingFullReads(db.repos, read), clock);
    expect(part.relations.count).toBe(before.relations.count);
    expect(read).not.toContain('relations');
  });

  it('answers every request of the web app as the record read did', async () => {
    const oldApp = new Hono();
    registerWebDataRoutes(oldApp, {
      repos: db.repos,
      clock,
      warm: false,
      answers: answersOf(before),
    });
    const newApp = new Hono();
    registerWebDataRoutes(newApp, { repos: db.repos, clock, warm: false });

    const paths = webViewPaths({
      meta: answerView(before, 'meta', {}, clock),
      communities: before.communities.communities.map((c) => c.id),
      actors: [...before.actors, { id: 'zz-abroad', name: 'abroad' }],
    });
    const statuses = new Map<number, number>();
    const differing: string[] = [];
    for (const path of paths) {
      const [a, b] = [await oldApp.request(path), await newApp.request(path)];
      const [textA, textB] = [await a.text(), await b.text()];
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      if (a.status !== b.status || textA !== textB) differing.push(path);
      expect(textB).not.toContain('SECRET');
    }
    expect(differing).toEqual([]);
    // Every view was asked, most answered, and the unknown names refused.
    expect(paths.length).toBeGreaterThan(2000);
    expect(statuses.get(200)).toBeGreaterThan(paths.length - 10);
    expect(statuses.get(404)).toBeGreaterThanOrEqual(3);
    expect(before.actors.some((a) => a.id === 'zz-abroad')).toBe(false);
    expect(before.communities.communities.length).toBeGreaterThan(1);
  }, 300_000);
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '#core/ports.ts';
import { ZProject } from '#core/entities/project.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { analyzeRoles } from './analyze-roles.ts';
import { loadNetwork } from './load-network.ts';
import { defaultCommunitiesFingerprint } from './current-communities.ts';
import { createNetworkCache } from './network-cache.ts';

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('roles from a network already loaded on $name', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await kind.open(clock);
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'lead', sector: 'company', prefectureCode: '22', employees: 300 }),
        buildActor({ id: 'maker', sector: 'company', prefectureCode: '22' }),
        buildActor({ id: 'uni', sector: 'university', prefectureCode: '22' }),
        buildActor({ id: 'buyer', sector: 'company', prefectureCode: '13' }),
      ]);
    await db.repos
      .entity('relations')
      .upsertMany([
        buildRelation({ sourceId: 'lead', targetId: 'uni', type: 'joint_research' }),
        buildRelation({ sourceId: 'lead', targetId: 'buyer', type: 'sales' }),
        buildRelation({ sourceId: 'maker', targetId: 'lead', type: 'supply' }),
      ]);
    await db.repos.entity('projects').upsertMany([
      ZProject.parse({
        id: 'p1',
        title: '浜松の光計測',
        members: [
          { actorId: 'lead', role: 'lead' },
          { actorId: 'uni', role: 'researcher' },
        ],
      }),
    ]);
  });
  afterEach(async () => {
    await db.close();
  });

  it('gives the same answer as reading the network itself, projects included', async () => {
    const alone = await analyzeRoles(db.repos, clock);
    const cache = createNetworkCache(db.repos, clock);
    const shared = await analyzeRoles(db.repos, clock, {}, await cache.compact());
    expect(shared).toEqual(alone);
    expect(await analyzeRoles(db.repos, clock, {}, await loadNetwork(db.repos))).toEqual(alone);
    const lead = shared.coreCompanies.find((c) => c.id === 'lead');
    // one project led + one regional research partner, one buyer outside the prefecture
    expect(lead?.evidence.find((e) => e.criterion === 'leads_regional_projects')?.value).toBe(2);
    expect(lead?.evidence.find((e) => e.criterion === 'own_channels')?.value).toBe(1);
    const anchor = shared.anchorCompanies.find((c) => c.id === 'lead');
    expect(anchor?.evidence.map((e) => e.value)).toEqual([0, 1, 1]);
  });

  it('loads the network once and computes no communities for it', async () => {
    const cache = createNetworkCache(db.repos, clock);
    const network = await cache.compact();
    expect(await cache.compact()).toBe(network);
    const fingerprint = defaultCommunitiesFingerprint(await db.repos.dataVersions(), null);
    expect(await db.repos.analysisResults.read('communities:default', fingerprint)).toBeUndefined();
    // The communities, asked afterwards, are found on the same network objects.
    expect((await cache.get()).network).toBe(network);
    expect(await db.repos.analysisResults.read('communities:default', fingerprint)).toBeDefined();
  });
});

describe.each(TEST_DATABASES)(
  'roles over stored rows the compact read cannot use ($name)',
  (kind) => {
    let db: Database;
    let logged: string[];
    beforeEach(async () => {
      db = await kind.open(clock);
      await db.repos
        .entity('actors')
        .upsertMany([
          buildActor({ id: 'lead', sector: 'company', prefectureCode: '22', employees: 300 }),
          buildActor({ id: 'maker', sector: 'company', prefectureCode: '22' }),
          buildActor({ id: 'odd', sector: 'company', prefectureCode: '22', employees: 50 }),
          buildActor({ id: 'buyer', sector: 'company', prefectureCode: '13' }),
        ]);
      await db.repos
        .entity('relations')
        .upsertMany([
          buildRelation({ sourceId: 'lead', targetId: 'buyer', type: 'sales' }),
          buildRelation({ sourceId: 'maker', targetId: 'lead', type: 'supply' }),
          buildRelation({ sourceId: 'odd', targetId: 'lead', type: 'supply' }),
          buildRelation({ sourceId: 'odd', targetId: 'buyer', type: 'sales' }),
        ]);
      // Written past every check: a sector and a relation type this program does not know.
      await db.client.exec(`UPDATE actors SET sector = 'spaceship' WHERE id = 'odd'`);
      await db.client.exec(`UPDATE relations SET type = 'teleport' WHERE source_id = 'maker'`);
      logged = [];
      vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
        logged.push(String(line));
      });
    });
    afterEach(async () => {
      vi.restoreAllMocks();
      await db.close();
    });

    it('leaves them out as the record read does, with a line naming the record and field', async () => {
      const compact = await db.repos.network.readCompact();
      expect(compact.actors.map((a) => a.id)).toEqual(['buyer', 'lead', 'maker']);
      expect(compact.relations.count).toBe(1);
      expect(logged).toEqual([
        expect.stringMatching(
          /^musubi: actors odd left out of the network read, field sector: .*"spaceship"/,
        ),
        expect.stringMatching(
          /^musubi: relations maker>lead left out of the network read, field type: .*"teleport"/,
        ),
        'musubi: 2 relations of the actors left out (odd) left out with them',
      ]);
      const fromCompact = await analyzeRoles(db.repos, clock, { limit: 100 }, compact);
      const fromRecords = await analyzeRoles(
        db.repos,
        clock,
        { limit: 100 },
        await loadNetwork(db.repos),
      );
      expect(fromCompact).toEqual(fromRecords);
      expect(fromCompact.coreCompanies.map((c) => c.id).sort()).toEqual(['buyer', 'lead', 'maker']);
      const lead = fromCompact.anchorCompanies.find((c) => c.id === 'lead');
      expect(lead?.evidence.map((e) => e.value)).toEqual([0, 0, 1]);
    });
  },
);

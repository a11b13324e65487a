import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '#core/ports.ts';
import { ZProject } from '#core/entities/project.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { analyzeRoles } from './analyze-roles.ts';
import { createNetworkCache, dataFingerprint } from './network-cache.ts';

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
    const shared = await analyzeRoles(db.repos, clock, {}, await cache.network());
    expect(shared).toEqual(alone);
    const lead = shared.coreCompanies.find((c) => c.id === 'lead');
    // one project led + one regional research partner, one buyer outside the prefecture
    expect(lead?.evidence.find((e) => e.criterion === 'leads_regional_projects')?.value).toBe(2);
    expect(lead?.evidence.find((e) => e.criterion === 'own_channels')?.value).toBe(1);
    const anchor = shared.anchorCompanies.find((c) => c.id === 'lead');
    expect(anchor?.evidence.map((e) => e.value)).toEqual([0, 1, 1]);
  });

  it('loads the network once and computes no communities for it', async () => {
    const cache = createNetworkCache(db.repos, clock);
    const network = await cache.network();
    expect(await cache.network()).toBe(network);
    const fingerprint = await dataFingerprint(db.repos);
    expect(
      await db.repos.analysisResults.read('communities:default:network', fingerprint),
    ).toBeUndefined();
    // The communities, asked afterwards, are found on the same network objects.
    expect((await cache.get()).network).toBe(network);
    expect(
      await db.repos.analysisResults.read('communities:default:network', fingerprint),
    ).toBeDefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { sqliteTestDatabase } from '#test/test-databases.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { analyzeCommunities } from './analyze-communities.ts';
import { analyzeGapFill } from './analyze-gap-fill.ts';
import { analyzeRoles } from './analyze-roles.ts';

const clock = { now: () => new Date('2025-04-01T00:00:00Z') };

describe('network analyses on a small demo ecosystem', () => {
  let db: Database;
  beforeAll(async () => {
    db = await sqliteTestDatabase.open(clock);
    await loadDemoEcosystem(db.repos, { scale: 0.1 });
  }, 60_000);
  afterAll(async () => db.close());

  it('finds communities that cross prefectures, stores the run, and is reproducible', async () => {
    const [first] = await analyzeCommunities(db.repos, clock, [{ seed: 3 }]);
    const [again] = await analyzeCommunities(db.repos, clock, [{ seed: 3 }], { save: false });
    expect(first?.communities.map((c) => c.members)).toEqual(
      again?.communities.map((c) => c.members),
    );
    expect(first?.modularity).toBeGreaterThan(0.5);
    expect(
      first?.communities.some((c) => c.prefectures.length >= 2 && c.crossPrefectureShare > 0.2),
    ).toBe(true);
    expect(first?.communities.some((c) => c.prefectures.length === 1)).toBe(true);
    expect(first?.ami).toBeGreaterThan(0);
    const runs = await db.repos.analysisRuns.list('communities');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      id: first?.runId,
      parameters: { seed: 3, resolution: 1, asOf: '2025-04-01' },
    });
    const stored = await db.repos.analysisRuns.get(first?.runId ?? '');
    expect(stored?.result).toEqual(first);
  });

  it('finds more, smaller communities at a higher resolution', async () => {
    const [coarse, fine] = await analyzeCommunities(
      db.repos,
      clock,
      [{ resolution: 0.5 }, { resolution: 2 }],
      { save: false },
    );
    expect(fine?.communityCount ?? 0).toBeGreaterThan(coarse?.communityCount ?? 0);
  });

  it('lists star scientists, core and anchor companies with evidence', async () => {
    const roles = await analyzeRoles(db.repos, systemClock);
    expect(roles.starScientists.some((s) => s.qualifies)).toBe(true);
    expect(roles.coreCompanies[0]?.evidence.map((e) => e.criterion)).toEqual([
      'regional_jobs',
      'in_region_procurement',
      'out_of_region_sales',
      'growth',
      'own_channels',
      'leads_regional_projects',
    ]);
    expect(roles.anchorCompanies.length).toBeGreaterThan(0);
  });

  it('ranks gap fillers from outside the community with reasons', async () => {
    const [partition] = await analyzeCommunities(db.repos, clock, [{}], { save: false });
    const target = partition?.communities[0];
    const output = await analyzeGapFill(db.repos, clock, {
      community: target?.id ?? 'c1',
      sector: 'national_government',
      resolution: 1,
    });
    expect(output.communitySource).toMatchObject({ source: 'computed', resolution: 1, seed: 1 });
    expect(output.candidates.length).toBeGreaterThan(0);
    for (const candidate of output.candidates) {
      expect(target?.members).not.toContain(candidate.id);
      expect(candidate.sector).toBe('national_government');
      expect(candidate.reasons.length).toBeGreaterThan(0);
    }
    await expect(
      analyzeGapFill(db.repos, clock, { community: 'c999', resolution: 1 }),
    ).rejects.toThrow('no community c999');
  });

  it('without partition parameters, fills the gap of the community the latest stored run names', async () => {
    // A day later than the run the first test stored, so this one is the latest.
    const nextDay = { now: () => new Date('2025-04-02T00:00:00Z') };
    const [stored] = await analyzeCommunities(db.repos, nextDay, [{ resolution: 3, seed: 2 }]);
    const [defaults] = await analyzeCommunities(db.repos, clock, [{}], { save: false });
    // A community whose members differ between the stored run and the default partition.
    const target = stored?.communities.find(
      (c) =>
        JSON.stringify(c.members) !==
        JSON.stringify(defaults?.communities.find((d) => d.id === c.id)?.members),
    );
    expect(target).toBeDefined();
    const output = await analyzeGapFill(db.repos, clock, { community: target?.id ?? '' });
    expect(output.communitySource).toMatchObject({
      source: 'stored',
      runId: stored?.runId,
      resolution: 3,
      seed: 2,
    });
    expect(output.community.size).toBe(target?.size);
    for (const candidate of output.candidates) expect(target?.members).not.toContain(candidate.id);
    await expect(analyzeGapFill(db.repos, clock, { community: 'c999' })).rejects.toThrow(
      /no community c999 in the stored run/,
    );
  });
});

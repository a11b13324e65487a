import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityName } from '#core/entities/registry.ts';
import type { Clock, Repositories } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { loadDemoEcosystem } from '#demo/load-demo-ecosystem.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createAnalysisContext } from '../analysis-store/in-process-runner.ts';
import { runSharedAnalysis } from '../analysis-store/shared-analyses.ts';
import { analyzeBrokers } from './analyze-brokers.ts';
import { analyzeGapFill } from './analyze-gap-fill.ts';
import { analyzeRoles } from './analyze-roles.ts';
import { analyzeStrengths } from './analyze-strengths.ts';
import { sharedCommunities } from './current-communities.ts';
import { loadNetwork, type Network } from './load-network.ts';
import { strengthsByPlace } from './strengths-by-place.ts';

const clock: Clock = { now: () => new Date('2026-06-01T00:00:00Z') };

/** The same repositories, noting which entities are read record by record. */
function notingRecordReads(repos: Repositories): { repos: Repositories; read: Set<EntityName> } {
  const read = new Set<EntityName>();
  return {
    read,
    repos: {
      ...repos,
      entity: (name: EntityName) => {
        read.add(name);
        return repos.entity(name);
      },
    },
  };
}

/**
 * Numbers to 12 significant digits: two reads give the relations in another order (storage order,
 * id order), so the weights of parallel ties are summed in another order and a graph measure may
 * differ in its last bit.
 */
function toTwelveDigits(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toPrecision(12));
  if (Array.isArray(value)) return value.map(toTwelveDigits);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toTwelveDigits(v)]));
  return value;
}

/** The analysis store's context on `repos`, at the test's time. */
function storeContext(repos: Repositories) {
  const { context, setNow } = createAnalysisContext(repos);
  setNow(clock.now());
  return context;
}

/**
 * What a cold page asks the analysis worker on a freshly loaded demo (roles, the network page's
 * brokers, the strengths map and a region's or community's strengths) is computed from the compact
 * network (`repos.network.readCompact()`) and gives the answer the record read gave.
 */
describe.each(TEST_DATABASES)(
  'analyses from the compact network on a small demo ($name)',
  (kind) => {
    let db: Database;
    let records: Network;
    beforeAll(async () => {
      db = await kind.open(clock);
      await loadDemoEcosystem(db.repos, { scale: 0.1 });
      records = await loadNetwork(db.repos, { seeds: true });
    }, 180_000);
    afterAll(async () => db.close());

    it('roles: the same answer as the record read, every candidate included', async () => {
      for (const options of [{}, { limit: 100_000 }, { limit: 100_000, asOfYear: 2020 }]) {
        const fromRecords = await analyzeRoles(db.repos, clock, options, records);
        // Read from the rows (and stored), then from the stored snapshot.
        for (let round = 0; round < 2; round++) {
          const compact = await db.repos.network.readCompact();
          expect(await analyzeRoles(db.repos, clock, options, compact)).toEqual(fromRecords);
        }
        expect(await analyzeRoles(db.repos, clock, options)).toEqual(fromRecords);
      }
      const roles = await analyzeRoles(db.repos, clock);
      // Every role and the METI inputs are there to compare.
      expect(roles.starScientists.some((s) => s.qualifies)).toBe(true);
      const shares = roles.coreCompanies.flatMap((c) =>
        c.evidence.filter((e) => e.criterion === 'in_region_procurement'),
      );
      expect(shares.some((e) => typeof e.value === 'number')).toBe(true);
      expect(roles.coreCompanies.some((c) => c.qualifies)).toBe(true);
      expect(roles.anchorCompanies.some((c) => c.qualifies)).toBe(true);
      expect(roles.generatedData).toMatchObject({ generated: true });
    }, 120_000);

    it('roles in the analysis store: no actor or relation record read', async () => {
      const noted = notingRecordReads(db.repos);
      const shared = await runSharedAnalysis(storeContext(noted.repos), 'roles', {});
      expect([...noted.read]).toEqual(['projects']);
      expect(shared).toEqual(await analyzeRoles(db.repos, clock, {}, records));
    }, 60_000);

    it('brokers, gap filling, strengths map and strengths in the analysis store: the record read’s answers, no actor or relation record read', async () => {
      const noted = notingRecordReads(db.repos);
      const context = storeContext(noted.repos);
      const shared = await sharedCommunities(db.repos, clock, records);
      const loaded = { network: records, shared };
      const community = shared.result.communities[0]?.id ?? 'c1';

      for (const request of [{ limit: 15 }, {}, { community }]) {
        const fromStore = await runSharedAnalysis(context, 'brokers', request);
        expect(toTwelveDigits(fromStore)).toEqual(
          toTwelveDigits(await analyzeBrokers(db.repos, clock, request, loaded)),
        );
        expect(fromStore.brokers.length).toBeGreaterThan(0);
      }
      for (const measure of ['records', 'papers'] as const) {
        const fromStore = await runSharedAnalysis(context, 'strengthsMap', { measure });
        expect(fromStore).toEqual(strengthsByPlace(records, { measure }));
        expect(fromStore.total).toBeGreaterThan(0);
      }
      const withRecords = { network: records, communities: async () => shared };
      for (const request of [{ prefectureCode: '22' }, { communityId: community }]) {
        const fromStore = await runSharedAnalysis(context, 'strengths', request);
        expect(fromStore).toEqual(await analyzeStrengths(db.repos, clock, request, withRecords));
        expect(fromStore.regionTotal).toBeGreaterThan(0);
      }
      for (const request of [{ community }, { community, sector: 'university' as const }]) {
        const fromStore = await runSharedAnalysis(context, 'gapFill', request);
        expect(toTwelveDigits(fromStore)).toEqual(
          toTwelveDigits(
            await analyzeGapFill(db.repos, clock, request, { network: records, shared }),
          ),
        );
        expect(fromStore.candidates.length).toBeGreaterThan(0);
      }
      expect(noted.read.has('actors')).toBe(false);
      expect(noted.read.has('relations')).toBe(false);
      // Alone (no store), the same answers from the compact read.
      expect(toTwelveDigits(await analyzeBrokers(db.repos, clock, { limit: 15 }))).toEqual(
        toTwelveDigits(await analyzeBrokers(db.repos, clock, { limit: 15 }, loaded)),
      );
      expect(await analyzeStrengths(db.repos, clock, { prefectureCode: '22' })).toEqual(
        await analyzeStrengths(db.repos, clock, { prefectureCode: '22' }, withRecords),
      );
    }, 180_000);
  },
);

import { afterEach, describe, expect, it } from 'vitest';
import {
  buildActorGraph,
  buildActorGraphFromColumns,
  relationColumnsOf,
  type ActorGraphOptions,
} from '#analytics/abc/actor-graph.ts';
import {
  findAnchorCompanies,
  findCoreCompanies,
  findStarScientists,
} from '#analytics/abc/roles.ts';
import type { CsrGraph } from '#analytics/csr-graph.ts';
import { createRng } from '#analytics/random.ts';
import type { Actor } from '#core/entities/actor.ts';
import type { Relation } from '#core/entities/relation.ts';
import { RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { computeCommunities } from './analyze-communities.ts';
import { communityNames } from './community-names.ts';
import { loadNetwork } from './load-network.ts';

/** A municipality of each of the prefectures 01..05 (check digit included). */
const MUNICIPALITIES = ['012017', '022012', '032018', '042013', '052019'];

const clock = { now: () => new Date('2025-04-01T00:00:00Z') };

/** A small varied network: every sector and relation type, dates, weights, flags, one foreign actor. */
function smallNetwork(): { actors: Actor[]; relations: Relation[] } {
  const rng = createRng(7);
  const actors: Actor[] = [];
  for (let i = 0; i < 60; i++) {
    const sector = SECTORS[i % SECTORS.length] ?? 'company';
    const prefecture = String(1 + (i % 5)).padStart(2, '0');
    actors.push(
      buildActor({
        id: `a${String(i).padStart(3, '0')}`,
        sector,
        name: i % 9 === 0 ? `株式会社主体${i}` : `主体${i}`,
        ...(i % 10 === 3 ? { kind: 'person' as const } : {}),
        ...(i % 4 === 2 ? { nameEn: `Actor ${i} Co., Ltd.` } : {}),
        ...(i % 3 === 1 ? { field: ['材料', '光・量子', '医療機器'][i % 3] } : {}),
        ...(i === 59
          ? { prefectureCode: undefined, countryCode: 'US' }
          : { prefectureCode: prefecture }),
        ...(i % 7 === 0 ? { municipalityCode: MUNICIPALITIES[i % 5] } : {}),
        flags: i % 4 === 0 ? ['startup'] : i % 4 === 1 ? ['large', 'anchor'] : [],
        ...(i % 3 === 0 ? { foundedYear: 1990 + i } : {}),
        ...(i % 5 === 0 ? { employees: 10 * i } : {}),
        ...(i % 10 === 3 ? { papers: 5 * i, citations: 40 * i } : {}),
        ...(i % 20 === 3 ? { careerStartYear: 1980 + i } : {}),
        ...(i % 6 === 0 ? { patents: i, growthRate: i / 100 - 0.2 } : {}),
        ...(i % 8 === 0
          ? { inRegionProcurementShare: (i % 10) / 10, outOfRegionSalesShare: 0.25 }
          : {}),
        ...(i % 2 === 0 ? { source: i % 4 === 0 ? 'demo' : 'gBizINFO' } : {}),
        ...(i % 9 === 4 ? { lat: 35 + i / 100, lon: 139 - i / 100 } : {}),
        ...(i % 5 === 2 ? { keywords: ['光計測', `語${i}`] } : {}),
      }),
    );
  }
  const relations: Relation[] = [];
  for (let r = 0; r < 300; r++) {
    const u = Math.floor(rng() * actors.length);
    let v = Math.floor(rng() * actors.length);
    if (v === u) v = (v + 1) % actors.length;
    const startYear = 2000 + Math.floor(rng() * 20);
    relations.push(
      buildRelation({
        sourceId: actors[u]?.id ?? '',
        targetId: actors[v]?.id ?? '',
        type: RELATION_TYPES[r % RELATION_TYPES.length] ?? 'mou',
        weight: Math.round(rng() * 50) / 10,
        ...(r % 3 === 0 ? {} : { startDate: `${startYear}-0${1 + (r % 9)}-1${r % 10}` }),
        ...(r % 2 === 0 ? { endDate: `${startYear + 1 + (r % 6)}-12-31` } : {}),
        ...(r % 5 === 0 ? {} : { source: r % 5 === 1 ? 'KAKEN' : 'demo (synthetic)' }),
      }),
    );
  }
  return { actors, relations };
}

function arcsOf(graph: CsrGraph): string[] {
  const arcs: string[] = [];
  for (let u = 0; u < graph.nodeCount; u++)
    for (let a = graph.offsets[u] ?? 0; a < (graph.offsets[u + 1] ?? 0); a++)
      arcs.push(`${u}>${graph.targets[a]}:${(graph.weights[a] ?? 0).toFixed(12)}`);
  return arcs;
}

describe.each(TEST_DATABASES)('the compact network read (issue 16) on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('gives the same actors and the same weighted graph as reading and validating every record', async () => {
    db = await kind.open(clock);
    const { actors, relations } = smallNetwork();
    await db.repos.entity('actors').upsertMany(actors);
    expect(await db.repos.entity('relations').upsertMany(relations)).toBeGreaterThan(250);

    const compact = await db.repos.network.readCompact();
    const records = await loadNetwork(db.repos);
    expect(compact.relations.count).toBe(records.relations.length);
    expect(compact.actors).toEqual(
      records.actors.map((a) => ({
        id: a.id,
        kind: a.kind,
        name: a.name,
        ...(a.nameEn ? { nameEn: a.nameEn } : {}),
        ...(a.field ? { field: a.field } : {}),
        sector: a.sector,
        flags: a.flags,
        ...(a.prefectureCode ? { prefectureCode: a.prefectureCode } : {}),
        ...(a.municipalityCode ? { municipalityCode: a.municipalityCode } : {}),
        ...(a.countryCode ? { countryCode: a.countryCode } : {}),
        ...(a.foundedYear !== undefined ? { foundedYear: a.foundedYear } : {}),
        ...(a.employees !== undefined ? { employees: a.employees } : {}),
        ...(a.papers !== undefined ? { papers: a.papers } : {}),
        ...(a.citations !== undefined ? { citations: a.citations } : {}),
        ...(a.patents !== undefined ? { patents: a.patents } : {}),
        ...(a.careerStartYear !== undefined ? { careerStartYear: a.careerStartYear } : {}),
        ...(a.inRegionProcurementShare !== undefined
          ? { inRegionProcurementShare: a.inRegionProcurementShare }
          : {}),
        ...(a.outOfRegionSalesShare !== undefined
          ? { outOfRegionSalesShare: a.outOfRegionSalesShare }
          : {}),
        ...(a.growthRate !== undefined ? { growthRate: a.growthRate } : {}),
        ...(a.source !== undefined ? { source: a.source } : {}),
        ...(a.lat !== undefined ? { lat: a.lat, lon: a.lon } : {}),
        ...(a.keywords.length > 0 ? { keywords: a.keywords } : {}),
      })),
    );
    expect(compact.actors.some((a) => a.careerStartYear !== undefined)).toBe(true);
    // The demo generator's ties flagged alike (the record read's columns are in another order).
    const flagged = (columns: { count: number; generated: Uint8Array }) =>
      Array.from(columns.generated.subarray(0, columns.count)).reduce((sum, g) => sum + g, 0);
    const fromRecordsColumns = relationColumnsOf(records.actors, records.relations);
    expect(flagged(compact.relations)).toBe(flagged(fromRecordsColumns));
    expect(flagged(compact.relations)).toBe(
      records.relations.filter((r) => r.source?.startsWith('demo')).length,
    );
    expect(flagged(compact.relations)).toBeGreaterThan(0);
    // The roles read these fields: the same candidates from either form, every one compared.
    for (const asOfYear of [2025, 2010]) {
      const options = { limit: 1000, asOfYear, starTopShare: 0.3 };
      for (const find of [findStarScientists, findAnchorCompanies] as const)
        expect(find(compact.actors, compact.relations, options)).toEqual(
          find(records.actors, records.relations, options),
        );
      expect(findCoreCompanies(compact.actors, compact.relations, [], options)).toEqual(
        findCoreCompanies(records.actors, records.relations, [], options),
      );
    }
    const cases: ActorGraphOptions[] = [
      { asOf: '2025-04-01' },
      { asOf: '2020-06-30', halfLifeYears: 2, from: '2008-01-01', to: '2015-12-31' },
      {
        asOf: '2025-04-01',
        relationTypes: ['joint_research', 'mou', 'co_authorship', 'supply', 'license'],
        sectors: [
          'company',
          'university',
          'financial',
          'prefecture',
          'municipality',
          'support_org',
        ],
      },
    ];
    for (const options of cases) {
      const fromRecords = buildActorGraph(records.actors, records.relations, options);
      const fromColumns = buildActorGraphFromColumns(compact.actors, compact.relations, options);
      expect(fromColumns.actors.map((a) => a.id)).toEqual(fromRecords.actors.map((a) => a.id));
      expect(fromColumns.graph.totalWeight).toBeCloseTo(fromRecords.graph.totalWeight, 9);
      expect(fromColumns.graph.totalWeight).toBeGreaterThan(0);
      expect(arcsOf(fromColumns.graph)).toEqual(arcsOf(fromRecords.graph));
    }
  });

  it('names the communities alike from the compact read and from the records (what the CLI prints)', async () => {
    db = await kind.open(clock);
    const { actors, relations } = smallNetwork();
    await db.repos.entity('actors').upsertMany(actors);
    await db.repos.entity('relations').upsertMany(relations);
    const compact = await db.repos.network.readCompact();
    const records = await loadNetwork(db.repos);
    const partition = computeCommunities(compact, { seed: 3, minSize: 2 }, clock);
    expect(partition.communities.length).toBeGreaterThan(1);
    // Two copies of the list: names are kept per list object.
    const fromCompact = communityNames(
      compact,
      partition.communities.map((c) => ({ ...c })),
    );
    const fromRecords = communityNames(
      records,
      partition.communities.map((c) => ({ ...c })),
    );
    expect([...fromCompact.values()]).toEqual([...fromRecords.values()]);
    expect([...fromCompact.values()].some((n) => n.name.includes('主体'))).toBe(true);
  });
});

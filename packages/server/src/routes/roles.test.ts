import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '#core/entities/actor.ts';
import { ZRoles } from '#contract/routes/roles.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, expectProblem, type ApiFixture } from '../api-test-fixture.ts';

const researcher = (
  id: string,
  papers: number,
  citations: number,
  careerStartYear?: number,
): Actor => ({
  id,
  kind: 'person',
  sector: 'university',
  name: `研究者${id}`,
  prefectureCode: '22',
  field: '光・量子',
  papers,
  citations,
  ...(careerStartYear !== undefined ? { careerStartYear } : {}),
  flags: ['researcher'],
  keywords: [],
});

describe.each(TEST_DATABASES)('roles API on $name', (kind) => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos.entity('actors').upsertMany([
      ...Array.from({ length: 25 }, (_, i) => researcher(`r${i}`, 5 + i, 60 + 10 * i, 2000 + i)),
      researcher('star', 150, 6000, 2010),
      researcher('thin', 2, 3),
      {
        id: 'spinout',
        kind: 'organization',
        sector: 'company',
        name: '光ベンチャー',
        prefectureCode: '22',
        flags: ['university_venture'],
        keywords: [],
      },
    ]);
    await f.database.repos.entity('relations').upsertMany(
      ['star', 'thin'].map((sourceId) => ({
        sourceId,
        targetId: 'spinout',
        type: 'spinout',
        weight: 1,
      })),
    );
  });
  afterEach(async () => f.close());

  it('gives each claim its status and basis: a star per career year, a 2-paper founder never', async () => {
    const response = await f.call('/api/analyses/roles');
    expect(response.status).toBe(200);
    const body = ZRoles.parse(await response.json());
    const star = body.starScientists.find((c) => c.id === 'star');
    expect(star).toMatchObject({ status: 'qualifies', basis: { population: '光・量子', n: 26 } });
    expect(star?.basis.normalisedByCareerAge).toBe(true);
    const thin = body.starScientists.find((c) => c.id === 'thin');
    expect(thin).toMatchObject({ status: 'insufficient_evidence', qualifies: false });
    expect(thin?.basis.insufficient.join(' ')).toMatch(/papers/);
    expect(body.minimumEvidence).toMatchObject({ starPapers: 10, starCitations: 100 });
    expect(body.generatedData).toBeNull();
  });

  it('names a bad parameter', async () => {
    await expectProblem(await f.call('/api/analyses/roles?limit=0'), 422);
    await expectProblem(await f.call('/api/analyses/roles?starTop=2'), 422);
  });
});

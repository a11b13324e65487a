import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { analyzeMoney } from './analyze-money.ts';

const clock = { now: () => new Date('2025-06-01T00:00:00Z') };

describe.each(TEST_DATABASES)('analyzeMoney on $name', (kind) => {
  let db: Database;
  beforeEach(async () => {
    db = await kind.open(clock);
    await db.repos
      .entity('actors')
      .upsertMany([
        buildActor({ id: 'u', sector: 'university', name: '静岡大学', prefectureCode: '22' }),
        buildActor({ id: 'k', sector: 'company', name: '浜松光学', prefectureCode: '22' }),
        buildActor({ id: 'x', sector: 'company', name: '大阪精工', prefectureCode: '27' }),
      ]);
    await db.repos.entity('programmes').upsertMany([{ id: 'eco', name: 'エコシステム形成' }]);
    await db.repos.entity('adoptions').upsertMany([
      {
        id: 'ad',
        programmeId: 'eco',
        regionName: '浜松',
        prefectureCodes: ['22'],
        startFy: 2021,
        endFy: 2025,
        finalGrade: 'B',
      },
    ]);
    await db.repos.entity('projects').upsertMany([
      {
        id: 'lonely',
        title: '大学単独の実証',
        stage: 'development',
        prefectureCode: '22',
        adoptionId: 'ad',
        members: [{ actorId: 'u', role: 'lead' }],
      },
      {
        id: 'osaka',
        title: '大阪の事業',
        stage: 'development',
        prefectureCode: '27',
        members: [{ actorId: 'x', role: 'lead' }],
      },
    ]);
    await db.repos.entity('funding').upsertMany([
      ...[2021, 2022, 2023, 2024, 2025].map((fy) => ({
        id: `n${fy}`,
        sourceType: 'national_programme',
        projectId: 'lonely',
        adoptionId: 'ad',
        fiscalYear: fy,
        amount: 10_000_000,
      })),
      { id: 'k1', sourceType: 'company', recipientId: 'k', fiscalYear: 2024, amount: 5_000_000 },
      { id: 'o1', sourceType: 'bank', projectId: 'osaka', fiscalYear: 2024, amount: 9_000_000 },
      {
        id: 'k2',
        sourceType: 'company',
        funderId: 'k',
        recipientId: 'x',
        fiscalYear: 2024,
        amount: 3_000_000,
      },
    ]);
  });
  afterEach(async () => db.close());

  it('counts the prefecture’s flows only and flags the project whose national money ends now', async () => {
    const out = await analyzeMoney(db.repos, clock, { prefectureCode: '22' });
    expect(out.asOfFy).toBe(2025);
    expect(out.region.total).toBe(55_000_000);
    expect(out.region.flows).toBe(6);
    expect(out.region.bySource).toEqual({ national_programme: 50_000_000, company: 5_000_000 });
    expect(out.region.dependency.largest).toEqual({ key: 'programme:eco', share: 50 / 55 });
    expect(out.region.dependency.concentrated).toBe(true);
    expect(out.sourceNames['programme:eco']).toBe('エコシステム形成');
    expect(out.projects.map((p) => [p.projectId, p.outlook])).toEqual([
      ['lonely', 'heading_for_stop'],
    ]);
    expect(out.outlooks).toEqual({ heading_for_stop: 1 });
  });

  it('says where the money comes from and where the region’s own money goes', async () => {
    const out = await analyzeMoney(db.repos, clock, { prefectureCode: '22' });
    const received = Object.fromEntries(out.circulation.received.map((o) => [o.origin, o]));
    expect(received['national']).toMatchObject({ amount: 50_000_000, share: 1 });
    expect(received['unknown']).toMatchObject({ amount: 5_000_000, share: null });
    expect(out.circulation.selfFundedShare).toBe(0);
    // one flow from a Shizuoka firm to Osaka: followed, but too thin to call a retention share
    expect(out.circulation.given).toMatchObject({ paidOut: 3_000_000, kept: 0, flows: 1 });
    expect(out.circulation.destinations).toEqual([{ place: '27', amount: 3_000_000, flows: 1 }]);
    expect(out.circulation.retentionShare).toBeNull();
    expect(out.region.total).toBe(55_000_000);
  });

  it('gives the English names beside the names: the region’s, the programme’s, the body’s', async () => {
    await db.repos
      .entity('programmes')
      .upsertMany([{ id: 'eco', name: 'エコシステム形成', nameEn: 'Ecosystem Programme' }]);
    const out = await analyzeMoney(db.repos, clock, { prefectureCode: '22' });
    expect(out.scope).toMatchObject({ name: '静岡県', nameEn: 'Shizuoka' });
    expect(out.sourceNames['programme:eco']).toBe('エコシステム形成');
    expect(out.sourceNamesEn).toEqual({ 'programme:eco': 'Ecosystem Programme' });
    // A consortium whose body has an English name; a name without one gives no English name.
    await db.repos.entity('actors').upsertMany([
      buildActor({
        id: 'council',
        sector: 'support_org',
        name: '浜松光コンソーシアム',
        nameEn: 'Hamamatsu Photonics Consortium',
        prefectureCode: '22',
      }),
      buildActor({ id: 'plain', sector: 'support_org', name: '無名協議会', prefectureCode: '22' }),
    ]);
    await db.repos
      .entity('relations')
      .upsertMany([
        buildRelation({ sourceId: 'k', targetId: 'council', type: 'membership' }),
        buildRelation({ sourceId: 'k', targetId: 'plain', type: 'membership' }),
      ]);
    const council = await analyzeMoney(db.repos, clock, { consortium: 'council' });
    expect(council.scope.nameEn).toBe('Hamamatsu Photonics Consortium');
    const plain = await analyzeMoney(db.repos, clock, { consortium: 'plain' });
    expect(plain.scope.name).toBe('無名協議会');
    expect(plain.scope.nameEn).toBeUndefined();
  });

  it('answers for a named consortium: its members’ flows, wherever they are', async () => {
    // 浜松光コンソーシアム: a Shizuoka firm and an Osaka firm are members (member → body)
    await db.repos.entity('actors').upsertMany([
      buildActor({
        id: 'council',
        sector: 'support_org',
        name: '浜松光コンソーシアム',
        prefectureCode: '22',
      }),
    ]);
    await db.repos.entity('relations').upsertMany([
      buildRelation({ sourceId: 'k', targetId: 'council', type: 'membership' }),
      buildRelation({ sourceId: 'x', targetId: 'council', type: 'membership' }),
      // a tie of another kind does not make a member
      buildRelation({ sourceId: 'u', targetId: 'council', type: 'joint_research' }),
    ]);
    const out = await analyzeMoney(db.repos, clock, { consortium: 'council' });
    expect(out.scope).toMatchObject({
      kind: 'consortium',
      id: 'council',
      name: '浜松光コンソーシアム',
      prefectureCodes: ['22', '27'],
      members: 3,
    });
    // k1 (5M to k), o1 (9M to the project led by x), k2 (3M from k to x); nothing of u's
    expect(out.region.total).toBe(17_000_000);
    expect(out.region.flows).toBe(3);
    expect(out.region.bySource).toEqual({ company: 8_000_000, bank: 9_000_000 });
    expect(out.projects.map((p) => p.projectId)).toEqual(['osaka']);
    // k's money to x stays in the consortium although it leaves Shizuoka
    expect(out.circulation.given).toMatchObject({ kept: 3_000_000, paidOut: 0, flows: 1 });
    expect((await analyzeMoney(db.repos, clock, { prefectureCode: '22' })).region.total).toBe(
      55_000_000,
    );
  });

  it('refuses a consortium that is not recorded, or one without members', async () => {
    await expect(analyzeMoney(db.repos, clock, { consortium: 'nobody' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/nobody/),
    });
    await expect(analyzeMoney(db.repos, clock, { consortium: 'k' })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/membership/),
    });
    await expect(
      analyzeMoney(db.repos, clock, { consortium: 'council', prefectureCode: '22' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('refuses a bad prefecture and asks for exactly one region', async () => {
    await expect(analyzeMoney(db.repos, clock, { prefectureCode: '99' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(analyzeMoney(db.repos, clock, {})).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

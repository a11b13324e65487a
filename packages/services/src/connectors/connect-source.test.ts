import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTORS } from '#connectors/connectors.ts';
import { isDomainError } from '#core/domain-error.ts';
import type { Database } from '#db/open-database.ts';
import { fileInput, inputOf, JP_ROR, samplePath } from '#test/connector-input.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import type { Principal } from '#core/accounts.ts';
import { connectSource, type ConnectDetails } from './connect-source.ts';
import { listReviewQueue } from './review-queue.ts';

const options = { retrievedOn: '2026-12-04', now: '2026-12-05T00:00:00Z' };
const ADMIN: Principal = {
  kind: 'account',
  via: 'session',
  account: {
    id: 'admin',
    email: 'admin@test.example',
    displayName: 'admin',
    role: 'admin',
    organisationId: null,
    disabled: false,
    createdAt: options.now,
    updatedAt: options.now,
  },
};

describe.each(TEST_DATABASES)('connectSource on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('adds 法人番号 corporations, and a second run of the same file changes nothing', async () => {
    db = await kind.open();
    const file = samplePath('houjin-bangou', 'diff_20211001_unicode_sample.csv');
    const first = await connectSource(
      db.repos,
      CONNECTORS['houjin-bangou'],
      [fileInput(file)],
      options,
    );
    expect(first.report).toMatchObject({
      source: 'houjin-bangou',
      added: expect.any(Number),
      updated: 0,
      rejected: 0,
    });
    expect(first.report.added).toBeGreaterThan(10);
    const actor = (await db.repos.entity('actors').get('corp-1010001001210'))?.record;
    expect(actor).toMatchObject({
      name: 'エトワール株式会社',
      closedOn: '2021-09-24',
      source: 'houjin-bangou',
      fieldSources: { name: { source: 'houjin-bangou', on: '2021-10-01' } },
    });
    const second = await connectSource(
      db.repos,
      CONNECTORS['houjin-bangou'],
      [fileInput(file)],
      options,
    );
    expect(second.report).toMatchObject({ added: 0, updated: 0, unchanged: first.report.added });
  });

  it('refuses the whole file when one row has a wrong check digit; the database is unchanged', async () => {
    db = await kind.open();
    const lines = readFileSync(
      samplePath('houjin-bangou', 'diff_20211001_unicode_sample.csv'),
      'utf8',
    ).split('\n');
    lines[3] = (lines[3] ?? '').replace(
      /^(\d+),(\d)/,
      (_m, seq: string, digit: string) => `${seq},${(Number(digit) + 1) % 10}`,
    );
    const failure = await connectSource(
      db.repos,
      CONNECTORS['houjin-bangou'],
      [inputOf('bad.csv', lines.join('\n'))],
      options,
    ).catch((error: unknown) => error);
    expect(isDomainError(failure) && failure.code).toBe('import_rejected');
    const details = isDomainError(failure)
      ? (failure.details['details'] as ConnectDetails)
      : undefined;
    expect(details?.rejected).toEqual([
      expect.objectContaining({ file: 'bad.csv', at: 'line 4', field: 'corporateNumber' }),
    ]);
    expect(await db.repos.entity('actors').count()).toBe(0);
  });

  it('links sources: gBizINFO subsidies land on the 法人番号 actor, researchmap on the ROR one', async () => {
    db = await kind.open();
    const rorLines = readFileSync(`${JP_ROR}/ror-jp-organizations.csv`, 'utf8').split('\n');
    const akita = rorLines
      .filter((line, i) => i === 0 || /秋田県|Tohoku University/.test(line))
      .join('\n');
    const ror = await connectSource(db.repos, CONNECTORS.ror, [inputOf('ror.csv', akita)], options);
    expect(ror.report.added).toBeGreaterThan(0);
    const rm = await connectSource(
      db.repos,
      CONNECTORS.researchmap,
      [fileInput(samplePath('researchmap', 'researcher_0000010581_read0001541_trimmed.json'))],
      options,
    );
    expect(rm.report.added).toBeGreaterThan(0);
    const relations = await db.repos
      .entity('relations')
      .list({ limit: 10, where: { type: 'affiliation' } });
    expect(relations.items[0]).toMatchObject({ sourceId: 'rm-0000010581', source: 'researchmap' });
    const gbiz = await connectSource(
      db.repos,
      CONNECTORS.gbizinfo,
      [fileInput(samplePath('gbizinfo', 'subsidy_miyagi_programme_adoptions_rioto3.csv'))],
      options,
    );
    expect(gbiz.skipped.some((s) => /not in the registry/.test(s.reason))).toBe(true);
  });

  it('keeps foreign partners from ROR and OpenAlex with their country and no prefecture', async () => {
    db = await kind.open();
    const org = (id: string, name: string, country: string, extra: object = {}) => ({
      id: `https://ror.org/${id}`,
      name,
      labels: [],
      aliases: [],
      types: ['Facility'],
      status: 'active',
      country: { country_code: country },
      addresses: [],
      links: [],
      ...extra,
    });
    const dump = JSON.stringify([org('01qz5mb56', 'Oak Ridge National Laboratory', 'US')]);
    const first = await connectSource(
      db.repos,
      CONNECTORS.ror,
      [inputOf('ror.json', dump)],
      options,
    );
    expect(first.report).toMatchObject({ added: 1, rejected: 0 });
    const ornl = (await db.repos.entity('actors').list({ limit: 5 })).items[0];
    expect(ornl).toMatchObject({ name: 'Oak Ridge National Laboratory', countryCode: 'US' });
    expect(ornl?.['prefectureCode']).toBeUndefined();
    const again = await connectSource(
      db.repos,
      CONNECTORS.ror,
      [inputOf('ror.json', dump)],
      options,
    );
    expect(again.report).toMatchObject({ added: 0, updated: 0 });

    // OpenAlex works: the partners abroad land with their country, and co-authorship reaches them.
    const works = await connectSource(
      db.repos,
      CONNECTORS.openalex,
      [fileInput(samplePath('openalex', 'works_with_jp_authorships_sample.json'))],
      options,
    );
    expect(works.report.rejected).toBe(0);
    const abroad = await db.repos
      .entity('actors')
      .list({ limit: 100, where: { countryCode: 'FR' } });
    expect(abroad.items.length).toBeGreaterThan(0);
    expect(abroad.items.every((a) => a['prefectureCode'] === undefined)).toBe(true);
  });

  it('places a new researcher where their known organisation is', async () => {
    db = await kind.open();
    await db.repos.entity('actors').upsertMany([
      {
        id: 'utokyo',
        kind: 'organization',
        sector: 'university',
        name: '東京大学',
        prefectureCode: '13',
        flags: [],
        keywords: [],
      },
    ]);
    const kaken = await connectSource(
      db.repos,
      CONNECTORS.kaken,
      [fileInput(samplePath('kaken', 'SYNTHETIC_structure_projects_response.xml'))],
      options,
    );
    expect(kaken.report.review).toBeGreaterThan(0);
    expect((await db.repos.reviews.list('open'))[0]).toMatchObject({ candidateId: 'utokyo' });
    const [review] = await db.repos.reviews.list('open');
    const { decideReview } = await import('./decide-review.ts');
    await decideReview(db.repos, review?.id ?? '', 'merge', options.now);
    const again = await connectSource(
      db.repos,
      CONNECTORS.kaken,
      [fileInput(samplePath('kaken', 'SYNTHETIC_structure_projects_response.xml'))],
      options,
    );
    expect(again.report.added).toBeGreaterThan(0);
    expect((await db.repos.entity('actors').get('kaken-12345678'))?.record).toMatchObject({
      name: '山田 太郎',
      prefectureCode: '13',
      kind: 'person',
    });
    expect(await db.repos.entity('seeds').get('kaken-KAKENHI-21K10000')).toBeDefined();
  });

  it('queues a likely match for review instead of merging it', async () => {
    db = await kind.open();
    await db.repos.entity('actors').upsertMany([
      {
        id: 'me-akita',
        kind: 'organization',
        sector: 'public_research',
        name: '秋田県畜産試験所',
        prefectureCode: '05',
        flags: [],
        keywords: [],
      },
    ]);
    const rm = await connectSource(
      db.repos,
      CONNECTORS.researchmap,
      [fileInput(samplePath('researchmap', 'researcher_0000010581_read0001541_trimmed.json'))],
      options,
    );
    expect(rm.report.review).toBeGreaterThan(0);
    const queue = await db.repos.reviews.list('open');
    expect(queue[0]).toMatchObject({ candidateId: 'me-akita', source: 'researchmap' });
    // The reason kept as a code with values, for the queue's words in either language.
    const [item] = await listReviewQueue(db.repos, ADMIN, 'open');
    expect(item?.evidence).toEqual({
      code: 'similar_name_same_place',
      values: { place: '05', name: '秋田県畜産試験所' },
    });
    expect(rm.reviews[0]?.evidence).toEqual(item?.evidence);
    expect(item?.reasons).toBe('similar name in the same prefecture (秋田県畜産試験所)');
    expect((await db.repos.entity('actors').get('me-akita'))?.record['name']).toBe(
      '秋田県畜産試験所',
    );
  });
});

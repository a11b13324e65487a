/**
 * Shared analyses are computed once and served to everyone (`#services/analysis-store`): an
 * outsider tries to read what a first viewer's request left in the store — a confidential need of
 * the first viewer's organisation, a members-only need — as anonymous, as another organisation and
 * as a viewer, and again after a public need was made confidential.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildActor, buildRelation } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createApiFixture, type ApiFixture, type Credentials } from '../api-test-fixture.ts';

const PAGES = [
  '/api/analyses/continuation',
  '/api/portfolio/projects?prefecture=13',
  '/api/reports/region?prefecture=13',
  '/api/analyses/brokers',
  '/api/analyses/strengths?prefecture=13',
  '/api/analyses/region-strategy?prefecture=13',
  '/api/analyses/money?prefecture=13',
  '/api/analyses/people?prefecture=13',
  '/api/support/fit?actor=co-a',
  '/api/case-library/factors',
];

/** Words of the fixture's needs (their titles) that no shared answer may carry. */
const NEED_WORDS = ['秘密ニーズ', '会員限定ニーズ', '公開ニーズ', 'need-a-secret', 'need-b-secret'];

describe.each(TEST_DATABASES)('shared analyses across viewers on $name', (kind) => {
  let f: ApiFixture;
  let who: Record<string, Credentials>;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos.entity('actors').upsertMany([
      buildActor({
        id: 'univ-t',
        sector: 'university',
        prefectureCode: '13',
        name: '東京理工大学',
      }),
    ]);
    await f.database.repos
      .entity('relations')
      .upsertMany([
        buildRelation({ sourceId: 'co-a', targetId: 'univ-t' }),
        buildRelation({ sourceId: 'co-b', targetId: 'univ-t' }),
        buildRelation({ sourceId: 'uni-u', targetId: 'univ-t' }),
      ]);
    who = await f.signInAll();
  });
  afterEach(async () => f.close());

  const read = async (path: string, as?: Credentials) => {
    const response = await f.call(path, as ? { as } : {});
    return { status: response.status, body: await response.text() };
  };

  it('serves the need owner’s organisation and outsiders the same answers, without any need', async () => {
    const first: Record<string, { status: number; body: string }> = {};
    for (const page of PAGES) first[page] = await read(page, who['memberA']);
    for (const page of PAGES) {
      expect(first[page]?.status, page).toBe(200);
      for (const word of NEED_WORDS) expect(first[page]?.body, page).not.toContain(word);
    }
    for (const as of [undefined, who['memberB'], who['viewer'], who['coordinator']]) {
      for (const page of PAGES) {
        const answer = await read(page, as);
        expect(answer.status, page).toBe(first[page]?.status);
        for (const word of NEED_WORDS) expect(answer.body, page).not.toContain(word);
      }
    }
  });

  it('after a public need becomes confidential, no answer shows it', async () => {
    for (const page of PAGES) await read(page);
    const need = await f.database.repos.entity('needs').get('need-a-public');
    if (!need) throw new Error('fixture need missing');
    await f.database.repos
      .entity('needs')
      .upsertMany([{ ...need.record, confidentiality: 'confidential' }]);
    for (const page of PAGES) {
      const answer = await read(page, who['memberB']);
      expect(answer.status, page).toBe(200);
      expect(answer.body, page).not.toContain('公開ニーズ');
    }
  });
});

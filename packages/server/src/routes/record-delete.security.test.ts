/**
 * Deleting records through `DELETE /api/{entity}/{id}`, tried as an outsider would, for every
 * entity a role may write: the anonymous public, another organisation's member, a viewer and an
 * id that names nothing are refused with nothing deleted; a record others still use is refused
 * naming what uses it by kind and count; a confidential need is revealed by no refusal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityName } from '#core/entities/registry.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import type { StoredRecord } from '#core/ports.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type AccountKey,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

/** One record of each entity nobody else uses (the fixture's actors, seeds and needs besides). */
const RECORDS: Record<EntityName, StoredRecord> = {
  actors: { id: 'npo-x', kind: 'organization', sector: 'npo', name: 'NPO X', prefectureCode: '13' },
  relations: { sourceId: 'co-b', targetId: 'uni-u', type: 'mou', weight: 1 },
  seeds: { id: 'seed-x', ownerId: 'co-b', title: '他社のシーズ' },
  needs: { id: 'need-x', ownerId: 'co-b', title: '他社のニーズ', confidentiality: 'public' },
  projects: { id: 'proj-x', title: 'プロジェクト X' },
  programmes: { id: 'prog-x', name: 'プログラム X' },
  adoptions: {
    id: 'adopt-x',
    programmeId: 'prog-y',
    regionName: '静岡',
    prefectureCodes: ['22'],
    startFy: 2020,
  },
  funding: {
    id: 'fund-x',
    sourceType: 'prefecture',
    fiscalYear: 2024,
    amount: 1000,
    recipientId: 'uni-u',
  },
  'support-measures': { id: 'support-x', name: '補助金 X', provider: '県' },
  cases: { id: 'case-x', title: '事例 X', outcome: 'success' },
  indicators: {
    areaType: 'prefecture',
    areaCode: '22',
    year: 2024,
    metric: 'papers',
    value: 3,
    unit: 'count',
  },
  'region-strategies': { id: 'strategy-x', name: '戦略 X', areaType: 'prefecture', areaCode: '22' },
  'training-programmes': {
    id: 'training-x',
    name: '講座 X',
    areaType: 'prefecture',
    areaCode: '22',
  },
};

const ENTITIES = Object.keys(RECORDS) as EntityName[];

describe.each(TEST_DATABASES)('deleting records on $name', (kind) => {
  let f: ApiFixture;
  let as: Record<AccountKey, Credentials>;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    await f.database.repos
      .entity('programmes')
      .upsertMany([{ id: 'prog-y', name: 'プログラム Y' }]);
    for (const entity of ENTITIES) {
      const record = ENTITY_SPECS[entity].schema.parse(RECORDS[entity]) as StoredRecord;
      await f.database.repos.entity(entity).upsertMany([record]);
    }
    as = await f.signInAll();
  });
  afterEach(async () => f.close());

  const keyOf = (entity: EntityName) =>
    ENTITY_SPECS[entity].keyOf(ENTITY_SPECS[entity].schema.parse(RECORDS[entity]) as StoredRecord);
  const pathOf = (entity: EntityName, key = keyOf(entity)) =>
    `/api/${entity}/${encodeURIComponent(key)}`;
  const remove = (path: string, who?: Credentials, etag = '"1"') =>
    f.call(path, { method: 'DELETE', ...(who ? { as: who } : {}), headers: { 'if-match': etag } });
  const exists = async (entity: EntityName, key = keyOf(entity)) =>
    (await f.database.repos.entity(entity).get(key)) !== undefined;

  it.each(ENTITIES)(
    'refuses the anonymous public, a viewer and another organisation on %s',
    async (entity) => {
      await expectProblem(await remove(pathOf(entity)), 401, 'unauthenticated');
      await expectProblem(await remove(pathOf(entity), as.viewer), 403, 'forbidden');
      // memberA's organisation owns none of these records (co-b's seed and need, other entities).
      await expectProblem(await remove(pathOf(entity), as.memberA), 403, 'forbidden');
      await expectProblem(
        await remove(pathOf(entity, `${keyOf(entity)}-none`), as.coordinator),
        404,
        'not_found',
      );
      expect(await exists(entity)).toBe(true);
      // The coordinator may, under the record's ETag only.
      await expectProblem(await remove(pathOf(entity), as.coordinator, '"2"'), 412);
      expect(await exists(entity)).toBe(true);
      expect((await remove(pathOf(entity), as.coordinator)).status).toBe(204);
      expect(await exists(entity)).toBe(false);
    },
  );

  it('lets a member delete its own organisation’s seed and need, and no one else’s', async () => {
    expect((await remove(pathOf('seeds'), as.memberB)).status).toBe(204);
    await expectProblem(await remove('/api/needs/need-x', as.memberA), 403, 'forbidden');
    expect((await remove('/api/needs/need-x', as.memberB)).status).toBe(204);
    // Members may not delete actors, not even their own organisation.
    await expectProblem(await remove('/api/actors/co-b', as.memberB), 403, 'forbidden');
    expect(await exists('actors', 'co-b')).toBe(true);
  });

  it('refuses a record others still use, naming what uses it, and deletes nothing', async () => {
    const actor = await expectProblem(await remove('/api/actors/uni-u', as.admin), 409, 'conflict');
    expect(actor['dependents']).toEqual(
      expect.arrayContaining([
        { kind: 'relations', count: 1 },
        { kind: 'seeds', count: 1 },
        { kind: 'funding', count: 1 },
        { kind: 'accounts', count: 1 },
      ]),
    );
    expect(actor['detail']).toMatch(/still used by .*1 relations/);
    const programme = await expectProblem(
      await remove('/api/programmes/prog-y', as.coordinator),
      409,
    );
    expect(programme['dependents']).toEqual([{ kind: 'adoptions', count: 1 }]);
    // A case naming a project, a project naming an actor among its members.
    await f.database.repos
      .entity('cases')
      .upsertMany([{ id: 'case-y', title: 'Y', outcome: 'mixed', projectIds: ['proj-x'] }]);
    await f.database.repos
      .entity('projects')
      .upsertMany([{ id: 'proj-y', title: 'Y', members: [{ actorId: 'npo-x', role: 'member' }] }]);
    const project = await expectProblem(await remove('/api/projects/proj-x', as.coordinator), 409);
    expect(project['dependents']).toEqual([{ kind: 'cases', count: 1 }]);
    const member = await expectProblem(await remove('/api/actors/npo-x', as.coordinator), 409);
    expect(member['dependents']).toEqual([{ kind: 'projects', count: 1 }]);
    // A need with a consultation: its owner may not delete it while the case exists.
    const opened = await f.call('/api/consultations', {
      as: as.memberA,
      body: { needId: 'need-a-public' },
    });
    expect(opened.status).toBe(201);
    const need = await expectProblem(
      await remove('/api/needs/need-a-public', as.memberA),
      409,
      'conflict',
    );
    expect(need['dependents']).toEqual([{ kind: 'consultations', count: 1 }]);
    for (const [entity, key] of [
      ['actors', 'uni-u'],
      ['actors', 'npo-x'],
      ['programmes', 'prog-y'],
      ['projects', 'proj-x'],
      ['needs', 'need-a-public'],
    ] as const)
      expect(await exists(entity, key)).toBe(true);
    expect(await f.database.repos.entity('relations').count()).toBe(1);
  });

  it('refuses a need with a digest, disclosures or judgements, and a judged seed', async () => {
    const at = f.clock.now().toISOString();
    await f.database.repos.disclosures.saveDigest({
      needId: 'need-x',
      digestId: 'digest-x',
      title: '要約',
      summary: '要約の本文',
      sdgs: [],
      keywords: [],
      publishedBy: f.accounts.memberB.id,
      publishedAt: at,
      withdrawnAt: at,
    });
    await f.database.repos.disclosures.saveRequest({
      id: 'request-x',
      needId: 'need-x',
      organisationId: 'uni-u',
      requestedBy: f.accounts.memberU.id,
      status: 'interested',
      createdAt: at,
    });
    const judge = (id: string, needId: string, seedId: string) =>
      f.database.repos.matching.addFeedback({
        id,
        needId,
        seedId,
        decision: 'rejected',
        reason: 'wrong_field',
        needTerms: ['銅'],
        actorId: f.accounts.coordinator.id,
        at,
      });
    await judge('judged-need-x', 'need-x', 'seed-u1');
    // co-b's seed judged against a public need and against co-a's confidential one.
    await judge('judged-public', 'need-a-public', 'seed-x');
    await judge('judged-secret', 'need-a-secret', 'seed-x');

    const need = await expectProblem(
      await remove('/api/needs/need-x', as.memberB),
      409,
      'conflict',
    );
    expect(need['dependents']).toEqual([
      { kind: 'digests', count: 1 },
      { kind: 'disclosures', count: 1 },
      { kind: 'judgements', count: 1 },
    ]);
    expect(need['detail']).toMatch(/still used by 1 digests, 1 disclosures, 1 judgements/);

    // co-b's member may not see co-a's confidential need: that judgement counts only as hidden.
    const seed = await f.call('/api/seeds/seed-x', {
      method: 'DELETE',
      as: as.memberB,
      headers: { 'if-match': '"1"' },
    });
    const text = await seed.text();
    expect(seed.status).toBe(409);
    expect(text).not.toMatch(/need-a-secret|秘密|judged-secret/);
    expect(JSON.parse(text)['dependents']).toEqual([
      { kind: 'judgements', count: 1 },
      { kind: 'hidden', count: 1 },
    ]);
    // An administrator sees both needs: both are judgements.
    const byAdmin = await expectProblem(await remove('/api/seeds/seed-x', as.admin), 409);
    expect(byAdmin['dependents']).toEqual([{ kind: 'judgements', count: 2 }]);
    expect(await exists('needs', 'need-x')).toBe(true);
    expect(await exists('seeds', 'seed-x')).toBe(true);
  });

  it('reveals a confidential need by no refusal', async () => {
    // Another organisation's confidential need answers as a need that does not exist.
    const secret = await expectProblem(
      await remove('/api/needs/need-a-secret', as.memberB),
      404,
      'not_found',
    );
    const none = await expectProblem(
      await remove('/api/needs/need-a-nothing', as.memberB),
      404,
      'not_found',
    );
    expect(String(secret['detail']).replace('need-a-secret', 'ID')).toBe(
      String(none['detail']).replace('need-a-nothing', 'ID'),
    );
    // A coordinator not assigned to co-b's confidential need learns only that something the
    // coordinator may not see uses co-b: neither that it is a need nor its words.
    const owner = await f.call('/api/actors/co-b', {
      method: 'DELETE',
      as: as.otherCoordinator,
      headers: { 'if-match': '"1"' },
    });
    const text = await owner.text();
    expect(owner.status).toBe(409);
    expect(text).not.toMatch(/need-b-secret|秘密/);
    // Its public need is counted as a need, the confidential one only as hidden.
    expect(JSON.parse(text)['dependents']).toEqual(
      expect.arrayContaining([
        { kind: 'needs', count: 1 },
        { kind: 'hidden', count: 1 },
      ]),
    );
    // The coordinator assigned to it sees it counted as a need.
    const assigned = await expectProblem(await remove('/api/actors/co-b', as.coordinator), 409);
    expect(assigned['dependents']).toEqual(expect.arrayContaining([{ kind: 'needs', count: 2 }]));
    expect(await exists('needs', 'need-b-secret')).toBe(true);
  });
});

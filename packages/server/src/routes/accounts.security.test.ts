/**
 * Security regressions of issue 12 around the audit log and confidential needs: M6 (reads of a
 * confidential need audited; the audit log filtered by entity, actor, action and time, unknown
 * filters refused), the administrators' policy on confidential needs, and the 409 that told a
 * stranger a hidden need's id exists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
  type AccountKey,
} from '../api-test-fixture.ts';

type AuditItem = {
  at: string;
  accountId: string | null;
  action: string;
  entity: string;
  entityId: string;
  after: Record<string, unknown> | null;
};

describe.each(TEST_DATABASES)('audit and confidential reads on $name', (kind) => {
  let f: ApiFixture;
  let as: Record<AccountKey, Credentials>;
  beforeEach(async () => {
    f = await createApiFixture(kind);
    as = await f.signInAll();
  });
  afterEach(async () => {
    await f.close();
  });

  const audit = async (query: string): Promise<AuditItem[]> => {
    const response = await f.call(`/api/audit?${query}`, { as: as['admin'] });
    expect(response.status, query).toBe(200);
    return ((await response.json()) as { items: AuditItem[] }).items;
  };
  const reads = async (needId: string) =>
    (await audit(`entity=needs&action=read&entityId=${needId}`)).map((e) => [
      e.accountId,
      e.after?.['via'],
    ]);

  /** The owner discloses need-a-secret to the university (digest, interest, acceptance). */
  const discloseToUniversity = async () => {
    const digest = (await (
      await f.call('/api/needs/need-a-secret/digest', { as: as['memberA'], body: {} })
    ).json()) as { digestId: string };
    const interest = (await (
      await f.call(`/api/digests/${digest.digestId}/interests`, { as: as['memberU'], body: {} })
    ).json()) as { requestId: string };
    const decided = await f.call(`/api/disclosure-requests/${interest.requestId}/decision`, {
      as: as['memberA'],
      body: { accept: true },
    });
    expect(decided.status).toBe(200);
  };

  it('M6: reading a confidential need after disclosure through GET, a list or /disclosed is audited; the owner reading its own is not', async () => {
    await discloseToUniversity();
    expect((await f.call('/api/needs/need-a-secret', { as: as['memberU'] })).status).toBe(200);
    const list = await f.call('/api/needs?limit=100', { as: as['memberU'] });
    expect(await list.text()).toContain('need-a-secret');
    expect((await f.call('/api/needs/need-a-secret/disclosed', { as: as['memberU'] })).status).toBe(
      200,
    );
    expect((await f.call('/api/needs/need-a-secret', { as: as['memberA'] })).status).toBe(200);
    await f.call('/api/needs?limit=100', { as: as['memberA'] });
    expect(await reads('need-a-secret')).toEqual([
      [f.accounts.memberU.id, 'disclosed'],
      [f.accounts.memberU.id, 'list'],
      [f.accounts.memberU.id, 'get'],
    ]);
    // An assigned coordinator's reads are audited too.
    await f.call('/api/needs/need-b-secret', { as: as['coordinator'] });
    expect(await reads('need-b-secret')).toEqual([[f.accounts.coordinator.id, 'get']]);
  });

  it('admin policy: administrators read confidential needs, and each read is audited', async () => {
    expect((await f.call('/api/needs/need-a-secret', { as: as['admin'] })).status).toBe(200);
    const list = await (await f.call('/api/needs?limit=100', { as: as['admin'] })).text();
    expect(list).toContain('need-a-secret');
    expect(list).toContain('need-b-secret');
    expect(await reads('need-a-secret')).toEqual([
      [f.accounts.admin.id, 'list'],
      [f.accounts.admin.id, 'get'],
    ]);
    expect(await reads('need-b-secret')).toEqual([[f.accounts.admin.id, 'list']]);
    // Consultations on confidential needs the administrator opens are audited as reads as well.
    const opened = (await (
      await f.call('/api/consultations', { as: as['memberA'], body: { needId: 'need-a-secret' } })
    ).json()) as { id: string };
    expect((await f.call(`/api/consultations/${opened.id}`, { as: as['admin'] })).status).toBe(200);
    expect(
      (await audit('entity=consultations&action=read')).map((e) => [e.accountId, e.entityId]),
    ).toEqual([[f.accounts.admin.id, opened.id]]);
  });

  it('M6: /api/audit filters by entity, actor, action and time, refuses unknown filters (400), and only for administrators', async () => {
    await discloseToUniversity();
    f.clock.advance(3_600_000);
    await f.call('/api/needs/need-a-secret', { as: as['memberU'] });

    const byActor = await audit(`actor=${f.accounts.memberU.id}`);
    expect(byActor.map((e) => e.action)).toEqual(['read', 'interest', 'sign_in']);
    expect(new Set(byActor.map((e) => e.accountId))).toEqual(new Set([f.accounts.memberU.id]));
    expect((await audit('action=publish')).map((e) => e.entity)).toEqual(['need-digests']);
    expect((await audit('entity=disclosure-requests')).map((e) => e.action)).toEqual([
      'decide',
      'interest',
    ]);
    const later = await audit('from=2025-06-01T00:30:00Z');
    expect(later.map((e) => [e.action, e.accountId])).toEqual([['read', f.accounts.memberU.id]]);
    const earlier = await audit('to=2025-06-01T09:30:00%2B09:00');
    expect(earlier.map((e) => e.action)).not.toContain('read');
    expect(earlier.length).toBeGreaterThan(0);
    expect(await audit('from=2025-06-02')).toEqual([]);

    const unknown = await expectProblem(
      await f.call('/api/audit?who=x', { as: as['admin'] }),
      400,
      'unsupported_parameter',
    );
    expect(unknown['field']).toBe('who');
    const badAction = await expectProblem(
      await f.call('/api/audit?action=steal', { as: as['admin'] }),
      422,
    );
    expect(badAction['field']).toBe('action');
    const badTime = await expectProblem(
      await f.call('/api/audit?from=yesterday', { as: as['admin'] }),
      422,
    );
    expect(badTime['field']).toBe('from');
    await expectProblem(await f.call('/api/audit', { as: as['memberA'] }), 403);
    await expectProblem(await f.call('/api/audit'), 401);
  });

  it('low: a 409 on create does not confirm that a hidden need exists', async () => {
    const refused = await expectProblem(
      await f.call('/api/needs', {
        as: as['memberB'],
        body: { id: 'need-a-secret', kind: 'company', title: '試し', ownerId: 'co-b' },
      }),
      409,
    );
    const text = JSON.stringify(refused);
    expect(text).not.toMatch(/exists|update it/);
    expect(text).not.toContain('秘密');
    expect(refused['field']).toBe('id');
    // The owner is told plainly.
    const own = await expectProblem(
      await f.call('/api/needs', {
        as: as['memberA'],
        body: { id: 'need-a-secret', kind: 'company', title: '試し', ownerId: 'co-a' },
      }),
      409,
    );
    expect(String(own['detail'])).toContain('exists');
  });
});

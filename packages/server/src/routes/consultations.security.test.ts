/**
 * Security regressions of the coordinator workflow (issue 12), each replaying what an outside
 * attack did: H1 (a consultation opened a confidential need to anyone), the consultation a company
 * opens on its own confidential need (issue 11), M6 (audit of the workflow), and the lows on
 * disclosure (a 404 that named the hidden need, withdrawal).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTextPipeline, type TextPipeline } from '#services/matching/text-pipeline.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
  type AccountKey,
} from '../api-test-fixture.ts';

type Item = { id: string; coordinatorIds: string[]; stage: string; version: number };
type AuditItem = {
  accountId: string | null;
  action: string;
  entity: string;
  entityId: string;
  after: Record<string, unknown> | null;
};

describe.each(TEST_DATABASES)('consultation security on $name', (kind) => {
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
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: AuditItem[] }).items;
  };

  /**
   * The company opens a consultation on its own confidential need and assigns its coordinator to
   * the need; the coordinator takes the case.
   */
  const confidentialCase = async (): Promise<Item> => {
    const opened = await f.call('/api/consultations', {
      as: as['memberA'],
      body: { needId: 'need-a-secret', note: '排水の銅' },
    });
    expect(opened.status).toBe(201);
    const c = (await opened.json()) as Item;
    const assigned = await f.call(
      `/api/needs/need-a-secret/assignments/${f.accounts.coordinator.id}`,
      { method: 'PUT', as: as['memberA'] },
    );
    expect(assigned.status).toBe(200);
    const taken = await f.call(
      `/api/consultations/${c.id}/coordinators/${f.accounts.coordinator.id}`,
      { method: 'PUT', as: as['coordinator'] },
    );
    expect(taken.status).toBe(200);
    return (await taken.json()) as Item;
  };

  it('H1: a coordinator cannot add a viewer, another organisation, an unassigned coordinator or a missing account', async () => {
    const c = await confidentialCase();
    const add = (accountId: string) =>
      f.call(`/api/consultations/${c.id}/coordinators/${encodeURIComponent(accountId)}`, {
        method: 'PUT',
        as: as['coordinator'],
      });
    const viewer = await expectProblem(await add(f.accounts.viewer.id), 422, 'validation_failed');
    expect(viewer['field']).toBe('accountId');
    expect(String(viewer['detail'])).toContain('viewer');
    const otherOrganisation = await expectProblem(
      await add(f.accounts.memberU.id),
      422,
      'validation_failed',
    );
    expect(String(otherOrganisation['detail'])).toContain('only coordinators');
    const unassigned = await expectProblem(
      await add(f.accounts.otherCoordinator.id),
      403,
      'forbidden',
    );
    expect(unassigned['field']).toBe('accountId');
    const missing = await expectProblem(await add('no-such-account'), 404, 'not_found');
    expect(String(missing['detail'])).not.toContain('need-a-secret');
    expect(String(missing['detail'])).not.toContain('秘密');

    const stored = await f.database.repos.consultations.get(c.id);
    expect(stored?.record.coordinatorIds).toEqual([f.accounts.coordinator.id]);

    // None of them reached the need, its notes, its disclosures, its digest or the case.
    for (const who of ['viewer', 'memberU', 'otherCoordinator', 'memberB'] as const) {
      const call = (path: string, method = 'GET', body?: unknown) =>
        f.call(path, { method, as: as[who], ...(body !== undefined ? { body } : {}) });
      await expectProblem(await call('/api/needs/need-a-secret'), 404);
      await expectProblem(await call(`/api/consultations/${c.id}`), 404);
      await expectProblem(await call(`/api/consultations/${c.id}/history`), 404);
      await expectProblem(
        await call(`/api/consultations/${c.id}/notes`, 'POST', { text: 'x' }),
        404,
      );
      await expectProblem(await call('/api/needs/need-a-secret/disclosures'), 404);
      await expectProblem(await call('/api/needs/need-a-secret/digest', 'POST', {}), 404);
      await expectProblem(
        await call(
          `/api/consultations/${c.id}/coordinators/${f.accounts.coordinator.id}`,
          'DELETE',
        ),
        404,
      );
      await expectProblem(
        await f.call(`/api/consultations/${c.id}/moves`, {
          as: as[who],
          body: { to: 'triage' },
          headers: { 'if-match': '"2"' },
        }),
        404,
      );
    }
    const listed = await f.call('/api/needs?limit=100', { as: as['viewer'] });
    expect(await listed.text()).not.toContain('need-a-secret');
  });

  it('H1: nobody but an administrator removes the last coordinator; coordinator changes are audited', async () => {
    const c = await confidentialCase();
    const last = await expectProblem(
      await f.call(`/api/consultations/${c.id}/coordinators/${f.accounts.coordinator.id}`, {
        method: 'DELETE',
        as: as['coordinator'],
      }),
      403,
      'forbidden',
    );
    expect(String(last['detail'])).toContain('last coordinator');
    // The owner assigns a second coordinator to the need; the first adds them to the case.
    await f.call(`/api/needs/need-a-secret/assignments/${f.accounts.otherCoordinator.id}`, {
      method: 'PUT',
      as: as['memberA'],
    });
    const added = await f.call(
      `/api/consultations/${c.id}/coordinators/${f.accounts.otherCoordinator.id}`,
      { method: 'PUT', as: as['coordinator'] },
    );
    expect(added.status).toBe(200);
    const removed = await f.call(
      `/api/consultations/${c.id}/coordinators/${f.accounts.coordinator.id}`,
      { method: 'DELETE', as: as['otherCoordinator'] },
    );
    expect(removed.status).toBe(204);
    // The administrator may leave the case without a coordinator.
    const byAdmin = await f.call(
      `/api/consultations/${c.id}/coordinators/${f.accounts.otherCoordinator.id}`,
      { method: 'DELETE', as: as['admin'] },
    );
    expect(byAdmin.status).toBe(204);

    const entries = await audit('entity=consultation-coordinators');
    expect(entries.map((e) => [e.action, e.accountId, e.entityId])).toEqual([
      ['unassign', f.accounts.admin.id, c.id],
      ['unassign', f.accounts.otherCoordinator.id, c.id],
      ['assign', f.accounts.coordinator.id, c.id],
      ['assign', f.accounts.coordinator.id, c.id],
    ]);
    expect(entries[0]?.after).toMatchObject({
      removed: f.accounts.otherCoordinator.id,
      coordinatorIds: [],
    });
    expect(entries[3]?.after).toMatchObject({ added: f.accounts.coordinator.id });
  });

  it('H1/issue 11: the coordinators assigned to a confidential need and admins see and take the case a company opened; nobody else does', async () => {
    const opened = await f.call('/api/consultations', {
      as: as['memberA'],
      body: { needId: 'need-a-secret' },
    });
    const c = (await opened.json()) as Item;
    // Not yet assigned: the coordinator does not see it.
    await expectProblem(await f.call(`/api/consultations/${c.id}`, { as: as['coordinator'] }), 404);
    await f.call(`/api/needs/need-a-secret/assignments/${f.accounts.coordinator.id}`, {
      method: 'PUT',
      as: as['memberA'],
    });
    const seen = await f.call(`/api/consultations/${c.id}`, { as: as['coordinator'] });
    expect(seen.status).toBe(200);
    const board = (await (
      await f.call('/api/consultations', { as: as['coordinator'] })
    ).json()) as { items: Item[] };
    expect(board.items.map((i) => i.id)).toContain(c.id);
    expect((await f.call(`/api/consultations/${c.id}`, { as: as['admin'] })).status).toBe(200);
    await expectProblem(
      await f.call(`/api/consultations/${c.id}`, { as: as['otherCoordinator'] }),
      404,
    );
    const listedByOther = (await (
      await f.call('/api/consultations', { as: as['otherCoordinator'] })
    ).json()) as { items: Item[] };
    expect(listedByOther.items.map((i) => i.id)).not.toContain(c.id);

    // The assigned coordinator takes it and works the case.
    const taken = await f.call(
      `/api/consultations/${c.id}/coordinators/${f.accounts.coordinator.id}`,
      { method: 'PUT', as: as['coordinator'] },
    );
    expect(taken.status).toBe(200);
    const moved = await f.call(`/api/consultations/${c.id}/moves`, {
      as: as['coordinator'],
      body: { to: 'triage' },
      headers: { 'if-match': '"2"' },
    });
    expect(moved.status).toBe(200);
    // An admin may take a case too.
    const adminTakes = await f.call(
      `/api/consultations/${c.id}/coordinators/${f.accounts.admin.id}`,
      { method: 'PUT', as: as['admin'] },
    );
    expect(adminTakes.status).toBe(200);
  });

  it('M6: opening, notes, moves, digests, interest and disclosure decisions are audited with who and what', async () => {
    const c = await confidentialCase();
    await f.call(`/api/consultations/${c.id}/notes`, {
      as: as['coordinator'],
      body: { text: '秘密の所見' },
    });
    await f.call(`/api/consultations/${c.id}/moves`, {
      as: as['coordinator'],
      body: { to: 'triage' },
      headers: { 'if-match': '"2"' },
    });
    const digest = (await (
      await f.call('/api/needs/need-a-secret/digest', { as: as['memberA'], body: {} })
    ).json()) as { digestId: string };
    const interest = (await (
      await f.call(`/api/digests/${digest.digestId}/interests`, {
        as: as['memberU'],
        body: { message: 'NDA可' },
      })
    ).json()) as { requestId: string };
    const decided = await f.call(`/api/disclosure-requests/${interest.requestId}/decision`, {
      as: as['memberA'],
      body: { accept: true, agreementRef: 'NDA-1' },
    });
    expect(decided.status).toBe(200);

    const consultationEntries = await audit(`entity=consultations&entityId=${c.id}`);
    expect(consultationEntries.map((e) => [e.action, e.accountId])).toEqual([
      ['move', f.accounts.coordinator.id],
      ['note', f.accounts.coordinator.id],
      ['open', f.accounts.memberA.id],
    ]);
    // The note's text is not copied into the audit log.
    expect(JSON.stringify(consultationEntries)).not.toContain('秘密の所見');
    expect(
      (await audit('entity=need-digests')).map((e) => [e.action, e.accountId, e.entityId]),
    ).toEqual([['publish', f.accounts.memberA.id, 'need-a-secret']]);
    expect(
      (await audit('entity=disclosure-requests')).map((e) => [e.action, e.accountId, e.entityId]),
    ).toEqual([
      ['decide', f.accounts.memberA.id, interest.requestId],
      ['interest', f.accounts.memberU.id, interest.requestId],
    ]);
    // Administrators read the disclosure history too, and that read is audited.
    const history = await f.call('/api/needs/need-a-secret/disclosures', { as: as['admin'] });
    expect(history.status).toBe(200);
    expect(
      ((await history.json()) as { events: { kind: string }[] }).events.map((e) => e.kind),
    ).toEqual(['digest_published', 'interest_expressed', 'disclosure_accepted']);
    expect(
      (await audit('entity=need-disclosures')).map((e) => [e.action, e.accountId, e.entityId]),
    ).toEqual([['read', f.accounts.admin.id, 'need-a-secret']]);
    expect((await audit(`action=decide`))[0]?.after).toMatchObject({
      status: 'accepted',
      organisationId: 'uni-u',
      agreementRef: 'NDA-1',
    });
  });

  it('low: the disclosure decision 404 does not name the hidden need', async () => {
    const digest = (await (
      await f.call('/api/needs/need-a-secret/digest', { as: as['memberA'], body: {} })
    ).json()) as { digestId: string };
    const interest = (await (
      await f.call(`/api/digests/${digest.digestId}/interests`, { as: as['memberU'], body: {} })
    ).json()) as { requestId: string };
    for (const who of ['memberU', 'memberB', 'viewer'] as const) {
      const refused = await expectProblem(
        await f.call(`/api/disclosure-requests/${interest.requestId}/decision`, {
          as: as[who],
          body: { accept: true },
        }),
        404,
      );
      expect(JSON.stringify(refused)).not.toContain('need-a-secret');
    }
  });

  it('low: after a withdrawal the other side no longer reads the need (interest, disclosure, digest)', async () => {
    const digest = (await (
      await f.call('/api/needs/need-a-secret/digest', { as: as['memberA'], body: {} })
    ).json()) as { digestId: string };
    const interestOf = async (who: AccountKey) =>
      (
        (await (
          await f.call(`/api/digests/${digest.digestId}/interests`, { as: as[who], body: {} })
        ).json()) as { requestId: string }
      ).requestId;
    const accept = async (requestId: string) => {
      const response = await f.call(`/api/disclosure-requests/${requestId}/decision`, {
        as: as['memberA'],
        body: { accept: true },
      });
      expect(response.status).toBe(200);
    };
    const reads = async (who: AccountKey) =>
      (await f.call('/api/needs/need-a-secret/disclosed', { as: as[who] })).status;

    // 1. The interested organisation withdraws its interest after the disclosure: access ends.
    const u = await interestOf('memberU');
    await accept(u);
    expect(await reads('memberU')).toBe(200);
    expect((await f.call('/api/needs/need-a-secret', { as: as['memberU'] })).status).toBe(200);
    const withdrawn = await f.call(`/api/disclosure-requests/${u}`, {
      method: 'DELETE',
      as: as['memberU'],
    });
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as { status: string }).status).toBe('withdrawn');
    expect(await reads('memberU')).toBe(404);
    await expectProblem(await f.call('/api/needs/need-a-secret', { as: as['memberU'] }), 404);
    const list = await f.call('/api/needs?limit=100', { as: as['memberU'] });
    expect(await list.text()).not.toContain('need-a-secret');

    // 2. The owner withdraws a disclosure it accepted.
    const b = await interestOf('memberB');
    await accept(b);
    expect(await reads('memberB')).toBe(200);
    await expectProblem(
      await f.call(`/api/disclosure-requests/${b}`, { method: 'DELETE', as: as['viewer'] }),
      404,
    );
    expect(
      (await f.call(`/api/disclosure-requests/${b}`, { method: 'DELETE', as: as['memberA'] }))
        .status,
    ).toBe(200);
    expect(await reads('memberB')).toBe(404);

    // 3. Interest again, accepted, then the owner withdraws the digest: every disclosure ends.
    const again = await interestOf('memberU');
    expect(again).toBe(u);
    await accept(again);
    expect(await reads('memberU')).toBe(200);
    expect(
      (await f.call('/api/needs/need-a-secret/digest', { method: 'DELETE', as: as['memberA'] }))
        .status,
    ).toBe(204);
    expect(await reads('memberU')).toBe(404);
    const history = (await (
      await f.call('/api/needs/need-a-secret/disclosures', { as: as['memberA'] })
    ).json()) as { events: { kind: string; organisationId?: string }[] };
    expect(
      history.events.filter((e) => e.kind === 'disclosure_withdrawn').map((e) => e.organisationId),
    ).toEqual(['uni-u', 'co-b', 'uni-u']);
  });
});

describe.each(TEST_DATABASES)('match feedback audit on $name', (kind) => {
  let text: TextPipeline;
  let f: ApiFixture;
  beforeAll(async () => {
    text = await createTextPipeline();
  }, 60_000);
  afterAll(async () => text.close());
  beforeEach(async () => {
    f = await createApiFixture(kind, {}, { text });
  });
  afterEach(async () => {
    await f.close();
  });

  it('M6: match feedback, proposed candidates and judgements are audited with who and what', async () => {
    const member = await f.signIn('a@test.example');
    const coordinator = await f.signIn('coord@test.example');
    const direct = await f.call('/api/needs/need-a-public/feedback', {
      as: member,
      body: { seedId: 'seed-u1', decision: 'rejected', reason: 'wrong_field' },
    });
    expect(direct.status).toBe(201);
    const opened = (await (
      await f.call('/api/consultations', { as: coordinator, body: { needId: 'need-a-public' } })
    ).json()) as Item;
    await f.call(`/api/consultations/${opened.id}/moves`, {
      as: coordinator,
      body: { to: 'triage' },
      headers: { 'if-match': '"1"' },
    });
    expect(
      (
        await f.call(`/api/consultations/${opened.id}/candidates`, {
          as: coordinator,
          body: { seedIds: ['seed-u1'] },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await f.call(`/api/consultations/${opened.id}/judgements`, {
          as: member,
          body: { seedId: 'seed-u1', decision: 'chosen' },
        })
      ).status,
    ).toBe(204);

    const admin = await f.signIn('admin@test.example');
    const entries = (
      (await (await f.call('/api/audit?limit=50', { as: admin })).json()) as { items: AuditItem[] }
    ).items.filter((e) => ['feedback', 'judge', 'propose'].includes(e.action));
    expect(entries.map((e) => [e.action, e.accountId, e.after?.['seedId'] ?? null])).toEqual([
      ['feedback', f.accounts.memberA.id, 'seed-u1'],
      ['judge', f.accounts.memberA.id, 'seed-u1'],
      ['propose', f.accounts.coordinator.id, null],
      ['feedback', f.accounts.memberA.id, 'seed-u1'],
    ]);
    expect(entries[3]?.after).toMatchObject({
      needId: 'need-a-public',
      decision: 'rejected',
      reason: 'wrong_field',
    });
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTextPipeline, type TextPipeline } from '#services/matching/text-pipeline.ts';
import { buildSeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

let text: TextPipeline;
beforeAll(async () => {
  text = await createTextPipeline();
}, 60_000);
afterAll(async () => text.close());

type Item = {
  id: string;
  needId: string;
  needTitle: string;
  stage: string;
  version: number;
  coordinatorIds: string[];
  overdue: { overdue: boolean };
};
type Board = {
  stages: { stage: string; count: number; overdue: number; items: Item[] }[];
  total: number;
};
type Page = { items: Item[]; nextCursor: string | null };

describe.each(TEST_DATABASES)('consultation API on $name', (kind) => {
  let f: ApiFixture;
  const as: Record<string, Credentials> = {};
  beforeEach(async () => {
    f = await createApiFixture(kind, {}, { text });
    await f.database.repos
      .entity('seeds')
      .upsertMany([buildSeed({ id: 'seed-copper', ownerId: 'uni-u', title: '銅の回収技術' })]);
    for (const [key, email] of [
      ['coordinator', 'coord@test.example'],
      ['otherCoordinator', 'coord2@test.example'],
      ['memberA', 'a@test.example'],
      ['memberB', 'b@test.example'],
      ['memberU', 'u@test.example'],
      ['viewer', 'viewer@test.example'],
      ['admin', 'admin@test.example'],
    ] as const)
      as[key] = await f.signIn(email);
  });
  afterEach(async () => {
    await f.close();
  });

  const open = async (needId: string, who = 'coordinator'): Promise<Item> => {
    const response = await f.call('/api/consultations', { as: as[who], body: { needId } });
    expect(response.status, `open ${needId} as ${who}`).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    return (await response.json()) as Item;
  };
  const board = async (who?: string): Promise<Board> => {
    const response = await f.call('/api/consultations/board', who ? { as: as[who] } : {});
    expect(response.status).toBe(200);
    return (await response.json()) as Board;
  };
  const move = (id: string, body: unknown, etag: string | undefined, who = 'coordinator') =>
    f.call(`/api/consultations/${id}/moves`, {
      as: as[who],
      body,
      headers: etag === undefined ? {} : { 'if-match': etag },
    });

  it('opens a consultation and shows it on the board by stage', async () => {
    const c = await open('need-a-public');
    expect(c).toMatchObject({ stage: 'intake', needTitle: '公開ニーズ 銅の回収', version: 1 });
    const seen = await board('coordinator');
    expect(seen.stages.map((s) => s.stage)).toEqual([
      'intake',
      'triage',
      'candidates_proposed',
      'meeting',
      'agreement',
      'closed',
    ]);
    expect(seen.stages[0]).toMatchObject({ count: 1, overdue: 0 });
    expect(seen.stages[0]?.items[0]?.id).toBe(c.id);
    expect((await board('memberA')).total).toBe(1); // the requester
    expect((await board('memberB')).total).toBe(0);
    expect((await board()).total).toBe(0);
    await expectProblem(
      await f.call('/api/consultations', { as: as['viewer'], body: { needId: 'need-a-public' } }),
      403,
    );
    const missing = await expectProblem(
      await f.call('/api/consultations', { as: as['coordinator'], body: {} }),
      422,
    );
    expect(missing['field']).toBe('needId');
  });

  it('moves a stage only with the current ETag (optimistic concurrency)', async () => {
    const c = await open('need-a-public');
    await expectProblem(await move(c.id, { to: 'triage' }, undefined), 428);
    await expectProblem(await move(c.id, { to: 'triage' }, '"7"'), 412);
    const moved = await move(c.id, { to: 'triage' }, '"1"');
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).toBe('"2"');
    expect(((await moved.json()) as Item).stage).toBe('triage');
    // Someone else's move with the old ETag is refused.
    const stale = await expectProblem(await move(c.id, { to: 'candidates_proposed' }, '"1"'), 412);
    expect(stale['field']).toBe('If-Match');
    // A move the stage machine does not allow, and one missing its agreement type.
    await expectProblem(
      await move(c.id, { to: 'agreement', agreementType: 'license' }, '"2"'),
      412,
    );
    const noOutcome = await expectProblem(await move(c.id, { to: 'closed' }, '"2"'), 422);
    expect(String(noOutcome['detail'])).toContain('outcome');
    // Not assigned, or the requester moving forward: forbidden.
    await expectProblem(await move(c.id, { to: 'intake' }, '"2"', 'otherCoordinator'), 403);
    await expectProblem(await move(c.id, { to: 'intake' }, '"2"', 'memberA'), 403);
    // The requester may withdraw.
    const withdrawn = await move(
      c.id,
      { to: 'closed', outcome: 'withdrawn', reason: '社内で解決' },
      '"2"',
      'memberA',
    );
    expect(withdrawn.status).toBe(200);
  });

  it('keeps notes and history; the requester sees only stage changes', async () => {
    const c = await open('need-a-public');
    const note = await f.call(`/api/consultations/${c.id}/notes`, {
      as: as['coordinator'],
      body: { text: '先方に電話済み' },
    });
    expect(note.status).toBe(201);
    await move(c.id, { to: 'triage' }, '"1"');
    const history = (await (
      await f.call(`/api/consultations/${c.id}/history`, { as: as['coordinator'] })
    ).json()) as { items: { kind: string; data: Record<string, unknown> }[] };
    expect(history.items.map((e) => e.kind)).toEqual(['opened', 'assigned', 'note', 'moved']);
    const requester = (await (
      await f.call(`/api/consultations/${c.id}/history`, { as: as['memberA'] })
    ).json()) as { items: { kind: string }[] };
    expect(requester.items.map((e) => e.kind)).toEqual(['opened', 'moved']);
    await expectProblem(
      await f.call(`/api/consultations/${c.id}/notes`, { as: as['memberA'], body: { text: 'x' } }),
      403,
    );
    const status = (await (
      await f.call(`/api/consultations/${c.id}/status`, { as: as['memberA'] })
    ).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ stage: 'triage', overdue: false });
  });

  it('assigns coordinators; a colleague added may then move it', async () => {
    const c = await open('need-a-public');
    await expectProblem(
      await f.call(`/api/consultations/${c.id}/coordinators/${f.accounts.admin.id}`, {
        method: 'PUT',
        as: as['otherCoordinator'],
      }),
      403,
    );
    const added = await f.call(
      `/api/consultations/${c.id}/coordinators/${f.accounts.otherCoordinator.id}`,
      { method: 'PUT', as: as['coordinator'] },
    );
    expect(added.status).toBe(200);
    expect(((await added.json()) as Item).coordinatorIds).toContain(f.accounts.otherCoordinator.id);
    expect((await move(c.id, { to: 'triage' }, '"2"', 'otherCoordinator')).status).toBe(200);
    // The requester learns who coordinates its case by name, never their addresses.
    const seen = await f.call(`/api/consultations/${c.id}`, { as: as['memberA'] });
    expect(seen.status).toBe(200);
    const text = await seen.clone().text();
    expect(text).not.toContain('@test.example');
    expect(((await seen.json()) as { coordinators: unknown }).coordinators).toEqual([
      { id: f.accounts.coordinator.id, displayName: 'coord' },
      { id: f.accounts.otherCoordinator.id, displayName: 'coord2' },
    ]);
  });

  it('flags overdue consultations', async () => {
    await open('need-a-public');
    f.clock.advance(49 * 3_600_000);
    as['coordinator'] = await f.signIn('coord@test.example'); // the session expired meanwhile
    const seen = await board('coordinator');
    expect(seen.stages[0]).toMatchObject({ count: 1, overdue: 1 });
    expect(seen.stages[0]?.items[0]?.overdue.overdue).toBe(true);
    const overdue = (await (
      await f.call('/api/consultations?overdue=true', { as: as['coordinator'] })
    ).json()) as Page;
    expect(overdue.items).toHaveLength(1);
  });

  it('proposes candidates, records rejection reasons and shows the triage view', async () => {
    const c = await open('need-a-public');
    await move(c.id, { to: 'triage' }, '"1"');
    const proposed = await f.call(`/api/consultations/${c.id}/candidates`, {
      as: as['coordinator'],
      body: { seedIds: ['seed-copper'] },
    });
    expect(proposed.status).toBe(201);
    expect(((await proposed.json()) as Item).stage).toBe('candidates_proposed');
    await expectProblem(
      await f.call(`/api/consultations/${c.id}/candidates`, {
        as: as['coordinator'],
        body: { seedIds: ['no-such-seed'] },
      }),
      422,
      'unknown_reference',
    );
    const noReason = await expectProblem(
      await f.call(`/api/consultations/${c.id}/judgements`, {
        as: as['memberA'],
        body: { seedId: 'seed-copper', decision: 'rejected' },
      }),
      422,
    );
    expect(noReason['field']).toBe('reason');
    const judged = await f.call(`/api/consultations/${c.id}/judgements`, {
      as: as['memberA'],
      body: { seedId: 'seed-copper', decision: 'rejected', reason: 'too_early_stage' },
    });
    expect(judged.status).toBe(204);
    const feedback = await f.database.repos.matching.listFeedback();
    expect(feedback.map((x) => [x.seedId, x.reason])).toEqual([['seed-copper', 'too_early_stage']]);
    const triage = await f.call(`/api/consultations/${c.id}/triage`, { as: as['coordinator'] });
    expect(triage.status).toBe(200);
    expect(await triage.json()).toMatchObject({ consultationId: c.id, needId: 'need-a-public' });
    await expectProblem(
      await f.call(`/api/consultations/${c.id}/triage`, { as: as['memberB'] }),
      404,
    );
  });

  it('shows a confidential need’s consultation only to its owner, assigned coordinators and administrators', async () => {
    // The coordinator is assigned to need-b-secret; nobody is assigned to need-a-secret.
    await expectProblem(
      await f.call('/api/consultations', {
        as: as['coordinator'],
        body: { needId: 'need-a-secret' },
      }),
      404,
    );
    const secret = await open('need-b-secret');
    const visible = await open('need-a-public');
    for (const who of ['otherCoordinator', 'memberA', 'memberU', 'viewer']) {
      const seen = await board(who);
      const ids = seen.stages.flatMap((s) => s.items.map((i) => i.id));
      expect(ids, who).not.toContain(secret.id);
      expect(JSON.stringify(seen), who).not.toContain('秘密ニーズ');
      const list = (await (
        await f.call('/api/consultations?q=%E7%A7%98%E5%AF%86', { as: as[who] })
      ).json()) as Page;
      expect(list.items, who).toEqual([]);
      await expectProblem(await f.call(`/api/consultations/${secret.id}`, { as: as[who] }), 404);
      await expectProblem(
        await f.call(`/api/consultations/${secret.id}/history`, { as: as[who] }),
        404,
      );
    }
    expect((await board('otherCoordinator')).total).toBe(1);
    expect((await board('memberA')).stages[0]?.items.map((i) => i.id)).toEqual([visible.id]);
    // Administrators see it too (policy: they may read confidential needs; each read is audited).
    for (const who of ['coordinator', 'memberB', 'admin']) {
      const ids = (await board(who)).stages.flatMap((s) => s.items.map((i) => i.id));
      expect(ids, who).toContain(secret.id);
    }
  });

  it('sorts and pages the list; the cursor keeps its sort', async () => {
    await open('need-a-public');
    f.clock.advance(1000);
    await open('need-a-members');
    const first = (await (
      await f.call('/api/consultations?sort=needTitle&limit=1', { as: as['coordinator'] })
    ).json()) as Page;
    expect(first.items.map((i) => i.needTitle)).toEqual(['会員限定ニーズ 銅の回収']);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (
      await f.call(
        `/api/consultations?sort=needTitle&limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
        { as: as['coordinator'] },
      )
    ).json()) as Page;
    expect(second.items.map((i) => i.needTitle)).toEqual(['公開ニーズ 銅の回収']);
    expect(second.nextCursor).toBeNull();
    const bad = await expectProblem(
      await f.call('/api/consultations?sort=secret', { as: as['coordinator'] }),
      422,
    );
    expect(bad['field']).toBe('sort');
    const mixed = await expectProblem(
      await f.call(
        `/api/consultations?sort=-openedAt&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
        { as: as['coordinator'] },
      ),
      422,
    );
    expect(mixed['field']).toBe('cursor');
  });

  it('discloses a confidential need in stages: digest, interest, the owner accepts', async () => {
    await expectProblem(
      await f.call('/api/needs/need-b-secret/digest', { as: as['memberA'], method: 'POST' }),
      404,
    );
    const published = await f.call('/api/needs/need-b-secret/digest', {
      as: as['memberB'],
      method: 'POST',
    });
    expect(published.status).toBe(201);
    const digest = (await published.json()) as Record<string, unknown>;
    expect(digest).not.toHaveProperty('needId');
    const listed = (await (await f.call('/api/digests')).json()) as {
      items: Record<string, unknown>[];
    };
    expect(listed.items.map((d) => d['digestId'])).toEqual([digest['digestId']]);
    expect(JSON.stringify(listed)).not.toContain('need-b-secret');
    expect(JSON.stringify(listed)).not.toContain('株式会社ビー');

    await expectProblem(
      await f.call(`/api/digests/${String(digest['digestId'])}/interests`, { body: {} }),
      401,
    );
    const interest = await f.call(`/api/digests/${String(digest['digestId'])}/interests`, {
      as: as['memberU'],
      body: { message: '当研究室の技術が使えます' },
    });
    expect(interest.status).toBe(201);
    const { requestId } = (await interest.json()) as { requestId: string };
    await expectProblem(
      await f.call('/api/needs/need-b-secret/disclosed', { as: as['memberU'] }),
      404,
    );
    // Only the interested organisation finds its own interest on the digest, to withdraw it.
    const interestOf = async (who?: string) => {
      const response = await f.call('/api/digests', who === undefined ? {} : { as: as[who] });
      expect(response.headers.get('vary')).toContain('Cookie');
      const items = ((await response.json()) as { items: Record<string, unknown>[] }).items;
      return items.map((d) => d['myInterest']);
    };
    expect(await interestOf('memberU')).toEqual([{ requestId, status: 'interested' }]);
    for (const who of [undefined, 'memberA', 'memberB', 'coordinator', 'viewer'])
      expect(await interestOf(who), String(who)).toEqual([undefined]);
    expect(
      (
        await f.call(`/api/disclosure-requests/${requestId}`, {
          method: 'DELETE',
          as: as['memberU'],
        })
      ).status,
    ).toBeLessThan(300);
    expect(await interestOf('memberU')).toEqual([undefined]);
    // Expressed again, the same request starts again.
    const again = await f.call(`/api/digests/${String(digest['digestId'])}/interests`, {
      as: as['memberU'],
      body: { message: '当研究室の技術が使えます' },
    });
    expect(((await again.json()) as { requestId: string }).requestId).toBe(requestId);
    expect(await interestOf('memberU')).toEqual([{ requestId, status: 'interested' }]);
    // An assigned coordinator sees the history but cannot disclose for the owner.
    const history = (await (
      await f.call('/api/needs/need-b-secret/disclosures', { as: as['coordinator'] })
    ).json()) as { requests: { id: string }[] };
    expect(history.requests.map((r) => r.id)).toEqual([requestId]);
    await expectProblem(
      await f.call(`/api/disclosure-requests/${requestId}/decision`, {
        as: as['coordinator'],
        body: { accept: true },
      }),
      403,
    );
    await expectProblem(
      await f.call('/api/needs/need-b-secret/disclosures', { as: as['memberU'] }),
      404,
    );
    const accepted = await f.call(`/api/disclosure-requests/${requestId}/decision`, {
      as: as['memberB'],
      body: { accept: true, agreementRef: 'NDA-2025-001' },
    });
    expect(accepted.status).toBe(200);
    const full = await f.call('/api/needs/need-b-secret/disclosed', { as: as['memberU'] });
    expect(full.status).toBe(200);
    expect(((await full.json()) as Record<string, unknown>)['title']).toBe('秘密ニーズ 銅の回収 B');
    await expectProblem(
      await f.call('/api/needs/need-b-secret/disclosed', { as: as['memberA'] }),
      404,
    );
  });
});

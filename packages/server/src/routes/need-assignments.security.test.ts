/**
 * A need's own coordinators: who may list and choose them, whom they may be, and what they hear.
 * Outsiders try every way in (other organisations, other coordinators, viewers, no session,
 * unknown needs and accounts, a disabled coordinator); nothing they try lists an account, assigns
 * one or tells them a confidential need's words.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '#test/test-databases.ts';
import {
  createApiFixture,
  expectProblem,
  type ApiFixture,
  type Credentials,
} from '../api-test-fixture.ts';

const SECRET_TITLE = '秘密ニーズ 銅の回収 A';

interface Candidate {
  id: string;
  displayName: string;
  role: string;
  assigned: boolean;
}
interface InboxItem {
  kind: string;
  titleJa: string;
  titleEn: string;
  link: string;
}

describe.each(TEST_DATABASES)('a need’s own coordinators on $name', (kind) => {
  let f: ApiFixture;
  const as: Record<string, Credentials> = {};
  beforeEach(async () => {
    f = await createApiFixture(kind);
    for (const key of Object.keys(f.accounts) as (keyof typeof f.accounts)[])
      as[key] = await f.signIn(f.accounts[key].email);
  });
  afterEach(async () => {
    await f.close();
  });

  const candidates = (who: string | undefined, needId = 'need-a-secret') =>
    f.call(`/api/needs/${needId}/coordinator-candidates`, who === undefined ? {} : { as: as[who] });
  const assign = (who: string | undefined, accountId: string, needId = 'need-a-secret') =>
    f.call(`/api/needs/${needId}/assignments/${accountId}`, {
      method: 'PUT',
      ...(who === undefined ? {} : { as: as[who] }),
    });
  const inbox = async (who: string): Promise<InboxItem[]> => {
    const response = await f.call('/api/notifications', { as: as[who] });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: InboxItem[] }).items;
  };

  it('lists the coordinators and administrators by name for the owner organisation and administrators, without e-mail addresses', async () => {
    for (const who of ['memberA', 'admin']) {
      const response = await candidates(who);
      expect(response.status, who).toBe(200);
      const text = await response.clone().text();
      expect(text, who).not.toContain('@test.example');
      const items = ((await response.json()) as { items: Candidate[] }).items;
      expect(items.map((i) => i.id).sort(), who).toEqual(
        [f.accounts.admin.id, f.accounts.coordinator.id, f.accounts.otherCoordinator.id].sort(),
      );
      expect(items.every((i) => !i.assigned)).toBe(true);
    }
    expect((await assign('memberA', f.accounts.otherCoordinator.id)).status).toBe(200);
    const after = ((await (await candidates('memberA')).json()) as { items: Candidate[] }).items;
    expect(after.filter((i) => i.assigned).map((i) => i.id)).toEqual([
      f.accounts.otherCoordinator.id,
    ]);
  });

  it('refuses everyone else: other organisations and unassigned coordinators as if the need did not exist, the rest as not allowed', async () => {
    await expectProblem(await candidates('memberB'), 404);
    await expectProblem(await candidates('memberU'), 404);
    await expectProblem(await candidates('otherCoordinator'), 404);
    await expectProblem(await candidates('viewer'), 404);
    // Without a session a confidential need is as missing as for an outsider; a public one says sign in.
    await expectProblem(await candidates(undefined), 404);
    await expectProblem(await candidates(undefined, 'need-a-public'), 401);
    // The coordinator assigned to company B's need sees it but may not give it to others.
    await expectProblem(await candidates('coordinator', 'need-b-secret'), 403);
    await expectProblem(await candidates('viewer', 'need-a-public'), 403);
    await expectProblem(await candidates('memberB', 'need-a-public'), 403);
    await expectProblem(await candidates('memberA', 'no-such-need'), 404);
    for (const who of ['memberB', 'memberU', 'otherCoordinator', 'viewer', undefined]) {
      const response = await assign(who, f.accounts.otherCoordinator.id);
      expect(response.status, String(who)).toBeGreaterThanOrEqual(401);
      expect(response.status, String(who)).toBeLessThanOrEqual(404);
    }
    expect(await f.database.repos.accounts.assignmentsOf('need-a-secret')).toEqual([]);
  });

  it('gives a need only to coordinators and administrators in service', async () => {
    await expectProblem(await assign('memberA', f.accounts.memberB.id), 422);
    await expectProblem(await assign('memberA', f.accounts.viewer.id), 422);
    await expectProblem(await assign('memberA', 'no-such-account'), 422);
    await f.database.repos.accounts.update({ ...f.accounts.otherCoordinator, disabled: true });
    await expectProblem(await assign('memberA', f.accounts.otherCoordinator.id), 422);
    const items = ((await (await candidates('memberA')).json()) as { items: Candidate[] }).items;
    expect(items.map((i) => i.id)).not.toContain(f.accounts.otherCoordinator.id);
    expect(await f.database.repos.accounts.assignmentsOf('need-a-secret')).toEqual([]);
  });

  it('tells the coordinator it was given the need and, later, that a case was opened on it; never the need’s words', async () => {
    expect((await assign('memberA', f.accounts.otherCoordinator.id)).status).toBe(200);
    const given = await inbox('otherCoordinator');
    expect(given.map((n) => [n.kind, n.link])).toEqual([['case_assigned', '/needs/need-a-secret']]);
    const opened = await f.call('/api/consultations', {
      as: as['memberA'],
      body: { needId: 'need-a-secret' },
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    const after = await inbox('otherCoordinator');
    expect(after.map((n) => [n.kind, n.link]).sort()).toEqual([
      ['case_assigned', `/consultations/${id}`],
      ['case_assigned', '/needs/need-a-secret'],
    ]);
    for (const n of after) {
      expect(`${n.titleJa} ${n.titleEn}`).not.toContain('銅の回収');
      expect(`${n.titleJa} ${n.titleEn}`).not.toContain(SECRET_TITLE);
    }
    // Nobody else heard of it: not the other coordinator, not another company.
    expect(await inbox('coordinator')).toEqual([]);
    expect(await inbox('memberB')).toEqual([]);
    for (const mail of await f.database.repos.notifications.listMail())
      expect(`${mail.subject} ${mail.text}`).not.toContain('銅の回収');
  });

  it('lists a need’s cases to those who see them, and to nobody else', async () => {
    await assign('memberA', f.accounts.otherCoordinator.id);
    const opened = await f.call('/api/consultations', {
      as: as['memberA'],
      body: { needId: 'need-a-secret' },
    });
    const { id } = (await opened.json()) as { id: string };
    const onNeed = async (who: string, needId = 'need-a-secret') => {
      const response = await f.call(`/api/consultations?needId=${needId}`, { as: as[who] });
      expect(response.status, who).toBe(200);
      return ((await response.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await onNeed('memberA')).toEqual([id]);
    expect(await onNeed('otherCoordinator')).toEqual([id]);
    expect(await onNeed('admin')).toEqual([id]);
    expect(await onNeed('memberA', 'need-b-secret')).toEqual([]);
    for (const who of ['memberB', 'memberU', 'coordinator', 'viewer'])
      expect(await onNeed(who), who).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { CONSULTATION_STAGES } from '#core/consultation.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { createDemoAccounts } from './demo-accounts.ts';
import { createDemoWorkflow } from './demo-workflow.ts';
import { loadDemoEcosystem } from './load-demo-ecosystem.ts';

const clock = { now: () => new Date('2025-06-01T00:00:00Z') };
const cost = { log2N: 10, r: 8, p: 1 };

describe.each(TEST_DATABASES)('the demo workflow on $name', (kind) => {
  let database: Database;
  afterEach(async () => {
    await database.close();
  });

  it('ships consultations in every stage with their history, judgements, a disclosure and inboxes', async () => {
    database = await kind.open(clock);
    const { repos } = database;
    await loadDemoEcosystem(repos, { scale: 0.02 });
    await createDemoAccounts(repos, { clock, cost });
    const result = await createDemoWorkflow(repos, { clock });
    expect(result.consultations).toBe(8);

    const all = await repos.consultations.list();
    expect(new Set(all.map((c) => c.stage))).toEqual(new Set(CONSULTATION_STAGES));
    expect(
      all
        .filter((c) => c.stage === 'closed')
        .map((c) => c.outcome)
        .sort(),
    ).toEqual(['lost', 'won']);
    const events = await repos.consultations.eventsOf(all.map((c) => c.id));
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of [
      'opened',
      'moved',
      'assigned',
      'note',
      'candidate_proposed',
      'candidate_rejected',
      'candidate_chosen',
    ])
      expect(kinds, k).toContain(k);
    expect(
      events
        .filter((e) => e.kind === 'candidate_rejected')
        .every((e) => typeof e.data['reason'] === 'string'),
    ).toBe(true);
    expect(events.some((e) => e.kind === 'moved' && e.data['back'] === true)).toBe(true);
    // History spreads over past weeks, not one instant.
    const times = events.map((e) => Date.parse(e.at));
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(7 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(clock.now().getTime());

    // The company's confidential need: digest published, the university's interest accepted.
    const company = await repos.accounts.findByEmail('company@demo.musubi.example');
    const university = await repos.accounts.findByEmail('university@demo.musubi.example');
    const confidential = all.find(
      (c) =>
        c.requesterId === company?.account.organisationId &&
        c.coordinatorIds.length > 0 &&
        c.stage === 'meeting',
    );
    expect(confidential).toBeDefined();
    const requests = await repos.disclosures.listRequests(confidential?.needId ?? '');
    expect(requests).toEqual([
      expect.objectContaining({
        organisationId: university?.account.organisationId,
        status: 'accepted',
        agreementRef: 'NDA-DEMO-001',
      }),
    ]);

    // Inboxes for the demo accounts, none naming the confidential need's text; no mail queued.
    const need = await repos.entity('needs').get(confidential?.needId ?? '');
    const secret = [
      String(need?.record['title']),
      String(need?.record['description'] ?? ''),
    ].filter((t) => t.length > 0);
    const inboxKinds: Record<string, string[]> = {};
    for (const account of await repos.accounts.list()) {
      const items = (await repos.notifications.list(account.id, { limit: 200 })).items;
      inboxKinds[account.email] = items.map((n) => n.kind);
      for (const n of items) for (const t of secret) expect(JSON.stringify(n)).not.toContain(t);
    }
    expect(inboxKinds['university@demo.musubi.example']).toEqual(
      expect.arrayContaining([
        'seed_proposed',
        'seed_judged',
        'disclosure_accepted',
        'profile_unconfirmed',
      ]),
    );
    expect(inboxKinds['company@demo.musubi.example']).toEqual(
      expect.arrayContaining(['case_moved', 'digest_interest', 'profile_unconfirmed']),
    );
    expect(inboxKinds['admin@demo.musubi.example']).toContain('case_assigned');
    expect(await repos.notifications.listMail()).toEqual([]);

    // Runs once.
    expect(await createDemoWorkflow(repos, { clock })).toEqual({
      consultations: 0,
      notifications: 0,
    });
    expect(await repos.consultations.list()).toHaveLength(8);
  }, 60_000);
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { signIn } from '#services/accounts/sign-in.ts';
import { createDemoAccounts, DEMO_ACCOUNTS, formatDemoCredentials } from './demo-accounts.ts';
import { loadDemoEcosystem } from './load-demo-ecosystem.ts';

const clock = { now: () => new Date('2025-06-01T00:00:00Z') };
const cost = { log2N: 10, r: 8, p: 1 };

describe.each(TEST_DATABASES)('createDemoAccounts on $name', (kind) => {
  let database: Database;
  afterEach(async () => {
    await database.close();
  });

  it('creates one account per role, tied to a company, a university and a prefecture, with working passwords', async () => {
    database = await kind.open(clock);
    await loadDemoEcosystem(database.repos, { scale: 0.02 });
    const credentials = await createDemoAccounts(database.repos, { clock, cost });
    expect(credentials.map((c) => c.key)).toEqual(DEMO_ACCOUNTS.map((a) => a.key));
    expect(new Set(credentials.map((c) => c.role))).toEqual(
      new Set(['admin', 'coordinator', 'member', 'viewer']),
    );
    for (const [key, sector] of [
      ['company', 'company'],
      ['university', 'university'],
      ['government', 'prefecture'],
    ] as const) {
      const credential = credentials.find((c) => c.key === key);
      const actor = await database.repos.entity('actors').get(String(credential?.organisationId));
      expect(actor?.record['sector']).toBe(sector);
    }
    const government = credentials.find((c) => c.key === 'government');
    expect(government?.organisationName).toBe('静岡県');
    for (const c of credentials) {
      const signedIn = await signIn(
        database.repos,
        { email: c.email, password: c.password },
        { clock, sessionTtlMs: 60_000 },
      );
      expect(signedIn.account.role).toBe(c.role);
    }
    // The coordinator is assigned to one of the company's confidential needs.
    const coordinator = await database.repos.accounts.findByEmail(
      'coordinator@demo.musubi.example',
    );
    const assigned = await database.repos.accounts.assignedNeeds(String(coordinator?.account.id));
    expect(assigned).toHaveLength(1);
    const need = await database.repos.entity('needs').get(assigned[0] ?? '');
    expect(need?.record['confidentiality']).toBe('confidential');

    // Idempotent: a second run keeps the accounts.
    const again = await createDemoAccounts(database.repos, { clock, cost });
    expect(again.every((c) => !c.created)).toBe(true);
    expect(await database.repos.accounts.list()).toHaveLength(6);
    const lines = formatDemoCredentials(again).join('\n');
    for (const c of again) expect(lines).toContain(c.password);
  });
});

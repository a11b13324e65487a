/**
 * One demo account per role, with fixed passwords printed by `musubi demo` and `musubi start`.
 * They exist only in databases the demo was loaded into; never create them on real data.
 */
import type { Account, AccountRole } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import type { Clock, Repositories, StoredRecord } from '#core/ports.ts';
import { createAccount } from '#services/accounts/create-account.ts';
import type { ScryptCost } from '#services/accounts/password-hash.ts';

export interface DemoAccountSpec {
  key: 'admin' | 'coordinator' | 'company' | 'university' | 'government' | 'viewer';
  role: AccountRole;
  email: string;
  password: string;
  displayName: string;
  /** Which kind of organisation a member account belongs to. */
  organisationSector?: 'company' | 'university' | 'prefecture';
}

/**
 * The prefecture whose government the demo's official works for: 静岡県, one of the two
 * prefectures whose region strategy, KPI targets and training programmes the demo holds.
 */
export const DEMO_GOVERNMENT_PREFECTURE = '22';

export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  {
    key: 'admin',
    role: 'admin',
    email: 'admin@demo.musubi.example',
    password: 'musubi-demo-admin',
    displayName: '管理者 (demo)',
  },
  {
    key: 'coordinator',
    role: 'coordinator',
    email: 'coordinator@demo.musubi.example',
    password: 'musubi-demo-coordinator',
    displayName: 'コーディネーター (demo)',
  },
  {
    key: 'company',
    role: 'member',
    email: 'company@demo.musubi.example',
    password: 'musubi-demo-company',
    displayName: '企業会員 (demo)',
    organisationSector: 'company',
  },
  {
    key: 'university',
    role: 'member',
    email: 'university@demo.musubi.example',
    password: 'musubi-demo-university',
    displayName: '大学会員 (demo)',
    organisationSector: 'university',
  },
  {
    key: 'government',
    role: 'member',
    email: 'government@demo.musubi.example',
    password: 'musubi-demo-government',
    displayName: '県 担当者 (demo)',
    organisationSector: 'prefecture',
  },
  {
    key: 'viewer',
    role: 'viewer',
    email: 'viewer@demo.musubi.example',
    password: 'musubi-demo-viewer',
    displayName: '閲覧者 (demo)',
  },
];

export interface DemoCredential {
  key: DemoAccountSpec['key'];
  role: AccountRole;
  email: string;
  password: string;
  organisationId: string | null;
  organisationName: string | null;
  /** False when the account was already there (the password may have been changed since). */
  created: boolean;
}

/** The first owner (in id order) of records of `entity` whose organisation is of the sector. */
async function firstOwner(
  repos: Repositories,
  entity: 'needs' | 'seeds',
  sector: 'company' | 'university',
  where: Record<string, string> = {},
): Promise<StoredRecord | undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let round = 0; round < 20; round++) {
    const page = await repos
      .entity(entity)
      .list({ limit: 500, where, ...(cursor ? { cursor } : {}) });
    for (const record of page.items) {
      const owner = String(record['ownerId']);
      if (seen.has(owner)) continue;
      seen.add(owner);
      const actor = await repos.entity('actors').get(owner);
      if (actor && actor.record['sector'] === sector && actor.record['kind'] === 'organization')
        return actor.record;
    }
    if (page.nextCursor === undefined) return undefined;
    cursor = page.nextCursor;
  }
  return undefined;
}

/** The government (都道府県庁) of the demo's prefecture, as the demo generator made it. */
async function prefectureGovernment(repos: Repositories): Promise<StoredRecord | undefined> {
  const page = await repos.entity('actors').list({
    limit: 1,
    where: {
      sector: 'prefecture',
      kind: 'organization',
      prefectureCode: DEMO_GOVERNMENT_PREFECTURE,
    },
  });
  return page.items[0];
}

/**
 * Creates the demo accounts: the company member belongs to a company that owns confidential
 * needs, the university member to a university that owns seeds, the government member to the
 * prefecture's government (it keeps its prefecture's indicators, strategies and adoptions), and
 * the coordinator is assigned to one of the company's confidential needs (so the
 * confidentiality rules show).
 */
export async function createDemoAccounts(
  repos: Repositories,
  options: { clock: Clock; cost?: ScryptCost },
): Promise<DemoCredential[]> {
  const company =
    (await firstOwner(repos, 'needs', 'company', { confidentiality: 'confidential' })) ??
    (await firstOwner(repos, 'needs', 'company'));
  const university = await firstOwner(repos, 'seeds', 'university');
  const organisations = { company, university, prefecture: await prefectureGovernment(repos) };
  const context = { principal: { kind: 'anonymous' } as const, clock: options.clock };
  const out: DemoCredential[] = [];
  const accounts = new Map<string, Account>();
  for (const spec of DEMO_ACCOUNTS) {
    const organisation = spec.organisationSector
      ? organisations[spec.organisationSector]
      : undefined;
    if (spec.organisationSector && !organisation) continue; // no such organisation in this data
    const organisationId = organisation ? String(organisation['id']) : null;
    const existing = await repos.accounts.findByEmail(spec.email);
    let created = false;
    if (existing) accounts.set(spec.key, existing.account);
    else {
      const account = await createAccount(
        repos,
        context,
        {
          email: spec.email,
          displayName: spec.displayName,
          role: spec.role,
          organisationId,
          password: spec.password,
        },
        { bootstrap: true, ...(options.cost ? { cost: options.cost } : {}) },
      );
      accounts.set(spec.key, account);
      created = true;
    }
    out.push({
      key: spec.key,
      role: spec.role,
      email: spec.email,
      password: spec.password,
      organisationId,
      organisationName: organisation ? String(organisation['name']) : null,
      created,
    });
  }
  const coordinator = accounts.get('coordinator');
  if (coordinator && company) {
    const confidential = await repos.entity('needs').list({
      limit: 1,
      where: { ownerId: String(company['id']), confidentiality: 'confidential' },
    });
    const need = confidential.items[0];
    if (need)
      await repos.accounts.assignNeed({
        needId: String(need['id']),
        accountId: coordinator.id,
        assignedBy: 'demo',
        assignedAt: options.clock.now().toISOString(),
      });
  }
  if (out.length === 0)
    throw new DomainError('insufficient_data', 'no demo accounts could be created');
  return out;
}

/** Lines for a terminal: role, e-mail, password, organisation. */
export function formatDemoCredentials(credentials: readonly DemoCredential[]): string[] {
  const lines = ['demo accounts (sign in at /api/auth/sign-in or in the web app):'];
  for (const c of credentials) {
    const organisation = c.organisationId
      ? `  ${c.organisationName ?? ''} (${c.organisationId})`
      : '';
    lines.push(
      `  ${c.key.padEnd(11)} ${c.email.padEnd(32)} ${c.password.padEnd(24)}${organisation}`.trimEnd(),
    );
  }
  return lines;
}

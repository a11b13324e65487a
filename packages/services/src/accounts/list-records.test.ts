import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS_PRINCIPAL, type Account, type Principal } from '#core/accounts.ts';
import { parseSort } from '#core/list-sort.ts';
import type { ListQuery, Repositories } from '#core/ports.ts';
import type { Database } from '#db/open-database.ts';
import { buildActor, buildNeed } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { listRecords } from './list-records.ts';

const AT = '2026-04-01T00:00:00.000Z';

function account(
  id: string,
  role: Account['role'],
  organisationId: string | null,
  disabled = false,
) {
  const stored: Account = {
    id,
    email: `${id}@example.org`,
    displayName: id,
    role,
    organisationId,
    disabled,
    createdAt: AT,
    updatedAt: AT,
  };
  return stored;
}

function principalOf(a: Account): Principal {
  return { kind: 'account', account: a, via: 'session' };
}

const ACCOUNTS = {
  admin: account('admin', 'admin', null),
  viewer: account('viewer', 'viewer', null),
  ownerMember: account('owner-member', 'member', 'org-a'),
  otherMember: account('other-member', 'member', 'org-b'),
  disclosedMember: account('disclosed-member', 'member', 'org-c'),
  coordinator: account('coordinator', 'coordinator', null),
  otherCoordinator: account('other-coordinator', 'coordinator', null),
  disabledOwner: account('disabled-owner', 'member', 'org-a', true),
};

const PUBLIC = ['p1', 'p2', 'p3'];
const MEMBERS = ['m1', 'm2'];
const CONFIDENTIAL = [
  'c-own',
  'c-assigned',
  'c-consulted',
  'c-disclosed',
  'c-requested',
  'c-other',
];

/** Who may see which needs: the rules of core/need-access.ts, spelled out. */
const EXPECTED: Record<keyof typeof ACCOUNTS | 'anonymous', string[]> = {
  anonymous: PUBLIC,
  admin: [...PUBLIC, ...MEMBERS, ...CONFIDENTIAL],
  viewer: [...PUBLIC, ...MEMBERS],
  ownerMember: [...PUBLIC, ...MEMBERS, 'c-own'],
  otherMember: [
    ...PUBLIC,
    ...MEMBERS,
    'c-assigned',
    'c-consulted',
    'c-disclosed',
    'c-requested',
    'c-other',
  ],
  disclosedMember: [...PUBLIC, ...MEMBERS, 'c-disclosed'],
  coordinator: [...PUBLIC, ...MEMBERS, 'c-assigned', 'c-consulted'],
  otherCoordinator: [...PUBLIC, ...MEMBERS],
  disabledOwner: PUBLIC,
};

async function seed(repos: Repositories): Promise<void> {
  await repos
    .entity('actors')
    .upsertMany(['org-a', 'org-b', 'org-c'].map((id) => buildActor({ id })));
  const need = (
    id: string,
    confidentiality: 'public' | 'members' | 'confidential',
    ownerId: string,
  ) =>
    buildNeed({
      id,
      ownerId,
      confidentiality,
      title: `${id} 排水処理の相談`,
      description: '銅の回収',
    });
  await repos.entity('needs').upsertMany([
    ...PUBLIC.map((id) => need(id, 'public', 'org-b')),
    ...MEMBERS.map((id) => need(id, 'members', 'org-b')),
    need('c-own', 'confidential', 'org-a'),
    ...CONFIDENTIAL.filter((id) => id !== 'c-own').map((id) => need(id, 'confidential', 'org-b')),
    buildNeed({
      id: 'z-unrelated',
      ownerId: 'org-a',
      confidentiality: 'confidential',
      title: '別件',
    }),
    buildNeed({ id: 'z-public', ownerId: 'org-b', title: '別件' }),
  ]);
  for (const a of Object.values(ACCOUNTS))
    await repos.accounts.insert({ account: a, passwordHash: 'x' });
  await repos.accounts.assignNeed({
    needId: 'c-assigned',
    accountId: 'coordinator',
    assignedBy: 'admin',
    assignedAt: AT,
  });
  await repos.consultations.insert({
    id: 'k1',
    needId: 'c-consulted',
    stage: 'intake',
    requesterId: 'org-b',
    coordinatorIds: ['coordinator'],
    openedBy: 'coordinator',
    openedAt: AT,
    stageEnteredAt: AT,
  });
  for (const [id, needId, status] of [
    ['r1', 'c-disclosed', 'accepted'],
    ['r2', 'c-requested', 'interested'],
  ] as const)
    await repos.disclosures.saveRequest({
      id,
      needId,
      organisationId: 'org-c',
      requestedBy: 'disclosed-member',
      status,
      createdAt: AT,
    });
}

async function allPages(
  repos: Repositories,
  principal: Principal,
  query: Omit<ListQuery, 'cursor'>,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listRecords(repos, principal, 'needs', {
      ...query,
      ...(cursor === undefined ? {} : { cursor }),
    });
    ids.push(...page.items.map((r) => String(r['id'])));
    if (page.nextCursor === undefined) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

describe.each(TEST_DATABASES)('listing needs on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('shows each principal exactly the needs the rules allow, in lists, pages, sorts and searches', async () => {
    db = await kind.open();
    await seed(db.repos);
    const sort = parseSort('-title', ['title']);
    const principals = Object.entries(ACCOUNTS).map(
      ([key, a]) => [key, principalOf(a)] as [keyof typeof EXPECTED, Principal],
    );
    principals.push(['anonymous', ANONYMOUS_PRINCIPAL]);
    const texts = new Map<string, string>();
    for await (const batch of db.repos.entity('needs').iterate())
      for (const n of batch)
        texts.set(String(n['id']), `${String(n['title'])}\n${String(n['description'] ?? '')}`);
    for (const [key, principal] of principals) {
      const visible = [...EXPECTED[key], ...EXPECTED_UNRELATED[key]].sort();
      for (const q of [undefined, '排水', '水', '排水処理', '回収', 'c-', '別件']) {
        const expected = visible.filter((id) => q === undefined || texts.get(id)?.includes(q));
        const query = q === undefined ? {} : { q };
        expect(
          await allPages(db.repos, principal, { limit: 2, ...query }),
          `${key} q=${q}`,
        ).toEqual(expected);
        const sorted = await allPages(db.repos, principal, {
          limit: 3,
          ...query,
          ...(sort ? { sort } : {}),
        });
        expect([...sorted].sort(), `${key} sorted q=${q}`).toEqual(expected);
      }
    }
  });
});

/** The two needs outside the search (`z-…`), per principal. */
const EXPECTED_UNRELATED: Record<keyof typeof EXPECTED, string[]> = {
  anonymous: ['z-public'],
  admin: ['z-public', 'z-unrelated'],
  viewer: ['z-public'],
  ownerMember: ['z-public', 'z-unrelated'],
  otherMember: ['z-public'],
  disclosedMember: ['z-public'],
  coordinator: ['z-public'],
  otherCoordinator: ['z-public'],
  disabledOwner: ['z-public'],
};

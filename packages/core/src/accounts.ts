/**
 * Accounts (アカウント) and roles. Pure types and schemas; hashing, sessions and tokens live in the
 * services, storage in the db package.
 *
 * Roles:
 * - `admin` — administrator (管理者): everything, including accounts and the audit log;
 * - `coordinator` — coordinator (コーディネーター): edits the registry, sees confidential needs
 *   only when assigned to them;
 * - `member` — organisation member (会員): tied to an actor (their organisation); edits only that
 *   organisation's actor record, seeds and needs;
 * - `viewer` — signed-in reader (閲覧者): reads what signed-in users may read, changes nothing.
 * The anonymous public has no account.
 */
import { z } from 'zod';
import { ZExternalId } from './fields.ts';
import type { Viewer } from './viewer.ts';

export const ACCOUNT_ROLES = ['admin', 'coordinator', 'member', 'viewer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACCOUNT_ROLE_LABELS: Record<AccountRole, { ja: string; en: string }> = {
  admin: { ja: '管理者', en: 'Administrator' },
  coordinator: { ja: 'コーディネーター', en: 'Coordinator' },
  member: { ja: '会員(組織)', en: 'Organisation member' },
  viewer: { ja: '閲覧者', en: 'Viewer' },
};

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'not an e-mail address' }));

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`);

/** An account as stored (without its password hash). */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: AccountRole;
  /** Actor id of the account's organisation; required for members, optional otherwise. */
  organisationId: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Input to create an account (administrators, the demo loader). */
export const ZAccountCreate = z
  .object({
    email: ZEmail,
    displayName: z.string().trim().min(1, 'must not be empty').max(200),
    role: z.enum(ACCOUNT_ROLES),
    organisationId: ZExternalId.nullable().default(null),
    password: ZPassword,
  })
  .refine((a) => a.role !== 'member' || a.organisationId !== null, {
    message: 'an organisation member needs an organisationId',
    path: ['organisationId'],
  });
export type AccountCreate = z.infer<typeof ZAccountCreate>;

/** Changes an administrator may make to an account. */
export const ZAccountUpdate = z.object({
  displayName: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  role: z.enum(ACCOUNT_ROLES).optional(),
  organisationId: ZExternalId.nullable().optional(),
  disabled: z.boolean().optional(),
  password: ZPassword.optional(),
});
export type AccountUpdate = z.infer<typeof ZAccountUpdate>;

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX_LENGTH),
});
export type SignIn = z.infer<typeof ZSignIn>;

export const ZApiTokenCreate = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  /** Days until the token stops working; none = until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type ApiTokenCreate = z.infer<typeof ZApiTokenCreate>;

/**
 * Who makes a request: the anonymous public or an account. `via` tells how it proved it (a
 * session cookie needs a CSRF token on changes; a bearer token does not).
 */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'account';
      account: Account;
      via: 'session' | 'token';
    };

export const ANONYMOUS_PRINCIPAL: Principal = { kind: 'anonymous' };

/** The principal as the matching and consultation rules see it (core/viewer.ts). */
export function viewerOf(principal: Principal): Viewer {
  if (principal.kind === 'anonymous') return { kind: 'anonymous' };
  const { account } = principal;
  return {
    kind: 'account',
    accountId: account.id,
    role: account.role,
    organisationId: account.organisationId,
  };
}

/** What the API and the audit log show of an account: never its password hash or update time. */
export type AccountView = Pick<
  Account,
  'id' | 'email' | 'displayName' | 'role' | 'organisationId' | 'disabled' | 'createdAt'
>;

/** A short public description of an account, safe to show to its owner or to administrators. */
export function describeAccount(account: Account): AccountView {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    organisationId: account.organisationId,
    disabled: account.disabled,
    createdAt: account.createdAt,
  };
}

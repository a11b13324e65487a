import { randomUUID } from 'node:crypto';
import { describeAccount, ZAccountCreate, type Account } from '#core/accounts.ts';
import { DomainError } from '#core/domain-error.ts';
import { canManageAccounts } from '#core/permissions.ts';
import type { Repositories } from '#core/ports.ts';
import { hashPassword, type ScryptCost } from './password-hash.ts';
import { writeAudit, type ActingContext } from './write-audit.ts';

export interface CreateAccountOptions {
  /** Skip the administrator check: the demo loader and first-run set-up create accounts this way. */
  bootstrap?: boolean;
  cost?: ScryptCost;
}

function validationError(issue: { path: PropertyKey[]; message: string } | undefined): DomainError {
  const field = issue?.path.map(String).join('.') || '(record)';
  return new DomainError('validation_failed', `${field}: ${issue?.message ?? 'not valid'}`, {
    field,
    errors: [{ field, reason: issue?.message ?? 'not valid' }],
  });
}

/** Creates an account with a scrypt-hashed password; members must name an existing organisation. */
export async function createAccount(
  repos: Repositories,
  context: ActingContext,
  input: unknown,
  options: CreateAccountOptions = {},
): Promise<Account> {
  if (!options.bootstrap) {
    const decision = canManageAccounts(context.principal);
    if (!decision.allowed)
      throw new DomainError(
        context.principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden',
        decision.reason,
      );
  }
  const parsed = ZAccountCreate.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues[0]);
  const data = parsed.data;
  if (data.organisationId !== null) {
    const found = await repos.entity('actors').findExisting([data.organisationId]);
    if (found.size === 0)
      throw new DomainError(
        'unknown_reference',
        `organisationId: no actors record ${data.organisationId}`,
        {
          field: 'organisationId',
        },
      );
  }
  const now = context.clock.now().toISOString();
  const account: Account = {
    id: randomUUID(),
    email: data.email,
    displayName: data.displayName,
    role: data.role,
    organisationId: data.organisationId,
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  const passwordHash = await hashPassword(data.password, options.cost);
  await repos.transaction(async (tx) => {
    await tx.accounts.insert({ account, passwordHash });
    await writeAudit(tx, context, {
      action: 'create',
      entity: 'accounts',
      entityId: account.id,
      after: describeAccount(account),
    });
  });
  return account;
}

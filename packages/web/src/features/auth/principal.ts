/**
 * The signed-in account as the core's permission rules take it (`Principal`), from what
 * `/api/auth/me` told the browser. Types only: the main bundle asks it without zod.
 */
import type { Principal } from '#core/accounts.ts';
import { canImport } from '#core/import-access.ts';
import type { AccountView } from '../../api/workflow-types.ts';

export function principalOf(account: AccountView | null | undefined): Principal {
  if (!account) return { kind: 'anonymous' };
  return {
    kind: 'account',
    via: 'session',
    account: { ...account, disabled: false, createdAt: '', updatedAt: '' },
  };
}

/** Whether to offer the import page (menu, links): the server's rule for its import routes. */
export function mayImport(account: AccountView | null | undefined): boolean {
  return canImport(principalOf(account), 'actors').allowed;
}

import type { Principal } from '#core/accounts.ts';
import { ENTITY_NAMES, ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import type { Repositories } from '#core/ports.ts';
import { needVisibilityFor } from './need-visibility.ts';

/**
 * What may use a record: another entity's records, consultations, accounts, or `hidden` — records
 * the person may not see (needs kept from them), counted without saying what they are.
 */
export type DependentKind = EntityName | 'consultations' | 'accounts' | 'hidden';

/** How many records of one kind use the record (counts only: never their ids or titles). */
export interface Dependent {
  kind: DependentKind;
  count: number;
}

/**
 * The records that still use `key` of `entity`: every reference field of every entity naming it
 * (a relation's source or target, a need's owner, a case's actors…), the consultations opened on a
 * need, the accounts whose organisation an actor is. Empty when the record may go. Needs the
 * principal may not see count as `hidden`, so a refusal never tells that such a need exists.
 */
export async function dependentsOf(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  key: string,
): Promise<Dependent[]> {
  const counts = new Map<DependentKind, number>();
  const add = (kind: DependentKind, count: number) => {
    if (count > 0) counts.set(kind, (counts.get(kind) ?? 0) + count);
  };
  for (const other of ENTITY_NAMES) {
    for (const column of ENTITY_SPECS[other].columns) {
      if (column.references !== entity) continue;
      const where = { [column.field]: key };
      const all = await repos.entity(other).count(where);
      if (other !== 'needs' || all === 0) {
        add(other, all);
        continue;
      }
      const visible = await (await needVisibilityFor(repos, principal)).count(where);
      add('needs', visible);
      add('hidden', all - visible);
    }
  }
  if (entity === 'needs')
    add('consultations', (await repos.consultations.list({ needId: key })).length);
  if (entity === 'actors')
    add(
      'accounts',
      (await repos.accounts.list()).filter((account) => account.organisationId === key).length,
    );
  return [...counts].map(([kind, count]) => ({ kind, count }));
}

/** "2 relations, 1 needs" for a message. */
export function describeDependents(dependents: readonly Dependent[]): string {
  return dependents.map(({ kind, count }) => `${count} ${kind}`).join(', ');
}

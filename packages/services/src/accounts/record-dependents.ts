import type { Principal } from '#core/accounts.ts';
import { ENTITY_NAMES, ENTITY_SPECS, type EntityName } from '#core/entities/registry.ts';
import type { Repositories } from '#core/ports.ts';
import { needVisibilityFor, type NeedVisibility } from './need-visibility.ts';

/**
 * What may use a record: another entity's records, consultations, accounts, a need's published
 * digest and the disclosure requests on it, judgements (a seed judged against a need), or
 * `hidden` — records the person may not see (needs kept from them, judgements against such needs),
 * counted without saying what they are.
 */
export type DependentKind =
  EntityName | 'consultations' | 'accounts' | 'digests' | 'disclosures' | 'judgements' | 'hidden';

/** How many records of one kind use the record (counts only: never their ids or titles). */
export interface Dependent {
  kind: DependentKind;
  count: number;
}

/**
 * The records that still use `key` of `entity`: every reference field of every entity naming it
 * (a relation's source or target, a need's owner, a case's actors…), the consultations opened on a
 * need, its digest (withdrawn or not: its history) and disclosure requests, the judgements made on
 * a need or a seed, the accounts whose organisation an actor is. Empty when the record may go.
 * Needs the principal may not see, and a seed's judgements against them, count as `hidden`, so a
 * refusal never tells that such a need exists.
 */
export async function dependentsOf(
  repos: Repositories,
  principal: Principal,
  entity: EntityName,
  key: string,
): Promise<Dependent[]> {
  const counts = new Map<DependentKind, number>();
  let needVisibility: Promise<NeedVisibility> | undefined;
  const visibility = () => (needVisibility ??= needVisibilityFor(repos, principal));
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
      const visible = await (await visibility()).count(where);
      add('needs', visible);
      add('hidden', all - visible);
    }
  }
  if (entity === 'needs') {
    add('consultations', (await repos.consultations.list({ needId: key })).length);
    add('digests', (await repos.disclosures.getDigest(key)) === undefined ? 0 : 1);
    add('disclosures', (await repos.disclosures.listRequests(key)).length);
    // The person deleting the need sees it, and so the judgements made on it.
    add('judgements', (await repos.matching.judgedNeedIds({ needId: key })).length);
  }
  const judged = entity === 'seeds' ? await repos.matching.judgedNeedIds({ seedId: key }) : [];
  if (judged.length > 0) {
    const needs = await repos.entity('needs').getMany([...new Set(judged)]);
    const seen = await visibility();
    for (const needId of judged) {
      const need = needs.get(needId);
      // A judgement against a need that is gone reveals nothing; one against a need kept from
      // the person counts only as hidden.
      add(need === undefined || (await seen.canRead(need.record)) ? 'judgements' : 'hidden', 1);
    }
  }
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

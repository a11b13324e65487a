/**
 * Who may do what (権限). Pure rules over a principal and the records involved; the services load
 * the facts and ask here, the HTTP layer turns a "no" into 403 (or 404 when even the existence of
 * the record must stay hidden, as for confidential needs).
 */
import type { Principal } from './accounts.ts';
import type { EntityName } from './entities/registry.ts';
import { canViewNeed, type NeedAccessFacts, type NeedVisibilityView } from './need-access.ts';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from './vocabulary.ts';
import { viewerOf } from './accounts.ts';
import {
  isPrefectureAreaEntity,
  ownActorRefusal,
  prefectureAreaRefusal,
  type OrganisationFacts,
} from './prefecture-access.ts';
import { programmeRefusal } from './programme-access.ts';

/** Facts the services load for a member's write: its organisation (sector, prefecture). */
export interface WriteFacts {
  organisation?: OrganisationFacts;
}

/**
 * Whether a member's write of this entity is decided by its organisation's facts (a government
 * body's area records and own programmes), so the services load them.
 */
export function needsOrganisationFacts(entity: EntityName): boolean {
  return isPrefectureAreaEntity(entity) || entity === 'programmes';
}

/** Entities an organisation member may change, and the field naming the owning organisation. */
const MEMBER_OWNED: Partial<Record<EntityName, 'id' | 'ownerId'>> = {
  actors: 'id',
  seeds: 'ownerId',
  needs: 'ownerId',
};

export type WriteAction = 'create' | 'update' | 'delete';

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = { allowed: true };

function deny(reason: string): Decision {
  return { allowed: false, reason };
}

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'account' && principal.account.role === 'admin';
}

/** The organisation (actor id) the record belongs to, for the entities members may change. */
export function owningOrganisation(
  entity: EntityName,
  record: Record<string, unknown>,
): string | undefined {
  const field = MEMBER_OWNED[entity];
  if (field === undefined) return undefined;
  const value = record[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether the principal may create, update or delete a record. `before` is the stored record
 * (update, delete), `after` the new one (create, update): a member may neither touch another
 * organisation's record nor hand their own to someone else. A prefecture's members also keep
 * their prefecture's indicators, strategies and adoptions, a municipality's its indicators
 * (prefecture-access.ts), and either the programmes its organisation owns (programme-access.ts),
 * when `facts` name their organisation as such.
 */
export function canWrite(
  principal: Principal,
  entity: EntityName,
  action: WriteAction,
  records: { before?: Record<string, unknown>; after?: Record<string, unknown> },
  facts: WriteFacts = {},
): Decision {
  if (principal.kind === 'anonymous') return deny('sign in to make changes');
  const { account } = principal;
  if (account.disabled) return deny('this account is disabled');
  switch (account.role) {
    case 'admin':
    case 'coordinator':
      return ALLOW;
    case 'viewer':
      return deny('a viewer account may read but not change records');
    case 'member': {
      if (entity === 'relations') return memberRelationWrite(account.organisationId, records);
      if (isPrefectureAreaEntity(entity)) {
        if (account.organisationId === null) return deny('this member account has no organisation');
        const refusal = prefectureAreaRefusal(
          account.organisationId,
          facts.organisation,
          entity,
          records,
        );
        return refusal === null ? ALLOW : deny(refusal);
      }
      if (entity === 'programmes') {
        if (account.organisationId === null) return deny('this member account has no organisation');
        const refusal = programmeRefusal(account.organisationId, facts.organisation, records);
        return refusal === null ? ALLOW : deny(refusal);
      }
      const field = MEMBER_OWNED[entity];
      if (field === undefined)
        return deny(`organisation members may change actors, seeds and needs, not ${entity}`);
      if (entity === 'actors' && action !== 'update')
        return deny(
          'organisation members may update their organisation, not create or delete actors',
        );
      const organisation = account.organisationId;
      if (organisation === null) return deny('this member account has no organisation');
      for (const record of [records.before, records.after]) {
        if (record === undefined) continue;
        if (owningOrganisation(entity, record) !== organisation)
          return deny(
            entity === 'actors'
              ? `members of ${organisation} may update only the actor ${organisation}`
              : `members of ${organisation} may change only ${entity} whose ownerId is ${organisation}`,
          );
      }
      const refusal = entity === 'actors' ? ownActorRefusal(records) : null;
      return refusal === null ? ALLOW : deny(refusal);
    }
  }
}

/**
 * A member declares its own organisation's ties (a joint research, an MOU): a relation whose
 * source or target is its organisation, before and after the change.
 */
function memberRelationWrite(
  organisation: string | null,
  records: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): Decision {
  if (organisation === null) return deny('this member account has no organisation');
  for (const record of [records.before, records.after]) {
    if (record === undefined) continue;
    if (record['sourceId'] !== organisation && record['targetId'] !== organisation)
      return deny(
        `members of ${organisation} may change only relations whose sourceId or targetId is ${organisation}`,
      );
  }
  return ALLOW;
}

/** Confidentiality levels a list may show without looking at each need: the rest needs facts. */
export function needLevelsWithoutFacts(principal: Principal): readonly Confidentiality[] {
  if (principal.kind === 'anonymous') return ['public'];
  if (isAdmin(principal)) return CONFIDENTIALITY_LEVELS;
  return ['public', 'members'];
}

/**
 * Whether the principal may see a need, anywhere (lists, reads, search, counts, exports):
 * public → everyone; members → signed-in accounts; confidential → administrators, the owner
 * organisation's members, assigned coordinators and organisations it was disclosed to.
 */
export function canReadNeed(
  principal: Principal,
  need: NeedVisibilityView,
  facts: NeedAccessFacts,
): boolean {
  if (principal.kind === 'account' && principal.account.disabled)
    return need.confidentiality === 'public';
  if (isAdmin(principal)) return true;
  return canViewNeed(viewerOf(principal), need, facts);
}

/** Who may assign accounts to a need (need_assignments): administrators and the owner organisation. */
export function canAssignNeed(principal: Principal, need: NeedVisibilityView): Decision {
  if (principal.kind === 'anonymous') return deny('sign in to assign coordinators');
  if (isAdmin(principal)) return ALLOW;
  const { account } = principal;
  if (
    account.role === 'member' &&
    need.ownerId !== undefined &&
    account.organisationId !== null &&
    account.organisationId === need.ownerId
  )
    return ALLOW;
  return deny('only administrators and the owner organisation may assign coordinators to a need');
}

export function canManageAccounts(principal: Principal): Decision {
  return isAdmin(principal) ? ALLOW : deny('only administrators manage accounts');
}

export function canReadAudit(principal: Principal): Decision {
  return isAdmin(principal) ? ALLOW : deny('only administrators may read the audit log');
}

/** Any signed-in, enabled account may hold API tokens for itself. */
export function canHoldTokens(principal: Principal): Decision {
  if (principal.kind === 'anonymous') return deny('sign in to manage API tokens');
  if (principal.account.disabled) return deny('this account is disabled');
  return ALLOW;
}

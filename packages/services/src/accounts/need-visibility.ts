/**
 * Applies the needs' confidentiality rules (core/permissions.ts) to stored records for one
 * principal: which levels a query may ask the database for directly, and a per-record check for
 * the confidential needs the principal may still see (own organisation, assignments, disclosures).
 */
import type { Principal } from '#core/accounts.ts';
import type { NeedAccessFacts } from '#core/need-access.ts';
import { canReadNeed, isAdmin, needLevelsWithoutFacts } from '#core/permissions.ts';
import type { ListQuery, Repositories, StoredRecord } from '#core/ports.ts';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '#core/vocabulary.ts';

export interface NeedVisibility {
  /** Levels to ask the database for; undefined = every level (then `filter` decides). */
  readonly levels: readonly Confidentiality[] | undefined;
  /** Whether records of the levels asked for must still be checked one by one. */
  readonly checksEach: boolean;
  /**
   * The confidential needs the principal may see besides `levels`, for the database to select
   * (own organisation's, assigned, disclosed to the organisation); `filter` still checks each.
   */
  readonly confidentialAlso?: { ownerId?: string; keys: readonly string[] };
  /** The records the principal may see, in order. */
  filter(records: readonly StoredRecord[]): Promise<StoredRecord[]>;
  canRead(record: StoredRecord): Promise<boolean>;
  /** How many needs matching `where` the principal may see. */
  count(where?: ListQuery['where']): Promise<number>;
}

function confidentialityOf(record: StoredRecord): Confidentiality {
  const value = record['confidentiality'];
  return CONFIDENTIALITY_LEVELS.find((level) => level === value) ?? 'confidential';
}

function viewOf(record: StoredRecord) {
  const owner = record['ownerId'];
  return {
    // A pending owner (not registered yet) owns nothing: the need has no owner organisation.
    ownerId: typeof owner === 'string' && owner !== '' ? owner : undefined,
    confidentiality: confidentialityOf(record),
  };
}

/** Needs an account is assigned to: directly (need_assignments) or as a consultation's coordinator. */
async function assignedNeedIds(repos: Repositories, accountId: string): Promise<Set<string>> {
  const direct = await repos.accounts.assignedNeeds(accountId);
  const consultations = await repos.consultations.list({ coordinatorId: accountId });
  return new Set([...direct, ...consultations.map((c) => c.needId)]);
}

export async function needVisibilityFor(
  repos: Repositories,
  principal: Principal,
): Promise<NeedVisibility> {
  const needs = repos.entity('needs');
  const plain = needLevelsWithoutFacts(principal);
  if (principal.kind === 'anonymous' || isAdmin(principal) || principal.account.disabled) {
    const levels =
      principal.kind === 'account' && principal.account.disabled ? (['public'] as const) : plain;
    const allowed = new Set<string>(levels);
    return {
      levels,
      checksEach: false,
      filter: async (records) => records.filter((r) => allowed.has(confidentialityOf(r))),
      canRead: async (record) => allowed.has(confidentialityOf(record)),
      async count(where) {
        if (levels.length === CONFIDENTIALITY_LEVELS.length) return needs.count(where);
        let total = 0;
        for (const level of levels)
          total += await needs.count({ ...where, confidentiality: level });
        return total;
      },
    };
  }
  const account = principal.account;
  const assigned = await assignedNeedIds(repos, account.id);
  const organisation = account.organisationId;
  const mayReachConfidential = organisation !== null || assigned.size > 0;

  async function factsFor(records: readonly StoredRecord[]): Promise<Map<string, NeedAccessFacts>> {
    const confidential = records.filter((r) => confidentialityOf(r) === 'confidential');
    const ids = confidential.map((r) => String(r['id']));
    const disclosed =
      organisation === null || ids.length === 0
        ? new Map<string, Set<string>>()
        : await repos.disclosures.acceptedOrganisations(ids);
    return new Map(
      ids.map((id) => [
        id,
        {
          assignedAccountIds: assigned.has(id) ? new Set([account.id]) : new Set<string>(),
          disclosedOrganisationIds: disclosed.get(id) ?? new Set<string>(),
        },
      ]),
    );
  }

  const empty: NeedAccessFacts = {
    assignedAccountIds: new Set(),
    disclosedOrganisationIds: new Set(),
  };
  const filter = async (records: readonly StoredRecord[]) => {
    const facts = await factsFor(records);
    return records.filter((r) =>
      canReadNeed(principal, viewOf(r), facts.get(String(r['id'])) ?? empty),
    );
  };
  const disclosedToOrganisation =
    organisation === null ? [] : await repos.disclosures.needsDisclosedTo(organisation);
  return {
    levels: plain,
    checksEach: mayReachConfidential,
    ...(mayReachConfidential
      ? {
          confidentialAlso: {
            ...(organisation === null ? {} : { ownerId: organisation }),
            keys: [...new Set([...assigned, ...disclosedToOrganisation])],
          },
        }
      : {}),
    filter,
    canRead: async (record) => (await filter([record])).length === 1,
    async count(where) {
      let total = 0;
      for (const level of plain) total += await needs.count({ ...where, confidentiality: level });
      if (!mayReachConfidential) return total;
      // Confidential needs of the own organisation, then those assigned (counted once).
      if (
        organisation !== null &&
        (where?.['ownerId'] === undefined || where['ownerId'] === organisation)
      )
        total += await needs.count({
          ...where,
          ownerId: organisation,
          confidentiality: 'confidential',
        });
      for (const id of assigned) {
        const found = await needs.get(id);
        if (!found || confidentialityOf(found.record) !== 'confidential') continue;
        if (found.record['ownerId'] === organisation) continue;
        const matches = Object.entries(where ?? {}).every(([k, v]) => found.record[k] === v);
        if (matches) total += 1;
      }
      return total;
    },
  };
}

import type { NeedAccessFacts } from '#core/need-access.ts';
import type { MatchingStore } from './matching-store.ts';

/** Who is assigned to a need (its consultations' coordinators, direct assignments) and who it was disclosed to. */
export async function loadNeedAccessFacts(
  repos: Pick<MatchingStore, 'consultations' | 'matching' | 'disclosures'>,
  needId: string,
): Promise<NeedAccessFacts> {
  const [consultations, direct, disclosed] = await Promise.all([
    repos.consultations.list({ needId }),
    repos.matching.needAssignments(needId),
    repos.disclosures.acceptedOrganisations([needId]),
  ]);
  const assigned = new Set(direct);
  for (const c of consultations) for (const id of c.coordinatorIds) assigned.add(id);
  return {
    assignedAccountIds: assigned,
    disclosedOrganisationIds: disclosed.get(needId) ?? new Set(),
  };
}

/**
 * Who keeps a programme (事業). The national catalogue and the programmes recorded without an
 * owner stay with coordinators and administrators. A prefecture or a municipality may run its
 * own programmes (県・市の独自事業: a prefectural subsidy, a city's start-up programme): such a
 * programme names the government body as its owner (`ownerId`), and that body's members create,
 * edit and delete it, and no other programme (decision 019).
 */
import type { OrganisationFacts } from './prefecture-access.ts';
import type { Sector } from './vocabulary.ts';

/** Sectors whose members may keep programmes of their own. */
export const PROGRAMME_OWNER_SECTORS: readonly Sector[] = ['prefecture', 'municipality'];

/**
 * Why a member of `organisationId` may not make this change to a programme, or null when it may:
 * its organisation is a prefecture or a municipality, and the programme is owned by that
 * organisation before and after the change (it can neither take nor give away a programme).
 */
export function programmeRefusal(
  organisationId: string,
  organisation: OrganisationFacts | undefined,
  records: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): string | null {
  if (
    organisation === undefined ||
    organisation.id !== organisationId ||
    !PROGRAMME_OWNER_SECTORS.includes(organisation.sector)
  )
    return 'organisation members may change actors, seeds and needs, not programmes; a prefecture’s or a municipality’s members may change the programmes it owns / 事業を登録できるのは、その事業を持つ都道府県・市区町村の担当者、コーディネーター、管理者です';
  for (const record of [records.before, records.after]) {
    if (record === undefined) continue;
    const owner = record['ownerId'];
    if (owner === organisationId) continue;
    const id = typeof record['id'] === 'string' ? record['id'] : '';
    return typeof owner === 'string'
      ? `ownerId: programme ${id} belongs to ${owner}; members of ${organisationId} may change only programmes whose ownerId is ${organisationId} / 他の団体の事業は変更できません`
      : `ownerId: programme ${id} has no owner (a national or shared programme, kept by coordinators); members of ${organisationId} may change only programmes whose ownerId is ${organisationId} / 所有者のない事業はコーディネーターまたは管理者が管理します`;
  }
  return null;
}

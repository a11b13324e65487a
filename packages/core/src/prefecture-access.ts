/**
 * What a prefecture's own staff (members of a 都道府県 actor: the programme manager, the official
 * in charge of science and innovation) may record for their prefecture and nothing beyond it:
 * the prefecture's measured indicators (a KPI's value for a year), its region strategies
 * (地域ビジョン: KPI targets, PDCA log) and the programme adoptions (採択) held within it alone.
 * A record that concerns another prefecture, a municipality, a community, a consortium or several
 * prefectures stays with coordinators and administrators.
 */
import type { EntityName } from './entities/registry.ts';
import type { Sector } from './vocabulary.ts';

/** What the permission rules know of a member's organisation (loaded by the services). */
export interface OrganisationFacts {
  id: string;
  sector: Sector;
  prefectureCode: string | null;
}

export const PREFECTURE_AREA_ENTITIES = ['indicators', 'region-strategies', 'adoptions'] as const;
export type PrefectureAreaEntity = (typeof PREFECTURE_AREA_ENTITIES)[number];

export function isPrefectureAreaEntity(entity: EntityName): entity is PrefectureAreaEntity {
  return (PREFECTURE_AREA_ENTITIES as readonly string[]).includes(entity);
}

/**
 * The prefectures a record concerns, or null when it concerns something else than prefectures
 * (a municipality's or a community's indicator, a consortium's strategy).
 */
function prefecturesOf(
  entity: PrefectureAreaEntity,
  record: Record<string, unknown>,
): readonly string[] | null {
  if (entity === 'adoptions') {
    const codes = record['prefectureCodes'];
    if (!Array.isArray(codes) || codes.length === 0) return null;
    return codes.map((code) => String(code));
  }
  if (record['areaType'] !== 'prefecture') return null;
  const code = record['areaCode'];
  return typeof code === 'string' ? [code] : null;
}

/**
 * Why a member of `organisationId` may not make this change to a prefecture-level record, or null
 * when it may: the organisation is a prefecture, and the record (before and after the change)
 * concerns that prefecture only.
 */
export function prefectureAreaRefusal(
  organisationId: string,
  organisation: OrganisationFacts | undefined,
  entity: PrefectureAreaEntity,
  records: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): string | null {
  if (
    organisation === undefined ||
    organisation.id !== organisationId ||
    organisation.sector !== 'prefecture' ||
    organisation.prefectureCode === null
  )
    return `organisation members may change actors, seeds and needs, not ${entity}; a prefecture's own members may change its ${entity}`;
  const own = organisation.prefectureCode;
  for (const record of [records.before, records.after]) {
    if (record === undefined) continue;
    const prefectures = prefecturesOf(entity, record);
    if (prefectures === null || prefectures.some((code) => code !== own))
      return entity === 'adoptions'
        ? `members of ${organisationId} may change only adoptions whose prefectureCodes are ${own} alone`
        : `members of ${organisationId} may change only ${entity} with areaType prefecture and areaCode ${own}`;
  }
  return null;
}

/** Sectors whose members act for a public body's area: their area is fixed by others. */
const GOVERNMENT_SECTORS: readonly Sector[] = ['prefecture', 'municipality'];

/**
 * Why a member may not make this change to its own organisation's actor record, or null: the
 * sector (and a government body's prefecture and municipality) decide what its members may
 * record for an area, so only coordinators and administrators set them.
 */
export function ownActorRefusal(records: {
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}): string | null {
  const { before, after } = records;
  if (before === undefined || after === undefined) return null;
  if (before['sector'] !== after['sector'])
    return 'sector: an organisation member may not change its organisation’s sector; ask a coordinator / 組織の区分はコーディネーターまたは管理者が変更します';
  if (!GOVERNMENT_SECTORS.includes(before['sector'] as Sector)) return null;
  for (const field of ['prefectureCode', 'municipalityCode'] as const)
    if (before[field] !== after[field])
      return `${field}: a member of a prefecture or municipality may not change its area; ask a coordinator / 自治体の所在地はコーディネーターまたは管理者が変更します`;
  return null;
}

/**
 * What a prefecture's own staff (members of a 都道府県 actor: the programme manager, the official
 * in charge of science and innovation) may record for their prefecture and nothing beyond it:
 * the prefecture's measured indicators (a KPI's value for a year), its region strategies
 * (地域ビジョン: KPI targets, PDCA log) and the programme adoptions (採択) held within it alone.
 * A municipality's staff (members of a 市区町村 actor) record their municipality's indicators
 * (area type municipality, its 6-digit code) and nothing else of an area.
 * A record that concerns another prefecture, another municipality, a community, a consortium or
 * several prefectures stays with coordinators and administrators.
 */
import type { EntityName } from './entities/registry.ts';
import type { Sector } from './vocabulary.ts';

/** What the permission rules know of a member's organisation (loaded by the services). */
export interface OrganisationFacts {
  id: string;
  sector: Sector;
  prefectureCode: string | null;
  /** A municipality's 6-digit local government code (全国地方公共団体コード), when known. */
  municipalityCode?: string | null;
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
 * Why a member of a municipality may not make this change, or null when it may: the record is an
 * indicator of that municipality (area type municipality, its own code) before and after.
 */
function municipalityAreaRefusal(
  organisation: OrganisationFacts,
  entity: PrefectureAreaEntity,
  records: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): string | null {
  const own = organisation.municipalityCode ?? null;
  if (entity !== 'indicators' || own === null)
    return `members of ${organisation.id} may change only their municipality's indicators, not ${entity} / 市区町村の担当者が記録できるのは自らの市区町村の指標だけです`;
  for (const record of [records.before, records.after]) {
    if (record === undefined) continue;
    if (record['areaType'] !== 'municipality' || record['areaCode'] !== own)
      return `areaCode: members of ${organisation.id} may change only indicators with areaType municipality and areaCode ${own} / 記録できるのは市区町村コード ${own} の指標だけです`;
  }
  return null;
}

/**
 * Why a member of `organisationId` may not make this change to an area's record, or null when it
 * may: the organisation is a prefecture and the record (before and after the change) concerns
 * that prefecture only, or a municipality and the record is that municipality's indicator.
 */
export function prefectureAreaRefusal(
  organisationId: string,
  organisation: OrganisationFacts | undefined,
  entity: PrefectureAreaEntity,
  records: { before?: Record<string, unknown>; after?: Record<string, unknown> },
): string | null {
  if (
    organisation !== undefined &&
    organisation.id === organisationId &&
    organisation.sector === 'municipality'
  )
    return municipalityAreaRefusal(organisation, entity, records);
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

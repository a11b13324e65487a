import prefectureRows from './geo/prefectures.json' with { type: 'json' };
import municipalityRows from './geo/municipalities.json' with { type: 'json' };

/** A prefecture (都道府県) with its JIS X 0401 code. */
export interface Prefecture {
  code: string;
  name: string;
  nameKana: string;
  nameEn: string;
  shortName: string;
  iso: string;
  /** The prefecture government's own 全国地方公共団体コード. */
  localGovernmentCode: string;
  capital: string;
  lat: number;
  lon: number;
  region: string;
  regionEn: string;
}

/** A municipality (市区町村, including wards of designated cities) with its 6-digit local government code. */
export interface Municipality {
  code: string;
  prefectureCode: string;
  name: string;
  nameKana: string;
  lat: number;
  lon: number;
}

export const PREFECTURES: readonly Prefecture[] = prefectureRows.map((row) => ({
  ...row,
  region: row.region ?? '',
  regionEn: row.regionEn ?? '',
}));
export const MUNICIPALITIES: readonly Municipality[] = municipalityRows;

const prefectureByCode = new Map(PREFECTURES.map((p) => [p.code, p]));
const municipalityByCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

export function findPrefecture(code: string): Prefecture | undefined {
  return prefectureByCode.get(code);
}

export function findMunicipality(code: string): Municipality | undefined {
  return municipalityByCode.get(code);
}

export function municipalitiesOf(prefectureCode: string): Municipality[] {
  return MUNICIPALITIES.filter((m) => m.prefectureCode === prefectureCode);
}

/**
 * Parent city of each ward (区) of a designated city (政令指定都市), e.g. 札幌市中央区 → 札幌市: a ward
 * is named after its city, which is listed in the same prefecture. Tokyo's special wards (特別区)
 * have no such parent and stay municipalities of their own.
 */
const designatedCityOf = (() => {
  const cityByName = new Map(
    MUNICIPALITIES.filter((m) => m.name.endsWith('市')).map((m) => [
      `${m.prefectureCode}${m.name}`,
      m,
    ]),
  );
  const parents = new Map<string, Municipality>();
  for (const m of MUNICIPALITIES) {
    if (!m.name.endsWith('区')) continue;
    const i = m.name.indexOf('市');
    if (i < 0 || i === m.name.length - 1) continue;
    const city = cityByName.get(`${m.prefectureCode}${m.name.slice(0, i + 1)}`);
    if (city && city.code !== m.code) parents.set(m.code, city);
  }
  return parents;
})();

/**
 * The unit a municipality is mapped as: a ward of a designated city counts towards its city (as in
 * the municipality boundaries with wards merged); any other municipality is itself.
 */
export function mapUnitOf(code: string): Municipality | undefined {
  return designatedCityOf.get(code) ?? municipalityByCode.get(code);
}

/** The map units of a prefecture: its municipalities with designated-city wards left out. */
export function mapUnitsOf(prefectureCode: string): Municipality[] {
  return municipalitiesOf(prefectureCode).filter((m) => !designatedCityOf.has(m.code));
}

/** Great-circle distance in kilometres. */
export function distanceKm(
  a: { lat: number; lon: number },
  b: { lat: number; lon: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** The group analyses put actors abroad in when they count by prefecture (海外). */
export const ABROAD_GROUP = { code: 'abroad', name: '海外', nameEn: 'abroad' } as const;

/** Whether an actor with this country code lies outside Japan (no code means Japan). */
export function isAbroad(countryCode: string | undefined): boolean {
  return countryCode !== undefined && countryCode !== 'JP';
}

/**
 * The prefecture an actor counts in when figures are grouped by prefecture: its prefecture code, or
 * `abroad` for a foreign actor (which has none).
 */
export function prefectureGroupOf(actor: {
  prefectureCode?: string;
  countryCode?: string;
}): string {
  return actor.prefectureCode ?? ABROAD_GROUP.code;
}

/**
 * A key that is equal for two actors in the same place: the same prefecture, or abroad in the same
 * country. Compare actors with it, never their prefecture codes alone (two foreign actors have none).
 */
export function placeKeyOf(actor: { prefectureCode?: string; countryCode?: string }): string {
  return actor.prefectureCode ?? `${ABROAD_GROUP.code}:${actor.countryCode ?? ''}`;
}

/** The name of a prefecture group: the prefecture's name, or 海外 for `abroad`. */
export function prefectureGroupName(code: string): string {
  return code === ABROAD_GROUP.code ? ABROAD_GROUP.name : (findPrefecture(code)?.name ?? code);
}

/**
 * Inset boxes for a prefecture's remote islands (pure geometry for `municipality-map.tsx`): where
 * the boxes go under the main map, and what of a multi-island municipality an inset draws.
 */
import { geoArea, geoCentroid, geoContains, geoDistance } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';

/** The map's drawing size (SVG units) and padding. */
export const WIDTH = 800;
export const HEIGHT = 640;
export const PAD = 12;
/** The row of inset boxes for remote islands, under the main map. */
export const INSET_HEIGHT = 112;
export const INSET_GAP = 8;
const INSET_MAX_WIDTH = 150;
export const INSET_LABEL = 18;

export interface InsetBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `count` boxes side by side along the bottom of the map, centred, each at most INSET_MAX_WIDTH. */
export function insetBoxes(count: number): InsetBox[] {
  if (count === 0) return [];
  const room = WIDTH - 2 * PAD - (count - 1) * INSET_GAP;
  const width = Math.min(INSET_MAX_WIDTH, room / count);
  const total = count * width + (count - 1) * INSET_GAP;
  const left = (WIDTH - total) / 2;
  const y = HEIGHT - PAD - INSET_HEIGHT;
  return Array.from({ length: count }, (_, i) => ({
    x: left + i * (width + INSET_GAP),
    y,
    width,
    height: INSET_HEIGHT,
  }));
}

/** Parts of an inset's island farther than this (radians, about 200 km) from its largest part. */
const INSET_REACH = 200 / 6371;

/**
 * The part of a feature that holds `anchor` (lon, lat) or lies nearest to it — its largest polygon
 * when no anchor is given — and the parts within `reach` (radians) of that one.
 */
export function partsNear<P>(
  f: Feature<Geometry, P>,
  reach: number,
  anchor?: readonly [number, number],
): Feature<Geometry, P> {
  if (f.geometry.type !== 'MultiPolygon') return f;
  const parts = f.geometry.coordinates.map((coordinates) => ({
    type: 'Polygon' as const,
    coordinates,
  }));
  const at: [number, number] | undefined = anchor ? [anchor[0], anchor[1]] : undefined;
  const centre = at
    ? (parts.find((p) => geoContains(p, at)) ??
      parts.reduce((a, b) =>
        geoDistance(geoCentroid(b), at) < geoDistance(geoCentroid(a), at) ? b : a,
      ))
    : parts.reduce((a, b) => (geoArea(b) > geoArea(a) ? b : a));
  const middle = geoCentroid(centre);
  const near = parts.filter((p) => geoDistance(geoCentroid(p), middle) <= reach);
  return {
    ...f,
    geometry: { type: 'MultiPolygon', coordinates: near.map((p) => p.coordinates) },
  };
}

/** The largest polygon of a feature and those within `reach` (radians) of it. */
export function partsNearLargest<P>(f: Feature<Geometry, P>, reach: number): Feature<Geometry, P> {
  return partsNear(f, reach);
}

/**
 * Where a municipality of several islands has its office (役所・役場), lon/lat, as the boundary
 * file says (`office`, written by scripts/split-municipality-geo.ts from core/geo's town halls).
 */
function officeOf(properties: unknown): [number, number] | undefined {
  if (typeof properties !== 'object' || properties === null || !('office' in properties))
    return undefined;
  const office: unknown = properties.office;
  if (!Array.isArray(office) || office.length !== 2) return undefined;
  const [lon, lat]: unknown[] = office;
  return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : undefined;
}

/**
 * What an inset draws of a remote municipality: the island its office stands on — where its
 * people and its actors are — and those near it. 小笠原村's largest polygon after simplification
 * is 硫黄島 (270 km south of 父島, no residents), and 南鳥島 and 沖ノ鳥島 lie 1,000 km away: the
 * inset draws 父島 and 母島; the rest stay in the table. Without an office, the largest part.
 */
export function insetPart<P>(f: Feature<Geometry, P>): Feature<Geometry, P> {
  return partsNear(f, INSET_REACH, officeOf(f.properties));
}

/**
 * The national map: 沖縄県 lies 600 km south-west of Kyushu and 東京都's 小笠原 1,000 km south of
 * Honshu; fitting Japan to them leaves the main islands in half the drawing. 沖縄県 is drawn at
 * the main map's scale in a box in the empty north-west corner (the Sea of Japan), 東京都 without
 * the islands farther than TOKYO_REACH from 本州 (伊豆諸島 stay; 小笠原 is counted in 東京都 and
 * said so under the map).
 */
export const NATIONAL_INSET_PREFECTURE = '47';
export const TOKYO_REACH = 400 / 6371;
/** Padding inside the national inset box around the islands. */
export const NATIONAL_INSET_PAD = 10;

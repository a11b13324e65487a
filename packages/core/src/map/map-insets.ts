/**
 * Inset boxes for a prefecture's remote islands (pure geometry for `municipality-map.tsx`): where
 * the boxes go under the main map, and what of a multi-island municipality an inset draws.
 */
import { geoArea, geoCentroid, geoDistance } from 'd3-geo';
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

/** The largest polygon of a feature and those within `reach` (radians) of it. */
export function partsNearLargest<P>(f: Feature<Geometry, P>, reach: number): Feature<Geometry, P> {
  if (f.geometry.type !== 'MultiPolygon') return f;
  const parts = f.geometry.coordinates.map((coordinates) => ({
    type: 'Polygon' as const,
    coordinates,
  }));
  const largest = parts.reduce((a, b) => (geoArea(b) > geoArea(a) ? b : a));
  const middle = geoCentroid(largest);
  const near = parts.filter((p) => geoDistance(geoCentroid(p), middle) <= reach);
  return {
    ...f,
    geometry: { type: 'MultiPolygon', coordinates: near.map((p) => p.coordinates) },
  };
}

/**
 * What an inset draws of a remote municipality: its largest island and those near it. 小笠原村
 * also holds 硫黄島 (270 km south of 父島) and 南鳥島 and 沖ノ鳥島 (1,000 km away), which would
 * shrink 父島 and 母島 to dots; they stay in the table.
 */
export function insetPart<P>(f: Feature<Geometry, P>): Feature<Geometry, P> {
  return partsNearLargest(f, INSET_REACH);
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

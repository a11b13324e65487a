/**
 * Japan by prefecture as SVG paths (pure geometry, shared by the web's maps and the printed region
 * report): the national map with 沖縄県 in its inset box and 東京都 without 小笠原 (map-insets.ts),
 * and a region's own prefectures fitted to a frame with points placed by the same projection.
 */
import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import prefectureRows from '../geo/prefectures.json' with { type: 'json' };
import {
  INSET_LABEL,
  NATIONAL_INSET_PAD,
  NATIONAL_INSET_PREFECTURE,
  partsNearLargest,
  TOKYO_REACH,
  type InsetBox,
} from './map-insets.ts';

export const NATIONAL_MAP_WIDTH = 800;
export const NATIONAL_MAP_HEIGHT = 820;

/** Properties of the boundary file's prefectures (国土数値情報 N03: the prefecture's name). */
export type PrefectureProperties = { N03_001?: string };
export type PrefectureTopology = Topology<{
  prefectures: GeometryCollection<PrefectureProperties>;
}>;
type PrefectureFeature = Feature<Geometry, PrefectureProperties>;

export interface PrefectureShape {
  code: string;
  path: string;
  centroid: [number, number];
  /** Drawn in the inset box (沖縄県), at the box's own scale. */
  inset: InsetBox | null;
}

/** True when `value` is a TopoJSON topology holding a `prefectures` geometry collection. */
export function isPrefectureTopology(value: unknown): value is PrefectureTopology {
  if (typeof value !== 'object' || value === null) return false;
  if (!('type' in value) || value.type !== 'Topology' || !('objects' in value)) return false;
  const objects: unknown = value.objects;
  if (typeof objects !== 'object' || objects === null || !('prefectures' in objects)) return false;
  const collection: unknown = objects.prefectures;
  return (
    typeof collection === 'object' &&
    collection !== null &&
    'type' in collection &&
    collection.type === 'GeometryCollection'
  );
}

/**
 * JIS codes by prefecture name, read from the prefecture table itself (not `geo.ts`, whose
 * municipality table would ride along into the web's map pages).
 */
const NAME_TO_CODE: ReadonlyMap<string, string> = new Map(
  prefectureRows.map((p) => [p.name, p.code]),
);

/** The prefectures of the topology with their JIS codes; 東京都 without 小笠原. */
function prefectureFeatures(
  topology: PrefectureTopology,
  nameToCode: ReadonlyMap<string, string>,
): { code: string; feature: PrefectureFeature }[] {
  const collection: FeatureCollection<Geometry, PrefectureProperties> = feature(
    topology,
    topology.objects.prefectures,
  );
  return collection.features.map((f, i) => {
    const code = nameToCode.get(f.properties?.N03_001 ?? '') ?? String(i + 1).padStart(2, '0');
    return { code, feature: code === '13' && f.geometry ? partsNearLargest(f, TOKYO_REACH) : f };
  });
}

/**
 * The national map: one SVG path per prefecture, keyed by JIS code, in a NATIONAL_MAP_WIDTH ×
 * NATIONAL_MAP_HEIGHT drawing; 沖縄県 at the main map's scale in a box at the top left.
 */
export function nationalPrefectureShapes(
  topology: PrefectureTopology,
  nameToCode: ReadonlyMap<string, string> = NAME_TO_CODE,
): PrefectureShape[] {
  const drawn = prefectureFeatures(topology, nameToCode);
  const main = drawn.filter((d) => d.code !== NATIONAL_INSET_PREFECTURE).map((d) => d.feature);
  const mainProjection = geoMercator().fitSize([NATIONAL_MAP_WIDTH, NATIONAL_MAP_HEIGHT], {
    type: 'FeatureCollection',
    features: main,
  });
  const mainPath = geoPath(mainProjection);
  const insetOf = (f: PrefectureFeature) => {
    const projection = geoMercator().scale(mainProjection.scale()).translate([0, 0]);
    const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(f);
    const box: InsetBox = {
      x: 8,
      y: 8,
      width: x1 - x0 + 2 * NATIONAL_INSET_PAD,
      height: y1 - y0 + 2 * NATIONAL_INSET_PAD + INSET_LABEL,
    };
    projection.translate([box.x + NATIONAL_INSET_PAD - x0, box.y + NATIONAL_INSET_PAD - y0]);
    return { box, path: geoPath(projection) };
  };
  return drawn.map(({ code, feature: f }) => {
    const inset = code === NATIONAL_INSET_PREFECTURE ? insetOf(f) : null;
    const path = inset?.path ?? mainPath;
    const [cx, cy] = path.centroid(f);
    return { code, path: path(f) ?? '', centroid: [cx, cy], inset: inset?.box ?? null };
  });
}

export interface RegionMap {
  width: number;
  height: number;
  /** The region's prefectures. */
  shapes: { code: string; path: string }[];
  /** Their neighbours' outlines where they fall inside the frame (clipped by the drawing). */
  context: { code: string; path: string }[];
  /** The points given, placed; those outside the region's frame are left out. */
  points: { x: number; y: number; index: number }[];
}

/**
 * A region's own prefectures fitted to a `width`-wide frame (height from their shape, between
 * `minHeight` and `maxHeight`), with the other prefectures as context and `points` (lon, lat)
 * placed by the same projection.
 */
export function regionPrefectureMap(
  topology: PrefectureTopology,
  codes: readonly string[],
  points: readonly { lon: number; lat: number }[],
  frame: { width: number; minHeight: number; maxHeight: number; pad: number },
  nameToCode: ReadonlyMap<string, string> = NAME_TO_CODE,
): RegionMap {
  const all = prefectureFeatures(topology, nameToCode);
  const wanted = new Set(codes);
  const own = all.filter((d) => wanted.has(d.code));
  const collection: FeatureCollection<Geometry, PrefectureProperties> = {
    type: 'FeatureCollection',
    features: own.map((d) => d.feature),
  };
  const inner = frame.width - 2 * frame.pad;
  const sizing = geoMercator().fitWidth(inner, collection);
  const [[, top], [, bottom]] = geoPath(sizing).bounds(collection);
  const natural = Number.isFinite(bottom - top) ? bottom - top + 2 * frame.pad : frame.maxHeight;
  const height = Math.round(Math.min(frame.maxHeight, Math.max(frame.minHeight, natural)));
  const projection = geoMercator().fitExtent(
    [
      [frame.pad, frame.pad],
      [frame.width - frame.pad, height - frame.pad],
    ],
    collection,
  );
  const path = geoPath(projection);
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x <= frame.width && y <= height;
  return {
    width: frame.width,
    height,
    shapes: own.map((d) => ({ code: d.code, path: path(d.feature) ?? '' })),
    context: all
      .filter((d) => !wanted.has(d.code))
      .filter((d) => {
        const [[x0, y0], [x1, y1]] = path.bounds(d.feature);
        return x1 >= 0 && y1 >= 0 && x0 <= frame.width && y0 <= height;
      })
      .map((d) => ({ code: d.code, path: path(d.feature) ?? '' })),
    points: points.flatMap((p, index) => {
      const at = projection([p.lon, p.lat]);
      return at && inside(at[0], at[1]) ? [{ x: at[0], y: at[1], index }] : [];
    }),
  };
}

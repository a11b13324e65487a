/**
 * One prefecture by municipality as SVG paths (pure geometry, the web's prefecture map and the
 * printed region report): remote islands (東京都's 小笠原村, 沖縄県's 先島) are left out of the main
 * map's fit and drawn in inset boxes under it, each at its own scale (map-insets.ts); points
 * (lon, lat) are placed by the projection of the part they fall in.
 */
import { geoBounds, geoCentroid, geoContains, geoDistance, geoMercator, geoPath } from 'd3-geo';
import type { GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import {
  HEIGHT,
  INSET_GAP,
  INSET_HEIGHT,
  INSET_LABEL,
  insetBoxes,
  insetPart,
  PAD,
  WIDTH,
  type InsetBox,
} from './map-insets.ts';

/**
 * Properties written by scripts/split-municipality-geo.ts: 5-digit code (no check digit), name, and
 * for a municipality of several parts where its office stands (see `insetPart`).
 */
export type MunicipalityProperties = {
  code: string;
  name: string;
  office?: [number, number];
};
export type MunicipalityTopology = Topology<{
  municipalities: GeometryCollection<MunicipalityProperties>;
}>;
type MunicipalityFeature = Feature<Geometry, MunicipalityProperties>;

/** True when `value` is a TopoJSON topology holding a `municipalities` geometry collection. */
export function isMunicipalityTopology(value: unknown): value is MunicipalityTopology {
  if (typeof value !== 'object' || value === null) return false;
  if (!('type' in value) || value.type !== 'Topology' || !('objects' in value)) return false;
  const objects: unknown = value.objects;
  if (typeof objects !== 'object' || objects === null || !('municipalities' in objects))
    return false;
  const collection: unknown = objects.municipalities;
  return (
    typeof collection === 'object' &&
    collection !== null &&
    'type' in collection &&
    collection.type === 'GeometryCollection'
  );
}

/** A municipality farther than this many median distances from the prefecture's middle is remote. */
const REMOTE_FACTOR = 5;
/** ... but never one closer than this (radians, about 50 km). */
const REMOTE_MIN = 50 / 6371;
/** Leaving remote features out must shrink the fitted span to this share or less. */
const REMOTE_GAIN = 0.5;
/** Degrees around an inset island's bounds within which a point is taken to be on it. */
const NEAR = 0.05;

/** The larger side, in degrees, of the features' bounding box. */
function spanOf(features: readonly MunicipalityFeature[]): number {
  const [[x0, y0], [x1, y1]] = geoBounds({ type: 'FeatureCollection', features: [...features] });
  return Math.max(x1 - x0, y1 - y0);
}

/**
 * The features the main map is fitted to: remote islands (e.g. Tokyo's 小笠原村, 1,000 km south)
 * would shrink the rest of the prefecture to a dot, so they are left out of the fit and drawn in
 * inset boxes of their own instead — only when that at least doubles the scale (Tokyo, Okinawa),
 * not for a large island near by (Nagasaki's 対馬市) or a chain that stays in view (Kagoshima).
 */
export function fittedMunicipalities(
  features: readonly MunicipalityFeature[],
): MunicipalityFeature[] {
  const drawn = features.filter((f) => f.geometry);
  const centroids = drawn.map((f) => geoCentroid(f));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const middle: [number, number] = [
    median(centroids.map((c) => c[0])),
    median(centroids.map((c) => c[1])),
  ];
  const distances = centroids.map((c) => geoDistance(c, middle));
  const limit = Math.max(REMOTE_MIN, REMOTE_FACTOR * median(distances));
  const near = drawn.filter((_, i) => (distances[i] ?? 0) <= limit);
  return spanOf(near) <= REMOTE_GAIN * spanOf(drawn) ? near : drawn;
}

export interface MunicipalityShape {
  /** 5-digit code as in MLIT N03 (N03_007). */
  code5: string;
  name: string;
  path: string;
  centroid: [number, number];
  /** Drawn in an inset box (a remote island), at its own scale. */
  inset: InsetBox | null;
  /** No geometry at this scale (an islet simplified away). */
  missing: boolean;
}

export interface PrefectureMunicipalityMap {
  width: number;
  height: number;
  shapes: MunicipalityShape[];
  /** Where a point (lon, lat) is drawn: in the inset of the remote island it lies on, else on the main map; null outside both. */
  place: (lon: number, lat: number) => [number, number] | null;
}

/** The prefecture's municipalities projected into the map's WIDTH × HEIGHT drawing with their insets. */
export function prefectureMunicipalityMap(
  topology: MunicipalityTopology,
): PrefectureMunicipalityMap {
  const collection: FeatureCollection<Geometry, MunicipalityProperties> = feature(
    topology,
    topology.objects.municipalities,
  );
  const withGeometry = collection.features.filter((f) => f.geometry);
  const main = fittedMunicipalities(withGeometry);
  // Insets from north to south, as the islands lie.
  const remote = withGeometry
    .filter((f) => !main.includes(f))
    .sort((a, b) => geoCentroid(b)[1] - geoCentroid(a)[1]);
  const boxes = insetBoxes(remote.length);
  const mainBottom = HEIGHT - PAD - (remote.length > 0 ? INSET_HEIGHT + INSET_GAP : 0);
  const mainProjection = geoMercator().fitExtent(
    [
      [PAD, PAD],
      [WIDTH - PAD, mainBottom],
    ],
    { type: 'FeatureCollection', features: main },
  );
  const insets = remote.map((f, i) => {
    const box = boxes[i] ?? { x: 0, y: 0, width: 0, height: 0 };
    const drawn = insetPart(f);
    const projection = geoMercator().fitExtent(
      [
        [box.x + 6, box.y + 6],
        [box.x + box.width - 6, box.y + box.height - INSET_LABEL - 4],
      ],
      drawn,
    );
    const [[west, south], [east, north]] = geoBounds(drawn);
    /** The island's bounds with a margin: a point on an islet simplified away still falls here. */
    const near = (lon: number, lat: number) =>
      lon >= west - NEAR && lon <= east + NEAR && lat >= south - NEAR && lat <= north + NEAR;
    return { feature: f, drawn, box, projection, near };
  });
  const shapeOf = (
    f: MunicipalityFeature,
    projection: GeoProjection,
    inset: InsetBox | null,
  ): MunicipalityShape => {
    const path = geoPath(projection);
    const [cx, cy] = path.centroid(f);
    return {
      code5: f.properties.code,
      name: f.properties.name,
      path: f.geometry ? (path(f) ?? '') : '',
      centroid: [cx, cy],
      inset,
      missing: !f.geometry,
    };
  };
  const inBox = (
    [x, y]: [number, number],
    box: { x0: number; y0: number; x1: number; y1: number },
  ) => x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
  return {
    width: WIDTH,
    height: HEIGHT,
    shapes: collection.features.map((f) => {
      const inset = insets.find((i) => i.feature === f);
      return inset
        ? shapeOf(inset.drawn, inset.projection, inset.box)
        : shapeOf(f, mainProjection, null);
    }),
    place: (lon, lat) => {
      const inset =
        insets.find((i) => geoContains(i.feature, [lon, lat])) ??
        insets.find((i) => i.near(lon, lat));
      if (inset) {
        const at = inset.projection([lon, lat]);
        const b = inset.box;
        return at && inBox(at, { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height })
          ? at
          : null;
      }
      const at = mainProjection([lon, lat]);
      return at && inBox(at, { x0: 0, y0: 0, x1: WIDTH, y1: mainBottom + PAD }) ? at : null;
    },
  };
}

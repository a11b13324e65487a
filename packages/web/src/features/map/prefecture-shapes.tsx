/**
 * The national map's shapes, shared by every page that draws Japan by prefecture (the map, the
 * regional strengths): the boundaries loaded once per page and projected into one SVG path per
 * prefecture, 沖縄県 in its inset box and 東京都 without 小笠原 (see map-insets.ts).
 */
import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useEffect, useState } from 'react';
import { feature } from 'topojson-client';
import { loadTopology } from './load-topology.ts';
import {
  INSET_LABEL,
  NATIONAL_INSET_PAD,
  NATIONAL_INSET_PREFECTURE,
  partsNearLargest,
  TOKYO_REACH,
  type InsetBox,
} from './map-insets.ts';

export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 820;
const WIDTH = MAP_WIDTH;
const HEIGHT = MAP_HEIGHT;

export interface PrefectureShape {
  code: string;
  path: string;
  centroid: [number, number];
  /** Drawn in the inset box (沖縄県), at the box's own scale. */
  inset: InsetBox | null;
}

type PrefectureProperties = { N03_001?: string };

/** Loads the boundaries and projects them once: one SVG path per prefecture, keyed by JIS code. */
export function usePrefectureShapes(nameToCode: Map<string, string>) {
  const [shapes, setShapes] = useState<PrefectureShape[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    loadTopology<'prefectures', PrefectureProperties>(
      '/geo/prefectures.topojson.json',
      'prefectures',
      controller.signal,
    ).then(
      (topology) => {
        const collection: FeatureCollection<Geometry, PrefectureProperties> = feature(
          topology,
          topology.objects.prefectures,
        );
        const codeOf = (f: Feature<Geometry, PrefectureProperties>, i: number) =>
          nameToCode.get(f.properties?.N03_001 ?? '') ?? String(i + 1).padStart(2, '0');
        // 東京都 without 小笠原; 沖縄県 apart, in its box (see map-insets.ts).
        const drawn = collection.features.map((f, i) =>
          codeOf(f, i) === '13' && f.geometry ? partsNearLargest(f, TOKYO_REACH) : f,
        );
        const main = drawn.filter((f, i) => codeOf(f, i) !== NATIONAL_INSET_PREFECTURE);
        const mainProjection = geoMercator().fitSize([WIDTH, HEIGHT], {
          type: 'FeatureCollection',
          features: main,
        });
        const mainPath = geoPath(mainProjection);
        /** 沖縄県 at the main map's scale, its bounds placed in the box at the top left. */
        const insetOf = (f: Feature<Geometry, PrefectureProperties>) => {
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
        setShapes(
          drawn.map((f: Feature<Geometry, PrefectureProperties>, i: number) => {
            const code = codeOf(f, i);
            const inset = code === NATIONAL_INSET_PREFECTURE ? insetOf(f) : null;
            const path = inset?.path ?? mainPath;
            const [cx, cy] = path.centroid(f);
            return { code, path: path(f) ?? '', centroid: [cx, cy], inset: inset?.box ?? null };
          }),
        );
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => controller.abort();
  }, [nameToCode]);
  return { shapes, error };
}

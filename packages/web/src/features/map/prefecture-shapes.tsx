/**
 * The national map's shapes, shared by every page that draws Japan by prefecture (the map, the
 * regional strengths): the boundaries loaded once per page and projected by core/map's national
 * projection (the one the printed region report draws too), 沖縄県 in its inset box and 東京都
 * without 小笠原.
 */
import { useEffect, useState } from 'react';
import {
  NATIONAL_MAP_HEIGHT,
  NATIONAL_MAP_WIDTH,
  nationalPrefectureShapes,
  type PrefectureProperties,
  type PrefectureShape,
} from '#core/map/national-map.ts';
import { loadTopology } from './load-topology.ts';

export type { PrefectureShape };
export const MAP_WIDTH = NATIONAL_MAP_WIDTH;
export const MAP_HEIGHT = NATIONAL_MAP_HEIGHT;

/** Loads the boundaries and projects them once: one SVG path per prefecture, keyed by JIS code. */
export function usePrefectureShapes(nameToCode: ReadonlyMap<string, string>) {
  const [shapes, setShapes] = useState<PrefectureShape[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    loadTopology<'prefectures', PrefectureProperties>(
      '/geo/prefectures.topojson.json',
      'prefectures',
      controller.signal,
    ).then(
      (topology) => setShapes(nationalPrefectureShapes(topology, nameToCode)),
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => controller.abort();
  }, [nameToCode]);
  return { shapes, error };
}

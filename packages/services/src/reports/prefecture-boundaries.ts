/**
 * The prefecture boundaries the web app draws (`packages/web/public/geo/prefectures.topojson.json`),
 * read once for the printed report so both show the same map. Found beside the sources
 * (packages/services/src/reports) and beside the CLI's bundle (packages/cli/dist); null when the
 * file is missing or not a prefecture topology (the report then says the map is left out).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isPrefectureTopology, type PrefectureTopology } from '#core/map/national-map.ts';

const FILE = 'web/public/geo/prefectures.topojson.json';
const CANDIDATES = [`../../../${FILE}`, `../../${FILE}`].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

/** Reads the first candidate that holds a prefecture topology. */
export function readPrefectureBoundaries(
  paths: readonly string[] = CANDIDATES,
): PrefectureTopology | null {
  for (const path of paths) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    if (isPrefectureTopology(value)) return value;
  }
  return null;
}

let cached: PrefectureTopology | null | undefined;

/** The boundaries, read on first use and kept (about 60 kB). */
export function prefectureBoundaries(): PrefectureTopology | null {
  if (cached === undefined) cached = readPrefectureBoundaries();
  return cached;
}

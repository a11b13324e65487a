/**
 * The boundaries the web app draws (`packages/web/public/geo/`: prefectures, and each prefecture's
 * municipalities), read for the printed report so both show the same map. Found beside the
 * sources (packages/services/src/reports) and beside the CLI's bundle (packages/cli/dist); null
 * when the file is missing or not the topology expected (the report then leaves the map out).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  isMunicipalityTopology,
  type MunicipalityTopology,
} from '#core/map/municipality-shapes.ts';
import { isPrefectureTopology, type PrefectureTopology } from '#core/map/national-map.ts';

/** Where `web/public/geo/<file>` may be, from this module or from the CLI's bundle. */
const candidates = (file: string) =>
  [`../../../web/public/geo/${file}`, `../../web/public/geo/${file}`].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );

/** The first of `paths` that holds JSON `accept` takes. */
function readFirst<T>(paths: readonly string[], accept: (value: unknown) => value is T): T | null {
  for (const path of paths) {
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    if (accept(value)) return value;
  }
  return null;
}

/** Reads the first candidate that holds a prefecture topology. */
export function readPrefectureBoundaries(
  paths: readonly string[] = candidates('prefectures.topojson.json'),
): PrefectureTopology | null {
  return readFirst(paths, isPrefectureTopology);
}

let prefectures: PrefectureTopology | null | undefined;
const municipalities = new Map<string, MunicipalityTopology | null>();

/** The prefectures, read on first use and kept (about 60 kB). */
export function prefectureBoundaries(): PrefectureTopology | null {
  if (prefectures === undefined) prefectures = readPrefectureBoundaries();
  return prefectures;
}

/** One prefecture's municipalities (about 15 kB each), read on first use and kept. */
export function municipalityBoundaries(prefectureCode: string): MunicipalityTopology | null {
  if (!/^\d{2}$/.test(prefectureCode)) return null;
  let topology = municipalities.get(prefectureCode);
  if (topology === undefined) {
    topology = readFirst(
      candidates(`municipalities/${prefectureCode}.topojson.json`),
      isMunicipalityTopology,
    );
    municipalities.set(prefectureCode, topology);
  }
  return topology;
}

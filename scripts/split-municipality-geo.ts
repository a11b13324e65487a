/**
 * Splits the national municipality TopoJSON (MLIT 国土数値情報 N03 via SmartNews, wards of
 * designated cities merged into their city) into one small TopoJSON per prefecture, so the map's
 * drill-down fetches one prefecture (~15 KB) rather than the whole country (542 KB). Each output
 * keeps the source's quantisation and only the arcs its geometries use, renumbered.
 * See packages/web/public/geo/SOURCE.md and docs/decisions/006-municipality-map.md.
 * A municipality of several parts (islands) also gets where its office stands (`office`, lon/lat
 * from core/geo's town-hall table), so a map's inset draws the island people live on.
 * Run: node bin/run-ts.mjs scripts/split-municipality-geo.ts [SHARED_DATA_DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapUnitsOf } from '#core/geo.ts';

/** Town-hall positions to 4 decimals (about 10 m). */
const round = (degrees: number) => Math.round(degrees * 1e4) / 1e4;

const shared = process.argv[2] ?? '../shared/data';
const source = join(
  shared,
  'jp-boundaries/municipalities-designated-city-merged.N03-21_210101.s0001.topojson.json',
);
const out = 'packages/web/public/geo/municipalities';

type Arcs = number[] | number[][];
interface Geometry {
  type: string;
  arcs?: Arcs | number[][][];
  properties?: Record<string, string | null>;
}
interface Topology {
  type: 'Topology';
  transform?: unknown;
  arcs: number[][][];
  objects: Record<string, { type: 'GeometryCollection'; geometries: Geometry[] }>;
}

const topology = JSON.parse(readFileSync(source, 'utf8')) as Topology;
const objectName = Object.keys(topology.objects)[0] ?? '';
const geometries = topology.objects[objectName]?.geometries ?? [];

/** Rewrites arc references (negative = reversed, ~i) through `map`, however deeply nested. */
function remap(arcs: unknown, map: (index: number) => number): unknown {
  if (typeof arcs === 'number') return arcs < 0 ? ~map(~arcs) : map(arcs);
  if (Array.isArray(arcs)) return arcs.map((a) => remap(a, map));
  return arcs;
}

const byPrefecture = new Map<string, Geometry[]>();
let skipped = 0;
for (const g of geometries) {
  const code = g.properties?.['N03_007'];
  if (!code) {
    skipped++; // 所属未定地 (unassigned land) has no municipality code
    continue;
  }
  const prefecture = code.slice(0, 2);
  const list = byPrefecture.get(prefecture) ?? [];
  list.push(g);
  byPrefecture.set(prefecture, list);
}

mkdirSync(out, { recursive: true });
let total = 0;
for (const [prefecture, list] of [...byPrefecture.entries()].sort()) {
  const used = new Map<number, number>();
  const arcs: number[][][] = [];
  const take = (index: number) => {
    let next = used.get(index);
    if (next === undefined) {
      next = arcs.length;
      used.set(index, next);
      arcs.push(topology.arcs[index] ?? []);
    }
    return next;
  };
  const offices = new Map(
    mapUnitsOf(prefecture).map((m) => [m.code.slice(0, 5), [m.lon, m.lat] as const]),
  );
  const kept = list.map((g) => {
    const code = g.properties?.['N03_007'] ?? '';
    const office = g.type === 'MultiPolygon' ? offices.get(code) : undefined;
    return {
      type: g.type,
      arcs: remap(g.arcs, take),
      properties: {
        code,
        name: g.properties?.['N03_004'] ?? g.properties?.['N03_003'] ?? '',
        // Where the office stands, for a municipality of several parts: a map inset draws the
        // island it is on (core/map/map-insets.ts `insetPart`), not the largest one.
        ...(office ? { office: [round(office[0]), round(office[1])] } : {}),
      },
    };
  });
  const part = {
    type: 'Topology',
    transform: topology.transform,
    arcs,
    objects: { municipalities: { type: 'GeometryCollection', geometries: kept } },
  };
  writeFileSync(join(out, `${prefecture}.topojson.json`), JSON.stringify(part));
  total += kept.length;
}
console.log(`${byPrefecture.size} prefectures, ${total} municipalities, ${skipped} without a code`);

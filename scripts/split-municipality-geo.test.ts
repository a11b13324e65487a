import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { mapUnitsOf, PREFECTURES } from '#core/geo.ts';

/** Islets simplified away in the 0.1 % boundaries: their features have no geometry. */
const NO_GEOMETRY = ['13362', '13402', '38356', '44322', '47354', '47355', '47356'];

/** The Northern Territories villages: in the MLIT boundaries, not in the municipality list. */
const NORTHERN_TERRITORIES = ['01695', '01696', '01697', '01698', '01699', '01700'];

type Part = Topology<{ municipalities: GeometryCollection<{ code: string; name: string }> }>;

function part(prefecture: string): Part {
  return JSON.parse(
    readFileSync(`packages/web/public/geo/municipalities/${prefecture}.topojson.json`, 'utf8'),
  ) as Part;
}

describe('per-prefecture municipality boundaries (scripts/split-municipality-geo.ts)', () => {
  it('decode, and hold exactly the map units of their prefecture', () => {
    let total = 0;
    for (const p of PREFECTURES) {
      const topology = part(p.code);
      const features = feature(topology, topology.objects.municipalities).features;
      expect(features.every((f) => f.properties.name)).toBe(true);
      for (const f of features)
        expect(f.geometry === null, f.properties.code).toBe(
          NO_GEOMETRY.includes(f.properties.code),
        );
      const codes = features.map((f) => f.properties.code).sort();
      expect(new Set(codes).size, p.code).toBe(codes.length);
      const expected = mapUnitsOf(p.code)
        .map((m) => m.code.slice(0, 5))
        .sort();
      expect(
        codes.filter((c) => !NORTHERN_TERRITORIES.includes(c)),
        p.code,
      ).toEqual(expected);
      total += features.length;
    }
    expect(total).toBe(1747);
  });
});

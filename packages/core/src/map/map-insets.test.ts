import { readFileSync } from 'node:fs';
import { geoBounds, geoContains } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { HEIGHT, insetBoxes, insetPart, WIDTH } from './map-insets.ts';

type Properties = { code: string; name: string; office?: [number, number] };

/** Points on 父島 (where 小笠原村役場 stands), 母島 and 硫黄島 as simplified in the boundaries, lon/lat. */
const CHICHIJIMA: [number, number] = [142.215, 27.075];
const HAHAJIMA: [number, number] = [142.15, 26.68];
const IWOTO: [number, number] = [141.32, 24.78];

function municipalities(prefecture: string): Feature<Geometry, Properties>[] {
  const topology = JSON.parse(
    readFileSync(`packages/web/public/geo/municipalities/${prefecture}.topojson.json`, 'utf8'),
  ) as Topology<{ municipalities: GeometryCollection<Properties> }>;
  const collection: FeatureCollection<Geometry, Properties> = feature(
    topology,
    topology.objects.municipalities,
  );
  return collection.features;
}

describe('remote island insets', () => {
  it('lays boxes side by side inside the map, without overlap', () => {
    for (const count of [1, 3, 9, 20]) {
      const boxes = insetBoxes(count);
      expect(boxes).toHaveLength(count);
      for (const [i, box] of boxes.entries()) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
        expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT);
        const next = boxes[i + 1];
        if (next) expect(box.x + box.width).toBeLessThan(next.x);
      }
    }
    expect(insetBoxes(0)).toEqual([]);
  });

  it("draws 小笠原村's main islands, not the ones hundreds of km away", () => {
    const ogasawara = municipalities('13').find((f) => f.properties.name === '小笠原村');
    if (!ogasawara) throw new Error('no 小笠原村 in the boundaries');
    const span = (f: Feature<Geometry, Properties>) => {
      const [[x0, y0], [x1, y1]] = geoBounds(f);
      return Math.max(x1 - x0, y1 - y0);
    };
    expect(span(ogasawara)).toBeGreaterThan(2); // 父島 … 硫黄島, 270 km south
    const drawn = insetPart(ogasawara);
    expect(span(drawn)).toBeLessThan(1);
    expect(drawn.properties).toEqual(ogasawara.properties);
    // The islands people live on, where the village office stands: 父島 and 母島, not 硫黄島
    // (the largest polygon after simplification, 270 km south, with no residents).
    expect(geoContains(drawn, CHICHIJIMA)).toBe(true);
    expect(geoContains(drawn, HAHAJIMA)).toBe(true);
    expect(geoContains(drawn, IWOTO)).toBe(false);
    // A municipality of one polygon is drawn whole.
    const hachijo = municipalities('13').find((f) => f.properties.name === '八丈町');
    if (!hachijo) throw new Error('no 八丈町 in the boundaries');
    expect(insetPart(hachijo)).toBe(hachijo);
  });

  it('without a known office, draws the largest part and those near it', () => {
    const ogasawara = municipalities('13').find((f) => f.properties.name === '小笠原村');
    if (!ogasawara) throw new Error('no 小笠原村 in the boundaries');
    const { office: _office, ...rest } = ogasawara.properties;
    const drawn = insetPart({ ...ogasawara, properties: rest });
    expect(geoContains(drawn, IWOTO)).toBe(true);
    expect(geoContains(drawn, CHICHIJIMA)).toBe(false);
  });
});

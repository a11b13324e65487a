import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HEIGHT, INSET_GAP, INSET_HEIGHT, PAD, WIDTH } from './map-insets.ts';
import {
  isMunicipalityTopology,
  prefectureMunicipalityMap,
  type MunicipalityTopology,
} from './municipality-shapes.ts';

function boundaries(prefecture: string): MunicipalityTopology {
  const value: unknown = JSON.parse(
    readFileSync(`packages/web/public/geo/municipalities/${prefecture}.topojson.json`, 'utf8'),
  );
  if (!isMunicipalityTopology(value)) throw new Error('not a municipality topology');
  return value;
}

const insideBox = (
  [x, y]: [number, number],
  box: { x: number; y: number; width: number; height: number },
) => x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;

describe('a prefecture by municipality', () => {
  it('draws 東京都’s remote islands in insets under the main map and places points where they lie', () => {
    const map = prefectureMunicipalityMap(boundaries('13'));
    const insets = map.shapes.filter((s) => s.inset !== null);
    expect(insets.map((s) => s.name)).toContain('小笠原村');
    expect(map.shapes.find((s) => s.name === '新宿区')?.inset).toBeNull();
    const mainBottom = HEIGHT - PAD - INSET_HEIGHT - INSET_GAP;
    // 新宿 on the main map, above the inset row
    const shinjuku = map.place(139.7, 35.69);
    expect(shinjuku).not.toBeNull();
    expect(shinjuku?.[1] ?? Infinity).toBeLessThan(mainBottom);
    // 八丈島 in 八丈町's box
    const box = insets.find((s) => s.name === '八丈町')?.inset;
    const hachijo = map.place(139.79, 33.1);
    expect(box).toBeDefined();
    expect(hachijo && box ? insideBox(hachijo, box) : false).toBe(true);
    // every drawn point lies in the drawing
    for (const s of map.shapes.filter((shape) => !shape.missing)) {
      expect(s.centroid[0]).toBeGreaterThanOrEqual(0);
      expect(s.centroid[0]).toBeLessThanOrEqual(WIDTH);
    }
    // 父島, where the village office and its people are, in 小笠原村's box; 硫黄島 is not drawn
    const ogasawaraBox = insets.find((s) => s.name === '小笠原村')?.inset;
    const chichijima = map.place(142.2, 27.08);
    expect(chichijima && ogasawaraBox ? insideBox(chichijima, ogasawaraBox) : false).toBe(true);
    expect(map.place(141.32, 24.78)).toBeNull();
    // the open sea between them is nowhere
    expect(map.place(141, 31)).toBeNull();
  });

  it('keeps a prefecture without remote islands whole, with no insets', () => {
    const map = prefectureMunicipalityMap(boundaries('22'));
    expect(map.shapes.filter((s) => s.inset !== null)).toEqual([]);
    const hamamatsu = map.place(137.73, 34.71);
    const shizuoka = map.place(138.38, 34.98);
    expect(hamamatsu && shizuoka ? hamamatsu[0] < shizuoka[0] : false).toBe(true);
  });
});

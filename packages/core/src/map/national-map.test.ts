import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PREFECTURES } from '../geo.ts';
import {
  isPrefectureTopology,
  NATIONAL_MAP_HEIGHT,
  NATIONAL_MAP_WIDTH,
  nationalPrefectureShapes,
  regionPrefectureMap,
  type PrefectureTopology,
} from './national-map.ts';

function boundaries(): PrefectureTopology {
  const value: unknown = JSON.parse(
    readFileSync('packages/web/public/geo/prefectures.topojson.json', 'utf8'),
  );
  if (!isPrefectureTopology(value)) throw new Error('not a prefecture topology');
  return value;
}

/** The extent of an SVG path's coordinates (every number pair). */
function extent(path: string) {
  const numbers = (path.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

describe('the national map', () => {
  it('draws the 47 prefectures by their JIS codes inside the drawing, 沖縄県 in its box', () => {
    const shapes = nationalPrefectureShapes(boundaries());
    expect(shapes.map((s) => s.code).sort()).toEqual(PREFECTURES.map((p) => p.code).sort());
    for (const s of shapes) {
      const e = extent(s.path);
      expect(e.x0, s.code).toBeGreaterThanOrEqual(-0.5);
      expect(e.y0, s.code).toBeGreaterThanOrEqual(-0.5);
      expect(e.x1, s.code).toBeLessThanOrEqual(NATIONAL_MAP_WIDTH + 0.5);
      expect(e.y1, s.code).toBeLessThanOrEqual(NATIONAL_MAP_HEIGHT + 0.5);
    }
    const okinawa = shapes.find((s) => s.code === '47');
    expect(okinawa?.inset).not.toBeNull();
    const box = okinawa?.inset ?? { x: 0, y: 0, width: 0, height: 0 };
    const e = extent(okinawa?.path ?? '');
    expect(e.x0).toBeGreaterThanOrEqual(box.x);
    expect(e.x1).toBeLessThanOrEqual(box.x + box.width);
    expect(e.y1).toBeLessThanOrEqual(box.y + box.height);
    // the box sits in the Sea of Japan, clear of 九州 (40) and 北海道 (01)
    for (const code of ['40', '01']) {
      const other = extent(shapes.find((s) => s.code === code)?.path ?? '');
      expect(
        other.x1 < box.x || other.x0 > box.x + box.width || other.y0 > box.y + box.height,
      ).toBe(true);
    }
    expect(shapes.filter((s) => s.inset !== null).map((s) => s.code)).toEqual(['47']);
  });

  it('leaves 小笠原 out of 東京都 so the main islands keep their size', () => {
    const tokyo = extent(
      nationalPrefectureShapes(boundaries()).find((s) => s.code === '13')?.path ?? '',
    );
    // 伊豆諸島 reach about 3° south of Tokyo; 小笠原 would reach 7° and more
    expect(tokyo.y1 - tokyo.y0).toBeLessThan(NATIONAL_MAP_HEIGHT / 6);
  });
});

describe('a region’s own map', () => {
  const frame = { width: 640, minHeight: 240, maxHeight: 640, pad: 12 };

  it('fits the region’s prefectures to the frame and places points with the same projection', () => {
    const map = regionPrefectureMap(
      boundaries(),
      ['22'],
      [
        { lon: 138.38, lat: 34.98 }, // 静岡市
        { lon: 137.73, lat: 34.71 }, // 浜松市
        { lon: 141.35, lat: 43.06 }, // 札幌市: outside the frame
      ],
      frame,
    );
    expect(map.shapes.map((s) => s.code)).toEqual(['22']);
    const e = extent(map.shapes[0]?.path ?? '');
    expect(e.x0).toBeCloseTo(frame.pad, 0);
    expect(e.x1).toBeLessThanOrEqual(frame.width - frame.pad + 0.5);
    expect(map.height).toBeGreaterThanOrEqual(frame.minHeight);
    expect(map.height).toBeLessThanOrEqual(frame.maxHeight);
    expect(map.points.map((p) => p.index)).toEqual([0, 1]);
    const [shizuoka, hamamatsu] = map.points;
    // 浜松 lies west and south of 静岡
    expect(hamamatsu?.x ?? 0).toBeLessThan(shizuoka?.x ?? 0);
    expect(hamamatsu?.y ?? 0).toBeGreaterThan(shizuoka?.y ?? 0);
    // neighbours drawn as context: 愛知県, 山梨県, 神奈川県, 長野県
    for (const code of ['23', '19', '14', '20'])
      expect(map.context.map((c) => c.code)).toContain(code);
    expect(map.context.map((c) => c.code)).not.toContain('01');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GeoJsonProperties } from 'geojson';
import {
  prefectureMunicipalityMap,
  type MunicipalityProperties,
} from '#core/map/municipality-shapes.ts';
import { nationalPrefectureShapes, type PrefectureProperties } from '#core/map/national-map.ts';
import { isTopologyWith } from './load-topology.ts';

/** A boundary file as the web serves it, checked by the web's own loader rule. */
function boundaries<K extends string, P extends GeoJsonProperties>(path: string, name: K) {
  const value: unknown = JSON.parse(readFileSync(`packages/web/public/geo/${path}`, 'utf8'));
  if (!isTopologyWith<K, P>(value, name)) throw new Error(`${path} is no topology with ${name}`);
  return value;
}

const MAP_FOLDER = 'packages/web/src/features/map';

describe('the web draws the shapes of core/map (one projection for the app and the report)', () => {
  it('projects nothing itself: no d3 projection in the map folder', () => {
    const sources = readdirSync(MAP_FOLDER).filter(
      (f) => /\.tsx?$/.test(f) && !f.includes('.test.'),
    );
    expect(sources.length).toBeGreaterThan(3);
    for (const file of sources) {
      expect(readFileSync(`${MAP_FOLDER}/${file}`, 'utf8'), file).not.toMatch(
        /geoMercator|geoPath/,
      );
    }
  });

  it('the national map from the file the web loads: 47 shapes, 東京都 drawn, 沖縄県 in its box', () => {
    const topology = boundaries<'prefectures', PrefectureProperties>(
      'prefectures.topojson.json',
      'prefectures',
    );
    const shapes = nationalPrefectureShapes(topology, new Map([['東京都', '13']]));
    expect(shapes).toHaveLength(47);
    expect(shapes.find((s) => s.code === '47')?.inset).not.toBeNull();
    expect(shapes.find((s) => s.code === '13')?.path).not.toBe('');
    expect(shapes.find((s) => s.code === '13')?.inset).toBeNull();
  });

  it.each(['13', '47', '01', '22'])(
    'prefecture %s by municipality from the file the web loads',
    (code) => {
      const topology = boundaries<'municipalities', MunicipalityProperties>(
        `municipalities/${code}.topojson.json`,
        'municipalities',
      );
      const shapes = prefectureMunicipalityMap(topology).shapes;
      expect(shapes.filter((s) => s.path !== '').length).toBeGreaterThan(10);
    },
  );
});

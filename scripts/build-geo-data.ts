/**
 * Builds the geography tables shipped in packages/core/src/geo from the public data in ../shared/data
 * (see packages/core/src/geo/SOURCE.md). Run: node bin/run-ts.mjs scripts/build-geo-data.ts [SHARED_DATA_DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const shared = process.argv[2] ?? '../shared/data';
const out = 'packages/core/src/geo';

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(join(shared, path), 'utf8').replace(/^\uFEFF/, ''), {
    columns: true,
    skip_empty_lines: true,
  });
}

const regions = readCsv('jp-prefectures/dataofjapan-regions.csv');
const regionOf = new Map(
  readCsv('jp-prefectures/dataofjapan-prefectures.csv').map((row) => [row['id'], row['regions']]),
);
const prefectures = readCsv('jp-prefectures/code4fukui-prefjp.csv').map((row) => {
  const region = regions.find((r) => r['id'] === regionOf.get(row['pid']));
  return {
    code: String(row['pid']).padStart(2, '0'),
    name: row['pref'],
    nameKana: row['prefkana'],
    nameEn: row['pref_en'],
    shortName: row['prefshort'],
    iso: row['ISO3166-2'],
    localGovernmentCode: String(row['lgcode']).padStart(6, '0'),
    capital: row['capital'],
    lat: Number(row['lat']),
    lon: Number(row['lng']),
    region: region?.['name-ja'],
    regionEn: region?.['name-en'],
  };
});
const municipalities = readCsv('jp-municipalities/code4fukui-localgovjp.csv').map((row) => ({
  code: String(row['lgcode']).padStart(6, '0'),
  prefectureCode: String(row['pid']).padStart(2, '0'),
  name: String(row['city']).replace(/\s+/g, ''),
  nameKana: String(row['citykana']).replace(/\s+/g, ''),
  lat: Number(row['lat']),
  lon: Number(row['lng']),
}));

writeFileSync(join(out, 'prefectures.json'), JSON.stringify(prefectures, null, 0) + '\n');
writeFileSync(
  join(out, 'municipalities.json'),
  '[\n' + municipalities.map((m) => JSON.stringify(m)).join(',\n') + '\n]\n',
);
console.log(`prefectures ${prefectures.length}, municipalities ${municipalities.length}`);

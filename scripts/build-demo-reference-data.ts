/**
 * Extracts the compact real reference data the demo generator needs (real universities from the
 * MEXT list, real research organisations from ROR) into packages/demo/src/data/*.json.
 * See packages/demo/src/data/SOURCE.md.
 *
 * Run: node bin/run-ts.mjs scripts/build-demo-reference-data.ts [SHARED_DATA_DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { MUNICIPALITIES, PREFECTURES, distanceKm, type Municipality } from '#core/geo.ts';
import { isValidRorId } from '#core/identifiers.ts';
import type { Sector } from '#core/vocabulary.ts';

const shared = process.argv[2] ?? '../shared/data';
const out = 'packages/demo/src/data';

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(join(shared, path), 'utf8').replace(/^\uFEFF/, ''), {
    columns: true,
    skip_empty_lines: true,
  });
}

const municipalitiesByPrefecture = new Map<string, Municipality[]>();
for (const m of MUNICIPALITIES) {
  const list = municipalitiesByPrefecture.get(m.prefectureCode) ?? [];
  list.push(m);
  municipalitiesByPrefecture.set(m.prefectureCode, list);
}

function capitalOf(prefectureCode: string): Municipality | undefined {
  const prefecture = PREFECTURES.find((p) => p.code === prefectureCode);
  const list = municipalitiesByPrefecture.get(prefectureCode) ?? [];
  return list.find((m) => m.name === prefecture?.capital) ?? list[0];
}

/** The municipality named at the start of an address (after the prefecture), longest name first. */
function municipalityFromAddress(
  prefectureCode: string,
  address: string,
): Municipality | undefined {
  const prefecture = PREFECTURES.find((p) => p.code === prefectureCode);
  const rest =
    prefecture && address.startsWith(prefecture.name)
      ? address.slice(prefecture.name.length)
      : address;
  const candidates = (municipalitiesByPrefecture.get(prefectureCode) ?? [])
    .filter((m) => rest.startsWith(m.name))
    .sort((a, b) => b.name.length - a.name.length);
  return candidates[0];
}

function nearestMunicipality(
  prefectureCode: string,
  point: { lat: number; lon: number },
): Municipality | undefined {
  let best: Municipality | undefined;
  let bestDistance = Infinity;
  for (const m of municipalitiesByPrefecture.get(prefectureCode) ?? []) {
    const d = distanceKm(point, m);
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
    }
  }
  return best;
}

// ---------------------------------------------------------------- universities (MEXT)
const universityRows = readCsv('jp-universities/universities-flat.csv');
let universitiesPlacedByAddress = 0;
const universities = universityRows.map((row) => {
  const prefectureCode = String(row['pref_code']).padStart(2, '0');
  const byAddress = municipalityFromAddress(prefectureCode, String(row['address']));
  if (byAddress) universitiesPlacedByAddress += 1;
  const municipality = byAddress ?? capitalOf(prefectureCode);
  return {
    code: String(row['mext_code']),
    name: String(row['name']),
    nameEn: String(row['name_eng'] ?? ''),
    type: String(row['type']),
    prefectureCode,
    municipalityCode: municipality?.code ?? '',
    faculties: Number(row['faculty_rows'] ?? 0),
  };
});

// ---------------------------------------------------------------- research organisations (ROR)
const LEGAL_PREFIX =
  /^(地方独立行政法人|国立研究開発法人|独立行政法人|公益財団法人|一般財団法人|公益社団法人|一般社団法人|財団法人|社団法人|特定非営利活動法人)/u;

function prefectureFromName(name: string): string | undefined {
  const bare = name.replace(LEGAL_PREFIX, '');
  return PREFECTURES.find((p) => bare.startsWith(p.name))?.code;
}

function sectorOf(types: string, name: string): Sector | undefined {
  const bare = name.replace(LEGAL_PREFIX, '');
  const local =
    prefectureFromName(name) !== undefined ||
    /^(.{1,4}[市町村]立)/u.test(bare) ||
    MUNICIPALITIES.some(
      (m) => (m.name.length >= 3 || m.name.endsWith('市')) && bare.startsWith(m.name),
    ) ||
    /^(あいち|ひょうご|とくしま|ぐんま|かながわ)/u.test(bare);
  if (types.includes('healthcare') || types.includes('archive')) return undefined;
  if (types.includes('education')) {
    if (name.includes('高等専門学校')) return 'university';
    if (/高等学校|高校/u.test(name)) return 'school';
    return undefined; // universities come from the MEXT list; faculties and schools are dropped
  }
  if (types.includes('company')) return 'company';
  if (types.includes('government') || types.includes('facility') || types.includes('funder')) {
    if (/[都道府県]庁$/u.test(name)) return 'prefecture';
    if (/警察|消防|裁判所|議会|大臣|博物館/u.test(name)) return undefined;
    if (name.includes('大学')) return undefined; // university institutes belong to their university
    if (local) return 'public_research';
    if (/(省|庁|内閣府|会議)$/u.test(name)) return 'national_government';
    if (/財団|社団/u.test(name)) return /産業|振興|技術/u.test(name) ? 'support_org' : 'npo';
    if (/株式会社/u.test(name)) return 'company';
    return 'national_lab';
  }
  if (types.includes('nonprofit')) {
    return /産業|振興|商工|イノベーション|インキュベー|技術移転|TLO/u.test(name)
      ? 'support_org'
      : 'npo';
  }
  if (types.includes('other')) return 'other';
  return undefined;
}

const SECTOR_CODES: Partial<Record<Sector, string>> = {
  university: 'U',
  public_research: 'P',
  national_lab: 'N',
  company: 'C',
  national_government: 'G',
  prefecture: 'R',
  support_org: 'S',
  npo: 'O',
  school: 'H',
  other: 'X',
};

const rorRows = readCsv('jp-research-orgs-ror/ror-jp-organizations.csv');
const universityNames = new Map(universities.map((u) => [u.name, u]));
const report = {
  rorRecords: rorRows.length,
  inactiveOrWithdrawn: 0,
  invalidRorId: 0,
  outOfScope: 0,
  matchedToMextUniversity: 0,
  prefectureFixedFromName: 0,
  prefectureFilledFromName: 0,
  droppedUnplaceable: 0,
  kept: 0,
};
/** [ror, name, nameEn, sectorCode, prefectureCode, municipalityCode, lat|null, lon|null, established|null] */
const organisations: (string | number | null)[][] = [];
const seenRor = new Set<string>();
for (const row of rorRows) {
  const ror = String(row['ror_id']);
  const name = String(row['name_ja'] || row['name']).trim();
  if (row['status'] !== 'active') {
    report.inactiveOrWithdrawn += 1;
    continue;
  }
  if (!isValidRorId(ror) || seenRor.has(ror)) {
    report.invalidRorId += 1;
    continue;
  }
  const university = universityNames.get(name);
  if (university && String(row['types']).includes('education')) {
    Object.assign(university, { ror });
    report.matchedToMextUniversity += 1;
    continue;
  }
  const sector = sectorOf(String(row['types']), name);
  if (!sector || name.length === 0) {
    report.outOfScope += 1;
    continue;
  }
  // Dirty input: ROR's GeoNames placement is sometimes wrong or empty; a name that starts with a
  // prefecture name is taken as ground truth.
  const given = String(row['pref_code'] ?? '').trim();
  const fromName = prefectureFromName(name);
  let prefectureCode = given.length > 0 ? given.padStart(2, '0') : undefined;
  let lat: number | null = row['lat'] ? Number(row['lat']) : null;
  let lon: number | null = row['lng'] ? Number(row['lng']) : null;
  if (fromName && fromName !== prefectureCode) {
    if (prefectureCode === undefined) report.prefectureFilledFromName += 1;
    else report.prefectureFixedFromName += 1;
    prefectureCode = fromName;
    lat = null; // the coordinates belonged to the wrong place
    lon = null;
  }
  if (!prefectureCode || !PREFECTURES.some((p) => p.code === prefectureCode)) {
    report.droppedUnplaceable += 1;
    continue;
  }
  const municipality =
    lat !== null && lon !== null
      ? nearestMunicipality(prefectureCode, { lat, lon })
      : capitalOf(prefectureCode);
  const established = row['established'] ? Number(row['established']) : null;
  seenRor.add(ror);
  organisations.push([
    ror,
    name,
    String(row['name'] ?? ''),
    SECTOR_CODES[sector] ?? 'X',
    prefectureCode,
    municipality?.code ?? '',
    lat === null ? null : Math.round(lat * 1e5) / 1e5,
    lon === null ? null : Math.round(lon * 1e5) / 1e5,
    established !== null && Number.isFinite(established) ? established : null,
  ]);
}
report.kept = organisations.length;
organisations.sort((a, b) => String(a[0]).localeCompare(String(b[0])));

writeFileSync(join(out, 'universities.json'), `${JSON.stringify(universities)}\n`);
writeFileSync(
  join(out, 'research-organisations.json'),
  `[\n${organisations.map((o) => JSON.stringify(o)).join(',\n')}\n]\n`,
);
writeFileSync(
  join(out, 'build-report.json'),
  `${JSON.stringify({ universities: universities.length, universitiesPlacedByAddress, ...report }, null, 2)}\n`,
);
console.log({ universities: universities.length, universitiesPlacedByAddress, ...report });

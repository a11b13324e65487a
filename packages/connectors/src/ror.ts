import { isValidRorId, normalizeRorId } from '#core/identifiers.ts';
import type { Sector } from '#core/vocabulary.ts';
import type { ActorFields, ConnectorInput, ConnectorOutput, SourceConnector } from './connector.ts';
import { cellsByName, readCsvTable } from './csv-table.ts';
import { readJsonOrLines, readText, wrongShape } from './read-input.ts';
import {
  asArray,
  integer,
  isObject,
  prefectureCodeAtStart,
  prefectureCodeOfName,
  prefectureCodeOrUndefined,
  text,
} from './values.ts';
import { skippedAt } from './skip-reasons.ts';

/**
 * ROR (Research Organization Registry, CC0): the data dump as JSON (schema v2 and v1) and CSV (v2),
 * and the flat JSON/CSV of Japanese organisations derived from it (ror_id, name_ja, pref_code…).
 * A Japanese organisation gets its prefecture from its ROR location only; when the location gives
 * none, or one its Japanese name contradicts (石川県工業試験場 placed in 沖縄県), it is reported and
 * left out rather than guessed.
 */
export const ROR_CREDIT = 'Source: Research Organization Registry (ROR), CC0, https://ror.org';

interface RorOrganisation {
  ror: string;
  name: string;
  nameJa?: string;
  aliases: string[];
  types: string[];
  status: string;
  established?: number;
  countryCode?: string;
  /** Prefecture the location gives (Japan only). */
  locationPrefecture?: string;
  lat?: number;
  lon?: number;
  website?: string;
  relationships: { type: string; ror: string }[];
}

export function sectorOfRorTypes(types: readonly string[], name: string): Sector {
  const n = name.normalize('NFKC');
  const prefectural = prefectureCodeAtStart(n) !== undefined || /Prefectur/i.test(n);
  if (types.includes('education'))
    return /大学|高等専門学校|Universit|College|Institute of Technology/i.test(n)
      ? 'university'
      : 'school';
  if (types.includes('company')) return 'company';
  if (types.includes('funder')) return 'support_org';
  if (types.includes('facility') || types.includes('government')) {
    if (prefectural && /試験|研究|センター|Research|Center|Centre|Institute|Station/i.test(n))
      return 'public_research';
    if (/地方独立行政法人/.test(n)) return 'public_research';
    if (types.includes('facility') || /国立研究開発法人|Institute|研究所|研究機構/.test(n))
      return 'national_lab';
    return 'national_government';
  }
  if (types.includes('nonprofit')) return 'npo';
  return 'other';
}

function fromFlat(row: Record<string, unknown>): RorOrganisation | undefined {
  const ror = text(row['ror_id']);
  const name = text(row['name']);
  if (!ror || !name) return undefined;
  const list = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.map(text).filter((v): v is string => Boolean(v))
      : (text(value) ?? '')
          .split('|')
          .map((v) => v.trim())
          .filter(Boolean);
  const lat = Number(row['lat']);
  const lon = Number(row['lng']);
  const prefecture = prefectureCodeOrUndefined(row['pref_code']);
  return {
    ror: normalizeRorId(ror),
    name,
    ...(text(row['name_ja']) ? { nameJa: text(row['name_ja']) } : {}),
    aliases: list(row['aliases']),
    types: list(row['types']),
    status: text(row['status']) ?? 'active',
    ...(integer(row['established']) !== undefined
      ? { established: integer(row['established']) }
      : {}),
    countryCode: text(row['country_code']) ?? 'JP',
    ...(prefecture ? { locationPrefecture: prefecture } : {}),
    ...(Number.isFinite(lat) && Number.isFinite(lon) && text(row['lat']) ? { lat, lon } : {}),
    ...(text(row['website']) ? { website: text(row['website']) } : {}),
    relationships: asArray(row['relationships'])
      .filter(isObject)
      .map((r) => ({ type: text(r['type']) ?? '', ror: normalizeRorId(text(r['id']) ?? '') })),
  };
}

function fromV2(record: Record<string, unknown>): RorOrganisation | undefined {
  const ror = text(record['id']);
  const names = asArray(record['names']).filter(isObject);
  const display = names.find((n) => asArray(n['types']).includes('ror_display')) ?? names[0];
  const name = display ? text(display['value']) : undefined;
  if (!ror || !name) return undefined;
  const ja = names.find(
    (n) =>
      n['lang'] === 'ja' &&
      (asArray(n['types']).includes('label') || asArray(n['types']).includes('ror_display')),
  );
  const location = asArray(record['locations']).filter(isObject)[0];
  const geo =
    location && isObject(location['geonames_details']) ? location['geonames_details'] : {};
  const country = text(geo['country_code']);
  const website = asArray(record['links'])
    .filter(isObject)
    .find((l) => l['type'] === 'website');
  return {
    ror: normalizeRorId(ror),
    name,
    ...(ja && text(ja['value']) ? { nameJa: text(ja['value']) } : {}),
    aliases: names
      .filter((n) => n !== display && n !== ja)
      .map((n) => text(n['value']))
      .filter((v): v is string => Boolean(v)),
    types: asArray(record['types'])
      .map(text)
      .filter((v): v is string => Boolean(v)),
    status: text(record['status']) ?? 'active',
    ...(integer(record['established']) !== undefined
      ? { established: integer(record['established']) }
      : {}),
    ...(country ? { countryCode: country } : {}),
    ...(country === 'JP'
      ? jisFromSubdivision(
          text(geo['country_subdivision_code']),
          text(geo['country_subdivision_name']),
        )
      : {}),
    ...(typeof geo['lat'] === 'number' && typeof geo['lng'] === 'number'
      ? { lat: geo['lat'], lon: geo['lng'] }
      : {}),
    ...(website && text(website['value']) ? { website: text(website['value']) } : {}),
    relationships: asArray(record['relationships'])
      .filter(isObject)
      .map((r) => ({ type: text(r['type']) ?? '', ror: normalizeRorId(text(r['id']) ?? '') })),
  };
}

function jisFromSubdivision(
  code: string | undefined,
  name: string | undefined,
): { locationPrefecture?: string } {
  const fromCode = prefectureCodeOrUndefined(code?.replace(/^JP-/, ''));
  const fromName = prefectureCodeOfName(name?.replace(/ (Prefecture|-ken|-fu|-to)$/i, ''));
  const prefecture = fromCode ?? fromName;
  return prefecture ? { locationPrefecture: prefecture } : {};
}

function fromV1(record: Record<string, unknown>): RorOrganisation | undefined {
  const ror = text(record['id']);
  const name = text(record['name']);
  if (!ror || !name) return undefined;
  const labels = asArray(record['labels']).filter(isObject);
  const ja = labels.find((l) => l['iso639'] === 'ja');
  const country = isObject(record['country']) ? text(record['country']['country_code']) : undefined;
  const address = asArray(record['addresses']).filter(isObject)[0] ?? {};
  const city = isObject(address['geonames_city']) ? address['geonames_city'] : {};
  const admin1 = isObject(city['geonames_admin1']) ? city['geonames_admin1'] : {};
  // v1 admin1 codes are GeoNames' own numbering (Tokyo = JP.40): only the English name maps to JIS.
  const prefecture = country === 'JP' ? prefectureCodeOfName(text(admin1['name'])) : undefined;
  return {
    ror: normalizeRorId(ror),
    name,
    ...(ja && text(ja['label']) ? { nameJa: text(ja['label']) } : {}),
    aliases: asArray(record['aliases'])
      .map(text)
      .filter((v): v is string => Boolean(v)),
    types: asArray(record['types'])
      .map((t) => text(t)?.toLowerCase())
      .filter((v): v is string => Boolean(v)),
    status: text(record['status']) ?? 'active',
    ...(integer(record['established']) !== undefined
      ? { established: integer(record['established']) }
      : {}),
    ...(country ? { countryCode: country } : {}),
    ...(prefecture ? { locationPrefecture: prefecture } : {}),
    ...(typeof address['lat'] === 'number' && typeof address['lng'] === 'number'
      ? { lat: address['lat'], lon: address['lng'] }
      : {}),
    ...(text(asArray(record['links'])[0]) ? { website: text(asArray(record['links'])[0]) } : {}),
    relationships: asArray(record['relationships'])
      .filter(isObject)
      .map((r) => ({
        type: (text(r['type']) ?? '').toLowerCase(),
        ror: normalizeRorId(text(r['id']) ?? ''),
      })),
  };
}

/** v2 dump CSV: labels are written "en: Name; ja: 名前". */
function fromV2Csv(row: Record<string, string>): RorOrganisation | undefined {
  const labels = (row['names.types.label'] ?? '')
    .split(';')
    .map((l) => l.trim())
    .filter(Boolean);
  const ja = labels
    .find((l) => l.startsWith('ja:'))
    ?.slice(3)
    .trim();
  const lat = Number(row['locations.geonames_details.lat']);
  const lon = Number(row['locations.geonames_details.lng']);
  const country = text(row['locations.geonames_details.country_code']);
  return fromFlat({
    ror_id: row['id'],
    name: row['names.types.ror_display'],
    name_ja: ja,
    types: (row['types'] ?? '').replace(/;\s*/g, '|'),
    status: row['status'],
    established: row['established'],
    country_code: country,
    lat: Number.isFinite(lat) ? row['locations.geonames_details.lat'] : undefined,
    lng: Number.isFinite(lon) ? row['locations.geonames_details.lng'] : undefined,
    website: row['links.type.website'],
    aliases: (row['names.types.alias'] ?? '').replace(/;\s*/g, '|'),
    ...(country === 'JP'
      ? {
          pref_code: jisFromSubdivision(
            row['locations.geonames_details.country_subdivision_code'],
            row['locations.geonames_details.country_subdivision_name'],
          ).locationPrefecture,
        }
      : {}),
  });
}

function mapOrganisation(org: RorOrganisation, at: string): ConnectorOutput[] {
  if (!isValidRorId(org.ror)) {
    return [
      {
        type: 'rejected',
        at,
        field: 'id',
        reason: `ROR id ${org.ror} has a wrong checksum`,
        reasonJa: `ROR ID ${org.ror} のチェックサムが正しくありません`,
      },
    ];
  }
  if (org.status === 'withdrawn')
    return [skippedAt(at, 'ror_withdrawn', { ror: org.ror, name: org.name })];
  const displayName = org.nameJa ?? org.name;
  const fields: ActorFields = {
    kind: 'organization',
    sector: sectorOfRorTypes(org.types, displayName),
    name: displayName,
    ...(org.nameJa ? { nameEn: org.name } : {}),
    ...(org.countryCode ? { countryCode: org.countryCode } : {}),
    ...(org.established !== undefined && org.established >= 1600
      ? { foundedYear: org.established }
      : {}),
    ...(org.website && /^https?:\/\//.test(org.website) ? { url: org.website } : {}),
    formerNames: org.aliases.slice(0, 20),
  };
  if (org.countryCode === 'JP') {
    const byName = prefectureCodeAtStart(org.nameJa);
    if (!org.locationPrefecture) {
      return [skippedAt(at, 'ror_no_prefecture', { ror: org.ror, name: displayName })];
    }
    if (byName && byName !== org.locationPrefecture) {
      return [
        skippedAt(at, 'ror_prefecture_unclear', {
          ror: org.ror,
          name: displayName,
          byName,
          location: org.locationPrefecture,
        }),
      ];
    }
    fields.prefectureCode = org.locationPrefecture;
    if (org.lat !== undefined && org.lon !== undefined) {
      fields.lat = org.lat;
      fields.lon = org.lon;
    }
  }
  const keys = {
    ror: org.ror,
    name: displayName,
    kind: 'organization' as const,
    ...(fields.prefectureCode ? { prefectureCode: fields.prefectureCode } : {}),
    ...(org.countryCode && org.countryCode !== 'JP' ? { countryCode: org.countryCode } : {}),
  };
  const outputs: ConnectorOutput[] = [{ type: 'actor', at, keys, fields }];
  for (const relation of org.relationships) {
    // Each pair is listed from both sides: keep the child → parent direction only.
    if (relation.type === 'parent' && isValidRorId(relation.ror)) {
      outputs.push({
        type: 'relation',
        at,
        from: keys,
        to: { ror: relation.ror },
        relation: 'membership',
        weight: 1,
        note: 'ROR parent',
      });
    }
  }
  return outputs;
}

async function* parseRor(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const bytes: Uint8Array[] = [];
  for await (const chunk of input.chunks) bytes.push(chunk);
  const replay = (): ConnectorInput => ({
    name: input.name,
    chunks: (async function* () {
      yield* bytes;
    })(),
  });
  const start = (await readText(replay())).trimStart();
  const organisations: { org: RorOrganisation | undefined; at: string }[] = [];
  if (start.startsWith('{') || start.startsWith('[')) {
    const values = (await readJsonOrLines(replay())).flatMap((v) => (Array.isArray(v) ? v : [v]));
    for (const [index, value] of values.entries()) {
      if (!isObject(value))
        throw wrongShape(input, 'ROR', 'the ROR data dump (JSON records with an "id" or "ror_id")');
      const shape =
        'ror_id' in value
          ? fromFlat
          : Array.isArray(value['names'])
            ? fromV2
            : 'name' in value && 'id' in value
              ? fromV1
              : undefined;
      if (!shape)
        throw wrongShape(input, 'ROR', 'the ROR data dump (JSON records with an "id" or "ror_id")');
      organisations.push({ org: shape(value), at: `record[${index}]` });
    }
  } else {
    const table = await readCsvTable(replay());
    const flat = table.header.includes('ror_id');
    const v2 = table.header.includes('id') && table.header.includes('names.types.ror_display');
    if (!flat && !v2)
      throw wrongShape(
        input,
        'ROR',
        'the ROR dump CSV (columns id, names.types.ror_display …) or ror_id, name …',
      );
    for (const { line, cells } of table.rows) {
      const row = cellsByName(table.header, cells);
      organisations.push({ org: flat ? fromFlat(row) : fromV2Csv(row), at: `line ${line}` });
    }
  }
  for (const { org, at } of organisations) {
    if (!org) {
      yield {
        type: 'rejected',
        at,
        field: 'id',
        reason: 'record without an id or a name',
        reasonJa: 'ID または名称がありません',
      };
      continue;
    }
    yield* mapOrganisation(org, at);
  }
}

export const rorConnector: SourceConnector = {
  source: 'ror',
  credit: ROR_CREDIT,
  parse: parseRor,
};

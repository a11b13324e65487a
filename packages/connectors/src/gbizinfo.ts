import { isValidCorporateNumber } from '#core/identifiers.ts';
import type {
  ActorFields,
  ActorKeys,
  ConnectorInput,
  ConnectorOutput,
  SourceConnector,
} from './connector.ts';
import { cellsByName, readCsvTable, type CsvTable } from './csv-table.ts';
import { sectorOfCorporation } from './houjin-bangou.ts';
import { readJson, readText, wrongShape } from './read-input.ts';
import {
  asArray,
  fiscalYearOf,
  integer,
  isObject,
  isoDate,
  prefectureCodeAtStart,
  prefectureCodeOrUndefined,
  text,
} from './values.ts';
import { skippedAt } from './skip-reasons.ts';
import { ownValue } from '#core/own-value.ts';

/**
 * gBizINFO (経済産業省): REST API v1/v2 hojin-info JSON and its CSV downloads (the bulk files
 * Kihonjoho / Hojokinjoho / Chotatsujoho / Tokkyojoho, and the same topics flattened with English
 * column names). Companies, their subsidies (→ funding), patents (→ seeds).
 */
export const GBIZINFO_CREDIT =
  '出典：gBizINFO（経済産業省）を加工して作成 / Source: gBizINFO (METI), processed';

/** Column order of the bulk downloads, as published on the DownloadTop page. */
const BULK_COLUMNS: Record<string, string[]> = {
  basic: [
    'corporate_number',
    'name',
    'name_kana',
    'name_en',
    'close_date',
    'close_cause',
    'location',
    'postal_code',
    'prefecture_name',
    'prefecture_code',
    'city_name',
    'city_code',
    'street_number',
    'kind',
    'process',
    'correct',
    'status',
    'representative_name',
    'capital_stock',
    'employee_number',
    'company_scale_male',
    'company_scale_female',
    'business_summary',
    'company_url',
    'founding_year',
    'business_items',
    'date_of_establishment',
    'qualification_grade',
    'qualification_business_items',
    'update_date',
  ],
  subsidy: [
    'corporate_number',
    'name',
    'location',
    'date_of_approval',
    'title',
    'amount',
    'target',
    'government_departments',
  ],
  procurement: [
    'corporate_number',
    'name',
    'location',
    'date_of_order',
    'title',
    'amount',
    'government_departments',
    'note',
  ],
  patent: [
    'corporate_number',
    'name',
    'location',
    'patent_type',
    'registration_number',
    'application_date',
    'patent_fi_class_code',
    'patent_fi_class_name',
    'patent_fterm_theme_code',
    'design_class_code',
    'design_class_name',
    'trademark_class_code',
    'trademark_class_name',
    'title',
    'document_url',
  ],
};

const ENGLISH_ALIASES: Record<string, string> = {
  subsidy_title: 'title',
  certification_date: 'date_of_approval',
  issuer: 'government_departments',
  order_date: 'date_of_order',
  award_price: 'amount',
  org_name: 'government_departments',
  rights_type: 'patent_type',
  date: 'application_date',
  company: 'name',
  name_kana: 'kana',
};

type Row = Record<string, string>;

function companyKeys(row: Row): ActorKeys | undefined {
  const number = text(row['corporate_number']);
  const name = text(row['name']);
  const prefectureCode =
    prefectureCodeOrUndefined(row['prefecture_code']) ?? prefectureCodeAtStart(row['location']);
  if (!number && !name) return undefined;
  return {
    ...(number ? { corporateNumber: number } : {}),
    ...(name ? { name } : {}),
    ...(prefectureCode ? { prefectureCode } : {}),
  };
}

function badNumber(at: string, number: string): ConnectorOutput {
  return {
    type: 'rejected',
    at,
    field: 'corporate_number',
    reason: `corporate_number ${number} is not a 13-digit corporate number with a valid check digit`,
    reasonJa: `法人番号 ${number} が正しくありません（13桁・チェックデジット）`,
  };
}

function companyActor(row: Row, at: string): ConnectorOutput {
  const number = text(row['corporate_number']) ?? '';
  if (!isValidCorporateNumber(number)) return badNumber(at, number);
  const name = text(row['name']);
  if (!name) {
    return {
      type: 'rejected',
      at,
      field: 'name',
      reason: 'name is empty',
      reasonJa: '法人名が空です',
    };
  }
  const prefectureCode =
    prefectureCodeOrUndefined(row['prefecture_code']) ?? prefectureCodeAtStart(row['location']);
  const employees = integer(row['employee_number']);
  const capital = integer(row['capital_stock']);
  const founded =
    integer(row['founding_year']) ?? integer(isoDate(row['date_of_establishment'])?.slice(0, 4));
  const url = text(row['company_url']);
  const fields: ActorFields = {
    kind: 'organization',
    sector: sectorOfCorporation(text(row['kind']) ?? '301', name, text(row['city_code']) ?? '1'),
    name,
    ...(text(row['name_en']) ? { nameEn: text(row['name_en']) } : {}),
    ...(text(row['kana']) ? { nameKana: text(row['kana']) } : {}),
    ...(prefectureCode ? { prefectureCode } : {}),
    countryCode: 'JP',
    ...(employees !== undefined && employees >= 0 ? { employees } : {}),
    ...(capital !== undefined && capital >= 0 ? { capital } : {}),
    ...(founded !== undefined && founded >= 1600 && founded <= 2100
      ? { foundedYear: founded }
      : {}),
    ...(url && /^https?:\/\//.test(url) ? { url } : {}),
    ...(text(row['business_summary'])
      ? { field: text(row['business_summary'])?.slice(0, 200) }
      : {}),
  };
  const closeDate = isoDate(row['close_date']);
  const closed =
    closeDate ?? (text(row['status']) === '閉鎖' ? isoDate(row['update_date']) : undefined);
  return {
    type: 'actor',
    at,
    keys: { corporateNumber: number, name, ...(prefectureCode ? { prefectureCode } : {}) },
    fields,
    ...(isoDate(row['update_date']) ? { updatedOn: isoDate(row['update_date']) } : {}),
    ...(closed ? { closure: { date: closed } } : {}),
  };
}

function subsidyFunding(owner: ActorKeys, row: Row, at: string): ConnectorOutput {
  const amount = integer(row['amount']);
  const date = isoDate(row['date_of_approval']);
  const title = text(row['title']);
  if (amount === undefined) {
    return {
      type: 'rejected',
      at,
      field: 'amount',
      reason: `amount "${row['amount'] ?? ''}" is not a number of yen`,
      reasonJa: `金額「${row['amount'] ?? ''}」が円の数値ではありません`,
    };
  }
  if (amount <= 0) return skippedAt(at, 'refund', { amount: String(amount) });
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return {
      type: 'rejected',
      at,
      field: 'date_of_approval',
      reason: `date_of_approval "${row['date_of_approval'] ?? ''}" is not a date YYYY-MM-DD`,
      reasonJa: `交付決定日「${row['date_of_approval'] ?? ''}」が日付（YYYY-MM-DD）ではありません`,
    };
  }
  const funder = text(row['government_departments']);
  return {
    type: 'funding',
    at,
    recipient: owner,
    key: `${owner.corporateNumber ?? owner.name ?? ''}:${date}:${title ?? ''}:${amount}`,
    fiscalYear: fiscalYearOf(date),
    amount,
    ...(title ? { programmeName: title } : {}),
    ...(funder ? { funderName: funder } : {}),
  };
}

function patentSeed(owner: ActorKeys, row: Row, at: string): ConnectorOutput {
  const type = text(row['patent_type']) ?? '特許';
  const title = text(row['title']);
  if (type === '商標') return skippedAt(at, 'trademark');
  if (!title)
    return {
      type: 'rejected',
      at,
      field: 'title',
      reason: 'title is empty',
      reasonJa: '名称（発明の名称）が空です',
    };
  const number = text(row['application_number']) ?? text(row['registration_number']);
  const date = isoDate(row['application_date']);
  const url = text(row['document_url']) ?? text(row['url']);
  return {
    type: 'seed',
    at,
    owner,
    key: number ?? `${owner.corporateNumber ?? owner.name ?? ''}:${date ?? ''}:${title}`,
    kind: type === '特許' ? 'patent' : 'technology',
    title,
    ...(number ? { patentNumber: number } : {}),
    ...(url && /^https?:\/\//.test(url) ? { url } : {}),
  };
}

function* mapHojinInfo(info: unknown, at: string): Iterable<ConnectorOutput> {
  if (!isObject(info)) {
    yield {
      type: 'rejected',
      at,
      field: '(record)',
      reason: 'not an object',
      reasonJa: 'オブジェクトではありません',
    };
    return;
  }
  const row: Row = {};
  for (const [key, value] of Object.entries(info)) {
    const scalar = text(value);
    if (scalar !== undefined) row[key] = scalar;
  }
  const actor = companyActor(row, at);
  yield actor;
  if (actor.type !== 'actor') return;
  const owner = actor.keys;
  for (const [index, subsidy] of asArray(info['subsidy']).entries()) {
    if (isObject(subsidy))
      yield subsidyFunding(owner, stringsOf(subsidy), `${at}.subsidy[${index}]`);
  }
  const seen = new Set<string>();
  for (const [index, patent] of asArray(info['patent']).entries()) {
    if (!isObject(patent)) continue;
    const output = patentSeed(owner, stringsOf(patent), `${at}.patent[${index}]`);
    // One patent is listed once per classification: keep the first.
    if (output.type === 'seed') {
      if (seen.has(output.key)) continue;
      seen.add(output.key);
    }
    yield output;
  }
  for (const [index] of asArray(info['procurement']).entries()) {
    yield skippedAt(`${at}.procurement[${index}]`, 'procurement');
  }
}

function stringsOf(object: Record<string, unknown>): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(object)) {
    const scalar = text(value);
    if (scalar !== undefined) row[key] = scalar;
  }
  return row;
}

export type CsvKind = 'basic' | 'subsidy' | 'procurement' | 'patent';

/** Which gBizINFO CSV a header row is (English names, their aliases, or the bulk files' Japanese ones). */
export function csvKindOf(
  fileName: string,
  header: readonly string[],
): { kind: CsvKind; names: string[] } | undefined {
  const english = header.map((name) => ownValue(ENGLISH_ALIASES, name) ?? name);
  const has = (name: string): boolean => english.includes(name);
  if (has('corporate_number') || has('name')) {
    if (has('date_of_approval') && has('title')) return { kind: 'subsidy', names: english };
    if (has('date_of_order')) return { kind: 'procurement', names: english };
    if (has('patent_type') || (has('application_date') && has('title')))
      return { kind: 'patent', names: english };
    if (has('corporate_number') && has('name')) return { kind: 'basic', names: english };
  }
  // A first line of numbers is data, not a header (e.g. a 法人番号 file): not gBizINFO.
  if (/^\d+$/.test(header[0] ?? '') || /^\d{13}$/.test(header[1] ?? '')) return undefined;
  // Bulk downloads carry a Japanese header: known by their column count and words.
  const joined = `${fileName} ${header.join(',')}`;
  if (header.length === BULK_COLUMNS['basic']?.length)
    return { kind: 'basic', names: BULK_COLUMNS['basic'] };
  if (header.length === BULK_COLUMNS['patent']?.length)
    return { kind: 'patent', names: BULK_COLUMNS['patent'] };
  if (header.length === 8) {
    if (/Hojokin|補助|認定日/.test(joined))
      return { kind: 'subsidy', names: BULK_COLUMNS['subsidy'] ?? [] };
    if (/Chotatsu|調達|受注/.test(joined))
      return { kind: 'procurement', names: BULK_COLUMNS['procurement'] ?? [] };
  }
  return undefined;
}

function* mapCsv(table: CsvTable, kind: CsvKind, names: string[]): Iterable<ConnectorOutput> {
  for (const { line, cells } of table.rows) {
    const at = `line ${line}`;
    const row = cellsByName(names, cells);
    if (kind === 'basic') {
      yield companyActor(row, at);
      continue;
    }
    if (kind === 'procurement') {
      yield skippedAt(at, 'procurement');
      continue;
    }
    const number = text(row['corporate_number']);
    if (number && !isValidCorporateNumber(number)) {
      yield badNumber(at, number);
      continue;
    }
    const owner = companyKeys(row);
    if (!owner) {
      yield {
        type: 'rejected',
        at,
        field: 'corporate_number',
        reason: 'neither corporate_number nor name given',
        reasonJa: '法人番号も法人名もありません',
      };
      continue;
    }
    yield kind === 'subsidy' ? subsidyFunding(owner, row, at) : patentSeed(owner, row, at);
  }
}

async function* parseGbizinfo(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const bytes: Uint8Array[] = [];
  for await (const chunk of input.chunks) bytes.push(chunk);
  const replay = (): ConnectorInput => ({
    name: input.name,
    chunks: (async function* () {
      yield* bytes;
    })(),
  });
  const start = (await readText(replay())).trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    const document = await readJson(replay());
    // An API answer wraps hojin-info objects; a saved single object (one corporation) is read too.
    const infos = isObject(document)
      ? 'corporate_number' in document
        ? [document]
        : document['hojin-infos']
      : undefined;
    if (!Array.isArray(infos))
      throw wrongShape(input, 'gBizINFO', 'a REST answer {"hojin-infos": [...]} (v1 or v2)');
    for (const [index, info] of infos.entries()) yield* mapHojinInfo(info, `hojin-infos[${index}]`);
    return;
  }
  const table = await readCsvTable(replay());
  const kind = csvKindOf(input.name, table.header);
  if (!kind) {
    throw wrongShape(
      input,
      'gBizINFO',
      'a CSV download (basic, subsidy, procurement or patent) with its header row',
    );
  }
  yield* mapCsv(table, kind.kind, kind.names);
}

export const gbizinfoConnector: SourceConnector = {
  source: 'gbizinfo',
  credit: GBIZINFO_CREDIT,
  parse: parseGbizinfo,
};

import { localGovernmentCheckDigit, isValidCorporateNumber } from '#core/identifiers.ts';
import type { Sector } from '#core/vocabulary.ts';
import type {
  ActorFields,
  Closure,
  ConnectorInput,
  ConnectorOutput,
  SourceConnector,
} from './connector.ts';
import { splitCsvLine } from './csv-line.ts';
import { readLines, readText, wrongShape } from './read-input.ts';
import { asArray, isObject, text } from './values.ts';
import { parseXml } from './xml.ts';
import { skippedAt } from './skip-reasons.ts';
import { ownValue } from '#core/own-value.ts';

/**
 * 国税庁 法人番号 (NTA corporate numbers): the 全件 and 差分 download files (30 columns, no header,
 * UTF-8 "Unicode" or Shift_JIS variant) and Web-API v4 answers (CSV with one header line, or XML).
 */
export const HOUJIN_COLUMNS = [
  'sequenceNumber',
  'corporateNumber',
  'process',
  'correct',
  'updateDate',
  'changeDate',
  'name',
  'nameImageId',
  'kind',
  'prefectureName',
  'cityName',
  'streetNumber',
  'addressImageId',
  'prefectureCode',
  'cityCode',
  'postCode',
  'addressOutside',
  'addressOutsideImageId',
  'closeDate',
  'closeCause',
  'successorCorporateNumber',
  'changeCause',
  'assignmentDate',
  'latest',
  'enName',
  'enPrefectureName',
  'enCityName',
  'enAddressOutside',
  'furigana',
  'hihyoji',
] as const;
type HoujinColumn = (typeof HOUJIN_COLUMNS)[number];
type HoujinRow = Record<HoujinColumn, string>;

export const HOUJIN_CREDIT =
  '出典：国税庁法人番号公表サイト（国税庁）を加工して作成 / Source: National Tax Agency Corporate Number Publication Site (processed). このサービスは、国税庁法人番号システムのWeb-API機能を利用して取得した情報をもとに作成しているが、サービスの内容は国税庁によって保証されたものではない。';

const CLOSE_CAUSES: Record<string, string> = {
  '01': '清算の結了等',
  '11': '合併による解散等',
  '21': '登記官による閉鎖',
  '31': 'その他の清算の結了等',
};

/** The sector a corporation's kind and legal form point to; people confirm the finer ones. */
export function sectorOfCorporation(kind: string, name: string, cityCode: string): Sector {
  const normalized = name.normalize('NFKC');
  if (kind === '101') return 'national_government';
  if (kind === '201') return cityCode === '' || cityCode === '000' ? 'prefecture' : 'municipality';
  if (/銀行|信用金庫|信用組合|証券|キャピタル/.test(normalized)) return 'financial';
  if (/国立大学法人|公立大学法人|学校法人|大学|高等専門学校/.test(normalized)) {
    return /大学|高等専門学校/.test(normalized) ? 'university' : 'school';
  }
  if (/国立研究開発法人/.test(normalized)) return 'national_lab';
  if (/地方独立行政法人/.test(normalized)) return 'public_research';
  if (/特定非営利活動法人|NPO法人/.test(normalized)) return 'npo';
  if (/商工会議所|商工会|産業振興|財団法人/.test(normalized)) return 'support_org';
  if (['301', '302', '303', '304', '305', '401'].includes(kind)) return 'company';
  return 'other';
}

function rowOf(cells: readonly string[]): HoujinRow {
  const row = {} as HoujinRow;
  HOUJIN_COLUMNS.forEach((column, index) => {
    row[column] = (cells[index] ?? '').trim();
  });
  return row;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One corporation row → an actor, or the reason it is wrong. */
export function mapHoujinRow(row: HoujinRow, at: string): ConnectorOutput {
  const reject = (field: HoujinColumn, reason: string, reasonJa: string): ConnectorOutput => ({
    type: 'rejected',
    at,
    field,
    reason,
    reasonJa,
  });
  if (!/^\d{13}$/.test(row.corporateNumber)) {
    return reject(
      'corporateNumber',
      `corporateNumber "${row.corporateNumber}" is not 13 digits`,
      `法人番号「${row.corporateNumber}」が13桁の数字ではありません`,
    );
  }
  if (!isValidCorporateNumber(row.corporateNumber)) {
    return reject(
      'corporateNumber',
      `corporateNumber ${row.corporateNumber} has a wrong check digit`,
      `法人番号 ${row.corporateNumber} のチェックデジットが正しくありません`,
    );
  }
  if (row.name === '') {
    return reject('name', 'name is empty', '商号又は名称が空です');
  }
  if (!DATE.test(row.updateDate)) {
    return reject(
      'updateDate',
      `updateDate "${row.updateDate}" is not a date YYYY-MM-DD`,
      `更新年月日「${row.updateDate}」が日付（YYYY-MM-DD）ではありません`,
    );
  }
  if (row.closeDate !== '' && !DATE.test(row.closeDate)) {
    return reject(
      'closeDate',
      `closeDate "${row.closeDate}" is not a date YYYY-MM-DD`,
      `登記記録の閉鎖等年月日「${row.closeDate}」が日付ではありません`,
    );
  }
  if (
    row.successorCorporateNumber !== '' &&
    !isValidCorporateNumber(row.successorCorporateNumber)
  ) {
    return reject(
      'successorCorporateNumber',
      `successorCorporateNumber ${row.successorCorporateNumber} is not a valid corporate number`,
      `承継先法人番号 ${row.successorCorporateNumber} が正しい法人番号ではありません`,
    );
  }
  const prefectureCode = /^(0[1-9]|[1-3]\d|4[0-7])$/.test(row.prefectureCode)
    ? row.prefectureCode
    : undefined;
  const cityCode = /^\d{3}$/.test(row.cityCode) && row.cityCode !== '000' ? row.cityCode : '';
  const municipality =
    prefectureCode && cityCode
      ? `${prefectureCode}${cityCode}${localGovernmentCheckDigit(`${prefectureCode}${cityCode}`)}`
      : undefined;
  const fields: ActorFields = {
    kind: 'organization',
    sector: sectorOfCorporation(row.kind, row.name, cityCode),
    name: row.name,
    ...(row.enName ? { nameEn: row.enName } : {}),
    ...(row.furigana ? { nameKana: row.furigana } : {}),
    ...(prefectureCode ? { prefectureCode } : {}),
    ...(municipality ? { municipalityCode: municipality } : {}),
    countryCode: prefectureCode || row.addressOutside === '' ? 'JP' : undefined,
  };
  if (fields.countryCode === undefined) delete fields.countryCode;
  const cause = ownValue(CLOSE_CAUSES, row.closeCause);
  const closure: Closure | undefined =
    row.closeDate !== ''
      ? {
          date: row.closeDate,
          ...(cause !== undefined ? { cause } : {}),
          ...(row.successorCorporateNumber
            ? { successorCorporateNumber: row.successorCorporateNumber }
            : {}),
        }
      : undefined;
  return {
    type: 'actor',
    at,
    keys: {
      corporateNumber: row.corporateNumber,
      name: row.name,
      ...(prefectureCode ? { prefectureCode } : {}),
    },
    fields,
    updatedOn: row.updateDate,
    ...(closure ? { closure } : {}),
  };
}

/**
 * Rows in file order; a history row (latest = 0) gives its name to the newest row of the same
 * corporation as a former name instead of becoming an actor of its own.
 */
function* withHistory(rows: Iterable<{ row: HoujinRow; at: string }>): Iterable<ConnectorOutput> {
  const formerNames = new Map<string, string[]>();
  for (const { row, at } of rows) {
    if (row.latest === '0') {
      const names = formerNames.get(row.corporateNumber) ?? [];
      if (row.name && !names.includes(row.name)) names.push(row.name);
      formerNames.set(row.corporateNumber, names);
      yield skippedAt(at, 'history_row', { number: row.corporateNumber });
      continue;
    }
    const output = mapHoujinRow(row, at);
    const names = formerNames.get(row.corporateNumber);
    if (output.type === 'actor' && names) {
      const former = names.filter((name) => name !== row.name);
      if (former.length > 0) output.fields.formerNames = former;
      formerNames.delete(row.corporateNumber);
    }
    yield output;
  }
}

function notHoujin(input: ConnectorInput, detail: string): Error {
  return wrongShape(input, '法人番号 (houjin-bangou)', detail);
}

async function* parseCsv(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const rows: { row: HoujinRow; at: string }[] = [];
  const flush = function* (): Iterable<ConnectorOutput> {
    yield* withHistory(rows.splice(0, rows.length));
  };
  let sawData = false;
  for await (const { line, text: lineText } of readLines(input)) {
    if (lineText.trim() === '') continue;
    const split = splitCsvLine(lineText);
    if ('error' in split) throw notHoujin(input, `line ${line} is not CSV (${split.error})`);
    const { cells } = split;
    if (!sawData && cells.length === 4 && DATE.test(cells[0] ?? '')) continue; // Web-API CSV header
    if (cells.length !== HOUJIN_COLUMNS.length) {
      throw notHoujin(
        input,
        `30 columns per line, no header; line ${line} has ${cells.length}${line > 1 ? ' (the file may be truncated)' : ''}`,
      );
    }
    sawData = true;
    rows.push({ row: rowOf(cells), at: `line ${line}` });
    // History rows come right before their newest row; a small window keeps memory flat.
    if (rows.length >= 1000 && rows[rows.length - 1]?.row.latest === '1') yield* flush();
  }
  if (!sawData) throw notHoujin(input, 'at least one corporation line');
  yield* flush();
}

async function* parseXmlAnswer(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const document = parseXml(await readText(input), input.name, ['corporation']);
  const corporations = isObject(document) ? document['corporations'] : undefined;
  if (!isObject(corporations)) throw notHoujin(input, 'a Web-API <corporations> document');
  const rows = asArray(corporations['corporation']).map((element, index) => {
    const values = isObject(element) ? element : {};
    const cells = HOUJIN_COLUMNS.map((column) => text(values[column]) ?? '');
    return { row: rowOf(cells), at: `corporation[${index + 1}]` };
  });
  yield* withHistory(rows);
}

async function* parseHoujin(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const iterator = input.chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw notHoujin(input, 'a non-empty file');
  const head = Buffer.from(first.value);
  const replay: ConnectorInput = {
    name: input.name,
    chunks: (async function* () {
      yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    })(),
  };
  const start = head
    .toString('latin1')
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
    .trimStart();
  if (start.startsWith('<')) yield* parseXmlAnswer(replay);
  else if (start.startsWith('{') || start.startsWith('['))
    throw notHoujin(input, 'CSV or XML, not JSON');
  else yield* parseCsv(replay);
}

export const houjinBangouConnector: SourceConnector = {
  source: 'houjin-bangou',
  credit: HOUJIN_CREDIT,
  actorsOnly: true,
  parse: parseHoujin,
};

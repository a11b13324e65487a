/**
 * One recogniser per source: given the decoded start of a file, the shape of that source it is
 * written in, or nothing. Each looks only at what the source's own published format fixes (column
 * count and identifier of the 法人番号 files, root elements, JSON keys and identifier URLs), never
 * at the file's name nor at particular rows.
 */
import { isValidCorporateNumber } from '#core/identifiers.ts';
import type { SourceName } from '../connector.ts';
import { splitCsvLine } from '../csv-line.ts';
import { csvKindOf } from '../gbizinfo.ts';
import { HOUJIN_COLUMNS } from '../houjin-bangou.ts';
import type { DecodedHead } from './head-sample.ts';
import type { SourceShape } from './source-shapes.ts';

export type Recogniser = (head: DecodedHead) => SourceShape | undefined;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function cellsOf(line: string | undefined): string[] | undefined {
  if (line === undefined) return undefined;
  const split = splitCsvLine(line);
  return 'cells' in split ? split.cells.map((cell) => cell.trim()) : undefined;
}

/** The header row of a CSV head (its first line), when the head is not JSON or XML. */
function csvHeader(head: DecodedHead): string[] | undefined {
  if (head.first === '{' || head.first === '[' || head.first === '<') return undefined;
  const cells = cellsOf(head.lines.find((line) => line.trim() !== ''));
  return cells && cells.length > 1 ? cells : undefined;
}

/** A JSON head: an object or an array of objects. */
function isJson(head: DecodedHead): boolean {
  return head.first === '{' || head.first === '[';
}

/** JSON Lines: the first line is a whole JSON object, and another object line follows. */
function isJsonLines(head: DecodedHead): boolean {
  const lines = head.lines.filter((line) => line.trim() !== '');
  if (lines.length < 2 || !lines[1]?.trimStart().startsWith('{')) return false;
  try {
    const first: unknown = JSON.parse(lines[0] ?? '');
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

function isXml(head: DecodedHead): boolean {
  return head.first === '<';
}

/**
 * 法人番号: 30 columns without a header (a Web-API CSV answer has one header line of four), the
 * second a corporate number with its check digit, the fifth a date. Every whole line of the head
 * is such a row, but a short last line (a truncated file, said so by the dry run). A difference
 * file is one day's updates (one update date on every row); the full data are each corporation's
 * newest state (update dates of many days).
 */
const houjinBangou: Recogniser = (head) => {
  if (isXml(head))
    return /<corporations[\s>]/.test(head.text) && /<corporateNumber>/.test(head.text)
      ? 'houjin-xml'
      : undefined;
  if (isJson(head)) return undefined;
  const lines = head.lines.filter((line) => line.trim() !== '');
  let webApi = false;
  const first = cellsOf(lines[0]);
  if (first?.length === 4 && DATE.test(first[0] ?? '') && /^\d+$/.test(first[1] ?? '')) {
    webApi = true;
    lines.shift();
  }
  const rows: string[][] = [];
  for (const [index, line] of lines.entries()) {
    const cells = cellsOf(line);
    const row =
      cells?.length === HOUJIN_COLUMNS.length &&
      isValidCorporateNumber(cells[1] ?? '') &&
      DATE.test(cells[4] ?? '')
        ? cells
        : undefined;
    if (row) rows.push(row);
    else if (index < lines.length - 1 || rows.length === 0) return undefined;
  }
  if (rows.length === 0) return undefined;
  if (webApi) return 'houjin-webapi-csv';
  if (rows.length === 1) return 'houjin-csv';
  const updateDates = new Set(rows.map((row) => row[4]));
  return updateDates.size === 1 ? 'houjin-diff-csv' : 'houjin-full-csv';
};

/** gBizINFO: a REST answer (`hojin-infos`, or one hojin object), or a CSV with its header row. */
const gbizinfo: Recogniser = (head) => {
  if (isJson(head)) {
    if (head.jsonKeys.has('hojin-infos')) return 'gbizinfo-json';
    const hojin =
      head.first === '{' &&
      head.jsonKeys.has('corporate_number') &&
      ['location', 'postal_code', 'kana', 'update_date'].some((key) => head.jsonKeys.has(key));
    return hojin ? 'gbizinfo-json' : undefined;
  }
  const header = csvHeader(head);
  if (!header) return undefined;
  const kind = csvKindOf('', header);
  const named =
    header.some((cell) => /^(corporate_number|name|company)$/.test(cell)) ||
    header.some((cell) => cell.includes('法人番号'));
  return kind && named ? `gbizinfo-${kind.kind}-csv` : undefined;
};

/** researchmap API v2: researcher documents (`"@type": "researchers"`), one or one per line. */
const researchmap: Recogniser = (head) => {
  if (!isJson(head)) return undefined;
  const researcher =
    /"@type"\s*:\s*"researchers"/.test(head.text) && head.jsonKeys.has('rm:user_id');
  if (!researcher) return undefined;
  return isJsonLines(head) ? 'researchmap-jsonl' : 'researchmap-jsonld';
};

/** KAKEN: 研究課題 XML (grantAward elements), 研究者 JSON of nrid, the web search's CSV export. */
const kaken: Recogniser = (head) => {
  if (isXml(head)) return /<grantAward[\s>]/.test(head.text) ? 'kaken-projects-xml' : undefined;
  if (isJson(head)) {
    const researchers =
      head.jsonKeys.has('researchers') &&
      ['id:person:erad', 'accn', 'name:familyName'].some((key) => head.jsonKeys.has(key));
    return researchers ? 'kaken-researchers-json' : undefined;
  }
  const header = csvHeader(head);
  return header?.includes('研究課題名') && header.includes('研究課題/領域番号')
    ? 'kaken-csv'
    : undefined;
};

/** OpenAlex: works, authors or institutions, known by their OpenAlex ids (W…, A…, I…). */
const openalex: Recogniser = (head) => {
  if (!isJson(head)) return undefined;
  if (!/"id"\s*:\s*"https:\/\/openalex\.org\/[WAI]\d+"/.test(head.text)) return undefined;
  return isJsonLines(head) ? 'openalex-jsonl' : 'openalex-json';
};

/** ROR: dump records (ids https://ror.org/…, v1 or v2), or the flat records with `ror_id`. */
const ror: Recogniser = (head) => {
  if (isJson(head)) {
    const dump =
      /"id"\s*:\s*"https:\/\/ror\.org\/0[a-z0-9]{6}\d{2}"/.test(head.text) &&
      (head.jsonKeys.has('names') || head.jsonKeys.has('name'));
    const flat = head.jsonKeys.has('ror_id') && head.jsonKeys.has('name');
    return dump || flat ? 'ror-json' : undefined;
  }
  const header = csvHeader(head);
  if (!header) return undefined;
  const v2 = header.includes('id') && header.includes('names.types.ror_display');
  const flat = header.includes('ror_id') && header.includes('name');
  return v2 || flat ? 'ror-csv' : undefined;
};

/** e-Stat API 3.0: a getStatsData or getMetaInfo answer (its root key). */
const estat: Recogniser = (head) => {
  if (head.first !== '{') return undefined;
  if (/^\s*\{\s*"GET_STATS_DATA"\s*:/.test(head.text)) return 'estat-stats-json';
  if (/^\s*\{\s*"GET_META_INFO"\s*:/.test(head.text)) return 'estat-meta-json';
  return undefined;
};

/** jGrants public API: subsidy calls (`result` of the list, or one call) with their own fields. */
const jgrants: Recogniser = (head) => {
  if (!isJson(head)) return undefined;
  const own = [
    'subsidy_max_limit',
    'acceptance_start_datetime',
    'acceptance_end_datetime',
    'target_area_search',
    'target_number_of_employees',
  ].filter((key) => head.jsonKeys.has(key)).length;
  return own >= 2 && head.jsonKeys.has('title') ? 'jgrants-json' : undefined;
};

/** Every connector's recogniser, by source. */
export const RECOGNISERS: Record<SourceName, Recogniser> = {
  'houjin-bangou': houjinBangou,
  gbizinfo,
  researchmap,
  kaken,
  openalex,
  ror,
  estat,
  jgrants,
};

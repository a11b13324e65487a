/**
 * How each open source's Web API is asked, page by page: the first requests for a user's query,
 * the next request read from an answer (a page number, a cursor, a start position), where the
 * user's key goes, and the source's pace. The answers are the same documents the file connectors
 * read, so fetching online ends in the same all-or-nothing import.
 *
 * Pure: URLs and answers in, requests out. Requests are kept without the key (it is added at the
 * moment of sending), so saved progress and messages never hold it.
 */
import { DomainError } from '#core/domain-error.ts';
import type { SourceName } from '../connector.ts';
import { parseXml } from '../xml.ts';

export interface ApiRequest {
  url: string;
  headers?: Record<string, string>;
}

export type ApiQuery = Readonly<Record<string, string>>;

export interface ApiPlan {
  source: SourceName;
  /** Environment variable holding the user's key. */
  keyEnv: string;
  keyRequired: boolean;
  baseUrl: string;
  /** The pace the source asks for; never exceeded. */
  requestsPerSecond: number;
  /** File extension of a saved answer. */
  extension: 'xml' | 'json';
  /** What the query takes, for the help text and errors. */
  queryHelp: string;
  /** The independent first requests of a query (e.g. one per batch of numbers). */
  first(query: ApiQuery, baseUrl: string): ApiRequest[];
  /** The request for the following page of the same list, or null at its end. */
  next(request: ApiRequest, body: string): ApiRequest | null;
  /** The request as sent: the key in its parameter or header. */
  withKey(request: ApiRequest, key: string): ApiRequest;
}

function queryError(source: SourceName, message: string, help: string): DomainError {
  return new DomainError(
    'validation_failed',
    `${source}: ${message}; the query takes ${help} ／ 問い合わせ条件が足りません（${help}）`,
    { field: 'query' },
  );
}

function urlOf(baseUrl: string, path: string, params: Record<string, string | undefined>): string {
  const url = new URL(baseUrl.replace(/\/$/, '') + path);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') url.searchParams.set(name, value);
  return url.toString();
}

function withParam(request: ApiRequest, name: string, value: string): ApiRequest {
  const url = new URL(request.url);
  url.searchParams.set(name, value);
  return { ...request, url: url.toString() };
}

function paramOf(request: ApiRequest, name: string): string | null {
  return new URL(request.url).searchParams.get(name);
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\s]+/u)
    .map((v) => v.trim())
    .filter(Boolean);
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathValue(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const positiveInt = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
};

const isoDay = /^\d{4}-\d{2}-\d{2}$/u;

/** 法人番号 Web-API v4 (type=12: XML, Unicode): by numbers (10 a request) or the changes of a period. */
const HOUJIN_HELP =
  'number=N,N,… (法人番号) or from=YYYY-MM-DD&to=YYYY-MM-DD [address=CODE] [kind=CODE]';
const houjinBangou: ApiPlan = {
  source: 'houjin-bangou',
  keyEnv: 'MUSUBI_HOUJIN_BANGOU_KEY',
  keyRequired: true,
  baseUrl: 'https://api.houjin-bangou.nta.go.jp',
  requestsPerSecond: 1,
  extension: 'xml',
  queryHelp: HOUJIN_HELP,
  first(query, baseUrl) {
    const numbers = listOf(query['number']);
    if (numbers.length > 0)
      return chunks(numbers, 10).map((batch) => ({
        url: urlOf(baseUrl, '/4/num', {
          number: batch.join(','),
          type: '12',
          history: query['history'] ?? '0',
        }),
      }));
    const from = query['from'];
    const to = query['to'];
    if (!from || !to || !isoDay.test(from) || !isoDay.test(to))
      throw queryError('houjin-bangou', 'give numbers, or a period from … to …', HOUJIN_HELP);
    return [
      {
        url: urlOf(baseUrl, '/4/diff', {
          from,
          to,
          type: '12',
          address: query['address'],
          kind: query['kind'],
          divide: '1',
        }),
      },
    ];
  },
  next(request, body) {
    if (paramOf(request, 'divide') === null) return null;
    const root = pathValue(parseXml(body, request.url), ['corporations']);
    const number = positiveInt(pathValue(root, ['divideNumber']));
    const size = positiveInt(pathValue(root, ['divideSize']));
    if (number === null || size === null || number >= size) return null;
    return withParam(request, 'divide', String(number + 1));
  },
  withKey: (request, key) => withParam(request, 'id', key),
};

/** gBizINFO REST v2: corporations by number, or those updated in a period (paged). */
const GBIZ_HELP = 'corporate_number=N,N,… or from=YYYYMMDD&to=YYYYMMDD [topic=subsidy|patent|…]';
const gbizinfo: ApiPlan = {
  source: 'gbizinfo',
  keyEnv: 'MUSUBI_GBIZINFO_KEY',
  keyRequired: true,
  baseUrl: 'https://info.gbiz.go.jp/hojin',
  requestsPerSecond: 1,
  extension: 'json',
  queryHelp: GBIZ_HELP,
  first(query, baseUrl) {
    const numbers = listOf(query['corporate_number']);
    if (numbers.length > 0)
      return numbers.map((n) => ({
        url: urlOf(baseUrl, `/v2/hojin/${encodeURIComponent(n)}`, {}),
      }));
    const from = query['from'];
    const to = query['to'];
    if (!from || !to || !/^\d{8}$/u.test(from) || !/^\d{8}$/u.test(to))
      throw queryError('gbizinfo', 'give corporate numbers, or a period from … to …', GBIZ_HELP);
    const topic = query['topic'] ? `/${encodeURIComponent(query['topic'])}` : '';
    return [{ url: urlOf(baseUrl, `/v2/hojin/updateInfo${topic}`, { from, to, page: '1' }) }];
  },
  next(request, body) {
    const page = positiveInt(paramOf(request, 'page'));
    if (page === null) return null;
    const total = positiveInt(pathValue(jsonOf(body), ['totalPage']));
    return total !== null && page < total ? withParam(request, 'page', String(page + 1)) : null;
  },
  withKey: (request, key) => ({
    ...request,
    headers: { ...request.headers, 'X-hojinInfo-api-token': key },
  }),
};

/** researchmap API v2: one researcher's whole document per permalink; no key. */
const RESEARCHMAP_HELP = 'permalink=ID,ID,…';
const researchmap: ApiPlan = {
  source: 'researchmap',
  keyEnv: 'MUSUBI_RESEARCHMAP_KEY',
  keyRequired: false,
  baseUrl: 'https://api.researchmap.jp',
  requestsPerSecond: 1,
  extension: 'json',
  queryHelp: RESEARCHMAP_HELP,
  first(query, baseUrl) {
    const permalinks = listOf(query['permalink']);
    if (permalinks.length === 0)
      throw queryError('researchmap', 'give at least one permalink', RESEARCHMAP_HELP);
    return permalinks.map((p) => ({ url: urlOf(baseUrl, `/${encodeURIComponent(p)}`, {}) }));
  },
  next: () => null,
  withKey: (request, key) => ({
    ...request,
    headers: { ...request.headers, Authorization: `Bearer ${key}` },
  }),
};

/** KAKEN OpenSearch (projects, XML): the search's parameters as given, 200 a page. */
const KAKEN_HELP = 'OpenSearch parameters, e.g. kw=…, qe=institution, qb=project number';
const KAKEN_PAGE = 200;
const kaken: ApiPlan = {
  source: 'kaken',
  keyEnv: 'MUSUBI_KAKEN_KEY',
  keyRequired: true,
  baseUrl: 'https://kaken.nii.ac.jp',
  requestsPerSecond: 1,
  extension: 'xml',
  queryHelp: KAKEN_HELP,
  first(query, baseUrl) {
    const search = Object.fromEntries(
      Object.entries(query).filter(([name]) => !['format', 'rw', 'st', 'appid'].includes(name)),
    );
    if (Object.keys(search).length === 0)
      throw queryError('kaken', 'give at least one search parameter', KAKEN_HELP);
    return [
      {
        url: urlOf(baseUrl, '/opensearch/', {
          ...search,
          format: 'xml',
          rw: String(KAKEN_PAGE),
          st: '1',
        }),
      },
    ];
  },
  next(request, body) {
    const root = pathValue(parseXml(body, request.url), ['grantAwards']);
    const total = positiveInt(pathValue(root, ['totalResults']));
    const start = positiveInt(paramOf(request, 'st')) ?? 1;
    const size = positiveInt(paramOf(request, 'rw')) ?? KAKEN_PAGE;
    return total !== null && start + size <= total
      ? withParam(request, 'st', String(start + size))
      : null;
  },
  withKey: (request, key) => withParam(request, 'appid', key),
};

/** OpenAlex: works, authors or institutions by filter, 200 a page, followed by cursor. */
const OPENALEX_HELP =
  'filter=… (e.g. institutions.country_code:JP,publication_year:2024) [entity=works|authors|institutions] [mailto=…]';
const OPENALEX_ENTITIES = ['works', 'authors', 'institutions'];
const openalex: ApiPlan = {
  source: 'openalex',
  keyEnv: 'MUSUBI_OPENALEX_KEY',
  keyRequired: false,
  baseUrl: 'https://api.openalex.org',
  requestsPerSecond: 10,
  extension: 'json',
  queryHelp: OPENALEX_HELP,
  first(query, baseUrl) {
    const entity = query['entity'] ?? 'works';
    if (!OPENALEX_ENTITIES.includes(entity))
      throw queryError(
        'openalex',
        `"${entity}" is not works, authors or institutions`,
        OPENALEX_HELP,
      );
    if (!query['filter']) throw queryError('openalex', 'give a filter', OPENALEX_HELP);
    return [
      {
        url: urlOf(baseUrl, `/${entity}`, {
          filter: query['filter'],
          mailto: query['mailto'],
          'per-page': '200',
          cursor: '*',
        }),
      },
    ];
  },
  next(request, body) {
    const cursor = pathValue(jsonOf(body), ['meta', 'next_cursor']);
    const results = pathValue(jsonOf(body), ['results']);
    return typeof cursor === 'string' &&
      cursor !== '' &&
      Array.isArray(results) &&
      results.length > 0
      ? withParam(request, 'cursor', cursor)
      : null;
  },
  withKey: (request, key) => withParam(request, 'api_key', key),
};

/** e-Stat API 3.0 getStatsData (JSON): one table, followed by NEXT_KEY. */
const ESTAT_HELP = 'statsDataId=ID [cdArea=…, cdCat01=…, cdTime=…]';
const estat: ApiPlan = {
  source: 'estat',
  keyEnv: 'MUSUBI_ESTAT_KEY',
  keyRequired: true,
  baseUrl: 'https://api.e-stat.go.jp',
  requestsPerSecond: 1,
  extension: 'json',
  queryHelp: ESTAT_HELP,
  first(query, baseUrl) {
    if (!query['statsDataId']) throw queryError('estat', 'give statsDataId', ESTAT_HELP);
    const narrowing = Object.fromEntries(
      Object.entries(query).filter(([name]) => name !== 'appId' && name !== 'startPosition'),
    );
    return [
      {
        url: urlOf(baseUrl, '/rest/3.0/app/json/getStatsData', {
          ...narrowing,
          metaGetFlg: 'Y',
        }),
      },
    ];
  },
  next(request, body) {
    const nextKey = pathValue(jsonOf(body), [
      'GET_STATS_DATA',
      'STATISTICAL_DATA',
      'RESULT_INF',
      'NEXT_KEY',
    ]);
    const position = positiveInt(nextKey);
    return position === null ? null : withParam(request, 'startPosition', String(position));
  },
  withKey: (request, key) => withParam(request, 'appId', key),
};

/** jGrants public API: calls found by a keyword (one answer); no key. */
const JGRANTS_HELP =
  'keyword=… (2 or more characters) [acceptance=0|1] [sort=created_date|acceptance_end_datetime] [order=ASC|DESC]';
const jgrants: ApiPlan = {
  source: 'jgrants',
  keyEnv: 'MUSUBI_JGRANTS_KEY',
  keyRequired: false,
  baseUrl: 'https://api.jgrants-portal.go.jp/exp/v1/public',
  requestsPerSecond: 1,
  extension: 'json',
  queryHelp: JGRANTS_HELP,
  first(query, baseUrl) {
    const keyword = query['keyword'] ?? '';
    if ([...keyword].length < 2)
      throw queryError('jgrants', 'give a keyword of 2 or more characters', JGRANTS_HELP);
    return [
      {
        url: urlOf(baseUrl, '/subsidies', {
          keyword,
          sort: query['sort'] ?? 'created_date',
          order: query['order'] ?? 'DESC',
          acceptance: query['acceptance'] ?? '1',
          target_area_search: query['target_area_search'],
        }),
      },
    ];
  },
  next: () => null,
  withKey: (request) => request,
};

/** The sources that answer online; ROR is read from its data dump (Zenodo), not fetched page by page. */
export const API_PLANS: Partial<Record<SourceName, ApiPlan>> = {
  'houjin-bangou': houjinBangou,
  gbizinfo,
  researchmap,
  kaken,
  openalex,
  estat,
  jgrants,
};

export function apiPlanOf(source: SourceName): ApiPlan {
  const plan = API_PLANS[source];
  if (!plan)
    throw new DomainError(
      'validation_failed',
      `${source} has no online mode: download its data dump and run \`musubi connect ${source} FILE\` ／ ${source} はオンライン取得に対応していません。公開ダンプを取得して読み込んでください`,
      { field: 'source' },
    );
  return plan;
}

/** Reads `name=value` pairs given on the command line into a query. */
export function parseQuery(pairs: readonly string[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new DomainError(
        'validation_failed',
        `--query "${pair}" is not name=value ／ --query は 名前=値 の形で指定してください`,
        { field: 'query' },
      );
    query[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return query;
}

import { findMunicipality } from '#core/geo.ts';
import { localGovernmentCheckDigit } from '#core/identifiers.ts';
import { DomainError } from '#core/domain-error.ts';
import type { ConnectorInput, ConnectorOutput, SourceConnector } from './connector.ts';
import { readJson, wrongShape } from './read-input.ts';
import { skippedAt, skipReason, type SkipReason } from './skip-reasons.ts';
import { asArray, isObject, text } from './values.ts';

/**
 * e-Stat API 3.0 (政府統計の総合窓口): getStatsData JSON → indicators by area and year. Area codes
 * are 5 characters: 00000 the nation, PP000 a prefecture, PPCCC a municipality. Other area classes
 * of a table (regional blocks, metropolitan areas, city-size classes: codes starting 00) are reported
 * and skipped; a PPCCC code that names no municipality is an error.
 */
export const ESTAT_CREDIT =
  '出典：政府統計の総合窓口(e-Stat)（https://www.e-stat.go.jp/） / このサービスは、政府統計総合窓口(e-Stat)のAPI機能を使用していますが、サービスの内容は国によって保証されたものではありません。';

type Area =
  | { areaType: 'nation' | 'prefecture' | 'municipality'; areaCode: string }
  | { skip: SkipReason }
  | { error: string };

export function classifyAreaCode(code: string, name: string | undefined): Area {
  const label = name ? `${code} (${name})` : code;
  if (code === '00000') return { areaType: 'nation', areaCode: '00' };
  if (!/^\d{5}$/.test(code) || code.startsWith('00')) {
    return { skip: skipReason('estat_area_not_local', { area: label }) };
  }
  const prefecture = code.slice(0, 2);
  if (Number(prefecture) > 47) return { error: `area code ${label} names no prefecture (01–47)` };
  if (code.endsWith('000')) return { areaType: 'prefecture', areaCode: prefecture };
  const six = `${code}${localGovernmentCheckDigit(code)}`;
  if (!findMunicipality(six)) {
    return {
      error: `area code ${label} is no municipality (全国地方公共団体コード ${six} unknown)`,
    };
  }
  return { areaType: 'municipality', areaCode: six };
}

function classNames(
  statisticalData: Record<string, unknown>,
): Map<string, Map<string, { name: string; unit?: string }>> {
  const classes = new Map<string, Map<string, { name: string; unit?: string }>>();
  const classInf = isObject(statisticalData['CLASS_INF']) ? statisticalData['CLASS_INF'] : {};
  for (const object of asArray(classInf['CLASS_OBJ']).filter(isObject)) {
    const id = text(object['@id']);
    if (!id) continue;
    const codes = new Map<string, { name: string; unit?: string }>();
    for (const item of asArray(object['CLASS']).filter(isObject)) {
      const code = text(item['@code']);
      const name = text(item['@name']);
      const unit = text(item['@unit']);
      if (code && name) codes.set(code, { name, ...(unit ? { unit } : {}) });
    }
    classes.set(id, codes);
  }
  return classes;
}

async function* parseEstat(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const document = await readJson(input);
  if (isObject(document) && isObject(document['GET_META_INFO'])) {
    yield skippedAt('GET_META_INFO', 'estat_meta_only');
    return;
  }
  const root = isObject(document) ? document['GET_STATS_DATA'] : undefined;
  if (!isObject(root))
    throw wrongShape(input, 'e-Stat', 'a getStatsData JSON answer {"GET_STATS_DATA": …}');
  const result = isObject(root['RESULT']) ? root['RESULT'] : {};
  const status = Number(result['STATUS'] ?? 0);
  if (status >= 100) {
    throw new DomainError(
      'unsupported_format',
      `${input.name}: e-Stat answered with error ${status}: ${text(result['ERROR_MSG']) ?? ''} ／ e-Stat がエラーを返しています`,
      { file: input.name },
    );
  }
  const data = isObject(root['STATISTICAL_DATA']) ? root['STATISTICAL_DATA'] : undefined;
  if (!data) {
    yield skippedAt('GET_STATS_DATA', 'estat_no_data', {
      message: text(result['ERROR_MSG']) ?? 'STATISTICAL_DATA missing',
    });
    return;
  }
  const table = isObject(data['TABLE_INF']) ? data['TABLE_INF'] : {};
  const tableId =
    text(table['@id']) ??
    text(isObject(root['PARAMETER']) ? root['PARAMETER']['STATS_DATA_ID'] : undefined);
  if (!tableId || !/^\d+$/.test(tableId))
    throw wrongShape(input, 'e-Stat', 'a statistics table id (TABLE_INF @id)');
  const dataInf = isObject(data['DATA_INF']) ? data['DATA_INF'] : {};
  const notes = new Map(
    asArray(dataInf['NOTE'])
      .filter(isObject)
      .map((n) => [text(n['@char']) ?? '', text(n['$']) ?? '']),
  );
  const classes = classNames(data);
  const statName = isObject(table['STAT_NAME']) ? text(table['STAT_NAME']['$']) : undefined;
  for (const [index, value] of asArray(dataInf['VALUE']).entries()) {
    const at = `VALUE[${index}]`;
    if (!isObject(value)) continue;
    const areaCode = text(value['@area']);
    if (!areaCode) {
      yield skippedAt(at, 'estat_value_without_area');
      continue;
    }
    const area = classifyAreaCode(areaCode, classes.get('area')?.get(areaCode)?.name);
    if ('skip' in area) {
      yield { type: 'skipped', at, ...area.skip };
      continue;
    }
    if ('error' in area) {
      yield {
        type: 'rejected',
        at,
        field: '@area',
        reason: area.error,
        reasonJa: `地域コード ${areaCode} は都道府県・市区町村のコードではありません`,
      };
      continue;
    }
    const time = text(value['@time']) ?? '';
    const year = Number(time.slice(0, 4));
    if (!/^\d{4}/.test(time)) {
      yield {
        type: 'rejected',
        at,
        field: '@time',
        reason: `time code "${time}" gives no year`,
        reasonJa: `時間軸コード「${time}」から年が読めません`,
      };
      continue;
    }
    const raw = (text(value['$']) ?? '').replace(/,/g, '');
    if (notes.has(raw) || !/^-?\d+(\.\d+)?$/.test(raw)) {
      const note = notes.get(raw);
      yield note
        ? skippedAt(at, 'estat_symbol_noted', { value: raw, note })
        : skippedAt(at, 'estat_symbol', { value: raw });
      continue;
    }
    const categoryKeys = Object.keys(value)
      .filter((k) => /^@(tab|cat\d{2})$/.test(k))
      .sort();
    const codes = categoryKeys.map((k) => `${k.slice(1)}_${text(value[k]) ?? ''}`);
    const labels = categoryKeys.map(
      (k) =>
        classes.get(k.slice(1))?.get(text(value[k]) ?? '')?.name ??
        `${k.slice(1)}=${text(value[k]) ?? ''}`,
    );
    const unit =
      text(value['@unit']) ??
      categoryKeys
        .map((k) => classes.get(k.slice(1))?.get(text(value[k]) ?? '')?.unit)
        .find(Boolean) ??
      '件';
    yield {
      type: 'indicator',
      at,
      areaType: area.areaType,
      areaCode: area.areaCode,
      year,
      metric: `estat_${tableId}_${codes.join('_')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_'),
      value: Number(raw),
      unit,
      label: [statName, ...labels].filter(Boolean).join(' / '),
    };
  }
}

export const estatConnector: SourceConnector = {
  source: 'estat',
  credit: ESTAT_CREDIT,
  parse: parseEstat,
};

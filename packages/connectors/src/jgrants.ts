import { PREFECTURES } from '#core/geo.ts';
import type { ConnectorInput, ConnectorOutput, SourceConnector } from './connector.ts';
import { readJsonOrLines, wrongShape } from './read-input.ts';
import { isObject, prefectureCodeOfName, text } from './values.ts';
import { ownValue } from '#core/own-value.ts';

/** jGrants (Jグランツ, デジタル庁) public API: subsidy calls (公募) → support measures. */
export const JGRANTS_CREDIT = '出典：Jグランツ（デジタル庁） / Source: jGrants (Digital Agency)';

function codes(from: number, to: number, ...more: number[]): string[] {
  const list: number[] = [];
  for (let n = from; n <= to; n++) list.push(n);
  return [...list, ...more].map((n) => String(n).padStart(2, '0'));
}

/** The regions jGrants names in target_area_search. */
const REGIONS: Record<string, string[]> = {
  北海道地方: ['01'],
  東北地方: codes(2, 7),
  '関東・甲信越地方': codes(8, 14, 15, 19, 20),
  '東海・北陸地方': codes(16, 18, 21, 22, 23, 24),
  近畿地方: codes(25, 30),
  中国地方: codes(31, 35),
  四国地方: codes(36, 39),
  '九州・沖縄地方': codes(40, 47),
};

export function prefecturesOfTargetArea(value: string): { codes: string[]; unknown: string[] } {
  const parts = value
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.includes('全国')) return { codes: [], unknown: [] };
  const found = new Set<string>();
  const unknown: string[] = [];
  for (const part of parts) {
    const region = ownValue(REGIONS, part);
    const prefecture =
      prefectureCodeOfName(part) ?? PREFECTURES.find((p) => p.shortName === part)?.code;
    if (region) region.forEach((c) => found.add(c));
    else if (prefecture) found.add(prefecture);
    else unknown.push(part);
  }
  return { codes: [...found].sort(), unknown };
}

/** An ISO date-time in UTC as the date in Japan (JST = UTC+9). */
function japanDate(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) return undefined;
  return new Date(time + 9 * 3600_000).toISOString().slice(0, 10);
}

function* mapCall(call: Record<string, unknown>, at: string): Iterable<ConnectorOutput> {
  const id = text(call['id']);
  const title = text(call['title']);
  if (!id || !title) {
    yield {
      type: 'rejected',
      at,
      field: id ? 'title' : 'id',
      reason: `${id ? 'title' : 'id'} is missing`,
      reasonJa: `${id ? 'title（公募名）' : 'id'}がありません`,
    };
    return;
  }
  const area = prefecturesOfTargetArea(text(call['target_area_search']) ?? '全国');
  if (area.unknown.length > 0) {
    yield {
      type: 'rejected',
      at,
      field: 'target_area_search',
      reason: `unknown area(s): ${area.unknown.join(', ')}`,
      reasonJa: `対象地域が読めません：${area.unknown.join('、')}`,
    };
    return;
  }
  const max =
    typeof call['subsidy_max_limit'] === 'number'
      ? call['subsidy_max_limit']
      : Number(text(call['subsidy_max_limit']));
  const start = japanDate(call['acceptance_start_datetime']);
  const end = japanDate(call['acceptance_end_datetime']);
  const eligibility = [
    text(call['target_number_of_employees']),
    text(call['subsidy_catch_phrase']),
    text(call['use_purpose']),
  ]
    .filter(Boolean)
    .join(' / ');
  const url =
    text(call['front_subsidy_detail_page_url']) ?? `https://www.jgrants-portal.go.jp/subsidy/${id}`;
  yield {
    type: 'support-measure',
    at,
    key: `jgrants-${id}`,
    name: title,
    provider: text(call['institution_name']) ?? 'Jグランツ掲載（実施機関未記載）',
    prefectureCodes: area.codes,
    ...(Number.isFinite(max) && max > 0 ? { maxAmount: max } : {}),
    ...(start ? { startDate: start } : {}),
    ...(end ? { endDate: end } : {}),
    ...(eligibility ? { eligibility } : {}),
    url,
  };
}

async function* parseJgrants(input: ConnectorInput): AsyncIterable<ConnectorOutput> {
  const values = await readJsonOrLines(input);
  const calls = values.flatMap((value) => {
    if (isObject(value) && Array.isArray(value['result'])) return value['result'];
    if (isObject(value) && 'id' in value && 'title' in value) return [value];
    throw wrongShape(input, 'jGrants', 'a subsidies answer {"result": [...]} of the public API');
  });
  for (const [index, call] of calls.entries()) {
    if (isObject(call)) yield* mapCall(call, `result[${index}]`);
  }
}

export const jgrantsConnector: SourceConnector = {
  source: 'jgrants',
  credit: JGRANTS_CREDIT,
  parse: parseJgrants,
};

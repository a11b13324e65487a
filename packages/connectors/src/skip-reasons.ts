import { fillWords, type BilingualWords } from '#core/bilingual-words.ts';

/**
 * Why a connector left a record out on purpose, as a closed code with its values and the words in
 * English and Japanese (as a rejected record says its reason in both): the CLI prints the English,
 * the browser's import page the reader's language, and a client may word the code itself.
 */

const TEXTS = {
  ror_withdrawn: {
    en: '{ror} ({name}) is withdrawn from ROR',
    ja: '{ror}（{name}）は ROR で取り下げられています',
  },
  ror_no_prefecture: {
    en: '{ror} ({name}): ROR gives no prefecture for this Japanese organisation; not guessed',
    ja: '{ror}（{name}）：ROR に都道府県がないため取り込みません（推測はしません）',
  },
  ror_prefecture_unclear: {
    en: '{ror} ({name}): prefecture unclear — the name says {byName}, the ROR location says {location}; not guessed',
    ja: '{ror}（{name}）：名称の都道府県（{byName}）と ROR の所在地（{location}）が食い違うため取り込みません（推測はしません）',
  },
  project_without_title_or_start: {
    en: 'research project without a title or start date',
    ja: '題目または開始日のない研究課題です',
  },
  estat_meta_only: {
    en: 'getMetaInfo holds class codes only, no values: load the getStatsData answer',
    ja: 'getMetaInfo の応答は分類コードだけで値を含みません。getStatsData の応答を読み込んでください',
  },
  estat_no_data: {
    en: 'no data in this answer ({message})',
    ja: 'この応答にはデータがありません（{message}）',
  },
  estat_value_without_area: {
    en: 'value without an area (@area): not an indicator by area',
    ja: '地域（@area）のない値のため、地域別の指標になりません',
  },
  estat_area_not_local: {
    en: 'area {area} is not a prefecture or municipality (a region, metropolitan area or city-size class)',
    ja: '地域 {area} は都道府県・市区町村ではありません（地方ブロック・都市圏・都市規模の区分など）',
  },
  estat_symbol: {
    en: 'value "{value}" is a symbol, not a number',
    ja: '値「{value}」は数値ではなく記号です',
  },
  estat_symbol_noted: {
    en: 'value "{value}" is a symbol ({note}), not a number',
    ja: '値「{value}」は数値ではなく記号です（{note}）',
  },
  no_japanese_affiliation: {
    en: '{name}: no Japanese affiliation',
    ja: '{name}：日本の所属機関がありません',
  },
  refund: {
    en: 'amount {amount}: a refund or cancellation, not funding',
    ja: '金額 {amount}：返還または取消であり、資金の提供ではありません',
  },
  trademark: {
    en: 'trademark: not a technology seed',
    ja: '商標は技術シーズではありません',
  },
  procurement: {
    en: 'procurement contracts are not stored yet',
    ja: '調達（契約）の情報はまだ取り込みの対象外です',
  },
  history_row: {
    en: 'history row of {number} (latest = 0)',
    ja: '{number} の履歴の行です（最新 = 0）',
  },
  project_without_people: {
    en: 'project {number} names no researcher or institution',
    ja: '研究課題 {number} には研究者も機関も記載がありません',
  },
  new_actor_without_prefecture: {
    en: '{name}: a new actor in Japan whose prefecture the source does not give; not guessed, so it is not added',
    ja: '{name}：出典に都道府県がない国内の新しい主体です。推測はせず、追加しません',
  },
  relation_end_unknown: {
    en: '{relation}: {name} is not in the registry',
    ja: '{relation}：{name} が登録されていません',
  },
  relation_end_unnamed: {
    en: '{relation}: one end is not in the registry',
    ja: '{relation}：一方の主体が登録されていません',
  },
  seed_owner_unknown: {
    en: 'seed "{title}": its owner {name} is not in the registry',
    ja: 'シーズ「{title}」：所有者 {name} が登録されていません',
  },
  funding_recipient_unknown: {
    en: 'funding: the recipient {name} is not in the registry',
    ja: '資金：受け手 {name} が登録されていません',
  },
} as const satisfies Record<string, BilingualWords>;

export type SkipCode = keyof typeof TEXTS;
export const SKIP_CODES: readonly string[] = Object.keys(TEXTS);

/** Why a record was left out: its code and values, in English and in Japanese. */
export interface SkipReason {
  code: SkipCode;
  values: Record<string, string>;
  reason: string;
  reasonJa: string;
}

export function skipReason(code: SkipCode, values: Record<string, string> = {}): SkipReason {
  const { en, ja } = TEXTS[code];
  return { code, values, reason: fillWords(en, values), reasonJa: fillWords(ja, values) };
}

/** A connector's output for a record left out on purpose at `at`. */
export function skippedAt(
  at: string,
  code: SkipCode,
  values: Record<string, string> = {},
): { type: 'skipped'; at: string } & SkipReason {
  return { type: 'skipped', at, ...skipReason(code, values) };
}

/**
 * Why an import rejected a row or refused a whole file, as a closed code with its values and the
 * words in English and Japanese (the pattern of the connectors' skipped records,
 * bilingual-words.ts). The report keeps its historical English `reason` for the CLI; the code
 * and values travel beside it, and the browser says them in the reader's language, naming the row
 * and the column: 「3 行目: 終了年度 (end_fy) が開始より前になっています」.
 */
import { fillWords, type BilingualWords, type WordsLanguage } from './bilingual-words.ts';
import { columnLabel } from './entities/column-labels.ts';

/** A rejected row's reasons, by code: `{label}` is the column in words with its name. */
const ROW_TEXTS = {
  // A flat file's cells.
  not_whole_number: {
    en: '{label} must be a whole number',
    ja: '{label} には整数を入れてください',
  },
  not_number: { en: '{label} must be a number', ja: '{label} には数値を入れてください' },
  not_true_false: {
    en: '{label} must be true or false (yes/no, 1/0)',
    ja: '{label} には true か false（はい/いいえ、1/0）を入れてください',
  },
  list_item_not_whole_number: {
    en: '{label}: “{item}” is not a whole number',
    ja: '{label} の「{item}」が整数ではありません',
  },
  member_not_actor_role: {
    en: '{label}: “{item}” is not written actor_id:role',
    ja: '{label} の「{item}」が「主体の ID:役割」の形になっていません',
  },
  not_json: { en: '{label} is not valid JSON', ja: '{label} を JSON として読めません' },
  // A record's fields, as the entity's schema judges them.
  not_object: {
    en: 'the record is not an object with fields',
    ja: '記録が項目を持つオブジェクトの形になっていません',
  },
  required: { en: '{label} is required', ja: '{label} は必須です' },
  too_long: {
    en: '{label} is longer than {max} characters',
    ja: '{label} は {max} 文字以内にしてください',
  },
  too_short: {
    en: '{label} needs at least {min} characters',
    ja: '{label} は {min} 文字以上にしてください',
  },
  too_small: { en: '{label} must be at least {min}', ja: '{label} は {min} 以上にしてください' },
  too_large: { en: '{label} must be at most {max}', ja: '{label} は {max} 以下にしてください' },
  too_few: { en: '{label} needs at least {min} entries', ja: '{label} は {min} 件以上必要です' },
  too_many: { en: '{label} takes at most {max} entries', ja: '{label} は {max} 件までです' },
  choose_one: {
    en: '{label} must be one of: {options}',
    ja: '{label} は次のどれかにしてください: {options}',
  },
  wrong_type: {
    en: '{label} holds the wrong kind of value',
    ja: '{label} の値の種類が違います',
  },
  not_url: {
    en: '{label} is not a web address (https://…)',
    ja: '{label} がウェブのアドレス（https://…）になっていません',
  },
  bad_format: {
    en: '{label} is not written in the expected form',
    ja: '{label} の書き方が正しくありません',
  },
  not_date: {
    en: '{label} is not a date written YYYY-MM-DD',
    ja: '{label} が YYYY-MM-DD の形の日付になっていません',
  },
  not_prefecture: {
    en: '{label} is not one of the prefecture codes 01–47',
    ja: '{label} が 01〜47 の都道府県コードになっていません',
  },
  not_municipality_code: {
    en: '{label} is not a 6-digit municipality code with a valid check digit',
    ja: '{label} が検査数字の正しい 6 桁の全国地方公共団体コードではありません',
  },
  not_corporate_number: {
    en: '{label} is not a 13-digit corporate number with a valid check digit',
    ja: '{label} が検査数字の正しい 13 桁の法人番号ではありません',
  },
  not_orcid: {
    en: '{label} is not an ORCID iD with a valid check character',
    ja: '{label} が検査文字の正しい ORCID iD ではありません',
  },
  not_ror: {
    en: '{label} is not a ROR id with a valid checksum',
    ja: '{label} がチェックサムの正しい ROR ID ではありません',
  },
  not_kaken_id: { en: '{label} is 8 digits', ja: '{label} は 8 桁の数字です' },
  not_openalex_id: {
    en: '{label} is A or I followed by digits',
    ja: '{label} は A か I に数字が続く形です',
  },
  not_country_code: {
    en: '{label} is two capital letters, e.g. JP, US',
    ja: '{label} は英大文字 2 文字です（例: JP、US）',
  },
  id_characters: {
    en: '{label} may not hold spaces, commas, semicolons or control characters',
    ja: '{label} には空白・カンマ・セミコロン・制御文字を使えません',
  },
  ends_before_start: {
    en: '{label} is earlier than the start',
    ja: '{label} が開始より前になっています',
  },
  outside_japan: { en: '{label} is outside Japan', ja: '{label} が日本の範囲の外です' },
  municipality_outside_prefecture: {
    en: '{label}: municipality {municipality} is not in prefecture {prefecture}',
    ja: '{label}: 市区町村 {municipality} は都道府県 {prefecture} にありません',
  },
  prefecture_required_in_japan: {
    en: '{label} is required for an actor in Japan (01–47); an actor abroad gives country_code instead',
    ja: '国内の主体には {label}（01〜47）が必要です。海外の主体は country_code（国コード）を入れてください',
  },
  abroad_without_prefecture: {
    en: '{label}: an actor in {country} has no Japanese prefecture or municipality; leave them empty',
    ja: '{label}: 海外（{country}）の主体には都道府県・市区町村を入れられません。空にしてください',
  },
  coordinates_in_japan_only: {
    en: '{label}: coordinates are kept for actors in Japan only',
    ja: '{label}: 緯度・経度は国内の主体にだけ入れられます',
  },
  lat_lon_together: {
    en: '{label}: latitude and longitude go together',
    ja: '{label}: 緯度と経度は両方入れてください',
  },
  funding_without_recipient: {
    en: 'a funding flow goes to a recipient, a project or an adoption: give one of them',
    ja: '資金の流れには受け手・プロジェクト・採択のどれかが必要です',
  },
  completed_over_enrolled: {
    en: '{label}: {completed} completed, more than the {enrolled} enrolled',
    ja: '{label}: 修了者 {completed} 人が受講者 {enrolled} 人を超えています',
  },
  destinations_over_completed: {
    en: '{label}: destinations ({placed}) exceed those who completed ({completed})',
    ja: '{label}: 進路の合計（{placed} 人）が修了者（{completed} 人）を超えています',
  },
  milestone_repeated: {
    en: '{label}: milestone {id} appears twice',
    ja: '{label}: マイルストーン {id} が重複しています',
  },
  metric_snake_case: {
    en: '{label} is written in lower-case letters, digits and _ (e.g. papers, funding_jpy)',
    ja: '{label} は英小文字・数字・_ で書きます（例: papers、funding_jpy）',
  },
  not_community_id: {
    en: '{label} is not a community id such as c3',
    ja: '{label} がコミュニティの ID（例: c3）になっていません',
  },
  sdgs_range: { en: '{label} are numbered 1–17', ja: '{label} の番号は 1〜17 です' },
  sdgs_repeated: { en: '{label} names a goal twice', ja: '{label} に同じ目標が重複しています' },
  trl_range: { en: '{label} is 1–9', ja: '{label} は 1〜9 です' },
  score_range: { en: '{label} is scored 1–5', ja: '{label} は 1〜5 で評価します' },
  not_negative: { en: '{label} must not be negative', ja: '{label} に負の値は入れられません' },
  share_range: {
    en: '{label} is a share between 0 and 1',
    ja: '{label} は 0〜1 の割合で入れてください',
  },
  unknown_fields: { en: 'fields Musubi does not know: {keys}', ja: '不明な項目があります: {keys}' },
  not_valid: { en: '{label} is not valid', ja: '{label} の値が正しくありません' },
  // The import's own checks, against the file and the database.
  nul_character: {
    en: '{label} holds the NUL character (U+0000), which cannot be stored',
    ja: '{label} に保存できない NUL 文字（U+0000）が含まれています',
  },
  unknown_reference: {
    en: '{label}: no {target} “{value}” is registered',
    ja: '{label}: {targetJa}「{value}」は登録されていません',
  },
  owner_not_registered: {
    en: '{label}: “{value}” is not a registered actor; leave owner_id empty and give owner_name (and owner_corporate_number if known) to keep the record until the owner is registered',
    ja: '{label}: 「{value}」は登録されていません。owner_id を空にして owner_name（所有者名）を入れれば、所有者が登録されるまで保留として取り込めます',
  },
  duplicate_row: { en: 'the same record as row {row}', ja: '{row} 行目と同じ記録です' },
  identifier_taken: {
    en: '{label} {value} belongs to actor {actor} already; one actor per number (merge them, or use that id)',
    ja: '{label} {value} はすでに主体 {actor} のものです（同じ番号の主体は 1 つだけです。統合するか、その ID を使ってください）',
  },
  identifier_repeated: {
    en: '{label} {value} is also on row {row} (actor {actor}); one actor per number',
    ja: '{label} {value} は {row} 行目（主体 {actor}）と同じです（同じ番号の主体は 1 つだけです）',
  },
  // Reading the file's rows.
  csv_malformed: {
    en: 'the CSV cannot be read from this row on (an unclosed quote?)',
    ja: 'この行から先の CSV を読めません（引用符 " の閉じ忘れなど）',
  },
  undecodable_bytes: {
    en: 'column {column} holds bytes that are not valid {encoding}: check the file’s character encoding',
    ja: '{column} 列に {encoding} として読めない文字があります。ファイルの文字コードを確かめてください',
  },
  too_many_cells: {
    en: '{cells} cells for {columns} columns',
    ja: '列は {columns} 個なのに、この行にはセルが {cells} 個あります',
  },
  json_line_invalid: {
    en: 'this line is not valid JSON',
    ja: 'この行を JSON として読めません',
  },
} as const satisfies Record<string, BilingualWords>;

/** Why a whole file was refused, by code. */
const FILE_TEXTS = {
  columns_missing: {
    en: 'required columns are missing: {columns}',
    ja: '必須の列がありません: {columns}',
  },
  columns_unknown: {
    en: 'columns Musubi does not know: {columns} (rename them, or remove them)',
    ja: '不明な列があります: {columns}（列名を直すか、その列を削除してください）',
  },
  file_without_header: {
    en: 'the file is empty: there is no header row',
    ja: 'ファイルが空です（1 行目の列名がありません）',
  },
  csv_header_malformed: {
    en: 'the header row is not valid CSV',
    ja: '1 行目（列名）を CSV として読めません',
  },
  json_invalid: { en: 'the file is not valid JSON', ja: 'ファイルを JSON として読めません' },
  json_not_array: {
    en: 'the file must hold a JSON array of records',
    ja: 'ファイルは記録の JSON 配列（[ … ]）にしてください',
  },
  xlsx_unreadable: {
    en: 'the file is not a readable XLSX workbook (damaged or cut)',
    ja: 'Excel（XLSX）のブックとして読めません（壊れているか、途中で切れています）',
  },
  xlsx_no_worksheet: {
    en: 'the workbook has no worksheet',
    ja: 'ブックにワークシートがありません',
  },
  file_unreadable: { en: 'the file cannot be read as {format}', ja: '{format} として読めません' },
  format_unknown: {
    en: 'the file’s format cannot be told from its name: use .csv, .xlsx, .json or .ndjson',
    ja: 'ファイル名から形式が分かりません。.csv・.xlsx・.json・.ndjson のどれかにしてください',
  },
} as const satisfies Record<string, BilingualWords>;

export type RejectCode = keyof typeof ROW_TEXTS;
export type RefusalCode = keyof typeof FILE_TEXTS;
export const REJECT_CODES = Object.keys(ROW_TEXTS) as readonly RejectCode[];
export const REFUSAL_CODES = Object.keys(FILE_TEXTS) as readonly RefusalCode[];

/** A reason as data: its code and the values its words are filled with. */
export interface CodedReason<Code extends string> {
  code: Code;
  values: Record<string, string>;
}

export function isRejectCode(code: string): code is RejectCode {
  return Object.hasOwn(ROW_TEXTS, code);
}

export function isRefusalCode(code: string): code is RefusalCode {
  return Object.hasOwn(FILE_TEXTS, code);
}

/** The words for fields no column owns (a problem of the whole row or record). */
const WHOLE: Record<string, BilingualWords> = {
  '(row)': { en: 'the row', ja: 'この行' },
  '(record)': { en: 'the record', ja: 'この記録' },
  '(identity)': { en: 'the record’s identity', ja: '記録の識別' },
};

/** A column in words with its own name, 「開始年度 (start_fy)」; a nested field by its column. */
export function fieldWords(language: WordsLanguage, field: string): string {
  const whole = WHOLE[field];
  if (whole) return whole[language];
  const top = field.split('.')[0] ?? field;
  const words = columnLabel(top)?.[language];
  if (words === undefined) return field;
  // "employees (employees)" says it twice: the column alone when its words are its name.
  return words.toLowerCase() === field.toLowerCase() ? words : `${words} (${field})`;
}

/** A rejected row's reason in one language, without the row: 「終了年度 (end_fy) が開始より前…」. */
export function rejectWords(
  language: WordsLanguage,
  problem: { field: string } & CodedReason<RejectCode>,
): string {
  return fillWords(ROW_TEXTS[problem.code][language], {
    ...problem.values,
    label: fieldWords(language, problem.field),
  });
}

/** The whole sentence a clerk reads: 「3 行目: 終了年度 (end_fy) が開始より前になっています」. */
export function rejectedRowWords(
  language: WordsLanguage,
  row: number,
  problem: { field: string } & CodedReason<RejectCode>,
): string {
  const words = rejectWords(language, problem);
  return language === 'ja' ? `${row} 行目: ${words}` : `Row ${row}: ${words}`;
}

/** Why a whole file was refused, in one language. */
export function refusalWords(language: WordsLanguage, reason: CodedReason<RefusalCode>): string {
  return fillWords(FILE_TEXTS[reason.code][language], reason.values);
}

/** The templates themselves, for the test that keeps every code said in both languages. */
export const REASON_TEMPLATES: Readonly<Record<RejectCode | RefusalCode, BilingualWords>> = {
  ...ROW_TEXTS,
  ...FILE_TEXTS,
};

/** A refusing DomainError's details: the file's reason as code and values (`refusal`). */
export function refusalDetails(
  code: RefusalCode,
  values: Record<string, string> = {},
): { refusal: CodedReason<RefusalCode> } {
  return { refusal: { code, values } };
}

/** The reason a refusing DomainError's details carry, if any. */
export function refusalIn(
  details: Readonly<Record<string, unknown>>,
): CodedReason<RefusalCode> | null {
  const refusal = details['refusal'];
  if (typeof refusal !== 'object' || refusal === null) return null;
  const { code, values } = refusal as { code?: unknown; values?: unknown };
  if (typeof code !== 'string' || !isRefusalCode(code)) return null;
  const strings: Record<string, string> = {};
  if (typeof values === 'object' && values !== null)
    for (const [name, value] of Object.entries(values))
      if (typeof value === 'string') strings[name] = value;
  return { code, values: strings };
}

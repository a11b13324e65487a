/**
 * The engine's own loader of a 法人番号 file into the same stored form Musubi writes (decision 015):
 * sqlite3 `.import` / psql `\copy` of the file into a staging table, then one `INSERT … SELECT`
 * that turns the 30 columns into the `actors` table's columns (id, sector, municipality code with
 * its check digit, country, closure, provenance per field) in SQL, into the table of a freshly
 * migrated database with its indexes and search index. The engine gets the same treatment Musubi's
 * bulk load gives itself: the table's secondary indexes (and, on SQLite, its search and
 * data-version triggers) are dropped inside the transaction and built again once at the end, the
 * search index filled by one statement. Without it, SQLite keeps nine indexes and an FTS5 trigger
 * row by row (half an hour for 1 M rows), which would flatter Musubi.
 *
 * The SQL follows `mapHoujinRow` for the rows the generator writes (every row the newest, names
 * without history); `houjin-bench.ts` checks at small sizes that both stored forms are the same.
 */
import type { Dialect } from '#db/sql-client.ts';

export const HOUJIN_STAGING_COLUMNS = Array.from({ length: 30 }, (_, i) => `c${i + 1}`);

/** Columns of `actors` the load writes, and their SQL over the staging row. */
function actorColumns(dialect: Dialect): [string, string][] {
  const digit = (at: number): string =>
    dialect === 'sqlite'
      ? `CAST(substr(c14 || c15, ${at}, 1) AS INTEGER)`
      : `substr(c14 || c15, ${at}, 1)::int`;
  const prefectureOk =
    dialect === 'sqlite'
      ? `(length(c14) = 2 AND c14 BETWEEN '01' AND '47' AND c14 GLOB '[0-9][0-9]')`
      : `(c14 ~ '^(0[1-9]|[1-3][0-9]|4[0-7])$')`;
  const cityOk =
    dialect === 'sqlite'
      ? `(c15 GLOB '[0-9][0-9][0-9]' AND c15 <> '000')`
      : `(c15 ~ '^[0-9]{3}$' AND c15 <> '000')`;
  const checkDigit = `((11 - ((6 * ${digit(1)} + 5 * ${digit(2)} + 4 * ${digit(3)} + 3 * ${digit(4)} + 2 * ${digit(5)}) % 11)) % 10)`;
  const municipality = `CASE WHEN ${prefectureOk} AND ${cityOk} THEN c14 || c15 || ${dialect === 'sqlite' ? checkDigit : `${checkDigit}::text`} END`;
  const has = (pattern: string): string => `c7 LIKE '%${pattern}%'`;
  const any = (patterns: string[]): string => `(${patterns.map(has).join(' OR ')})`;
  const sector = `CASE
    WHEN c9 = '101' THEN 'national_government'
    WHEN c9 = '201' THEN CASE WHEN ${cityOk} THEN 'municipality' ELSE 'prefecture' END
    WHEN ${any(['銀行', '信用金庫', '信用組合', '証券', 'キャピタル'])} THEN 'financial'
    WHEN ${any(['大学', '高等専門学校'])} THEN 'university'
    WHEN ${any(['国立大学法人', '公立大学法人', '学校法人'])} THEN 'school'
    WHEN ${has('国立研究開発法人')} THEN 'national_lab'
    WHEN ${has('地方独立行政法人')} THEN 'public_research'
    WHEN ${any(['特定非営利活動法人', 'NPO法人', 'ＮＰＯ法人'])} THEN 'npo'
    WHEN ${any(['商工会議所', '商工会', '産業振興', '財団法人'])} THEN 'support_org'
    WHEN c9 IN ('301', '302', '303', '304', '305', '401') THEN 'company'
    ELSE 'other' END`;
  const country = `CASE WHEN ${prefectureOk} OR c17 = '' THEN 'JP' END`;
  const object = dialect === 'sqlite' ? 'json_object' : 'jsonb_build_object';
  const from = `${object}('source', 'houjin-bangou', 'on', c5)`;
  // The provenance of every field the row sets (the generated rows set all of these).
  const provenance = `${object}(${[
    'sector',
    'name',
    'nameKana',
    'prefectureCode',
    'municipalityCode',
    'countryCode',
    'corporateNumber',
  ]
    .map((field) => `'${field}', ${from}`)
    .join(', ')})`;
  const emptyList = dialect === 'sqlite' ? `'[]'` : `'[]'::jsonb`;
  const now = dialect === 'sqlite' ? `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` : `now()::text`;
  return [
    ['id', `'corp-' || c2`],
    ['kind', `'organization'`],
    ['sector', sector],
    ['name', 'c7'],
    ['name_en', `NULLIF(c25, '')`],
    ['name_kana', `NULLIF(c29, '')`],
    ['prefecture_code', `CASE WHEN ${prefectureOk} THEN c14 END`],
    ['municipality_code', municipality],
    ['corporate_number', 'c2'],
    ['flags', emptyList],
    ['keywords', emptyList],
    ['source', `'houjin-bangou'`],
    ['country_code', country],
    ['closed_on', `NULLIF(c19, '')`],
    ['successor_corporate_number', `NULLIF(c21, '')`],
    ['field_sources', provenance],
    ['version', '1'],
    ['updated_at', now],
  ];
}

/** `INSERT INTO actors … SELECT … FROM staging`: the file's newest rows as actors. */
export function insertActorsFromStagingSql(dialect: Dialect, staging: string): string {
  const columns = actorColumns(dialect);
  return `INSERT INTO actors (${columns.map(([c]) => `"${c}"`).join(', ')}) SELECT ${columns
    .map(([, sql]) => sql)
    .join(', ')} FROM ${staging} WHERE c24 = '1'`;
}

/** The staging table of the file's 30 text columns. */
export function stagingTableSql(table: string, temporary: boolean): string {
  return `CREATE ${temporary ? 'TEMP ' : ''}TABLE ${table} (${HOUJIN_STAGING_COLUMNS.map((c) => `${c} TEXT`).join(', ')})`;
}

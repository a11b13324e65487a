/**
 * The physical references: the engine's own bulk CSV path (sqlite3 `.import`, PostgreSQL `COPY`)
 * into the tables of migration 1, ending in the same rows Musubi writes (derived relation id, flags
 * as a JSON array, empty cells as NULL, version 1, updated_at), with the same indexes and foreign keys.
 *
 * Both do it the way a DBA would load a CSV into an existing schema: the raw file goes into a
 * temporary staging table of the file's columns, then one INSERT … SELECT moves it into the real
 * table, all in one transaction. The staging step is the floor (a plain table, no index); the INSERT
 * … SELECT pays what Musubi pays in the database: primary key and secondary indexes, foreign keys.
 */

const SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
const PG_NOW = `to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function sqliteActorsScript(csvPath: string): string {
  return `PRAGMA synchronous=NORMAL;
PRAGMA foreign_keys=ON;
PRAGMA cache_size=-65536;
BEGIN;
CREATE TEMP TABLE actors_csv (id TEXT, kind TEXT, sector TEXT, name TEXT, name_kana TEXT, prefecture_code TEXT, corporate_number TEXT, lat REAL, lon REAL, flags TEXT, employees INTEGER, founded_year INTEGER);
.import --csv --skip 1 --schema temp ${csvPath} actors_csv
INSERT INTO actors (id, kind, sector, name, name_kana, prefecture_code, corporate_number, lat, lon, flags, keywords, employees, founded_year, version, updated_at)
SELECT id, kind, sector, name, NULLIF(name_kana, ''), prefecture_code, NULLIF(corporate_number, ''), NULLIF(lat, ''), NULLIF(lon, ''),
  CASE WHEN flags = '' THEN '[]' ELSE '["' || replace(flags, ';', '","') || '"]' END, '[]',
  NULLIF(employees, ''), NULLIF(founded_year, ''), 1, ${SQLITE_NOW}
FROM temp.actors_csv;
DROP TABLE temp.actors_csv;
COMMIT;
`;
}

export function sqliteRelationsScript(csvPath: string): string {
  return `PRAGMA synchronous=NORMAL;
PRAGMA foreign_keys=ON;
PRAGMA cache_size=-65536;
BEGIN;
CREATE TEMP TABLE relations_csv (source_id TEXT, target_id TEXT, type TEXT, weight REAL, start_date TEXT, end_date TEXT);
.import --csv --skip 1 --schema temp ${csvPath} relations_csv
INSERT INTO relations (id, source_id, target_id, type, weight, start_date, end_date, version, updated_at)
SELECT source_id || '>' || target_id || ':' || type || '@' || start_date, source_id, target_id, type, weight,
  NULLIF(start_date, ''), NULLIF(end_date, ''), 1, ${SQLITE_NOW}
FROM temp.relations_csv;
DROP TABLE temp.relations_csv;
COMMIT;
`;
}

export function postgresActorsScript(csvPath: string): string {
  return `\\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE actors_csv (id TEXT, kind TEXT, sector TEXT, name TEXT, name_kana TEXT, prefecture_code TEXT, corporate_number TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, flags TEXT, employees INTEGER, founded_year INTEGER) ON COMMIT DROP;
\\copy actors_csv FROM ${sqlString(csvPath)} WITH (FORMAT csv, HEADER true)
INSERT INTO actors (id, kind, sector, name, name_kana, prefecture_code, corporate_number, lat, lon, flags, keywords, employees, founded_year, version, updated_at)
SELECT id, kind, sector, name, name_kana, prefecture_code, corporate_number, lat, lon,
  COALESCE(to_jsonb(string_to_array(flags, ';')), '[]'::jsonb), '[]'::jsonb, employees, founded_year, 1, ${PG_NOW}
FROM actors_csv;
COMMIT;
`;
}

export function postgresRelationsScript(csvPath: string): string {
  return `\\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE relations_csv (source_id TEXT, target_id TEXT, type TEXT, weight DOUBLE PRECISION, start_date TEXT, end_date TEXT) ON COMMIT DROP;
\\copy relations_csv FROM ${sqlString(csvPath)} WITH (FORMAT csv, HEADER true)
INSERT INTO relations (id, source_id, target_id, type, weight, start_date, end_date, version, updated_at)
SELECT source_id || '>' || target_id || ':' || type || '@' || COALESCE(start_date, ''), source_id, target_id, type, weight,
  start_date, end_date, 1, ${PG_NOW}
FROM relations_csv;
COMMIT;
`;
}

/**
 * Reads the actor network straight into the compact form the network analyses use
 * (`CompactNetwork`): the actor columns they need, and the relations as typed arrays indexed by
 * actor position, through one id → position map. Stored rows are trusted (they were validated when
 * written): no record objects and no schema checks per row, only a lookup of each enumerated value
 * (kind, sector, flag, relation type) and a check that numbers are numbers. A row that fails one
 * (written straight in SQL, or by a newer program) is left out with one line to `report`, as the
 * record read leaves out a record failing its schema (`loadNetwork`), and an actor's ties with it.
 *
 * Actors are read in id order, a page at a time (`WHERE id > ? ORDER BY id LIMIT n`). Relations are
 * read in storage order, which is what a full read costs least: SQLite by rowid pages, PostgreSQL
 * through a cursor fetched a page at a time (one sequential scan, no sort). The order of relations
 * does not change the analyses: the graph built from them is canonical (see `sortCsrRows`). Only a
 * page of rows (as arrays) is in memory at a time.
 */
import type { ActorFlag, ActorKind, Sector } from '#core/vocabulary.ts';
import { ACTOR_FLAGS, ACTOR_KINDS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import {
  dayNumberOf,
  type CompactNetwork,
  type NetworkActor,
  type RelationColumns,
} from '#core/network-columns.ts';
import type { SqlClient, SqlParam } from './sql-client.ts';

const PAGE = 50_000;

const SECTOR_OF = new Map<string, Sector>(SECTORS.map((s) => [s, s]));
const KIND_OF = new Map<string, ActorKind>(ACTOR_KINDS.map((k) => [k, k]));
const FLAG_OF = new Map<string, ActorFlag>(ACTOR_FLAGS.map((f) => [f, f]));
const TYPE_INDEX = new Map<string, number>(RELATION_TYPES.map((t, i) => [t, i]));

/** Where a stored row the compact read cannot use is reported, one line each. */
export type StoredRowReport = (line: string) => void;
const toLog: StoredRowReport = (line) => console.error(line);

/** A stored value the read cannot use: the row is left out. */
class UnusableValue extends Error {
  readonly column: string;
  constructor(column: string, value: unknown, reason: string) {
    super(`stored value "${String(value)}" ${reason}`);
    this.column = column;
  }
}

const unknownValue = (column: string, value: unknown) =>
  new UnusableValue(
    column,
    value,
    'is not a known value (is the database newer than this program?)',
  );

function leftOutLine(table: string, id: unknown, problem: UnusableValue): string {
  return `musubi: ${table} ${String(id)} left out of the network read, field ${problem.column}: ${problem.message}`;
}

/** Rows of `select` (its first column the key `id`), a page at a time, in key order. */
async function eachPage(
  client: SqlClient,
  select: string,
  table: string,
  onPage: (rows: unknown[][]) => void,
): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    const params: SqlParam[] = cursor === undefined ? [PAGE] : [cursor, PAGE];
    const rows = await client.values(
      `SELECT ${select} FROM ${table} ${cursor === undefined ? '' : 'WHERE id > ?'} ORDER BY id LIMIT ?`,
      params,
    );
    if (rows.length === 0) return;
    onPage(rows);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < PAGE) return;
    cursor = String(last[0]);
  }
}

function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function optionalNumber(value: unknown, column: string): number | undefined {
  if (value === null || value === undefined) return undefined;
  const number = Number(value);
  if (value === '' || !Number.isFinite(number))
    throw new UnusableValue(column, value, 'is not a number');
  return number;
}

/** A stored JSON list (text in SQLite, already parsed from PostgreSQL's JSONB). */
function listOf(value: unknown, column: string): unknown[] {
  if (value === null || value === undefined) return [];
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new UnusableValue(column, value, 'is not a JSON list');
    }
  }
  if (!Array.isArray(list)) throw new UnusableValue(column, value, 'is not a list');
  return list;
}

function textListOf(value: unknown, column: string): string[] {
  return listOf(value, column).map(String);
}

function flagsOf(value: unknown): ActorFlag[] {
  const list = listOf(value, 'flags');
  const flags: ActorFlag[] = [];
  for (const item of list) {
    const flag = FLAG_OF.get(String(item));
    if (flag === undefined) throw unknownValue('flags', item);
    flags.push(flag);
  }
  return flags;
}

const ACTOR_SELECT = `id, kind, name, sector, flags, name_en, field, prefecture_code,
  municipality_code, country_code, founded_year, employees, papers, citations, patents,
  career_start_year, in_region_procurement_share, out_of_region_sales_share, growth_rate, source,
  lat, lon, keywords`;

/** One stored actor row (columns of ACTOR_SELECT) as a NetworkActor; throws UnusableValue. */
function actorOf(row: readonly unknown[]): NetworkActor {
  const [id, kindText, name, sectorText, flags] = row;
  const kind = KIND_OF.get(String(kindText));
  if (kind === undefined) throw unknownValue('kind', kindText);
  const sector = SECTOR_OF.get(String(sectorText));
  if (sector === undefined) throw unknownValue('sector', sectorText);
  const actor: NetworkActor = {
    id: String(id),
    kind,
    name: String(name),
    sector,
    flags: flagsOf(flags),
  };
  // Absent fields stay absent (not undefined), as in a record read; one check per column.
  const nameEn = optionalText(row[5]);
  if (nameEn !== undefined) actor.nameEn = nameEn;
  const field = optionalText(row[6]);
  if (field !== undefined) actor.field = field;
  const prefectureCode = optionalText(row[7]);
  if (prefectureCode !== undefined) actor.prefectureCode = prefectureCode;
  const municipalityCode = optionalText(row[8]);
  if (municipalityCode !== undefined) actor.municipalityCode = municipalityCode;
  const countryCode = optionalText(row[9]);
  if (countryCode !== undefined) actor.countryCode = countryCode;
  const foundedYear = optionalNumber(row[10], 'founded_year');
  if (foundedYear !== undefined) actor.foundedYear = foundedYear;
  const employees = optionalNumber(row[11], 'employees');
  if (employees !== undefined) actor.employees = employees;
  const papers = optionalNumber(row[12], 'papers');
  if (papers !== undefined) actor.papers = papers;
  const citations = optionalNumber(row[13], 'citations');
  if (citations !== undefined) actor.citations = citations;
  const patents = optionalNumber(row[14], 'patents');
  if (patents !== undefined) actor.patents = patents;
  const careerStartYear = optionalNumber(row[15], 'career_start_year');
  if (careerStartYear !== undefined) actor.careerStartYear = careerStartYear;
  const procurement = optionalNumber(row[16], 'in_region_procurement_share');
  if (procurement !== undefined) actor.inRegionProcurementShare = procurement;
  const sales = optionalNumber(row[17], 'out_of_region_sales_share');
  if (sales !== undefined) actor.outOfRegionSalesShare = sales;
  const growthRate = optionalNumber(row[18], 'growth_rate');
  if (growthRate !== undefined) actor.growthRate = growthRate;
  const source = optionalText(row[19]);
  if (source !== undefined) actor.source = source;
  const lat = optionalNumber(row[20], 'lat');
  if (lat !== undefined) actor.lat = lat;
  const lon = optionalNumber(row[21], 'lon');
  if (lon !== undefined) actor.lon = lon;
  const keywords = textListOf(row[22], 'keywords');
  if (keywords.length > 0) actor.keywords = keywords;
  return actor;
}

async function readActors(
  client: SqlClient,
  report: (line: string, id: string) => void,
): Promise<NetworkActor[]> {
  const actors: NetworkActor[] = [];
  await eachPage(client, ACTOR_SELECT, 'actors', (rows) => {
    for (const row of rows) {
      try {
        actors.push(actorOf(row));
      } catch (error) {
        if (!(error instanceof UnusableValue)) throw error;
        report(leftOutLine('actors', row[0], error), String(row[0]));
      }
    }
  });
  return actors;
}

/** Growable typed columns: doubled when full, trimmed at the end. */
function createRelationColumns(capacity: number) {
  let size = Math.max(capacity, 1024);
  let source = new Int32Array(size);
  let target = new Int32Array(size);
  let type = new Uint8Array(size);
  let weight = new Float64Array(size);
  let startDay = new Int32Array(size);
  let endDay = new Int32Array(size);
  let generated = new Uint8Array(size);
  let count = 0;
  function grow<T extends Int32Array | Uint8Array | Float64Array>(
    array: T,
    make: (n: number) => T,
  ): T {
    const bigger = make(size);
    bigger.set(array);
    return bigger;
  }
  return {
    push(u: number, v: number, t: number, w: number, start: number, end: number, demo: number) {
      if (count === size) {
        size *= 2;
        source = grow(source, (n) => new Int32Array(n));
        target = grow(target, (n) => new Int32Array(n));
        type = grow(type, (n) => new Uint8Array(n));
        weight = grow(weight, (n) => new Float64Array(n));
        startDay = grow(startDay, (n) => new Int32Array(n));
        endDay = grow(endDay, (n) => new Int32Array(n));
        generated = grow(generated, (n) => new Uint8Array(n));
      }
      source[count] = u;
      target[count] = v;
      type[count] = t;
      weight[count] = w;
      startDay[count] = start;
      endDay[count] = end;
      generated[count] = demo;
      count++;
    },
    done(): RelationColumns {
      return {
        count,
        source: source.slice(0, count),
        target: target.slice(0, count),
        type: type.slice(0, count),
        weight: weight.slice(0, count),
        startDay: startDay.slice(0, count),
        endDay: endDay.slice(0, count),
        generated: generated.slice(0, count),
      };
    },
  };
}

/**
 * The relation columns read; the last is 1 for a tie made by the demo generator, the rule of
 * `isGeneratedSource` (source starting with `demo`) in SQL, so no source text crosses per row.
 */
const RELATION_COLUMNS = `source_id, target_id, type, weight, start_date, end_date,
  CASE WHEN substr(source, 1, 4) = 'demo' THEN 1 ELSE 0 END`;

/** Every relation row, a page at a time, in storage order. */
async function eachRelationPage(
  client: SqlClient,
  page: number,
  onPage: (rows: unknown[][]) => void,
): Promise<void> {
  if (client.dialect === 'sqlite') {
    let cursor = 0;
    for (;;) {
      const rows = await client.values(
        `SELECT ${RELATION_COLUMNS}, rowid FROM relations WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        [cursor, page],
      );
      if (rows.length === 0) return;
      onPage(rows);
      if (rows.length < page) return;
      cursor = Number(rows[rows.length - 1]?.[7]);
    }
  }
  await client.transaction(async (tx) => {
    await tx.run(
      `DECLARE network_relations NO SCROLL CURSOR FOR SELECT ${RELATION_COLUMNS} FROM relations`,
    );
    for (;;) {
      const rows = await tx.values(`FETCH FORWARD ${page} FROM network_relations`);
      if (rows.length === 0) break;
      onPage(rows);
      if (rows.length < page) break;
    }
    await tx.run('CLOSE network_relations');
  });
}

async function readRelations(
  client: SqlClient,
  indexOf: ReadonlyMap<string, number>,
  leftOut: ReadonlySet<string>,
  report: StoredRowReport,
  page: number,
): Promise<RelationColumns> {
  const [countRow] = await client.values('SELECT count(*) FROM relations');
  const columns = createRelationColumns(Number(countRow?.[0] ?? 0));
  let withLeftOut = 0;
  await eachRelationPage(client, page, (rows) => {
    for (const row of rows) {
      const [sourceId, targetId, typeText, weightValue, start, end, demo] = row;
      const u = indexOf.get(String(sourceId));
      const v = indexOf.get(String(targetId));
      // Foreign keys keep both ends stored; a tie to an actor deleted mid-read is left out, and
      // the ties of an actor left out above go with it.
      if (u === undefined || v === undefined) {
        if (leftOut.has(String(sourceId)) || leftOut.has(String(targetId))) withLeftOut++;
        continue;
      }
      try {
        const t = TYPE_INDEX.get(String(typeText));
        if (t === undefined) throw unknownValue('type', typeText);
        const weight = optionalNumber(weightValue, 'weight') ?? 1;
        columns.push(
          u,
          v,
          t,
          weight,
          dayNumberOf(optionalText(start)),
          dayNumberOf(optionalText(end)),
          Number(demo) === 1 ? 1 : 0,
        );
      } catch (error) {
        if (!(error instanceof UnusableValue)) throw error;
        report(leftOutLine('relations', `${String(sourceId)}>${String(targetId)}`, error));
      }
    }
  });
  if (withLeftOut > 0)
    report(
      `musubi: ${withLeftOut} relations of the actors left out (${[...leftOut].join(', ')}) left out with them`,
    );
  return columns.done();
}

export interface ReadOptions {
  /** Relation rows per page (tests page through small networks). */
  readonly relationPage?: number | undefined;
}

/**
 * The whole actor network in compact form (actors in id order, relations in storage order); a row
 * it cannot use is left out with a line to `report` (the log by default).
 */
export async function readCompactNetwork(
  client: SqlClient,
  report: StoredRowReport = toLog,
  options: ReadOptions = {},
): Promise<CompactNetwork> {
  const leftOut = new Set<string>();
  const actors = await readActors(client, (line, id) => {
    leftOut.add(id);
    report(line);
  });
  const indexOf = new Map<string, number>();
  for (let i = 0; i < actors.length; i++) indexOf.set((actors[i] as NetworkActor).id, i);
  const relations = await readRelations(
    client,
    indexOf,
    leftOut,
    report,
    options.relationPage ?? PAGE,
  );
  return { actors, relations };
}

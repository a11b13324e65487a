/**
 * Reads the actor network straight into the compact form the network analyses use
 * (`CompactNetwork`): the actor columns they need, and the relations as typed arrays indexed by
 * actor position. Stored rows are trusted (they were validated when
 * written): no record objects and no schema checks per row, only a lookup of each enumerated value
 * (kind, sector, flag, relation type) and a check that numbers are numbers. A row that fails one
 * (written straight in SQL, or by a newer program) is left out with one line to `report`, as the
 * record read leaves out a record failing its schema (`loadNetwork`), and an actor's ties with it.
 *
 * Actors are read in id order, a page at a time (`WHERE id > ? ORDER BY id LIMIT n`). Relations are
 * read in storage order, which is what a full read costs least, and as packed bytes rather than
 * row arrays and id strings (`packed-relation-text.ts`; ids looked up by their bytes in an
 * `IdByteTable`): SQLite by rowid ranges, each one row of packed columns, PostgreSQL by one
 * `COPY … TO STDOUT` (one sequential scan, no sort). A row the packed form cannot give exactly
 * goes through the same rules as a row read (`takeRow`). The order of relations does not change
 * the analyses: the graph built from them is canonical (see `sortCsrRows`). Only a page of
 * relations (or a chunk of COPY text) is in memory at a time besides the columns.
 */
import type { ActorFlag, ActorKind, Sector } from '#core/vocabulary.ts';
import { ACTOR_FLAGS, ACTOR_KINDS, RELATION_TYPES, SECTORS } from '#core/vocabulary.ts';
import {
  dayNumberOf,
  type CompactNetwork,
  type NetworkActor,
  type RelationColumns,
} from '#core/network-columns.ts';
import { IdByteTable } from './id-byte-table.ts';
import {
  CopyTextRelationReader,
  PageScratch,
  readPackedPage,
  UNIT,
  type ActorLookup,
  type PackedPage,
} from './packed-relation-text.ts';
import { canCopyFrom } from './pg-client.ts';
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

    /** The columns, trimmed to the rows pushed (no copy when the count was right). */
    done(): RelationColumns {
      const trim = <T extends Int32Array | Uint8Array | Float64Array>(array: T): T =>
        count === size ? array : (array.slice(0, count) as T);
      return {
        count,
        source: trim(source),
        target: trim(target),
        type: trim(type),
        weight: trim(weight),
        startDay: trim(startDay),
        endDay: trim(endDay),
        generated: trim(generated),
      };
    },
  };
}

/**
 * The relation columns read; the last is 1 for a tie made by the demo generator, the rule of
 * `isGeneratedSource` (source starting with `demo`) in SQL, so no source text crosses per row.
 */
const DEMO_FLAG = `CASE WHEN substr(source, 1, 4) = 'demo' THEN 1 ELSE 0 END`;
const RELATION_COLUMNS = `source_id, target_id, type, weight, start_date, end_date, ${DEMO_FLAG}`;

const UNIT_TEXT = String.fromCharCode(UNIT);
/** `source` starts with `demo` (the BINARY order: no text between 'demo…' and 'demp'). */
const DEMO_DIGIT = `(CASE WHEN source >= 'demo' AND source < 'demp' THEN 1 ELSE 0 END)`;

/**
 * One SQLite page of rowids as columns of packed text (`readPackedPage`), with the counts that
 * tell a NULL where it must not be (`group_concat` leaves NULLs out): one scan of the rowid range,
 * each aggregate fed the same rows in the same order.
 */
const PACKED_PAGE = `SELECT count(*), count(source_id), count(target_id), count(type), count(weight),
  CAST(group_concat(source_id, '${UNIT_TEXT}') AS BLOB),
  CAST(group_concat(target_id, '${UNIT_TEXT}') AS BLOB),
  CAST(group_concat(type, '${UNIT_TEXT}') AS BLOB),
  CAST(group_concat(ifnull(weight, ''), '${UNIT_TEXT}') AS BLOB),
  CAST(group_concat(ifnull(start_date, ''), '${UNIT_TEXT}') AS BLOB),
  CAST(group_concat(ifnull(end_date, ''), '${UNIT_TEXT}') AS BLOB),
  CAST(group_concat(${DEMO_DIGIT}, '') AS BLOB)
  FROM relations WHERE rowid > ? AND rowid <= ?`;

const ROW_PAGE = `SELECT ${RELATION_COLUMNS} FROM relations WHERE rowid > ? AND rowid <= ? ORDER BY rowid`;

const bytesOf = (value: unknown) => (value instanceof Uint8Array ? value : new Uint8Array(0));

/** The packed page of `packed` (a PACKED_PAGE row), or undefined when a NULL id or type is in it. */
function packedPageOf(packed: readonly unknown[]): PackedPage | undefined {
  const rows = Number(packed[0]);
  if (Number(packed[1]) !== rows || Number(packed[2]) !== rows || Number(packed[3]) !== rows)
    return undefined;
  return {
    rows,
    weights: Number(packed[4]),
    source: bytesOf(packed[5]),
    target: bytesOf(packed[6]),
    type: bytesOf(packed[7]),
    weight: bytesOf(packed[8]),
    start: bytesOf(packed[9]),
    end: bytesOf(packed[10]),
    demo: bytesOf(packed[11]),
  };
}

interface RelationRead {
  readonly columns: ReturnType<typeof createRelationColumns>;
  readonly actors: ActorLookup;
  /** The row read's rules for one row (as the driver gives it); adds to the columns or reports. */
  takeRow(row: readonly unknown[]): void;
  /** Ties of left-out actors passed over. */
  withLeftOut: number;
  readonly observe: (read: RelationPageRead) => void;
}

/**
 * SQLite, in ranges of `page` rowids (one range scan each, in rowid order): each range as packed
 * columns (a few strings for 50,000 rows, no row arrays); a range it cannot read that way (a dirty
 * row) is read again as rows by the row read's rules.
 */
async function readSqliteRelations(client: SqlClient, read: RelationRead, page: number) {
  const scratch = new PageScratch(page);
  let after = 0;
  for (;;) {
    const [packed] = await client.values(PACKED_PAGE, [after, after + page]);
    if (Number(packed?.[0] ?? 0) === 0) {
      // A gap in the rowids (rows deleted): go on from the next one, if any.
      const [next] = await client.values('SELECT min(rowid) FROM relations WHERE rowid > ?', [
        after,
      ]);
      if (next?.[0] === null || next?.[0] === undefined) return;
      after = Number(next[0]) - 1;
      continue;
    }
    const unpacked = packed === undefined ? undefined : packedPageOf(packed);
    const passed =
      unpacked === undefined ? -1 : readPackedPage(unpacked, read.actors, scratch, read.columns);
    read.observe(passed >= 0 ? 'packed' : 'rows');
    if (passed >= 0) read.withLeftOut += passed;
    else for (const row of await client.values(ROW_PAGE, [after, after + page])) read.takeRow(row);
    after += page;
  }
}

/** PostgreSQL: one `COPY (SELECT …) TO STDOUT` read as it streams (one scan, no row objects). */
async function readPostgresRelations(client: SqlClient, read: RelationRead, page: number) {
  await client.transaction(async (tx) => {
    if (canCopyFrom(tx)) {
      const reader = new CopyTextRelationReader(read.actors, read.columns, read.takeRow);
      for await (const chunk of tx.copyTo(
        `COPY (SELECT ${RELATION_COLUMNS} FROM relations) TO STDOUT`,
      ))
        reader.write(chunk);
      reader.end();
      read.observe('copy');
      return;
    }
    await tx.run(
      `DECLARE network_relations NO SCROLL CURSOR FOR SELECT ${RELATION_COLUMNS} FROM relations`,
    );
    for (;;) {
      const rows = await tx.values(`FETCH FORWARD ${page} FROM network_relations`);
      for (const row of rows) read.takeRow(row);
      if (rows.length < page) break;
    }
    await tx.run('CLOSE network_relations');
  });
}

async function readRelations(
  client: SqlClient,
  actors: readonly NetworkActor[],
  leftOut: ReadonlySet<string>,
  report: StoredRowReport,
  options: ReadOptions,
): Promise<RelationColumns> {
  const page = options.relationPage ?? PAGE;
  const [countRow] = await client.values('SELECT count(*) FROM relations');
  const columns = createRelationColumns(Number(countRow?.[0] ?? 0));
  // The id → position map only for ids the byte table does not hold (see `IdByteTable`).
  let indexOf: Map<string, number> | undefined;
  const positionOf = (id: string) => {
    indexOf ??= new Map(actors.map((actor, i) => [actor.id, i]));
    return indexOf.get(id);
  };
  const read: RelationRead = {
    columns,
    actors: {
      ids: new IdByteTable(actors.map((actor) => actor.id)),
      positionOf,
      isLeftOut: (id) => leftOut.has(id),
    },
    withLeftOut: 0,
    observe: options.onRelationPage ?? (() => undefined),
    takeRow(row) {
      const [sourceId, targetId, typeText, weightValue, start, end, demo] = row;
      const u = positionOf(String(sourceId));
      const v = positionOf(String(targetId));
      // Foreign keys keep both ends stored; a tie to an actor deleted mid-read is left out, and
      // the ties of an actor left out above go with it.
      if (u === undefined || v === undefined) {
        if (leftOut.has(String(sourceId)) || leftOut.has(String(targetId))) read.withLeftOut++;
        return;
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
    },
  };
  if (client.dialect === 'sqlite') await readSqliteRelations(client, read, page);
  else await readPostgresRelations(client, read, page);
  if (read.withLeftOut > 0)
    report(
      `musubi: ${read.withLeftOut} relations of the actors left out (${[...leftOut].join(', ')}) left out with them`,
    );
  return columns.done();
}

export interface ReadOptions {
  /** Relation rows per page (tests page through small networks). */
  readonly relationPage?: number | undefined;
  /** Told how each relation page was read (SQLite), or that PostgreSQL's rows came by COPY. */
  readonly onRelationPage?: ((read: RelationPageRead) => void) | undefined;
}

export type RelationPageRead = 'packed' | 'rows' | 'copy';

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
  const relations = await readRelations(client, actors, leftOut, report, options);
  return { actors, relations };
}

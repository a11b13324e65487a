/**
 * Reads the actor network straight into the compact form the network analyses use
 * (`CompactNetwork`): the few actor columns they need, and the relations as typed arrays indexed by
 * actor position, through one id → position map. Stored rows are trusted (they were validated when
 * written): no record objects and no schema checks per row, only a lookup of each enumerated value
 * (sector, flag, relation type) so that nothing unknown slips through unnoticed.
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

function storedValueError(table: string, id: unknown, column: string, value: unknown): Error {
  return new Error(
    `${table} ${String(id)}: stored ${column} "${String(value)}" is not a known value (is the database newer than this program?)`,
  );
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

function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

function flagsOf(value: unknown, id: unknown): ActorFlag[] {
  if (value === null || value === undefined) return [];
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list)) throw storedValueError('actors', id, 'flags', value);
  const flags: ActorFlag[] = [];
  for (const item of list) {
    const flag = FLAG_OF.get(String(item));
    if (flag === undefined) throw storedValueError('actors', id, 'flags', item);
    flags.push(flag);
  }
  return flags;
}

async function readActors(client: SqlClient): Promise<NetworkActor[]> {
  const actors: NetworkActor[] = [];
  await eachPage(
    client,
    'id, kind, name, name_en, field, sector, flags, prefecture_code, municipality_code, country_code, founded_year, employees',
    'actors',
    (rows) => {
      for (const row of rows) {
        const [
          id,
          kindText,
          name,
          nameEn,
          field,
          sectorText,
          flags,
          prefecture,
          municipality,
          country,
          founded,
          employees,
        ] = row;
        const kind = KIND_OF.get(String(kindText));
        if (kind === undefined) throw storedValueError('actors', id, 'kind', kindText);
        const sector = SECTOR_OF.get(String(sectorText));
        if (sector === undefined) throw storedValueError('actors', id, 'sector', sectorText);
        const actor: NetworkActor = {
          id: String(id),
          kind,
          name: String(name),
          sector,
          flags: flagsOf(flags, id),
        };
        const englishName = optionalText(nameEn);
        if (englishName !== undefined) actor.nameEn = englishName;
        const fieldText = optionalText(field);
        if (fieldText !== undefined) actor.field = fieldText;
        const prefectureCode = optionalText(prefecture);
        if (prefectureCode !== undefined) actor.prefectureCode = prefectureCode;
        const municipalityCode = optionalText(municipality);
        if (municipalityCode !== undefined) actor.municipalityCode = municipalityCode;
        const countryCode = optionalText(country);
        if (countryCode !== undefined) actor.countryCode = countryCode;
        const foundedYear = optionalNumber(founded);
        if (foundedYear !== undefined) actor.foundedYear = foundedYear;
        const employeeCount = optionalNumber(employees);
        if (employeeCount !== undefined) actor.employees = employeeCount;
        actors.push(actor);
      }
    },
  );
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
    push(u: number, v: number, t: number, w: number, start: number, end: number) {
      if (count === size) {
        size *= 2;
        source = grow(source, (n) => new Int32Array(n));
        target = grow(target, (n) => new Int32Array(n));
        type = grow(type, (n) => new Uint8Array(n));
        weight = grow(weight, (n) => new Float64Array(n));
        startDay = grow(startDay, (n) => new Int32Array(n));
        endDay = grow(endDay, (n) => new Int32Array(n));
      }
      source[count] = u;
      target[count] = v;
      type[count] = t;
      weight[count] = w;
      startDay[count] = start;
      endDay[count] = end;
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
      };
    },
  };
}

const RELATION_COLUMNS = 'source_id, target_id, type, weight, start_date, end_date';

/** Every relation row, a page at a time, in storage order. */
async function eachRelationPage(
  client: SqlClient,
  onPage: (rows: unknown[][]) => void,
): Promise<void> {
  if (client.dialect === 'sqlite') {
    let cursor = 0;
    for (;;) {
      const rows = await client.values(
        `SELECT ${RELATION_COLUMNS}, rowid FROM relations WHERE rowid > ? ORDER BY rowid LIMIT ?`,
        [cursor, PAGE],
      );
      if (rows.length === 0) return;
      onPage(rows);
      if (rows.length < PAGE) return;
      cursor = Number(rows[rows.length - 1]?.[6]);
    }
  }
  await client.transaction(async (tx) => {
    await tx.run(
      `DECLARE network_relations NO SCROLL CURSOR FOR SELECT ${RELATION_COLUMNS} FROM relations`,
    );
    for (;;) {
      const rows = await tx.values(`FETCH FORWARD ${PAGE} FROM network_relations`);
      if (rows.length === 0) break;
      onPage(rows);
      if (rows.length < PAGE) break;
    }
    await tx.run('CLOSE network_relations');
  });
}

async function readRelations(
  client: SqlClient,
  indexOf: ReadonlyMap<string, number>,
): Promise<RelationColumns> {
  const [countRow] = await client.values('SELECT count(*) FROM relations');
  const columns = createRelationColumns(Number(countRow?.[0] ?? 0));
  await eachRelationPage(client, (rows) => {
    for (const row of rows) {
      const [sourceId, targetId, typeText, weight, start, end] = row;
      const u = indexOf.get(String(sourceId));
      const v = indexOf.get(String(targetId));
      // Foreign keys keep both ends stored; a tie to an actor deleted mid-read is left out.
      if (u === undefined || v === undefined) continue;
      const t = TYPE_INDEX.get(String(typeText));
      if (t === undefined)
        throw storedValueError(
          'relations',
          `${String(sourceId)}>${String(targetId)}`,
          'type',
          typeText,
        );
      columns.push(
        u,
        v,
        t,
        weight === null || weight === undefined ? 1 : Number(weight),
        dayNumberOf(optionalText(start)),
        dayNumberOf(optionalText(end)),
      );
    }
  });
  return columns.done();
}

/** The whole actor network in compact form (actors in id order, relations in storage order). */
export async function readCompactNetwork(client: SqlClient): Promise<CompactNetwork> {
  const actors = await readActors(client);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < actors.length; i++) indexOf.set((actors[i] as NetworkActor).id, i);
  const relations = await readRelations(client, indexOf);
  return { actors, relations };
}

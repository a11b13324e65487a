import { afterEach, describe, expect, it } from 'vitest';
import { dayNumberOf, type CompactNetwork } from '#core/network-columns.ts';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import { buildActor } from '#test/factories.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { readCompactNetwork } from './network-reader.ts';
import type { Database } from './open-database.ts';

/**
 * The relation read gives, row for row in storage order, what the rules say: endpoints by actor,
 * the type's position, the weight (1 when absent), the days, the demo flag; rows it cannot use
 * left out with one line each. Rows are written straight in SQL, so they can be what no import
 * would write: ids in Japanese, with control characters, quotes and backslashes, text weights,
 * odd dates, unknown types, ends that are not actors.
 */

/** Actor ids the rows use: plain, multi-byte, astral, and holding bytes a packed text could use. */
const ACTOR_IDS = [
  'a001',
  'a002',
  '株式会社結び',
  '東京都🍣研究所',
  'ｶﾅ-半角',
  'sep\u001funit',
  'sep\u001erecord',
  'sep\u001dgroup',
  'back\\slash',
  'tab\there',
  'line\nbreak',
  'cr\rreturn',
  'quote"\'',
  'comma,semi;',
  'N',
  '\\N',
  'null',
  'é\u0301combining',
  'odd',
];

interface StoredRelation {
  source: string | null;
  target: string | null;
  type: string | null;
  weight: number | string | null;
  start: string | null;
  end: string | null;
  origin: string | null;
}

const SOURCES = [null, 'demo', 'demo (synthetic)', 'KAKEN', 'Demo', 'de', 'デモ'];
const DATES = [
  null,
  '2020-01-05',
  '',
  '1999-12-31',
  '2020-13-40',
  '2020-1-5',
  '1970-01-01',
  '0099-02-03',
];
const WEIGHTS = [null, 1, 0, 2.5, 0.1 + 0.2, 1e-7, 1e300, -3, 123456789.123, 5e-324, 7];

function storedRelations(engine: 'sqlite' | 'postgres'): StoredRelation[] {
  const rows: StoredRelation[] = [];
  const usable = ACTOR_IDS.filter((id) => id !== 'odd');
  for (let r = 0; r < 260; r++) {
    rows.push({
      source: usable[r % usable.length] ?? 'a001',
      target: usable[(r * 7 + 3) % usable.length] ?? 'a002',
      type: RELATION_TYPES[r % RELATION_TYPES.length] ?? 'mou',
      weight: WEIGHTS[r % WEIGHTS.length] ?? null,
      start: DATES[r % DATES.length] ?? null,
      end: DATES[(r * 3 + 1) % DATES.length] ?? null,
      origin: SOURCES[r % SOURCES.length] ?? null,
    });
  }
  // Rows no import writes: an unknown type, ties of an actor left out, ends that are no actor.
  const odd = (at: number, row: Partial<StoredRelation>) =>
    rows.splice(at, 0, { ...(rows[at] as StoredRelation), ...row });
  odd(5, { type: 'teleport' });
  odd(6, { type: 'mo\u001fu' });
  odd(40, { source: 'odd' });
  odd(41, { target: 'odd', type: 'teleport' });
  odd(90, { source: 'ghost' });
  odd(91, { target: 'ghost\u001e' });
  odd(120, { type: '' });
  // A NULL end reads as the text "null" (an actor of that id here), a NULL type as unknown.
  odd(150, { source: null });
  odd(151, { type: null });
  if (engine === 'sqlite') {
    // SQLite keeps text a REAL column cannot convert; PostgreSQL refuses it.
    odd(130, { weight: 'abc' });
    odd(131, { weight: '' });
    odd(132, { weight: '12' });
    odd(133, { weight: ' 4 ' });
    odd(134, { weight: 'Infinity' });
  }
  odd(200, { start: '2021-02-03', end: null });
  return rows;
}

/** What the rules give for `rows`, with endpoints as ids (actor order is the engine's). */
function expectedRead(rows: StoredRelation[], actorIds: ReadonlySet<string>, leftOut: string) {
  const kept: unknown[][] = [];
  const lines: string[] = [];
  let withLeftOut = 0;
  for (const row of rows) {
    const source = String(row.source);
    const target = String(row.target);
    if (!actorIds.has(source) || !actorIds.has(target)) {
      if (source === leftOut || target === leftOut) withLeftOut++;
      continue;
    }
    const type = RELATION_TYPES.indexOf(String(row.type) as (typeof RELATION_TYPES)[number]);
    const id = `${source}>${target}`;
    if (type < 0) {
      lines.push(
        `musubi: relations ${id} left out of the network read, field type: stored value "${String(row.type)}" is not a known value (is the database newer than this program?)`,
      );
      continue;
    }
    let weight = 1;
    if (row.weight !== null) {
      weight = Number(row.weight);
      if (row.weight === '' || !Number.isFinite(weight)) {
        lines.push(
          `musubi: relations ${id} left out of the network read, field weight: stored value "${row.weight}" is not a number`,
        );
        continue;
      }
    }
    kept.push([
      source,
      target,
      type,
      weight,
      // Stored in Int32Array columns: an unreadable date (NaN) is 0 there.
      dayNumberOf(row.start) | 0,
      dayNumberOf(row.end) | 0,
      row.origin?.startsWith('demo') ? 1 : 0,
    ]);
  }
  if (withLeftOut > 0)
    lines.push(
      `musubi: ${withLeftOut} relations of the actors left out (${leftOut}) left out with them`,
    );
  return { kept, lines };
}

function readRows(network: CompactNetwork): unknown[][] {
  const { actors, relations: r } = network;
  const idAt = (position: number | undefined) => actors[position ?? -1]?.id;
  return Array.from({ length: r.count }, (_, i) => [
    idAt(r.source[i]),
    idAt(r.target[i]),
    r.type[i],
    r.weight[i],
    r.startDay[i],
    r.endDay[i],
    r.generated[i],
  ]);
}

async function storeNetwork(db: Database, rows: StoredRelation[]): Promise<void> {
  await db.repos
    .entity('actors')
    .upsertMany(ACTOR_IDS.map((_, i) => buildActor({ id: `placeholder-${i}` })));
  for (const [i, id] of ACTOR_IDS.entries())
    await db.client.run('UPDATE actors SET id = ? WHERE id = ?', [id, `placeholder-${i}`]);
  // Written past every check: a sector this program does not know.
  await db.client.run(`UPDATE actors SET sector = 'spaceship' WHERE id = 'odd'`);
  // Ends that are no actor: foreign keys off for the writing.
  if (db.client.dialect === 'sqlite') await db.client.exec('PRAGMA foreign_keys = OFF');
  else await db.client.exec('ALTER TABLE relations DISABLE TRIGGER ALL');
  for (const [i, row] of rows.entries())
    await db.client.run(
      `INSERT INTO relations (id, source_id, target_id, type, weight, start_date, end_date, source, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01T00:00:00Z')`,
      [`r${i}`, row.source, row.target, row.type, row.weight, row.start, row.end, row.origin],
    );
  if (db.client.dialect === 'sqlite') await db.client.exec('PRAGMA foreign_keys = ON');
  else await db.client.exec('ALTER TABLE relations ENABLE TRIGGER ALL');
}

describe.each(TEST_DATABASES)('the relation read of the compact network on $name', (kind) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('gives every row as the rules say, in storage order, whatever the ids hold', async () => {
    db = await kind.open();
    const rows = storedRelations(kind.name);
    await storeNetwork(db, rows);
    const actorIds = new Set(ACTOR_IDS.filter((id) => id !== 'odd'));
    const expected = expectedRead(rows, actorIds, 'odd');
    expect(expected.kept.length).toBeGreaterThan(200);
    for (const pageSize of [undefined, 1, 7, 50]) {
      const lines: string[] = [];
      const reads: string[] = [];
      const network = await readCompactNetwork(db.client, (line) => lines.push(line), {
        relationPage: pageSize,
        onRelationPage: (read) => reads.push(read),
      });
      if (kind.name === 'postgres') expect(reads).toEqual(['copy']);
      else if (pageSize === 1) {
        // Page by page: the rows holding a unit separator (in an id or a type), an unknown
        // type, a text weight or a NULL id or type are read as rows, every other packed.
        const rowReads = reads.filter((read) => read === 'rows').length;
        expect(reads.length).toBe(rows.length);
        expect(rowReads).toBeGreaterThan(rows.length / 20);
        expect(rowReads).toBeLessThan(rows.length / 2);
      }
      expect(new Set(network.actors.map((a) => a.id))).toEqual(actorIds);
      expect(readRows(network)).toEqual(expected.kept);
      expect(lines.slice(1)).toEqual(expected.lines);
      expect(lines[0]).toMatch(/^musubi: actors odd left out of the network read, field sector/);
    }
  });

  it('reads the weights back bit for bit', async () => {
    db = await kind.open();
    await db.repos.entity('actors').upsertMany([buildActor({ id: 'u' }), buildActor({ id: 'v' })]);
    const weights: number[] = [];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 300; i++) {
      const scale = 10 ** Math.floor(random() * 40 - 20);
      weights.push((random() - 0.3) * scale, Math.round(random() * 1000) / 100, i / 7);
    }
    weights.push(Number.MAX_VALUE, Number.MIN_VALUE, 0.1, 1 / 3, 2 ** 53 + 2, 1e21, 1e22, 1e23);
    for (const [i, weight] of weights.entries())
      await db.client.run(
        `INSERT INTO relations (id, source_id, target_id, type, weight, updated_at)
         VALUES (?, 'u', 'v', 'mou', ?, '2025-01-01T00:00:00Z')`,
        [`w${i}`, weight],
      );
    const reads: string[] = [];
    const network = await readCompactNetwork(db.client, undefined, {
      onRelationPage: (read) => reads.push(read),
    });
    expect(Array.from(network.relations.weight)).toEqual(weights);
    // Clean rows: never read again as rows.
    expect(reads).toEqual([kind.name === 'sqlite' ? 'packed' : 'copy']);
  });
});

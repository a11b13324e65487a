import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '#core/domain-error.ts';
import type { Database } from '#db/open-database.ts';
import { TEST_DATABASES } from '#test/test-databases.ts';
import { importRecords, type ImportOptions, type RejectedRow } from './import-records.ts';
import { openRecordSource } from './read-records.ts';
import { ENTITY_SPECS } from '#core/entities/registry.ts';
import {
  batchParts,
  holdsQuoteOrCarriageReturn,
  PACKED_FIELDS,
  readRelationBatches,
} from './relation-csv-batches.ts';

const dir = mkdtempSync(join(tmpdir(), 'musubi-relation-batches-'));
let fileCounter = 0;
function file(name: string, content: string | Buffer): string {
  fileCounter += 1;
  const path = join(dir, `${fileCounter}-${name}`);
  writeFileSync(path, content);
  return path;
}

const ACTORS = ['id,kind,sector,name,prefecture_code', 'a1,organization,company,甲,37']
  .concat(Array.from({ length: 6 }, (_, i) => `a${i + 2},organization,company,乙${i},13`))
  .join('\n');

const HEADER = 'source_id,target_id,type,weight,start_date,end_date,note,confirmed_at,source';

/** Plain rows, odd but valid rows, and bad rows of every kind, in the middle of plain ones. */
function mixedLines(): Buffer[] {
  const lines = [
    'a1,a2,mou,1,,,,,',
    'a1,a3,mou,2.5,2020-01-01,2021-03-31,共同研究,2024-04-01,法人番号',
    ' a2 , a3 ,joint_research,１,,,  memo  ,,',
    '',
    'a1,a2,mou,1,,,,,',
    'a1,a4,friends,1,,,,,',
    'a1,zz,mou,1,,,,,',
    'zz,yy,mou,1,,,,,',
    'a2,a4,mou,-1,,,,,',
    'a2,a5,mou,1,,,,,,extra',
    'a2,a5,mou,1,,,,,,',
    'a2,a6,mou',
    "a3,a4,license,,,,'=SUM(A1),,",
    'a3,a5,license,1,2021-01-01,2020-01-01,,,',
    'a3,a6,loan,1,,,a\u0000b,,',
    'a4,a5,grant,1e3,,,,,',
    'a4,a6,grant,0,,,,,',
    ...Array.from(
      { length: 40 },
      (_, i) => `a${(i % 6) + 1},a${((i + 1) % 6) + 1},sales,${i},${2000 + i}-01-01,,,,`,
    ),
  ].map((line) => Buffer.from(`${line}\n`));
  // Bytes that are not UTF-8 in a note.
  lines.splice(
    5,
    0,
    Buffer.concat([Buffer.from('a5,a6,mou,1,,,'), Buffer.from([0xff, 0xfe]), Buffer.from(',,\n')]),
  );
  return lines;
}

/** The same file twice: as is (read from its bytes) and with its header quoted (read by csv-parse). */
function twoWays(lines: Buffer[]): { packed: string; parsed: string } {
  const body = Buffer.concat(lines);
  const packed = file('packed.csv', Buffer.concat([Buffer.from(`${HEADER}\n`), body]));
  const quoted = HEADER.replace('source_id', '"source_id"');
  const parsed = file('parsed.csv', Buffer.concat([Buffer.from(`${quoted}\n`), body]));
  return { packed, parsed };
}

describe.each(TEST_DATABASES)('relations read from their bytes on $name', (kind) => {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close();
  });
  async function withActors(): Promise<Database> {
    const db = await kind.open();
    opened.push(db);
    const source = await openRecordSource(file('actors.csv', ACTORS));
    await importRecords(db.repos, 'actors', source);
    return db;
  }
  async function load(db: Database, path: string, options: ImportOptions = {}) {
    const rejected: RejectedRow[] = [];
    const source = await openRecordSource(path);
    try {
      const report = await importRecords(db.repos, 'relations', source, {
        ...options,
        onRejected: (row) => rejected.push(row),
      });
      return { report, rejected };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { error: error.message, report: error.details['report'], rejected };
    }
  }
  const stored = (db: Database) =>
    db.client.all(
      'SELECT id, source_id, target_id, type, weight, start_date, end_date, note, confirmed_at, source, version FROM relations ORDER BY id',
    );

  it('takes the file without quotes by the fast path only', async () => {
    const { packed, parsed } = twoWays(mixedLines());
    expect(await holdsQuoteOrCarriageReturn(packed)).toBe(false);
    expect(await holdsQuoteOrCarriageReturn(parsed)).toBe(true);
    expect(
      await holdsQuoteOrCarriageReturn(file('crlf.csv', `${HEADER}\r\na1,a2,mou,1,,,,,\r\n`)),
    ).toBe(true);
  });

  for (const partial of [true, false])
    for (const batchSize of [1, 3, 2000])
      it(`gives the verdicts and rows of the full parse (partial: ${partial}, batches of ${batchSize})`, async () => {
        const { packed, parsed } = twoWays(mixedLines());
        const fast = await withActors();
        const full = await withActors();
        const fastLoad = await load(fast, packed, {
          partial,
          batchSize,
          readInThread: batchSize === 3,
          ownConnection: true,
        });
        const fullLoad = await load(full, parsed, { partial, batchSize });
        expect(fastLoad).toEqual(fullLoad);
        expect(fastLoad.rejected.length).toBeGreaterThan(8);
        expect(await stored(fast)).toEqual(await stored(full));
        expect((await stored(fast)).length).toBe(partial ? 48 : 0);
      });

  it('in a dry run, counts the rows and writes none', async () => {
    const { packed, parsed } = twoWays(mixedLines());
    const fast = await withActors();
    const fastLoad = await load(fast, packed, { partial: true, dryRun: true, batchSize: 4 });
    const fullLoad = await load(await withActors(), parsed, {
      partial: true,
      dryRun: true,
      batchSize: 4,
    });
    expect(fastLoad).toEqual(fullLoad);
    expect(await stored(fast)).toEqual([]);
  });

  it('writes nothing when a bad row comes after many written batches', async () => {
    const good = Array.from(
      { length: 6000 },
      (_, i) =>
        `a${(i % 7) + 1},a${((i + 3) % 7) + 1},sales,1,${String(1000 + Math.floor(i / 7)).padStart(4, '0')}-01-01,,,,`,
    );
    const lines = [...good.slice(0, 5000), 'a1,nobody,mou,1,,,,,', ...good.slice(5000)];
    const db = await withActors();
    const path = file('late-bad.csv', `${HEADER}\n${lines.join('\n')}\n`);
    const result = await load(db, path, {
      batchSize: 500,
      readInThread: true,
      ownConnection: true,
    });
    expect(result.error).toMatch(/1 of 6001 rows rejected; nothing was imported/);
    expect(result.rejected).toEqual([
      {
        row: 5002,
        problems: [
          {
            field: 'target_id',
            reason: 'unknown actor "nobody"',
            code: 'unknown_reference',
            values: { value: 'nobody', target: 'actor', targetJa: '主体' },
          },
        ],
        input: expect.objectContaining({ source_id: 'a1', target_id: 'nobody', type: 'mou' }),
      },
    ]);
    expect(await stored(db)).toEqual([]);
    const again = await load(db, file('good.csv', `${HEADER}\n${good.join('\n')}\n`), {
      batchSize: 500,
    });
    expect(again.report).toMatchObject({ rowsRead: 6000, written: 6000, committed: true });
  });
});

describe('readRelationBatches', () => {
  it('numbers each actor id once, and starts the numbering again past its cap', async () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) => `n${i % 37},n${(i * 7) % 41},mou,1,${1000 + i}-01-01,,,,`,
    );
    const path = file('numbered.csv', `${HEADER}\n${lines.join('\n')}\n`);
    for (const cap of [10, 4_000_000]) {
      const names: string[] = [];
      let restarts = 0;
      let rows = 0;
      for await (const batch of readRelationBatches(
        path,
        ENTITY_SPECS.relations,
        HEADER.split(','),
        16,
        cap,
      )) {
        if (batch.numberingRestarted) {
          restarts += 1;
          names.length = 0;
        }
        expect(batch.firstNewId).toBe(names.length);
        names.push(...batch.newIds);
        const parts = batchParts(batch);
        for (let r = 0; r < batch.rows.length; r++) {
          expect(names[batch.ends[2 * r] ?? -1]).toBe(parts[r * PACKED_FIELDS + 1]);
          expect(names[batch.ends[2 * r + 1] ?? -1]).toBe(parts[r * PACKED_FIELDS + 2]);
          rows += 1;
        }
      }
      expect(rows).toBe(300);
      if (cap === 10) expect(restarts).toBeGreaterThan(2);
      else expect(restarts).toBe(0);
    }
  });
});

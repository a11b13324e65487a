import { describe, expect, it } from 'vitest';
import { dayNumberOf, NO_DAY } from '#core/network-columns.ts';
import { RELATION_TYPES } from '#core/vocabulary.ts';
import { IdByteTable } from './id-byte-table.ts';
import {
  CopyTextRelationReader,
  dayAt,
  numberAt,
  unescapeCopyText,
  type RelationSink,
} from './packed-relation-text.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('numbers and dates read from bytes', () => {
  it('reads every number as Number reads its text', () => {
    const texts = [
      '0',
      '-0',
      '1',
      '1.0',
      '-3.0',
      '2.5',
      '0.30000000000000004',
      '0.1',
      '1.0e+300',
      '2.5e-07',
      '5e-324',
      '9007199254740993',
      '9007199254740992.5',
      '123456789.123',
      '.5',
      '1.',
      '007',
      '0.0000000000000000000001',
      '0.00000000000000000000001',
      '1e21',
      'Infinity',
      'NaN',
      '',
      '-',
      '.',
      '1.2.3',
      ' 4 ',
      '0x10',
      '１',
      '12345678901234567890',
      '4.35',
      '-0.000001',
    ];
    for (const text of texts) {
      const encoded = bytes(`x${text}y`);
      expect(Object.is(numberAt(encoded, 1, encoded.length - 1), Number(text)), text).toBe(true);
    }
    let seed = 99;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const digits = String(seed).slice(0, 1 + (i % 10));
      const text = `${i % 3 === 0 ? '-' : ''}${digits.slice(0, i % 5)}.${digits.slice(i % 5)}`;
      expect(numberAt(bytes(text), 0, text.length), text).toBe(Number(text));
    }
  });

  it('reads every date as dayNumberOf reads its text', () => {
    const texts = [
      '',
      '2020-01-05',
      '1970-01-01',
      '1969-12-31',
      '2020-13-40',
      '2020-02-30',
      '0099-02-03',
      '2020-1-5',
      '2020-01-0x',
      '２０２０-01-01',
      '2020/01/05',
      '20200105',
      '2020-01-05T10:00',
    ];
    for (const text of texts) {
      const encoded = bytes(text);
      const expected = dayNumberOf(text);
      expect(Object.is(dayAt(encoded, 0, encoded.length), expected), text).toBe(true);
    }
    expect(dayAt(bytes(''), 0, 0)).toBe(NO_DAY);
  });
});

describe('the id byte table', () => {
  it('finds each id by its bytes, long, short, multi-byte or empty, and nothing else', () => {
    const ids = [
      '',
      'a',
      'ab',
      'abcdefgh',
      'abcdefghi',
      'abcdefghj',
      '株式会社結び',
      '東京🍣',
      'P0000001',
    ];
    for (let i = 0; i < 5000; i++) ids.push(`id-${i}-${'x'.repeat(i % 23)}`);
    const table = new IdByteTable(ids);
    for (const [i, id] of ids.entries()) {
      const padded = bytes(`<<${id}>>`);
      expect(table.find(padded, 2, padded.length - 2)).toBe(i);
    }
    for (const missing of ['abcdefgi', 'abcdefghk', '株式会社', 'P0000002', 'id-1-x ', 'A']) {
      const encoded = bytes(missing);
      expect(table.find(encoded, 0, encoded.length)).toBe(-1);
    }
    // Many at once: the same answers.
    const lookedUp = [...ids, 'abcdefgi', '株式会社', 'id-7-xxxxxxx', 'nope'];
    const joined = bytes(lookedUp.join(''));
    const starts = new Int32Array(lookedUp.length);
    const ends = new Int32Array(lookedUp.length);
    let at = 0;
    for (const [i, id] of lookedUp.entries()) {
      starts[i] = at;
      at += bytes(id).length;
      ends[i] = at;
    }
    const found = new Int32Array(lookedUp.length);
    table.findAll(joined, starts, ends, lookedUp.length, found);
    expect(Array.from(found)).toEqual(
      lookedUp.map((_, i) => table.find(joined, starts[i] ?? 0, ends[i] ?? 0)),
    );
    expect(found.filter((position) => position < 0).length).toBe(3);
    // Of two equal ids the later wins, as in a Map.
    expect(new IdByteTable(['x', 'y', 'x']).find(bytes('x'), 0, 1)).toBe(2);
  });
});

describe('the COPY text reader', () => {
  it('reads the same rows whatever the chunks, with escapes and NULLs given to the row rules', () => {
    const ids = ['a', 'b', 'tab\there', 'back\\slash', '株式'];
    const escape = (text: string) =>
      text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    const lines = [
      ['a', 'b', 'mou', '2.5', '2020-01-05', '\\N', '1'],
      ['b', '株式', 'supply', '\\N', '\\N', '2021-12-31', '0'],
      [escape('tab\there'), escape('back\\slash'), 'mou', '1', '\\N', '\\N', '0'],
      ['a', 'ghost', 'mou', '1', '\\N', '\\N', '0'],
      ['a', 'b', 'teleport', 'Infinity', '\\N', '\\N', '0'],
    ];
    const text = bytes(lines.map((line) => `${line.join('\t')}\n`).join(''));
    const read = (chunkSize: number) => {
      const pushed: number[][] = [];
      const taken: unknown[][] = [];
      const sink: RelationSink = { push: (...row) => pushed.push(row) };
      const reader = new CopyTextRelationReader(
        { ids: new IdByteTable(ids), positionOf: () => undefined, isLeftOut: () => false },
        sink,
        (row) => taken.push([...row]),
      );
      for (let at = 0; at < text.length; at += chunkSize)
        reader.write(text.subarray(at, at + chunkSize));
      reader.end();
      return { pushed, taken };
    };
    const whole = read(text.length);
    expect(whole.pushed).toEqual([
      [0, 1, RELATION_TYPES.indexOf('mou'), 2.5, dayNumberOf('2020-01-05'), NO_DAY, 1],
      [1, 4, RELATION_TYPES.indexOf('supply'), 1, NO_DAY, dayNumberOf('2021-12-31'), 0],
    ]);
    expect(whole.taken).toEqual([
      ['tab\there', 'back\\slash', 'mou', 1, null, null, 0],
      ['a', 'ghost', 'mou', 1, null, null, 0],
      ['a', 'b', 'teleport', Infinity, null, null, 0],
    ]);
    for (const size of [1, 2, 3, 7, 31]) expect(read(size)).toEqual(whole);
    expect(unescapeCopyText(bytes('a\\\\b\\tc\\nd'), 0, 10)).toBe('a\\b\tc\nd');
  });
});

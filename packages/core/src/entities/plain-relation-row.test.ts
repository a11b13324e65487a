import { describe, expect, it } from 'vitest';
import { parseFlatRow } from '../flat-record.ts';
import {
  emptyPlainRelation,
  plainRelationColumns,
  readPlainRelation,
  type PlainRelation,
} from './plain-relation-row.ts';
import { relationKey } from './relation.ts';
import { ENTITY_SPECS } from './registry.ts';

const spec = ENTITY_SPECS.relations;
const HEADER = [
  'source_id',
  'target_id',
  'type',
  'weight',
  'start_date',
  'end_date',
  'note',
  'confirmed_at',
  'source',
];
/** A seeded generator (mulberry32): the same rows every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const columnOf = (field: string): string =>
  spec.columns.find((c) => c.field === field)?.column ?? field;

/** Cells a file may hold in each column: plain, odd but valid, and invalid. */
const CHOICES: Record<string, string[]> = {
  source_id: [
    'P1',
    'a-b_c.d',
    '大学1',
    ' P1',
    'P1 ',
    '',
    'a b',
    'a;b',
    'x'.repeat(200),
    'x'.repeat(201),
    "'=P1",
    "'P1",
    'P\u0000',
    'P\u0001',
    '\u3000P1',
  ],
  target_id: ['P2', 'P1', 'Ｐ２', '', 'P2\t', 'ø'],
  type: ['mou', 'co_authorship', 'MOU', ' mou', 'mou ', '', 'friends', "'mou"],
  weight: [
    '',
    '1',
    '0',
    '2.5',
    '007',
    '1.',
    '.5',
    '-1',
    '1e3',
    '１',
    ' 1',
    '1 ',
    'x',
    '9'.repeat(400),
    "'1",
    '1,5',
  ],
  start_date: [
    '',
    '2020-01-31',
    '2020-02-30',
    '2020-1-1',
    ' 2020-01-01',
    '2019-12-31',
    "'2020-01-01",
  ],
  end_date: ['', '2020-01-01', '2019-01-01', '2021-13-01', '2020-02-29'],
  note: [
    '',
    'メモ',
    ' spaced ',
    'n'.repeat(1000),
    'n'.repeat(1001),
    "'=SUM(A1)",
    "''=x",
    'a\u0000b',
  ],
  confirmed_at: ['', '2024-04-01', 'yesterday'],
  source: ['', '法人番号', 's'.repeat(500), 's'.repeat(501)],
};

function fullParse(cells: readonly string[], header: readonly string[]) {
  const row: Record<string, string> = {};
  header.forEach((name, i) => {
    const cell = cells[i] ?? '';
    // What the CSV reader does before the parse (formula-escape.ts): one escaping apostrophe off.
    row[name] = /^'+[=+\-@\t\r\n＝＋－＠]/.test(cell) ? cell.slice(1) : cell;
  });
  const outcome = parseFlatRow(spec, row);
  if (!outcome.ok) return outcome;
  const nul = Object.values(outcome.record).some(
    (v) => typeof v === 'string' && v.includes('\u0000'),
  );
  return nul ? { ok: false as const, problems: [] } : outcome;
}

function asRecord(plain: PlainRelation): Record<string, unknown> {
  return Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined));
}

describe('readPlainRelation', () => {
  it('accepts only rows the full parse accepts, with the same record and identity', () => {
    const at = plainRelationColumns(HEADER, columnOf);
    if (!at) throw new Error('header has no duplicate');
    const rng = seeded(7);
    const out = emptyPlainRelation();
    let plain = 0;
    for (let n = 0; n < 20_000; n++) {
      const cells = HEADER.map((column) => {
        const choices = CHOICES[column] ?? [''];
        // Mostly the first (plain) choice, so whole plain rows come up often.
        return rng() < 0.6
          ? (choices[0] ?? '')
          : (choices[Math.floor(rng() * choices.length)] ?? '');
      });
      const full = fullParse(cells, HEADER);
      if (!readPlainRelation(cells, at, out)) continue;
      plain += 1;
      expect(full.ok, JSON.stringify(cells)).toBe(true);
      if (!full.ok) continue;
      expect(asRecord(out)).toEqual(full.record);
      expect(relationKey(out)).toBe(spec.keyOf(full.record));
    }
    expect(plain).toBeGreaterThan(1000);
  });

  it('reads the plain row of a large network file, in any column order', () => {
    const header = ['weight', 'type', 'target_id', 'source_id'];
    const at = plainRelationColumns(header, columnOf);
    if (!at) throw new Error('header has no duplicate');
    const out = emptyPlainRelation();
    expect(readPlainRelation(['1', 'mou', 'P0000002', 'P0000001'], at, out)).toBe(true);
    expect(asRecord(out)).toEqual({
      sourceId: 'P0000001',
      targetId: 'P0000002',
      type: 'mou',
      weight: 1,
    });
    expect(readPlainRelation(['', 'mou', 'P2', 'P1'], at, out)).toBe(true);
    expect(out.weight).toBe(1);
    expect(readPlainRelation(['１', 'mou', 'P2', 'P1'], at, out)).toBe(false);
  });

  it('leaves a header naming a column twice to the full parse', () => {
    expect(
      plainRelationColumns(['source_id', 'target_id', 'type', 'type'], columnOf),
    ).toBeUndefined();
  });
});

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from './csv-line.ts';

describe('splitCsvLine', () => {
  it.each([
    ['"1","2010001000001","01"', ['1', '2010001000001', '01']],
    ['a,,c,', ['a', '', 'c', '']],
    ['"株式会社""あ""",x', ['株式会社"あ"', 'x']],
    ['"",""', ['', '']],
    ['"a,b",c', ['a,b', 'c']],
    ['', ['']],
  ])('splits %s as csv-parse does', (line, cells) => {
    expect(splitCsvLine(line)).toEqual({ cells });
    if (line !== '') expect((parse(line) as string[][])[0]).toEqual(cells);
  });

  it.each([['"a,b'], ['"a"b,c'], ['a"b,c']])('refuses %s as csv-parse does', (line) => {
    expect(splitCsvLine(line)).toEqual({ error: expect.any(String) });
    expect(() => parse(line, { relax_quotes: false })).toThrow();
  });
});

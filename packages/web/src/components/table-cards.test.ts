import { describe, expect, it } from 'vitest';
import { becomesCards, cellLabels } from './table-cards.ts';

describe('cellLabels', () => {
  it('gives each cell its column heading', () => {
    expect(cellLabels(['名前', '種別', '都道府県'], [1, 1, 1])).toEqual([
      '名前',
      '種別',
      '都道府県',
    ]);
  });

  it('skips the columns a wide cell covers', () => {
    expect(cellLabels(['a', 'b', 'c', 'd'], [2, 1, 1])).toEqual(['a', 'c', 'd']);
  });

  it('leaves cells beyond the headings unlabelled', () => {
    expect(cellLabels(['a'], [1, 1])).toEqual(['a', '']);
  });
});

describe('becomesCards', () => {
  it('turns tables of three or more columns into cards', () => {
    expect(becomesCards([], 3)).toBe(true);
    expect(becomesCards([], 2)).toBe(false);
  });

  it('keeps bar tables, signal tables, the risk matrix and tables marked keep-table', () => {
    for (const kind of ['bar-table', 'signal-table', 'risk-matrix', 'keep-table'])
      expect(becomesCards([kind], 5)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatPValue,
  formatShare,
  formatSignificant,
  formatYen,
  NOT_COMPUTABLE,
} from './stat-format.ts';

describe('statistics formatting', () => {
  it('shows a value that could not be computed as a dash, never a number', () => {
    expect(formatSignificant(null, 'ja')).toBe(NOT_COMPUTABLE);
    expect(formatPValue(null)).toBe(NOT_COMPUTABLE);
    expect(formatShare(null, 'en')).toBe(NOT_COMPUTABLE);
    expect(formatNumber(null, 'en')).toBe(NOT_COMPUTABLE);
    expect(formatYen(null, 'ja')).toBe(NOT_COMPUTABLE);
  });

  it.each([
    [0.0000038, '< 0.001'],
    [0.001, '0.001'],
    [0.0058522, '0.006'],
    [0.36376, '0.364'],
    [1, '1.000'],
  ])('p = %s reads %s', (p, text) => {
    expect(formatPValue(p)).toBe(text);
  });

  it.each([
    [3.8217325, 'en', '3.82'],
    [8616.757, 'en', '8,620'],
    [0.114314, 'ja', '0.114'],
    [-0.1275769, 'en', '-0.128'],
    [0, 'en', '0'],
  ])('%s in %s has three significant digits: %s', (value, language, text) => {
    expect(formatSignificant(value, language)).toBe(text);
  });

  it('writes yen in 万/億 in Japanese and compactly in English', () => {
    expect(formatYen(30_200_000, 'ja')).toBe('3,020万円');
    expect(formatYen(5_000_000_000, 'ja')).toBe('50億円');
    expect(formatYen(9_000, 'ja')).toBe('9,000円');
    expect(formatYen(30_200_000, 'en')).toBe('¥30.2M');
  });

  it('writes shares as percentages', () => {
    expect(formatShare(0.5806, 'en')).toBe('58.1%');
  });
});
